//go:build screenshots

package app

import (
	"strategytracker/model"
)

// planShots are the screens and dialogs of the plan (issue 11) for the
// screenshots: the Structure screen with its editing bar, a goal's form,
// a refused delete with its offer to reassign, marking the plan adopted,
// the measure actions and the question for a reason.
func (u *UI) planShots(measureID model.ID) []shot {
	unitWithMeasures := func() model.ID {
		if m := u.doc.Measure(measureID); m != nil {
			if un := u.doc.Unit(m.LeadUnit); un != nil {
				return un.ID
			}
		}
		return 0
	}
	area := func() string {
		if m := u.doc.Measure(measureID); m != nil {
			return m.Area
		}
		return ""
	}
	return []shot{
		{"plan-structure", func() {
			u.hideDialogs()
			u.showScreen(screenStructure)
			u.structure.tabs.SelectIndex(0)
			u.structure.goals.Select(0)
		}},
		{"plan-goal-form", func() { u.structure.onEdit(model.EntityGoal) }},
		{"plan-delete-unit", func() {
			u.hideDialogs()
			u.structure.tabs.SelectIndex(2)
			u.structure.openDelete(model.EntityUnit, unitWithMeasures())
		}},
		{"plan-adopt", func() {
			u.hideDialogs()
			u.structure.onAdopt()
		}},
		{"plan-new-measure", func() {
			u.hideDialogs()
			u.onNewMeasure(area())
		}},
		{"plan-detail-actions", func() {
			u.hideDialogs()
			u.openMeasure(measureID)
			u.detail.tabs.SelectIndex(len(u.detail.tabs.Items) - 1)
		}},
		{"plan-duplicate", func() { u.onDuplicateMeasure(measureID) }},
		{"plan-move", func() {
			u.hideDialogs()
			u.onMoveMeasure(measureID)
		}},
		{"plan-delete-measure", func() {
			u.hideDialogs()
			u.onDeleteMeasure(measureID)
		}},
		{"plan-reason", func() {
			u.hideDialogs()
			u.askRevisionReason("", func(model.Tx) error { return nil }, nil, model.Errorf(model.EINVALID, "%s", model.ReasonNeeded))
		}},
	}
}
