package app

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"strategytracker/model"
	"strategytracker/reports/xlsx"
)

// templateWith makes the update template of doc as if a coordinator had
// filled it in: fill changes a copy of the document before it is written,
// so that the workbook holds the new values with the stored versions.
func templateWith(t *testing.T, doc *model.Doc, dbID string, fill func(d *model.Doc)) []byte {
	t.Helper()
	d := cloneDoc(doc)
	fill(d)
	var buf bytes.Buffer
	if err := xlsx.WriteTemplate(&buf, d, dbID, "", xlsx.Options{Lang: model.BG, AsOf: testAsOf}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// An import shows its changes before anything is applied; applying them
// is one audited transaction, and undo does not reach across it.
func TestImportShowsChangesBeforeApplying(t *testing.T) {
	h := newHarness(t, testDoc(), pOffice)
	d := h.open(mOpenData)
	retype(d.fields.manual, "55")
	h.tap(d.fields.saveBtn)
	if !h.u.hist.canUndo() {
		t.Fatal("nothing to undo before the import")
	}
	doc, _ := h.store.Doc(context.Background())
	b := templateWith(t, doc, h.store.dbID, func(d *model.Doc) {
		ms, _ := d.MilestoneByID(msOverdue)
		ms.Completed = model.MustDate("2026-11-20")
		ms.Note = "Приключи с подписан протокол"
	})
	before := h.store.updates

	h.u.importWorkbook("update.xlsx", b)
	h.u.settle()
	imp := latest[*importDialog](h)
	if imp == nil {
		t.Fatal("no dry run shown")
	}
	if imp.refused || imp.apply == nil {
		t.Fatalf("the import was refused: %q", imp.lines)
	}
	text := strings.Join(imp.lines, "\n")
	overdue, _ := doc.MilestoneByID(msOverdue)
	if !strings.Contains(text, "20.11.2026") || !strings.Contains(text, fieldName("completed")) || !strings.Contains(text, "1.1") ||
		!strings.Contains(text, "„"+overdue.Title.BG+"“") {
		t.Errorf("the dry run does not show the completion of the milestone by its name:\n%s", text)
	}
	if h.store.updates != before || h.storedMilestone(msOverdue).Completed != 0 {
		t.Fatal("the dry run wrote to the file")
	}

	h.tap(imp.apply)
	ms := h.storedMilestone(msOverdue)
	if ms.Completed != model.MustDate("2026-11-20") || ms.Note != "Приключи с подписан протокол" {
		t.Errorf("after applying: completed %s, note %q", ms.Completed, ms.Note)
	}
	if got := h.store.updates; got != before+1 {
		t.Errorf("transactions = %d, want one more than %d", got, before)
	}
	var imported bool
	for _, e := range h.store.audit {
		imported = imported || (e.Action == model.ActionImport && e.New == "update.xlsx")
	}
	if !imported {
		t.Error("no import entry in the audit log")
	}
	if h.u.hist.canUndo() {
		t.Error("undo reaches across the import")
	}
	if !strings.Contains(imp.finished, "update.xlsx") {
		t.Errorf("finished = %q", imp.finished)
	}
}

// A workbook of another file is refused with its reason, and offers no Apply.
func TestImportRefusedShowsProblems(t *testing.T) {
	h := newHarness(t, testDoc(), pOffice)
	doc, _ := h.store.Doc(context.Background())
	b := templateWith(t, doc, "another-database", func(d *model.Doc) {
		ms, _ := d.MilestoneByID(msOverdue)
		ms.Completed = model.MustDate("2026-11-20")
	})
	h.u.importWorkbook("other.xlsx", b)
	h.u.settle()
	imp := latest[*importDialog](h)
	if imp == nil || !imp.refused || imp.apply != nil {
		t.Fatalf("dry run = %+v, want a refusal without Apply", imp)
	}
	if len(imp.lines) == 0 || !strings.Contains(imp.lines[0], "another database") && !strings.Contains(imp.lines[0], "another-database") {
		t.Errorf("refusal = %q", imp.lines)
	}
	if h.store.updates != 0 {
		t.Error("a refused import wrote to the file")
	}
}

// A file that is not a workbook is refused with an error dialog.
func TestImportNotAWorkbook(t *testing.T) {
	h := newHarness(t, testDoc(), pOffice)
	h.u.importWorkbook("notes.xlsx", []byte("hello"))
	h.u.settle()
	if opened[*importDialog](h) {
		t.Error("a dry run was shown for a file that is not a workbook")
	}
	if h.u.win.Canvas().Overlays().Top() == nil {
		t.Error("no error shown")
	}
}

// Issue 9.6: the preview is shown, another window records the same KPI
// value meanwhile, then the preview is applied: the import is planned again
// inside the transaction, and the value is not written twice.
func TestImportAppliesAFreshPlan(t *testing.T) {
	h := newHarness(t, testDoc(), pOffice)
	filled, id := kpiValueTemplate(t, h, testAsOf.Format(model.BG), 42)

	h.u.importWorkbook("update.xlsx", filled)
	h.u.settle()
	imp := latest[*importDialog](h)
	if imp == nil || imp.apply == nil {
		t.Fatalf("no preview with an Apply button: %+v", imp)
	}
	h.store.edit(func(d *model.Doc) {
		k, _ := d.KPIByID(id)
		k.Values = append(k.Values, model.KPIValue{ID: 99999, KPIID: id, Date: testAsOf, Value: 42, Version: 1})
	})
	h.tap(imp.apply)
	stored, _ := h.store.Doc(context.Background())
	k, _ := stored.KPIByID(id)
	n := 0
	for _, v := range k.Values {
		if v.Date == testAsOf {
			n++
		}
	}
	if n != 1 {
		t.Errorf("%d values of KPI %d on %s after the apply, want 1", n, id, testAsOf)
	}
}

func cellRef(col, row int) string {
	name, _ := excelize.CoordinatesToCellName(col, row)
	return name
}
