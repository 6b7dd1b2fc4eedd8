package postgres

import (
	"context"
	"fmt"
	"os"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"strategytracker/model"
	"strategytracker/model/storetest"
)

// The attack suite (issue 20): each class of attack on the shared server,
// made as psql would make it with the logins `server grant` creates, as
// every role that could try it. Each test names what must hold.

var roleNames atomic.Int64

// uniqueName is a name for a role or database no other test uses.
func uniqueName(prefix string) string {
	return fmt.Sprintf("%s_%d_%d", prefix, os.Getpid(), roleNames.Add(1))
}

// asSuperuser runs statements on database as the test cluster's superuser.
func asSuperuser(t *testing.T, database string, stmts ...string) {
	t.Helper()
	c, err := pgx.Connect(ctx, dsn(database, "postgres"))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close(ctx)
	for _, q := range stmts {
		if _, err := c.Exec(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
}

// bareDatabase makes an empty database without `server init`; its name.
func bareDatabase(t *testing.T, name string) string {
	t.Helper()
	needServer(t)
	asSuperuser(t, "postgres", "CREATE DATABASE "+ident(name)+" ENCODING 'UTF8'")
	return name
}

// initDemoGranted runs server init on url, loads the demo and grants its
// people their logins, as an administrator sets a server up.
func initDemoGranted(t *testing.T, url string) *Store {
	t.Helper()
	if _, err := Init(ctx, url, Options{}); err != nil {
		t.Fatal(err)
	}
	s, err := Create(ctx, url, demoDoc(t), Options{Now: fixedClock})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if _, err := Grant(ctx, url, Options{}); err != nil {
		t.Fatal(err)
	}
	return s
}

// session is one psql session of a login.
func session(t *testing.T, url string) *pgx.Conn {
	t.Helper()
	c, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close(context.Background()) })
	return c
}

// Class 1: running code as the function owner. On PostgreSQL 13 and 14
// PUBLIC may create objects in schema public; a login's operator there
// must never run inside a SECURITY DEFINER function.
func TestAttackDefinerFunctionsCannotBeHijacked(t *testing.T) {
	name := bareDatabase(t, uniqueName("st_hijack"))
	asSuperuser(t, name, "GRANT CREATE ON SCHEMA public TO PUBLIC") // as PostgreSQL 13 and 14 have it
	url := dsn(name, "postgres")
	s := initDemoGranted(t, url)
	d, _ := s.Doc(ctx)
	coord, own, _ := ownAndForeign(t, d)
	var publicCreates bool
	if err := s.pool.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM pg_namespace n, aclexplode(coalesce(n.nspacl, acldefault('n', n.nspowner))) a
		WHERE n.nspname = 'public' AND a.grantee = 0 AND a.privilege_type = 'CREATE')`).Scan(&publicCreates); err != nil {
		t.Fatal(err)
	}
	if publicCreates {
		t.Error("after server init, PUBLIC may still create objects in schema public")
	}
	as := session(t, withLogin(url, LoginName(coord)))
	for _, login := range []string{LoginName(coord), LoginName(personByRole(t, d, model.RoleOffice)), LoginName(personByRole(t, d, model.RoleCouncil))} {
		if _, err := sqlExec(t, withLogin(url, login), "CREATE FUNCTION public.st_probe() RETURNS int LANGUAGE sql AS 'SELECT 1'"); !isPermissionDenied(err) {
			t.Errorf("%s creates a function in schema public: %v, want permission denied", login, err)
		}
	}
	// The attack itself: an operator with an exact match for text || bigint,
	// which the audit hash uses, that promotes the coordinator.
	_, err := as.Exec(ctx, fmt.Sprintf(`CREATE FUNCTION public.st_evil(a text, b bigint) RETURNS text LANGUAGE sql AS $$
		UPDATE people SET role = 'office' WHERE id = %d; SELECT a || b::text $$`, coord.ID))
	if err == nil {
		_, err = as.Exec(ctx, "CREATE OPERATOR public.|| (LEFTARG = text, RIGHTARG = bigint, FUNCTION = public.st_evil)")
	}
	if err == nil {
		ms := own.Milestones[0]
		as.Exec(ctx, "SELECT st_audit_append($1, $2, 'update', 'milestone', $3, 'note', '\"\"', '\"x\"')",
			time.Now().UTC().Format(model.AuditTimeLayout), model.UserLabel(coord), ms.ID)
		as.Exec(ctx, "SELECT st_audit_append('update', 'milestone', $1, 'note', '\"\"', '\"x\"')", ms.ID)
	}
	var role string
	if err := s.pool.QueryRow(ctx, "SELECT role FROM people WHERE id = $1", coord.ID).Scan(&role); err != nil {
		t.Fatal(err)
	}
	if role != string(model.RoleCoordinator) {
		t.Errorf("the coordinator's operator ran as the function owner and made them %s", role)
	}
	// A temporary table is searched last: it cannot stand for the logins.
	office := personByRole(t, d, model.RoleOffice)
	if _, err := as.Exec(ctx, "CREATE TEMP TABLE st_logins (login text, person_id bigint, email text)"); err != nil {
		t.Fatal(err)
	}
	if _, err := as.Exec(ctx, "INSERT INTO pg_temp.st_logins VALUES (session_user, $1, $2)", office.ID, office.Email); err != nil {
		t.Fatal(err)
	}
	if err := as.QueryRow(ctx, "SELECT st_my_role()").Scan(&role); err != nil || role != string(model.RoleCoordinator) {
		t.Errorf("with a temporary st_logins, the coordinator's role is %q (%v)", role, err)
	}
	// Every function of the schema fixes its search path, pg_catalog first.
	rows, err := s.pool.Query(ctx, `SELECT p.proname, coalesce(array_to_string(p.proconfig, ','), '') FROM pg_proc p
		JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'public' AND p.proname LIKE 'st\_%' AND p.proname <> 'st_evil'`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		var fn, config string
		rows.Scan(&fn, &config)
		n++
		if !strings.Contains(config, "search_path=pg_catalog, public, pg_temp") {
			t.Errorf("function %s: settings %q, want search_path=pg_catalog, public, pg_temp", fn, config)
		}
	}
	if n == 0 {
		t.Error("no st_ functions found")
	}
}

// Where the schema cannot be secured (its owner is someone else, who lets
// PUBLIC create in it), server init refuses and says why.
func TestInitRefusesASchemaItCannotSecure(t *testing.T) {
	admin, other := uniqueName("st_admin"), uniqueName("st_other")
	asSuperuser(t, "postgres", "CREATE ROLE "+admin+" LOGIN CREATEROLE", "CREATE ROLE "+other)
	name := uniqueName("st_unsafe")
	asSuperuser(t, "postgres", "CREATE DATABASE "+name+" OWNER "+admin+" ENCODING 'UTF8'")
	asSuperuser(t, name, "ALTER SCHEMA public OWNER TO "+other, "GRANT CREATE, USAGE ON SCHEMA public TO PUBLIC")
	_, err := Init(ctx, dsn(name, admin), Options{})
	if err == nil || !strings.Contains(err.Error(), "schema public") {
		t.Errorf("init where PUBLIC may create in schema public and init cannot revoke it: %v, want a refusal naming the schema", err)
	}
}

// Class 2: the audit entry is the server's: its time, its actor, and only
// what the login's role may change.
func TestAttackAuditEntriesAreTheServers(t *testing.T) {
	s, url, d := grantedDemo(t)
	coord, own, foreign := ownAndForeign(t, d)
	office := personByRole(t, d, model.RoleOffice)
	before := auditCount(t, s)
	// forged tries the entry with the time and author given (as every
	// login could before) and, unless serverBuilt, as the server builds it.
	forged := func(who *model.Person, label, at, entity string, id model.ID, field string, serverBuilt bool) {
		t.Helper()
		as := withLogin(url, LoginName(who))
		sqlExec(t, as, "SELECT st_audit_append($1, $2, 'update', $3, $4, $5, '\"\"', '\"x\"')", at, label, entity, id, field)
		if serverBuilt {
			sqlExec(t, as, "SELECT st_audit_append('update', $1, $2, $3, '\"\"', '\"x\"')", entity, id, field)
		}
	}
	now := time.Now().UTC().Format(model.AuditTimeLayout)
	// Dated years back, in their own name, about their own milestone.
	forged(coord, model.UserLabel(coord), "2001-01-01T00:00:00.000000Z", "milestone", own.Milestones[0].ID, "note", false)
	// Under another person's displayed name, with their own e-mail.
	forged(coord, office.Name.In(model.BG)+" <"+coord.Email+">", now, "milestone", own.Milestones[0].ID, "note", false)
	// About a row their role may not change: another unit's milestone, a
	// field of their own that is the office's, a goal.
	forged(coord, model.UserLabel(coord), now, "milestone", foreign.Milestones[0].ID, "note", true)
	forged(coord, model.UserLabel(coord), now, "milestone", own.Milestones[0].ID, "title", true)
	forged(coord, model.UserLabel(coord), now, "goal", d.Goals[0].ID, "title", true)
	// The office about a row that does not exist.
	forged(office, model.UserLabel(office), now, "milestone", 999999, "note", true)
	// A council member.
	council := personByRole(t, d, model.RoleCouncil)
	forged(council, model.UserLabel(council), now, "milestone", own.Milestones[0].ID, "note", true)
	// A login whose person's e-mail changed (before the next grant) maps
	// to nobody: it may append nothing.
	if _, err := sqlExec(t, url, "UPDATE people SET email = 'changed@sofia.example' WHERE id = $1", coord.ID); err != nil {
		t.Fatal(err)
	}
	forged(coord, model.UserLabel(coord), now, "milestone", own.Milestones[0].ID, "note", true)
	if _, err := sqlExec(t, url, "UPDATE people SET email = $1 WHERE id = $2", coord.Email, coord.ID); err != nil {
		t.Fatal(err)
	}
	entries, err := s.Audit(ctx, model.AuditFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries[before:] {
		t.Errorf("forged audit entry accepted: %+v", e)
	}
	if _, err := s.Check(ctx); err != nil {
		t.Errorf("check after the attempts: %v", err)
	}

	// The coordinator's own change through the app, with the client's
	// clock set wrong: the server dates and names the entries.
	cs, err := Open(ctx, withLogin(url, LoginName(coord)), Options{Now: func() time.Time { return time.Date(2098, 1, 1, 0, 0, 0, 0, time.UTC) }})
	if err != nil {
		t.Fatal(err)
	}
	defer cs.Close()
	ms := own.Milestones[0]
	ms.Note = "бележка"
	if err := cs.Update(ctx, coord.ID, model.ActionUpdate, "", func(tx model.Tx) error { return tx.SaveMilestone(&ms) }); err != nil {
		t.Fatal(err)
	}
	entries, _ = s.Audit(ctx, model.AuditFilter{Limit: 1})
	if len(entries) != 1 || strings.HasPrefix(entries[0].At, "2098") || entries[0].User != model.UserLabel(coord) {
		t.Errorf("the coordinator's entry: %+v; want the server's time and %q", entries, model.UserLabel(coord))
	}
	if _, err := s.Check(ctx); err != nil {
		t.Errorf("check after the coordinator's change: %v", err)
	}
}

// Class 3: logins and group roles never collide.
func TestAttackLoginNamesNeverCollide(t *testing.T) {
	long := strings.Repeat("a", 60)
	a, b := &model.Person{Email: long + "1@sofia.example"}, &model.Person{Email: long + "2@sofia.example"}
	if LoginName(a) == LoginName(b) || len(LoginName(a)) > 63 || len(LoginName(b)) > 63 {
		t.Errorf("long e-mails: logins %q and %q; want two different names of at most 63 bytes", LoginName(a), LoginName(b))
	}
	if got := LoginName(&model.Person{Email: "M.Georgieva@Sofia.example"}); got != "m.georgieva@sofia.example" {
		t.Errorf("a short e-mail's login: %q, want it in lower case", got)
	}
	if GroupsFor("sb-x") == GroupsFor("sb_x") {
		t.Errorf("databases sb-x and sb_x share group roles %+v", GroupsFor("sb-x"))
	}
	for _, g := range GroupsFor(strings.Repeat("д", 60)).all() {
		if len(g) > 63 {
			t.Errorf("group role %q is longer than 63 bytes", g)
		}
	}

	// Two people with long addresses each get their own login.
	s, url, d := grantedDemo(t)
	office := personByRole(t, d, model.RoleOffice)
	coord, _, _ := ownAndForeign(t, d)
	pa, pb := *d.Person(coord.ID), *d.Person(coord.ID)
	pa.ID, pb.ID = 0, 0
	pa.Email, pb.Email = "a"+long+"@sofia.example", "a"+long+"@sofia.example.bg"
	pa.Name, pb.Name = model.T("Анна Дългоадресова", "Anna Dalgoadresova"), model.T("Борис Дългоадресов", "Boris Dalgoadresov")
	pb.Role = model.RoleCouncil
	if err := s.Update(ctx, office.ID, model.ActionUpdate, "", func(tx model.Tx) error {
		if err := tx.SavePerson(&pa); err != nil {
			return err
		}
		return tx.SavePerson(&pb)
	}); err != nil {
		t.Fatal(err)
	}
	if _, err := Grant(ctx, url, Options{}); err != nil {
		t.Fatal(err)
	}
	for _, p := range []*model.Person{&pa, &pb} {
		ps, err := Open(ctx, withLogin(url, LoginName(p)), Options{})
		if err != nil {
			t.Fatal(err)
		}
		if ps.LoginPerson() != p.ID || ps.ReadOnly() != (p.Role == model.RoleCouncil) {
			t.Errorf("login %s acts as person %d (read-only %v), want %d", LoginName(p), ps.LoginPerson(), ps.ReadOnly(), p.ID)
		}
		ps.Close()
	}

	// Two people who would share a login: grant refuses, naming both.
	if _, err := sqlExec(t, url, "UPDATE people SET email = upper($1) WHERE id = $2", coord.Email, pa.ID); err != nil {
		t.Fatal(err)
	}
	_, err := Grant(ctx, url, Options{})
	if err == nil || !strings.Contains(err.Error(), coord.Name.In(model.BG)) || !strings.Contains(err.Error(), pa.Name.In(model.BG)) {
		t.Errorf("grant with two people on one login: %v, want a refusal naming both", err)
	}

	// Two databases whose names normalise alike keep their own members.
	base := uniqueName("sb")
	var urls []string
	for _, name := range []string{strings.ReplaceAll(base, "_", "-"), base} {
		bareDatabase(t, name)
		u := dsn(name, "postgres")
		initDemoGranted(t, u)
		urls = append(urls, u)
	}
	if _, err := sqlExec(t, withLogin(urls[0], LoginName(coord)), "SELECT 1"); err != nil {
		t.Errorf("after granting the second database, the first one's login cannot connect: %v", err)
	}
}

// Class 4: a coordinator writes, through psql, only values every reader
// can read, only in the columns their role may change.
func TestAttackCoordinatorWritesOnlyReadableValues(t *testing.T) {
	s, url, d := grantedDemo(t)
	coord, own, _ := ownAndForeign(t, d)
	var kpi *model.KPI
	for i := range d.Measures {
		if coord.Coordinates(&d.Measures[i]) {
			for j := range d.Measures[i].KPIs {
				if len(d.Measures[i].KPIs[j].Values) > 0 {
					kpi = &d.Measures[i].KPIs[j]
				}
			}
		}
	}
	if kpi == nil {
		t.Fatal("the coordinator has no KPI with values in the demo")
	}
	ms, m, v := own.Milestones[0].ID, own.ID, kpi.Values[0].ID
	as := withLogin(url, LoginName(coord))
	// An open reporting period, whose lists coordinators may write.
	if _, err := sqlExec(t, url, `INSERT INTO periods (id, name_bg, name_en, start_date, end_date, due, state, opened_at, closed_at,
		reopened, returns, narrative, version) VALUES (1, 'Q4', 'Q4', '2026-10-01', '2026-12-31', '2027-01-15', 'open', '', '', '[]', '[]', '[]', 1)`); err != nil {
		t.Fatal(err)
	}
	valid := fmt.Sprintf(`[{"id":1,"unit":%q,"writtenAt":"","returnedAt":"","returnedBy":null,"changes":0,"filledBy":""}]`, coord.Unit)
	if err := inTransaction(t, as, audited("UPDATE periods SET returns = "+sqlString(valid)+" WHERE id = 1", "period", 1, "returns", sqlString(valid))); err != nil {
		t.Errorf("coordinator writes a well-formed return: %v", err)
	}
	before := export(t, s)
	for _, q := range []string{
		fmt.Sprintf("UPDATE milestones SET completed = 'not a date' WHERE id = %d", ms),
		fmt.Sprintf("UPDATE milestones SET completed = '2026-02-30' WHERE id = %d", ms),
		fmt.Sprintf("UPDATE milestones SET completed = '1999-12-31' WHERE id = %d", ms),
		fmt.Sprintf("UPDATE milestones SET completed = '%s' WHERE id = %d", model.MaxDue, ms), // in the future: backup refuses it
		fmt.Sprintf("UPDATE milestones SET note = repeat('x', %d) WHERE id = %d", model.MaxNote+1, ms),
		fmt.Sprintf("UPDATE milestones SET version = 1000 WHERE id = %d", ms),
		fmt.Sprintf("UPDATE milestones SET id = 999999 WHERE id = %d", ms),
		fmt.Sprintf("UPDATE measures SET manual_progress = 'NaN' WHERE id = %d", m),
		fmt.Sprintf("UPDATE measures SET manual_progress = 1e300 WHERE id = %d", m),
		fmt.Sprintf("UPDATE measures SET manual_progress = -1 WHERE id = %d", m),
		fmt.Sprintf("UPDATE kpi_values SET value = 'Infinity' WHERE id = %d", v),
		fmt.Sprintf("UPDATE kpi_values SET value = %g WHERE id = %d", model.MaxKPIValue*10, v),
		fmt.Sprintf("UPDATE kpi_values SET date = '2026-13-01' WHERE id = %d", v),
		fmt.Sprintf("UPDATE kpi_values SET note = repeat('x', %d) WHERE id = %d", model.MaxNote+1, v),
		fmt.Sprintf("UPDATE kpi_values SET date = '%s' WHERE id = %d", model.MinDue, v), // before the KPI's baseline
		fmt.Sprintf("INSERT INTO updates (measure_id, date, author_id, text_bg, text_en, version) VALUES (%d, '2026-11-02', %d, ' ', E'\u00a0', 1)", m, coord.ID),
		fmt.Sprintf("INSERT INTO kpi_values (id, kpi_id, date, value, note, source, version) VALUES (999999, %d, '2026-11-02', 1, '', '', 1)", kpi.ID),
		fmt.Sprintf("INSERT INTO kpi_values (kpi_id, date, value, note, source, version) VALUES (%d, 'yesterday', 1, '', '', 1)", kpi.ID),
		fmt.Sprintf("INSERT INTO updates (id, measure_id, date, author_id, text_bg, text_en, version) VALUES (999999, %d, '2026-11-02', %d, 'x', 'x', 1)", m, coord.ID),
		fmt.Sprintf("INSERT INTO updates (measure_id, date, author_id, text_bg, text_en, version, internal) VALUES (%d, '2026-11-02', %d, 'x', 'x', 1, true)", m, coord.ID),
		fmt.Sprintf("INSERT INTO updates (measure_id, date, author_id, text_bg, text_en, version) VALUES (%d, '2026-11-02', %d, 'x', 'x', 7)", m, coord.ID),
		fmt.Sprintf("INSERT INTO updates (measure_id, date, author_id, text_bg, text_en, version) VALUES (%d, '02.11.2026', %d, 'x', 'x', 1)", m, coord.ID),
		"UPDATE periods SET returns = '{}' WHERE id = 1",
		"UPDATE periods SET returns = '[1]' WHERE id = 1",
		`UPDATE periods SET returns = '[{"id":"one"}]' WHERE id = 1`,
		`UPDATE periods SET returns = '[{"id":1.5}]' WHERE id = 1`,
		`UPDATE periods SET narrative = '[{"text":{"bg":1}}]' WHERE id = 1`,
		`UPDATE periods SET narrative = '[{"proposedBy":"me"}]' WHERE id = 1`,
		"UPDATE periods SET returns = 'not json' WHERE id = 1",
		// jsonb reads 1.0 and 1e0 as whole numbers; Go reads no integer so,
		// and the strategy could no longer be read by anyone.
		"UPDATE periods SET returns = " + sqlString(strings.Replace(valid, `"id":1,`, `"id":1.0,`, 1)) + " WHERE id = 1",
		"UPDATE periods SET returns = " + sqlString(strings.Replace(valid, `"changes":0`, `"changes":1e0`, 1)) + " WHERE id = 1",
		// Go matches keys in any case: a key that is no field's.
		"UPDATE periods SET returns = " + sqlString(strings.Replace(valid, `"writtenAt"`, `"Unit":"X","writtenAt"`, 1)) + " WHERE id = 1",
		// model.CheckLink's rule on evidence.
		fmt.Sprintf("UPDATE milestones SET evidence = 'javascript:alert(1)' WHERE id = %d", ms),
		fmt.Sprintf("UPDATE milestones SET evidence = 'http:///no-host' WHERE id = %d", ms),
		fmt.Sprintf("UPDATE milestones SET evidence = 'https://x@/no-host' WHERE id = %d", ms),
		fmt.Sprintf(`UPDATE milestones SET evidence = 'https://example.org/"><script>' WHERE id = %d`, ms),
		fmt.Sprintf("UPDATE milestones SET evidence = 'https://example.org/a b' WHERE id = %d", ms),
		fmt.Sprintf(`UPDATE milestones SET evidence = 'https://example.org/a\b' WHERE id = %d`, ms),
		fmt.Sprintf("UPDATE milestones SET evidence = 'https://example.org/{x}' WHERE id = %d", ms),
		fmt.Sprintf("UPDATE milestones SET evidence = E'https://example.org/\u200b' WHERE id = %d", ms),
		fmt.Sprintf("UPDATE milestones SET evidence = E'https://example.org/\x07' WHERE id = %d", ms),
		fmt.Sprintf("UPDATE milestones SET evidence = 'https://example.org/' || repeat('x', %d) WHERE id = %d", model.MaxLink, ms),
	} {
		if err := statementRefused(t, as, q); err == nil {
			t.Errorf("coordinator: %s: accepted", q)
		}
	}
	// What url.Parse refuses (model.CheckLink): backup and copy, which
	// check every value, would refuse the strategy for everyone.
	for _, link := range []string{"https://example.org/%zz", "https://example.org/#%4", "https://[oops/", "https://example.org:80a/",
		"https://us[er@example.org/", "https://exa%41mple.org/"} {
		if model.CheckLink("evidence", "evidence", link) == nil {
			t.Fatalf("the model accepts %q", link)
		}
		q := fmt.Sprintf("UPDATE milestones SET evidence = %s WHERE id = %d", sqlString(link), ms)
		if err := statementRefused(t, as, q); err == nil {
			t.Errorf("coordinator: %s: accepted", q)
		}
	}
	if got := export(t, s); string(got) != string(before) {
		t.Error("the coordinator's refused statements changed the data")
	}
	// What the model accepts, the server accepts: links, no link, completed today.
	for _, link := range []string{"HTTPS://user@example.org:8080/а/б?x=1#c", "http://example.org/" + strings.Repeat("x", model.MaxLink-len("http://example.org/")), "",
		"https://example.org/a%20b?q=%zz#%C3%A9", "https://u:p%41@пример.бг:/"} {
		if err := model.CheckLink("evidence", "evidence", link); err != nil {
			t.Fatalf("the model refuses %.40q: %v", link, err)
		}
		if err := inTransaction(t, as, audited(fmt.Sprintf("UPDATE milestones SET evidence = %s WHERE id = %d", sqlString(link), ms),
			"milestone", ms, "evidence", "to_json("+sqlString(link)+"::text)::text")); err != nil {
			t.Errorf("coordinator sets evidence %.40q: %v", link, err)
		}
	}
	// What the model accepts, the server accepts: completed today.
	if err := inTransaction(t, as, audited(fmt.Sprintf("UPDATE milestones SET completed = to_char(current_date, 'YYYY-MM-DD') WHERE id = %d", ms),
		"milestone", ms, "completed", "to_json(to_char(current_date, 'YYYY-MM-DD'))::text")); err != nil {
		t.Errorf("coordinator completes a milestone today: %v", err)
	}
	copyable(t, s)
}

// A coordinator's login writes only their own unit's return and their
// own proposals in the open period's lists, as model.AuthorizePeriod
// allows, though the lists are one row's columns.
func TestAttackCoordinatorWritesOnlyOwnPeriodEntries(t *testing.T) {
	s, url, d := grantedDemo(t)
	coord, own, _ := ownAndForeign(t, d)
	other := ""
	for _, u := range d.Units {
		if u.Code != coord.Unit {
			other = u.Code
		}
	}
	if other == "" {
		t.Fatal("the demo has no unit besides the coordinator's")
	}
	// An area without measures: nobody coordinates in it.
	const foreignArea = "ZZ"
	if _, err := sqlExec(t, url, `INSERT INTO areas (code, title_bg, title_en, description_bg, description_en, ord, version)
		VALUES ($1, 'Друга', 'Other', '', '', 99, 1)`, foreignArea); err != nil {
		t.Fatal(err)
	}
	ret := func(id int, unit, filledBy string) string {
		return fmt.Sprintf(`{"id":%d,"unit":%q,"writtenAt":"","returnedAt":"","returnedBy":null,"changes":0,"filledBy":%q}`, id, unit, filledBy)
	}
	text := func(id int, area string, by, accepted int64) string {
		return fmt.Sprintf(`{"id":%d,"area":%q,"kind":"commentary","text":{"bg":"т","en":"t"},"proposedBy":%d,"acceptedBy":%d}`, id, area, by, accepted)
	}
	office := text(1, "", 0, 0)
	office = strings.Replace(strings.Replace(office, `"proposedBy":0`, `"proposedBy":null`, 1), `"acceptedBy":0`, `"acceptedBy":null`, 1)
	returns := "[" + ret(1, coord.Unit, "") + "," + ret(2, other, "друг") + "]"
	if _, err := sqlExec(t, url, `INSERT INTO periods (id, name_bg, name_en, start_date, end_date, due, state, opened_at, closed_at,
		reopened, returns, narrative, version) VALUES (1, 'Q4', 'Q4', '2026-10-01', '2026-12-31', '2027-01-15', 'open', '', '', '[]', $1, $2, 1)`,
		returns, "["+office+"]"); err != nil {
		t.Fatal(err)
	}
	as := withLogin(url, LoginName(coord))
	before := export(t, s)
	for _, tt := range []struct{ name, returns, narrative string }{
		{"change another unit's return", "[" + ret(1, coord.Unit, "") + "," + ret(2, other, "аз") + "]", ""},
		{"remove another unit's return", "[" + ret(1, coord.Unit, "") + "]", ""},
		{"swap another unit's return for a second own", "[" + ret(1, coord.Unit, "") + "," + ret(3, coord.Unit, "") + "]", ""},
		{"add another unit's return", "[" + ret(1, coord.Unit, "") + "," + ret(2, other, "друг") + "," + ret(3, other, "") + "]", ""},
		{"add another unit's return under a key in capitals", "[" + ret(1, coord.Unit, "") + "," + ret(2, other, "друг") + "," +
			strings.Replace(ret(3, coord.Unit, ""), `"id":3,`, `"id":3,"Unit":"`+other+`",`, 1) + "]", ""},
		{"change the office's text", "", "[" + strings.Replace(office, `"т"`, `"х"`, 1) + "]"},
		{"remove the office's text", "", "[]"},
		{"propose as another person", "", "[" + office + "," + text(2, own.Area, coord.ID+1000, 0) + "]"},
		{"add an accepted text", "", "[" + office + "," + text(2, own.Area, coord.ID, coord.ID) + "]"},
		{"propose for an area not theirs", "", "[" + office + "," + text(2, foreignArea, coord.ID, 0) + "]"},
		{"propose for the whole strategy", "", "[" + office + "," + text(2, "", coord.ID, 0) + "]"},
		// What model.ValidatePeriods refuses: backup and copy would refuse the strategy.
		{"add a second return of their own unit", "[" + ret(1, coord.Unit, "") + "," + ret(2, other, "друг") + "," + ret(3, coord.Unit, "") + "]", ""},
		{"propose a text of no known kind", "", "[" + office + "," + strings.Replace(text(2, own.Area, coord.ID, 0), "commentary", "gossip", 1) + "]"},
		{"propose a blank text", "", "[" + office + "," + strings.Replace(text(2, own.Area, coord.ID, 0), `{"bg":"т","en":"t"}`, `{"bg":" ","en":""}`, 1) + "]"},
		{"propose a text too long", "", "[" + office + "," + strings.Replace(text(2, own.Area, coord.ID, 0), `"bg":"т"`, `"bg":"`+strings.Repeat("т", model.MaxNote+1)+`"`, 1) + "]"},
		{"propose a text with a key in capitals", "", "[" + office + "," + strings.Replace(text(2, own.Area, coord.ID, 0), `"en":"t"`, `"en":"t","BG":"х"`, 1) + "]"},
	} {
		q, arg := "UPDATE periods SET returns = $1 WHERE id = 1", tt.returns
		if tt.narrative != "" {
			q, arg = "UPDATE periods SET narrative = $1 WHERE id = 1", tt.narrative
		}
		if err := statementRefused(t, as, q, arg); err == nil {
			t.Errorf("coordinator: %s: accepted", tt.name)
		}
	}
	if got := export(t, s); string(got) != string(before) {
		t.Error("the coordinator's refused statements changed the data")
	}
	// What model.AuthorizePeriod allows, the server allows.
	mine := "[" + ret(1, coord.Unit, "аз") + "," + ret(2, other, "друг") + "]"
	if err := inTransaction(t, as, audited("UPDATE periods SET returns = "+sqlString(mine)+" WHERE id = 1", "period", 1, "returns", sqlString(mine))); err != nil {
		t.Errorf("coordinator records their unit's return: %v", err)
	}
	proposed := "[" + office + "," + text(2, own.Area, coord.ID, 0) + "]"
	if err := inTransaction(t, as, audited("UPDATE periods SET narrative = "+sqlString(proposed)+" WHERE id = 1", "period", 1, "narrative", sqlString(proposed))); err != nil {
		t.Errorf("coordinator proposes a text for their area: %v", err)
	}
	// The app's way: the coordinator's store records their return with a
	// proposal; the other entries, written back as the store writes them,
	// are unchanged.
	cs, err := Open(ctx, as, Options{Now: fixedClock})
	if err != nil {
		t.Fatal(err)
	}
	defer cs.Close()
	r := model.Return{PeriodID: 1, Unit: coord.Unit, Changes: 1, FilledBy: "аз",
		Proposals: []model.Narrative{{Area: own.Area, Kind: model.NarrativeRisks, Text: model.T("риск", "risk")}}}
	if err := cs.Update(ctx, coord.ID, model.ActionImport, "", func(tx model.Tx) error {
		return model.RecordReturn(tx, r, coord.ID, fixedClock())
	}); err != nil {
		t.Errorf("coordinator's store records their return: %v", err)
	}
	copyable(t, s)
}

// Class 5: nobody holds the writers' lock for long, and a NOTIFY that is
// not the store's wakes nobody.
func TestAttackHeldWriteLockIsBroken(t *testing.T) {
	s, url, d := grantedDemo(t)
	coord, own, _ := ownAndForeign(t, d)
	office := personByRole(t, d, model.RoleOffice)
	holder := session(t, withLogin(url, LoginName(coord)))
	// A psql left open in its transaction, idle.
	if _, err := holder.Exec(ctx, "BEGIN; SET statement_timeout = 0; SET idle_in_transaction_session_timeout = 0; SELECT st_write_lock()"); err != nil {
		t.Fatal(err)
	}
	ms := own.Milestones[0]
	ms.Note = "след"
	if err := s.Update(ctx, office.ID, model.ActionUpdate, "", func(tx model.Tx) error { return tx.SaveMilestone(&ms) }); err != nil {
		t.Errorf("the office's change while a coordinator's session holds the lock: %v", err)
	}
}

// A session at work is never ended: the office's long import holds the
// lock past 15 seconds while a coordinator waits for it (schema 3 ended
// it when its transaction was older than 15 seconds).
func TestAttackWorkingSessionIsNotEnded(t *testing.T) {
	_, url, d := grantedDemo(t)
	coord, _, _ := ownAndForeign(t, d)
	office := session(t, withLogin(url, LoginName(personByRole(t, d, model.RoleOffice))))
	if _, err := office.Exec(ctx, "BEGIN; SELECT st_write_lock()"); err != nil {
		t.Fatal(err)
	}
	waiter := session(t, withLogin(url, LoginName(coord)))
	waited := make(chan error, 1)
	go func() {
		_, err := waiter.Exec(ctx, "BEGIN; SELECT st_write_lock()")
		waited <- err
	}()
	if _, err := office.Exec(ctx, "SELECT pg_sleep(17)"); err != nil { // the import's long statement
		t.Errorf("the office's import while a coordinator waits for the lock: %v", err)
	}
	if _, err := office.Exec(ctx, "COMMIT"); err != nil {
		t.Errorf("the office's import commits: %v", err)
	}
	<-waited // the coordinator has the lock or was told the strategy is held
}

func TestAttackSpoofedNotifyWakesNobody(t *testing.T) {
	s, url, d := grantedDemo(t)
	wctx, cancel := context.WithCancel(ctx)
	defer cancel()
	changes := s.Watch(wctx)
	time.Sleep(300 * time.Millisecond) // let it LISTEN
	council := withLogin(url, LoginName(personByRole(t, d, model.RoleCouncil)))
	for _, q := range []string{"NOTIFY strategytracker", "NOTIFY strategytracker, '999999'", "SELECT pg_notify('strategytracker', 'x')"} {
		if _, err := sqlExec(t, council, q); err != nil {
			t.Fatal(err)
		}
	}
	select {
	case <-changes:
		t.Error("a council member's NOTIFY made Watch report a change")
	case <-time.After(700 * time.Millisecond):
	}
	other, err := Open(ctx, url, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	office := personByRole(t, d, model.RoleOffice)
	ms := d.Measures[0].Milestones[0]
	ms.Note = "истинска промяна"
	if err := other.Update(ctx, office.ID, model.ActionUpdate, "", func(tx model.Tx) error { return tx.SaveMilestone(&ms) }); err != nil {
		t.Fatal(err)
	}
	select {
	case <-changes:
	case <-time.After(2 * time.Second):
		t.Error("Watch did not report a real change within 2 s")
	}
}

// Class 6: a password is never shown.
func TestAttackPasswordsAreNeverShown(t *testing.T) {
	for _, in := range []string{
		"postgres://u:s3cr3t@db.example/strategy",
		"postgres://u@db.example/strategy?password=s3cr3t&sslmode=require",
		"postgresql://u@db.example/strategy?sslmode=require&password=s3cr3t",
		"host=db.example user=u password=s3cr3t dbname=strategy",
		"host=db.example user=u password = 's3cr3t x' dbname=strategy",
		"service=strategy password=s3cr3t",
		"host=db.example password='s3\\'cr3t' dbname=strategy",
	} {
		got := Redact(in)
		if strings.Contains(got, "s3") || strings.Contains(got, "cr3t") {
			t.Errorf("Redact(%q) = %q: the password shows", in, got)
		}
		if !strings.Contains(got, "strategy") {
			t.Errorf("Redact(%q) = %q: the database is lost", in, got)
		}
	}
	needServer(t)
	for _, u := range []string{
		strings.Replace(dsn("postgres", "nobody_here"), "sslmode=disable", "sslmode=disable&password=s3cr3t", 1),
		server + " user=nobody_here dbname=postgres password=s3cr3t sslmode=disable",
		// Two hosts: pgx gives the reason of each on a line of its own.
		strings.Replace(dsn("postgres", "nobody_here"), "@127.0.0.1:", ":s3cr3t@127.0.0.1:1,127.0.0.1:", 1),
	} {
		_, err := Open(ctx, u, Options{})
		if err == nil {
			t.Fatalf("%s: connected", Redact(u))
		}
		msg := err.Error()
		if strings.Contains(msg, "s3cr3t") {
			t.Errorf("connection error shows the password: %s", msg)
		}
		if !strings.Contains(msg, `"nobody_here"`) || !strings.Contains(msg, "does not exist") {
			t.Errorf("connection error lost the server's reason: %s", msg)
		}
	}
}

// The office's own login, through the app, changes and deletes anything
// (a measure with its children too): the server's entries are accepted,
// and the chain checks.
func TestOfficeLoginEditsEverything(t *testing.T) {
	s, url, d := grantedDemo(t)
	office := personByRole(t, d, model.RoleOffice)
	os, err := Open(ctx, withLogin(url, LoginName(office)), Options{Now: fixedClock})
	if err != nil {
		t.Fatal(err)
	}
	defer os.Close()
	storetest.EditEverything(t, os)
	m := d.Measures[0]
	if err := os.Update(ctx, office.ID, model.ActionDelete, "", func(tx model.Tx) error { return tx.Delete(model.EntityMeasure, m.ID, m.Version) }); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Check(ctx); err != nil {
		t.Errorf("check after the office's changes: %v", err)
	}
}

// What a coordinator may record is asked of the model's rules.
func TestCoordinatorRulesFollowTheModel(t *testing.T) {
	rules := map[[3]string]bool{}
	for _, r := range coordinatorRules() {
		rules[r] = true
	}
	for _, tt := range []struct {
		rule [3]string
		want bool
	}{
		{[3]string{"measure", "update", "manualProgress"}, true},
		{[3]string{"milestone", "update", "note"}, true},
		{[3]string{"milestone", "update", "completed"}, true},
		{[3]string{"kpi_value", "create", ""}, true},
		{[3]string{"kpi_value", "update", "value"}, true},
		{[3]string{"update", "delete", ""}, true},
		{[3]string{"update", "update", "text"}, true},
		{[3]string{"period", "update", "returns"}, true},
		{[3]string{"period", "update", "narrative"}, true},
		{[3]string{"file", "import", ""}, true},
		{[3]string{"milestone", "update", "title"}, false},
		{[3]string{"milestone", "create", ""}, false},
		{[3]string{"update", "update", "author"}, false},
		{[3]string{"update", "update", "internal"}, false},
		{[3]string{"measure", "update", "title"}, false},
		{[3]string{"goal", "create", ""}, false},
		{[3]string{"period", "update", "state"}, false},
		{[3]string{"kpi", "update", "target"}, false},
	} {
		if got := rules[tt.rule]; got != tt.want {
			t.Errorf("coordinator may %v: %v, want %v", tt.rule, got, tt.want)
		}
	}
}
