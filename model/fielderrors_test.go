package model

import (
	"strings"
	"testing"
)

// TestFieldErrorsNameEveryBrokenFieldAndItsRule: a form gets the first
// error of each field at once, each with the field and the rule, while
// Validate still returns the first one.
func TestFieldErrorsNameEveryBrokenFieldAndItsRule(t *testing.T) {
	m := Measure{Code: " 1.1", Title: Text{}, Description: T(strings.Repeat("я", MaxNote+1), ""),
		Start: MustDate("2026-06-01"), End: MustDate("2026-01-01"), Weight: 0, ManualProgress: 120,
		PlannedCents: -1, Override: &Override{Status: StatusAtRisk}}
	got := map[string]Rule{}
	for _, err := range m.FieldErrors() {
		e := err.(*Error)
		if _, dup := got[e.Field]; dup {
			t.Errorf("field %s reported twice", e.Field)
		}
		got[e.Field] = e.Rule
	}
	want := map[string]Rule{"code": RuleSpaces, "area": RuleRequired, "leadUnit": RuleRequired, "title": RuleRequired,
		"description.bg": RuleTooLong, "end": RuleOrder, "weight": RulePositive, "manualProgress": RuleRange,
		"plannedCents": RuleNegative, "override.reason": RuleReason}
	for f, r := range want {
		if got[f] != r {
			t.Errorf("field %s: rule %q, want %q", f, got[f], r)
		}
	}
	if len(got) != len(want) {
		t.Errorf("fields %v, want %v", got, want)
	}
	if err := m.Validate(); ErrorCode(err) != EINVALID || err.(*Error).Field != "code" {
		t.Errorf("Validate: %v, want the code's error first", err)
	}
	long := Measure{Code: strings.Repeat("x", MaxCode+1)}
	if r, limit := ErrorRule(long.FieldErrors()[0]); r != RuleTooLong || limit != MaxCode {
		t.Errorf("a long code: rule %q limit %v", r, limit)
	}

	ms := Milestone{Due: MustDate("2026-12-31"), Completed: MustDate("2027-01-05"), Weight: 1, Evidence: "ftp://x"}
	got = map[string]Rule{}
	for _, err := range ms.FieldErrors(MustDate("2026-12-01")) {
		e := err.(*Error)
		got[e.Field] = e.Rule
	}
	if got["title"] != RuleRequired || got["completed"] != RuleFuture || got["evidence"] != RuleLink || len(got) != 3 {
		t.Errorf("milestone: %v", got)
	}
}
