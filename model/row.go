package model

// Row is one editable row of the document: a strategy header, goal, area,
// unit, person, measure (its own fields), milestone, KPI, KPI value or
// update. Stores, the undo history and conflict dialogs handle rows
// through it instead of switching on their types.
type Row interface {
	Entity() Entity
	// RowID is the row's id; 0 before it is stored; 1 for the strategy
	// header, of which there is one.
	RowID() ID
	// RowVersion is the version the row was read at (0 before it is stored).
	RowVersion() int64
	// SetStored records the id and version a store gave the row.
	SetStored(id ID, version int64)
}

// ChildRow is a row kept in a list of its parent: a milestone, KPI or
// update of a measure, a value of a KPI.
type ChildRow interface {
	Row
	// ParentID is the id of the measure (the KPI, for a value) it belongs to.
	ParentID() ID
}

var (
	_ ChildRow = (*Milestone)(nil)
	_ ChildRow = (*KPI)(nil)
	_ ChildRow = (*KPIValue)(nil)
	_ ChildRow = (*Update)(nil)
	_ Row      = (*Strategy)(nil)
	_ Row      = (*Goal)(nil)
	_ Row      = (*Area)(nil)
	_ Row      = (*Unit)(nil)
	_ Row      = (*Person)(nil)
	_ Row      = (*Measure)(nil)
	_ Row      = (*Period)(nil)
)

func (s *Strategy) Entity() Entity                { return EntityStrategy }
func (s *Strategy) RowID() ID                     { return 1 }
func (s *Strategy) RowVersion() int64             { return s.Version }
func (s *Strategy) SetStored(_ ID, version int64) { s.Version = version }

func (r *Goal) Entity() Entity                 { return EntityGoal }
func (r *Goal) RowID() ID                      { return r.ID }
func (r *Goal) RowVersion() int64              { return r.Version }
func (r *Goal) SetStored(id ID, version int64) { r.ID, r.Version = id, version }

func (r *Area) Entity() Entity                 { return EntityArea }
func (r *Area) RowID() ID                      { return r.ID }
func (r *Area) RowVersion() int64              { return r.Version }
func (r *Area) SetStored(id ID, version int64) { r.ID, r.Version = id, version }

func (r *Unit) Entity() Entity                 { return EntityUnit }
func (r *Unit) RowID() ID                      { return r.ID }
func (r *Unit) RowVersion() int64              { return r.Version }
func (r *Unit) SetStored(id ID, version int64) { r.ID, r.Version = id, version }

func (r *Person) Entity() Entity                 { return EntityPerson }
func (r *Person) RowID() ID                      { return r.ID }
func (r *Person) RowVersion() int64              { return r.Version }
func (r *Person) SetStored(id ID, version int64) { r.ID, r.Version = id, version }

func (r *Measure) Entity() Entity                 { return EntityMeasure }
func (r *Measure) RowID() ID                      { return r.ID }
func (r *Measure) RowVersion() int64              { return r.Version }
func (r *Measure) SetStored(id ID, version int64) { r.ID, r.Version = id, version }

func (r *Milestone) Entity() Entity                 { return EntityMilestone }
func (r *Milestone) RowID() ID                      { return r.ID }
func (r *Milestone) RowVersion() int64              { return r.Version }
func (r *Milestone) SetStored(id ID, version int64) { r.ID, r.Version = id, version }
func (r *Milestone) ParentID() ID                   { return r.MeasureID }

func (r *KPI) Entity() Entity                 { return EntityKPI }
func (r *KPI) RowID() ID                      { return r.ID }
func (r *KPI) RowVersion() int64              { return r.Version }
func (r *KPI) SetStored(id ID, version int64) { r.ID, r.Version = id, version }
func (r *KPI) ParentID() ID                   { return r.MeasureID }

func (r *KPIValue) Entity() Entity                 { return EntityKPIValue }
func (r *KPIValue) RowID() ID                      { return r.ID }
func (r *KPIValue) RowVersion() int64              { return r.Version }
func (r *KPIValue) SetStored(id ID, version int64) { r.ID, r.Version = id, version }
func (r *KPIValue) ParentID() ID                   { return r.KPIID }

func (r *Update) Entity() Entity                 { return EntityUpdate }
func (r *Update) RowID() ID                      { return r.ID }
func (r *Update) RowVersion() int64              { return r.Version }
func (r *Update) SetStored(id ID, version int64) { r.ID, r.Version = id, version }
func (r *Update) ParentID() ID                   { return r.MeasureID }

func (p *Period) Entity() Entity                 { return EntityPeriod }
func (p *Period) RowID() ID                      { return p.ID }
func (p *Period) RowVersion() int64              { return p.Version }
func (p *Period) SetStored(id ID, version int64) { p.ID, p.Version = id, version }

// Children returns the rows that go with m when it is deleted, children
// before their parents: milestones, each KPI's values then the KPI, updates.
// They point into m.
func (m *Measure) Children() []ChildRow {
	var out []ChildRow
	for i := range m.Milestones {
		out = append(out, &m.Milestones[i])
	}
	for i := range m.KPIs {
		out = append(out, m.KPIs[i].Children()...)
		out = append(out, &m.KPIs[i])
	}
	for i := range m.Updates {
		out = append(out, &m.Updates[i])
	}
	return out
}

// Children returns k's values, pointing into k.
func (k *KPI) Children() []ChildRow {
	out := make([]ChildRow, len(k.Values))
	for i := range k.Values {
		out[i] = &k.Values[i]
	}
	return out
}

// FindRow returns the row entity/id of d, pointing into d, and the measure
// it belongs to (the measure itself for a measure; nil for rows outside
// measures). It returns nil, nil when there is no such row.
func (d *Doc) FindRow(entity Entity, id ID) (Row, *Measure) {
	switch entity {
	case EntityStrategy:
		return &d.Strategy, nil
	case EntityGoal:
		return rowIn(d.Goals, id), nil
	case EntityArea:
		return rowIn(d.Areas, id), nil
	case EntityUnit:
		return rowIn(d.Units, id), nil
	case EntityPerson:
		return rowIn(d.People, id), nil
	}
	for i := range d.Measures {
		m := &d.Measures[i]
		if entity == EntityMeasure && m.ID == id {
			return m, m
		}
		if entity == EntityMeasure {
			continue
		}
		for _, c := range m.Children() {
			if c.Entity() == entity && c.RowID() == id {
				return c, m
			}
		}
	}
	return nil, nil
}

func rowIn[T any, P interface {
	*T
	Row
}](list []T, id ID) Row {
	for i := range list {
		if P(&list[i]).RowID() == id {
			return P(&list[i])
		}
	}
	return nil
}

// SaveRow saves row through the Save method of tx for its kind: for code
// that holds rows as Row (undo history, conflict dialogs).
func SaveRow(tx Tx, row Row) error {
	switch r := row.(type) {
	case *Strategy:
		return tx.SaveStrategy(r)
	case *Goal:
		return tx.SaveGoal(r)
	case *Area:
		return tx.SaveArea(r)
	case *Unit:
		return tx.SaveUnit(r)
	case *Person:
		return tx.SavePerson(r)
	case *Measure:
		return tx.SaveMeasure(r)
	case *Milestone:
		return tx.SaveMilestone(r)
	case *KPI:
		return tx.SaveKPI(r)
	case *KPIValue:
		return tx.SaveKPIValue(r)
	case *Update:
		return tx.SaveUpdate(r)
	}
	return Errorf(EINTERNAL, "cannot save a %T", row)
}
