package storage

import (
	"context"
	"database/sql"
	"fmt"

	"strategytracker/internal/sqlrow"
	"strategytracker/model"
)

// Update runs fn in one write transaction as actor; see model.Store. The
// rules are model.WriteTx's; the file only writes what they let through.
func (s *Store) Update(ctx context.Context, actor model.ID, action model.Action, source string, fn func(model.Tx) error) error {
	if s.readOnly {
		return model.ReadOnlyError(s.path)
	}
	sqlTx, err := s.beginWrite(ctx)
	if err != nil {
		return err
	}
	defer sqlTx.Rollback()
	d, err := readDoc(ctx, sqlTx)
	if err != nil {
		return err
	}
	w := &writer{ctx: ctx, sql: sqlTx}
	if w.chain, err = lastLink(ctx, sqlTx); err != nil {
		return err
	}
	t, err := model.BeginWrite(d, actor, s.path, s.now(), action, source, w)
	if err != nil {
		return err
	}
	if err := fn(t); err != nil {
		return err
	}
	return wrapSQL(sqlTx.Commit(), "save the change of %s", s.path)
}

// writer is the file's model.RowWriter: it runs the row layer's
// statements (internal/sqlrow) and links the audit entries into the chain.
type writer struct {
	ctx   context.Context
	sql   *sql.Tx
	chain chain
}

var _ model.RowWriter = (*writer)(nil)

func (w *writer) InsertRow(row model.Row) (model.ID, error) {
	id, err := insert(w.ctx, w.sql, fmt.Sprintf("create %s", row.Entity()), dialect.Insert(row, 0))
	if m, ok := row.(*model.Measure); ok && err == nil {
		_, err = run(w.ctx, w.sql, "create measure "+m.Code, dialect.MeasureLists(id, m)...)
	}
	return id, err
}

func (w *writer) UpdateRow(row, stored model.Row, changes []model.FieldChange) (bool, error) {
	ok, err := affected(w.ctx, w.sql, fmt.Sprintf("change %s %d", row.Entity(), row.RowID()), dialect.Update(row, stored))
	if m, isMeasure := row.(*model.Measure); isMeasure && ok && err == nil && sqlrow.ListsChanged(changes) {
		_, err = run(w.ctx, w.sql, "change measure "+m.Code, dialect.MeasureLists(m.ID, m)...)
	}
	return ok, err
}

// DeleteRow removes a row and, through ON DELETE CASCADE, its children.
func (w *writer) DeleteRow(row model.Row) (bool, error) {
	return affected(w.ctx, w.sql, fmt.Sprintf("delete %s %d", row.Entity(), row.RowID()), dialect.Delete(row))
}

func (w *writer) RewritePeriodLists(p *model.Period) error {
	_, err := run(w.ctx, w.sql, fmt.Sprintf("rename codes in period %q", p.Name.In(model.BG)), dialect.PeriodLists(p))
	return err
}

func (w *writer) InsertRevision(r *model.Revision) (model.ID, error) {
	return insert(w.ctx, w.sql, fmt.Sprintf("record revision of %s %d %s", r.Entity, r.EntityID, r.Field), dialect.Revision(r))
}

func (w *writer) DeleteRevision(id model.ID) error {
	_, err := run(w.ctx, w.sql, fmt.Sprintf("take back revision %d", id), dialect.DeleteRevision(id))
	return err
}

func (w *writer) InsertAdoption(a *model.Adoption) error {
	_, err := run(w.ctx, w.sql, "adopt the plan", dialect.Adoption(a))
	return err
}

func (w *writer) InsertSnapshot(sn *model.Snapshot) (model.ID, error) {
	return insert(w.ctx, w.sql, fmt.Sprintf("snapshot %q", sn.Name), dialect.Snapshot(sn))
}

func (w *writer) Append(e model.AuditEntry) error { return w.chain.append(w.ctx, w.sql, e) }
