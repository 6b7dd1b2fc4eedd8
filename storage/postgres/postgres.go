// Package postgres keeps a strategy in a PostgreSQL database shared by an
// office and implements model.Store over it, with the behaviour of the
// SQLite file (storage): the same validation, version checks, roles and
// hash-chained audit log. On top of the file, the server itself enforces
// the roles: every person connects as their own login (named by their
// e-mail), and grants and row-level security decide what that login may
// change (schema/policies.sql).
package postgres

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"

	"strategytracker/internal/sqlrow"
	"strategytracker/model"
)

//go:embed schema/0*.sql
var migrationFiles embed.FS

//go:embed schema/policies.sql
var policiesSQL string

// migrations returns the schema steps in order; step i brings the schema
// version to i+1. Tests of upgrades replace it.
var migrations = embeddedMigrations

func embeddedMigrations() []string { return sqlrow.Steps(migrationFiles, "schema/0*.sql") }

// SchemaVersion is the schema version this build writes.
func SchemaVersion() int { return len(migrations()) }

// IsURL reports whether a -db argument names a PostgreSQL server rather
// than a file: a postgres:// or postgresql:// URL, or a key=value
// connection string ("service=strategy", "host=db.example dbname=…"),
// so that a password in one is never taken for part of a file's name.
func IsURL(s string) bool {
	l := strings.ToLower(s)
	if strings.HasPrefix(l, "postgres://") || strings.HasPrefix(l, "postgresql://") {
		return true
	}
	key, _, ok := strings.Cut(strings.TrimSpace(l), "=")
	return ok && connKeys[strings.TrimSpace(key)]
}

// connKeys are the libpq keywords a key=value connection string may begin with.
var connKeys = map[string]bool{"service": true, "host": true, "hostaddr": true, "port": true, "dbname": true,
	"user": true, "password": true, "sslmode": true, "connect_timeout": true, "application_name": true}

// Options adjust a store; the zero value is right for the application.
type Options struct {
	// Now is the clock for audit timestamps and "today"; time.Now by default.
	Now func() time.Time
	// DatabaseID is used when creating a strategy; random by default.
	DatabaseID string
	// ReadOnly opens the strategy read-only even when the login could write.
	ReadOnly bool
	// AskPassword, when set, is called once when the server wants a
	// password that neither the URL, PGPASSWORD, the password file
	// (PGPASSFILE, ~/.pgpass) nor the service file gave. The password is
	// used for this connection only and never stored.
	AskPassword func(prompt string) (string, error)
	// Backup writes d with its audit log (and databaseID) to a new
	// strategy file at path, checked: Store.Backup. The program that links
	// the file driver gives it (cli.BackupToFile); without it Backup refuses.
	Backup func(ctx context.Context, path string, d *model.Doc, log []model.AuditEntry, databaseID string) error
}

// Store is a strategy on a PostgreSQL server. It implements model.Store.
type Store struct {
	dsn        string
	display    string
	pool       *pgxpool.Pool
	readOnly   bool
	databaseID string
	now        func() time.Time
	me         model.ID // the person the login acts as; 0 for the owner
	backup     func(ctx context.Context, path string, d *model.Doc, log []model.AuditEntry, databaseID string) error
	pids       sync.Map // backend process ids of this store's connections
}

var _ model.Store = (*Store)(nil)

// connect opens a pool on dsn, asking for a password when needed.
// The backend process ids of its connections go into pids (when not nil),
// so that Watch can tell this store's own changes from others'.
func connect(ctx context.Context, dsn string, opts Options, pids *sync.Map) (*pgxpool.Pool, string, error) {
	display := redact(dsn)
	cfg, err := pgxpool.ParseConfig(dsn)
	if err != nil {
		return nil, display, model.Errorf(model.EINVALID, "%s is not a valid PostgreSQL connection: %v", display, err)
	}
	if cfg.ConnConfig.RuntimeParams == nil {
		cfg.ConnConfig.RuntimeParams = map[string]string{}
	}
	if cfg.ConnConfig.RuntimeParams["application_name"] == "" {
		cfg.ConnConfig.RuntimeParams["application_name"] = "strategytracker"
	}
	cfg.MaxConns = 4
	if pids != nil {
		cfg.AfterConnect = func(_ context.Context, c *pgx.Conn) error {
			pids.Store(c.PgConn().PID(), true)
			return nil
		}
		cfg.BeforeClose = func(c *pgx.Conn) { pids.Delete(c.PgConn().PID()) }
	}
	for attempt := 0; ; attempt++ {
		pool, err := pgxpool.NewWithConfig(ctx, cfg)
		if err == nil {
			err = pool.Ping(ctx)
			if err == nil {
				return pool, display, nil
			}
			pool.Close()
		}
		if attempt == 0 && opts.AskPassword != nil && cfg.ConnConfig.Password == "" && isAuthFailure(err) {
			pw, aerr := opts.AskPassword(fmt.Sprintf("Password of %s on %s: ", cfg.ConnConfig.User, cfg.ConnConfig.Host))
			if aerr != nil {
				return nil, display, model.Errorf(model.EFORBIDDEN, "connect to %s: %v", display, aerr)
			}
			cfg.ConnConfig.Password = pw
			continue
		}
		if isAuthFailure(err) {
			return nil, display, model.Errorf(model.EFORBIDDEN, "the server %s refused login %q: %s (give the password in your password file, PGPASSFILE, or when asked)", display, cfg.ConnConfig.User, connectReason(err))
		}
		return nil, display, model.Errorf(model.EINVALID, "cannot connect to %s: %s", display, connectReason(err))
	}
}

func isAuthFailure(err error) bool {
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		return pe.Code == "28P01" || pe.Code == "28000"
	}
	return err != nil && strings.Contains(err.Error(), "password")
}

// connectReason is the reason a connection failed, every line of it
// (pgx puts each address tried on a line of its own).
func connectReason(err error) string {
	var lines []string
	for _, l := range strings.Split(err.Error(), "\n") {
		if l = strings.TrimSpace(l); l != "" {
			lines = append(lines, l)
		}
	}
	return strings.Join(lines, " ")
}

// SafeToKeep is an entry of the app's recent files made safe to keep: a
// connection string (IsURL) without its password (Redact), a file's path
// as it is.
func SafeToKeep(entry string) string {
	if IsURL(entry) {
		return redact(entry)
	}
	return entry
}

// Redact is dsn without its password, fit for titles, messages and the
// app's recent files: the one place a connection string is made safe to
// show. It takes the password out of a URL's user part and query
// (?password=, ?sslpassword=) and out of the key=value form.
func Redact(dsn string) string { return redact(dsn) }

func redact(dsn string) string {
	if strings.Contains(dsn, "://") {
		u, err := url.Parse(dsn)
		if err != nil || u.Scheme == "" {
			return "(a connection URL that cannot be read)"
		}
		if _, has := u.User.Password(); has {
			u.User = url.User(u.User.Username())
		}
		q := u.Query()
		for k := range q {
			if isSecretKey(k) {
				q.Del(k)
			}
		}
		u.RawQuery = q.Encode()
		return u.String()
	}
	return redactKeyValues(dsn)
}

func isSecretKey(k string) bool {
	k = strings.ToLower(k)
	return k == "password" || k == "sslpassword"
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// redactKeyValues drops the secret pairs of a libpq key=value string:
// pairs separated by spaces, "=" with optional spaces around it, values
// in single quotes with backslash escapes. What cannot be read as pairs
// is not shown.
func redactKeyValues(s string) string {
	var out []string
	i := 0
	skip := func() {
		for i < len(s) && isSpace(s[i]) {
			i++
		}
	}
	for {
		skip()
		if i >= len(s) {
			break
		}
		start := i
		for i < len(s) && s[i] != '=' && !isSpace(s[i]) {
			i++
		}
		key := s[start:i]
		skip()
		if i >= len(s) || s[i] != '=' || key == "" {
			out = append(out, "…")
			break
		}
		i++
		skip()
		quoted := i < len(s) && s[i] == '\''
		if quoted {
			i++
		}
		for ; i < len(s); i++ {
			if s[i] == '\\' {
				i++
			} else if quoted && s[i] == '\'' || !quoted && isSpace(s[i]) {
				break
			}
		}
		if quoted {
			i++
		}
		i = min(i, len(s))
		if !isSecretKey(key) {
			out = append(out, s[start:i])
		}
	}
	return strings.Join(out, " ")
}

// dial makes a Store connected to dsn, with nothing read yet.
func dial(ctx context.Context, dsn string, opts Options) (*Store, error) {
	s := &Store{dsn: dsn, now: opts.Now, backup: opts.Backup}
	if s.now == nil {
		s.now = time.Now
	}
	pool, display, err := connect(ctx, dsn, opts, &s.pids)
	if err != nil {
		return nil, err
	}
	s.pool, s.display = pool, display
	return s, nil
}

// Open connects to a server that holds a strategy. The login's person
// (by e-mail) is who acts; a council member's session is read-only.
func Open(ctx context.Context, dsn string, opts Options) (*Store, error) {
	s, err := dial(ctx, dsn, opts)
	if err != nil {
		return nil, err
	}
	pool := s.pool
	if err := s.readAll(ctx); err != nil {
		pool.Close()
		return nil, err
	}
	s.readOnly = s.readOnly || opts.ReadOnly
	return s, nil
}

// readAll is checkSchema, readMeta and readLogin in one round trip, as
// opening takes them when the server is set up; otherwise it asks them
// one by one for the message that says what is missing.
func (s *Store) readAll(ctx context.Context) error {
	var version int
	var databaseID *string
	var me *int64
	var role *string
	var canWrite bool
	err := s.pool.QueryRow(ctx, `SELECT s.version, (SELECT database_id FROM meta WHERE id = 1), st_me(), st_my_role(),
		has_any_column_privilege('milestones', 'UPDATE') FROM st_schema s`).Scan(&version, &databaseID, &me, &role, &canWrite)
	if err != nil || version != SchemaVersion() || databaseID == nil {
		if err := s.checkSchema(ctx); err != nil {
			return err
		}
		if err := s.readMeta(ctx); err != nil {
			return err
		}
		return s.readLogin(ctx)
	}
	s.databaseID = *databaseID
	if me != nil {
		s.me = *me
	}
	s.readOnly = !canWrite || (role != nil && model.Role(*role) == model.RoleCouncil)
	return nil
}

// Create loads d as the strategy of a server whose schema was made by
// `server init` and that holds no strategy yet. It needs the owner's
// connection (the administrator who ran `server init`).
func Create(ctx context.Context, dsn string, d *model.Doc, opts Options) (*Store, error) {
	now := opts.Now
	if now == nil {
		now = time.Now
	}
	d.Tidy()
	if err := d.Validate(model.DateOf(now())); err != nil {
		return nil, err
	}
	record, err := model.LoadRecordJSON(d)
	if err != nil {
		return nil, model.Errorf(model.EINTERNAL, "load: %v", err)
	}
	// Goals, areas and units are numbered in canonical order, as in a
	// new file, which the replay of the audit log relies on.
	for i := range d.Goals {
		d.Goals[i].ID = model.ID(i + 1)
	}
	for i := range d.Areas {
		d.Areas[i].ID = model.ID(i + 1)
	}
	for i := range d.Units {
		d.Units[i].ID = model.ID(i + 1)
	}
	for i := range d.Snapshots {
		d.Snapshots[i].ID = model.ID(i + 1)
	}
	// Revisions and periods keep their ids; one without (a hand-made
	// file) is numbered after the others, as the file numbers it.
	var maxRevision, maxPeriod model.ID
	for _, r := range d.Revisions {
		maxRevision = max(maxRevision, r.ID)
	}
	for _, p := range d.Periods {
		maxPeriod = max(maxPeriod, p.ID)
	}
	for i := range d.Revisions {
		if d.Revisions[i].ID == 0 {
			maxRevision++
			d.Revisions[i].ID = maxRevision
		}
	}
	for i := range d.Periods {
		if d.Periods[i].ID == 0 {
			maxPeriod++
			d.Periods[i].ID = maxPeriod
		}
	}
	entry := model.AuditEntry{Seq: 1, At: now().UTC().Format(model.AuditTimeLayout), User: "strategytracker load",
		Action: model.ActionLoad, Entity: model.EntityFile, New: record, PrevHash: model.GenesisHash}
	entry.Hash = entry.ComputeHash()
	return CreateExact(ctx, dsn, d, []model.AuditEntry{entry}, opts)
}

// CreateExact writes d, every id as given, and log verbatim into the
// server's empty schema in one transaction: the server end of copying a
// strategy from another store (cli's copy). It needs the owner's connection.
func CreateExact(ctx context.Context, dsn string, d *model.Doc, log []model.AuditEntry, opts Options) (*Store, error) {
	now := opts.Now
	if now == nil {
		now = time.Now
	}
	if err := d.Validate(model.DateOf(now())); err != nil {
		return nil, err
	}
	if err := d.CheckSnapshots(); err != nil {
		return nil, err
	}
	s, err := dial(ctx, dsn, opts)
	if err != nil {
		return nil, err
	}
	pool := s.pool
	if err := s.checkSchema(ctx); err != nil {
		pool.Close()
		return nil, err
	}
	if opts.DatabaseID == "" {
		opts.DatabaseID = sqlrow.NewDatabaseID()
	}
	if err := s.load(ctx, d, log, opts.DatabaseID); err != nil {
		pool.Close()
		return nil, err
	}
	if err := s.readMeta(ctx); err != nil {
		pool.Close()
		return nil, err
	}
	if err := s.readLogin(ctx); err != nil {
		pool.Close()
		return nil, err
	}
	return s, nil
}

// checkSchema refuses a database without the schema or with another version.
func (s *Store) checkSchema(ctx context.Context) error {
	v, err := schemaVersion(ctx, s.pool)
	if err != nil {
		return err
	}
	switch {
	case v == 0:
		return model.Errorf(model.EINVALID, "%s holds no Strategy Tracker schema: an administrator creates it with `strategytracker server init -db URL`", s.display)
	case v > SchemaVersion():
		return model.Errorf(model.EINVALID, "%s was set up by a newer Strategy Tracker (schema %d; this build knows up to %d): update the app to open it", s.display, v, SchemaVersion())
	case v < SchemaVersion():
		return model.Errorf(model.EINVALID, "%s uses an older schema (%d; this build writes %d): an administrator upgrades it with `strategytracker server init -db URL`", s.display, v, SchemaVersion())
	}
	return nil
}

type querier interface {
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
	Exec(ctx context.Context, sql string, args ...any) (pgconn.CommandTag, error)
}

// schemaVersion is the applied schema version, 0 when there is none.
func schemaVersion(ctx context.Context, q querier) (int, error) {
	var exists bool
	if err := q.QueryRow(ctx, "SELECT to_regclass('public.st_schema') IS NOT NULL").Scan(&exists); err != nil {
		return 0, wrapSQL(err, "read the schema version")
	}
	if !exists {
		return 0, nil
	}
	var v int
	err := q.QueryRow(ctx, "SELECT version FROM st_schema").Scan(&v)
	if errors.Is(err, pgx.ErrNoRows) {
		return 0, nil
	}
	return v, wrapSQL(err, "read the schema version")
}

func (s *Store) readMeta(ctx context.Context) error {
	err := s.pool.QueryRow(ctx, "SELECT database_id FROM meta WHERE id = 1").Scan(&s.databaseID)
	if errors.Is(err, pgx.ErrNoRows) {
		return model.Errorf(model.ENOTFOUND, "%s holds no strategy yet: copy one in with `strategytracker copy -from FILE -to URL`", s.display)
	}
	return wrapSQL(err, "read %s", s.display)
}

// readLogin finds the person the login acts as and whether it may write.
func (s *Store) readLogin(ctx context.Context) error {
	var me *int64
	var role *string
	var canWrite bool
	err := s.pool.QueryRow(ctx, `SELECT st_me(), st_my_role(), has_any_column_privilege('milestones', 'UPDATE')`).Scan(&me, &role, &canWrite)
	if err != nil {
		return wrapSQL(err, "find who the login of %s is", s.display)
	}
	if me != nil {
		s.me = *me
	}
	s.readOnly = !canWrite || (role != nil && model.Role(*role) == model.RoleCouncil)
	return nil
}

// Path is the server's connection string without a password.
func (s *Store) Path() string { return s.display }

// ReadOnly reports whether this session may not change anything: a
// council member's login, or a store opened read-only.
func (s *Store) ReadOnly() bool { return s.readOnly }

// DatabaseID is the strategy's random identifier.
func (s *Store) DatabaseID() string { return s.databaseID }

// LoginPerson is the id of the person the login acts as (found by the
// login's name, their e-mail), 0 when the login is not a person's (the
// administrator's). Changes made through this store are made as them.
func (s *Store) LoginPerson() model.ID { return s.me }

// Close closes the connections.
func (s *Store) Close() error {
	s.pool.Close()
	return nil
}

// wrapSQL turns a driver error into a model error with context: the
// refusals both engines know through the row layer's words
// (sqlrow.WrapError), the server's own here.
func wrapSQL(err error, format string, args ...any) error {
	var me *model.Error
	var pe *pgconn.PgError
	if errors.As(err, &me) || !errors.As(err, &pe) {
		return sqlrow.WrapError(err, sqlrow.Unknown, format, args...)
	}
	what := fmt.Sprintf(format, args...)
	switch pe.Code {
	case "23503":
		return sqlrow.WrapError(err, sqlrow.StillReferred, format, args...)
	case "23505":
		return sqlrow.WrapError(err, sqlrow.CodeUsed, format, args...)
	case "42501":
		return model.Errorf(model.EFORBIDDEN, "%s: the server refuses it: %s", what, pe.Message)
	case "55P03":
		return model.Errorf(model.ECONFLICT, "%s: another change has held the strategy for more than 15 seconds: try again later", what)
	case "40001", "40P01":
		return model.Errorf(model.ECONFLICT, "%s: someone else changed the same data at the same moment: reload and try again", what)
	case "22021":
		return model.Errorf(model.EINVALID, "%s: text that is not valid UTF-8", what)
	}
	return sqlrow.WrapError(err, sqlrow.Unknown, format, args...)
}
