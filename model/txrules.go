package model

import (
	"fmt"
	"slices"
)

// Rules a store applies inside a transaction, against the document as it
// stands there: written once here so that every store (storage, its
// PostgreSQL sibling, memstore) refuses the same things with the same words.

// CheckMeasureRefs refuses a measure whose area, lead unit, partners,
// goals or responsible person do not exist in d.
func (d *Doc) CheckMeasureRefs(m *Measure) error {
	what := fmt.Sprintf("measure %q", m.Code)
	if d.Area(m.Area) == nil {
		return InvalidField("area", "%s: area %q does not exist", what, m.Area)
	}
	if d.Unit(m.LeadUnit) == nil {
		return InvalidField("leadUnit", "%s: leadUnit %q does not exist", what, m.LeadUnit)
	}
	for _, u := range m.Partners {
		if d.Unit(u) == nil {
			return InvalidField("partners", "%s: partner unit %q does not exist", what, u)
		}
	}
	for _, g := range m.Goals {
		if !slices.ContainsFunc(d.Goals, func(x Goal) bool { return x.Code == g }) {
			return InvalidField("goals", "%s: goal %q does not exist", what, g)
		}
	}
	if other := d.MeasureByCode(m.Code); other != nil && other.ID != m.ID {
		e := InvalidField("code", "measure %q: code is already used", m.Code).(*Error)
		e.Rule = RuleUsed
		return e
	}
	return d.CheckPersonRef(what, "responsible", m.Responsible)
}

// CheckPersonRef refuses a reference to a person who does not exist.
func (d *Doc) CheckPersonRef(what, field string, r Ref) error {
	if r != 0 && d.Person(ID(r)) == nil {
		return InvalidField(field, "%s: %s: person %d does not exist", what, field, r)
	}
	return nil
}

// CheckPerson refuses a person whose unit does not exist or whose e-mail
// another person has, and a change of role that would leave the strategy
// without an office user.
func (d *Doc) CheckPerson(p *Person) error {
	if d.Unit(p.Unit) == nil {
		return InvalidField("unit", "person %d: unit %q does not exist", p.ID, p.Unit)
	}
	if p.Role != RoleOffice && d.onlyOffice(p.ID) {
		return lastOfficeError(d.Person(p.ID), "role")
	}
	for i := range d.People {
		if other := &d.People[i]; other.ID != p.ID && p.Email != "" && EmailKey(other.Email) == EmailKey(p.Email) {
			return emailUsedError(p, other)
		}
	}
	return nil
}

// CheckValuesUnder refuses a change of KPI k that would make one of its
// stored values invalid (a value dated before a new baseline date).
func (k *KPI) CheckValuesUnder(stored []KPIValue) error {
	check := *k
	check.Values = stored
	for n := range stored {
		if err := stored[n].Validate(&check); err != nil {
			return Errorf(EINVALID, "KPI %d: the change would make a measured value invalid: %s", k.ID, ErrorMessage(err))
		}
	}
	return nil
}

// NewSnapshot makes the snapshot name of d at asOf, taken by actor at the
// UTC time at, and the record its audit entry keeps. It refuses a name
// that is empty or used, and an actor who may not take snapshots.
func (d *Doc) NewSnapshot(actor *Person, name string, asOf Date, at string) (*Snapshot, string, error) {
	if err := ValidateSnapshotName(name); err != nil {
		return nil, "", err
	}
	if asOf == 0 {
		return nil, "", InvalidField("asOf", "snapshot: as-of date is empty")
	}
	if err := Authorize(actor, EntitySnapshot, OpCreate, nil, nil); err != nil {
		return nil, "", err
	}
	for _, other := range d.Snapshots {
		if other.Name == name {
			return nil, "", InvalidField("name", "snapshot %q already exists: choose another name", name)
		}
	}
	content, sum, err := EncodeFigures(ComputeSnapshotFigures(d, asOf))
	if err != nil {
		return nil, "", Errorf(EINTERNAL, "snapshot: %w", err)
	}
	record, _ := CanonicalJSON(struct {
		Name   string `json:"name"`
		AsOf   Date   `json:"asOf"`
		SHA256 string `json:"sha256"`
	}{name, asOf, sum})
	return &Snapshot{Name: name, AsOf: asOf, CreatedAt: at, CreatedBy: UserLabel(actor), SHA256: sum, Figures: content}, string(record), nil
}

// onlyOffice reports whether the person with id is the strategy's only
// office user (DESIGN.md §1.2: a strategy always keeps one).
func (d *Doc) onlyOffice(id ID) bool {
	p := d.Person(id)
	if p == nil || p.Role != RoleOffice {
		return false
	}
	for i := range d.People {
		if d.People[i].ID != id && d.People[i].Role == RoleOffice {
			return false
		}
	}
	return true
}

func lastOfficeError(p *Person, field string) error {
	e := InvalidField(field, "person %s is the strategy's only office user: give another person the office role first; without one nobody could change the strategy again", p.Name.In(BG)).(*Error)
	e.Rule = RuleOffice
	return e
}
