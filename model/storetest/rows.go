package storetest

import (
	"strings"
	"testing"

	"strategytracker/model"
)

// More cases of rows that every store once tested on its own.

// testDeleteThenSave: a row deleted in a transaction is gone for the rest
// of it, and so are its children.
func testDeleteThenSave(t *testing.T, open Open) {
	f := setUp(t, open)
	var m model.Measure
	for _, x := range f.doc().Measures {
		if len(x.KPIs) > 0 && len(x.Milestones) > 0 && len(x.Updates) > 0 {
			m = x
			break
		}
	}
	if m.ID == 0 {
		t.Fatal("no measure with KPIs, milestones and updates")
	}
	tests := []struct {
		name string
		fn   func(tx model.Tx) error
	}{
		{"milestone deleted, then saved", func(tx model.Tx) error {
			ms := m.Milestones[0]
			if err := tx.Delete(model.EntityMilestone, ms.ID, ms.Version); err != nil {
				return err
			}
			return tx.SaveMilestone(&ms)
		}},
		{"measure deleted, then a value of its KPI saved", func(tx model.Tx) error {
			if err := tx.Delete(model.EntityMeasure, m.ID, m.Version); err != nil {
				return err
			}
			v := model.KPIValue{KPIID: m.KPIs[0].ID, Date: model.NewDate(2026, 11, 1), Value: 1}
			return tx.SaveKPIValue(&v)
		}},
		{"measure deleted, then its update saved", func(tx model.Tx) error {
			if err := tx.Delete(model.EntityMeasure, m.ID, m.Version); err != nil {
				return err
			}
			u := m.Updates[0]
			return tx.SaveUpdate(&u)
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f.t = t
			f.refused(f.office, model.ENOTFOUND, "", tt.fn)
		})
	}
}

// testMeasureDeletion: deleting a measure leaves an entry for it and for
// each of its children, and the store still passes its check.
func testMeasureDeletion(t *testing.T, open Open) {
	f := setUp(t, open)
	m := *f.doc().Measure(f.own.ID)
	before := len(f.audit())
	f.mustUpdate(f.office, func(tx model.Tx) error { return tx.Delete(model.EntityMeasure, m.ID, m.Version) })
	children := len(m.Milestones) + len(m.Updates)
	for _, k := range m.KPIs {
		children += 1 + len(k.Values)
	}
	if got, want := len(f.audit())-before, children+1; got != want {
		t.Errorf("audit entries of the deletion = %d, want %d (the measure and each child)", got, want)
	}
	entries, _ := f.s.Audit(ctx, model.AuditFilter{Entity: model.EntityMilestone, EntityID: m.Milestones[0].ID})
	if last := entries[len(entries)-1]; last.Action != model.ActionDelete || !strings.Contains(last.Old, m.Milestones[0].Title.BG) {
		t.Errorf("the deleted milestone's entry = %+v", last)
	}
	if f.doc().Measure(m.ID) != nil {
		t.Error("the deleted measure is still there")
	}
	if _, err := f.s.Check(ctx); err != nil {
		t.Errorf("check after deleting a measure: %v", err)
	}
}

// testSnapshotNames: names with control characters, empty or too long are
// refused; odd but printable ones are kept and checked.
func testSnapshotNames(t *testing.T, open Open) {
	f := setUp(t, open)
	for _, name := range []string{"", "  ", "bell\a", "tab\tinside", strings.Repeat("я", 301)} {
		if _, err := f.s.CreateSnapshot(ctx, f.office.ID, name, model.NewDate(2026, 9, 30)); model.ErrorCode(err) != model.EINVALID {
			t.Errorf("snapshot %q: %v, want invalid", name, err)
		}
	}
	odd := `Отчет "Q3" \ 2026 <&>`
	if _, err := f.s.CreateSnapshot(ctx, f.office.ID, odd, model.NewDate(2026, 9, 30)); err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.Check(ctx); err != nil {
		t.Errorf("check after a snapshot named %q: %v", odd, err)
	}
}

// testEmailsAreUnique: two people may not share an e-mail address, in
// any case of letters.
func testEmailsAreUnique(t *testing.T, open Open) {
	f := setUp(t, open)
	d := f.doc()
	p := d.People[1]
	p.Email = strings.ToUpper(d.People[0].Email)
	err := f.update(f.office, func(tx model.Tx) error { return tx.SavePerson(&p) })
	wantError(t, err, model.EINVALID, "", "email")
}
