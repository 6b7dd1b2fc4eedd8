package app

import (
	"fyne.io/fyne/v2/widget"

	"strategytracker/model"
)

// A duplicate's milestones keep their dates: a copy of a measure begun
// years ago would have milestones due in the past and be delayed at once.
// The duplicate form offers to move the copy's dates so that it begins
// today (its milestones keep their spacing); the offer is checked.

// dateShift is the duplicate form's offer; nil when nothing of the copy
// would lie in the past.
type dateShift struct {
	days  int
	check *widget.Check
}

// offerShift makes the offer for a copy of src made today.
func (u *UI) offerShift(src *model.Measure) *dateShift {
	from := src.Start
	past := false
	for _, ms := range src.Milestones {
		if ms.Due < u.today {
			past = true
			if from == 0 || ms.Due < from {
				from = ms.Due
			}
		}
	}
	if !past || from == 0 || from >= u.today {
		return nil
	}
	s := &dateShift{days: u.today.DaysSince(from)}
	s.check = widget.NewCheck(trn("measure.duplicate.shift", s.days, model.FormatNumber(float64(s.days), 0, u.lang), src.Start.AddDays(s.days).Format(u.lang)), nil)
	s.check.SetChecked(true)
	return s
}

// apply moves the copy's dates when the offer is taken: m's start and end,
// or a milestone's due date.
func (s *dateShift) apply(dates ...*model.Date) {
	if s == nil || !s.check.Checked {
		return
	}
	for _, d := range dates {
		if !d.IsZero() {
			*d = d.AddDays(s.days)
		}
	}
}
