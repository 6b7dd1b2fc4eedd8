package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"strategytracker/model"
)

// TestWarnsAboutAFileOnANetworkShare: a file the system reports on a
// network share is opened with a warning that names it and points to the
// server; a local file opens without one.
func TestWarnsAboutAFileOnANetworkShare(t *testing.T) {
	for _, tt := range []struct {
		name    string
		network bool
	}{{"local disk", false}, {"network share", true}} {
		t.Run(tt.name, func(t *testing.T) {
			a := test.NewTempApp(t)
			store := newMemStore(testDoc())
			var asked string
			u := New(a, store, Options{Lang: model.BG, Today: func() model.Date { return testAsOf },
				NetworkDrive: func(path string) (string, bool) { asked = path; return "cifs", tt.network }})
			u.useQueue()
			var seen []any
			u.observe = func(x any) { seen = append(seen, x) }
			t.Cleanup(func() { u.settle(); setLanguage(model.BG) })
			u.Start()
			u.settle()
			if asked != store.Path() {
				t.Errorf("the check was asked about %q, want %q", asked, store.Path())
			}
			warned := false
			for _, x := range seen {
				if w, ok := x.(networkWarning); ok && string(w) == store.Path() {
					warned = true
				}
			}
			if warned != tt.network {
				t.Errorf("warned = %v, want %v", warned, tt.network)
			}
		})
	}
	if got := trf("netfs.warning", "X:\\strategy.db", "network drive X:"); got == "netfs.warning" || !containsAll(got, "X:\\strategy.db", "network drive X:") {
		t.Errorf("the warning reads %q", got)
	}
}

func containsAll(s string, parts ...string) bool {
	for _, p := range parts {
		if !strings.Contains(s, p) {
			return false
		}
	}
	return true
}
