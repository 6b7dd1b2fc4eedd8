// What of a measure, a KPI, an update, a note and a person is public: set
// in the detail and the person form by the office, undone like any edit.

package app

import (
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"strategytracker/model"
)

func TestUndoVisibilityChange(t *testing.T) {
	h := newHarness(t, testDoc(), pOffice)
	h.toggleMeasureInternal(mOpenData)
	if !h.stored(mOpenData).Internal {
		t.Fatal("not internal")
	}
	h.u.onUndo()
	h.u.settle()
	if h.stored(mOpenData).Internal {
		t.Fatal("undo left the measure internal")
	}
	if d := h.u.detail; strings.Contains(d.title.Text, "вътрешна") || d.vis.mark.Visible() {
		t.Errorf("the mark stayed after undo: %q / %q", d.title.Text, d.vis.mark.Text)
	}
	h.u.onRedo()
	h.u.settle()
	if !h.stored(mOpenData).Internal {
		t.Fatal("redo did not mark it internal again")
	}
}

func TestVisibilityOfKPIUpdateAndNote(t *testing.T) {
	doc := testDoc()
	doc.Measures[0].Milestones[0].Note = "Вътрешна бележка за бюджета"
	h := newHarness(t, doc, pOffice)
	d := h.open(mDocs)
	h.tap(d.vis.btn)
	v := latest[*visibilityForm](h)
	if len(v.notes) != 1 || len(v.kpis) != 1 {
		t.Fatalf("form offers %d notes, %d KPIs; want 1, 1", len(v.notes), len(v.kpis))
	}
	test.Tap(v.kpis[kpiDocs])
	test.Tap(v.notes[msDone])
	h.tap(v.f.save)
	if !h.storedMilestone(msDone).NoteInternal {
		t.Error("the note was not stored internal")
	}
	if k := h.stored(mDocs).KPIs[0]; !k.Internal {
		t.Error("the KPI was not stored internal")
	}
	if h.stored(mDocs).Internal {
		t.Error("the measure became internal too")
	}
	if m := d.vis.mark.Text; !strings.Contains(m, "Дял на е-документите") || !strings.Contains(m, "Анализ") {
		t.Errorf("mark %q does not name the internal KPI and note", m)
	}
	for _, want := range []string{"Дял на е-документите · вътрешен", "Вътрешна бележка за бюджета · вътрешна"} {
		if !strings.Contains(labelsOf(d.root), want) {
			t.Errorf("the tabs do not show %q", want)
		}
	}
	// One step of undo takes back both.
	h.u.onUndo()
	h.u.settle()
	if h.storedMilestone(msDone).NoteInternal || h.stored(mDocs).KPIs[0].Internal {
		t.Error("undo did not restore both flags")
	}
	// Updates.
	d = h.open(mOpenData)
	h.tap(d.vis.btn)
	v = latest[*visibilityForm](h)
	test.Tap(v.updates[61])
	h.tap(v.f.save)
	if !h.stored(mOpenData).Updates[0].Internal {
		t.Error("the update was not stored internal")
	}
	if !strings.Contains(labelsOf(d.root), "01.09.2026 · Мария Георгиева · вътрешна") {
		t.Error("the update is not marked internal in its tab")
	}
}

func TestVisibilityIsForTheOfficeOnly(t *testing.T) {
	for _, user := range []model.ID{pCoordINNO, pCouncil} {
		h := newHarness(t, testDoc(), user)
		d := h.open(mOpenData)
		if d.vis.btn.Visible() {
			t.Errorf("person %d sees the Publication button", user)
		}
		d.onVisibility()
		if opened[*visibilityForm](h) {
			t.Errorf("person %d opened the Publication form", user)
		}
	}
	// Everyone sees what is internal.
	doc := testDoc()
	doc.Measures[1].Internal = true
	h := newHarness(t, doc, pCouncil)
	d := h.open(mOpenData)
	if !d.vis.mark.Visible() || !strings.Contains(d.title.Text, "вътрешна") {
		t.Errorf("the council does not see the internal mark: %q", d.title.Text)
	}
}

func TestMarkAPersonPublic(t *testing.T) {
	h := newHarness(t, testDoc(), pOffice)
	s := h.u.structure
	h.u.showScreen(screenStructure)
	h.u.settle()
	s.openForm(model.EntityPerson, pCoordINNO)
	sf := s.ed.lastForm
	sel := sf.selects["public"]
	if sel == nil || sel.SelectedIndex() != 0 {
		t.Fatal("the person form has no public choice set to No")
	}
	sel.SetSelectedIndex(1)
	h.tap(sf.f.save)
	d, _ := h.store.Doc(t.Context())
	if p := d.Person(pCoordINNO); p == nil || !p.Public {
		t.Fatal("the person was not stored public")
	}
	if !slices.ContainsFunc(s.peopleRows, func(r [2]string) bool { return r[0] == "Мария Георгиева · публично име" }) {
		t.Errorf("the people list does not mark her public: %v", s.peopleRows)
	}
	h.u.onUndo()
	h.u.settle()
	d, _ = h.store.Doc(t.Context())
	if d.Person(pCoordINNO).Public {
		t.Error("undo left the person public")
	}
}
