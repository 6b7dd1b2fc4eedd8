package app

import (
	"errors"
	"strings"

	"strategytracker/model"
)

// The field rules of DESIGN.md §1 live once, in model: a form asks the row
// for the first error of each of its fields (FieldErrors) and says each
// beside its field in the user's language, by the rule it names.

// validateMeasure puts the model's refusals of m beside the form's fields;
// doc answers for the references (a code already used, an area that is
// gone).
func validateMeasure(m *model.Measure, doc *model.Doc, errs formErrs) {
	for _, err := range m.FieldErrors() {
		setModelError(errs, err)
	}
	if err := doc.CheckMeasureRefs(m); err != nil {
		setModelError(errs, err)
	}
}

// validateMilestone is validateMeasure for a milestone.
func validateMilestone(r *model.Milestone, today model.Date, errs formErrs) {
	for _, err := range r.FieldErrors(today) {
		setModelError(errs, err)
	}
}

// setModelError puts a validation error of the model beside the form field
// it names: a text's Bulgarian part beside the field, its English part
// beside field_en, a funding source or an override beside its group.
func setModelError(errs formErrs, err error) {
	var field string
	var me *model.Error
	if errors.As(err, &me) {
		field = me.Field
	}
	switch {
	case strings.HasSuffix(field, ".en") && !strings.Contains(field, "["):
		field = strings.TrimSuffix(field, ".en") + "_en"
	case strings.HasSuffix(field, ".bg") && !strings.Contains(field, "["):
		field = strings.TrimSuffix(field, ".bg")
	case strings.HasPrefix(field, "funding"):
		field = "funding"
	case strings.HasPrefix(field, "override."):
		field = "override"
	}
	if me == nil || field == "" {
		return
	}
	errs.set(field, ruleText(me))
}

// ruleText says the rule err broke in the user's language; a rule without
// words of its own keeps the model's message.
func ruleText(e *model.Error) string {
	switch e.Rule {
	case model.RuleRequired:
		if base, _, _ := strings.Cut(e.Field, "."); base == "title" || base == "name" {
			return tr("invalid.title")
		}
		return tr("invalid.required")
	case model.RuleTooLong:
		return trf("invalid.toolong", int(e.Limit))
	case model.RuleOrder:
		return tr("invalid.endbeforestart")
	case model.RulePositive:
		return tr("invalid.weight")
	case model.RuleRange:
		switch e.Field {
		case "manualProgress":
			return tr("invalid.progress")
		case "due", "completed":
			return tr("invalid.range")
		case "weight":
			return tr("invalid.weight")
		}
	case model.RuleNegative:
		return tr("invalid.negative")
	case model.RuleFuture:
		return tr("invalid.future")
	case model.RuleLink:
		return tr("invalid.link")
	case model.RuleReason:
		return tr("invalid.reason")
	case model.RuleUsed:
		return tr("invalid.duplicate")
	case model.RuleSpaces:
		return tr("invalid.spaces")
	case model.RuleNotUTF8:
		return tr("invalid.utf8")
	}
	return e.Message
}
