package storage

import (
	"database/sql"
	"strings"
	"testing"

	"strategytracker/model/storetest"
)

func TestCheckReplaysTheLog(t *testing.T) {
	s, _ := newDemo(t)
	storetest.EditEverything(t, s)
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
			storetest.EditEverything(t, s)
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
