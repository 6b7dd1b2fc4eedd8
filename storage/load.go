package storage

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"

	"strategytracker/model"
)

// checkSnapshots refuses a document whose snapshots' figures do not match
// their SHA-256: a snapshot is frozen, so a changed one is a damaged one.
func checkSnapshots(d *model.Doc) error {
	names := map[string]bool{}
	for i := range d.Snapshots {
		sn := &d.Snapshots[i]
		var buf bytes.Buffer
		if err := json.Compact(&buf, sn.Figures); err != nil {
			return model.Errorf(model.EINVALID, "snapshot %q: figures are not JSON: %w", sn.Name, err)
		}
		sn.Figures = buf.Bytes()
		if got := model.FiguresSHA256(sn.Figures); got != sn.SHA256 {
			return model.Errorf(model.EINVALID, "snapshot %q: figures do not match their SHA-256", sn.Name)
		}
		if sn.Name == "" || names[sn.Name] {
			return model.Errorf(model.EINVALID, "snapshot %q: name is empty or used twice", sn.Name)
		}
		names[sn.Name] = true
	}
	return nil
}

// load writes a whole validated document into the empty schema in one
// transaction, ids preserved, with one audit entry.
func (s *Store) load(ctx context.Context, d *model.Doc, databaseID string) error {
	tx, err := s.beginWrite(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	st := &d.Strategy
	args := append([]any{databaseID}, strategyArgs(st)...)
	if _, err := tx.ExecContext(ctx, "INSERT INTO meta (id, database_id, "+strategyCols+", version) VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)", args...); err != nil {
		return wrapSQL(err, "load the strategy")
	}
	insert := func(what, table, cols string, id int64, args []any) error {
		if _, err := insertRow(ctx, tx, table, cols, id, args); err != nil {
			return wrapSQL(err, "load %s", what)
		}
		return nil
	}
	for i := range d.Goals {
		if err := insert("goal "+d.Goals[i].Code, "goals", goalCols, 0, goalArgs(&d.Goals[i])); err != nil {
			return err
		}
	}
	for i := range d.Areas {
		if err := insert("area "+d.Areas[i].Code, "areas", areaCols, 0, areaArgs(&d.Areas[i])); err != nil {
			return err
		}
	}
	for i := range d.Units {
		if err := insert("unit "+d.Units[i].Code, "units", unitCols, 0, unitArgs(&d.Units[i])); err != nil {
			return err
		}
	}
	for i := range d.People {
		p := &d.People[i]
		if err := insert(fmt.Sprintf("person %d", p.ID), "people", personCols, p.ID, personArgs(p)); err != nil {
			return err
		}
	}
	for i := range d.Measures {
		m := &d.Measures[i]
		if err := insert("measure "+m.Code, "measures", measureCols, m.ID, measureArgs(m)); err != nil {
			return err
		}
		if err := writeMeasureLists(ctx, tx, m.ID, m); err != nil {
			return wrapSQL(err, "load measure %s", m.Code)
		}
		for j := range m.Milestones {
			ms := &m.Milestones[j]
			ms.MeasureID = m.ID
			if err := insert(fmt.Sprintf("milestone %d", ms.ID), "milestones", milestoneCols, ms.ID, milestoneArgs(ms)); err != nil {
				return err
			}
		}
		for j := range m.KPIs {
			k := &m.KPIs[j]
			k.MeasureID = m.ID
			if err := insert(fmt.Sprintf("KPI %d", k.ID), "kpis", kpiCols, k.ID, kpiArgs(k)); err != nil {
				return err
			}
			for n := range k.Values {
				v := &k.Values[n]
				v.KPIID = k.ID
				if err := insert(fmt.Sprintf("KPI value %d", v.ID), "kpi_values", kpiValueCols, v.ID, kpiValueArgs(v)); err != nil {
					return err
				}
			}
		}
		for j := range m.Updates {
			u := &m.Updates[j]
			u.MeasureID = m.ID
			if err := insert(fmt.Sprintf("update %d", u.ID), "updates", updateCols, u.ID, updateArgs(u)); err != nil {
				return err
			}
		}
	}
	for i := range d.Snapshots {
		sn := &d.Snapshots[i]
		if _, err := tx.ExecContext(ctx, "INSERT INTO snapshots (name, as_of, created_at, created_by, sha256, figures) VALUES (?, ?, ?, ?, ?, ?)",
			sn.Name, sn.AsOf.String(), sn.CreatedAt, sn.CreatedBy, sn.SHA256, string(sn.Figures)); err != nil {
			return wrapSQL(err, "load snapshot %q", sn.Name)
		}
	}
	if err := loadPlan(ctx, tx, d); err != nil {
		return err
	}
	if err := loadPeriods(ctx, tx, d); err != nil {
		return err
	}
	// One audit entry records the load with the whole loaded document, the
	// starting point from which Check replays the log.
	record, err := model.LoadRecordJSON(d)
	if err != nil {
		return model.Errorf(model.EINTERNAL, "load: %w", err)
	}
	c := chain{hash: model.GenesisHash}
	if err := c.append(ctx, tx, model.AuditEntry{At: s.now().UTC().Format(model.AuditTimeLayout), User: "strategytracker load",
		Action: model.ActionLoad, Entity: model.EntityFile, New: record}); err != nil {
		return err
	}
	return wrapSQL(tx.Commit(), "load")
}

// CreateSnapshot freezes the figures at asOf; see model.Store.
func (s *Store) CreateSnapshot(ctx context.Context, actor model.ID, name string, asOf model.Date) (*model.Snapshot, error) {
	return model.CreateSnapshot(ctx, s, actor, name, asOf)
}
