package pdf

import (
	"strings"
	"testing"

	"strategytracker/model"
)

// TestNoteAndReasonInTheReportsLanguage: a milestone's note and a status
// override's reason are two-language texts (DESIGN.md §1.2): each report
// shows its language's text, and marks the other one as untranslated only
// when its own is missing.
func TestNoteAndReasonInTheReportsLanguage(t *testing.T) {
	d := demoDoc(t, false)
	m := &d.Measures[0]
	m.Override = &model.Override{Status: model.StatusAtRisk, Reason: "Обжалвана поръчка", ReasonEn: "Appealed tender"}
	m.Milestones[0].Note, m.Milestones[0].NoteEn = "Приет от комисията", "Accepted by the committee"
	m1 := &d.Measures[1]
	m1.Milestones[0].Note, m1.Milestones[0].NoteEn = "Само на български", ""
	m1.Milestones[1].Note, m1.Milestones[1].NoteEn = "", "Only in English"
	text := func(lang model.Lang) string {
		return strings.Join(strings.Fields(nbsp(run(t, "pdftotext", writeFileWith(t, d, demoOptions(lang)), "-"))), " ")
	}
	en, bg := text(model.EN), text(model.BG)
	for _, tt := range []struct {
		report, lang, want string
		present            bool
	}{
		{en, "en", "Accepted by the committee", true},
		{en, "en", "Appealed tender", true},
		{en, "en", "Приет от комисията", false},
		{en, "en", "Обжалвана поръчка", false},
		{en, "en", "[not translated] Само на български", true},
		{bg, "bg", "Приет от комисията", true},
		{bg, "bg", "Обжалвана поръчка", true},
		{bg, "bg", "Accepted by the committee", false},
		{bg, "bg", "Appealed tender", false},
		{bg, "bg", "[без превод] Only in English", true},
		{en, "en", "Only in English", true},
	} {
		if got := strings.Contains(tt.report, tt.want); got != tt.present {
			t.Errorf("the %s report shows %q: %v, want %v", tt.lang, tt.want, got, tt.present)
		}
	}
}

// TestSubmitterIsAPerson: "От" on the memo and "Вносител" among the
// signatures name the strategy's submitter with their position; the
// report's -submitter option still wins; without either, the office's unit.
func TestSubmitterIsAPerson(t *testing.T) {
	d := demoDoc(t, false)
	var submitter, other *model.Person
	for i := range d.People {
		switch p := &d.People[i]; {
		case p.Role == model.RoleCoordinator && submitter == nil:
			submitter = p
		case p.Role == model.RoleCoordinator && other == nil:
			other = p
		}
	}
	submitter.Position = model.T("Заместник-кмет по дигитализация", "Deputy Mayor for Digitalisation")
	text := func(d *model.Doc, opt Options) string {
		return strings.Join(strings.Fields(nbsp(run(t, "pdftotext", writeFileWith(t, d, opt), "-"))), " ")
	}
	demo := text(d, demoOptions(model.BG)) // the demo names its deputy mayor
	deputy := d.Person(model.ID(d.Strategy.Submitter))
	d.Strategy.Submitter = 0
	unit := d.Unit(d.People[0].Unit).Name.BG
	plain := text(d, demoOptions(model.BG))
	d.Strategy.Submitter = model.Ref(submitter.ID)
	bg, en := text(d, demoOptions(model.BG)), text(d, demoOptions(model.EN))
	opt := demoOptions(model.BG)
	opt.Submitter = other.Email
	given := text(d, opt)
	for _, tt := range []struct {
		what, report, want string
		count              int
	}{
		{"no submitter: the office's unit", plain, "ОТ: " + unit, 1},
		{"the demo's submitter", demo, "ОТ: " + deputy.Name.BG + ", заместник-кмет по дигитализация", 1},
		{"the demo's submitter signs once, not among those who agree", demo, deputy.Name.BG + " (подпис)", 1},
		{"the submitter on the memo", bg, "ОТ: " + submitter.Name.BG + ", заместник-кмет по дигитализация", 1},
		{"the submitter among the signatures", bg, "Вносител: " + submitter.Name.BG, 1},
		{"the submitter in English", en, "FROM: " + submitter.Name.EN + ", ", 1},
		{"the submitter among the English signatures", en, "Submitted by: " + submitter.Name.EN, 1},
		{"-submitter wins", given, "ОТ: " + other.Name.BG, 1},
		{"-submitter wins", given, "ОТ: " + submitter.Name.BG, 0},
	} {
		if got := strings.Count(tt.report, tt.want); got != tt.count {
			t.Errorf("%s: %q appears %d times, want %d", tt.what, tt.want, got, tt.count)
		}
	}
}
