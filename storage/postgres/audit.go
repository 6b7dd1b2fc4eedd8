package postgres

import (
	"context"

	"github.com/jackc/pgx/v5"

	"strategytracker/internal/sqlrow"
	"strategytracker/model"
)

// Audit returns the entries that match f.
func (s *Store) Audit(ctx context.Context, f model.AuditFilter) ([]model.AuditEntry, error) {
	q, args := dialect.AuditQuery(f)
	return readLog(ctx, s.pool, q, args...)
}

// readLog reads the audit entries of query q.
func readLog(ctx context.Context, db querier, q string, args ...any) ([]model.AuditEntry, error) {
	var out []model.AuditEntry
	err := each(ctx, db, q, func(r pgx.Rows) error {
		e, err := sqlrow.ScanAudit(r)
		out = append(out, e)
		return err
	}, args...)
	return out, err
}

// wholeLog reads every audit entry, oldest first.
func wholeLog(ctx context.Context, db querier) ([]model.AuditEntry, error) {
	q, _ := dialect.AuditQuery(model.AuditFilter{})
	return readLog(ctx, db, q)
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
	entries, err := wholeLog(ctx, tx)
	if err != nil {
		return rep, err
	}
	current, err := readDocBatch(ctx, tx)
	if err != nil {
		return rep, err
	}
	rep.AuditEntries = len(entries)
	return rep, model.CheckStored(entries, current)
}
