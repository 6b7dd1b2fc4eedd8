package app

import (
	"slices"

	"strategytracker/model"
)

// Rows of the document as the undo history and the conflict dialog see
// them: a pointer to a copy of one row (*model.Measure without its child
// lists, *model.Milestone, …), whatever its entity.

// findRow returns a copy of the row entity/id of d (a measure without its
// child rows, a KPI without its values), or nil.
func findRow(d *model.Doc, entity model.Entity, id model.ID) any {
	row, _ := d.FindRow(entity, id)
	if row == nil {
		return nil
	}
	c := cloneRow(row)
	if k, ok := c.(*model.KPI); ok {
		k.Values = nil
	}
	return c
}

// cloneRow returns a copy of row (a pointer to a row).
func cloneRow(row any) any {
	switch r := row.(type) {
	case *model.Measure:
		return r.OwnFields()
	case *model.Strategy:
		c := *r
		return &c
	case *model.Goal:
		c := *r
		return &c
	case *model.Area:
		c := *r
		return &c
	case *model.Unit:
		c := *r
		return &c
	case *model.Person:
		c := *r
		return &c
	case *model.Milestone:
		c := *r
		return &c
	case *model.KPI:
		c := *r
		c.Values = slices.Clone(r.Values)
		return &c
	case *model.KPIValue:
		c := *r
		return &c
	case *model.Update:
		c := *r
		return &c
	}
	panic("cloneRow: not a row")
}

// changedFields returns the (JSON) names of the fields whose values differ
// between a and b, rows of one type: model.Diff's notion of a change (a
// nil list is an empty one; ids, versions and child lists are not values).
func changedFields(a, b any) []string { return model.Fields(model.Diff(a, b)) }

// applyFields sets on cur the fields that differ between from and to, to
// their values in to: the change from → to replayed on whatever cur holds.
func applyFields(cur, from, to any) {
	for _, c := range model.Diff(from, to) {
		if err := model.SetField(cur, c.Field, c.New); err != nil {
			panic(err) // Diff names only fields the row has
		}
	}
}

// The rows' identity is model.Row's: these read it from a row of any type.

func entityOf(row any) model.Entity { return row.(model.Row).Entity() }

func rowID(row any) model.ID { return row.(model.Row).RowID() }

func rowVersion(row any) int64 { return row.(model.Row).RowVersion() }

// clearStored makes row a new row: no id, no version.
func clearStored(row any) { row.(model.Row).SetStored(0, 0) }

// saveRow saves row through the Save method of its entity.
func saveRow(tx model.Tx, row any) error { return model.SaveRow(tx, row.(model.Row)) }
