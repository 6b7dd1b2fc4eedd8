package app

import (
	"strings"
	"unicode/utf8"

	"strategytracker/model"
)

// The field rules below repeat model's Validate so that each message shows
// beside its field; they go once model.Error carries the field it names.

// validateMeasure checks what DESIGN.md §1 refuses, field by field, in the
// user's language; doc is used for duplicate codes.
func validateMeasure(m *model.Measure, doc *model.Doc, errs formErrs) {
	set := errs.set
	switch {
	case m.Code == "":
		set("code", tr("invalid.required"))
	case utf8.RuneCountInString(m.Code) > model.MaxCode:
		set("code", trf("invalid.toolong", model.MaxCode))
	default:
		if other := doc.MeasureByCode(m.Code); other != nil && other.ID != m.ID {
			set("code", tr("invalid.duplicate"))
		}
	}
	if m.Title.IsEmpty() {
		set("title", tr("invalid.title"))
	}
	if utf8.RuneCountInString(m.Title.BG) > model.MaxTitle {
		set("title", trf("invalid.toolong", model.MaxTitle))
	}
	if utf8.RuneCountInString(m.Title.EN) > model.MaxTitle {
		set("title_en", trf("invalid.toolong", model.MaxTitle))
	}
	if utf8.RuneCountInString(m.Description.BG) > model.MaxNote {
		set("description", trf("invalid.toolong", model.MaxNote))
	}
	if utf8.RuneCountInString(m.Description.EN) > model.MaxNote {
		set("description_en", trf("invalid.toolong", model.MaxNote))
	}
	if m.Area == "" {
		set("area", tr("invalid.required"))
	}
	if m.LeadUnit == "" {
		set("leadUnit", tr("invalid.required"))
	}
	if m.Start != 0 && m.End != 0 && m.End < m.Start {
		set("end", tr("invalid.endbeforestart"))
	}
	if !(m.Weight > 0) {
		set("weight", tr("invalid.weight"))
	}
	if m.ManualProgress < 0 || m.ManualProgress > 100 {
		set("manualProgress", tr("invalid.progress"))
	}
	if m.PlannedCents < 0 {
		set("plannedCents", tr("invalid.negative"))
	}
	if m.SpentCents < 0 {
		set("spentCents", tr("invalid.negative"))
	}
	if m.Override != nil && strings.TrimSpace(m.Override.Reason) == "" {
		set("override", tr("invalid.reason"))
	}
}

// validateMilestone checks a milestone's fields as validateMeasure does.
func validateMilestone(r *model.Milestone, today model.Date, errs formErrs) {
	set := errs.set
	if r.Title.IsEmpty() {
		set("title", tr("invalid.title"))
	}
	if r.Due != 0 && (r.Due < model.MinDue || r.Due > model.MaxDue) {
		set("due", tr("invalid.range"))
	}
	if r.Completed != 0 && r.Completed > today {
		set("completed", tr("invalid.future"))
	}
	if !(r.Weight > 0) {
		set("weight", tr("invalid.weight"))
	}
	if model.CheckLink("", "", r.Evidence) != nil {
		set("evidence", tr("invalid.link"))
	}
}
