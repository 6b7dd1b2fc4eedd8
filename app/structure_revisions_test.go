package app

import (
	"bytes"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"github.com/xuri/excelize/v2"

	"strategytracker/model"
	"strategytracker/reports/xlsx"
)

// After the plan is adopted, a new end date and a new KPI target ask for a
// reason; the detail and the workbook show the original, the reason and
// the author; undo gives its own reason.
func TestRevisionsAfterAdoption(t *testing.T) {
	a := test.NewTempApp(t)
	store := newMemStore(testDoc())
	a.Preferences().SetInt(prefUser+store.dbID, int(pOffice))
	u := newTestUI(a, store)
	t.Cleanup(func() { u.settle(); setLanguage(model.BG) })
	h := &harness{t: t, app: a, store: store, u: u}
	h.u.observe = func(x any) { h.seen = append(h.seen, x) }
	u.Start()
	u.settle()

	s := u.structure
	h.tap(s.ed.adopt)
	af := s.ed.lastAdopt
	retype(af.date, "11.06.2020")
	retype(af.decision, "Решение № 338 по Протокол № 13 от 11.06.2020 г.")
	h.tap(af.f.save)
	if h.doc().Adoption == nil || s.ed.adopt.Visible() {
		t.Fatal("the plan was not marked adopted")
	}

	d := h.open(mDocs)
	retype(d.fields.end, "30.06.2028")
	h.tap(d.fields.saveBtn)
	if !opened[*reasonDialog](h) || h.doc().Measure(mDocs).End != model.MustDate("2027-12-31") {
		t.Fatal("a new end date after adoption did not ask for a reason")
	}
	rd := latest[*reasonDialog](h)
	if got := h.u.win.Canvas().Focused(); got != rd.reason {
		t.Errorf("the reason dialog opened with the focus on %v, not its text field", got)
	}
	h.tap(rd.ok) // empty: refused
	retype(rd.reason, "забавена обществена поръчка")
	h.tap(rd.ok)
	if got := h.doc().Measure(mDocs).End; got != model.MustDate("2028-06-30") {
		t.Fatalf("end %s after giving the reason", got)
	}
	h.seen = nil
	d = u.detail
	h.tap(d.kpis.editKPI[kpiDocs])
	retype(latest[*kpiForm](h).targetVal, "90")
	h.tap(latest[*kpiForm](h).f.save)
	if !opened[*reasonDialog](h) {
		t.Fatal("a new KPI target after adoption did not ask for a reason")
	}
	retype(latest[*reasonDialog](h).reason, "по-амбициозна цел")
	h.tap(latest[*reasonDialog](h).ok)

	doc := h.doc()
	if len(doc.Revisions) != 2 {
		t.Fatalf("revisions %+v", doc.Revisions)
	}
	detail := u.detail.revisions.Text
	for _, want := range []string{"31.12.2027", "30.06.2028", "забавена обществена поръчка", "Ивелина Петрова,", "по-амбициозна цел", "80", "90"} {
		if !strings.Contains(detail, want) {
			t.Errorf("the detail's revisions lack %q:\n%s", want, detail)
		}
	}
	// Who made a revision and who marked the plan adopted: the name as
	// the screen writes it, not the audit label "Name <e-mail>".
	if head := u.structure.adoptionLine(); strings.Contains(detail, "<ivelina@") || strings.Contains(head, "<ivelina@") || !strings.Contains(head, "Ивелина Петрова") {
		t.Errorf("the revisions or the adoption name the person by the audit label:\n%s\n%s", detail, head)
	}
	checkRevisionsSheet(t, doc, store.dbID, "1.1 |  | крайният срок | 31.12.2027 | 31.12.2027 | 30.06.2028 | забавена обществена поръчка | Ивелина Петрова", "целевата стойност | 80 | 80 | 90 | по-амбициозна цел")

	// Two undo/redo pairs add no revision: an undo takes its revision
	// back, a redo records it again with the edit's reason, and the texts
	// name the values each change made.
	undoRedo := []struct {
		undo    bool
		target  float64
		end     string
		reasons []string
	}{
		{true, 80, "2028-06-30", []string{"забавена обществена поръчка"}},
		{true, 80, "2027-12-31", nil},
		{false, 80, "2028-06-30", []string{"забавена обществена поръчка"}},
		{false, 90, "2028-06-30", []string{"забавена обществена поръчка", "по-амбициозна цел"}},
	}
	for i, step := range undoRedo {
		if step.undo {
			u.onUndo()
		} else {
			u.onRedo()
		}
		u.settle()
		doc = h.doc()
		k, _ := doc.KPIByID(kpiDocs)
		var reasons []string
		for _, r := range doc.Revisions {
			reasons = append(reasons, r.Reason.BG)
		}
		if got := doc.Measure(mDocs).End.String(); k.TargetValue != step.target || got != step.end || strings.Join(reasons, "|") != strings.Join(step.reasons, "|") {
			t.Errorf("step %d: target %v, end %s, revisions %q; want %v, %s, %q", i, k.TargetValue, got, reasons, step.target, step.end, step.reasons)
		}
	}
	u.showScreen(screenStructure)
	u.settle()
	if line, want := s.adoptionLine(), "Ревизии: 2."; !strings.Contains(line, want) {
		t.Errorf("structure says %q, want %q", line, want)
	}
	if n := h.doc().RevisedMeasures(); n != 1 {
		t.Errorf("%d revised measures, want 1", n)
	}
	detail = u.revisionsText(h.doc().Measure(mDocs))
	for _, want := range []string{"Крайният срок е удължен от 31.12.2027 на 30.06.2028", "целевата стойност е променена от 80 на 90"} {
		if !strings.Contains(detail, want) {
			t.Errorf("the detail's revisions lack %q:\n%s", want, detail)
		}
	}
	if strings.Contains(detail, "Отмяна") || strings.Contains(detail, "Повторение") {
		t.Errorf("the detail's revisions name an undo or a redo:\n%s", detail)
	}
}

// checkRevisionsSheet wants each of want among the rows of the plan
// workbook's Ревизии sheet (cells joined by " | ").
func checkRevisionsSheet(t *testing.T, doc *model.Doc, dbID string, want ...string) {
	t.Helper()
	var buf bytes.Buffer
	if err := xlsx.WritePlanTemplate(&buf, doc, dbID, xlsx.Options{}); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := f.GetRows("Ревизии")
	var sheet []string
	for _, r := range rows {
		sheet = append(sheet, strings.Join(r, " | "))
	}
	text := strings.Join(sheet, "\n")
	for _, w := range want {
		if !strings.Contains(text, w) {
			t.Errorf("the workbook's revisions sheet lacks %q:\n%s", w, text)
		}
	}
}
