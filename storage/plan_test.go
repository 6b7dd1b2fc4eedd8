package storage

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"

	"strategytracker/model"
)

func TestRevisionsOfTheAdoptedPlan(t *testing.T) {
	s, _ := newDemo(t)
	d, _ := s.Doc(ctx)
	office := personByRole(t, d, model.RoleOffice)
	m := d.Measures[0]
	var k model.KPI
	for _, x := range d.Measures {
		if len(x.KPIs) > 0 {
			k = x.KPIs[0]
			break
		}
	}
	// Before adoption a change of the end date needs no reason.
	m.End = m.End.AddDays(1)
	if err := s.Update(ctx, office.ID, model.ActionUpdate, "", func(tx model.Tx) error { return tx.SaveMeasure(&m) }); err != nil {
		t.Fatal(err)
	}
	if err := s.Update(ctx, office.ID, model.ActionUpdate, "", func(tx model.Tx) error {
		return tx.Adopt(&model.Adoption{AdoptedOn: model.MustDate("2026-01-15"), CouncilDecision: model.T("Решение № 1", "Decision 1")})
	}); err != nil {
		t.Fatal(err)
	}
	d, _ = s.Doc(ctx)
	if d.Adoption == nil || d.Adoption.By == "" {
		t.Fatalf("adoption not kept: %+v", d.Adoption)
	}
	original := d.Measures[0].End
	m = d.Measures[0]
	m.End = original.AddDays(90)
	before := export(t, s)
	err := s.Update(ctx, office.ID, model.ActionUpdate, "", func(tx model.Tx) error { return tx.SaveMeasure(&m) })
	if err == nil || !strings.Contains(err.Error(), "give a reason") {
		t.Fatalf("a change of an adopted end date without a reason: got %v", err)
	}
	if !bytes.Equal(before, export(t, s)) {
		t.Fatal("the refused change changed the file")
	}
	m = d.Measures[0]
	m.End = original.AddDays(90)
	reason := model.T("забавена обществена поръчка", "procurement delayed")
	if err := s.Update(ctx, office.ID, model.ActionUpdate, "", func(tx model.Tx) error {
		tx.SetRevisionReason(reason)
		if err := tx.SaveMeasure(&m); err != nil {
			return err
		}
		k.TargetValue += 5
		return tx.SaveKPI(&k)
	}); err != nil {
		t.Fatal(err)
	}
	// A second revision of the same end date keeps the adopted original.
	d, _ = s.Doc(ctx)
	m = d.Measures[0]
	m.End = original.AddDays(120)
	if err := s.Update(ctx, office.ID, model.ActionUpdate, "", func(tx model.Tx) error {
		tx.SetRevisionReason(model.T("още забавяне", ""))
		return tx.SaveMeasure(&m)
	}); err != nil {
		t.Fatal(err)
	}
	d, _ = s.Doc(ctx)
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
		if r.Original != original.String() || r.By != model.UserLabel(office) || r.Field != "end" {
			t.Errorf("revision %+v: want original %s by %s", r, original, model.UserLabel(office))
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
	// The log replays the adoption and the revisions.
	if _, err := s.Check(ctx); err != nil {
		t.Fatal(err)
	}
	// Export → load → export is byte-identical and carries them.
	first := export(t, s)
	if !bytes.Contains(first, []byte(`"revisions"`)) || !bytes.Contains(first, []byte(`"adoption"`)) {
		t.Fatal("the export does not carry the adopted plan")
	}
	d2, err := model.DecodeBytes(first)
	if err != nil {
		t.Fatal(err)
	}
	s2, err := Create(ctx, filepath.Join(t.TempDir(), "again.db"), d2, Options{Now: fixedClock})
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	if second := export(t, s2); !bytes.Equal(first, second) {
		t.Fatal("export → load → export differs")
	}
	if _, err := s2.Check(ctx); err != nil {
		t.Fatal(err)
	}
	// Adopting twice is refused.
	err = s.Update(ctx, office.ID, model.ActionUpdate, "", func(tx model.Tx) error {
		return tx.Adopt(&model.Adoption{AdoptedOn: model.MustDate("2026-02-01"), CouncilDecision: model.T("x", "")})
	})
	if model.ErrorCode(err) != model.ECONFLICT {
		t.Fatalf("second adoption: %v", err)
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
