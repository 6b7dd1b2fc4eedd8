package xlsx

import (
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"strategytracker/model"
)

// The update template has the milestone's note in both languages
// (DESIGN.md §1.2): a coordinator fills the English one, the import reads
// it with the Bulgarian one's checks, and a template made before the
// column existed leaves the English note as it is.
func TestUpdateImportReadsTheEnglishNote(t *testing.T) {
	d := demoDoc(t)
	m := d.MeasureByCode("1.1")
	ms := m.Milestones[5]
	sheet := sheetMilestones.In(model.BG)
	plan := func(fill func(f *excelize.File)) ([]Change, Problems) {
		t.Helper()
		return Plan(d, readFilled(t, d, model.BG, fill), d.Person(1), demoDB, demoAsOf)
	}

	changes, problems := plan(func(f *excelize.File) {
		set(t, f, sheet, ms.ID, "note", "Две дружества остават.")
		set(t, f, sheet, ms.ID, "noteEn", "Two companies remain.")
	})
	if len(problems) != 0 || len(changes) != 1 {
		t.Fatalf("planned %v, problems %v; want one change", changes, problems)
	}
	if got := model.Fields(changes[0].Fields); strings.Join(got, ",") != "note,noteEn" {
		t.Errorf("changed fields %v, want note and noteEn", got)
	}
	tx := &fakeTx{d: d}
	if err := Apply(tx, changes); err != nil {
		t.Fatal(err)
	}
	if got, _ := d.MilestoneByID(ms.ID); got.NoteText() != model.T("Две дружества остават.", "Two companies remain.") {
		t.Errorf("note after the import: %#v", got.NoteText())
	}

	// The limit of a note, as for the Bulgarian one.
	_, problems = plan(func(f *excelize.File) {
		set(t, f, sheet, ms.ID, "noteEn", strings.Repeat("x", model.MaxNote+1))
	})
	if len(problems) != 1 || !strings.Contains(problems[0].Message, "4000") {
		t.Errorf("an English note over the limit: problems %v, want one naming the limit", problems)
	}

	// A template without the column (as made before it): the English note stays.
	changes, problems = plan(func(f *excelize.File) {
		set(t, f, sheet, ms.ID, "note", "Една остава.")
		col, _, _ := excelize.CellNameToCoordinates(cellOf(t, f, sheet, ms.ID, "noteEn"))
		name, _ := excelize.ColumnNumberToName(col)
		if err := f.RemoveCol(sheet, name); err != nil {
			t.Fatal(err)
		}
	})
	if len(problems) != 0 || len(changes) != 1 {
		t.Fatalf("old template: planned %v, problems %v; want one change", changes, problems)
	}
	if err := Apply(&fakeTx{d: d}, changes); err != nil {
		t.Fatal(err)
	}
	if got, _ := d.MilestoneByID(ms.ID); got.NoteText() != model.T("Една остава.", "Two companies remain.") {
		t.Errorf("note after importing an old template: %#v", got.NoteText())
	}
}
