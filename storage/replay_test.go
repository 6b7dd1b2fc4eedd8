package storage

import (
	"database/sql"
	"strings"
	"testing"

	"strategytracker/model"
)

// editEverything makes one audited change of every kind, so that the
// replay of the log has something of each to reproduce.
func editEverything(t *testing.T, s *Store) {
	t.Helper()
	d, _ := s.Doc(ctx)
	office := personByRole(t, d, model.RoleOffice)
	err := s.Update(ctx, office.ID, model.ActionUpdate, "", func(tx model.Tx) error {
		doc := tx.Doc()
		area := doc.Areas[0]
		area.Code = "A1x" // cascades to its measures
		if err := tx.SaveArea(&area); err != nil {
			return err
		}
		unit := doc.Units[0]
		unit.Code = unit.Code + "X"
		if err := tx.SaveUnit(&unit); err != nil {
			return err
		}
		g := model.Goal{Code: "G9", Title: model.T("Нова цел", "New goal")}
		if err := tx.SaveGoal(&g); err != nil {
			return err
		}
		m := doc.Measures[2]
		m.Goals = append(m.Goals, "G9")
		m.Title.BG = "Ново заглавие"
		if err := tx.SaveMeasure(&m); err != nil {
			return err
		}
		ms := model.Milestone{MeasureID: m.ID, Title: model.T("Етап", "Step"), Due: model.NewDate(2027, 1, 1), Weight: 2}
		if err := tx.SaveMilestone(&ms); err != nil {
			return err
		}
		ms.Note = "бележка"
		if err := tx.SaveMilestone(&ms); err != nil {
			return err
		}
		var k *model.KPI
		for i := range doc.Measures {
			if len(doc.Measures[i].KPIs) > 0 {
				k = &doc.Measures[i].KPIs[0]
				break
			}
		}
		v := model.KPIValue{KPIID: k.ID, Date: model.NewDate(2026, 11, 1), Value: 42}
		if err := tx.SaveKPIValue(&v); err != nil {
			return err
		}
		nm := model.Measure{Code: "9.9", Area: "A1x", LeadUnit: unit.Code, Title: model.T("Нова", "New"),
			Start: model.NewDate(2027, 1, 1), End: model.NewDate(2027, 12, 31), Weight: 1}
		if err := tx.SaveMeasure(&nm); err != nil {
			return err
		}
		u := doc.Measures[0].Updates[0]
		return tx.Delete(model.EntityUpdate, u.ID, u.Version)
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.CreateSnapshot(ctx, office.ID, "after edits", model.NewDate(2026, 11, 29)); err != nil {
		t.Fatal(err)
	}
}

func TestCheckReplaysTheLog(t *testing.T) {
	s, _ := newDemo(t)
	editEverything(t, s)
	rep, err := s.Check(ctx)
	if err != nil {
		t.Fatalf("check after audited edits of every kind: %v", err)
	}
	if rep.AuditEntries < 10 {
		t.Errorf("audit entries = %d", rep.AuditEntries)
	}
}

func TestCheckFindsChangesWithoutAuditEntry(t *testing.T) {
	tests := []struct {
		name, sql, want string
	}{
		{"measure title", "UPDATE measures SET title_bg = 'подправено' WHERE code = '1.2'", "measure 1.2: title"},
		{"milestone completed", "UPDATE milestones SET completed = '2026-01-01' WHERE completed IS NULL AND id = (SELECT min(id) FROM milestones WHERE completed IS NULL)", "milestone"},
		{"deleted milestone", "DELETE FROM milestones WHERE id = (SELECT max(id) FROM milestones)", "deleted outside the app"},
		{"added KPI value", "INSERT INTO kpi_values (id, kpi_id, date, value, note, source, version) SELECT 99999, id, '2026-06-01', 1, '', '', 1 FROM kpis LIMIT 1", "added outside the app"},
		{"strategy title", "UPDATE meta SET title_en = 'Forged'", "the strategy: title"},
		{"budget", "UPDATE measures SET spent_cents = spent_cents + 1 WHERE code = '9.9'", "measure 9.9: spentCents"},
		{"person role", "UPDATE people SET role = 'office' WHERE role = 'council'", "role"},
		{"funding", "UPDATE funding SET amount_cents = 1 WHERE pos = 0 AND measure_id = (SELECT min(measure_id) FROM funding)", "funding"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, path := newDemo(t)
			editEverything(t, s)
			db, err := sql.Open("sqlite", path+"?_pragma=foreign_keys(1)")
			if err != nil {
				t.Fatal(err)
			}
			res, err := db.Exec(tt.sql)
			if err != nil {
				t.Fatal(err)
			}
			if n, _ := res.RowsAffected(); n == 0 {
				t.Fatalf("%s changed nothing", tt.sql)
			}
			db.Close()
			_, err = s.Check(ctx)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("check: %v; want it to name %q", err, tt.want)
			}
		})
	}
}
