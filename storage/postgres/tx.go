package postgres

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"

	"github.com/jackc/pgx/v5"

	"strategytracker/model"
)

// Update runs fn in one write transaction as actor; see model.Store.
func (s *Store) Update(ctx context.Context, actor model.ID, action model.Action, source string, fn func(model.Tx) error) error {
	if s.readOnly {
		return model.Errorf(model.EFORBIDDEN, "%s is open read-only: nothing can be changed", s.display)
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
	return wrapSQL(sqlTx.Commit(ctx), "save the change of %s", s.display)
}

// tx is a write transaction with the strategy read at its start and kept
// up to date as rows are written, so that permission checks and diffs see
// the rows as they stand.
type tx struct {
	ctx       context.Context
	sql       pgx.Tx
	store     *Store
	actor     *model.Person
	user      string
	at        string
	today     model.Date
	doc       *model.Doc
	measures  map[model.ID]int      // measure id → index in doc.Measures
	milestone map[model.ID]model.ID // milestone id → measure id
	kpi       map[model.ID]model.ID // KPI id → measure id
	value     map[model.ID]model.ID // KPI value id → KPI id
	update    map[model.ID]model.ID // update id → measure id
	reason    model.Text            // of changes of the adopted plan (plan.go)
}

func (s *Store) newTx(ctx context.Context, sqlTx pgx.Tx, actorID model.ID) (*tx, error) {
	d, err := readDocBatch(ctx, sqlTx)
	if err != nil {
		return nil, err
	}
	actor := d.Person(actorID)
	if actor == nil {
		return nil, model.Forbidden(model.ReasonNoActor, "person %d does not exist in %s: say who makes the change", actorID, s.display)
	}
	if !actor.CanEdit() {
		return nil, model.Authorize(actor, model.EntityStrategy, model.OpUpdate, nil, nil)
	}
	now := s.now()
	t := &tx{ctx: ctx, sql: sqlTx, store: s, actor: actor, user: model.UserLabel(actor),
		at: now.UTC().Format(model.AuditTimeLayout), today: model.DateOf(now), doc: d,
		measures: map[model.ID]int{}, milestone: map[model.ID]model.ID{}, kpi: map[model.ID]model.ID{},
		value: map[model.ID]model.ID{}, update: map[model.ID]model.ID{}}
	t.reindex()
	return t, nil
}

func (t *tx) reindex() {
	clear(t.measures)
	clear(t.milestone)
	clear(t.kpi)
	clear(t.value)
	clear(t.update)
	for i := range t.doc.Measures {
		m := &t.doc.Measures[i]
		t.measures[m.ID] = i
		for _, ms := range m.Milestones {
			t.milestone[ms.ID] = m.ID
		}
		for _, k := range m.KPIs {
			t.kpi[k.ID] = m.ID
			for _, v := range k.Values {
				t.value[v.ID] = k.ID
			}
		}
		for _, u := range m.Updates {
			t.update[u.ID] = m.ID
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
	// The server links the entry into the chain (st_audit_append); for a
	// person's login it also dates and signs it, and checks that their
	// role may make the change. Only the owner's entries carry the
	// client's time and author.
	var err error
	if t.store.me != 0 {
		_, err = t.sql.Exec(t.ctx, "SELECT st_audit_append($1, $2, $3, $4, $5, $6)", string(action), string(entity), id, field, old, new)
	} else {
		_, err = t.sql.Exec(t.ctx, "SELECT st_audit_append($1, $2, $3, $4, $5, $6, $7, $8)",
			t.at, t.user, string(action), string(entity), id, field, old, new)
	}
	return wrapSQL(err, "write the audit log")
}

func (t *tx) auditChanges(entity model.Entity, id model.ID, changes []model.FieldChange) error {
	for _, c := range changes {
		if err := t.audit(model.ActionUpdate, entity, id, c.Field, c.Old, c.New); err != nil {
			return err
		}
	}
	return nil
}

func conflict(entity model.Entity, id model.ID, stored, yours int64) error {
	return model.Errorf(model.ECONFLICT, "%s %d was changed by someone else since you read it (version %d, yours %d): reload it; your values are kept so you can apply them again", entity, id, stored, yours)
}

func notFound(entity model.Entity, id model.ID) error {
	return model.Errorf(model.ENOTFOUND, "%s %d does not exist", entity, id)
}

// saveRow is the shared path of every Save: create when id is 0, else
// check the version, diff, authorise, write and audit.
type rowSpec struct {
	entity  model.Entity
	table   string
	cols    string
	args    []any
	old     []any          // the stored row's args
	measure *model.Measure // the measure the row belongs to, for permissions
}

func (t *tx) create(spec rowSpec, row any) (model.ID, error) {
	if err := model.Authorize(t.actor, spec.entity, model.OpCreate, spec.measure, nil); err != nil {
		return 0, err
	}
	id, err := insertRow(t.ctx, t.sql, spec.table, spec.cols, 0, spec.args)
	if err != nil {
		return 0, wrapSQL(err, "create %s", spec.entity)
	}
	return id, nil
}

// modify writes an existing row; old is its stored state. It returns the
// changes (none: nothing written).
func (t *tx) modify(spec rowSpec, id model.ID, storedVersion, version int64, old, new any) ([]model.FieldChange, error) {
	if version != storedVersion {
		return nil, conflict(spec.entity, id, storedVersion, version)
	}
	changes := model.Diff(old, new)
	if len(changes) == 0 {
		return nil, nil
	}
	if err := model.Authorize(t.actor, spec.entity, model.OpUpdate, spec.measure, model.Fields(changes)); err != nil {
		return nil, err
	}
	if err := t.reviseChanges(spec, id, changes); err != nil {
		return nil, err
	}
	ok, err := updateRow(t.ctx, t.sql, spec.table, spec.cols, id, version, spec.old, spec.args)
	if err != nil {
		return nil, wrapSQL(err, "change %s %d", spec.entity, id)
	} else if !ok {
		return nil, conflict(spec.entity, id, storedVersion+1, version)
	}
	return changes, t.auditChanges(spec.entity, id, changes)
}

func (t *tx) SaveStrategy(s *model.Strategy) error {
	if err := s.Validate(); err != nil {
		return err
	}
	spec := rowSpec{entity: model.EntityStrategy, table: "meta", cols: strategyCols, args: strategyArgs(s), old: strategyArgs(&t.doc.Strategy)}
	changes, err := t.modify(spec, 1, t.doc.Strategy.Version, s.Version, &t.doc.Strategy, s)
	if err != nil || changes == nil {
		return err
	}
	s.Version++
	t.doc.Strategy = *s
	return nil
}

func (t *tx) SaveGoal(g *model.Goal) error {
	if err := g.Validate(); err != nil {
		return err
	}
	spec := rowSpec{entity: model.EntityGoal, table: "goals", cols: goalCols, args: goalArgs(g)}
	i := slices.IndexFunc(t.doc.Goals, func(x model.Goal) bool { return x.ID == g.ID })
	return saveListed(t, spec, g, &g.ID, &g.Version, &t.doc.Goals, i, goalArgs)
}

func (t *tx) SaveArea(a *model.Area) error {
	if err := a.Validate(); err != nil {
		return err
	}
	spec := rowSpec{entity: model.EntityArea, table: "areas", cols: areaCols, args: areaArgs(a)}
	i := slices.IndexFunc(t.doc.Areas, func(x model.Area) bool { return x.ID == a.ID })
	return saveListed(t, spec, a, &a.ID, &a.Version, &t.doc.Areas, i, areaArgs)
}

func (t *tx) SaveUnit(u *model.Unit) error {
	if err := u.Validate(); err != nil {
		return err
	}
	spec := rowSpec{entity: model.EntityUnit, table: "units", cols: unitCols, args: unitArgs(u)}
	i := slices.IndexFunc(t.doc.Units, func(x model.Unit) bool { return x.ID == u.ID })
	return saveListed(t, spec, u, &u.ID, &u.Version, &t.doc.Units, i, unitArgs)
}

func (t *tx) SavePerson(p *model.Person) error {
	if err := p.Validate(); err != nil {
		return err
	}
	if err := t.doc.CheckPerson(p); err != nil {
		return err
	}
	spec := rowSpec{entity: model.EntityPerson, table: "people", cols: personCols, args: personArgs(p)}
	i := slices.IndexFunc(t.doc.People, func(x model.Person) bool { return x.ID == p.ID })
	return saveListed(t, spec, p, &p.ID, &p.Version, &t.doc.People, i, personArgs)
}

// saveListed saves a row kept in a top-level list of the document
// (goals, areas, units, people); i is its index there or -1.
func saveListed[T any](t *tx, spec rowSpec, row *T, id *model.ID, version *int64, list *[]T, i int, args func(*T) []any) error {
	if *id == 0 {
		newID, err := t.create(spec, row)
		if err != nil {
			return err
		}
		*id, *version = newID, 1
		*list = append(*list, *row)
		return t.audit(model.ActionCreate, spec.entity, newID, "", "", model.RowJSON(row))
	}
	if i < 0 {
		return notFound(spec.entity, *id)
	}
	stored := &(*list)[i]
	storedVersion := versionOf(stored)
	spec.old = args(stored)
	changes, err := t.modify(spec, *id, storedVersion, *version, stored, row)
	if err != nil || changes == nil {
		return err
	}
	*version = storedVersion + 1
	*stored = *row
	for _, c := range changes {
		if c.Field == "code" {
			var old, new string
			json.Unmarshal([]byte(c.Old), &old)
			json.Unmarshal([]byte(c.New), &new)
			t.doc.RenameCode(spec.entity, old, new)
			if err := t.rewritePeriods(); err != nil {
				return err
			}
		}
	}
	return nil
}

func (t *tx) SaveMeasure(m *model.Measure) error {
	if err := m.Validate(); err != nil {
		return err
	}
	if err := t.doc.CheckMeasureRefs(m); err != nil { // the code unused too
		return err
	}
	spec := rowSpec{entity: model.EntityMeasure, table: "measures", cols: measureCols, args: measureArgs(m)}
	if m.ID == 0 {
		id, err := t.create(spec, m)
		if err != nil {
			return err
		}
		m.ID, m.Version = id, 1
		if err := writeMeasureLists(t.ctx, t.sql, m); err != nil {
			return wrapSQL(err, "create measure %s", m.Code)
		}
		stored := *m
		stored.Milestones, stored.KPIs, stored.Updates = []model.Milestone{}, []model.KPI{}, []model.Update{}
		t.doc.Measures = append(t.doc.Measures, stored)
		t.measures[m.ID] = len(t.doc.Measures) - 1
		return t.audit(model.ActionCreate, model.EntityMeasure, m.ID, "", "", model.RowJSON(m))
	}
	stored := t.measure(m.ID)
	if stored == nil {
		return notFound(model.EntityMeasure, m.ID)
	}
	spec.measure = stored
	spec.old = measureArgs(stored)
	changes, err := t.modify(spec, m.ID, stored.Version, m.Version, stored, m)
	if err != nil || changes == nil {
		return err
	}
	// The lists are rewritten only when they changed: a coordinator's
	// login may not write them.
	if slices.ContainsFunc(model.Fields(changes), func(f string) bool { return f == "goals" || f == "partners" || f == "funding" }) {
		if err := writeMeasureLists(t.ctx, t.sql, m); err != nil {
			return wrapSQL(err, "change measure %s", m.Code)
		}
	}
	m.Version = stored.Version + 1
	// Children are rows of their own: keep the stored ones.
	ms, ks, us := stored.Milestones, stored.KPIs, stored.Updates
	*stored = *m
	stored.Milestones, stored.KPIs, stored.Updates = ms, ks, us
	return nil
}

func (t *tx) SaveMilestone(ms *model.Milestone) error {
	if ms.ID != 0 {
		measureID, ok := t.milestone[ms.ID]
		if !ok {
			return notFound(model.EntityMilestone, ms.ID)
		}
		ms.MeasureID = measureID // milestones do not move between measures
	}
	m := t.measure(ms.MeasureID)
	if m == nil {
		return notFound(model.EntityMeasure, ms.MeasureID)
	}
	if err := ms.Validate(t.today); err != nil {
		return err
	}
	if err := t.doc.CheckPersonRef(fmt.Sprintf("milestone %d", ms.ID), "responsible", ms.Responsible); err != nil {
		return err
	}
	spec := rowSpec{entity: model.EntityMilestone, table: "milestones", cols: milestoneCols, args: milestoneArgs(ms), measure: m}
	if ms.ID == 0 {
		id, err := t.create(spec, ms)
		if err != nil {
			return err
		}
		ms.ID, ms.Version = id, 1
		m.Milestones = append(m.Milestones, *ms)
		t.milestone[id] = m.ID
		return t.audit(model.ActionCreate, model.EntityMilestone, id, "", "", model.AuditRow(ms, m.ID))
	}
	i := slices.IndexFunc(m.Milestones, func(x model.Milestone) bool { return x.ID == ms.ID })
	if i < 0 {
		return notFound(model.EntityMilestone, ms.ID)
	}
	stored := &m.Milestones[i]
	spec.old = milestoneArgs(stored)
	changes, err := t.modify(spec, ms.ID, stored.Version, ms.Version, stored, ms)
	if err != nil || changes == nil {
		return err
	}
	ms.Version = stored.Version + 1
	*stored = *ms
	return nil
}

func (t *tx) SaveKPI(k *model.KPI) error {
	if k.ID != 0 {
		measureID, ok := t.kpi[k.ID]
		if !ok {
			return notFound(model.EntityKPI, k.ID)
		}
		k.MeasureID = measureID
	}
	m := t.measure(k.MeasureID)
	if m == nil {
		return notFound(model.EntityMeasure, k.MeasureID)
	}
	if err := k.Validate(); err != nil {
		return err
	}
	spec := rowSpec{entity: model.EntityKPI, table: "kpis", cols: kpiCols, args: kpiArgs(k), measure: m}
	if k.ID == 0 {
		id, err := t.create(spec, k)
		if err != nil {
			return err
		}
		k.ID, k.Version = id, 1
		stored := *k
		stored.Values = []model.KPIValue{}
		m.KPIs = append(m.KPIs, stored)
		t.kpi[id] = m.ID
		return t.audit(model.ActionCreate, model.EntityKPI, id, "", "", model.AuditRow(k, m.ID))
	}
	i := slices.IndexFunc(m.KPIs, func(x model.KPI) bool { return x.ID == k.ID })
	if i < 0 {
		return notFound(model.EntityKPI, k.ID)
	}
	stored := &m.KPIs[i]
	spec.old = kpiArgs(stored)
	for n := range stored.Values {
		if err := stored.Values[n].Validate(k); err != nil {
			return model.Errorf(model.EINVALID, "KPI %d: the change would make a measured value invalid: %s", k.ID, model.ErrorMessage(err))
		}
	}
	changes, err := t.modify(spec, k.ID, stored.Version, k.Version, stored, k)
	if err != nil || changes == nil {
		return err
	}
	k.Version = stored.Version + 1
	values := stored.Values
	*stored = *k
	stored.Values = values
	return nil
}

func (t *tx) SaveKPIValue(v *model.KPIValue) error {
	if v.ID != 0 {
		kpiID, ok := t.value[v.ID]
		if !ok {
			return notFound(model.EntityKPIValue, v.ID)
		}
		v.KPIID = kpiID
	}
	measureID, ok := t.kpi[v.KPIID]
	if !ok {
		return notFound(model.EntityKPI, v.KPIID)
	}
	m := t.measure(measureID)
	var k *model.KPI
	if m != nil {
		if i := slices.IndexFunc(m.KPIs, func(x model.KPI) bool { return x.ID == v.KPIID }); i >= 0 {
			k = &m.KPIs[i]
		}
	}
	if k == nil {
		return notFound(model.EntityKPI, v.KPIID)
	}
	if err := v.Validate(k); err != nil {
		return err
	}
	spec := rowSpec{entity: model.EntityKPIValue, table: "kpi_values", cols: kpiValueCols, args: kpiValueArgs(v), measure: m}
	if v.ID == 0 {
		id, err := t.create(spec, v)
		if err != nil {
			return err
		}
		v.ID, v.Version = id, 1
		k.Values = append(k.Values, *v)
		t.value[id] = k.ID
		return t.audit(model.ActionCreate, model.EntityKPIValue, id, "", "", model.AuditRow(v, k.ID))
	}
	i := slices.IndexFunc(k.Values, func(x model.KPIValue) bool { return x.ID == v.ID })
	if i < 0 {
		return notFound(model.EntityKPIValue, v.ID)
	}
	stored := &k.Values[i]
	spec.old = kpiValueArgs(stored)
	changes, err := t.modify(spec, v.ID, stored.Version, v.Version, stored, v)
	if err != nil || changes == nil {
		return err
	}
	v.Version = stored.Version + 1
	*stored = *v
	return nil
}

func (t *tx) SaveUpdate(u *model.Update) error {
	if u.ID != 0 {
		measureID, ok := t.update[u.ID]
		if !ok {
			return notFound(model.EntityUpdate, u.ID)
		}
		u.MeasureID = measureID
	}
	m := t.measure(u.MeasureID)
	if m == nil {
		return notFound(model.EntityMeasure, u.MeasureID)
	}
	if err := u.Validate(); err != nil {
		return err
	}
	if err := t.doc.CheckPersonRef(fmt.Sprintf("update %d", u.ID), "author", u.Author); err != nil {
		return err
	}
	spec := rowSpec{entity: model.EntityUpdate, table: "updates", cols: updateCols, args: updateArgs(u), measure: m}
	if u.ID == 0 && t.actor.Role != model.RoleOffice && u.Author != model.Ref(t.actor.ID) {
		return model.Forbidden(model.ReasonOwnNameOnly, "%s writes updates in their own name only (author %d is someone else)", t.actor.Name.In(model.BG), u.Author)
	}
	if u.ID == 0 {
		id, err := t.create(spec, u)
		if err != nil {
			return err
		}
		u.ID, u.Version = id, 1
		m.Updates = append(m.Updates, *u)
		t.update[id] = m.ID
		return t.audit(model.ActionCreate, model.EntityUpdate, id, "", "", model.AuditRow(u, m.ID))
	}
	i := slices.IndexFunc(m.Updates, func(x model.Update) bool { return x.ID == u.ID })
	if i < 0 {
		return notFound(model.EntityUpdate, u.ID)
	}
	stored := &m.Updates[i]
	spec.old = updateArgs(stored)
	if t.actor.Role != model.RoleOffice && u.Author != stored.Author {
		return model.Forbidden(model.ReasonAuthorFixed, "%s may not change who wrote update %d", t.actor.Name.In(model.BG), u.ID)
	}
	changes, err := t.modify(spec, u.ID, stored.Version, u.Version, stored, u)
	if err != nil || changes == nil {
		return err
	}
	u.Version = stored.Version + 1
	*stored = *u
	return nil
}

// Delete removes a row and, through ON DELETE CASCADE, its children.
func (t *tx) Delete(entity model.Entity, id model.ID, version int64) error {
	var table string
	var row any
	var stored int64
	var m *model.Measure
	switch entity {
	case model.EntityGoal:
		table, row, stored = findListed(t.doc.Goals, func(x *model.Goal) (model.ID, int64) { return x.ID, x.Version }, id)
	case model.EntityArea:
		table, row, stored = findListed(t.doc.Areas, func(x *model.Area) (model.ID, int64) { return x.ID, x.Version }, id)
	case model.EntityUnit:
		table, row, stored = findListed(t.doc.Units, func(x *model.Unit) (model.ID, int64) { return x.ID, x.Version }, id)
	case model.EntityPerson:
		table, row, stored = findListed(t.doc.People, func(x *model.Person) (model.ID, int64) { return x.ID, x.Version }, id)
	case model.EntityMeasure:
		if m = t.measure(id); m != nil {
			table, row, stored = "measures", m, m.Version
		}
	case model.EntityMilestone:
		if m = t.measure(t.milestone[id]); m != nil {
			table, row, stored = findListed(m.Milestones, func(x *model.Milestone) (model.ID, int64) { return x.ID, x.Version }, id)
		}
	case model.EntityKPI:
		if m = t.measure(t.kpi[id]); m != nil {
			table, row, stored = findListed(m.KPIs, func(x *model.KPI) (model.ID, int64) { return x.ID, x.Version }, id)
		}
	case model.EntityKPIValue:
		if m = t.measure(t.kpi[t.value[id]]); m != nil {
			for i := range m.KPIs {
				if tb, r, v := findListed(m.KPIs[i].Values, func(x *model.KPIValue) (model.ID, int64) { return x.ID, x.Version }, id); r != nil {
					table, row, stored = tb, r, v
				}
			}
		}
	case model.EntityUpdate:
		if m = t.measure(t.update[id]); m != nil {
			table, row, stored = findListed(m.Updates, func(x *model.Update) (model.ID, int64) { return x.ID, x.Version }, id)
		}
	default:
		return model.Errorf(model.EINVALID, "%s rows cannot be deleted", entity)
	}
	if row == nil {
		return notFound(entity, id)
	}
	if stored != version {
		return conflict(entity, id, stored, version)
	}
	if err := model.Authorize(t.actor, entity, model.OpDelete, m, nil); err != nil {
		return err
	}
	if refs := t.doc.References(entity, id); len(refs) > 0 {
		return model.ReferencesError(t.doc.RowName(entity, id, model.EN), refs)
	}
	old := model.RowJSON(row)
	// The children go with the row (ON DELETE CASCADE): each gets its own
	// entry so that the log keeps what was deleted.
	if err := t.auditChildren(entity, row); err != nil {
		return err
	}
	tag, err := t.sql.Exec(t.ctx, "DELETE FROM "+table+" WHERE id = $1 AND version = $2", id, version)
	if err != nil {
		return wrapSQL(err, "delete %s %d", entity, id)
	}
	if tag.RowsAffected() != 1 {
		return conflict(entity, id, stored+1, version)
	}
	if err := t.audit(model.ActionDelete, entity, id, "", old, ""); err != nil {
		return err
	}
	// Re-read: deletions cascade, and the document must match the file.
	d, err := readDocBatch(t.ctx, t.sql)
	if err != nil {
		return err
	}
	t.doc = d
	t.reindex()
	return nil
}

// auditChildren records the deletion of the rows that a measure's or a
// KPI's deletion takes with it, children before parents.
func (t *tx) auditChildren(entity model.Entity, row any) error {
	del := func(e model.Entity, id model.ID, child any, parent model.ID) error {
		return t.audit(model.ActionDelete, e, id, "", model.AuditRow(child, parent), "")
	}
	values := func(k *model.KPI) error {
		for i := range k.Values {
			if err := del(model.EntityKPIValue, k.Values[i].ID, &k.Values[i], k.ID); err != nil {
				return err
			}
		}
		return nil
	}
	switch entity {
	case model.EntityKPI:
		return values(row.(*model.KPI))
	case model.EntityMeasure:
		m := row.(*model.Measure)
		for i := range m.Milestones {
			if err := del(model.EntityMilestone, m.Milestones[i].ID, &m.Milestones[i], m.ID); err != nil {
				return err
			}
		}
		for i := range m.KPIs {
			if err := values(&m.KPIs[i]); err != nil {
				return err
			}
			if err := del(model.EntityKPI, m.KPIs[i].ID, &m.KPIs[i], m.ID); err != nil {
				return err
			}
		}
		for i := range m.Updates {
			if err := del(model.EntityUpdate, m.Updates[i].ID, &m.Updates[i], m.ID); err != nil {
				return err
			}
		}
	}
	return nil
}

// findListed finds row id in list, returning its table, a copy and version.
func findListed[T any](list []T, key func(*T) (model.ID, int64), id model.ID) (string, any, int64) {
	for i := range list {
		if rid, v := key(&list[i]); rid == id {
			row := list[i]
			return tableOf(&row), &row, v
		}
	}
	return "", nil, 0
}

func tableOf(row any) string {
	switch row.(type) {
	case *model.Goal:
		return "goals"
	case *model.Area:
		return "areas"
	case *model.Unit:
		return "units"
	case *model.Person:
		return "people"
	case *model.Milestone:
		return "milestones"
	case *model.KPI:
		return "kpis"
	case *model.KPIValue:
		return "kpi_values"
	case *model.Update:
		return "updates"
	}
	return ""
}

func versionOf(row any) int64 {
	switch x := row.(type) {
	case *model.Goal:
		return x.Version
	case *model.Area:
		return x.Version
	case *model.Unit:
		return x.Version
	case *model.Person:
		return x.Version
	}
	return 0
}
