package model

import (
	"errors"
	"fmt"
	"testing"
)

// The words of an error are found by its codes, never by its English
// message: a validation error by its rule and field, a refusal by its
// reason.
func TestSay(t *testing.T) {
	texts := map[string]string{
		"field.email": "Е-поща", "field.title": "Заглавие", "field.note": "Бележка",
		"invalid.email": "не е адрес", "invalid.title": "празно на двата езика",
		"invalid.toolong": "най-много %d знака", "lock.reason.council_read_only": "само преглед",
	}
	lookup := func(key string) (string, bool) { s, ok := texts[key]; return s, ok }
	tooLong := ruleError(RuleTooLong, MaxNote, "milestone 5", "note", "is 5000 characters long")
	tests := []struct {
		name string
		err  error
		want string
	}{
		{"nil", nil, ""},
		{"a rule with its field", (&Person{ID: 1, Name: T("Мария", ""), Unit: "U", Email: "m.ivanova", Role: RoleOffice}).Validate(), "Е-поща: не е адрес"},
		{"a title's part", ruleError(RuleRequired, 0, `goal "G1"`, "title.en", "is empty in both languages"), "Заглавие: празно на двата езика"},
		{"a limit", tooLong, "Бележка: най-много 4000 знака"},
		{"wrapped", fmt.Errorf("saving: %w", tooLong), "Бележка: най-много 4000 знака"},
		{"a reason", Forbidden(ReasonCouncil, "Vera is a council member and may not change anything"), "само преглед"},
		{"no words for the rule: the message", ruleError(RuleOneOf, 0, "unit 1", "kind", "is wrong"), "unit 1: kind is wrong"},
		{"not a model error", errors.New("disk full"), "internal error: disk full"},
	}
	for _, tt := range tests {
		if got := Say(tt.err, lookup); got != tt.want {
			t.Errorf("%s: got %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestFieldBase(t *testing.T) {
	for key, want := range map[string]string{"title.en": "title", "funding[1].amountCents": "funding", "email": "email", "": ""} {
		if got := FieldBase(key); got != want {
			t.Errorf("FieldBase(%q) = %q, want %q", key, got, want)
		}
	}
}
