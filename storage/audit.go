package storage

import (
	"context"
	"database/sql"
	"errors"
	"strings"

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
	_, err := x.ExecContext(ctx, `INSERT INTO audit (seq, at, user, action, entity, entity_id, field, old, new, prev_hash, hash)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		e.Seq, e.At, e.User, string(e.Action), string(e.Entity), e.EntityID, e.Field, e.Old, e.New, e.PrevHash, e.Hash)
	if err != nil {
		return wrapSQL(err, "write the audit log")
	}
	c.seq, c.hash = e.Seq, e.Hash
	return nil
}

const auditCols = "seq, at, user, action, entity, entity_id, field, old, new, prev_hash, hash"

func scanAudit(r *sql.Rows) (model.AuditEntry, error) {
	var e model.AuditEntry
	err := r.Scan(&e.Seq, &e.At, &e.User, &e.Action, &e.Entity, &e.EntityID, &e.Field, &e.Old, &e.New, &e.PrevHash, &e.Hash)
	return e, err
}

// Audit returns the entries that match f.
func (s *Store) Audit(ctx context.Context, f model.AuditFilter) ([]model.AuditEntry, error) {
	var where []string
	var args []any
	if f.User != "" {
		where = append(where, "instr(lower(user), lower(?)) > 0")
		args = append(args, f.User)
	}
	if f.Entity != "" {
		where = append(where, "entity = ?")
		args = append(args, string(f.Entity))
	}
	if f.EntityID != 0 {
		where = append(where, "entity_id = ?")
		args = append(args, f.EntityID)
	}
	if f.From != 0 {
		where = append(where, "at >= ?")
		args = append(args, f.From.String())
	}
	if f.To != 0 {
		where = append(where, "at < ?")
		args = append(args, f.To.AddDays(1).String())
	}
	q := "SELECT " + auditCols + " FROM audit"
	if len(where) > 0 {
		q += " WHERE " + strings.Join(where, " AND ")
	}
	if f.Limit > 0 {
		q += " ORDER BY seq DESC LIMIT ?"
		args = append(args, f.Limit)
	} else {
		q += " ORDER BY seq"
	}
	var out []model.AuditEntry
	err := each(ctx, s.reader, q, func(r *sql.Rows) error {
		e, err := scanAudit(r)
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
	if err := each(ctx, tx, "SELECT name, sha256, figures FROM snapshots ORDER BY id", func(r *sql.Rows) error {
		var name, sum, figures string
		if err := r.Scan(&name, &sum, &figures); err != nil {
			return err
		}
		if got := model.FiguresSHA256([]byte(figures)); got != sum {
			return model.Errorf(model.EINVALID, "snapshot %q: its figures do not match their SHA-256 (changed outside the app?)", name)
		}
		return nil
	}); err != nil {
		return rep, err
	}
	prev := chain{hash: model.GenesisHash}
	var entries []model.AuditEntry
	err = each(ctx, tx, "SELECT "+auditCols+" FROM audit ORDER BY seq", func(r *sql.Rows) error {
		e, err := scanAudit(r)
		if err != nil {
			return err
		}
		entries = append(entries, e)
		switch {
		case e.Seq != prev.seq+1:
			return model.Errorf(model.EINVALID, "audit entry %d is missing (the log jumps from %d to %d): entries were deleted outside the app", prev.seq+1, prev.seq, e.Seq)
		case e.PrevHash != prev.hash:
			return model.Errorf(model.EINVALID, "audit entry %d: its previous hash does not match entry %d (the chain was altered outside the app)", e.Seq, prev.seq)
		case e.ComputeHash() != e.Hash:
			return model.Errorf(model.EINVALID, "audit entry %d: its hash does not match its content (changed outside the app)", e.Seq)
		}
		prev = chain{seq: e.Seq, hash: e.Hash}
		rep.AuditEntries++
		return nil
	})
	if err != nil {
		return rep, err
	}
	// Every change leaves an entry: replaying the log from the load must
	// give the data as they are.
	replayed, err := model.Replay(entries)
	if err != nil {
		return rep, err
	}
	current, err := readDoc(ctx, tx)
	if err != nil {
		return rep, err
	}
	if msg := model.FirstDifference(replayed, current); msg != "" {
		return rep, model.Errorf(model.EINVALID, "%s", msg)
	}
	return rep, nil
}
