package model

import (
	"strings"
	"testing"
)

func TestAuthorize(t *testing.T) {
	office := &Person{ID: 1, Name: T("Мария", "Maria"), Unit: "IS", Role: RoleOffice}
	council := &Person{ID: 2, Name: T("Съветник", "Councillor"), Unit: "SOS", Role: RoleCouncil}
	coord := &Person{ID: 3, Name: T("Георги", "Georgi"), Unit: "UMC", Role: RoleCoordinator}   // lead unit of own
	resp := &Person{ID: 4, Name: T("Елена", "Elena"), Unit: "IT", Role: RoleCoordinator}       // responsible for own
	stranger := &Person{ID: 5, Name: T("Стоян", "Stoyan"), Unit: "EDU", Role: RoleCoordinator} // neither
	noRole := &Person{ID: 6, Name: T("Без роля", "No role"), Unit: "UMC", Role: ""}
	own := &Measure{Code: "3.2", LeadUnit: "UMC", Responsible: 4}
	other := &Measure{Code: "1.1", LeadUnit: "IS", Responsible: 1}

	tests := []struct {
		name    string
		actor   *Person
		entity  Entity
		op      Op
		m       *Measure
		fields  []string
		allowed bool
	}{
		// office may do anything
		{"office creates a goal", office, EntityGoal, OpCreate, nil, nil, true},
		{"office edits the strategy", office, EntityStrategy, OpUpdate, nil, []string{"title"}, true},
		{"office changes a milestone's due", office, EntityMilestone, OpUpdate, own, []string{"due"}, true},
		{"office deletes a measure", office, EntityMeasure, OpDelete, other, nil, true},
		{"office edits a person", office, EntityPerson, OpUpdate, nil, []string{"role"}, true},
		// council may do nothing
		{"council completes a milestone", council, EntityMilestone, OpUpdate, own, []string{"completed"}, false},
		{"council adds a KPI value", council, EntityKPIValue, OpCreate, own, nil, false},
		{"council writes an update", council, EntityUpdate, OpCreate, own, nil, false},
		{"council edits a goal", council, EntityGoal, OpUpdate, nil, []string{"title"}, false},
		// nobody, or an unknown role
		{"no acting person", nil, EntityUpdate, OpCreate, own, nil, false},
		{"person without a role", noRole, EntityUpdate, OpCreate, own, nil, false},
		// coordinator of the lead unit: what §3 allows
		{"coordinator completes a milestone", coord, EntityMilestone, OpUpdate, own, []string{"completed"}, true},
		{"coordinator writes a note", coord, EntityMilestone, OpUpdate, own, []string{"note"}, true},
		{"coordinator adds evidence", coord, EntityMilestone, OpUpdate, own, []string{"evidence"}, true},
		{"coordinator cancels a milestone", coord, EntityMilestone, OpUpdate, own, []string{"cancelled"}, true},
		{"coordinator changes all four milestone fields", coord, EntityMilestone, OpUpdate, own, []string{"completed", "note", "evidence", "cancelled"}, true},
		{"coordinator adds a KPI value", coord, EntityKPIValue, OpCreate, own, nil, true},
		{"coordinator corrects a KPI value", coord, EntityKPIValue, OpUpdate, own, []string{"value"}, true},
		{"coordinator deletes a KPI value", coord, EntityKPIValue, OpDelete, own, nil, true},
		{"coordinator writes an update", coord, EntityUpdate, OpCreate, own, nil, true},
		{"coordinator edits an update", coord, EntityUpdate, OpUpdate, own, []string{"text"}, true},
		{"coordinator deletes an update", coord, EntityUpdate, OpDelete, own, nil, true},
		{"coordinator sets manual progress", coord, EntityMeasure, OpUpdate, own, []string{"manualProgress"}, true},
		// responsible person (another unit): the same rights
		{"responsible completes a milestone", resp, EntityMilestone, OpUpdate, own, []string{"completed", "note"}, true},
		{"responsible adds a KPI value", resp, EntityKPIValue, OpCreate, own, nil, true},
		{"responsible writes an update", resp, EntityUpdate, OpCreate, own, nil, true},
		{"responsible sets manual progress", resp, EntityMeasure, OpUpdate, own, []string{"manualProgress"}, true},
		{"responsible changes a milestone's due", resp, EntityMilestone, OpUpdate, own, []string{"due"}, false},
		// coordinator: what §3 does not allow
		{"coordinator renames a milestone", coord, EntityMilestone, OpUpdate, own, []string{"title"}, false},
		{"coordinator moves a milestone's due", coord, EntityMilestone, OpUpdate, own, []string{"due"}, false},
		{"coordinator changes a milestone's weight", coord, EntityMilestone, OpUpdate, own, []string{"weight"}, false},
		{"coordinator completes and moves due at once", coord, EntityMilestone, OpUpdate, own, []string{"completed", "due"}, false},
		{"coordinator creates a milestone", coord, EntityMilestone, OpCreate, own, nil, false},
		{"coordinator deletes a milestone", coord, EntityMilestone, OpDelete, own, nil, false},
		{"coordinator renames the measure", coord, EntityMeasure, OpUpdate, own, []string{"title"}, false},
		{"coordinator sets progress and the end date", coord, EntityMeasure, OpUpdate, own, []string{"manualProgress", "end"}, false},
		{"coordinator overrides the status", coord, EntityMeasure, OpUpdate, own, []string{"override"}, false},
		{"coordinator creates a measure", coord, EntityMeasure, OpCreate, own, nil, false},
		{"coordinator deletes the measure", coord, EntityMeasure, OpDelete, own, nil, false},
		{"coordinator edits the KPI itself", coord, EntityKPI, OpUpdate, own, []string{"targetValue"}, false},
		{"coordinator creates a KPI", coord, EntityKPI, OpCreate, own, nil, false},
		{"coordinator completes another unit's milestone", coord, EntityMilestone, OpUpdate, other, []string{"completed"}, false},
		{"coordinator adds a value to another unit's KPI", coord, EntityKPIValue, OpCreate, other, nil, false},
		{"coordinator writes an update on another unit's measure", coord, EntityUpdate, OpCreate, other, nil, false},
		{"coordinator sets another unit's manual progress", coord, EntityMeasure, OpUpdate, other, []string{"manualProgress"}, false},
		{"stranger completes a milestone", stranger, EntityMilestone, OpUpdate, own, []string{"completed"}, false},
		{"coordinator edits a goal", coord, EntityGoal, OpUpdate, nil, []string{"title"}, false},
		{"coordinator creates an area", coord, EntityArea, OpCreate, nil, nil, false},
		{"coordinator edits a unit", coord, EntityUnit, OpUpdate, nil, []string{"name"}, false},
		{"coordinator edits a person", coord, EntityPerson, OpUpdate, nil, []string{"role"}, false},
		{"coordinator edits the strategy", coord, EntityStrategy, OpUpdate, nil, []string{"title"}, false},
		{"coordinator takes a snapshot", coord, EntitySnapshot, OpCreate, nil, nil, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := Authorize(tt.actor, tt.entity, tt.op, tt.m, tt.fields)
			if tt.allowed {
				if err != nil {
					t.Fatalf("Authorize: %v, want allowed", err)
				}
				return
			}
			if err == nil {
				t.Fatal("Authorize: allowed, want EFORBIDDEN")
			}
			if code := ErrorCode(err); code != EFORBIDDEN {
				t.Errorf("error code = %q, want %q", code, EFORBIDDEN)
			}
			if tt.actor != nil && !strings.Contains(ErrorMessage(err), tt.actor.Name.BG) {
				t.Errorf("message %q should name the acting person", ErrorMessage(err))
			}
		})
	}
}

func TestCoordinatesAndCanEdit(t *testing.T) {
	coord := &Person{ID: 3, Unit: "UMC", Role: RoleCoordinator}
	tests := []struct {
		name string
		m    *Measure
		want bool
	}{
		{"lead unit", &Measure{LeadUnit: "UMC", Responsible: 9}, true},
		{"responsible", &Measure{LeadUnit: "IS", Responsible: 3}, true},
		{"partner only", &Measure{LeadUnit: "IS", Responsible: 9, Partners: []string{"UMC"}}, false},
		{"neither", &Measure{LeadUnit: "IS", Responsible: 9}, false},
		{"no measure", nil, false},
	}
	for _, tt := range tests {
		if got := coord.Coordinates(tt.m); got != tt.want {
			t.Errorf("%s: Coordinates = %v, want %v", tt.name, got, tt.want)
		}
	}
	for _, tt := range []struct {
		p    *Person
		want bool
	}{
		{&Person{Role: RoleOffice}, true},
		{&Person{Role: RoleCoordinator}, true},
		{&Person{Role: RoleCouncil}, false},
		{nil, false},
	} {
		if got := tt.p.CanEdit(); got != tt.want {
			t.Errorf("CanEdit(%+v) = %v, want %v", tt.p, got, tt.want)
		}
	}
}

func TestRefusalsCarryReasons(t *testing.T) {
	office := &Person{ID: 1, Name: T("Мария", "Maria"), Unit: "IS", Role: RoleOffice}
	council := &Person{ID: 2, Name: T("Съветник", "Councillor"), Unit: "SOS", Role: RoleCouncil}
	coord := &Person{ID: 3, Name: T("Георги", "Georgi"), Unit: "UMC", Role: RoleCoordinator}
	noRole := &Person{ID: 6, Name: T("Без роля", "No role"), Unit: "UMC"}
	own := &Measure{ID: 7, Code: "3.2", LeadUnit: "UMC"}
	other := &Measure{ID: 8, Code: "1.1", LeadUnit: "IS"}
	tests := []struct {
		name   string
		actor  *Person
		op     Op
		m      *Measure
		row    Row
		fields []string
		want   Reason
	}{
		{"nobody", nil, OpCreate, own, &Update{Author: 3}, nil, ReasonNoActor},
		{"no role", noRole, OpCreate, own, &Update{Author: 6}, nil, ReasonUnknownRole},
		{"council", council, OpUpdate, own, &Milestone{}, []string{"note"}, ReasonCouncil},
		{"another unit's measure", coord, OpCreate, other, &KPIValue{}, nil, ReasonNotTheirMeasure},
		{"a coordinator moves a due date", coord, OpUpdate, own, &Milestone{}, []string{"due"}, ReasonCoordinatorOnly},
		{"a coordinator writes in another's name", coord, OpCreate, own, &Update{Author: 1}, nil, ReasonOwnNameOnly},
		{"a coordinator changes an update's author", coord, OpUpdate, own, &Update{Author: 1}, []string{"author"}, ReasonAuthorFixed},
		{"a coordinator writes in their own name", coord, OpCreate, own, &Update{Author: 3}, nil, ""},
		{"a coordinator edits their own update's text", coord, OpUpdate, own, &Update{Author: 3}, []string{"text"}, ""},
		{"the office writes in another's name", office, OpCreate, own, &Update{Author: 3}, nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := AuthorizeRow(tt.actor, tt.op, tt.m, tt.row, tt.fields)
			if got := ErrorReason(err); got != tt.want {
				t.Errorf("reason = %q (%v), want %q", got, err, tt.want)
			}
			if tt.want != "" && (ErrorCode(err) != EFORBIDDEN || ErrorMessage(err) == "") {
				t.Errorf("refusal %v is not forbidden with a message", err)
			}
		})
	}
}
