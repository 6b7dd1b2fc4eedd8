package model

import "testing"

// PrepareSave on its own: what it lets through and what it plans to write.
func TestPrepareSave(t *testing.T) {
	d := Generate(30, 11)
	var office, coord *Person
	for i := range d.People {
		switch p := &d.People[i]; {
		case p.Role == RoleOffice && office == nil:
			office = p
		case p.Role == RoleCoordinator && coord == nil:
			coord = p
		}
	}
	var own *Measure
	for i := range d.Measures {
		if d.Measures[i].LeadUnit == coord.Unit {
			own = &d.Measures[i]
			break
		}
	}
	for i := range d.Measures {
		d.Measures[i].Version = 1
	}
	adopted := *d
	adopted.Adoption = &Adoption{AdoptedOn: NewDate(2020, 6, 11), CouncilDecision: T("Решение", "Decision")}
	later := func(m Measure) *Measure { m.End = m.End.AddDays(30); return &m }
	tests := []struct {
		name      string
		c         SaveContext
		row       Row
		code      string // "" allowed
		empty     bool
		revisions int
	}{
		{"a coordinator's internal update", SaveContext{Doc: d, Actor: coord},
			&Update{MeasureID: own.ID, Date: GeneratedAsOf, Author: Ref(coord.ID), Text: T("а", "a"), Internal: true}, EFORBIDDEN, false, 0},
		{"a coordinator's public update", SaveContext{Doc: d, Actor: coord},
			&Update{MeasureID: own.ID, Date: GeneratedAsOf, Author: Ref(coord.ID), Text: T("а", "a")}, "", false, 0},
		{"a stale measure", SaveContext{Doc: d, Actor: office}, func() Row { m := *own; m.Version = 0; return &m }(), ECONFLICT, false, 0},
		{"no change", SaveContext{Doc: d, Actor: office}, func() Row { m := *own; return &m }(), "", true, 0},
		{"a missing measure", SaveContext{Doc: d, Actor: office}, &Milestone{MeasureID: 1 << 40, Title: T("е", "s"), Due: NewDate(2026, 1, 1), Weight: 1}, ENOTFOUND, false, 0},
		{"an end date before adoption", SaveContext{Doc: d, Actor: office}, later(*own), "", false, 0},
		{"an adopted end date without a reason", SaveContext{Doc: &adopted, Actor: office}, later(*own), EINVALID, false, 0},
		{"an adopted end date with a reason", SaveContext{Doc: &adopted, Actor: office, Reason: T("причина", "why")}, later(*own), "", false, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := PrepareSave(tt.c, tt.row)
			if got := ErrorCode(err); got != tt.code {
				t.Fatalf("error %v, want code %q", err, tt.code)
			}
			if err != nil {
				return
			}
			if p.Empty() != tt.empty || len(p.Revisions) != tt.revisions {
				t.Errorf("empty %v, %d revisions; want %v, %d", p.Empty(), len(p.Revisions), tt.empty, tt.revisions)
			}
			for _, r := range p.Revisions {
				if r.Original != own.End.String() || r.Current != own.End.AddDays(30).String() || r.Reason.EN != "why" {
					t.Errorf("revision %+v, want the original end kept and the new one current", r)
				}
			}
		})
	}
}
