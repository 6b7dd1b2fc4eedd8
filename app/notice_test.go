package app

import (
	"errors"
	"testing"

	"fyne.io/fyne/v2"

	"strategytracker/model"
)

// Every notice — a result, a refusal, an error — closes with Enter: its
// button has the focus.
func TestEnterClosesEveryNotice(t *testing.T) {
	h := newHarness(t, testDoc(), pOffice)
	shows := map[string]func(){
		"a result": func() { h.u.inform(tr("menu.backup"), trf("backup.done", "/tmp/копие.db")) },
		"an error": func() { h.u.showError(tr("error.export"), errors.New("disk full")) },
		"a refusal": func() {
			h.u.showError(tr("error.save"), model.Forbidden(model.ReasonCouncil, "council"))
		},
	}
	for name, show := range shows {
		show()
		c := h.u.win.Canvas()
		if c.Overlays().Top() == nil {
			t.Fatalf("%s: no dialog", name)
		}
		n := latest[*notice](h)
		f, ok := c.Focused().(*enterButton)
		if !ok || f != n.close {
			t.Fatalf("%s: the focus is on %v, not the notice's button", name, c.Focused())
		}
		f.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
		if c.Overlays().Top() != nil || c.Focused() != nil {
			t.Errorf("%s: Enter left the dialog open (or the focus in it)", name)
		}
	}
}
