package app

import (
	"reflect"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// The calendar of an empty date field opens on the session's today (the
// app's clock, here 30.11.2026), not the machine's; and however it closes
// — Esc, or a tap outside it — the canvas keeps its own key handler (issue
// 22: closed by a tap outside, the calendar left its Esc handler on the
// canvas, and a later Esc pulled the focus back to the date field).
func TestCalendarTodayAndKeys(t *testing.T) {
	h := newHarness(t, testDoc(), pOffice)
	h.u.showScreen(screenAudit)
	c := h.u.win.Canvas()
	var typed []fyne.KeyName
	c.SetOnTypedKey(func(ev *fyne.KeyEvent) { typed = append(typed, ev.Name) })
	keys := reflect.ValueOf(c.OnTypedKey()).Pointer()
	from := h.u.audit.from
	pick := from.ActionItem.(*widget.Button)

	for _, close := range []string{"esc", "tap outside"} {
		h.tap(pick)
		cal := h.calendar()
		if got, want := cal.label.Text, "ноември 2026 г."; got != want {
			t.Errorf("%s: the calendar of an empty field opens on %q, want the session's month %q", close, got, want)
		}
		switch close {
		case "esc":
			esc := &fyne.KeyEvent{Name: fyne.KeyEscape}
			if f := c.Focused(); f != nil { // a key goes to the focused object, else to the canvas
				f.TypedKey(esc)
			} else {
				c.OnTypedKey()(esc)
			}
			if c.Focused() != fyne.Focusable(from) {
				t.Errorf("after Esc the focus is on %T, want the date field", c.Focused())
			}
		case "tap outside":
			c.Overlays().Top().(*widget.PopUp).Tapped(&fyne.PointEvent{})
			c.Unfocus()
		}
		if top := c.Overlays().Top(); top != nil {
			t.Errorf("%s: the calendar is still shown (%T)", close, top)
		}
		if got := reflect.ValueOf(c.OnTypedKey()).Pointer(); got != keys {
			t.Errorf("%s: the canvas's key handler was not given back", close)
		}
	}
	typed = nil
	c.OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if len(typed) != 1 || c.Focused() != nil {
		t.Errorf("Esc after the calendar closed: the canvas's handler saw %v, the focus went to %T", typed, c.Focused())
	}
	if from.Text != "" {
		t.Errorf("the date field reads %q after closing without a pick", from.Text)
	}
}
