package xlsx

import (
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"strategytracker/model"
)

// A plan workbook's refusal is written in the workbook's language, as the
// update template's are (issue 22: a Bulgarian workbook was refused in
// English).
func TestPlanBookProblemsInTheWorkbooksLanguage(t *testing.T) {
	d := demoDoc(t)
	for _, tt := range []struct {
		lang        model.Lang
		want, never string
	}{
		{model.BG, `клетка B4 ("Код"): кодът "G1" се среща два пъти (и на ред 3)`, "is used twice"},
		{model.EN, `cell B4 ("Code"): code "G1" is used twice (also row 3)`, "се среща"},
	} {
		sheet := model.T("Цели", "Goals").In(tt.lang)
		b := edit(t, planBytes(t, d, tt.lang), func(f *excelize.File) {
			code, _ := f.GetCellValue(sheet, "B3")
			f.SetCellStr(sheet, "B4", code)
		})
		got, _ := importOnce(t, b, true)
		if !strings.Contains(got, tt.want) || strings.Contains(got, tt.never) {
			t.Errorf("%s workbook: the import says\n%s\nwant %q", tt.lang, got, tt.want)
		}
	}
}

// A cell the plan workbook cannot read is refused in the workbook's
// language too.
func TestPlanBookCellsRefusedInTheWorkbooksLanguage(t *testing.T) {
	d := demoDoc(t)
	for _, tt := range []struct {
		lang        model.Lang
		want, never string
	}{
		{model.BG, `"31.02.2026" не е валидна дата`, "not a valid date"},
		{model.EN, `"31.02.2026" is not a valid date`, "валидна"},
	} {
		sheet := model.T("Мерки", "Measures").In(tt.lang)
		b := edit(t, planBytes(t, d, tt.lang), func(f *excelize.File) { f.SetCellStr(sheet, "L3", "31.02.2026") })
		got, _ := importOnce(t, b, true)
		if !strings.Contains(got, tt.want) || strings.Contains(got, tt.never) {
			t.Errorf("%s workbook: the import says\n%s\nwant %q", tt.lang, got, tt.want)
		}
	}
}
