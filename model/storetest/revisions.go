package storetest

import (
	"testing"

	"strategytracker/model"
)

// testTakeBack: after adoption, two real changes, then each undone and
// done again (as the app's undo and redo write them). An undo puts the
// field back to the value before its latest revision: it takes that
// revision back instead of recording one more, needs no reason, and is
// kept in the audit log. The revisions are then the changes that stand.
func testTakeBack(t *testing.T, open Open) {
	f := setUp(t, open)
	id, ms := f.own.ID, f.own.Milestones[0].ID
	f.mustUpdate(f.office, func(tx model.Tx) error {
		return tx.Adopt(&model.Adoption{AdoptedOn: model.NewDate(2020, 6, 11), CouncilDecision: model.T("Решение № 338", "Decision 338")})
	})
	end, due := f.own.End, f.own.Milestones[0].Due
	revise := func(reason string, edit func(tx model.Tx) error) {
		t.Helper()
		f.mustUpdate(f.office, func(tx model.Tx) error {
			if reason != "" {
				tx.SetRevisionReason(model.T(reason, reason))
			}
			return edit(tx)
		})
	}
	setEnd := func(d model.Date) func(model.Tx) error {
		return saveMeasure(id, func(m *model.Measure) { m.End = d })
	}
	setDue := func(d model.Date) func(model.Tx) error {
		return saveMilestone(ms, func(x *model.Milestone) { x.Due = d })
	}
	revise("Забава", setEnd(end.AddDays(30)))
	revise("Нов срок", setDue(due.AddDays(7)))
	revise("", setDue(due))                    // undo without a reason
	revise("Нов срок", setDue(due.AddDays(7))) // redo
	revise("Отмяна", setEnd(end))              // undo with one: still no revision
	revise("Забава", setEnd(end.AddDays(30)))

	want := []model.Revision{
		{Entity: model.EntityMilestone, EntityID: ms, Field: "due", Original: due.String(), Previous: due.String(), Current: due.AddDays(7).String(), Reason: model.T("Нов срок", "Нов срок")},
		{Entity: model.EntityMeasure, EntityID: id, Field: "end", Original: end.String(), Previous: end.String(), Current: end.AddDays(30).String(), Reason: model.T("Забава", "Забава")},
	}
	got := f.doc().MeasureRevisions(id)
	if len(got) != len(want) {
		t.Fatalf("%d revisions after two changes and two undo/redo pairs, want %d: %+v", len(got), len(want), got)
	}
	for i, r := range got {
		w := want[i]
		if r.Entity != w.Entity || r.EntityID != w.EntityID || r.Field != w.Field || r.Original != w.Original ||
			r.Previous != w.Previous || r.Current != w.Current || r.Reason != w.Reason || r.ID == 0 {
			t.Errorf("revision %d = %+v, want %+v", i, r, w)
		}
	}
	if n := f.doc().RevisedMeasures(); n != 1 {
		t.Errorf("%d revised measures, want 1", n)
	}
	var made, takenBack int
	for _, e := range f.audit() {
		if e.Entity != model.EntityRevision {
			continue
		}
		switch e.Action {
		case model.ActionCreate:
			made++
		case model.ActionDelete:
			takenBack++
			if e.Old == "" || e.EntityID == 0 {
				t.Errorf("the audit entry of a revision taken back keeps no record: %+v", e)
			}
		}
	}
	if made != 4 || takenBack != 2 {
		t.Errorf("audit: %d revisions made, %d taken back; want 4 and 2", made, takenBack)
	}
	// A change that does not put back the value before the latest
	// revision still needs a reason and is recorded.
	f.refused(f.office, model.EINVALID, "", setEnd(end.AddDays(60)))
	if _, err := f.s.Check(ctx); err != nil {
		t.Errorf("check after revisions taken back: %v", err)
	}
}
