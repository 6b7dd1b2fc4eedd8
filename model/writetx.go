package model

import (
	"context"
	"slices"
	"time"
)

// RowWriter is what a store does with the changes of a write transaction
// once the rules (WriteTx) have let them through: it writes rows,
// revisions, the adoption and snapshots, and appends audit entries. It
// decides nothing.
type RowWriter interface {
	// InsertRow creates row (a document row or a period) at version 1 and
	// returns its new id.
	InsertRow(row Row) (ID, error)
	// UpdateRow writes row over stored, bumping the version, when the
	// stored version is still stored.RowVersion(); changes are the fields
	// that differ. It reports false when the version moved meanwhile.
	UpdateRow(row, stored Row, changes []FieldChange) (bool, error)
	// DeleteRow removes row, with its children (a measure's, a KPI's),
	// when its version is still row.RowVersion(); false when it moved.
	DeleteRow(row Row) (bool, error)
	// RewritePeriodLists writes p's returns and narrative again, without
	// a version or an audit entry, after a unit's or area's code that they
	// name changed (as a foreign key's ON UPDATE CASCADE would).
	RewritePeriodLists(p *Period) error
	// InsertRevision records a revision and returns its id.
	InsertRevision(r *Revision) (ID, error)
	// DeleteRevision removes revision id (a change that took it back).
	DeleteRevision(id ID) error
	// InsertAdoption records the adoption of the plan.
	InsertAdoption(a *Adoption) error
	// InsertSnapshot records a snapshot and returns its id.
	InsertSnapshot(sn *Snapshot) (ID, error)
	// Append adds e to the audit log; the store numbers (and chains) it.
	Append(e AuditEntry) error
}

// WriteTx is the Tx of every store: it applies the rules (PrepareSave,
// CheckPeriodSave, the references of a deletion) to the strategy as it
// stands in the transaction, hands what they let through to the store's
// RowWriter, and keeps the document up to date with what was written.
type WriteTx struct {
	c    SaveContext
	user string // the audit label of c.Actor
	w    RowWriter
}

var _ Tx = (*WriteTx)(nil)

// BeginWrite starts the rules' part of a write transaction: d is the
// strategy as the store's transaction reads it (WriteTx changes it as rows
// are written), actorID who acts, where the store's name for messages, now
// its clock. With ActionImport, source (the file's name) is recorded in an
// audit entry of its own before the changes.
func BeginWrite(d *Doc, actorID ID, where string, now time.Time, action Action, source string, w RowWriter) (*WriteTx, error) {
	actor := d.Person(actorID)
	if actor == nil {
		return nil, Forbidden(ReasonNoActor, "person %d does not exist in %s: say who makes the change", actorID, where)
	}
	if !actor.CanEdit() {
		return nil, Authorize(actor, EntityStrategy, OpUpdate, nil, nil)
	}
	t := &WriteTx{c: SaveContext{Doc: d, Actor: actor, Today: DateOf(now), At: now.UTC().Format(AuditTimeLayout)},
		user: UserLabel(actor), w: w}
	if action == ActionImport {
		if err := t.log(ActionImport, EntityFile, 0, "", "", source); err != nil {
			return nil, err
		}
	}
	return t, nil
}

// Doc is the strategy as it stands in the transaction.
func (t *WriteTx) Doc() *Doc { return t.c.Doc }

// Actor is the person the transaction acts as.
func (t *WriteTx) Actor() *Person { return t.c.Actor }

func (t *WriteTx) log(action Action, entity Entity, id ID, field, old, new string) error {
	return t.w.Append(AuditEntry{At: t.c.At, User: t.user, Action: action, Entity: entity, EntityID: id, Field: field, Old: old, New: new})
}

func (t *WriteTx) logChanges(entity Entity, id ID, changes []FieldChange) error {
	for _, c := range changes {
		if err := t.log(ActionUpdate, entity, id, c.Field, c.Old, c.New); err != nil {
			return err
		}
	}
	return nil
}

func (t *WriteTx) SaveStrategy(s *Strategy) error   { return t.save(s) }
func (t *WriteTx) SaveGoal(g *Goal) error           { return t.save(g) }
func (t *WriteTx) SaveArea(a *Area) error           { return t.save(a) }
func (t *WriteTx) SaveUnit(u *Unit) error           { return t.save(u) }
func (t *WriteTx) SavePerson(p *Person) error       { return t.save(p) }
func (t *WriteTx) SaveMeasure(m *Measure) error     { return t.save(m) }
func (t *WriteTx) SaveMilestone(m *Milestone) error { return t.save(m) }
func (t *WriteTx) SaveKPI(k *KPI) error             { return t.save(k) }
func (t *WriteTx) SaveKPIValue(v *KPIValue) error   { return t.save(v) }
func (t *WriteTx) SaveUpdate(u *Update) error       { return t.save(u) }

// save is the one path of every Save.
func (t *WriteTx) save(row Row) error {
	p, err := PrepareSave(t.c, row)
	if err != nil || p.Empty() {
		return err
	}
	entity := row.Entity()
	if p.Stored == nil {
		id, err := t.w.InsertRow(row)
		if err != nil {
			return err
		}
		row.SetStored(id, 1)
		t.c.Doc.put(p)
		return t.log(ActionCreate, entity, id, "", "", AuditRow(row, p.Parent))
	}
	if err := t.takeBack(p.TakenBack); err != nil {
		return err
	}
	for i := range p.Revisions {
		r := &p.Revisions[i]
		if r.ID, err = t.w.InsertRevision(r); err != nil {
			return err
		}
		t.c.Doc.Revisions = append(t.c.Doc.Revisions, *r)
		record, _ := CanonicalJSON(r)
		if err := t.log(ActionCreate, EntityRevision, r.ID, "", "", string(record)); err != nil {
			return err
		}
	}
	id, version := row.RowID(), row.RowVersion()
	ok, err := t.w.UpdateRow(row, p.Stored, p.Changes)
	if err != nil {
		return err
	} else if !ok {
		return ConflictError(entity, id, version+1, version)
	}
	row.SetStored(id, version+1)
	t.c.Doc.put(p)
	if err := t.logChanges(entity, id, p.Changes); err != nil {
		return err
	}
	return t.renamed(entity, p.Changes)
}

// takeBack removes the revisions a save undoes. Each gets its audit entry
// before it goes, as a deleted row's children do, so that the log keeps
// what was taken back.
func (t *WriteTx) takeBack(revs []Revision) error {
	d := t.c.Doc
	for _, r := range revs {
		record, _ := CanonicalJSON(r)
		if err := t.log(ActionDelete, EntityRevision, r.ID, "", string(record), ""); err != nil {
			return err
		}
		if err := t.w.DeleteRevision(r.ID); err != nil {
			return err
		}
		d.Revisions = slices.DeleteFunc(slices.Clone(d.Revisions), func(x Revision) bool { return x.ID == r.ID })
	}
	return nil
}

// renamed follows a changed code of a goal, area or unit into the rows
// that name it: the file's foreign keys cascade, the periods' lists are
// written again.
func (t *WriteTx) renamed(entity Entity, changes []FieldChange) error {
	old, new, ok, err := renamedCode(changes)
	if err != nil || !ok {
		return err
	}
	d := t.c.Doc
	d.RenameCode(entity, old, new)
	if entity != EntityUnit && entity != EntityArea {
		return nil
	}
	for i := range d.Periods {
		if err := t.w.RewritePeriodLists(&d.Periods[i]); err != nil {
			return err
		}
	}
	return nil
}

// put writes a saved row into the document: a copy of it, in its place,
// keeping the stored child rows (a measure's, a KPI's values), which are
// rows of their own.
func (d *Doc) put(p *SavePlan) {
	switch r := p.Row.(type) {
	case *Strategy:
		d.Strategy = *r
	case *Goal:
		putIn(&d.Goals, r, p.Stored)
	case *Area:
		putIn(&d.Areas, r, p.Stored)
	case *Unit:
		putIn(&d.Units, r, p.Stored)
	case *Person:
		putIn(&d.People, r, p.Stored)
	case *Measure:
		c := r.OwnFields()
		if p.Stored == nil {
			c.Milestones, c.KPIs, c.Updates = []Milestone{}, []KPI{}, []Update{}
			d.Measures = append(d.Measures, *c)
			return
		}
		s := p.Stored.(*Measure)
		c.Milestones, c.KPIs, c.Updates = s.Milestones, s.KPIs, s.Updates
		*s = *c
	case *Milestone:
		putIn(&p.Measure.Milestones, r, p.Stored)
	case *KPI:
		c := *r
		c.Values = []KPIValue{}
		if p.Stored != nil {
			c.Values = p.Stored.(*KPI).Values
		}
		putIn(&p.Measure.KPIs, &c, p.Stored)
	case *KPIValue:
		k, _ := d.KPIByID(r.KPIID)
		putIn(&k.Values, r, p.Stored)
	case *Update:
		putIn(&p.Measure.Updates, r, p.Stored)
	}
}

func putIn[T any](list *[]T, row *T, stored Row) {
	if stored == nil {
		*list = append(*list, *row)
		return
	}
	*any(stored).(*T) = *row
}

// OwnFields copies m's own fields: its lists of codes and funding are
// copied, its child rows left out.
func (m *Measure) OwnFields() *Measure {
	c := *m
	c.Goals = slices.Clone(m.Goals)
	c.Partners = slices.Clone(m.Partners)
	c.Funding = slices.Clone(m.Funding)
	if m.Override != nil {
		o := *m.Override
		c.Override = &o
	}
	c.Milestones, c.KPIs, c.Updates = nil, nil, nil
	return &c
}

// Delete removes a row and its children when the rules let it
// (PrepareDelete); see Tx.
func (t *WriteTx) Delete(entity Entity, id ID, version int64) error {
	d := t.c.Doc
	row, err := PrepareDelete(d, t.c.Actor, entity, id, version)
	if err != nil {
		return err
	}
	// The children go with the row: each gets its own entry, children
	// first, so that the log keeps what was deleted.
	if parent, ok := row.(interface{ Children() []ChildRow }); ok {
		for _, c := range parent.Children() {
			if err := t.log(ActionDelete, c.Entity(), c.RowID(), "", AuditRow(c, c.ParentID()), ""); err != nil {
				return err
			}
		}
	}
	old := RowJSON(row)
	ok, err := t.w.DeleteRow(row)
	if err != nil {
		return err
	} else if !ok {
		return ConflictError(entity, id, version+1, version)
	}
	if err := t.log(ActionDelete, entity, id, "", old, ""); err != nil {
		return err
	}
	d.remove(entity, id)
	return nil
}

// remove takes row entity/id, and its children, out of the document.
func (d *Doc) remove(entity Entity, id ID) {
	gone := func(r Row) bool { return r.Entity() == entity && r.RowID() == id }
	d.Goals = removeRows(d.Goals, gone)
	d.Areas = removeRows(d.Areas, gone)
	d.Units = removeRows(d.Units, gone)
	d.People = removeRows(d.People, gone)
	d.Measures = removeRows(d.Measures, gone)
	for i := range d.Measures {
		m := &d.Measures[i]
		m.Milestones = removeRows(m.Milestones, gone)
		m.KPIs = removeRows(m.KPIs, gone)
		m.Updates = removeRows(m.Updates, gone)
		for j := range m.KPIs {
			m.KPIs[j].Values = removeRows(m.KPIs[j].Values, gone)
		}
	}
}

func removeRows[T any, P interface {
	*T
	Row
}](list []T, gone func(Row) bool) []T {
	if !slices.ContainsFunc(list, func(x T) bool { return gone(P(&x)) }) {
		return list
	}
	return slices.DeleteFunc(slices.Clone(list), func(x T) bool { return gone(P(&x)) })
}

// Adopt marks the plan adopted; see PlanTx.
func (t *WriteTx) Adopt(a *Adoption) error {
	d := t.c.Doc
	if err := Authorize(t.c.Actor, EntityAdoption, OpCreate, nil, nil); err != nil {
		return err
	}
	if d.Adoption != nil {
		return Errorf(ECONFLICT, "the plan was already adopted on %s by %s", d.Adoption.AdoptedOn.Format(BG), d.Adoption.By)
	}
	a.By, a.At = t.user, t.c.At
	if err := a.Validate(); err != nil {
		return err
	}
	if err := t.w.InsertAdoption(a); err != nil {
		return err
	}
	stored := *a
	d.Adoption = &stored
	record, _ := CanonicalJSON(a)
	return t.log(ActionCreate, EntityAdoption, 1, "", "", string(record))
}

// SetRevisionReason gives the reason for the changes of adopted values
// that follow; see PlanTx.
func (t *WriteTx) SetRevisionReason(reason Text) { t.c.Reason = reason }

// SavePeriod creates or changes a period; see PeriodTx.
func (t *WriteTx) SavePeriod(p *Period) error {
	d := t.c.Doc
	old, i, err := CheckPeriodSave(d, t.c.Actor, p)
	if err != nil {
		return err
	}
	if p.ID == 0 {
		id, err := t.w.InsertRow(p)
		if err != nil {
			return err
		}
		p.ID, p.Version = id, 1
		d.Periods = append(slices.Clone(d.Periods), p.Clone())
		return t.log(ActionCreate, EntityPeriod, id, "", "", RowJSON(p))
	}
	changes := Diff(old, p)
	if len(changes) == 0 {
		return nil
	}
	ok, err := t.w.UpdateRow(p, old, changes)
	if err != nil {
		return err
	} else if !ok {
		return ConflictError(EntityPeriod, p.ID, old.Version+1, p.Version)
	}
	p.Version = old.Version + 1
	next := slices.Clone(d.Periods)
	next[i] = p.Clone()
	d.Periods = next
	return t.logChanges(EntityPeriod, p.ID, changes)
}

// Clone copies p with its lists.
func (p *Period) Clone() Period {
	c := *p
	c.Reopened = slices.Clone(p.Reopened)
	c.Returns = slices.Clone(p.Returns)
	c.Narrative = slices.Clone(p.Narrative)
	return c
}

// FreezeSnapshot makes a snapshot inside the transaction; see PeriodTx.
func (t *WriteTx) FreezeSnapshot(name string, asOf Date) (*Snapshot, error) {
	d := t.c.Doc
	sn, record, err := d.NewSnapshot(t.c.Actor, name, asOf, t.c.At)
	if err != nil {
		return nil, err
	}
	if sn.ID, err = t.w.InsertSnapshot(sn); err != nil {
		return nil, err
	}
	d.Snapshots = append(slices.Clone(d.Snapshots), *sn)
	return sn, t.log(ActionSnapshot, EntitySnapshot, sn.ID, "", "", record)
}

// CreateSnapshot is Store.CreateSnapshot of every store: a name that
// cannot be used is refused before a write transaction begins; then the
// figures at asOf are frozen in one (FreezeSnapshot).
func CreateSnapshot(ctx context.Context, s Store, actor ID, name string, asOf Date) (*Snapshot, error) {
	if err := ValidateSnapshotName(name); err != nil {
		return nil, err
	}
	var sn *Snapshot
	err := s.Update(ctx, actor, ActionSnapshot, "", func(tx Tx) error {
		var err error
		sn, err = tx.FreezeSnapshot(name, asOf)
		return err
	})
	if err != nil {
		return nil, err
	}
	return sn, nil
}

// NoChanges is Store.Watch of a store that cannot tell other clients'
// changes: a channel closed at once.
func NoChanges() <-chan struct{} {
	ch := make(chan struct{})
	close(ch)
	return ch
}
