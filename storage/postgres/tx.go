package postgres

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"strategytracker/internal/sqlrow"
	"strategytracker/model"
)

// longestStatement is the longest any statement of the store runs (its
// statement_timeout). A statement of another client that has held the
// strategy longer, plus a margin, is ended by the next writer (server
// init writes the limits into st_settings; st_end_stale_holders).
// A transaction of a login that holds it longer than longestHold is
// ended too: the store's own end within seconds.
const (
	longestStatement       = 60 * time.Second
	longestStatementMargin = 15 * time.Second
	longestHold            = 10 * time.Minute
)

// Update runs fn in one write transaction as actor; see model.Store. The
// rules are model.WriteTx's; the server only writes what they let through
// (and its grants and policies refuse what they would not).
func (s *Store) Update(ctx context.Context, actor model.ID, action model.Action, source string, fn func(model.Tx) error) error {
	if s.readOnly {
		return model.ReadOnlyError(s.display)
	}
	if s.me != 0 && actor != s.me {
		return model.Errorf(model.EFORBIDDEN, "you are connected to %s as person %d and cannot make changes as person %d", s.display, s.me, actor)
	}
	sqlTx, err := s.pool.Begin(ctx)
	if err != nil {
		return wrapSQL(err, "begin a change of %s", s.display)
	}
	defer sqlTx.Rollback(ctx)
	// Writers queue here, as they do for the SQLite file: the strategy
	// read next is the one the change applies to.
	// A writer that holds the queue too long (a forgotten psql session)
	// is ended by the next one after 15 s (st_write_lock); no statement
	// of ours holds it longer than a minute.
	if _, err := sqlTx.Exec(ctx, fmt.Sprintf("SET LOCAL lock_timeout = '15s'; SET LOCAL statement_timeout = '%ds'; SELECT st_write_lock()",
		longestStatement/time.Second)); err != nil {
		return wrapSQL(err, "begin a change of %s", s.display)
	}
	d, err := readDocBatch(ctx, sqlTx)
	if err != nil {
		return err
	}
	t, err := model.BeginWrite(d, actor, s.display, s.now(), action, source, &writer{ctx: ctx, sql: sqlTx, person: s.me != 0})
	if err != nil {
		return err
	}
	if err := fn(t); err != nil {
		return err
	}
	return wrapSQL(sqlTx.Commit(ctx), "save the change of %s", s.display)
}

// writer is the server's model.RowWriter: it runs the row layer's
// statements (internal/sqlrow) and has the server chain the audit entries.
type writer struct {
	ctx    context.Context
	sql    pgx.Tx
	person bool // a person's login, not the owner's
}

var _ model.RowWriter = (*writer)(nil)

func (w *writer) InsertRow(row model.Row) (model.ID, error) {
	id, err := insert(w.ctx, w.sql, fmt.Sprintf("create %s", row.Entity()), dialect.Insert(row, 0))
	if m, ok := row.(*model.Measure); ok && err == nil {
		err = run(w.ctx, w.sql, "create measure "+m.Code, dialect.MeasureLists(id, m)...)
	}
	return id, err
}

// UpdateRow writes the changed columns (sqlrow.Dialect.Update), and a
// measure's lists only when they changed: a coordinator's login may write
// neither the others nor the lists.
func (w *writer) UpdateRow(row, stored model.Row, changes []model.FieldChange) (bool, error) {
	ok, err := affected(w.ctx, w.sql, fmt.Sprintf("change %s %d", row.Entity(), row.RowID()), dialect.Update(row, stored))
	if m, isMeasure := row.(*model.Measure); isMeasure && ok && err == nil && sqlrow.ListsChanged(changes) {
		err = run(w.ctx, w.sql, "change measure "+m.Code, dialect.MeasureLists(m.ID, m)...)
	}
	return ok, err
}

// DeleteRow removes a row and, through ON DELETE CASCADE, its children.
func (w *writer) DeleteRow(row model.Row) (bool, error) {
	return affected(w.ctx, w.sql, fmt.Sprintf("delete %s %d", row.Entity(), row.RowID()), dialect.Delete(row))
}

func (w *writer) RewritePeriodLists(p *model.Period) error {
	return run(w.ctx, w.sql, fmt.Sprintf("rename codes in period %q", p.Name.In(model.BG)), dialect.PeriodLists(p))
}

func (w *writer) InsertRevision(r *model.Revision) (model.ID, error) {
	return insert(w.ctx, w.sql, fmt.Sprintf("record revision of %s %d %s", r.Entity, r.EntityID, r.Field), dialect.Revision(r))
}

func (w *writer) DeleteRevision(id model.ID) error {
	return run(w.ctx, w.sql, fmt.Sprintf("take back revision %d", id), dialect.DeleteRevision(id))
}

func (w *writer) InsertAdoption(a *model.Adoption) error {
	return run(w.ctx, w.sql, "adopt the plan", dialect.Adoption(a))
}

func (w *writer) InsertSnapshot(sn *model.Snapshot) (model.ID, error) {
	return insert(w.ctx, w.sql, fmt.Sprintf("snapshot %q", sn.Name), dialect.Snapshot(sn))
}

// Append adds e to the audit log: the server links it into the chain
// (st_audit_append). For a person's login the server also dates and
// signs the entry and checks that their role may make the change: only
// the owner's entries carry the client's time and author.
func (w *writer) Append(e model.AuditEntry) error {
	var err error
	if w.person {
		_, err = w.sql.Exec(w.ctx, "SELECT st_audit_append($1, $2, $3, $4, $5, $6)",
			string(e.Action), string(e.Entity), e.EntityID, e.Field, e.Old, e.New)
	} else {
		_, err = w.sql.Exec(w.ctx, "SELECT st_audit_append($1, $2, $3, $4, $5, $6, $7, $8)",
			e.At, e.User, string(e.Action), string(e.Entity), e.EntityID, e.Field, e.Old, e.New)
	}
	return wrapSQL(err, "write the audit log")
}
