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
	mf := lastMeasureForm
	if mf.code.Text != code {
		h.t.Errorf("proposed code %q, want %q", mf.code.Text, code)
		retype(mf.code, code)
	}
	retype(mf.titleBG, title)
	mf.lead.SetSelected(lead)
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

// Every structural edit can be undone and redone.
func TestUndoRedoStructuralEdits(t *testing.T) {
	h := newHarness(t, testDoc(), pOffice)
	s := h.u.structure
	type step struct {
		name string
		do   func()
		// check reports what is wrong with the document after the edit.
		check func(d *model.Doc) string
	}
	goalTitle := func(d *model.Doc) string {
		for _, g := range d.Goals {
			if g.Code == "G2" {
				return g.Title.BG
			}
		}
		return ""
	}
	steps := []step{
		{"add goal", func() {
			h.addStruct(model.EntityGoal, map[string]string{"code": "G3", "title": "Нова цел"}, nil)
		},
			func(d *model.Doc) string {
				if len(d.Goals) != 3 {
					return "no G3"
				}
				return ""
			}},
		{"edit goal", func() {
			s.goals.Select(1)
			s.onEdit(model.EntityGoal)
			h.fillStruct(s.ed.lastForm, map[string]string{"title": "Пазари — ново"}, nil)
		}, func(d *model.Doc) string {
			if goalTitle(d) != "Пазари — ново" {
				return "G2 title " + goalTitle(d)
			}
			return ""
		}},
		{"edit the header", func() {
			s.onEditHeader()
			h.fillStruct(s.ed.lastForm, map[string]string{"councilDecision": "Решение № 1", "periodEnd": "31.12.2030"}, nil)
		}, func(d *model.Doc) string {
			if d.Strategy.CouncilDecision.BG != "Решение № 1" || d.Strategy.PeriodEnd != model.MustDate("2030-12-31") {
				return "header not saved"
			}
			return ""
		}},
		{"add area", func() {
			h.addStruct(model.EntityArea, map[string]string{"code": "A3", "title": "Образование"}, nil)
		},
			func(d *model.Doc) string {
				if d.Area("A3") == nil {
					return "no A3"
				}
				return ""
			}},
		{"add unit", func() {
			h.addStruct(model.EntityUnit, map[string]string{"code": "EDU", "name": "Образование"}, map[string]string{"kind": tr("unitkind.directorate")})
		}, func(d *model.Doc) string {
			if d.Unit("EDU") == nil {
				return "no EDU"
			}
			return ""
		}},
		{"delete a goal nobody pursues", func() {
			id := model.ID(0)
			for _, g := range h.u.doc.Goals {
				if g.Code == "G3" {
					id = g.ID
				}
			}
			dd := s.openDelete(model.EntityGoal, id)
			if dd.target != nil {
				t.Fatal("G3 is referred to by nothing: no reassignment is needed")
			}
			h.tap(dd.confirm)
		}, func(d *model.Doc) string {
			if len(d.Goals) != 2 {
				return "G3 not deleted"
			}
			return ""
		}},
		{"rename unit code", func() {
			s.units.Select(indexOf(s.ed.ids[model.EntityUnit], 3))
			s.onEdit(model.EntityUnit)
			h.fillStruct(s.ed.lastForm, map[string]string{"code": "ITD"}, nil)
		}, func(d *model.Doc) string {
			if d.Unit("ITD") == nil || d.MeasureByCode("2.1").LeadUnit != "ITD" {
				return "unit IT not renamed through"
			}
			return ""
		}},
		{"add person", func() {
			h.addStruct(model.EntityPerson, map[string]string{"name": "Нов Човек", "email": "nov@example.bg"}, map[string]string{"unit": "INNO", "role": roleName(model.RoleCoordinator)})
		}, func(d *model.Doc) string {
			if len(d.People) != 5 {
				return "no new person"
			}
			return ""
		}},
		{"reorder areas", func() {
			s.areas.Select(0)
			h.tap(s.ed.down)
		}, func(d *model.Doc) string {
			if model.SortedAreas(d.Areas)[0].Code != "A2" {
				return "A2 is not first"
			}
			return ""
		}},
		{"delete a unit that nobody refers to", func() {
			s.units.Select(indexOf(s.ed.ids[model.EntityUnit], 1)) // DMO: the office's unit… refers to pOffice
			dd := s.openDelete(model.EntityUnit, 1)
			if dd.target == nil {
				t.Fatal("DMO is referred to by its person: the dialog must offer to reassign")
			}
			dd.target.SetSelected(h.u.doc.RowName(model.EntityUnit, 2, h.u.lang))
			h.tap(dd.confirm)
		}, func(d *model.Doc) string {
			if d.Unit("DMO") != nil || d.Person(pOffice).Unit != "INNO" {
				return "DMO not deleted after reassigning"
			}
			return ""
		}},
		{"new measure", func() { newMeasure(h, "A1", "1.3", "Нова мярка", "INNO", "01.01.2026", "31.12.2026") },
			func(d *model.Doc) string {
				if d.MeasureByCode("1.3") == nil {
					return "no 1.3"
				}
				return ""
			}},
		{"duplicate with children", func() {
			h.u.onDuplicateMeasure(mDocs)
			h.tap(lastMeasureForm.f.save)
		}, func(d *model.Doc) string {
			m := d.MeasureByCode("1.4")
			if m == nil || len(m.Milestones) != 3 || len(m.KPIs) != 1 || m.Milestones[0].Completed != 0 {
				return "1.4 is not a copy of 1.1 with its milestones (uncompleted) and KPI"
			}
			return ""
		}},
		{"move", func() {
			h.u.onMoveMeasure(mOpenData)
			for i, o := range lastMeasureForm.area.Options {
				if strings.HasPrefix(o, "A2 ") {
					lastMeasureForm.area.SetSelectedIndex(i)
				}
			}
			h.tap(lastMeasureForm.f.save)
		}, func(d *model.Doc) string {
			if m := d.Measure(mOpenData); m.Area != "A2" || m.Code != "2.3" {
				return "1.2 not moved to A2 as 2.3: " + m.Area + " " + m.Code
			}
			return ""
		}},
		{"delete a measure with children", func() {
			h.u.onDeleteMeasure(mDocs)
			lastMeasureDelete.Confirm()
			h.u.settle()
			if txt := h.topDialogText(); txt != "" {
				t.Log(txt)
			}
		}, func(d *model.Doc) string {
			if d.Measure(mDocs) != nil {
				return "1.1 still there"
			}
			return ""
		}},
	}
	for _, st := range steps {
		before := h.doc()
		st.do()
		after := h.doc()
		if msg := st.check(after); msg != "" {
			t.Fatalf("%s: %s", st.name, msg)
		}
		h.u.onUndo()
		h.u.settle()
		if msg := sameContent(before, h.doc()); msg != "" {
			t.Fatalf("%s: undo did not restore the strategy: %s", st.name, msg)
		}
		h.u.onRedo()
		h.u.settle()
		if msg := st.check(h.doc()); msg != "" {
			t.Fatalf("%s: redo: %s", st.name, msg)
		}
	}
}

func indexOf(ids []model.ID, id model.ID) int {
	for i, x := range ids {
		if x == id {
			return i
		}
	}
	return -1
}

// sameContent compares two documents ignoring ids and versions (undo
// creates rows again under new ids): the summary at several dates and the
// codes, titles and children counts.
func sameContent(a, b *model.Doc) string {
	for _, asOf := range []string{"2025-06-01", "2026-11-30", "2028-01-01"} {
		x, _ := json.Marshal(model.Summarize(a, model.MustDate(asOf)))
		y, _ := json.Marshal(model.Summarize(b, model.MustDate(asOf)))
		if !bytes.Equal(x, y) {
			return "summary at " + asOf + " differs"
		}
	}
	key := func(d *model.Doc) string {
		d.Tidy() // rows created again by undo come last in a list
		var parts []string
		for _, g := range d.Goals {
			parts = append(parts, g.Code+g.Title.BG)
		}
		for _, a := range model.SortedAreas(d.Areas) {
			parts = append(parts, a.Code+a.Title.BG)
		}
		for _, u := range d.Units {
			parts = append(parts, u.Code+u.Name.BG)
		}
		var people []string
		for _, p := range d.People {
			people = append(people, p.Name.BG+p.Unit+string(p.Role))
		}
		slices.Sort(people)
		parts = append(parts, people...)
		for _, m := range d.Measures {
			parts = append(parts, m.Code+m.Area+m.LeadUnit+m.Title.BG)
			for _, k := range m.KPIs {
				parts = append(parts, k.Name.BG, string(rune('0'+len(k.Values))))
			}
			for _, u := range m.Updates {
				parts = append(parts, u.Text.BG)
			}
		}
		return strings.Join(parts, "|")
	}
	if key(a) != key(b) {
		return "rows differ:\n" + key(a) + "\n" + key(b)
	}
	return ""
}

// Coordinators and council members see the structure read-only, with the reason.
func TestStructureReadOnlyForCoordinatorsAndCouncil(t *testing.T) {
	for _, who := range []model.ID{pCoordINNO, pCouncil} {
		h := newHarness(t, testDoc(), who)
		s := h.u.structure
		if !s.ed.banner.Visible() || !strings.Contains(s.ed.banner.Text, "офиса") {
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
	p := lastPlanImport
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
	lastPlanImport = nil
	h.u.importPlanBook("plan.xlsx", buf.Bytes())
	h.u.settle()
	if lastPlanImport == nil || lastPlanImport.apply != nil || len(lastPlanImport.lines) != 0 {
		t.Fatalf("second import: %+v", lastPlanImport)
	}
}

// A milestone and a KPI with its values are deleted from the detail and
// come back with undo.
func TestDeleteMilestoneAndKPIWithUndo(t *testing.T) {
	h := newHarness(t, testDoc(), pOffice)
	h.open(mDocs)
	before := h.doc()
	h.tap(childDeletes[model.EntityMilestone][msPending])
	lastChildDelete.Confirm()
	h.u.settle()
	h.tap(childDeletes[model.EntityKPI][kpiDocs])
	lastChildDelete.Confirm()
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
