package postgres

import (
	"context"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5"

	"strategytracker/model"
)

const auditCols = "seq, at, actor, action, entity, entity_id, field, old, new, prev_hash, hash"

func scanAudit(r pgx.Rows) (model.AuditEntry, error) {
	var e model.AuditEntry
	var action, entity string
	err := r.Scan(&e.Seq, &e.At, &e.User, &action, &entity, &e.EntityID, &e.Field, &e.Old, &e.New, &e.PrevHash, &e.Hash)
	e.Action, e.Entity = model.Action(action), model.Entity(entity)
	return e, err
}

// Audit returns the entries that match f.
func (s *Store) Audit(ctx context.Context, f model.AuditFilter) ([]model.AuditEntry, error) {
	var where []string
	var args []any
	arg := func(v any) string {
		args = append(args, v)
		return "$" + strconv.Itoa(len(args))
	}
	if f.User != "" {
		where = append(where, "strpos(lower(actor), lower("+arg(f.User)+")) > 0")
	}
	if f.Entity != "" {
		where = append(where, "entity = "+arg(string(f.Entity)))
	}
	if f.EntityID != 0 {
		where = append(where, "entity_id = "+arg(f.EntityID))
	}
	if f.From != 0 {
		where = append(where, "at >= "+arg(f.From.String()))
	}
	if f.To != 0 {
		where = append(where, "at < "+arg(f.To.AddDays(1).String()))
	}
	q := "SELECT " + auditCols + " FROM audit"
	if len(where) > 0 {
		q += " WHERE " + strings.Join(where, " AND ")
	}
	if f.Limit > 0 {
		q += " ORDER BY seq DESC LIMIT " + arg(f.Limit)
	} else {
		q += " ORDER BY seq"
	}
	var out []model.AuditEntry
	err := each(ctx, s.pool, q, func(r pgx.Rows) error {
		e, err := scanAudit(r)
		out = append(out, e)
		return err
	}, args...)
	return out, err
}

// Check verifies the strategy as storage.Store.Check does: every
// snapshot's hash, the audit chain entry by entry, and the replay of the
// log against the data. The server keeps its own integrity and foreign
// keys (Integrity is "ok" once the server answered). The error (EINVALID)
// names the first problem found.
func (s *Store) Check(ctx context.Context) (model.CheckReport, error) {
	var rep model.CheckReport
	tx, err := s.pool.BeginTx(ctx, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly})
	if err != nil {
		return rep, wrapSQL(err, "check %s", s.display)
	}
	defer tx.Rollback(ctx)
	if err := tx.QueryRow(ctx, "SELECT 'ok'").Scan(&rep.Integrity); err != nil {
		return rep, wrapSQL(err, "check %s", s.display)
	}
	if err := each(ctx, tx, "SELECT name, sha256, figures FROM snapshots ORDER BY id", func(r pgx.Rows) error {
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
	entries, err := readLog(ctx, tx)
	if err != nil {
		return rep, err
	}
	if err := checkChain(entries); err != nil {
		return rep, err
	}
	rep.AuditEntries = len(entries)
	// Every change leaves an entry: replaying the log from the load must
	// give the data as they are.
	replayed, err := model.Replay(entries)
	if err != nil {
		return rep, err
	}
	current, err := readDocBatch(ctx, tx)
	if err != nil {
		return rep, err
	}
	if msg := model.FirstDifference(replayed, current); msg != "" {
		return rep, model.Errorf(model.EINVALID, "%s", msg)
	}
	return rep, nil
}

func readLog(ctx context.Context, q querier) ([]model.AuditEntry, error) {
	var entries []model.AuditEntry
	err := each(ctx, q, "SELECT "+auditCols+" FROM audit ORDER BY seq", func(r pgx.Rows) error {
		e, err := scanAudit(r)
		entries = append(entries, e)
		return err
	})
	return entries, err
}

// checkChain verifies the links of a whole log, with the messages of the
// file's check.
func checkChain(entries []model.AuditEntry) error {
	prevSeq, prevHash := int64(0), model.GenesisHash
	for _, e := range entries {
		switch {
		case e.Seq != prevSeq+1:
			return model.Errorf(model.EINVALID, "audit entry %d is missing (the log jumps from %d to %d): entries were deleted outside the app", prevSeq+1, prevSeq, e.Seq)
		case e.PrevHash != prevHash:
			return model.Errorf(model.EINVALID, "audit entry %d: its previous hash does not match entry %d (the chain was altered outside the app)", e.Seq, prevSeq)
		case e.ComputeHash() != e.Hash:
			return model.Errorf(model.EINVALID, "audit entry %d: its hash does not match its content (changed outside the app)", e.Seq)
		}
		prevSeq, prevHash = e.Seq, e.Hash
	}
	return nil
}
