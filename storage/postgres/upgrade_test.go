package postgres

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"strategytracker/model"
	"strategytracker/model/storetest"
)

// A server set up by an older build is refused with a hint, and `server
// init` with this build applies the missing steps, after which the
// strategy loads and checks.
func TestInitUpgradesAnOlderSchema(t *testing.T) {
	all := embeddedMigrations()
	if len(all) < 2 {
		t.Skip("one schema step: nothing to upgrade yet")
	}
	url := olderDatabase(t, 1) // schema 1, as the older build made it
	migrations = embeddedMigrations

	if _, err := Create(ctx, url, demoDoc(t), Options{}); err == nil || !strings.Contains(err.Error(), "older schema (1") {
		t.Errorf("load into an older schema: %v, want a hint to upgrade", err)
	}
	rep, err := Init(ctx, url, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if rep.From != 1 || rep.To != len(all) {
		t.Errorf("upgrade: schema %d → %d, want 1 → %d", rep.From, rep.To, len(all))
	}
	s, err := Create(ctx, url, demoDoc(t), Options{Now: fixedClock})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	d, _ := s.Doc(ctx)
	office := personByRole(t, d, model.RoleOffice)
	m := d.Measures[0]
	m.Internal = true // a column of schema 2
	if err := s.Update(ctx, office.ID, model.ActionUpdate, "", func(tx model.Tx) error { return tx.SaveMeasure(&m) }); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Check(ctx); err != nil {
		t.Errorf("check after the upgrade: %v", err)
	}
}

// A server of schema 2, with the logins and group roles its `server
// grant` made (logins named by e-mail, groups named by the database):
// after `server init` and `server grant` of this build, the logins act as
// their people again, through this database's own groups, and the old
// groups have no rights left in it.
func TestUpgradeKeepsThePeoplesLogins(t *testing.T) {
	url := olderDatabase(t, 2)
	d := demoDoc(t)
	coord, own, _ := ownAndForeign(t, d)
	s := createInOldSchema(t, url, d)
	defer s.Close()
	migrations = embeddedMigrations
	login := strings.ToLower(coord.Email)
	c := session(t, url)
	var database string
	if err := c.QueryRow(ctx, "SELECT current_database()").Scan(&database); err != nil {
		t.Fatal(err)
	}
	old := legacyGroups(database)
	// Schema 2's init made the old groups; its grant, the login.
	for _, q := range []string{
		"DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '" + login + "') THEN CREATE ROLE " + ident(login) + " LOGIN; END IF; END $$",
		"CREATE ROLE " + ident(old.Coordinator) + " NOLOGIN",
		"GRANT CONNECT ON DATABASE " + ident(database) + " TO " + ident(old.Coordinator),
		"GRANT USAGE ON SCHEMA public TO " + ident(old.Coordinator),
		"GRANT SELECT ON ALL TABLES IN SCHEMA public TO " + ident(old.Coordinator),
	} {
		if _, err := c.Exec(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	if _, err := c.Exec(ctx, "GRANT "+ident(old.Coordinator)+" TO "+ident(login)); err != nil {
		t.Fatal(err)
	}
	if _, err := Init(ctx, url, Options{}); err != nil {
		t.Fatal(err)
	}
	var mapped int64
	if err := c.QueryRow(ctx, "SELECT person_id FROM st_logins WHERE login = $1", login).Scan(&mapped); err != nil || mapped != coord.ID {
		t.Errorf("after the upgrade, login %s maps to person %d (%v), want %d", login, mapped, err, coord.ID)
	}
	// The login connects (or is refused the database) and reads nothing:
	// a refusal for any other reason proves nothing about the old group.
	lc, err := pgx.Connect(ctx, withLogin(url, login))
	if err == nil {
		_, err = lc.Exec(ctx, "SELECT 1 FROM milestones")
		lc.Close(ctx)
	}
	var pe *pgconn.PgError
	if !errors.As(err, &pe) || pe.Code != "42501" {
		t.Errorf("after the upgrade, a member of the old group reads milestones: %v, want permission denied (42501)", err)
	}
	if _, err := Grant(ctx, url, Options{}); err != nil {
		t.Fatal(err)
	}
	cs, err := Open(ctx, withLogin(url, login), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer cs.Close()
	if cs.LoginPerson() != coord.ID || cs.ReadOnly() {
		t.Fatalf("after upgrade and grant, login %s acts as %d (read-only %v), want %d", login, cs.LoginPerson(), cs.ReadOnly(), coord.ID)
	}
	cd, _ := cs.Doc(ctx)
	ms := cd.MeasureByCode(own.Code).Milestones[0]
	ms.Note = "след обновяването"
	if err := cs.Update(ctx, coord.ID, model.ActionUpdate, "", func(tx model.Tx) error { return tx.SaveMilestone(&ms) }); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Check(ctx); err != nil {
		t.Errorf("check after the upgrade: %v", err)
	}
}

// laterTableColumns are the columns of schema steps after 2 on tables schema 2
// has, which this build's rows write: (table, column).
var laterTableColumns = [][2]string{{"milestones", "note_en"}, {"measures", "override_reason_en"}, {"meta", "submitter_id"}}

// createInOldSchema writes d into url, whose schema is 2, as schema 2 held
// it: without the texts and the submitter of later steps, whose columns are
// there only while this build writes its rows.
func createInOldSchema(t *testing.T, url string, d *model.Doc) *Store {
	t.Helper()
	storetest.WithoutEnglishNotes(d)
	for _, c := range laterTableColumns {
		if _, err := sqlExec(t, url, fmt.Sprintf("ALTER TABLE %s ADD COLUMN %s text", c[0], c[1])); err != nil {
			t.Fatal(err)
		}
	}
	s, err := Create(ctx, url, d, Options{Now: fixedClock})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range laterTableColumns {
		if _, err := sqlExec(t, url, fmt.Sprintf("ALTER TABLE %s DROP COLUMN %s", c[0], c[1])); err != nil {
			t.Fatal(err)
		}
	}
	return s
}

// olderDatabase is a new database with the first n schema steps only, as an
// older build made it; this build's steps come back when the test ends
// (registered first, so that a test that fails while making it leaves no
// other test an older schema).
func olderDatabase(t *testing.T, n int) string {
	t.Helper()
	all := embeddedMigrations()
	t.Cleanup(func() { migrations = embeddedMigrations })
	migrations = func() []string { return all[:n] }
	return newDatabase(t)
}
