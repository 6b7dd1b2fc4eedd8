package xlsx

import (
	"strings"
	"testing"

	"strategytracker/model"
)

// TestWorkbookListsTheRevisionsOfTheAdoptedPlan: the adopted value, the
// current one, the reason and who changed it (by name, no address) are
// on the Revisions sheet; without revisions there is no such sheet.
func TestWorkbookListsTheRevisionsOfTheAdoptedPlan(t *testing.T) {
	d := demoDoc(t)
	if i, _ := open(t, workbookBytes(t, d, model.BG)).GetSheetIndex("Ревизии"); i >= 0 {
		t.Fatal("a workbook of a plan not adopted has a Revisions sheet")
	}
	var office *model.Person
	for i := range d.People {
		if d.People[i].Role == model.RoleOffice {
			office = &d.People[i]
			break
		}
	}
	m := d.MeasureByCode("1.1")
	d.Adoption = &model.Adoption{AdoptedOn: model.MustDate("2020-06-11"), CouncilDecision: model.T("Решение № 338", "Decision No 338")}
	d.Revisions = []model.Revision{{ID: 1, Entity: model.EntityMeasure, EntityID: m.ID, MeasureID: m.ID, Field: "end",
		Original: "2025-12-31", Previous: "2025-12-31", Current: "2026-06-30", At: "2026-03-02T09:00:00Z",
		By: model.UserLabel(office), Reason: model.T("Обжалване на поръчката", "Appeal of the tender")}}
	for _, lang := range []model.Lang{model.BG, model.EN} {
		f := open(t, workbookBytes(t, d, lang))
		sheet := sheetRevisions.In(lang)
		rows, err := f.GetRows(sheet)
		if err != nil {
			t.Fatalf("%s: no revisions sheet: %v", lang, err)
		}
		text := ""
		for _, r := range rows {
			text += strings.Join(r, " | ") + "\n"
		}
		for _, want := range []string{"1.1", model.MustDate("2025-12-31").Display(lang), model.MustDate("2026-06-30").Display(lang),
			model.MustDate("2026-03-02").Display(lang), office.Name.In(lang), model.T("Обжалване на поръчката", "Appeal of the tender").In(lang)} {
			if !strings.Contains(text, want) {
				t.Errorf("%s: the revisions sheet lacks %q:\n%s", lang, want, text)
			}
		}
		if strings.Contains(text, office.Email) {
			t.Errorf("%s: the revisions sheet shows the address %s", lang, office.Email)
		}
	}
}
