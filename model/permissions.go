package model

import (
	"errors"
	"fmt"
	"slices"
)

// Reason is why a change (EFORBIDDEN) or a file given to the program
// (EINVALID) was refused: a code the app translates, beside the English
// message of the error.
type Reason string

const (
	ReasonNoActor         Reason = "no_actor"          // nobody, or nobody known, makes the change
	ReasonUnknownRole     Reason = "unknown_role"      // the person's role is none of office, coordinator, council
	ReasonCouncil         Reason = "council_read_only" // council members change nothing
	ReasonNotTheirMeasure Reason = "not_their_measure" // a coordinator, and the measure is another unit's
	ReasonCoordinatorOnly Reason = "coordinator_scope" // a coordinator, and this entity or field is the office's
	ReasonOwnNameOnly     Reason = "own_name_only"     // a coordinator writes updates in their own name only
	ReasonAuthorFixed     Reason = "author_fixed"      // a coordinator may not change who wrote an update
	ReasonReadOnlyFile    Reason = "read_only_file"    // the file is open read-only

	// Files refused as a whole; the message names the file, the reason
	// says what it is in the user's language.
	ReasonNotStrategyFile Reason = "not_strategy_file" // not a strategy file: empty, a folder, not SQLite, another application's, never completely created
	ReasonDamagedFile     Reason = "damaged_file"      // a strategy file cut short
	ReasonNewerFile       Reason = "newer_file"        // written by a newer Strategy Tracker
	ReasonNotWorkbook     Reason = "not_workbook"      // not an Excel workbook (.xlsx), or a damaged one
	ReasonNotTemplate     Reason = "not_template"      // a workbook, but not the one the import reads
	ReasonFileBusy        Reason = "file_busy"         // another connection holds the file locked
)

// Forbidden returns an EFORBIDDEN error with a reason code.
func Forbidden(reason Reason, format string, args ...any) *Error {
	return Refused(EFORBIDDEN, reason, format, args...)
}

// Refused returns an error of code with a reason code the app translates.
func Refused(code string, reason Reason, format string, args ...any) *Error {
	e := Errorf(code, format, args...)
	e.Reason = reason
	return e
}

// ErrorReason returns the Reason of err ("" when it has none).
func ErrorReason(err error) Reason {
	var e *Error
	if errors.As(err, &e) {
		return e.Reason
	}
	return ""
}

// Op is the kind of a change.
type Op string

const (
	OpCreate Op = "create"
	OpUpdate Op = "update"
	OpDelete Op = "delete"
)

// Fields of a milestone a coordinator may change (DESIGN.md §3).
// The note is one field in two languages: whoever may write it writes both.
var coordinatorMilestoneFields = []string{"completed", "note", "noteEn", "evidence", "cancelled"}

// Coordinates reports whether p coordinates m: m's lead unit is p's unit,
// or p is m's responsible person.
func (p *Person) Coordinates(m *Measure) bool {
	return m != nil && (m.LeadUnit == p.Unit || ID(m.Responsible) == p.ID)
}

// CanEdit reports whether p may change anything at all.
func (p *Person) CanEdit() bool { return p != nil && p.Role != RoleCouncil }

// Authorize returns nil when actor may make a change, else an EFORBIDDEN
// error with a Reason saying why. m is the measure the row belongs to (nil
// for rows outside measures); fields are the changed fields of an update.
// Rules that depend on the row's values (who wrote an update) are in
// AuthorizeRow.
func Authorize(actor *Person, entity Entity, op Op, m *Measure, fields []string) error {
	if actor == nil {
		return Forbidden(ReasonNoActor, "no acting person: say who makes the change")
	}
	switch actor.Role {
	case RoleOffice:
		return nil
	case RoleCouncil:
		return Forbidden(ReasonCouncil, "%s is a council member and may not change anything", actor.Name.In(BG))
	case RoleCoordinator:
	default:
		return Forbidden(ReasonUnknownRole, "%s has no known role", actor.Name.In(BG))
	}
	what := fmt.Sprintf("%s %s", op, entity)
	if op == OpUpdate && len(fields) > 0 {
		what = fmt.Sprintf("change %s %v", entity, fields)
	}
	refuse := func() error {
		return Forbidden(ReasonCoordinatorOnly, "%s is a coordinator and may not %s: coordinators change only milestone completion, notes, evidence and cancellation, KPI values, updates and the manual progress of their measures", actor.Name.In(BG), what)
	}
	if m == nil {
		return refuse()
	}
	if !actor.Coordinates(m) {
		return Forbidden(ReasonNotTheirMeasure, "%s may not change measure %s: it is led by unit %s and %s coordinates only unit %s's measures and those they are responsible for", actor.Name.In(BG), m.Code, m.LeadUnit, actor.Name.In(BG), actor.Unit)
	}
	switch entity {
	case EntityKPIValue:
		return nil
	case EntityUpdate:
		if op == OpUpdate && slices.Contains(fields, "author") {
			return Forbidden(ReasonAuthorFixed, "%s may not change who wrote an update", actor.Name.In(BG))
		}
		if op == OpUpdate && slices.Contains(fields, "internal") {
			// What is published is the office's decision (issue 16).
			return refuse()
		}
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

// AuthorizeRow is Authorize for a change of row: row is the new state (to
// create, update or delete), fields the changed fields of an update. Beyond
// Authorize, a coordinator creates updates in their own name only.
func AuthorizeRow(actor *Person, op Op, m *Measure, row Row, fields []string) error {
	if err := Authorize(actor, row.Entity(), op, m, fields); err != nil {
		return err
	}
	if u, ok := row.(*Update); ok && op == OpCreate && actor.Role != RoleOffice && u.Author != Ref(actor.ID) {
		return Forbidden(ReasonOwnNameOnly, "%s writes updates in their own name only (author %d is someone else)", actor.Name.In(BG), u.Author)
	}
	if u, ok := row.(*Update); ok && op == OpCreate && actor.Role != RoleOffice && u.Internal {
		return Forbidden(ReasonCoordinatorOnly, "%s may not mark an update internal: what is published is the office's decision", actor.Name.In(BG))
	}
	return nil
}

// AuthorizePlanImport is the one rule of who may import a plan workbook:
// the office, as it adds and changes every part of the plan.
func AuthorizePlanImport(actor *Person) error {
	if actor != nil && actor.Role == RoleCoordinator {
		return Forbidden(ReasonCoordinatorOnly, "%s is a coordinator: only the strategy office imports a plan", actor.Name.In(BG))
	}
	return Authorize(actor, EntityStrategy, OpUpdate, nil, nil)
}

func subset(fields, allowed []string) bool {
	for _, f := range fields {
		if !slices.Contains(allowed, f) {
			return false
		}
	}
	return true
}
