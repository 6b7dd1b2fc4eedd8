package storage

import (
	"context"
	"database/sql"
	"slices"

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

// writer is the file's model.RowWriter: the rows, revisions, snapshots
// and audit entries of one write transaction.
type writer struct {
	ctx   context.Context
	sql   *sql.Tx
	chain chain
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

func (w *writer) UpdateRow(row, stored model.Row, changes []model.FieldChange) (bool, error) {
	cols, args := rowColumns(row)
	ok, err := updateRow(w.ctx, w.sql, tables[row.Entity()], cols, row.RowID(), stored.RowVersion(), args)
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
	res, err := w.sql.ExecContext(w.ctx, "DELETE FROM "+tables[row.Entity()]+" WHERE id = ? AND version = ?", row.RowID(), row.RowVersion())
	if err != nil {
		return false, wrapSQL(err, "delete %s %d", row.Entity(), row.RowID())
	}
	n, err := res.RowsAffected()
	return n == 1, wrapSQL(err, "delete %s %d", row.Entity(), row.RowID())
}

func (w *writer) RewritePeriodLists(p *model.Period) error {
	args := periodArgs(p)
	_, err := w.sql.ExecContext(w.ctx, "UPDATE periods SET returns = ?, narrative = ? WHERE id = ?", args[11], args[12], p.ID)
	return wrapSQL(err, "rename codes in period %q", p.Name.In(model.BG))
}

func (w *writer) InsertRevision(r *model.Revision) (model.ID, error) {
	return insertRevision(w.ctx, w.sql, r)
}

func (w *writer) InsertAdoption(a *model.Adoption) error { return insertAdoption(w.ctx, w.sql, a) }

func (w *writer) InsertSnapshot(sn *model.Snapshot) (model.ID, error) {
	res, err := w.sql.ExecContext(w.ctx, "INSERT INTO snapshots (name, as_of, created_at, created_by, sha256, figures) VALUES (?, ?, ?, ?, ?, ?)",
		sn.Name, sn.AsOf.String(), sn.CreatedAt, sn.CreatedBy, sn.SHA256, string(sn.Figures))
	if err != nil {
		return 0, wrapSQL(err, "snapshot %q", sn.Name)
	}
	id, err := res.LastInsertId()
	return id, wrapSQL(err, "snapshot %q", sn.Name)
}

func (w *writer) Append(e model.AuditEntry) error { return w.chain.append(w.ctx, w.sql, e) }
