package storage

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"

	"strategytracker/model"
)

// Update runs fn in one write transaction as actor; see model.Store.
func (s *Store) Update(ctx context.Context, actor model.ID, action model.Action, source string, fn func(model.Tx) error) error {
	if s.readOnly {
		return model.Forbidden(model.ReasonReadOnlyFile, "%s is open read-only: nothing can be changed", s.path)
	}
	sqlTx, err := s.beginWrite(ctx)
	if err != nil {
		return err
	}
	defer sqlTx.Rollback()
	t, err := s.newTx(ctx, sqlTx, actor)
	if err != nil {
		return err
	}
	if action == model.ActionImport {
		if err := t.audit(model.ActionImport, model.EntityFile, 0, "", "", source); err != nil {
			return err
		}
	}
	if err := fn(t); err != nil {
		return err
	}
	return wrapSQL(sqlTx.Commit(), "save the change of %s", s.path)
}

// tx is a write transaction with the strategy read at its start and kept
// up to date as rows are written, so that permission checks and diffs see
// the rows as they stand.
type tx struct {
	ctx      context.Context
	sql      *sql.Tx
	store    *Store
	actor    *model.Person
	user     string
	at       string
	today    model.Date
	doc      *model.Doc
	chain    chain
	measures map[model.ID]int // measure id → index in doc.Measures
	// parents maps a child row's id to its parent's, per entity: a
	// milestone's, KPI's or update's measure, a value's KPI.
	parents map[model.Entity]map[model.ID]model.ID
	reason  model.Text // of changes of the adopted plan (plan.go)
}

// tables names the table of each entity.
var tables = map[model.Entity]string{
	model.EntityStrategy: "meta", model.EntityGoal: "goals", model.EntityArea: "areas", model.EntityUnit: "units",
	model.EntityPerson: "people", model.EntityMeasure: "measures", model.EntityMilestone: "milestones",
	model.EntityKPI: "kpis", model.EntityKPIValue: "kpi_values", model.EntityUpdate: "updates",
}

func (s *Store) newTx(ctx context.Context, sqlTx *sql.Tx, actorID model.ID) (*tx, error) {
	d, err := readDoc(ctx, sqlTx)
	if err != nil {
		return nil, err
	}
	actor := d.Person(actorID)
	if actor == nil {
		return nil, model.Forbidden(model.ReasonNoActor, "person %d does not exist in %s: say who makes the change", actorID, s.path)
	}
	if !actor.CanEdit() {
		return nil, model.Authorize(actor, model.EntityStrategy, model.OpUpdate, nil, nil)
	}
	now := s.now()
	t := &tx{ctx: ctx, sql: sqlTx, store: s, actor: actor, user: model.UserLabel(actor),
		at: now.UTC().Format(model.AuditTimeLayout), today: model.DateOf(now), doc: d}
	if t.chain, err = lastLink(ctx, sqlTx); err != nil {
		return nil, err
	}
	t.reindex()
	return t, nil
}

func (t *tx) reindex() {
	t.measures = map[model.ID]int{}
	t.parents = map[model.Entity]map[model.ID]model.ID{}
	for _, e := range []model.Entity{model.EntityMilestone, model.EntityKPI, model.EntityKPIValue, model.EntityUpdate} {
		t.parents[e] = map[model.ID]model.ID{}
	}
	for i := range t.doc.Measures {
		m := &t.doc.Measures[i]
		t.measures[m.ID] = i
		for _, c := range m.Children() {
			t.parents[c.Entity()][c.RowID()] = c.ParentID()
		}
	}
}

func (t *tx) Doc() *model.Doc { return t.doc }

func (t *tx) measure(id model.ID) *model.Measure {
	if i, ok := t.measures[id]; ok {
		return &t.doc.Measures[i]
	}
	return nil
}

func (t *tx) audit(action model.Action, entity model.Entity, id model.ID, field, old, new string) error {
	return t.chain.append(t.ctx, t.sql, model.AuditEntry{At: t.at, User: t.user, Action: action, Entity: entity,
		EntityID: id, Field: field, Old: old, New: new})
}

func conflict(entity model.Entity, id model.ID, stored, yours int64) error {
	return model.Errorf(model.ECONFLICT, "%s %d was changed by someone else since you read it (version %d, yours %d): reload it; your values are kept so you can apply them again", entity, id, stored, yours)
}

func notFound(entity model.Entity, id model.ID) error {
	return model.Errorf(model.ENOTFOUND, "%s %d does not exist", entity, id)
}

// change is what writing a row needs beside the row: its table's columns
// and values, the measure it belongs to (for permissions) and its parent's
// id (for the audit log of a child row).
type change struct {
	cols    string
	args    []any
	measure *model.Measure
	parent  model.ID
}

// write is the one path of every save. Without a stored row it creates
// row; otherwise it checks row's version against stored's, diffs them,
// authorises, writes and audits. It reports whether it created the row
// and the changes it wrote (none: nothing was written).
func (t *tx) write(row, stored model.Row, c change) (bool, []model.FieldChange, error) {
	entity := row.Entity()
	if stored == nil {
		if err := model.AuthorizeRow(t.actor, model.OpCreate, c.measure, row, nil); err != nil {
			return false, nil, err
		}
		id, err := insertRow(t.ctx, t.sql, tables[entity], c.cols, 0, c.args)
		if err != nil {
			return false, nil, wrapSQL(err, "create %s", entity)
		}
		row.SetStored(id, 1)
		return true, nil, t.audit(model.ActionCreate, entity, id, "", "", model.AuditRow(row, c.parent))
	}
	id, version := row.RowID(), row.RowVersion()
	if version != stored.RowVersion() {
		return false, nil, conflict(entity, id, stored.RowVersion(), version)
	}
	changes := model.Diff(stored, row)
	if len(changes) == 0 {
		return false, nil, nil
	}
	if err := model.AuthorizeRow(t.actor, model.OpUpdate, c.measure, row, model.Fields(changes)); err != nil {
		return false, nil, err
	}
	if err := t.reviseChanges(entity, c.measure, id, changes); err != nil {
		return false, nil, err
	}
	ok, err := updateRow(t.ctx, t.sql, tables[entity], c.cols, id, version, c.args)
	if err != nil {
		return false, nil, wrapSQL(err, "change %s %d", entity, id)
	} else if !ok {
		return false, nil, conflict(entity, id, version+1, version)
	}
	row.SetStored(id, version+1)
	return false, changes, t.auditChanges(entity, id, changes)
}

func (t *tx) auditChanges(entity model.Entity, id model.ID, changes []model.FieldChange) error {
	for _, c := range changes {
		if err := t.audit(model.ActionUpdate, entity, id, c.Field, c.Old, c.New); err != nil {
			return err
		}
	}
	return nil
}

// rowPtr is a pointer to a row type: what the generic saves work on.
type rowPtr[T any] interface {
	*T
	model.Row
}

// saveIn saves row, which lives in list: the document's goals, areas,
// units or people, or a measure's (a KPI's) child rows. put copies a saved
// row into its place, keeping what the row does not carry (a KPI's values).
func saveIn[T any, P rowPtr[T]](t *tx, row P, list *[]T, c change, put func(dst, src *T)) (bool, []model.FieldChange, error) {
	var stored model.Row
	i := -1
	if id := row.RowID(); id != 0 {
		i = slices.IndexFunc(*list, func(x T) bool { return P(&x).RowID() == id })
		if i < 0 {
			return false, nil, notFound(row.Entity(), id)
		}
		stored = P(&(*list)[i])
	}
	created, changes, err := t.write(row, stored, c)
	switch {
	case err != nil:
		return false, nil, err
	case created:
		var fresh T
		put(&fresh, row)
		*list = append(*list, fresh)
	case changes != nil:
		put(&(*list)[i], row)
	}
	return created, changes, nil
}

// saveChild saves a child row of a measure or a KPI (c.parent).
func saveChild[T any, P rowPtr[T]](t *tx, row P, list *[]T, c change, put func(dst, src *T)) error {
	created, _, err := saveIn(t, row, list, c, put)
	if created {
		t.parents[row.Entity()][row.RowID()] = c.parent
	}
	return err
}

func copyRow[T any](dst, src *T) { *dst = *src }

// saveListed saves a row of the document's own lists; a changed code is
// changed in the rows that refer to it too (ON UPDATE CASCADE).
func saveListed[T any, P rowPtr[T]](t *tx, row P, list *[]T, cols string, args []any) error {
	_, changes, err := saveIn(t, row, list, change{cols: cols, args: args}, copyRow[T])
	for _, c := range changes {
		if c.Field == "code" {
			var old, new string
			json.Unmarshal([]byte(c.Old), &old)
			json.Unmarshal([]byte(c.New), &new)
			t.doc.RenameCode(row.Entity(), old, new)
			if err := t.rewritePeriods(); err != nil {
				return err
			}
		}
	}
	return err
}

func (t *tx) SaveStrategy(s *model.Strategy) error {
	if err := s.Validate(); err != nil {
		return err
	}
	_, changes, err := t.write(s, &t.doc.Strategy, change{cols: strategyCols, args: strategyArgs(s)})
	if err == nil && changes != nil {
		t.doc.Strategy = *s
	}
	return err
}

func (t *tx) SaveGoal(g *model.Goal) error {
	if err := g.Validate(); err != nil {
		return err
	}
	return saveListed(t, g, &t.doc.Goals, goalCols, goalArgs(g))
}

func (t *tx) SaveArea(a *model.Area) error {
	if err := a.Validate(); err != nil {
		return err
	}
	return saveListed(t, a, &t.doc.Areas, areaCols, areaArgs(a))
}

func (t *tx) SaveUnit(u *model.Unit) error {
	if err := u.Validate(); err != nil {
		return err
	}
	return saveListed(t, u, &t.doc.Units, unitCols, unitArgs(u))
}

func (t *tx) SavePerson(p *model.Person) error {
	if err := p.Validate(); err != nil {
		return err
	}
	if err := t.doc.CheckPerson(p); err != nil {
		return err
	}
	return saveListed(t, p, &t.doc.People, personCols, personArgs(p))
}

func (t *tx) SaveMeasure(m *model.Measure) error {
	if err := m.Validate(); err != nil {
		return err
	}
	if err := t.doc.CheckMeasureRefs(m); err != nil {
		return err
	}
	c := change{cols: measureCols, args: measureArgs(m)}
	var stored *model.Measure
	if m.ID != 0 {
		if stored = t.measure(m.ID); stored == nil {
			return notFound(model.EntityMeasure, m.ID)
		}
		c.measure = stored
	}
	var storedRow model.Row
	if stored != nil {
		storedRow = stored
	}
	created, changes, err := t.write(m, storedRow, c)
	if err != nil || (!created && changes == nil) {
		return err
	}
	if err := writeMeasureLists(t.ctx, t.sql, m); err != nil {
		return wrapSQL(err, "save measure %s", m.Code)
	}
	// Children are rows of their own: a measure's Save keeps the stored ones.
	row := *m
	if created {
		row.Milestones, row.KPIs, row.Updates = []model.Milestone{}, []model.KPI{}, []model.Update{}
		t.doc.Measures = append(t.doc.Measures, row)
		t.measures[m.ID] = len(t.doc.Measures) - 1
		return nil
	}
	row.Milestones, row.KPIs, row.Updates = stored.Milestones, stored.KPIs, stored.Updates
	*stored = row
	return nil
}

// parentOf returns the stored parent id of an existing child row (rows do
// not move between parents), or parent itself for a new row.
func (t *tx) parentOf(row model.Row, parent model.ID) (model.ID, error) {
	if row.RowID() == 0 {
		return parent, nil
	}
	p, ok := t.parents[row.Entity()][row.RowID()]
	if !ok {
		return 0, notFound(row.Entity(), row.RowID())
	}
	return p, nil
}

// measureOfChild resolves the measure of a milestone, KPI or update.
func (t *tx) measureOfChild(row model.Row, measureID *model.ID) (*model.Measure, error) {
	id, err := t.parentOf(row, *measureID)
	if err != nil {
		return nil, err
	}
	*measureID = id
	m := t.measure(id)
	if m == nil {
		return nil, notFound(model.EntityMeasure, id)
	}
	return m, nil
}

func (t *tx) SaveMilestone(ms *model.Milestone) error {
	m, err := t.measureOfChild(ms, &ms.MeasureID)
	if err != nil {
		return err
	}
	if err := ms.Validate(t.today); err != nil {
		return err
	}
	if err := t.doc.CheckPersonRef(fmt.Sprintf("milestone %d", ms.ID), "responsible", ms.Responsible); err != nil {
		return err
	}
	return saveChild(t, ms, &m.Milestones, change{milestoneCols, milestoneArgs(ms), m, m.ID}, copyRow[model.Milestone])
}

func (t *tx) SaveKPI(k *model.KPI) error {
	m, err := t.measureOfChild(k, &k.MeasureID)
	if err != nil {
		return err
	}
	if err := k.Validate(); err != nil {
		return err
	}
	if k.ID != 0 {
		if i := slices.IndexFunc(m.KPIs, func(x model.KPI) bool { return x.ID == k.ID }); i >= 0 {
			if err := k.CheckValuesUnder(m.KPIs[i].Values); err != nil {
				return err
			}
		}
	}
	// A KPI's Save keeps its stored values: they are rows of their own.
	keepValues := func(dst, src *model.KPI) {
		values := dst.Values
		*dst = *src
		dst.Values = values
		if dst.Values == nil {
			dst.Values = []model.KPIValue{}
		}
	}
	return saveChild(t, k, &m.KPIs, change{kpiCols, kpiArgs(k), m, m.ID}, keepValues)
}

func (t *tx) SaveKPIValue(v *model.KPIValue) error {
	kpiID, err := t.parentOf(v, v.KPIID)
	if err != nil {
		return err
	}
	v.KPIID = kpiID
	k, m := t.doc.KPIByID(kpiID)
	if k == nil {
		return notFound(model.EntityKPI, kpiID)
	}
	if err := v.Validate(k); err != nil {
		return err
	}
	return saveChild(t, v, &k.Values, change{kpiValueCols, kpiValueArgs(v), m, k.ID}, copyRow[model.KPIValue])
}

func (t *tx) SaveUpdate(u *model.Update) error {
	m, err := t.measureOfChild(u, &u.MeasureID)
	if err != nil {
		return err
	}
	if err := u.Validate(); err != nil {
		return err
	}
	if err := t.doc.CheckPersonRef(fmt.Sprintf("update %d", u.ID), "author", u.Author); err != nil {
		return err
	}
	return saveChild(t, u, &m.Updates, change{updateCols, updateArgs(u), m, m.ID}, copyRow[model.Update])
}

// Delete removes a row and, through ON DELETE CASCADE, its children.
func (t *tx) Delete(entity model.Entity, id model.ID, version int64) error {
	table, ok := tables[entity]
	if !ok || entity == model.EntityStrategy {
		return model.Errorf(model.EINVALID, "%s rows cannot be deleted", entity)
	}
	row, m := t.doc.FindRow(entity, id)
	if row == nil {
		return notFound(entity, id)
	}
	if stored := row.RowVersion(); stored != version {
		return conflict(entity, id, stored, version)
	}
	if err := model.AuthorizeRow(t.actor, model.OpDelete, m, row, nil); err != nil {
		return err
	}
	if refs := t.doc.References(entity, id); len(refs) > 0 {
		return model.ReferencesError(t.doc.RowName(entity, id, model.EN), refs)
	}
	old := model.RowJSON(row)
	// The children go with the row (ON DELETE CASCADE): each gets its own
	// entry, children first, so that the log keeps what was deleted.
	var children []model.ChildRow
	if parent, ok := row.(interface{ Children() []model.ChildRow }); ok {
		children = parent.Children()
	}
	for _, c := range children {
		if err := t.audit(model.ActionDelete, c.Entity(), c.RowID(), "", model.AuditRow(c, c.ParentID()), ""); err != nil {
			return err
		}
	}
	res, err := t.sql.ExecContext(t.ctx, "DELETE FROM "+table+" WHERE id = ? AND version = ?", id, version)
	if err != nil {
		return wrapSQL(err, "delete %s %d", entity, id)
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return conflict(entity, id, version+1, version)
	}
	if err := t.audit(model.ActionDelete, entity, id, "", old, ""); err != nil {
		return err
	}
	// Re-read: deletions cascade, and the document must match the file.
	d, err := readDoc(t.ctx, t.sql)
	if err != nil {
		return err
	}
	t.doc = d
	t.reindex()
	return nil
}
