package postgres

import (
	"fmt"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5/pgconn"

	"strategytracker/model"
)

// The roles are enforced by the server: a person's login, used with psql
// or any other client, can do what DESIGN.md §3 allows and nothing else.

// grantedDemo is the demo on a new database with its people's logins.
func grantedDemo(t *testing.T) (*Store, string, *model.Doc) {
	t.Helper()
	s, url := newDemo(t)
	rep, err := Grant(ctx, url, Options{})
	if err != nil {
		t.Fatal(err)
	}
	d, _ := s.Doc(ctx)
	if len(rep.Granted) != len(d.People) {
		t.Fatalf("grant gave %d logins, want one per person (%d): %+v", len(rep.Granted), len(d.People), rep)
	}
	return s, url, d
}

func isPermissionDenied(err error) bool {
	pe, ok := err.(*pgconn.PgError)
	return ok && pe.Code == "42501"
}

func TestCoordinatorLoginWithPsql(t *testing.T) {
	s, url, d := grantedDemo(t)
	coord, own, foreign := ownAndForeign(t, d)
	as := withLogin(url, LoginName(coord))
	before := export(t, s)

	// Another unit's measure: row-level security hides it from updates.
	n, err := sqlExec(t, as, "UPDATE measures SET manual_progress = 99 WHERE id = $1", foreign.ID)
	if err != nil || n != 0 {
		t.Errorf("coordinator updates another unit's measure: %d rows, %v; want 0 rows", n, err)
	}
	n, err = sqlExec(t, as, "UPDATE milestones SET note = 'x' WHERE measure_id = $1", foreign.ID)
	if err != nil || n != 0 {
		t.Errorf("coordinator updates another unit's milestones: %d rows, %v; want 0 rows", n, err)
	}
	// Structure, and the fields of their own measure they may not change.
	for _, q := range []string{
		"UPDATE goals SET title_en = 'x'",
		"INSERT INTO goals (code, title_bg, title_en, description_bg, description_en, version) VALUES ('GX', 'x', 'x', '', '', 1)",
		"DELETE FROM areas",
		"UPDATE units SET name_en = 'x'",
		"UPDATE people SET role = 'office'",
		"UPDATE meta SET title_en = 'x'",
		"DELETE FROM measures",
		"UPDATE measures SET title_en = 'x'",
		"UPDATE measures SET lead_unit = lead_unit",
		"UPDATE milestones SET due = due, title_bg = 'x'",
		"DELETE FROM milestones",
		"INSERT INTO snapshots (name, as_of, created_at, created_by, sha256, figures) VALUES ('x', '2026-01-01', '', '', '', '{}')",
		"UPDATE audit SET actor = 'someone else'",
		"DELETE FROM audit",
		"INSERT INTO audit SELECT seq + 1000, at, actor, action, entity, entity_id, field, old, new, prev_hash, hash FROM audit",
		"TRUNCATE audit",
	} {
		if _, err := sqlExec(t, as, q); !isPermissionDenied(err) {
			t.Errorf("coordinator: %s: %v, want permission denied", q, err)
		}
	}
	if string(export(t, s)) != string(before) {
		t.Error("the coordinator's refused statements changed the data")
	}
	// Their own measure's milestones, with the audit entries: allowed
	// (schema 7: without them, refused at commit).
	stmts := []string{fmt.Sprintf("UPDATE milestones SET note = 'mine' WHERE measure_id = %d", own.ID)}
	for _, ms := range own.Milestones {
		old, _ := model.CanonicalJSON(ms.Note)
		stmts = append(stmts, fmt.Sprintf(`SELECT st_audit_append('update', 'milestone', %d, 'note', %s, '"mine"')`, ms.ID, sqlString(string(old))))
	}
	if err := inTransaction(t, as, stmts[:1]); err == nil {
		t.Error("coordinator updates own milestones without audit entries: committed")
	}
	if err := inTransaction(t, as, stmts); err != nil {
		t.Errorf("coordinator updates own milestones: %v", err)
	}
	// An audit entry only in their own name, linked by the server.
	if _, err := sqlExec(t, as, "SELECT st_audit_append('2026-11-29T10:00:00.000000Z', 'Someone <i.petrova@sofia.example>', 'update', 'milestone', 1, 'note', '\"\"', '\"x\"')"); !isPermissionDenied(err) {
		t.Errorf("coordinator writes an audit entry in someone else's name: %v, want permission denied", err)
	}
}

func TestCouncilLoginOnlyReads(t *testing.T) {
	s, url, d := grantedDemo(t)
	council := personByRole(t, d, model.RoleCouncil)
	as := withLogin(url, LoginName(council))
	before := export(t, s)
	for _, q := range []string{
		"UPDATE measures SET manual_progress = 1",
		"UPDATE milestones SET note = 'x'",
		"INSERT INTO updates (measure_id, date, author_id, text_bg, text_en, version) VALUES (1, '2026-11-01', 13, 'x', 'x', 1)",
		"DELETE FROM kpi_values",
		"UPDATE meta SET title_bg = 'x'",
		"DELETE FROM audit",
		"SELECT st_audit_append('2026-11-29T10:00:00.000000Z', 'x <v.marinova@sofia.example>', 'update', 'milestone', 1, 'note', '', '')",
		"SELECT st_write_lock()",
	} {
		if _, err := sqlExec(t, as, q); !isPermissionDenied(err) {
			t.Errorf("council: %s: %v, want permission denied", q, err)
		}
	}
	if string(export(t, s)) != string(before) {
		t.Error("the council member's refused statements changed the data")
	}
	// The store opened with the council login is read-only and reads.
	cs, err := Open(ctx, as, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer cs.Close()
	if !cs.ReadOnly() || cs.LoginPerson() != council.ID {
		t.Errorf("council store: read-only %v, person %d; want true, %d", cs.ReadOnly(), cs.LoginPerson(), council.ID)
	}
	if string(export(t, cs)) != string(before) {
		t.Error("the council member reads other data")
	}
	err = cs.Update(ctx, council.ID, model.ActionUpdate, "", func(model.Tx) error { return nil })
	if model.ErrorCode(err) != model.EFORBIDDEN {
		t.Errorf("council store update: %v, want forbidden", err)
	}
}

func TestOfficeLoginCannotRewriteTheAuditLog(t *testing.T) {
	_, url, d := grantedDemo(t)
	office := personByRole(t, d, model.RoleOffice)
	as := withLogin(url, LoginName(office))
	if n, err := sqlExec(t, as, "UPDATE goals SET title_en = title_en || '!'"); err != nil || n != int64(len(d.Goals)) {
		t.Errorf("office updates goals: %d rows, %v", n, err)
	}
	for _, q := range []string{"UPDATE audit SET actor = 'x'", "DELETE FROM audit", "TRUNCATE audit",
		"INSERT INTO audit SELECT seq + 1000, at, actor, action, entity, entity_id, field, old, new, prev_hash, hash FROM audit"} {
		if _, err := sqlExec(t, as, q); !isPermissionDenied(err) {
			t.Errorf("office: %s: %v, want permission denied", q, err)
		}
	}
}

// The app's path for a coordinator: their login, their own changes,
// audited in their name, refused elsewhere by the store and the server.
func TestCoordinatorStore(t *testing.T) {
	s, url, d := grantedDemo(t)
	coord, own, foreign := ownAndForeign(t, d)
	cs, err := Open(ctx, withLogin(url, LoginName(coord)), Options{Now: fixedClock})
	if err != nil {
		t.Fatal(err)
	}
	defer cs.Close()
	if cs.ReadOnly() || cs.LoginPerson() != coord.ID {
		t.Fatalf("coordinator store: read-only %v, person %d", cs.ReadOnly(), cs.LoginPerson())
	}
	ms := own.Milestones[0]
	ms.Completed = model.NewDate(2026, 11, 20)
	ms.Note = "готово"
	m := *own
	m.Milestones, m.KPIs, m.Updates = nil, nil, nil
	m.ManualProgress = 55
	u := model.Update{MeasureID: own.ID, Date: model.NewDate(2026, 11, 28), Author: model.Ref(coord.ID), Text: model.T("Напредък", "Progress")}
	err = cs.Update(ctx, coord.ID, model.ActionUpdate, "", func(tx model.Tx) error {
		if err := tx.SaveMilestone(&ms); err != nil {
			return err
		}
		if err := tx.SaveMeasure(&m); err != nil {
			return err
		}
		return tx.SaveUpdate(&u)
	})
	if err != nil {
		t.Fatalf("coordinator's own changes: %v", err)
	}
	entries, _ := cs.Audit(ctx, model.AuditFilter{Limit: 4})
	for _, e := range entries {
		if e.User != model.UserLabel(coord) {
			t.Errorf("audit entry %d by %q, want %q", e.Seq, e.User, model.UserLabel(coord))
		}
	}
	fm := foreign.Milestones[0]
	fm.Note = "чужда"
	if err := cs.Update(ctx, coord.ID, model.ActionUpdate, "", func(tx model.Tx) error { return tx.SaveMilestone(&fm) }); model.ErrorCode(err) != model.EFORBIDDEN {
		t.Errorf("coordinator changes another unit's milestone: %v, want forbidden", err)
	}
	office := personByRole(t, d, model.RoleOffice)
	if err := cs.Update(ctx, office.ID, model.ActionUpdate, "", func(tx model.Tx) error { return nil }); model.ErrorCode(err) != model.EFORBIDDEN {
		t.Errorf("coordinator's login acting as the office: %v, want forbidden", err)
	}
	if _, err := s.Check(ctx); err != nil {
		t.Errorf("check after the coordinator's changes: %v", err)
	}
}

func TestGrantFollowsThePeople(t *testing.T) {
	s, url, d := grantedDemo(t)
	coord, _, _ := ownAndForeign(t, d)
	office := personByRole(t, d, model.RoleOffice)
	p := *d.Person(coord.ID)
	p.Role = model.RoleCouncil
	if err := s.Update(ctx, office.ID, model.ActionUpdate, "", func(tx model.Tx) error { return tx.SavePerson(&p) }); err != nil {
		t.Fatal(err)
	}
	// Before grant runs again, the server already goes by the person's
	// role: the former coordinator's writes find nothing to change.
	if n, err := sqlExec(t, withLogin(url, LoginName(coord)), "UPDATE milestones SET note = 'x'"); err != nil || n != 0 {
		t.Errorf("demoted coordinator updates milestones: %d rows, %v; want 0", n, err)
	}
	rep, err := Grant(ctx, url, Options{})
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, r := range rep.Revoked {
		if strings.HasPrefix(r, LoginName(coord)+": ") && strings.HasSuffix(r, "_coordinator") {
			found = true
		}
	}
	if !found || len(rep.Created) != 0 {
		t.Errorf("second grant: %+v; want the coordinator group revoked from %s and no new login", rep, LoginName(coord))
	}
	if _, err := sqlExec(t, withLogin(url, LoginName(coord)), "UPDATE milestones SET note = 'x'"); !isPermissionDenied(err) {
		t.Errorf("after grant, the council member updates milestones: %v, want permission denied", err)
	}
}

func TestInitIsRepeatableAndPrintable(t *testing.T) {
	url := newDatabase(t)
	rep, err := Init(ctx, url, Options{})
	if err != nil {
		t.Fatalf("second init: %v", err)
	}
	if rep.From != SchemaVersion() || rep.To != SchemaVersion() {
		t.Errorf("second init: %+v", rep)
	}
	sql := InitSQL("strategy", 0)
	for _, want := range []string{"CREATE TABLE meta", GroupsFor("strategy").Coordinator, "ENABLE ROW LEVEL SECURITY", "st_audit_append",
		"REVOKE CREATE ON SCHEMA public FROM PUBLIC", "SET search_path = pg_catalog, public, pg_temp", "COMMIT;"} {
		if !strings.Contains(sql, want) {
			t.Errorf("the printed SQL lacks %q", want)
		}
	}
	if strings.Contains(sql, "{{") {
		t.Error("the printed SQL has unreplaced placeholders")
	}
	if _, err := Init(ctx, withLogin(url, "nobody"), Options{}); err == nil {
		t.Error("init as a login that does not exist succeeded")
	}
}
