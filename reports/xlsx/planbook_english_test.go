package xlsx

import (
	"bytes"
	"context"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"strategytracker/model"
	"strategytracker/model/memstore"
)

// importPlanInto imports the plan workbook b into a store of d as its
// office user and returns the strategy after it.
func importPlanInto(t *testing.T, d *model.Doc, b []byte) *model.Doc {
	t.Helper()
	s := memstore.New(d, memstore.Options{DatabaseID: "db-1", Now: func() time.Time { return created }})
	if _, err := ImportPlan(context.Background(), s, bytes.NewReader(b), "plan.xlsx", 1, model.MustDate("2026-11-30"), false); err != nil {
		t.Fatal(err)
	}
	after, _ := s.Doc(context.Background())
	return after
}

// removeColumn deletes the column of key from sheet, as a workbook made
// before the column existed lacks it.
func removeColumn(t *testing.T, f *excelize.File, sheet string, id model.ID, key string) {
	t.Helper()
	col, _, _ := excelize.CellNameToCoordinates(cellOf(t, f, sheet, id, key))
	name, _ := excelize.ColumnNumberToName(col)
	if err := f.RemoveCol(sheet, name); err != nil {
		t.Fatal(err)
	}
}

// The plan workbook carries the texts in both languages (DESIGN.md §1.2):
// the reason of a change of the adopted plan, a milestone's note, a status
// override's reason, and the report's submitter on the header sheet.
func TestPlanImportReadsTheEnglishTexts(t *testing.T) {
	d := demoDoc(t)
	d.Adoption = &model.Adoption{AdoptedOn: model.MustDate("2020-06-11"), CouncilDecision: model.T("Решение № 338", "Decision 338"), By: "x"}
	m := d.MeasureByCode("2.3")
	ms := m.Milestones[0]
	submitter := d.People[3]
	lang := model.BG
	measures, milestones, header := planSheetOf(pkMeasures).name.In(lang), planSheetOf(pkMilestones).name.In(lang), sheetPlanHeader.In(lang)
	b := edit(t, planBytes(t, d, lang), func(f *excelize.File) {
		set(t, f, measures, m.ID, "end", m.End.AddDays(30).Format(model.BG))
		set(t, f, measures, m.ID, "reason", "Забавена доставка")
		set(t, f, measures, m.ID, "reasonEN", "Late delivery")
		set(t, f, measures, m.ID, "overrideReasonEN", "The supplier is insolvent.")
		set(t, f, milestones, ms.ID, "noteEN", "Accepted by the committee")
		setHeader(t, f, header, "submitter", submitter.Email)
	})
	after := importPlanInto(t, d, b)
	rev := after.Revisions[len(after.Revisions)-1]
	if rev.Reason != model.T("Забавена доставка", "Late delivery") {
		t.Errorf("revision reason = %#v, want both languages", rev.Reason)
	}
	am := after.MeasureByCode("2.3")
	if got := am.Override.ReasonEn; got != "The supplier is insolvent." {
		t.Errorf("English override reason = %q", got)
	}
	if got, _ := after.MilestoneByID(ms.ID); got.NoteEn != "Accepted by the committee" {
		t.Errorf("English note = %q", got.NoteEn)
	}
	if after.Strategy.Submitter != model.Ref(submitter.ID) {
		t.Errorf("submitter = %d, want %d", after.Strategy.Submitter, submitter.ID)
	}

	// A workbook made before the English columns: its one reason column is
	// the workbook's language, and the English texts stay as they are.
	old := edit(t, planBytes(t, after, lang), func(f *excelize.File) {
		set(t, f, measures, m.ID, "end", am.End.AddDays(30).Format(model.BG))
		set(t, f, measures, m.ID, "reason", "Още забава")
		for _, key := range []string{"reasonEN", "overrideReasonEN"} {
			removeColumn(t, f, measures, m.ID, key)
		}
		removeColumn(t, f, milestones, ms.ID, "noteEN")
		removeColumn(t, f, milestones, ms.ID, "reasonEN")
	})
	again := importPlanInto(t, after, old)
	if rev := again.Revisions[len(again.Revisions)-1]; rev.Reason != model.T("Още забава", "") {
		t.Errorf("old workbook: revision reason = %#v", rev.Reason)
	}
	if got := again.MeasureByCode("2.3").Override.ReasonEn; got != "The supplier is insolvent." {
		t.Errorf("old workbook: English override reason = %q, want it kept", got)
	}
	if got, _ := again.MilestoneByID(ms.ID); got.NoteEn != "Accepted by the committee" {
		t.Errorf("old workbook: English note = %q, want it kept", got.NoteEn)
	}
}

func planSheetOf(kind string) planSheet {
	for _, s := range planSheets {
		if s.kind == kind {
			return s
		}
	}
	return planSheet{}
}

// setHeader sets the value of the header sheet's row of key.
func setHeader(t *testing.T, f *excelize.File, sheet, key, v string) {
	t.Helper()
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	for i, row := range rows {
		if len(row) > 0 && row[0] == key {
			if err := f.SetCellValue(sheet, cellName(3, i+1), v); err != nil {
				t.Fatal(err)
			}
			return
		}
	}
	t.Fatalf("the header has no row %q", key)
}
