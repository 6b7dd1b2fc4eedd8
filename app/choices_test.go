package app

import (
	"slices"
	"testing"

	"strategytracker/model"
)

// Every unit and person chooser shows names in the screen's language, and
// the choice comes back as the unit's code (issue 22: the new measure's
// lead unit offered the bare codes "DMO", "INNO", "IT").
func TestUnitChoosersShowNames(t *testing.T) {
	h := newHarness(t, testDoc(), pOffice)
	for _, c := range []struct {
		lang model.Lang
		want []string
	}{
		{model.BG, []string{"DMO · Кабинет по дигитализация", "INNO · Иновативна София", "IT · Информационни технологии", "SOS · Столичен общински съвет"}},
		{model.EN, []string{"DMO · Digitalisation office", "INNO · Innovative Sofia", "IT · Information technology", "SOS · Sofia Municipal Council"}},
	} {
		h.u.onLanguage(c.lang)
		h.u.onNewMeasure("A1")
		mf := latest[*measureForm](h)
		if got := mf.lead.Options; !slices.Equal(got, c.want) {
			t.Errorf("%s: new measure's lead unit offers %q, want %q", c.lang, got, c.want)
		}
		if got, want := mf.lead.Selected, c.want[0]; got != want { // the office's own unit
			t.Errorf("%s: lead unit proposed %q, want %q", c.lang, got, want)
		}
		mf.f.dlg.Hide()

		h.u.structure.onAdd(model.EntityPerson)
		sf := h.u.structure.ed.lastForm
		if got := sf.selects["unit"].Options; !slices.Equal(got, c.want) {
			t.Errorf("%s: a person's unit offers %q, want %q", c.lang, got, c.want)
		}
		sf.f.dlg.Hide()
	}
	h.u.onLanguage(model.BG)

	// The choice maps back to the code.
	h.u.onNewMeasure("A1")
	mf := latest[*measureForm](h)
	mf.lead.SetSelected("IT · Информационни технологии")
	retype(mf.titleBG, "Нова мярка")
	h.tap(mf.f.save)
	if mf.f.err.Visible() {
		t.Fatalf("new measure: %s", mf.f.err.Text)
	}
	if got := h.u.doc.Measure(h.u.detail.measureID).LeadUnit; got != "IT" {
		t.Errorf("saved lead unit %q, want IT", got)
	}
	if got, want := h.u.detail.fields.lead.Selected, "IT · Информационни технологии"; got != want {
		t.Errorf("the measure's lead unit reads %q, want %q", got, want)
	}
}
