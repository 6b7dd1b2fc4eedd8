// This file is long (over 450 lines) because its main test builds a whole
// strategy through the screens, step by step, as issue 11 asks; the
// helpers it uses are the ones the other structure tests share.

package app

import (
	"bytes"
	"context"
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"strategytracker/model"
	"strategytracker/reports/xlsx"
)

// fill types values into the entries and choices of a structure form and saves it.
func (h *harness) fillStruct(sf *structForm, entries, selects map[string]string) {
	h.t.Helper()
	for k, v := range entries {
		e, ok := sf.entries[k]
		if !ok {
			h.t.Fatalf("the form has no entry %q", k)
		}
		retype(e, v)
	}
	for k, v := range selects {
		s, ok := sf.selects[k]
		if !ok {
			h.t.Fatalf("the form has no choice %q", k)
		}
		for _, o := range s.Options { // a unit is chosen as "CODE · Name"
			if strings.HasPrefix(o, v+" · ") {
				v = o
			}
		}
		s.SetSelected(v)
		if s.Selected != v {
			h.t.Fatalf("%q is not a choice of %q (%v)", v, k, s.Options)
		}
	}
	h.tap(sf.f.save)
	if sf.f.err.Visible() {
		h.t.Fatalf("form error: %s", sf.f.err.Text)
	}
	for name, f := range sf.fields {
		if f.err.Visible() {
			h.t.Fatalf("field %s: %s", name, f.err.Text)
		}
	}
}

func (h *harness) addStruct(entity model.Entity, entries, selects map[string]string) {
	h.t.Helper()
	h.u.structure.onAdd(entity)
	h.fillStruct(h.u.structure.ed.lastForm, entries, selects)
}

func (h *harness) doc() *model.Doc {
	h.t.Helper()
	d, err := h.store.Doc(context.Background())
	if err != nil {
		h.t.Fatal(err)
	}
	return d
}

func emptyStrategy() *model.Doc {
	d := model.NewStrategyDoc(model.T("Стратегия на Примерово", "Primerovo strategy"), "Иван Петров", "ivan@example.bg", "Офис", model.MustDate("2025-01-01"))
	d.Strategy.Version = 1
	d.Units[0].ID, d.Units[0].Version, d.People[0].Version = 1, 1, 1
	return d
}

func newMeasure(h *harness, area, code, title, lead, start, end string) *detailScreen {
	h.t.Helper()
	h.u.onNewMeasure(area)
	mf := latest[*measureForm](h)
	if mf.code.Text != code {
		h.t.Errorf("proposed code %q, want %q", mf.code.Text, code)
		retype(mf.code, code)
	}
	retype(mf.titleBG, title)
	mf.lead.SetSelectedIndex(slices.Index(mf.leadCodes, lead))
	retype(mf.start, start)
	retype(mf.end, end)
	h.tap(mf.f.save)
	if mf.f.err.Visible() {
		h.t.Fatalf("new measure: %s", mf.f.err.Text)
	}
	if h.u.detail == nil || h.u.doc.Measure(h.u.detail.measureID).Code != code {
		h.t.Fatalf("measure %s did not open", code)
	}
	return h.u.detail
}

func addMilestone(h *harness, d *detailScreen, title, due, completed string) {
	h.t.Helper()
	h.tap(d.milestones.add)
	f := latest[*milestoneForm](h)
	retype(f.titleBG, title)
	retype(f.due, due)
	retype(f.completed, completed)
	h.tap(f.f.save)
	if f.f.err.Visible() {
		h.t.Fatalf("milestone: %s", f.f.err.Text)
	}
}

// A small strategy built through the screens only, from an empty file,
// has the summary of the same plan brought in with the plan workbook.
func TestBuildAStrategyThroughTheScreens(t *testing.T) {
	h := newHarness(t, emptyStrategy(), 1)
	h.u.showScreen(screenStructure)
	h.addStruct(model.EntityGoal, map[string]string{"code": "G1", "title": "Дигитални услуги"}, nil)
	h.addStruct(model.EntityGoal, map[string]string{"title": "Отворени данни"}, nil) // the code G2 is proposed
	h.addStruct(model.EntityArea, map[string]string{"code": "A1", "title": "Електронно управление"}, nil)
	h.addStruct(model.EntityArea, map[string]string{"title": "Транспорт"}, nil)
	h.addStruct(model.EntityUnit, map[string]string{"code": "IT", "name": "Информационни технологии"}, map[string]string{"kind": tr("unitkind.directorate")})
	h.addStruct(model.EntityUnit, map[string]string{"code": "MOB", "name": "Център за градска мобилност"}, map[string]string{"kind": tr("unitkind.municipal_company")})
	h.addStruct(model.EntityPerson, map[string]string{"name": "Мария Георгиева", "email": "maria@example.bg"}, map[string]string{"unit": "IT", "role": roleName(model.RoleCoordinator)})
	h.addStruct(model.EntityPerson, map[string]string{"name": "Георги Димитров", "email": "georgi@example.bg"}, map[string]string{"unit": "MOB", "role": roleName(model.RoleCoordinator)})
	h.addStruct(model.EntityPerson, map[string]string{"name": "Виктория Маринова", "email": "viktoria@example.bg"}, map[string]string{"unit": "OFFICE", "role": roleName(model.RoleCouncil)})

	d := newMeasure(h, "A1", "1.1", "Електронни услуги", "IT", "01.01.2025", "31.12.2026")
	addMilestone(h, d, "Анализ", "01.03.2025", "20.02.2025")
	addMilestone(h, d, "Внедряване", "01.10.2026", "")
	// A KPI with a value and a funding source.
	h.tap(d.kpis.add)
	kf := latest[*kpiForm](h)
	retype(kf.nameBG, "Услуги онлайн")
	retype(kf.unitBG, "брой")
	retype(kf.baseValue, "10")
	retype(kf.baseDate, "01.01.2025")
	retype(kf.targetVal, "100")
	retype(kf.targetDate, "31.12.2026")
	h.tap(kf.f.save)
	kpi := h.doc().MeasureByCode("1.1").KPIs[0]
	h.tap(d.kpis.addValue[kpi.ID])
	vf := latest[*valueForm](h)
	retype(vf.date, "30.06.2026")
	retype(vf.value, "45")
	h.tap(vf.f.save)
	d.fields.onAddFunding(model.Funding{Name: model.T("Общински бюджет", "Municipal budget"), AmountCents: 250_000_00})
	retype(d.fields.planned, "250000")
	h.tap(d.fields.saveBtn)
	if d.fields.formErr.Visible() {
		t.Fatalf("measure save: %s", d.fields.formErr.Text)
	}

	d = newMeasure(h, "A1", "1.2", "Отворени данни", "IT", "01.06.2025", "30.06.2027")
	addMilestone(h, d, "Портал", "01.12.2025", "01.12.2025")
	d = newMeasure(h, "A1", "1.3", "Дигитален документооборот", "OFFICE", "01.01.2026", "31.12.2027")
	addMilestone(h, d, "Пилот", "01.12.2026", "")
	d = newMeasure(h, "A2", "2.1", "Интелигентни светофари", "MOB", "01.01.2025", "30.09.2026")
	addMilestone(h, d, "Първите 50", "01.06.2025", "15.06.2025")
	addMilestone(h, d, "Всички", "01.09.2026", "")
	d = newMeasure(h, "A2", "2.2", "Споделено пътуване", "MOB", "01.03.2026", "31.12.2027")
	addMilestone(h, d, "Пилот", "01.02.2027", "")

	built := h.doc()
	if len(built.Goals) != 2 || len(built.Areas) != 2 || len(built.Units) != 3 || len(built.People) != 4 || len(built.Measures) != 5 || built.MilestoneCount() != 7 {
		t.Fatalf("built %d goals, %d areas, %d units, %d people, %d measures, %d milestones",
			len(built.Goals), len(built.Areas), len(built.Units), len(built.People), len(built.Measures), built.MilestoneCount())
	}
	roles := map[model.Role]bool{}
	for _, p := range built.People {
		roles[p.Role] = true
	}
	if len(roles) != 3 {
		t.Errorf("roles %v", roles)
	}
	if m := built.MeasureByCode("1.1"); len(m.KPIs) != 1 || len(m.KPIs[0].Values) != 1 || len(m.Funding) != 1 || m.PlannedCents != 250_000_00 {
		t.Fatalf("measure 1.1: %+v", m)
	}

	// The same plan through the plan workbook, into another empty file.
	var buf bytes.Buffer
	if err := xlsx.WritePlanTemplate(&buf, built, h.store.DatabaseID(), xlsx.Options{}); err != nil {
		t.Fatal(err)
	}
	other := newMemStore(emptyStrategy())
	other.dbID = "another"
	if _, err := xlsx.ImportPlan(context.Background(), other, bytes.NewReader(buf.Bytes()), "plan.xlsx", 1, testAsOf, false); err != nil {
		t.Fatal(err)
	}
	imported, _ := other.Doc(context.Background())
	for _, asOf := range []string{"2025-01-01", "2025-07-01", "2026-11-30", "2028-01-01"} {
		a, _ := json.Marshal(model.Summarize(built, model.MustDate(asOf)))
		b, _ := json.Marshal(model.Summarize(imported, model.MustDate(asOf)))
		if !bytes.Equal(a, b) {
			t.Errorf("summary at %s:\n screens %s\nworkbook %s", asOf, a, b)
		}
	}
}

// Coordinators and council members see the structure read-only, with the reason.
func TestStructureReadOnlyForCoordinatorsAndCouncil(t *testing.T) {
	for _, who := range []model.ID{pCoordINNO, pCouncil} {
		h := newHarness(t, testDoc(), who)
		s := h.u.structure
		if !s.ed.banner.Visible() || !strings.Contains(s.ed.banner.Text, "стратегическия офис") {
			t.Errorf("person %d: banner %q", who, s.ed.banner.Text)
		}
		for _, b := range []*widget.Button{s.ed.add[model.EntityGoal], s.ed.header, s.ed.adopt} {
			if b.Visible() {
				t.Errorf("person %d: %q is shown (roles: hidden, the banner says why)", who, b.Text)
			}
		}
	}
}

// Deleting a unit that measures refer to lists them and offers to reassign.
func TestDeleteListsReferences(t *testing.T) {
	h := newHarness(t, testDoc(), pOffice)
	dd := h.u.structure.openDelete(model.EntityUnit, 2) // INNO leads 1.1 and 1.2
	if !strings.Contains(dd.refs.Text, "ръководи мерки (2): 1.1, 1.2") || dd.target == nil {
		t.Fatalf("refs %q", dd.refs.Text)
	}
	h.tap(dd.confirm) // no target chosen: nothing happens
	if h.doc().Unit("INNO") == nil || !strings.Contains(dd.refs.Text, "Изберете") {
		t.Fatal("deleted without a target")
	}
	test.Tap(dd.cancel)
}

// The plan workbook in the app: preview, then apply; the second time it
// changes nothing.
func TestPlanImportInTheApp(t *testing.T) {
	h := newHarness(t, testDoc(), pOffice)
	d := h.doc()
	d.Goals = append(d.Goals, model.Goal{Code: "G3", Title: model.T("Нова цел", "New goal")})
	var buf bytes.Buffer
	if err := xlsx.WritePlanTemplate(&buf, d, h.store.dbID, xlsx.Options{}); err != nil {
		t.Fatal(err)
	}
	h.u.importPlanBook("plan.xlsx", buf.Bytes())
	h.u.settle()
	p := latest[*planImportDialog](h)
	if p == nil || p.refused || len(p.lines) != 1 || !strings.Contains(p.lines[0], tr("import.add")+" "+entityName(model.EntityGoal)+" G3") {
		t.Fatalf("preview %+v", p)
	}
	if len(h.doc().Goals) != 2 {
		t.Fatal("the preview wrote")
	}
	h.tap(p.apply)
	if len(h.doc().Goals) != 3 || !strings.Contains(p.done, "1") {
		t.Fatalf("after apply: %d goals, %q", len(h.doc().Goals), p.done)
	}
	h.seen = nil
	h.u.importPlanBook("plan.xlsx", buf.Bytes())
	h.u.settle()
	if !opened[*planImportDialog](h) {
		t.Fatal("second import: no preview")
	}
	if p := latest[*planImportDialog](h); p.apply != nil || len(p.lines) != 0 {
		t.Fatalf("second import: %+v", p)
	}
}

// A milestone and a KPI with its values are deleted from the detail and
// come back with undo.
func TestDeleteMilestoneAndKPIWithUndo(t *testing.T) {
	h := newHarness(t, testDoc(), pOffice)
	h.open(mDocs)
	before := h.doc()
	h.tap(h.u.detail.deletes[model.EntityMilestone][msPending])
	latest[deleteConfirm](h).Confirm()
	h.u.settle()
	h.tap(h.u.detail.deletes[model.EntityKPI][kpiDocs])
	latest[deleteConfirm](h).Confirm()
	h.u.settle()
	m := h.stored(mDocs)
	if len(m.Milestones) != 2 || len(m.KPIs) != 0 {
		t.Fatalf("after deleting: %d milestones, %d KPIs", len(m.Milestones), len(m.KPIs))
	}
	h.u.onUndo()
	h.u.settle()
	h.u.onUndo()
	h.u.settle()
	if msg := sameContent(before, h.doc()); msg != "" {
		t.Fatal(msg)
	}
	if m := h.stored(mDocs); len(m.Milestones) != 3 || len(m.KPIs) != 1 || len(m.KPIs[0].Values) != 1 {
		t.Fatalf("after undo: %+v", m)
	}
}

// A person whose e-mail is another's as the model compares them (letter
// case folded, İ as i) is refused in the form with the translated
// message, and nobody is added.
func TestPersonFormRefusesAnEmailInUse(t *testing.T) {
	for _, email := range []string{"IVAN@example.bg", "İvan@example.bg"} {
		t.Run(email, func(t *testing.T) {
			h := newHarness(t, emptyStrategy(), 1)
			h.u.showScreen(screenStructure)
			h.u.structure.onAdd(model.EntityPerson)
			sf := h.u.structure.ed.lastForm
			retype(sf.entries["name"], "Иван Иванов")
			retype(sf.entries["email"], email)
			h.tap(sf.f.save)
			if got, want := sf.fields["email"].err.Text, tr("structure.another_person_has_this_e"); !sf.fields["email"].err.Visible() || got != want {
				t.Errorf("e-mail field error %q (shown %v), want %q", got, sf.fields["email"].err.Visible(), want)
			}
			if got := len(h.doc().People); got != 1 {
				t.Errorf("%d people, want 1 (the form must add nobody)", got)
			}
		})
	}
}
