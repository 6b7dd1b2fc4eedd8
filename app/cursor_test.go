package app

import (
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// A focused field's cursor can be made steady: its blinking animation is
// reached and stopped (and only once), and the entry does not start
// another while it keeps the focus. This fails when a Fyne upgrade moves
// the entry's unexported cursor animation (cursor.go).
func TestCursorStopsBlinking(t *testing.T) {
	a := test.NewTempApp(t)
	e := widget.NewEntry()
	w := a.NewWindow("cursor")
	w.SetContent(e)
	var s steadier
	if s.steady(e) {
		t.Fatal("an unfocused field had a blinking cursor to stop")
	}
	w.Canvas().Focus(e)
	e.Refresh()
	if got := focusedEntry(w.Canvas().Focused()); got != e {
		t.Fatalf("the focused entry is %v", got)
	}
	if !s.steady(e) {
		t.Fatal("the focused field's cursor animation was not found")
	}
	e.Refresh()
	if s.steady(e) {
		t.Error("the entry started blinking again while focused")
	}
	test.Type(e, "x")
	if e.Text != "x" {
		t.Errorf("typing after the cursor stopped: %q", e.Text)
	}
}

// Ctrl+F and Ctrl+1…6 do nothing while a dialog is open: they switched
// the screen and focused a field behind it (issue 22).
func TestShortcutsWaitForTheDialog(t *testing.T) {
	h := newHarness(t, testDoc(), pOffice)
	u := h.u
	u.showScreen(screenDashboard)
	u.onExport()
	for _, it := range u.menu.shortcutItems() {
		if it.Shortcut == shortcutScreens[1] || it.Shortcut == shortcutFind {
			it.Action()
		}
	}
	if u.current != screenDashboard || u.win.Canvas().Focused() != nil {
		t.Errorf("behind the export dialog: screen %s, focus %v", u.current, u.win.Canvas().Focused())
	}
}
