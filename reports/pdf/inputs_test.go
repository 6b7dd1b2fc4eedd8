package pdf

import (
	"testing"

	"strategytracker/model"
)

func TestNarrativeOf(t *testing.T) {
	q3 := model.Period{ID: 1, Name: model.T("III", "Q3"), Start: model.MustDate("2026-07-01"), End: model.MustDate("2026-09-30"), Due: model.MustDate("2026-10-15"), State: model.PeriodClosed}
	q4 := model.Period{ID: 2, Name: model.T("IV", "Q4"), Start: model.MustDate("2026-10-01"), End: model.MustDate("2026-12-31"), Due: model.MustDate("2027-01-15"), State: model.PeriodOpen,
		Narrative: []model.Narrative{
			{ID: 1, Kind: model.NarrativeCommentary, Text: model.T("Общо добре.", "Broadly fine.")},
			{ID: 2, Kind: model.NarrativeRisks, Text: model.T("Късни доставки.", "")},
			{ID: 3, Area: "A1", Kind: model.NarrativeRisks, Text: model.T("Риск в А1.", "Risk in A1.")},
			{ID: 4, Area: "A1", Kind: model.NarrativeHighlights, Text: model.T("Предложение.", ""), ProposedBy: 7},
		}}
	d := &model.Doc{Periods: []model.Period{q3, q4}}
	n := NarrativeOf(&d.Periods[1])
	if n == nil {
		t.Fatal("no narrative")
	}
	if got, want := n.Executive.BG, "Общо добре.\n\nРискове: Късни доставки."; got != want {
		t.Errorf("executive: got %q, want %q", got, want)
	}
	if got, want := n.Executive.EN, "Broadly fine."; got != want {
		t.Errorf("executive (en): got %q, want %q (a text without English stays untranslated)", got, want)
	}
	a := n.PerArea["A1"]
	if a.Risks.BG != "Риск в А1." || !a.Highlights.IsEmpty() {
		t.Errorf("area A1: %+v (an open proposal must not be in the report)", a)
	}
	if NarrativeOf(&d.Periods[0]) != nil || NarrativeOf(nil) != nil {
		t.Error("a period without text gives a narrative")
	}
}

func TestRevisionsOfNameTheAuthorWithoutAddress(t *testing.T) {
	d := &model.Doc{
		People:   []model.Person{{ID: 1, Name: model.T("Елена Георгиева", "Elena Georgieva"), Email: "e.georgieva@sofia.bg", Role: model.RoleOffice}},
		Measures: []model.Measure{{ID: 5, Code: "1.2"}},
		Revisions: []model.Revision{{ID: 1, Entity: model.EntityMeasure, EntityID: 5, MeasureID: 5, Field: "end",
			Original: "2025-12-31", Current: "2026-06-30", At: "2026-03-01T10:00:00Z", By: "Елена Георгиева <e.georgieva@sofia.bg>",
			Reason: model.T("Забавена доставка", "Late delivery")}},
	}
	revs := RevisionsOf(d, model.BG)
	if len(revs) != 1 {
		t.Fatalf("got %d revisions", len(revs))
	}
	r := revs[0]
	if r.Measure != "1.2" || r.Original != "31.12.2025" || r.Current != "30.06.2026" || r.At != model.MustDate("2026-03-01") || r.By != "e.georgieva@sofia.bg" {
		t.Errorf("revision: %+v", r)
	}
	rep := &report{d: d, lang: model.BG}
	if got := rep.person(r.By).name; got != "Елена Георгиева" {
		t.Errorf("the author resolves to %q", got)
	}
}
