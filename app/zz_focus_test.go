package app

import (
	"bytes"
	"log"
	"os"
	"testing"

	"fyne.io/fyne/v2/test"
)

func TestZZFocusSwitch(t *testing.T) {
	h := newHarness(t, testDoc(), pOffice)
	var buf bytes.Buffer
	log.SetOutput(&buf)
	defer log.SetOutput(os.Stderr)
	for _, id := range []int64{2, 1} {
		h.u.onSwitchUser()
		h.u.identity.choose(id)
		h.u.win.Canvas().Focus(h.u.identity.people)
		test.Tap(h.u.identity.ok)
		h.u.settle()
	}
	t.Logf("log: %s", buf.String())
}
