// Package storage keeps a strategy in one SQLite file (modernc.org/sqlite,
// pure Go) and implements model.Store over it.
package storage

import (
	"context"
	"database/sql"
	"embed"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"strategytracker/internal/sqlrow"
	"strategytracker/model"

	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

// ApplicationID marks a SQLite file as Strategy Tracker's ("STTR").
const ApplicationID = 0x53545452

//go:embed migrations/*.sql
var migrationFiles embed.FS

// migrations returns the schema steps in order; step i brings user_version to i+1.
func migrations() []string { return sqlrow.Steps(migrationFiles, "migrations/*.sql") }

// SchemaVersion is the schema version this build writes.
func SchemaVersion() int { return len(migrations()) }

// Options adjust a store; the zero value is right for the application.
type Options struct {
	// Now is the clock for audit timestamps and "today"; time.Now by default.
	Now func() time.Time
	// DatabaseID is used when creating a file; random by default.
	DatabaseID string
	// ReadOnly opens the file read-only even when it could be written
	// (a council member's session).
	ReadOnly bool

	// migrations replaces the embedded schema steps (tests of upgrades).
	migrations []string
}

func (o Options) steps() []string {
	if o.migrations != nil {
		return o.migrations
	}
	return migrations()
}

// Store is an open strategy file. It implements model.Store.
type Store struct {
	path       string
	readOnly   bool
	databaseID string
	now        func() time.Time
	writer     *sql.DB // one connection, BEGIN IMMEDIATE: writes never deadlock
	reader     *sql.DB // readers see a consistent WAL snapshot beside the writer
	guards     *guardSource
}

var _ model.Store = (*Store)(nil)

// Open opens an existing strategy file. Before SQLite touches it, the
// file's header is checked so that a file that is not ours is refused with
// a message that says why and is left byte-identical. A file this process
// may not write is opened read-only. An older schema is upgraded after a
// copy of the file is written beside it.
func Open(ctx context.Context, path string, opts Options) (*Store, error) {
	steps := opts.steps()
	hdr, err := inspect(path, len(steps))
	if err != nil {
		return nil, err
	}
	readOnly := opts.ReadOnly || !writable(path)
	s, err := openDB(path, readOnly, opts)
	if err != nil {
		return nil, err
	}
	if hdr.userVersion < len(steps) {
		if readOnly {
			s.Close()
			return nil, model.Errorf(model.EFORBIDDEN, "%s uses an older schema (%d) and must be upgraded, but the file is read-only", path, hdr.userVersion)
		}
		if err := s.upgrade(ctx, hdr.userVersion, steps); err != nil {
			s.Close()
			return nil, err
		}
	}
	if err := s.readMeta(ctx); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

// Create makes a new strategy file at path holding d, which is validated
// first. It refuses to overwrite an existing file; on any failure the new
// file is removed.
func Create(ctx context.Context, path string, d *model.Doc, opts Options) (_ *Store, err error) {
	now := opts.Now
	if now == nil {
		now = time.Now
	}
	// Canonical order first: goals, areas and units are numbered in it,
	// which the replay of the audit log relies on.
	d.Tidy()
	if err := d.Validate(model.DateOf(now())); err != nil {
		return nil, err
	}
	if err := d.CheckSnapshots(); err != nil {
		return nil, err
	}
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return nil, model.Errorf(model.ECONFLICT, "%s already exists: refusing to overwrite it", path)
	} else if err != nil {
		return nil, model.Errorf(model.EINVALID, "cannot create %s: %w", path, err)
	}
	f.Close()
	defer func() {
		if err != nil {
			for _, suffix := range []string{"", "-wal", "-shm", "-journal"} {
				os.Remove(path + suffix)
			}
		}
	}()
	seed := opts.DatabaseID // reproducible files get reproducible guards
	if opts.DatabaseID == "" {
		opts.DatabaseID = sqlrow.NewDatabaseID()
	}
	s, err := openDB(path, false, opts)
	if err != nil {
		return nil, err
	}
	s.guards = &guardSource{seed: seed}
	if err := s.upgrade(ctx, 0, opts.steps()); err != nil {
		s.Close()
		return nil, err
	}
	if err := s.load(ctx, d, opts.DatabaseID); err != nil {
		s.Close()
		return nil, err
	}
	if err := s.readMeta(ctx); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

func openDB(path string, readOnly bool, opts Options) (*Store, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, model.Errorf(model.EINVALID, "%s: %w", path, err)
	}
	base := "file:" + (&url.URL{Path: abs}).EscapedPath()
	// Pragmas in the DSN apply to every pooled connection.
	q := "?_pragma=foreign_keys(1)&_pragma=busy_timeout(10000)"
	if readOnly {
		q += "&mode=ro"
	} else {
		q += "&_pragma=journal_mode(WAL)&_pragma=synchronous(NORMAL)"
	}
	s := &Store{path: path, readOnly: readOnly, now: opts.Now}
	if s.now == nil {
		s.now = time.Now
	}
	if s.writer, err = sql.Open("sqlite", base+q+"&_txlock=immediate"); err != nil {
		return nil, model.Errorf(model.EINTERNAL, "open %s: %w", path, err)
	}
	s.writer.SetMaxOpenConns(1)
	if s.reader, err = sql.Open("sqlite", base+q); err != nil {
		s.writer.Close()
		return nil, model.Errorf(model.EINTERNAL, "open %s: %w", path, err)
	}
	s.reader.SetMaxOpenConns(4)
	if err := s.writer.Ping(); err != nil {
		s.Close()
		return nil, model.Errorf(model.EINVALID, "cannot open %s: %w", path, err)
	}
	return s, nil
}

// upgrade applies the migrations after from, one transaction each. An
// existing file (from > 0) is first copied beside itself.
func (s *Store) upgrade(ctx context.Context, from int, steps []string) error {
	if from == 1 && len(steps) >= 2 {
		if err := s.refuseDuplicateValues(ctx); err != nil {
			return err
		}
	}
	if from > 0 && from < len(steps) {
		backup := fmt.Sprintf("%s.schema%d.bak", s.path, from)
		os.Remove(backup) // a stale copy of an earlier attempt
		if _, err := s.writer.ExecContext(ctx, "VACUUM INTO ?", backup); err != nil {
			return model.Errorf(model.EINTERNAL, "copy %s before upgrading it: %w", s.path, err)
		}
		if err := reguard(ctx, backup); err != nil {
			return err
		}
	}
	for i := from; i < len(steps); i++ {
		if err := s.migrate(ctx, i+1, steps[i]); err != nil {
			return err
		}
	}
	// Move the new application_id and user_version from the WAL into the
	// main file, where Open reads them before SQLite opens the file.
	if _, err := s.writer.ExecContext(ctx, "PRAGMA wal_checkpoint(TRUNCATE)"); err != nil {
		return model.Errorf(model.EINTERNAL, "checkpoint %s: %w", s.path, err)
	}
	return nil
}

// refuseDuplicateValues refuses to upgrade a schema-1 file holding two
// values of one KPI on one date: schema 2 allows one value a day, and which
// of the two is right is the user's call, not the upgrade's. Nothing has
// been changed when it refuses.
func (s *Store) refuseDuplicateValues(ctx context.Context) error {
	var pairs []string
	err := each(ctx, s.writer, "SELECT kpi_id, date, group_concat(id, ', ') FROM kpi_values GROUP BY kpi_id, date HAVING count(*) > 1 ORDER BY kpi_id, date", func(r *sql.Rows) error {
		var kpi int64
		var date, ids string
		if err := r.Scan(&kpi, &date, &ids); err != nil {
			return err
		}
		pairs = append(pairs, fmt.Sprintf("KPI %d on %s (values %s)", kpi, date, ids))
		return nil
	})
	if err != nil {
		return wrapSQL(err, "read the KPI values of %s", s.path)
	}
	if len(pairs) > 0 {
		return model.Errorf(model.EINVALID, "%s cannot be upgraded: it holds more than one value of a KPI on one date, and a KPI has one value a day: %s. The file is unchanged: delete the extra values with the version that wrote it, or export it, keep one value per date in the JSON and load that", s.path, strings.Join(pairs, "; "))
	}
	return nil
}

func (s *Store) migrate(ctx context.Context, version int, script string) error {
	tx, err := s.writer.BeginTx(ctx, nil)
	if err != nil {
		return model.Errorf(model.EINTERNAL, "migration %d: %w", version, err)
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, script); err != nil {
		return model.Errorf(model.EINTERNAL, "migration %d: %w", version, err)
	}
	if err := s.touchGuard(ctx, tx); err != nil {
		return err
	}
	// PRAGMA takes no parameters; the values are integers we control.
	if _, err := tx.ExecContext(ctx, "PRAGMA application_id = "+strconv.Itoa(ApplicationID)); err != nil {
		return model.Errorf(model.EINTERNAL, "migration %d: %w", version, err)
	}
	if _, err := tx.ExecContext(ctx, "PRAGMA user_version = "+strconv.Itoa(version)); err != nil {
		return model.Errorf(model.EINTERNAL, "migration %d: %w", version, err)
	}
	return tx.Commit()
}

func (s *Store) readMeta(ctx context.Context) error {
	err := s.reader.QueryRowContext(ctx, "SELECT database_id FROM meta WHERE id = 1").Scan(&s.databaseID)
	if errors.Is(err, sql.ErrNoRows) {
		return model.Refused(model.EINVALID, model.ReasonNotStrategyFile, "%s holds no strategy (its meta row is missing)", s.path)
	} else if err != nil {
		return model.Errorf(model.EINTERNAL, "read %s: %w", s.path, err)
	}
	return nil
}

// Path is the file's path.
func (s *Store) Path() string { return s.path }

// ReadOnly reports whether the file was opened read-only.
func (s *Store) ReadOnly() bool { return s.readOnly }

// DatabaseID is the file's random identifier.
func (s *Store) DatabaseID() string { return s.databaseID }

// Close closes the file.
func (s *Store) Close() error {
	var err error
	if s.reader != nil {
		err = s.reader.Close()
	}
	if s.writer != nil {
		if e := s.writer.Close(); e != nil {
			err = e
		}
	}
	return err
}

// Backup writes a consistent copy of the file to path with VACUUM INTO,
// which reads one snapshot of the database while writers go on.
func (s *Store) Backup(ctx context.Context, path string) error {
	if _, err := os.Stat(path); err == nil {
		return model.Errorf(model.ECONFLICT, "%s already exists: refusing to overwrite it", path)
	}
	if _, err := s.reader.ExecContext(ctx, "VACUUM INTO ?", path); err != nil {
		os.Remove(path)
		return model.Errorf(model.EINTERNAL, "back up %s to %s: %w", s.path, path, err)
	}
	if err := reguard(ctx, path); err != nil {
		os.Remove(path)
		return err
	}
	return nil
}

// header is what Open needs from the first 100 bytes of a SQLite file.
type header struct {
	userVersion   int
	applicationID uint32
}

// inspect refuses, without opening it with SQLite, a path that is not a
// Strategy Tracker file, saying which of the possible reasons applies.
func inspect(path string, known int) (header, error) {
	var h header
	st, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return h, model.Errorf(model.ENOTFOUND, "%s does not exist", path)
	} else if err != nil {
		return h, model.Errorf(model.EINVALID, "cannot read %s: %w", path, err)
	}
	if st.IsDir() {
		return h, model.Refused(model.EINVALID, model.ReasonNotStrategyFile, "%s is a directory, not a strategy file", path)
	}
	if st.Size() == 0 {
		return h, model.Refused(model.EINVALID, model.ReasonNotStrategyFile, "%s is empty (0 bytes), not a strategy file", path)
	}
	f, err := os.Open(path)
	if err != nil {
		return h, model.Errorf(model.EINVALID, "cannot read %s: %w", path, err)
	}
	defer f.Close()
	buf := make([]byte, 100)
	n, _ := io.ReadFull(f, buf)
	if n < 16 || string(buf[:16]) != "SQLite format 3\x00" {
		return h, model.Refused(model.EINVALID, model.ReasonNotStrategyFile, "%s is not a SQLite database, so not a strategy file", path)
	}
	if n < 100 {
		return h, model.Refused(model.EINVALID, model.ReasonDamagedFile, "%s is a truncated SQLite database (%d bytes)", path, st.Size())
	}
	pageSize := int64(binary.BigEndian.Uint16(buf[16:18]))
	if pageSize == 1 {
		pageSize = 65536
	}
	pages := int64(binary.BigEndian.Uint32(buf[28:32]))
	// The in-header size is valid when the change counter matches
	// "version-valid-for". A checkpoint writes page 1 before it grows the
	// file, so after a crash with a WAL present a short file is normal and
	// SQLite completes it from the WAL.
	if binary.BigEndian.Uint32(buf[24:28]) == binary.BigEndian.Uint32(buf[92:96]) && pages*pageSize > st.Size() && !hasWAL(path) {
		return h, model.Refused(model.EINVALID, model.ReasonDamagedFile, "%s is truncated: it has %d bytes, its header says %d", path, st.Size(), pages*pageSize)
	}
	h.userVersion = int(int32(binary.BigEndian.Uint32(buf[60:64])))
	h.applicationID = binary.BigEndian.Uint32(buf[68:72])
	// Before anything opens it with SQLite, which would apply them.
	if err := checkCompanions(path, buf, h.userVersion); err != nil {
		return h, err
	}
	if h.applicationID == 0 && h.userVersion == 0 && hasWAL(path) {
		// A creation interrupted before its checkpoint: the header's new
		// values are still in the WAL. Ask SQLite, read-only.
		if err := h.readPragmas(path); err != nil {
			return h, err
		}
	}
	if h.applicationID != ApplicationID {
		return h, model.Refused(model.EINVALID, model.ReasonNotStrategyFile, "%s is a SQLite database of another application (application_id %#x), not a strategy file", path, h.applicationID)
	}
	if h.userVersion > known {
		return h, model.Refused(model.EINVALID, model.ReasonNewerFile, "%s was written by a newer Strategy Tracker (schema %d; this build knows up to %d): update the app to open it", path, h.userVersion, known)
	}
	if h.userVersion < 1 {
		return h, model.Refused(model.EINVALID, model.ReasonNotStrategyFile, "%s has no schema (user_version %d): it was never completely created", path, h.userVersion)
	}
	return h, nil
}

func hasWAL(path string) bool {
	st, err := os.Stat(path + "-wal")
	return err == nil && st.Size() > 0
}

func (h *header) readPragmas(path string) error {
	abs, _ := filepath.Abs(path)
	db, err := sql.Open("sqlite", "file:"+(&url.URL{Path: abs}).EscapedPath()+"?mode=ro")
	if err != nil {
		return model.Errorf(model.EINVALID, "cannot read %s: %w", path, err)
	}
	defer db.Close()
	var appID int64
	if err := db.QueryRow("PRAGMA application_id").Scan(&appID); err != nil {
		return model.Errorf(model.EINVALID, "cannot read %s: %w", path, err)
	}
	if err := db.QueryRow("PRAGMA user_version").Scan(&h.userVersion); err != nil {
		return model.Errorf(model.EINVALID, "cannot read %s: %w", path, err)
	}
	h.applicationID = uint32(appID)
	return nil
}

// writable reports whether this process may write path (and so its
// journal): a read-only file is opened read-only instead of refused. A
// file without write permission bits counts as read-only even for root,
// who could write it anyway: the user marked it so.
func writable(path string) bool {
	if st, err := os.Stat(path); err != nil || st.Mode().Perm()&0o222 == 0 {
		return false
	}
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return false
	}
	f.Close()
	dir := filepath.Dir(path)
	probe, err := os.CreateTemp(dir, ".strategytracker-probe-*")
	if err != nil {
		return false
	}
	probe.Close()
	os.Remove(probe.Name())
	return true
}

// wrapSQL turns a driver error into a model error with context, reading
// SQLite's refusals into the row layer's (sqlrow.WrapError).
func wrapSQL(err error, format string, args ...any) error {
	refusal := sqlrow.Unknown
	if err != nil {
		msg := err.Error()
		switch {
		case strings.Contains(msg, "FOREIGN KEY constraint failed"):
			refusal = sqlrow.StillReferred
		case strings.Contains(msg, "UNIQUE constraint failed: kpi_values.kpi_id, kpi_values.date"):
			refusal = sqlrow.OneValueADay
		case strings.Contains(msg, "UNIQUE constraint failed"):
			refusal = sqlrow.CodeUsed
		case strings.Contains(msg, "SQLITE_BUSY"), strings.Contains(msg, "database is locked"):
			refusal = sqlrow.Busy
		}
	}
	return sqlrow.WrapError(err, refusal, format, args...)
}
