package model

import (
	"errors"
	"strings"
	"testing"
)

// TestAdoptionAndPeriodDates: an adoption's date and a period's dates are
// refused by the one rule of the work's dates (checkDue, MinDue–MaxDue),
// with its Rule and Field as every other date; the adoption's texts by
// the text rules. Adoption.Validate and Period.Validate had their own
// copies, without a Rule or a Field the app could translate.
func TestAdoptionAndPeriodDates(t *testing.T) {
	adoption := func(change func(*Adoption)) func() error {
		a := Adoption{AdoptedOn: NewDate(2020, 6, 11), CouncilDecision: T("Решение № 338", ""), By: "Ивелина Петрова"}
		change(&a)
		return a.Validate
	}
	per := func(change func(*Period)) func() error {
		p := period("Q4")
		change(&p)
		return p.Validate
	}
	for _, tc := range []struct {
		name     string
		validate func() error
		rule     Rule // "" when accepted
		field    string
	}{
		{"adoption", adoption(func(*Adoption) {}), "", ""},
		{"adoption on 01.01.2000", adoption(func(a *Adoption) { a.AdoptedOn = MinDue }), "", ""},
		{"adoption on 31.12.2100", adoption(func(a *Adoption) { a.AdoptedOn = MaxDue }), "", ""},
		{"adoption without a date", adoption(func(a *Adoption) { a.AdoptedOn = 0 }), RuleRequired, "adoptedOn"},
		{"adoption on 31.12.1999", adoption(func(a *Adoption) { a.AdoptedOn = NewDate(1999, 12, 31) }), RuleRange, "adoptedOn"},
		{"adoption on 01.01.2101", adoption(func(a *Adoption) { a.AdoptedOn = NewDate(2101, 1, 1) }), RuleRange, "adoptedOn"},
		{"adoption without a decision", adoption(func(a *Adoption) { a.CouncilDecision = Text{} }), RuleRequired, "councilDecision"},
		{"adoption with a long decision", adoption(func(a *Adoption) { a.CouncilDecision.EN = strings.Repeat("я", MaxTitle+1) }), RuleTooLong, "councilDecision.en"},
		{"adoption by broken UTF-8", adoption(func(a *Adoption) { a.By = "\xff" }), RuleNotUTF8, "by"},
		{"period", per(func(*Period) {}), "", ""},
		{"period without a start", per(func(p *Period) { p.Start = 0 }), RuleRequired, "start"},
		{"period starting in 1999", per(func(p *Period) { p.Start = NewDate(1999, 10, 1) }), RuleRange, "start"},
		{"period due in 2101", per(func(p *Period) { p.Due = NewDate(2101, 1, 1) }), RuleRange, "due"},
		{"period reopened without a reason", per(func(p *Period) { p.Reopened = []Reopening{{Reason: " "}} }), RuleRequired, "reopen reason"},
		{"period reopened for a long reason", per(func(p *Period) { p.Reopened = []Reopening{{Reason: strings.Repeat("я", MaxNote+1)}} }), RuleTooLong, "reopen reason"},
		{"period reopened for broken UTF-8", per(func(p *Period) { p.Reopened = []Reopening{{Reason: "\xff"}} }), RuleNotUTF8, "reopen reason"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			wantRule(t, tc.validate(), tc.rule, tc.field)
		})
	}
}

// wantRule fails t unless err is accepted (rule "") or an *Error of rule
// on field.
func wantRule(t *testing.T, err error, rule Rule, field string) {
	t.Helper()
	if rule == "" {
		if err != nil {
			t.Fatalf("got %v, want it accepted", err)
		}
		return
	}
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("got %v, want a %s error", err, rule)
	}
	if e.Rule != rule || e.Field != field {
		t.Errorf("got rule %q field %q, want %q %q (%s)", e.Rule, e.Field, rule, field, e.Message)
	}
}

// TestRevisionTexts: a revision's reason and values are refused by the
// text rules (checkText, checkString) with their Rule and Field; it had
// its own limits (4000 and 300 bytes) and messages without either.
func TestRevisionTexts(t *testing.T) {
	rev := func(change func(*Revision)) func() error {
		r := Revision{ID: 1, Entity: EntityMeasure, Field: "plannedCents", Reason: T("Решение № 12", ""),
			Original: "100000", Previous: "100000", Current: "120000", By: "Ивелина Петрова", At: "2026-12-07T10:30:00Z"}
		change(&r)
		return r.Validate
	}
	for _, tc := range []struct {
		name     string
		validate func() error
		rule     Rule
		field    string
	}{
		{"revision", rev(func(*Revision) {}), "", ""},
		{"reason of 4000 Cyrillic letters", rev(func(r *Revision) { r.Reason.BG = strings.Repeat("я", MaxNote) }), "", ""},
		{"no reason", rev(func(r *Revision) { r.Reason = T(" ", "") }), RuleRequired, "reason"},
		{"reason too long", rev(func(r *Revision) { r.Reason.EN = strings.Repeat("a", MaxNote+1) }), RuleTooLong, "reason.en"},
		{"by broken UTF-8", rev(func(r *Revision) { r.By = "\xff" }), RuleNotUTF8, "by"},
		{"value too long", rev(func(r *Revision) { r.Current = strings.Repeat("1", MaxTitle+1) }), RuleTooLong, "current"},
	} {
		t.Run(tc.name, func(t *testing.T) { wantRule(t, tc.validate(), tc.rule, tc.field) })
	}
}
