package postgres

import (
	"strings"
	"testing"

	"strategytracker/model"
)

// More of storage/store_test.go, unchanged but for the store: the same
// calls give the same results on the server.

func TestCreateRowsThroughTx(t *testing.T) {
	s, _ := newDemo(t)
	d, _ := s.Doc(ctx)
	office := personByRole(t, d, model.RoleOffice)
	m := d.Measures[0]
	ms := model.Milestone{MeasureID: m.ID, Title: model.T("Нов етап", "New milestone"), Due: model.NewDate(2027, 3, 1), Weight: 1}
	u := model.Update{MeasureID: m.ID, Date: model.NewDate(2026, 11, 29), Author: model.Ref(office.ID), Text: model.T("Текст", "Text")}
	err := s.Update(ctx, office.ID, model.ActionUpdate, "", func(tx model.Tx) error {
		if err := tx.SaveMilestone(&ms); err != nil {
			return err
		}
		return tx.SaveUpdate(&u)
	})
	if err != nil {
		t.Fatal(err)
	}
	if ms.ID == 0 || ms.Version != 1 || u.ID == 0 {
		t.Errorf("created ids %d (v%d), %d", ms.ID, ms.Version, u.ID)
	}
	d2, _ := s.Doc(ctx)
	if got, _ := d2.MilestoneByID(ms.ID); got == nil || got.Title.EN != "New milestone" {
		t.Errorf("created milestone = %+v", got)
	}
	// Completing in the future is refused (DESIGN.md §1).
	future := ms
	future.Version = 1
	future.Completed = model.DateOf(fixedClock()).AddDays(1)
	err = s.Update(ctx, office.ID, model.ActionUpdate, "", func(tx model.Tx) error { return tx.SaveMilestone(&future) })
	if model.ErrorCode(err) != model.EINVALID || !strings.Contains(err.Error(), "completed") {
		t.Errorf("completing tomorrow: %v, want invalid naming completed", err)
	}
}

func TestDeleteThenSaveInOneTransaction(t *testing.T) {
	s, _ := newDemo(t)
	d, _ := s.Doc(ctx)
	office := personByRole(t, d, model.RoleOffice)
	var m model.Measure
	for _, x := range d.Measures {
		if len(x.KPIs) > 0 && len(x.Milestones) > 0 && len(x.KPIs[0].Values) > 0 {
			m = x
			break
		}
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
			err := s.Update(ctx, office.ID, model.ActionUpdate, "", tt.fn)
			if model.ErrorCode(err) != model.ENOTFOUND {
				t.Errorf("got %v, want not found", err)
			}
		})
	}
}

func TestMeasureDeletionKeepsItsChildrenInTheLog(t *testing.T) {
	s, _ := newDemo(t)
	d, _ := s.Doc(ctx)
	office := personByRole(t, d, model.RoleOffice)
	m := d.Measures[0]
	before := auditCount(t, s)
	if err := s.Update(ctx, office.ID, model.ActionUpdate, "", func(tx model.Tx) error {
		return tx.Delete(model.EntityMeasure, m.ID, m.Version)
	}); err != nil {
		t.Fatal(err)
	}
	children := len(m.Milestones) + len(m.Updates)
	for _, k := range m.KPIs {
		children += 1 + len(k.Values)
	}
	if got, want := auditCount(t, s)-before, children+1; got != want {
		t.Errorf("audit entries of the deletion = %d, want %d (the measure and each child)", got, want)
	}
	entries, _ := s.Audit(ctx, model.AuditFilter{Entity: model.EntityMilestone, EntityID: m.Milestones[0].ID})
	last := entries[len(entries)-1]
	if last.Action != model.ActionDelete || !strings.Contains(last.Old, m.Milestones[0].Title.BG) {
		t.Errorf("the deleted milestone's entry = %+v", last)
	}
	if _, err := s.Check(ctx); err != nil {
		t.Errorf("check after deleting a measure: %v", err)
	}
}

func TestSnapshotNames(t *testing.T) {
	s, _ := newDemo(t)
	d, _ := s.Doc(ctx)
	office := personByRole(t, d, model.RoleOffice)
	for _, name := range []string{"", "  ", "bell\a", "tab\tinside", strings.Repeat("я", 301)} {
		if _, err := s.CreateSnapshot(ctx, office.ID, name, model.NewDate(2026, 9, 30)); model.ErrorCode(err) != model.EINVALID {
			t.Errorf("snapshot %q: %v, want invalid", name, err)
		}
	}
	odd := `Отчет "Q3" \ 2026 <&>`
	if _, err := s.CreateSnapshot(ctx, office.ID, odd, model.NewDate(2026, 9, 30)); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Check(ctx); err != nil {
		t.Errorf("check after a snapshot named %q: %v", odd, err)
	}
}

func TestCoordinatorsWriteUpdatesInTheirOwnName(t *testing.T) {
	s, _ := newDemo(t)
	d, _ := s.Doc(ctx)
	var coord *model.Person
	var m *model.Measure
	for i := range d.People {
		for j := range d.Measures {
			if d.People[i].Role == model.RoleCoordinator && d.People[i].Coordinates(&d.Measures[j]) && !d.Measures[j].Cancelled {
				coord, m = &d.People[i], &d.Measures[j]
			}
		}
	}
	office := personByRole(t, d, model.RoleOffice)
	save := func(u model.Update) error {
		return s.Update(ctx, coord.ID, model.ActionUpdate, "", func(tx model.Tx) error { return tx.SaveUpdate(&u) })
	}
	text := model.T("Напредък", "Progress")
	if err := save(model.Update{MeasureID: m.ID, Date: model.NewDate(2026, 11, 2), Author: model.Ref(office.ID), Text: text}); model.ErrorCode(err) != model.EFORBIDDEN {
		t.Errorf("update in someone else's name: %v, want forbidden", err)
	}
	own := model.Update{MeasureID: m.ID, Date: model.NewDate(2026, 11, 2), Author: model.Ref(coord.ID), Text: text}
	if err := s.Update(ctx, coord.ID, model.ActionUpdate, "", func(tx model.Tx) error { return tx.SaveUpdate(&own) }); err != nil {
		t.Fatalf("update in one's own name: %v", err)
	}
	own.Author = model.Ref(office.ID)
	if err := save(own); model.ErrorCode(err) != model.EFORBIDDEN {
		t.Errorf("changing an update's author: %v, want forbidden", err)
	}
}

func TestEmailsAreUnique(t *testing.T) {
	s, _ := newDemo(t)
	d, _ := s.Doc(ctx)
	office := personByRole(t, d, model.RoleOffice)
	p := d.People[1]
	p.Email = strings.ToUpper(d.People[0].Email)
	err := s.Update(ctx, office.ID, model.ActionUpdate, "", func(tx model.Tx) error { return tx.SavePerson(&p) })
	if model.ErrorCode(err) != model.EINVALID || !strings.Contains(err.Error(), "email") {
		t.Errorf("a second person with the same e-mail: %v, want invalid", err)
	}
}
