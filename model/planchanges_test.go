package model

import (
	"slices"
	"testing"
)

// PlanChanges keeps the changes that alter the adopted plan, and none
// before adoption: the one rule PrepareSave and the plan import share.
func TestPlanChanges(t *testing.T) {
	changes := []FieldChange{{Field: "title"}, {Field: "end"}, {Field: "plannedCents"}, {Field: "leadUnit"}}
	adopted := &Adoption{AdoptedOn: MustDate("2020-06-11"), CouncilDecision: T("Решение", "")}
	for _, c := range []struct {
		name     string
		adoption *Adoption
		entity   Entity
		changes  []FieldChange
		want     []string
	}{
		{"not adopted", nil, EntityMeasure, changes, nil},
		{"a measure's dates and budget", adopted, EntityMeasure, changes, []string{"end", "plannedCents"}},
		{"a milestone's due date", adopted, EntityMilestone, []FieldChange{{Field: "title"}, {Field: "due"}}, []string{"due"}},
		{"a KPI's target", adopted, EntityKPI, []FieldChange{{Field: "targetValue"}, {Field: "unit"}}, []string{"targetValue"}},
		{"an update", adopted, EntityUpdate, []FieldChange{{Field: "date"}}, nil},
	} {
		d := &Doc{Adoption: c.adoption}
		var got []string
		for _, ch := range d.PlanChanges(c.entity, c.changes) {
			got = append(got, ch.Field)
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("%s: got %v, want %v", c.name, got, c.want)
		}
	}
}
