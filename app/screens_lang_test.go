package app

import (
	"strings"
	"testing"

	"strategytracker/model"
)

// The forms of the English screen propose their dates as the English
// screen writes them ("30 Nov 2026"), not as the Bulgarian one; the audit
// log of the English screen quotes names with English quotation marks
// (issue 22 screenshots: "07.12.2026" in the English new-measure form,
// „Q4 2026“ in the English audit log).
func TestEnglishScreenWritesEnglishDatesAndQuotes(t *testing.T) {
	h := newHarness(t, periodDoc(), pOffice)
	h.u.onLanguage(model.EN)
	h.u.onNewMeasure("A1")
	mf := lastMeasureForm
	if got, want := mf.start.Text, testAsOf.Format(model.EN); got != want {
		t.Errorf("new measure's start reads %q, want %q", got, want)
	}
	h.u.hideDialogs()
	h.u.structure.onAdopt()
	if got, want := h.u.structure.ed.lastAdopt.date.Text, testAsOf.Format(model.EN); got != want {
		t.Errorf("adoption date reads %q, want %q", got, want)
	}

	v := newAuditView(periodDoc(), model.EN)
	got := v.line(model.AuditEntry{At: "2026-12-07T15:58:25.704036Z", Action: model.ActionUpdate, Entity: model.EntityPeriod, EntityID: 7,
		Field: "state", Old: `"closed"`, New: `"open"`})
	if !strings.Contains(got, "“Q4 2026”") || strings.Contains(got, "„") {
		t.Errorf("English audit line %q: want “Q4 2026”", got)
	}
}
