package app

import (
	"reflect"
	"slices"

	"strategytracker/model"
)

// Rows of the document as the undo history and the conflict dialog see
// them: a pointer to a copy of one row (*model.Measure without its child
// lists, *model.Milestone, …), whatever its entity.

// findRow returns a copy of the row entity/id of d, or nil.
func findRow(d *model.Doc, entity model.Entity, id model.ID) any {
	switch entity {
	case model.EntityStrategy:
		s := d.Strategy
		return &s
	case model.EntityGoal:
		return findIn(d.Goals, func(x *model.Goal) bool { return x.ID == id })
	case model.EntityArea:
		return findIn(d.Areas, func(x *model.Area) bool { return x.ID == id })
	case model.EntityUnit:
		return findIn(d.Units, func(x *model.Unit) bool { return x.ID == id })
	case model.EntityPerson:
		return findIn(d.People, func(x *model.Person) bool { return x.ID == id })
	case model.EntityMeasure:
		if m := d.Measure(id); m != nil {
			return measureRowCopy(m)
		}
	case model.EntityMilestone:
		if ms, _ := d.MilestoneByID(id); ms != nil {
			c := *ms
			return &c
		}
	case model.EntityKPI:
		if k, _ := d.KPIByID(id); k != nil {
			c := *k
			c.Values = nil
			return &c
		}
	case model.EntityKPIValue:
		for i := range d.Measures {
			for j := range d.Measures[i].KPIs {
				if v := findIn(d.Measures[i].KPIs[j].Values, func(x *model.KPIValue) bool { return x.ID == id }); v != nil {
					return v
				}
			}
		}
	case model.EntityUpdate:
		for i := range d.Measures {
			if u := findIn(d.Measures[i].Updates, func(x *model.Update) bool { return x.ID == id }); u != nil {
				return u
			}
		}
	}
	return nil
}

func findIn[T any](list []T, match func(*T) bool) *T {
	for i := range list {
		if match(&list[i]) {
			c := list[i]
			return &c
		}
	}
	return nil
}

// measureRowCopy copies m's own fields: its lists of codes and funding are
// copied, its child rows left out.
func measureRowCopy(m *model.Measure) *model.Measure {
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

// cloneRow returns a copy of row.
func cloneRow(row any) any {
	if m, ok := row.(*model.Measure); ok {
		return measureRowCopy(m)
	}
	v := reflect.ValueOf(row).Elem()
	c := reflect.New(v.Type())
	c.Elem().Set(v)
	return c.Interface()
}

// bookkeeping fields are not values a user edits: identity, versions,
// parents and child lists.
var bookkeeping = map[string]bool{
	"ID": true, "Version": true, "MeasureID": true, "KPIID": true,
	"Milestones": true, "KPIs": true, "Updates": true, "Values": true,
}

// changedFields returns the names of the fields whose values differ
// between a and b (rows of one type), bookkeeping left out.
func changedFields(a, b any) []string {
	av, bv := reflect.ValueOf(a).Elem(), reflect.ValueOf(b).Elem()
	var out []string
	for i := 0; i < av.NumField(); i++ {
		name := av.Type().Field(i).Name
		if bookkeeping[name] {
			continue
		}
		if !sameValue(av.Field(i), bv.Field(i)) {
			out = append(out, name)
		}
	}
	return out
}

// applyFields sets on cur the fields that differ between from and to, to
// their values in to: the change from → to replayed on whatever cur holds.
func applyFields(cur, from, to any) {
	cv, tv := reflect.ValueOf(cur).Elem(), reflect.ValueOf(to).Elem()
	for _, name := range changedFields(from, to) {
		cv.FieldByName(name).Set(deepCopyValue(tv.FieldByName(name)))
	}
}

// sameValue is reflect.DeepEqual that takes a nil slice for an empty one.
func sameValue(a, b reflect.Value) bool {
	if a.Kind() == reflect.Slice && a.Len() == 0 && b.Len() == 0 {
		return true
	}
	return reflect.DeepEqual(a.Interface(), b.Interface())
}

// deepCopyValue copies slices and pointers so that rows share nothing.
func deepCopyValue(v reflect.Value) reflect.Value {
	switch v.Kind() {
	case reflect.Slice:
		if v.IsNil() {
			return v
		}
		c := reflect.MakeSlice(v.Type(), v.Len(), v.Len())
		reflect.Copy(c, v)
		return c
	case reflect.Pointer:
		if v.IsNil() {
			return v
		}
		c := reflect.New(v.Type().Elem())
		c.Elem().Set(v.Elem())
		return c
	}
	return v
}

// measureOf returns the measure a row belongs to in d (nil for rows outside
// measures).
func measureOf(d *model.Doc, row any) *model.Measure {
	switch r := row.(type) {
	case *model.Measure:
		return d.Measure(r.ID)
	case *model.Milestone:
		return d.Measure(r.MeasureID)
	case *model.KPI:
		return d.Measure(r.MeasureID)
	case *model.KPIValue:
		_, m := d.KPIByID(r.KPIID)
		return m
	case *model.Update:
		return d.Measure(r.MeasureID)
	}
	return nil
}

// The rows' identity is model.Row's: these read it from a row of any type.

func entityOf(row any) model.Entity { return row.(model.Row).Entity() }

func rowID(row any) model.ID { return row.(model.Row).RowID() }

func rowVersion(row any) int64 { return row.(model.Row).RowVersion() }

// clearStored makes row a new row: no id, no version.
func clearStored(row any) { row.(model.Row).SetStored(0, 0) }

// saveRow saves row through the Save method of its entity.
func saveRow(tx model.Tx, row any) error { return model.SaveRow(tx, row.(model.Row)) }
