package postgres

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"strategytracker/internal/sqlrow"
	"strategytracker/model"
)

// batch queues inserts and names each, so that a failure says which row.
type batch struct {
	b    pgx.Batch
	what []string
}

func (b *batch) add(what, query string, args ...any) {
	b.b.Queue(query, args...)
	b.what = append(b.what, what)
}

func (b *batch) run(ctx context.Context, tx pgx.Tx) error {
	res := tx.SendBatch(ctx, &b.b)
	for _, what := range b.what {
		if _, err := res.Exec(); err != nil {
			res.Close()
			return loadError(err, what)
		}
	}
	return wrapSQL(res.Close(), "load")
}

func loadError(err error, what string) error {
	err = wrapSQL(err, "load %s", what)
	if model.ErrorCode(err) == model.EFORBIDDEN {
		return model.Errorf(model.EFORBIDDEN, "%s (loading or copying a strategy needs the connection of the administrator who ran `server init`)", model.ErrorMessage(err))
	}
	return err
}

// load writes a whole validated document, every id as given, and its
// audit log verbatim, into the empty schema in one transaction.
func (s *Store) load(ctx context.Context, d *model.Doc, log []model.AuditEntry, databaseID string) error {
	tx, err := s.pool.Begin(ctx)
	if err != nil {
		return wrapSQL(err, "load")
	}
	defer tx.Rollback(ctx)
	if _, err := tx.Exec(ctx, "LOCK TABLE meta, audit IN EXCLUSIVE MODE"); err != nil {
		return loadError(err, "the strategy")
	}
	var rows int
	if err := tx.QueryRow(ctx, "SELECT (SELECT count(*) FROM meta) + (SELECT count(*) FROM audit)").Scan(&rows); err != nil {
		return loadError(err, "the strategy")
	}
	if rows > 0 {
		return model.Errorf(model.ECONFLICT, "%s already holds a strategy: refusing to overwrite it", s.display)
	}
	var b batch
	for _, st := range dialect.Load(d, databaseID, true) {
		b.add(st.What, st.SQL, st.Args...)
	}
	for _, e := range log {
		st := dialect.AuditEntry(e)
		b.add(fmt.Sprintf("audit entry %d", e.Seq), st.SQL, st.Args...)
	}
	// New rows are numbered after the loaded ones.
	for _, table := range sqlrow.Numbered {
		b.add("the numbering of "+table, fmt.Sprintf("SELECT setval(pg_get_serial_sequence('%s', 'id'), coalesce(max(id), 0) + 1, false) FROM %s", table, table))
	}
	if err := b.run(ctx, tx); err != nil {
		return err
	}
	return wrapSQL(tx.Commit(ctx), "load")
}

// CreateSnapshot freezes the figures at asOf; see model.Store.
func (s *Store) CreateSnapshot(ctx context.Context, actor model.ID, name string, asOf model.Date) (*model.Snapshot, error) {
	return model.CreateSnapshot(ctx, s, actor, name, asOf)
}
