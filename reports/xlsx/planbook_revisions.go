package xlsx

import (
	"github.com/xuri/excelize/v2"

	"strategytracker/model"
)

// The revisions of the adopted plan as a sheet: every change of an adopted
// end date, due date, target or planned budget with its original value,
// reason, author and time. The plan workbook carries it for reading (the
// import ignores it); WriteRevisionsSheet can add it to any workbook.

var (
	sheetRevisions = t("Ревизии", "Revisions")
	revisionHeads  = []model.Text{
		t("Мярка", "Measure"), t("Ред", "Row"), t("Поле", "Field"), t("Първоначално (прието)", "Original (adopted)"),
		t("Преди промяната", "Before the change"), t("Сега", "Now"), t("Причина", "Reason"), t("Променил", "Changed by"), t("Кога", "When"),
	}
)

// WriteRevisionsSheet adds the revisions sheet of d to f in lang. Without
// an adoption the sheet says that the plan was not adopted.
func WriteRevisionsSheet(f *excelize.File, d *model.Doc, lang model.Lang) error {
	name := sheetRevisions.In(lang)
	if _, err := f.NewSheet(name); err != nil {
		return err
	}
	f.SetCellValue(name, "A1", kindPrefix+"plan-revisions")
	f.SetRowVisible(name, 1, false)
	if d.Adoption == nil {
		return f.SetCellValue(name, "A2", t("Планът не е отбелязан като приет: няма ревизии.", "The plan is not marked adopted: there are no revisions.").In(lang))
	}
	f.SetCellValue(name, "A2", t("Планът е приет на ", "The plan was adopted on ").In(lang)+d.Adoption.AdoptedOn.Format(lang)+" — "+d.Adoption.CouncilDecision.In(lang))
	heads := make([]any, len(revisionHeads))
	for i, h := range revisionHeads {
		heads[i] = h.In(lang)
	}
	f.SetSheetRow(name, "A3", &heads)
	for i, r := range d.Revisions {
		code, what := "", ""
		if m := d.Measure(r.MeasureID); m != nil {
			code = m.Code
		}
		switch r.Entity {
		case model.EntityMilestone:
			if ms, _ := d.MilestoneByID(r.EntityID); ms != nil {
				what = ms.Title.In(lang)
			}
		case model.EntityKPI:
			if k, _ := d.KPIByID(r.EntityID); k != nil {
				what = k.Name.In(lang)
			}
		}
		row := []any{code, what, model.RevisionFieldLabel(r.Entity, r.Field, lang), model.FormatRevisionValue(r.Field, r.Original, lang),
			model.FormatRevisionValue(r.Field, r.Previous, lang), model.FormatRevisionValue(r.Field, r.Current, lang), r.Reason.In(lang), authorName(d, r.By, lang), model.FormatStamp(r.At, lang)}
		if err := f.SetSheetRow(name, cellName(1, 4+i), &row); err != nil {
			return err
		}
	}
	for i, w := range []float64{8, 30, 22, 16, 16, 16, 40, 30, 24} {
		col := colName(i + 1)
		f.SetColWidth(name, col, col, w)
	}
	return nil
}
