package app

import (
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// The header's dates have their calendars, as every other date field: the
// one picked is written in the field.
func TestHeaderDatesHavePickers(t *testing.T) {
	h := newHarness(t, testDoc(), pOffice)
	s := h.u.structure
	s.onEditHeader()
	sf := s.ed.lastForm
	for _, name := range []string{"adoptedOn", "periodStart", "periodEnd"} {
		e := sf.entries[name]
		pick, ok := e.ActionItem.(*widget.Button)
		if !ok {
			t.Errorf("%s has no calendar", name)
			continue
		}
		test.Tap(pick)
		cal := latest[*datePicker](h)
		cal.OnChanged(testAsOf.Time())
		if got, want := e.Text, testAsOf.Format(currentLang()); got != want {
			t.Errorf("%s after picking: %q, want %q", name, got, want)
		}
	}
}
