// Undo and redo of every structural edit through the Structure screen and
// the measure actions.

package app

import (
	"bytes"
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"strategytracker/model"
)

// undoStep is one structural edit of TestUndoRedoStructuralEdits.
type undoStep struct {
	name string
	do   func()
	// check reports what is wrong with the document after the edit.
	check func(d *model.Doc) string
}

// Every structural edit can be undone and redone.
func TestUndoRedoStructuralEdits(t *testing.T) {
	h := newHarness(t, testDoc(), pOffice)
	steps := append(append(headerUndoSteps(h), unitUndoSteps(t, h)...), measureUndoSteps(t, h)...)
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

// headerUndoSteps edit the goals, the header and the areas.
func headerUndoSteps(h *harness) []undoStep {
	s := h.u.structure
	goalTitle := func(d *model.Doc) string {
		for _, g := range d.Goals {
			if g.Code == "G2" {
				return g.Title.BG
			}
		}
		return ""
	}
	return []undoStep{
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
	}
}

// unitUndoSteps edit the units and the people, and delete a goal.
func unitUndoSteps(t *testing.T, h *harness) []undoStep {
	s := h.u.structure
	return []undoStep{
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
	}
}

// measureUndoSteps make, duplicate, move and delete measures.
func measureUndoSteps(t *testing.T, h *harness) []undoStep {
	return []undoStep{
		{"new measure", func() { newMeasure(h, "A1", "1.3", "Нова мярка", "INNO", "01.01.2026", "31.12.2026") },
			func(d *model.Doc) string {
				if d.MeasureByCode("1.3") == nil {
					return "no 1.3"
				}
				return ""
			}},
		{"duplicate with children", func() {
			h.u.onDuplicateMeasure(mDocs)
			h.tap(latest[*measureForm](h).f.save)
		}, func(d *model.Doc) string {
			m := d.MeasureByCode("1.4")
			if m == nil || len(m.Milestones) != 3 || len(m.KPIs) != 1 || m.Milestones[0].Completed != 0 {
				return "1.4 is not a copy of 1.1 with its milestones (uncompleted) and KPI"
			}
			return ""
		}},
		{"move", func() {
			h.u.onMoveMeasure(mOpenData)
			mf := latest[*measureForm](h)
			for i, o := range mf.area.Options {
				if strings.HasPrefix(o, "A2 ") {
					mf.area.SetSelectedIndex(i)
				}
			}
			h.tap(mf.f.save)
		}, func(d *model.Doc) string {
			if m := d.Measure(mOpenData); m.Area != "A2" || m.Code != "2.3" {
				return "1.2 not moved to A2 as 2.3: " + m.Area + " " + m.Code
			}
			return ""
		}},
		{"delete a measure with children", func() {
			h.u.onDeleteMeasure(mDocs)
			latest[deleteConfirm](h).Confirm()
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
