package model

import (
	"encoding/json"
	"fmt"
	"slices"
)

// The one save path of every store (DESIGN.md §1–§3). PrepareSave decides
// what saving a row means — validation, references, the version, the
// changed fields, the role (AuthorizeRow) and the revisions of the adopted
// plan — and WriteTx (writetx.go) hands what it decided to the store,
// which only writes rows and audit entries.

// ConflictError refuses a change of entity id whose stored version is no
// longer the one it was read at: the one wording of "changed by someone else".
func ConflictError(entity Entity, id ID, stored, yours int64) error {
	return Errorf(ECONFLICT, "%s %d was changed by someone else since you read it (version %d, yours %d): reload it; your values are kept so you can apply them again",
		entity, id, stored, yours)
}

// NotFound refuses a change of a row that does not exist.
func NotFound(entity Entity, id ID) error {
	return Errorf(ENOTFOUND, "%s %d does not exist", entity, id)
}

// ReadOnlyError refuses any change of a store opened read-only (where
// names it).
func ReadOnlyError(where string) error {
	return Forbidden(ReasonReadOnlyFile, "%s is open read-only: nothing can be changed", where)
}

// SaveContext is what the rules of a save read beside the row.
type SaveContext struct {
	Doc    *Doc    // the strategy as it stands in the transaction
	Actor  *Person // who makes the change
	Today  Date    // the day of the change: nothing is completed after it
	At     string  // the time of the change (UTC, AuditTimeLayout)
	Reason Text    // of changes of the adopted plan (PlanTx.SetRevisionReason)
}

// SavePlan is what saving a row writes, as PrepareSave decided it.
type SavePlan struct {
	Row     Row
	Stored  Row      // the stored row, pointing into the document; nil when Row is new
	Measure *Measure // the measure Row belongs to (a measure's own stored row), for the roles
	Parent  ID       // a child row's measure (a KPI value's KPI); 0 for other rows
	// Changes are the fields of an update that differ from Stored; an
	// update without any writes nothing.
	Changes []FieldChange
	// Revisions are the changes of the adopted plan to record, without ids.
	Revisions []Revision
	// TakenBack are the revisions the save undoes: a change that puts a
	// field back to the value before its latest revision takes that
	// revision back (TakesBack) instead of recording one more.
	TakenBack []Revision
}

// Empty reports whether the save writes nothing: an update that changes no field.
func (p *SavePlan) Empty() bool { return p.Stored != nil && len(p.Changes) == 0 }

// PrepareSave applies every rule of saving row in c.Doc as c.Actor and
// says what to write. A row with RowID 0 is new; a child row's parent is
// its stored one (rows do not move), which PrepareSave writes into row.
// It changes nothing else: the document changes when the write is done
// (WriteTx).
func PrepareSave(c SaveContext, row Row) (*SavePlan, error) {
	p := &SavePlan{Row: row}
	if err := c.locate(p); err != nil {
		return nil, err
	}
	if err := c.check(p); err != nil {
		return nil, NameRow(err, row)
	}
	op, fields := OpCreate, []string(nil)
	if p.Stored != nil {
		if p.Stored.RowVersion() != row.RowVersion() {
			return nil, ConflictError(row.Entity(), row.RowID(), p.Stored.RowVersion(), row.RowVersion())
		}
		if p.Changes = Diff(p.Stored, row); len(p.Changes) == 0 {
			return p, nil
		}
		op, fields = OpUpdate, Fields(p.Changes)
	}
	if err := AuthorizeRow(c.Actor, op, p.Measure, row, fields); err != nil {
		return nil, err
	}
	var err error
	p.Revisions, err = c.revisions(p)
	return p, err
}

// deletable lists the entities whose rows Tx.Delete removes.
var deletable = []Entity{EntityGoal, EntityArea, EntityUnit, EntityPerson, EntityMeasure, EntityMilestone, EntityKPI, EntityKPIValue, EntityUpdate}

// PrepareDelete applies the rules of deleting row entity/id read at
// version from d as actor — it exists, its version is current, the role
// (AuthorizeRow), nothing refers to it — and returns the stored row.
func PrepareDelete(d *Doc, actor *Person, entity Entity, id ID, version int64) (Row, error) {
	if !slices.Contains(deletable, entity) {
		return nil, Errorf(EINVALID, "%s rows cannot be deleted", entity)
	}
	row, m := d.FindRow(entity, id)
	if row == nil {
		return nil, NotFound(entity, id)
	}
	if row.RowVersion() != version {
		return nil, ConflictError(entity, id, row.RowVersion(), version)
	}
	if err := AuthorizeRow(actor, OpDelete, m, row, nil); err != nil {
		return nil, err
	}
	if refs := d.References(entity, id); len(refs) > 0 {
		return nil, ReferencesError(d.RowName(entity, id, EN), refs)
	}
	return row, nil
}

// locate finds the stored row, the measure and the parent of p.Row.
func (c SaveContext) locate(p *SavePlan) error {
	d, row := c.Doc, p.Row
	if _, ok := row.(*Strategy); ok {
		p.Stored = &d.Strategy
		return nil
	}
	if row.RowID() != 0 {
		stored, m := d.FindRow(row.Entity(), row.RowID())
		if stored == nil {
			return NotFound(row.Entity(), row.RowID())
		}
		p.Stored, p.Measure = stored, m
		if child, ok := stored.(ChildRow); ok {
			setParent(row, child.ParentID())
		}
	}
	child, ok := row.(ChildRow)
	if !ok {
		return nil
	}
	p.Parent = child.ParentID()
	if v, ok := row.(*KPIValue); ok {
		k, m := d.KPIByID(v.KPIID)
		if k == nil {
			return NotFound(EntityKPI, v.KPIID)
		}
		p.Measure = m
		return nil
	}
	if p.Measure = d.Measure(p.Parent); p.Measure == nil {
		return NotFound(EntityMeasure, p.Parent)
	}
	return nil
}

// setParent sets the parent id of a child row.
func setParent(row Row, parent ID) {
	switch r := row.(type) {
	case *Milestone:
		r.MeasureID = parent
	case *KPI:
		r.MeasureID = parent
	case *Update:
		r.MeasureID = parent
	case *KPIValue:
		r.KPIID = parent
	}
}

// check validates p.Row and its references in the document.
func (c SaveContext) check(p *SavePlan) error {
	d := c.Doc
	switch r := p.Row.(type) {
	case *Strategy:
		return first(r.Validate, func() error { return d.CheckPersonRef("strategy", "submitter", r.Submitter) })
	case *Goal:
		return first(r.Validate, func() error { return d.checkCode(r, r.Code) })
	case *Area:
		return first(r.Validate, func() error { return d.checkCode(r, r.Code) })
	case *Unit:
		return first(r.Validate, func() error { return d.checkCode(r, r.Code) })
	case *Person:
		return first(r.Validate, func() error { return d.CheckPerson(r) })
	case *Measure:
		return first(r.Validate, func() error { return d.CheckMeasureRefs(r) })
	case *Milestone:
		return first(func() error { return r.Validate(c.Today) },
			func() error { return d.CheckPersonRef(fmt.Sprintf("milestone %d", r.ID), "responsible", r.Responsible) })
	case *KPI:
		if err := r.Validate(); err != nil || p.Stored == nil {
			return err
		}
		return r.CheckValuesUnder(p.Stored.(*KPI).Values)
	case *KPIValue:
		k, _ := d.KPIByID(r.KPIID)
		return r.Validate(k)
	case *Update:
		return first(r.Validate, func() error { return d.CheckPersonRef(fmt.Sprintf("update %d", r.ID), "author", r.Author) })
	}
	return Errorf(EINTERNAL, "cannot save a %T", p.Row)
}

func first(checks ...func() error) error {
	for _, check := range checks {
		if err := check(); err != nil {
			return err
		}
	}
	return nil
}

// checkCode refuses a goal's, area's or unit's code that another of its
// kind has.
func (d *Doc) checkCode(row Row, code string) error {
	used := false
	switch row.Entity() {
	case EntityGoal:
		used = slices.ContainsFunc(d.Goals, func(x Goal) bool { return x.Code == code && x.ID != row.RowID() })
	case EntityArea:
		used = slices.ContainsFunc(d.Areas, func(x Area) bool { return x.Code == code && x.ID != row.RowID() })
	case EntityUnit:
		used = slices.ContainsFunc(d.Units, func(x Unit) bool { return x.Code == code && x.ID != row.RowID() })
	}
	if !used {
		return nil
	}
	e := InvalidField("code", "%s %q: code is already used", row.Entity(), code).(*Error)
	e.Rule = RuleUsed
	return e
}

// revisions are the revisions of the adopted plan that p's changes make,
// refused when the transaction was given no reason for them; a change that
// undoes a field's latest revision takes it back (p.TakenBack) and needs no
// reason.
func (c SaveContext) revisions(p *SavePlan) ([]Revision, error) {
	d := c.Doc
	entity, id := p.Row.Entity(), p.Row.RowID()
	var out []Revision
	for _, ch := range d.PlanChanges(entity, p.Changes) {
		if last := d.latestRevision(entity, id, ch.Field); last != nil && last.TakesBack(ch) {
			p.TakenBack = append(p.TakenBack, *last)
			continue
		}
		what := fmt.Sprintf("%s %d", entity, id)
		var measureID ID
		if m := p.Measure; m != nil {
			measureID = m.ID
			what = fmt.Sprintf("%s %d of measure %s", entity, id, m.Code)
			if entity == EntityMeasure {
				what = "measure " + m.Code
			}
		}
		if c.Reason.IsEmpty() {
			return nil, Errorf(EINVALID, "%s: %s is part of the plan adopted on %s: %s (it is kept as a revision)",
				what, ch.Field, d.Adoption.AdoptedOn.Format(BG), ReasonNeeded)
		}
		prev := RevisionValue(ch.Old)
		orig, ok := d.OriginalValue(entity, id, ch.Field)
		if !ok {
			orig = prev
		}
		r := Revision{Entity: entity, EntityID: id, MeasureID: measureID, Field: ch.Field, Original: orig,
			Previous: prev, Current: RevisionValue(ch.New), At: c.At, By: UserLabel(c.Actor), Reason: c.Reason}
		if err := r.Validate(); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, nil
}

// renamedCode returns the old and new code when changes rename a goal,
// area or unit.
func renamedCode(changes []FieldChange) (old, new string, renamed bool, err error) {
	for _, c := range changes {
		if c.Field != "code" {
			continue
		}
		if err := json.Unmarshal([]byte(c.Old), &old); err != nil {
			return "", "", false, Errorf(EINTERNAL, "the old code %s cannot be read: %v", c.Old, err)
		}
		if err := json.Unmarshal([]byte(c.New), &new); err != nil {
			return "", "", false, Errorf(EINTERNAL, "the new code %s cannot be read: %v", c.New, err)
		}
		return old, new, true, nil
	}
	return "", "", false, nil
}
