package postgres

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"strategytracker/model"
)

// Class 2, the rest: a coordinator's audit entries match their rows
// (schema 7). Whatever order a coordinator's psql writes rows and
// entries in, a transaction whose entries, replayed over the rows as
// they were, do not give the rows as they are is refused, so that
// `check`, `copy` and `backup` keep working for everyone. Before schema
// 7 every attack below committed, and `check` failed from then on.
func TestAttackAuditEntriesMatchTheRows(t *testing.T) {
	s, url, d := grantedDemo(t)
	coord, own, _ := ownAndForeign(t, d)
	var kpi *model.KPI
	for i := range d.Measures {
		for j := range d.Measures[i].KPIs {
			if k := &d.Measures[i].KPIs[j]; coord.Coordinates(&d.Measures[i]) && len(k.Values) > 0 && kpi == nil {
				kpi = k
			}
		}
	}
	if kpi == nil {
		t.Fatal("the coordinator has no KPI with values in the demo")
	}
	// An open period, whose lists coordinators may write.
	office := personByRole(t, d, model.RoleOffice)
	var period model.ID
	if err := s.Update(ctx, office.ID, model.ActionUpdate, "", func(tx model.Tx) error {
		p, err := model.OpenReportingPeriod(tx, model.NewPeriod{Name: model.T("IV 2026", "Q4 2026"), Start: model.NewDate(2026, 10, 1),
			End: model.NewDate(2026, 12, 31), Due: model.NewDate(2027, 1, 15)}, office.ID, fixedClock())
		if p != nil {
			period = p.ID
		}
		return err
	}); err != nil {
		t.Fatal(err)
	}
	ms, m, v := own.Milestones[0], own.ID, kpi.Values[0]
	last := kpi.Values[0].Date
	for _, x := range kpi.Values {
		last = max(last, x.Date)
	}
	day := func(n int) string { return (last + model.Date(n)).String() }
	note, _ := model.CanonicalJSON(ms.Note)
	vOld := model.AuditRow(&v, kpi.ID)
	entry := func(action, entity string, id any, field, old, new string) string {
		return fmt.Sprintf("SELECT st_audit_append(%s, %s, %v, %s, %s, %s)", sqlString(action), sqlString(entity), id, sqlString(field), sqlString(old), sqlString(new))
	}
	setNote := func(text string) string {
		return fmt.Sprintf("UPDATE milestones SET note = %s WHERE id = %d", sqlString(text), ms.ID)
	}
	noteEntry := func(text string) string {
		return entry("update", "milestone", ms.ID, "note", string(note), `"`+text+`"`)
	}
	const newValue = "currval('kpi_values_id_seq')"
	insertValue := func(date string) string {
		return fmt.Sprintf("INSERT INTO kpi_values (kpi_id, date, value, note, source, version) VALUES (%d, '%s', 1, '', '', 1)", kpi.ID, date)
	}
	createEntry := func(parent int64, date, extra string) string {
		return fmt.Sprintf(`SELECT st_audit_append('create', 'kpi_value', %[1]s, '', '',
			format('{"parent":%[2]d,"id":%%s,"date":"%[3]s","value":1,"note":"","source":""%[4]s}', %[1]s))`, newValue, parent, date, extra)
	}
	returns := fmt.Sprintf(`[{"id":1,"unit":%q,"writtenAt":"","returnedAt":"","returnedBy":null,"changes":0,"filledBy":""}]`, coord.Unit)

	as := withLogin(url, LoginName(coord))
	for _, tt := range []struct {
		name  string
		stmts []string
	}{
		{"an entry about a change not made", []string{noteEntry("x")}},
		{"a change without an entry", []string{setNote("x")}},
		{"an entry that says something else", []string{setNote("x"), noteEntry("y")}},
		{"an entry first, then another change", []string{noteEntry("x"), setNote("y")}},
		{"a change again after its entry", []string{setNote("x"), noteEntry("x"), setNote("z")}},
		{"checked early, changed after", []string{setNote("x"), noteEntry("x"), "SET CONSTRAINTS ALL IMMEDIATE", setNote("z")}},
		{"a second field changed without its entry", []string{
			fmt.Sprintf("UPDATE milestones SET note = 'x', evidence = 'https://example.org/' WHERE id = %d", ms.ID), noteEntry("x")}},
		{"a number read with fewer digits", []string{"SET extra_float_digits = -15",
			fmt.Sprintf("UPDATE measures SET manual_progress = 100.0 / 3 WHERE id = %d", m),
			entry("update", "measure", m, "manualProgress", "0", "33.3333333333333")}},
		{"a row deleted without an entry", []string{fmt.Sprintf("DELETE FROM kpi_values WHERE id = %d", v.ID)}},
		{"a row changed, then deleted without an entry", []string{
			fmt.Sprintf("UPDATE kpi_values SET value = 7 WHERE id = %d", v.ID), entry("update", "kpi_value", v.ID, "value", "0", "7"),
			fmt.Sprintf("DELETE FROM kpi_values WHERE id = %d", v.ID)}},
		{"an entry of a deletion not made", []string{entry("delete", "kpi_value", v.ID, "", vOld, "")}},
		{"a row created without an entry", []string{insertValue(day(1))}},
		{"a row created with an entry of another value", []string{insertValue(day(1)), strings.Replace(createEntry(kpi.ID, day(1), ""), `"value":1`, `"value":2`, 1)}},
		{"a row created with an entry of another parent", []string{insertValue(day(1)), createEntry(kpi.ID+1, day(1), "")}},
		{"a row created with an entry naming a field twice", []string{insertValue(day(1)), createEntry(kpi.ID, day(1), `,"Value":5`)}},
		{"a row created with an entry of another day", []string{insertValue(day(1)), createEntry(kpi.ID, day(2), "")}},
		{"a period's list with an entry of another list", []string{fmt.Sprintf("UPDATE periods SET returns = %s WHERE id = %d", sqlString(returns), period),
			entry("update", "period", period, "returns", "[]", "[]")}},
	} {
		if err := inTransaction(t, as, tt.stmts); err == nil {
			t.Errorf("coordinator: %s: committed", tt.name)
		}
	}
	if _, err := s.Check(ctx); err != nil {
		t.Fatalf("check after the coordinator's attempts: %v", err)
	}

	// What the app does, in psql, commits: a change then its entry, an
	// entry then its change, a value added and one deleted with theirs.
	for _, tt := range []struct {
		name  string
		stmts []string
	}{
		{"a change and its entry", []string{setNote("x"), noteEntry("x")}},
		{"an entry and its change", []string{entry("update", "milestone", ms.ID, "note", `"x"`, `"y"`), setNote("y")}},
		{"a value added", []string{insertValue(day(1)), createEntry(kpi.ID, day(1), "")}},
		{"a value deleted", []string{fmt.Sprintf("DELETE FROM kpi_values WHERE id = %d", v.ID), entry("delete", "kpi_value", v.ID, "", vOld, "")}},
		{"a period's list", []string{fmt.Sprintf("UPDATE periods SET returns = %s WHERE id = %d", sqlString(returns), period),
			entry("update", "period", period, "returns", "[]", returns)}},
	} {
		if err := inTransaction(t, as, tt.stmts); err != nil {
			t.Errorf("coordinator: %s: %v", tt.name, err)
		}
	}
	if _, err := s.Check(ctx); err != nil {
		t.Errorf("check after the coordinator's changes: %v", err)
	}
	copyable(t, s)
}

// copyable fails unless the strategy on the server is one backup and copy
// write: it reads, and the model's rules pass on it (storage.Create's).
func copyable(t *testing.T, s *Store) {
	t.Helper()
	d, _, err := s.ReadAll(ctx)
	if err == nil {
		err = d.Validate(model.DateOf(time.Now()))
	}
	if err != nil {
		t.Errorf("after the coordinator's changes, backup and copy would refuse the strategy: %v", err)
	}
}

// audited is a coordinator's change q of a row's field with its audit
// entry, whose new value is the SQL expression newSQL.
func audited(q, entity string, id int64, field, newSQL string) []string {
	return []string{q, fmt.Sprintf("SELECT st_audit_append('update', %s, %d, %s, '', %s)", sqlString(entity), id, sqlString(field), newSQL)}
}

// statementRefused runs q in a transaction of a session of url and rolls
// it back: the statement's own error. (A coordinator's change without its
// audit entry is refused at commit, schema 7; this is the refusal of the
// statement itself.)
func statementRefused(t *testing.T, url, q string, args ...any) error {
	t.Helper()
	tx := begin(t, url)
	defer tx.Rollback(ctx)
	_, err := tx.Exec(ctx, q, args...)
	return err
}

// inTransaction runs stmts in one transaction of a session of url and
// commits; the first error.
func inTransaction(t *testing.T, url string, stmts []string) error {
	t.Helper()
	tx := begin(t, url)
	defer tx.Rollback(ctx)
	for _, q := range stmts {
		if _, err := tx.Exec(ctx, q); err != nil {
			return fmt.Errorf("%s: %w", q, err)
		}
	}
	return tx.Commit(ctx)
}

// begin begins a transaction in a new session of url.
func begin(t *testing.T, url string) pgx.Tx {
	t.Helper()
	tx, err := session(t, url).Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return tx
}

// Server init fills what schema step entriesStep makes, and only once the
// schema has it (an older schema is upgraded step by step).
func TestEntriesStepMakesWhatInitFills(t *testing.T) {
	steps := embeddedMigrations()
	if len(steps) < entriesStep || !strings.Contains(steps[entriesStep-1], "CREATE TABLE st_audited") {
		t.Fatalf("schema step %d does not make st_audited: set entriesStep to the step that does", entriesStep)
	}
	if sql := securitySQL(GroupsFor("x"), entriesStep-1); strings.Contains(sql, "st_audited") || strings.Contains(sql, "longest_statement") {
		t.Error("server init on a schema before step 7 fills its tables")
	}
}

// The server reads a coordinator's rows as the model's JSON of their
// fields (st_row_fields, written from the row layer by server init): for
// every row of the demo, it is the model's own (model.RowJSON), field by
// field, so that a column a later schema step adds is compared too.
func TestServerReadsRowsAsTheModel(t *testing.T) {
	s, _ := newDemo(t)
	d0, _ := s.Doc(ctx)
	office := personByRole(t, d0, model.RoleOffice)
	if err := s.Update(ctx, office.ID, model.ActionUpdate, "", func(tx model.Tx) error {
		_, err := model.OpenReportingPeriod(tx, model.NewPeriod{Name: model.T("IV 2026", "Q4 2026"), Start: model.NewDate(2026, 10, 1),
			End: model.NewDate(2026, 12, 31), Due: model.NewDate(2027, 1, 15)}, office.ID, fixedClock())
		if err == nil {
			_, err = model.RecordTemplatesWritten(tx, tx.Doc().ReportingUnits(), fixedClock())
		}
		return err
	}); err != nil {
		t.Fatal(err)
	}
	d, _ := s.Doc(ctx)
	rows := map[model.Entity][]model.Row{}
	for i := range d.Periods {
		rows[model.EntityPeriod] = append(rows[model.EntityPeriod], &d.Periods[i])
	}
	for i := range d.Measures {
		m := &d.Measures[i]
		rows[model.EntityMeasure] = append(rows[model.EntityMeasure], m)
		for j := range m.Milestones {
			rows[model.EntityMilestone] = append(rows[model.EntityMilestone], &m.Milestones[j])
		}
		for j := range m.KPIs {
			for n := range m.KPIs[j].Values {
				rows[model.EntityKPIValue] = append(rows[model.EntityKPIValue], &m.KPIs[j].Values[n])
			}
		}
		for j := range m.Updates {
			rows[model.EntityUpdate] = append(rows[model.EntityUpdate], &m.Updates[j])
		}
	}
	entities := coordinatorEntities()
	if len(entities) < 5 {
		t.Fatalf("entities a coordinator records: %d, want measures, milestones, KPI values, updates and periods", len(entities))
	}
	for _, e := range entities {
		if len(rows[e.entity]) == 0 {
			t.Fatalf("the demo has no %s", e.entity)
		}
		if e.entity != model.EntityMeasure { // a measure's lists are rows of their own tables
			for _, f := range jsonFields(rows[e.entity][0]) {
				if _, ok := e.fields[f]; !ok {
					t.Errorf("%s: field %s is kept in no column of %s", e.entity, f, e.table)
				}
			}
		}
		for _, row := range rows[e.entity] {
			var got, want string
			err := s.pool.QueryRow(ctx, fmt.Sprintf("SELECT st_row_fields($1, to_jsonb(x))::text, ((SELECT zeros FROM st_audited WHERE entity = $1) || ($2::jsonb - 'goals' - 'partners' - 'funding'))::text FROM %s x WHERE id = $3", e.table),
				string(e.entity), model.RowJSON(row), row.RowID()).Scan(&got, &want)
			if err != nil {
				t.Fatal(err)
			}
			if got != want {
				t.Errorf("%s %d: the server reads\n%s\nthe model writes\n%s", e.entity, row.RowID(), got, want)
			}
		}
	}
}
