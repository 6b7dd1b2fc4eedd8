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

// ruleText says the rule e broke in the user's language (model.RuleKey
// finds its words); a rule without words of its own keeps the model's
// message.
func ruleText(e *model.Error) string {
	if s := model.RuleText(e, currentTexts); s != "" {
		return s
	}
	return e.Message
}

// errorMessage is err in the user's language (model.Say): a broken rule
// with its field's name, a refusal with its reason, else the message.
func errorMessage(err error) string { return model.Say(err, currentTexts) }
