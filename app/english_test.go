package app

import (
	"testing"

	"strategytracker/model"
)

// The texts in two languages of DESIGN.md §1.2 are edited where their
// Bulgarian ones are: a milestone's note (by a coordinator of the measure
// too), a status override's reason, and the report's submitter in the
// strategy's header.
func TestEnglishNoteReasonAndSubmitterInTheForms(t *testing.T) {
	h := newHarness(t, testDoc(), pOffice)
	d := h.open(mDocs)
	h.tap(d.milestones.edit[msPending])
	f := latest[*milestoneForm](h)
	retype(f.note, "Отложено с месец")
	retype(f.noteEN, "Postponed by a month")
	h.tap(f.f.save)
	if got := h.storedMilestone(msPending).NoteText(); got != model.T("Отложено с месец", "Postponed by a month") {
		t.Errorf("note = %#v", got)
	}

	d.fields.overrideStatus.SetSelectedIndex(1)
	retype(d.fields.overrideReason, "Забавена поръчка")
	retype(d.fields.overrideReasonEN, "Delayed procurement")
	h.tap(d.fields.saveBtn)
	if o := h.stored(mDocs).Override; o == nil || o.ReasonText() != model.T("Забавена поръчка", "Delayed procurement") {
		t.Errorf("override = %+v", o)
	}

	s := h.u.structure
	h.u.showScreen(screenStructure)
	s.onEditHeader()
	sf := s.ed.lastForm
	sel := sf.selects["submitter"]
	if sel == nil || sel.Selected != tr("value.nobody") {
		t.Fatalf("the header's submitter choice: %+v", sel)
	}
	h.fillStruct(sf, nil, map[string]string{"submitter": sel.Options[pOffice]})
	if got := h.u.doc.Strategy.Submitter; got != model.Ref(pOffice) {
		t.Errorf("submitter = %d, want %d", got, pOffice)
	}

	// A coordinator writes the English note where they write the Bulgarian one.
	c := newHarness(t, testDoc(), pCoordINNO)
	cd := c.open(mDocs)
	c.tap(cd.milestones.edit[msPending])
	cf := latest[*milestoneForm](c)
	for name, editable := range map[string]bool{"note": true, "noteEn": true, "title": false} {
		if got := !cf.fields[name].ro.Visible(); got != editable {
			t.Errorf("coordinator: field %s editable = %v, want %v", name, got, editable)
		}
	}
	retype(cf.noteEN, "Done")
	c.tap(cf.f.save)
	if got := c.storedMilestone(msPending).NoteEn; got != "Done" {
		t.Errorf("coordinator's English note = %q", got)
	}
}
