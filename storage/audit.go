package storage

import (
	"context"
	"database/sql"
	"errors"

	"strategytracker/internal/sqlrow"
	"strategytracker/model"
)

// chain is the end of the audit chain inside a write transaction.
type chain struct {
	seq  int64
	hash string
}

func lastLink(ctx context.Context, q queryer) (chain, error) {
	var c chain
	err := q.QueryRowContext(ctx, "SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1").Scan(&c.seq, &c.hash)
	if errors.Is(err, sql.ErrNoRows) {
		return chain{hash: model.GenesisHash}, nil
	}
	return c, wrapSQL(err, "read the audit log")
}

// append links e to the chain and stores it.
func (c *chain) append(ctx context.Context, x execer, e model.AuditEntry) error {
	e.Seq = c.seq + 1
	e.PrevHash = c.hash
	e.Hash = e.ComputeHash()
	if _, err := run(ctx, x, "write the audit log", dialect.AuditEntry(e)); err != nil {
		return err
	}
	c.seq, c.hash = e.Seq, e.Hash
	return nil
}

// Audit returns the entries that match f.
func (s *Store) Audit(ctx context.Context, f model.AuditFilter) ([]model.AuditEntry, error) {
	q, args := dialect.AuditQuery(f)
	return readLog(ctx, s.reader, q, args...)
}

// readLog reads the audit entries of query q.
func readLog(ctx context.Context, db queryer, q string, args ...any) ([]model.AuditEntry, error) {
	var out []model.AuditEntry
	err := each(ctx, db, q, func(r *sql.Rows) error {
		e, err := sqlrow.ScanAudit(r)
		out = append(out, e)
		return err
	}, args...)
	return out, err
}

// Check verifies the file: SQLite's integrity check, foreign keys, every
// snapshot's hash, and the audit chain entry by entry. The error (EINVALID)
// names the first problem found.
func (s *Store) Check(ctx context.Context) (model.CheckReport, error) {
	var rep model.CheckReport
	conn, err := s.reader.Conn(ctx)
	if err != nil {
		return rep, wrapSQL(err, "check %s", s.path)
	}
	defer conn.Close()
	tx, err := conn.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return rep, wrapSQL(err, "check %s", s.path)
	}
	defer tx.Rollback()
	if err := tx.QueryRowContext(ctx, "PRAGMA integrity_check").Scan(&rep.Integrity); err != nil {
		return rep, wrapSQL(err, "integrity check of %s", s.path)
	}
	if rep.Integrity != "ok" {
		return rep, model.Errorf(model.EINVALID, "SQLite integrity check failed: %s", rep.Integrity)
	}
	var table string
	var rowid sql.NullInt64
	var parent string
	var fkid int
	err = tx.QueryRowContext(ctx, "PRAGMA foreign_key_check").Scan(&table, &rowid, &parent, &fkid)
	if err == nil {
		return rep, model.Errorf(model.EINVALID, "foreign key check failed: row %d of table %s refers to a missing row of %s", rowid.Int64, table, parent)
	} else if !errors.Is(err, sql.ErrNoRows) {
		return rep, wrapSQL(err, "foreign key check of %s", s.path)
	}
	q, _ := dialect.AuditQuery(model.AuditFilter{})
	entries, err := readLog(ctx, tx, q)
	if err != nil {
		return rep, err
	}
	current, err := readDoc(ctx, tx)
	if err != nil {
		return rep, err
	}
	rep.AuditEntries = len(entries)
	return rep, model.CheckStored(entries, current)
}
