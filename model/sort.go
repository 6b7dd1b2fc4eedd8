package model

import (
	"cmp"
	"slices"
)

// SortedAreas returns the areas by order, then code.
func SortedAreas(areas []Area) []Area {
	out := slices.Clone(areas)
	slices.SortStableFunc(out, func(a, b Area) int {
		if c := cmp.Compare(a.Order, b.Order); c != 0 {
			return c
		}
		return CompareCodes(a.Code, b.Code)
	})
	return out
}

// Normalize puts every list of d in the order of the exchange format
// (DESIGN.md §5), so that export is deterministic.
func (d *Doc) Normalize() {
	slices.SortStableFunc(d.Goals, func(a, b Goal) int { return CompareCodes(a.Code, b.Code) })
	slices.SortStableFunc(d.Areas, func(a, b Area) int { return CompareCodes(a.Code, b.Code) })
	slices.SortStableFunc(d.Units, func(a, b Unit) int { return CompareCodes(a.Code, b.Code) })
	slices.SortStableFunc(d.People, func(a, b Person) int { return cmp.Compare(a.ID, b.ID) })
	slices.SortStableFunc(d.Measures, func(a, b Measure) int { return CompareCodes(a.Code, b.Code) })
	slices.SortStableFunc(d.Snapshots, func(a, b Snapshot) int {
		if c := cmp.Compare(a.AsOf, b.AsOf); c != 0 {
			return c
		}
		if c := cmp.Compare(a.CreatedAt, b.CreatedAt); c != 0 {
			return c
		}
		return cmp.Compare(a.Name, b.Name)
	})
	slices.SortStableFunc(d.Periods, func(a, b Period) int {
		if c := cmp.Compare(a.Start, b.Start); c != 0 {
			return c
		}
		return cmp.Compare(a.ID, b.ID)
	})
	for i := range d.Periods {
		p := &d.Periods[i]
		slices.SortStableFunc(p.Returns, func(a, b UnitReturn) int { return CompareCodes(a.Unit, b.Unit) })
		slices.SortStableFunc(p.Narrative, func(a, b Narrative) int {
			if c := CompareCodes(a.Area, b.Area); c != 0 {
				return c
			}
			if c := cmp.Compare(slices.Index(NarrativeKinds, a.Kind), slices.Index(NarrativeKinds, b.Kind)); c != 0 {
				return c
			}
			return cmp.Compare(a.ID, b.ID)
		})
	}
	for i := range d.Measures {
		m := &d.Measures[i]
		slices.SortFunc(m.Goals, CompareCodes)
		slices.SortFunc(m.Partners, CompareCodes)
		slices.SortStableFunc(m.Milestones, func(a, b Milestone) int {
			if c := cmp.Compare(a.Due, b.Due); c != 0 {
				return c
			}
			return cmp.Compare(a.ID, b.ID)
		})
		slices.SortStableFunc(m.Updates, func(a, b Update) int {
			if c := cmp.Compare(a.Date, b.Date); c != 0 {
				return c
			}
			return cmp.Compare(a.ID, b.ID)
		})
		slices.SortStableFunc(m.KPIs, func(a, b KPI) int { return cmp.Compare(a.ID, b.ID) })
		for j := range m.KPIs {
			slices.SortStableFunc(m.KPIs[j].Values, func(a, b KPIValue) int {
				if c := cmp.Compare(a.Date, b.Date); c != 0 {
					return c
				}
				return cmp.Compare(a.ID, b.ID)
			})
		}
	}
	d.normalizePlan()
}
