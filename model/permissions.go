package model

import (
	"fmt"
	"slices"
)

// Reason is why Authorize refused a change: a code the app translates.
type Reason string

// Op is the kind of a change.
type Op string

const (
	OpCreate Op = "create"
	OpUpdate Op = "update"
	OpDelete Op = "delete"
)

// Fields of a milestone a coordinator may change (DESIGN.md §3).
var coordinatorMilestoneFields = []string{"completed", "note", "evidence", "cancelled"}

// Coordinates reports whether p coordinates m: m's lead unit is p's unit,
// or p is m's responsible person.
func (p *Person) Coordinates(m *Measure) bool {
	return m != nil && (m.LeadUnit == p.Unit || ID(m.Responsible) == p.ID)
}

// CanEdit reports whether p may change anything at all.
func (p *Person) CanEdit() bool { return p != nil && p.Role != RoleCouncil }

// Authorize returns nil when actor may make a change, else an EFORBIDDEN
// error saying why. m is the measure the row belongs to (nil for rows
// outside measures); fields are the changed fields of an update.
func Authorize(actor *Person, entity Entity, op Op, m *Measure, fields []string) error {
	if actor == nil {
		return Errorf(EFORBIDDEN, "no acting person: say who makes the change")
	}
	switch actor.Role {
	case RoleOffice:
		return nil
	case RoleCouncil:
		return Errorf(EFORBIDDEN, "%s is a council member and may not change anything", actor.Name.In(BG))
	case RoleCoordinator:
	default:
		return Errorf(EFORBIDDEN, "%s has no known role", actor.Name.In(BG))
	}
	what := fmt.Sprintf("%s %s", op, entity)
	if op == OpUpdate && len(fields) > 0 {
		what = fmt.Sprintf("change %s %v", entity, fields)
	}
	refuse := func() error {
		return Errorf(EFORBIDDEN, "%s is a coordinator and may not %s: coordinators change only milestone completion, notes, evidence and cancellation, KPI values, updates and the manual progress of their measures", actor.Name.In(BG), what)
	}
	if m == nil {
		return refuse()
	}
	if !actor.Coordinates(m) {
		return Errorf(EFORBIDDEN, "%s may not change measure %s: it is led by unit %s and %s coordinates only unit %s's measures and those they are responsible for", actor.Name.In(BG), m.Code, m.LeadUnit, actor.Name.In(BG), actor.Unit)
	}
	switch entity {
	case EntityKPIValue, EntityUpdate:
		return nil
	case EntityMilestone:
		if op == OpUpdate && subset(fields, coordinatorMilestoneFields) {
			return nil
		}
	case EntityMeasure:
		if op == OpUpdate && subset(fields, []string{"manualProgress"}) {
			return nil
		}
	}
	return refuse()
}

func subset(fields, allowed []string) bool {
	for _, f := range fields {
		if !slices.Contains(allowed, f) {
			return false
		}
	}
	return true
}
