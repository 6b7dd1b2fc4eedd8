package postgres

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"regexp"
	"strings"

	"github.com/jackc/pgx/v5"

	"strategytracker/model"
)

// Groups are the group roles of one database: a person's login is a member
// of the one of their role. Roles are the server's, shared by its
// databases, so their names carry the database's: its name made safe and
// a short hash of the exact name, so that two databases never share them
// (sb-x and sb_x), and no name is ever cut by the server.
type Groups struct{ Office, Coordinator, Council string }

var unsafeRoleChars = regexp.MustCompile(`[^a-z0-9_]+`)

// GroupsFor names the group roles of database.
func GroupsFor(database string) Groups {
	base := groupBase(database)
	sum := sha256.Sum256([]byte(database))
	base = base[:min(len(base), 40)] + "_" + hex.EncodeToString(sum[:4])
	return Groups{Office: base + "_office", Coordinator: base + "_coordinator", Council: base + "_council"}
}

func groupBase(database string) string {
	return "st_" + strings.Trim(unsafeRoleChars.ReplaceAllString(strings.ToLower(database), "_"), "_")
}

// legacyGroups are the group roles schema 2 named (one database's could be
// another's); server init takes this database's rights away from them.
func legacyGroups(database string) Groups {
	base := groupBase(database)
	if len(base) > 50 {
		base = base[:50]
	}
	return Groups{Office: base + "_office", Coordinator: base + "_coordinator", Council: base + "_council"}
}

func (g Groups) of(r model.Role) string {
	switch r {
	case model.RoleOffice:
		return g.Office
	case model.RoleCoordinator:
		return g.Coordinator
	case model.RoleCouncil:
		return g.Council
	}
	return ""
}

func (g Groups) all() []string { return []string{g.Office, g.Coordinator, g.Council} }

// fill puts the group roles into a SQL template's {{office}},
// {{coordinator}} and {{council}}.
func (g Groups) fill(sql string) string {
	return strings.NewReplacer("{{office}}", ident(g.Office), "{{coordinator}}", ident(g.Coordinator), "{{council}}", ident(g.Council)).Replace(sql)
}

func ident(name string) string { return pgx.Identifier{name}.Sanitize() }

// InitSQL is the SQL `server init` runs on database when its schema is at
// version from (0: none): the group roles, the schema steps after from,
// and the grants and policies. It runs as one transaction.
func InitSQL(database string, from int) string {
	g := GroupsFor(database)
	var b strings.Builder
	b.WriteString("-- Strategy Tracker: schema, roles and policies for database " + ident(database) + ".\n")
	b.WriteString("-- Run as an administrator (a superuser, or the database's owner with CREATEROLE).\n")
	b.WriteString("BEGIN;\nSET LOCAL client_min_messages = warning;\n\n")
	for _, role := range g.all() {
		fmt.Fprintf(&b, "DO $$ BEGIN\n  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '%s') THEN CREATE ROLE %s NOLOGIN; END IF;\nEND $$;\n", role, ident(role))
	}
	b.WriteString("\n" + securePrelude(g))
	b.WriteString("\nCREATE TABLE IF NOT EXISTS st_schema (version integer NOT NULL);\n")
	steps := migrations()
	for i := from; i < len(steps); i++ {
		fmt.Fprintf(&b, "\n-- Schema step %d.\n%s\n", i+1, strings.TrimSpace(steps[i]))
		fmt.Fprintf(&b, "DELETE FROM st_schema;\nINSERT INTO st_schema (version) VALUES (%d);\n", i+1)
	}
	b.WriteString("\n")
	b.WriteString(strings.TrimSpace(g.fill(policiesSQL)) + "\n\n")
	if old := legacyGroups(database); old != g {
		fmt.Fprintf(&b, `-- The group roles of schema 2 could be shared with another database:
-- they lose their rights in this one (server grant fills the new ones).
DO $$
DECLARE r text;
BEGIN
  FOREACH r IN ARRAY ARRAY[%s, %s, %s] LOOP
    CONTINUE WHEN NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = r);
    EXECUTE format('REVOKE ALL ON ALL TABLES IN SCHEMA public FROM %%I', r);
    EXECUTE format('REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM %%I', r);
    EXECUTE format('REVOKE ALL ON ALL FUNCTIONS IN SCHEMA public FROM %%I', r);
    EXECUTE format('REVOKE ALL ON SCHEMA public FROM %%I', r);
    EXECUTE format('REVOKE ALL ON DATABASE %%I FROM %%I', current_database(), r);
  END LOOP;
END $$;

`, sqlString(old.Office), sqlString(old.Coordinator), sqlString(old.Council))
	}
	if len(steps) >= 3 {
		b.WriteString(strings.TrimSpace(securitySQL(g, len(steps))) + "\n\n")
	}
	// A session left in an open transaction (a forgotten psql) would hold
	// the writers' lock: the server ends it after five idle minutes.
	fmt.Fprintf(&b, "ALTER DATABASE %s SET idle_in_transaction_session_timeout = '5min';\n", ident(database))
	fmt.Fprintf(&b, "REVOKE CONNECT ON DATABASE %s FROM PUBLIC;\n", ident(database))
	fmt.Fprintf(&b, "GRANT CONNECT ON DATABASE %s TO %s, %s, %s;\n", ident(database), ident(g.Office), ident(g.Coordinator), ident(g.Council))
	b.WriteString("\nCOMMIT;\n")
	return b.String()
}

// DatabaseName is the database a connection string names (the user's name
// when it names none, as libpq does).
func DatabaseName(dsn string) (string, error) {
	cfg, err := pgx.ParseConfig(dsn)
	if err != nil {
		return "", model.Errorf(model.EINVALID, "%s is not a valid PostgreSQL connection: %v", redact(dsn), err)
	}
	if cfg.Database == "" {
		return cfg.User, nil
	}
	return cfg.Database, nil
}

// InitReport says what Init did.
type InitReport struct {
	Database string
	From, To int // schema versions before and after
	Groups   Groups
}

// Init creates or upgrades the schema, the group roles, the grants and
// the policies on the server with an administrator's connection. Running
// it again is harmless: it re-applies the grants and policies.
func Init(ctx context.Context, dsn string, opts Options) (InitReport, error) {
	var rep InitReport
	pool, display, err := connect(ctx, dsn, opts, nil)
	if err != nil {
		return rep, err
	}
	defer pool.Close()
	var encoding string
	if err := pool.QueryRow(ctx, "SELECT current_database(), pg_encoding_to_char(encoding) FROM pg_database WHERE datname = current_database()").Scan(&rep.Database, &encoding); err != nil {
		return rep, wrapSQL(err, "server init on %s", display)
	}
	if encoding != "UTF8" {
		return rep, model.Errorf(model.EINVALID, "database %s uses the %s encoding: Strategy Tracker needs UTF8 (create it with ENCODING 'UTF8')", rep.Database, encoding)
	}
	if rep.From, err = schemaVersion(ctx, pool); err != nil {
		return rep, err
	}
	if rep.From > SchemaVersion() {
		return rep, model.Errorf(model.EINVALID, "%s was set up by a newer Strategy Tracker (schema %d; this build knows up to %d)", display, rep.From, SchemaVersion())
	}
	if _, err := pool.Exec(ctx, InitSQL(rep.Database, rep.From)); err != nil {
		pool.Exec(ctx, "ROLLBACK")
		err = wrapSQL(err, "server init on %s", display)
		if model.ErrorCode(err) == model.EFORBIDDEN {
			return rep, model.Errorf(model.EFORBIDDEN, "%s (server init needs an administrator's connection: a superuser, or the database's owner with CREATEROLE)", model.ErrorMessage(err))
		}
		return rep, err
	}
	rep.To = SchemaVersion()
	rep.Groups = GroupsFor(rep.Database)
	return rep, nil
}

// GrantReport says what Grant did.
type GrantReport struct {
	Created []string // new logins (they need a password or another way to authenticate)
	Granted []string // "login: group" for every person with a login
	Revoked []string // "login: group" memberships taken away
	NoEmail []string // people without an e-mail, who cannot have a login
}

// Grant creates the logins of the strategy's people on the server (named
// by their e-mail), makes each a member of the group of their role and of
// no other of this database's groups, and takes the groups away from
// logins whose person is gone. It sets no password: the administrator
// gives one (ALTER ROLE … PASSWORD, psql's \password) or lets the server
// authenticate otherwise (pg_hba.conf: LDAP, GSSAPI, certificates).
func Grant(ctx context.Context, dsn string, opts Options) (GrantReport, error) {
	var rep GrantReport
	pool, display, err := connect(ctx, dsn, opts, nil)
	if err != nil {
		return rep, err
	}
	defer pool.Close()
	s := &Store{display: display, pool: pool}
	if err := s.checkSchema(ctx); err != nil {
		return rep, err
	}
	d, err := s.Doc(ctx)
	if err != nil {
		return rep, err
	}
	var database string
	if err := pool.QueryRow(ctx, "SELECT current_database()").Scan(&database); err != nil {
		return rep, wrapSQL(err, "server grant on %s", display)
	}
	g := GroupsFor(database)
	tx, err := pool.Begin(ctx)
	if err != nil {
		return rep, wrapSQL(err, "server grant on %s", display)
	}
	defer tx.Rollback(ctx)
	members := map[string]map[string]bool{} // group → logins
	for _, group := range g.all() {
		members[group] = map[string]bool{}
		if err := each(ctx, tx, `SELECT m.rolname FROM pg_auth_members a JOIN pg_roles r ON r.oid = a.roleid
			JOIN pg_roles m ON m.oid = a.member WHERE r.rolname = $1`, func(r pgx.Rows) error {
			var login string
			err := r.Scan(&login)
			members[group][login] = true
			return err
		}, group); err != nil {
			return rep, err
		}
	}
	want := map[string]string{}          // login → group
	holder := map[string]*model.Person{} // login → its person
	if _, err := tx.Exec(ctx, "DELETE FROM st_logins"); err != nil {
		return rep, grantError(err, "")
	}
	for i := range d.People {
		p := &d.People[i]
		login := LoginName(p)
		if login == "" {
			rep.NoEmail = append(rep.NoEmail, p.Name.In(model.BG))
			continue
		}
		if other := holder[login]; other != nil {
			return rep, model.Errorf(model.EINVALID, "%s (%s) and %s (%s) would share the login %q: give them different e-mail addresses, then run server grant again",
				other.Name.In(model.BG), other.Email, p.Name.In(model.BG), p.Email, login)
		}
		holder[login] = p
		want[login] = g.of(p.Role)
		if _, err := tx.Exec(ctx, "INSERT INTO st_logins (login, person_id, email) VALUES ($1, $2, $3)", login, p.ID, p.Email); err != nil {
			return rep, grantError(err, login)
		}
		var exists bool
		if err := tx.QueryRow(ctx, "SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = $1)", login).Scan(&exists); err != nil {
			return rep, wrapSQL(err, "server grant")
		}
		if !exists {
			if _, err := tx.Exec(ctx, "CREATE ROLE "+ident(login)+" LOGIN"); err != nil {
				return rep, grantError(err, login)
			}
			rep.Created = append(rep.Created, login)
		}
		if !members[want[login]][login] {
			if _, err := tx.Exec(ctx, "GRANT "+ident(want[login])+" TO "+ident(login)); err != nil {
				return rep, grantError(err, login)
			}
		}
		rep.Granted = append(rep.Granted, login+": "+want[login])
	}
	for _, group := range g.all() {
		for login := range members[group] {
			if want[login] != group {
				if _, err := tx.Exec(ctx, "REVOKE "+ident(group)+" FROM "+ident(login)); err != nil {
					return rep, grantError(err, login)
				}
				rep.Revoked = append(rep.Revoked, login+": "+group)
			}
		}
	}
	return rep, grantError(tx.Commit(ctx), "")
}

func grantError(err error, login string) error {
	if err == nil {
		return nil
	}
	err = wrapSQL(err, "server grant (login %q)", login)
	if model.ErrorCode(err) == model.EFORBIDDEN {
		return model.Errorf(model.EFORBIDDEN, "%s (server grant needs an administrator's connection with CREATEROLE)", model.ErrorMessage(err))
	}
	return err
}
