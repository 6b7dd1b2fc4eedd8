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
	if steadyCursor(e) {
		t.Fatal("an unfocused field had a blinking cursor to stop")
	}
	w.Canvas().Focus(e)
	e.Refresh()
	if got := focusedEntry(w.Canvas().Focused()); got != e {
		t.Fatalf("the focused entry is %v", got)
	}
	if !steadyCursor(e) {
		t.Fatal("the focused field's cursor animation was not found")
	}
	e.Refresh()
	if steadyCursor(e) {
		t.Error("the entry started blinking again while focused")
	}
	test.Type(e, "x")
	if e.Text != "x" {
		t.Errorf("typing after the cursor stopped: %q", e.Text)
	}
}
