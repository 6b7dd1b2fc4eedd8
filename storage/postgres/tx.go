package postgres

import (
	"context"
	"slices"

	"github.com/jackc/pgx/v5"

	"strategytracker/model"
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
	if _, err := sqlTx.Exec(ctx, "SET LOCAL lock_timeout = '15s'; SET LOCAL statement_timeout = '60s'; SELECT st_write_lock()"); err != nil {
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

// writer is the server's model.RowWriter: the rows, revisions, snapshots
// and audit entries of one write transaction.
type writer struct {
	ctx    context.Context
	sql    pgx.Tx
	person bool // a person's login, not the owner's
}

var _ model.RowWriter = (*writer)(nil)

// tables names the table of each entity.
var tables = map[model.Entity]string{
	model.EntityStrategy: "meta", model.EntityGoal: "goals", model.EntityArea: "areas", model.EntityUnit: "units",
	model.EntityPerson: "people", model.EntityMeasure: "measures", model.EntityMilestone: "milestones",
	model.EntityKPI: "kpis", model.EntityKPIValue: "kpi_values", model.EntityUpdate: "updates", model.EntityPeriod: "periods",
}

// rowColumns returns the columns of row's table and row's values for them.
func rowColumns(row model.Row) (string, []any) {
	switch r := row.(type) {
	case *model.Strategy:
		return strategyCols, strategyArgs(r)
	case *model.Goal:
		return goalCols, goalArgs(r)
	case *model.Area:
		return areaCols, areaArgs(r)
	case *model.Unit:
		return unitCols, unitArgs(r)
	case *model.Person:
		return personCols, personArgs(r)
	case *model.Measure:
		return measureCols, measureArgs(r)
	case *model.Milestone:
		return milestoneCols, milestoneArgs(r)
	case *model.KPI:
		return kpiCols, kpiArgs(r)
	case *model.KPIValue:
		return kpiValueCols, kpiValueArgs(r)
	case *model.Update:
		return updateCols, updateArgs(r)
	case *model.Period:
		return periodCols, periodArgs(r)
	}
	return "", nil
}

func (w *writer) InsertRow(row model.Row) (model.ID, error) {
	cols, args := rowColumns(row)
	id, err := insertRow(w.ctx, w.sql, tables[row.Entity()], cols, 0, args)
	if err != nil {
		return 0, wrapSQL(err, "create %s", row.Entity())
	}
	if m, ok := row.(*model.Measure); ok {
		if err := writeMeasureLists(w.ctx, w.sql, id, m); err != nil {
			return 0, wrapSQL(err, "create measure %s", m.Code)
		}
	}
	return id, nil
}

// UpdateRow writes only the columns that changed: the server's column
// grants allow a coordinator's change of progress, not a rewrite of the row.
func (w *writer) UpdateRow(row, stored model.Row, changes []model.FieldChange) (bool, error) {
	cols, args := rowColumns(row)
	_, old := rowColumns(stored)
	ok, err := updateRow(w.ctx, w.sql, tables[row.Entity()], cols, row.RowID(), stored.RowVersion(), old, args)
	if err != nil || !ok {
		return ok, wrapSQL(err, "change %s %d", row.Entity(), row.RowID())
	}
	if m, isMeasure := row.(*model.Measure); isMeasure && listsChanged(changes) {
		return true, wrapSQL(writeMeasureLists(w.ctx, w.sql, m.ID, m), "change measure %s", m.Code)
	}
	return true, nil
}

// listsChanged reports whether a measure's goals, partners or funding
// (rows of their own tables) are among changes.
func listsChanged(changes []model.FieldChange) bool {
	return slices.ContainsFunc(changes, func(c model.FieldChange) bool {
		return c.Field == "goals" || c.Field == "partners" || c.Field == "funding"
	})
}

// DeleteRow removes a row and, through ON DELETE CASCADE, its children.
func (w *writer) DeleteRow(row model.Row) (bool, error) {
	tag, err := w.sql.Exec(w.ctx, "DELETE FROM "+tables[row.Entity()]+" WHERE id = $1 AND version = $2", row.RowID(), row.RowVersion())
	if err != nil {
		return false, wrapSQL(err, "delete %s %d", row.Entity(), row.RowID())
	}
	return tag.RowsAffected() == 1, nil
}

func (w *writer) RewritePeriodLists(p *model.Period) error {
	args := periodArgs(p)
	_, err := w.sql.Exec(w.ctx, "UPDATE periods SET returns = $1, narrative = $2 WHERE id = $3", args[11], args[12], p.ID)
	return wrapSQL(err, "rename codes in period %q", p.Name.In(model.BG))
}

func (w *writer) InsertRevision(r *model.Revision) (model.ID, error) {
	id, err := insertRow0(w.ctx, w.sql, "revisions", revisionCols, revisionArgs(r))
	return id, wrapSQL(err, "record revision of %s %d %s", r.Entity, r.EntityID, r.Field)
}

func (w *writer) InsertAdoption(a *model.Adoption) error {
	_, err := w.sql.Exec(w.ctx, adoptionInsert, adoptionArgs(a)...)
	return wrapSQL(err, "adopt the plan")
}

func (w *writer) InsertSnapshot(sn *model.Snapshot) (model.ID, error) {
	var id model.ID
	err := w.sql.QueryRow(w.ctx, "INSERT INTO snapshots (name, as_of, created_at, created_by, sha256, figures) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
		sn.Name, sn.AsOf.String(), sn.CreatedAt, sn.CreatedBy, sn.SHA256, string(sn.Figures)).Scan(&id)
	return id, wrapSQL(err, "snapshot %q", sn.Name)
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
