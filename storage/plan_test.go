package storage

import (
	"bytes"
	"strings"
	"testing"

	"strategytracker/model"
)

// TestRevisionsOfTheAdoptedPlan: before adoption the plan changes freely;
// after it a change of an adopted field needs a reason and is kept as a
// revision with the adopted original, through the log and the exchange
// format; a plan is adopted once.
func TestRevisionsOfTheAdoptedPlan(t *testing.T) {
	c := newScenario(t)
	office := c.person(model.RoleOffice)
	d := c.doc()
	id := d.Measures[0].ID
	var k model.KPI
	for _, x := range d.Measures {
		if len(x.KPIs) > 0 {
			k = x.KPIs[0]
			break
		}
	}
	// Before adoption a change of the end date needs no reason.
	c.do(office.ID, moveEnd(id, 1))
	adopt := func(on string) func(model.Tx) error {
		return func(tx model.Tx) error {
			return tx.Adopt(&model.Adoption{AdoptedOn: model.MustDate(on), CouncilDecision: model.T("Решение № 1", "Decision 1")})
		}
	}
	c.do(office.ID, adopt("2026-01-15"))
	d = c.doc()
	if d.Adoption == nil || d.Adoption.By == "" {
		t.Fatalf("adoption not kept: %+v", d.Adoption)
	}
	original := d.Measures[0].End
	c.refuses(refusal{name: "a change of an adopted end date without a reason", actor: office.ID, step: moveEnd(id, 90), message: "give a reason"})
	reason := model.T("забавена обществена поръчка", "procurement delayed")
	c.do(office.ID, func(tx model.Tx) error {
		tx.SetRevisionReason(reason)
		if err := moveEnd(id, 90)(tx); err != nil {
			return err
		}
		k.TargetValue += 5
		return tx.SaveKPI(&k)
	})
	// A second revision of the same end date keeps the adopted original.
	c.do(office.ID, func(tx model.Tx) error {
		tx.SetRevisionReason(model.T("още забавяне", ""))
		return moveEnd(id, 30)(tx)
	})
	wantEndRevisions(t, c.doc(), original, reason, model.UserLabel(office))
	// The log replays the adoption and the revisions, and the exchange
	// format carries them.
	first := exportLoadExport(t, c.s)
	if !bytes.Contains(first, []byte(`"revisions"`)) || !bytes.Contains(first, []byte(`"adoption"`)) {
		t.Fatal("the export does not carry the adopted plan")
	}
	c.refuses(refusal{name: "adopting twice", actor: office.ID, step: adopt("2026-02-01"), code: model.ECONFLICT})
}

// moveEnd moves the end of measure id by days.
func moveEnd(id model.ID, days int) func(model.Tx) error {
	return func(tx model.Tx) error {
		m := *tx.Doc().Measure(id)
		m.End = m.End.AddDays(days)
		return tx.SaveMeasure(&m)
	}
}

// wantEndRevisions wants the first measure of d to end 120 days after
// its adopted original, through two revisions by by (the first with
// reason), beside one revision of a KPI.
func wantEndRevisions(t *testing.T, d *model.Doc, original model.Date, reason model.Text, by string) {
	t.Helper()
	if got := d.Measures[0].End; got != original.AddDays(120) {
		t.Fatalf("current end %s, want %s", got, original.AddDays(120))
	}
	var revs []model.Revision
	for _, r := range d.MeasureRevisions(d.Measures[0].ID) {
		if r.Field == "end" {
			revs = append(revs, r)
		}
	}
	if len(revs) != 2 {
		t.Fatalf("%d revisions of the measure, want 2: %+v", len(revs), d.Revisions)
	}
	for _, r := range revs {
		if r.Original != original.String() || r.By != by || r.Field != "end" {
			t.Errorf("revision %+v: want original %s by %s", r, original, by)
		}
	}
	if revs[0].Reason != reason || revs[1].Previous != original.AddDays(90).String() {
		t.Errorf("revisions %+v", revs)
	}
	if len(d.Revisions) != 3 {
		t.Fatalf("%d revisions, want 3", len(d.Revisions))
	}
	if !strings.Contains(revs[0].Sentence(model.BG), "е удължен от") {
		t.Errorf("sentence %q", revs[0].Sentence(model.BG))
	}
}

func TestCoordinatorCannotAdopt(t *testing.T) {
	s, _ := newDemo(t)
	d, _ := s.Doc(ctx)
	c := personByRole(t, d, model.RoleCoordinator)
	err := s.Update(ctx, c.ID, model.ActionUpdate, "", func(tx model.Tx) error {
		return tx.Adopt(&model.Adoption{AdoptedOn: model.MustDate("2026-01-15"), CouncilDecision: model.T("Решение", "")})
	})
	if model.ErrorCode(err) != model.EFORBIDDEN {
		t.Fatalf("got %v", err)
	}
}

func TestDeleteReferredRowIsRefusedWithTheList(t *testing.T) {
	s, path := newDemo(t)
	d, _ := s.Doc(ctx)
	office := personByRole(t, d, model.RoleOffice)
	u := d.Unit(d.Measures[0].LeadUnit)
	before := fileSum(t, path)
	err := s.Update(ctx, office.ID, model.ActionUpdate, "", func(tx model.Tx) error {
		return tx.Delete(model.EntityUnit, u.ID, u.Version)
	})
	if err == nil || !strings.Contains(err.Error(), "unit "+u.Code+" leads") || !strings.Contains(err.Error(), d.Measures[0].Code) {
		t.Fatalf("got %v", err)
	}
	if fileSum(t, path) != before {
		t.Fatal("the refused delete changed the file")
	}
	// Reassign, then the delete goes through.
	var other *model.Unit
	for i := range d.Units {
		if d.Units[i].Code != u.Code {
			other = &d.Units[i]
			break
		}
	}
	if err := s.Update(ctx, office.ID, model.ActionUpdate, "", func(tx model.Tx) error {
		if err := model.Reassign(tx, model.EntityUnit, u.ID, other.ID); err != nil {
			return err
		}
		if refs := tx.Doc().References(model.EntityUnit, u.ID); len(refs) > 0 {
			t.Errorf("after reassigning: %+v", refs)
		}
		return tx.Delete(model.EntityUnit, u.ID, u.Version)
	}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Check(ctx); err != nil {
		t.Fatal(err)
	}
}
