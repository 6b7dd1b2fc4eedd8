package model

import (
	"bytes"
	"strings"
	"testing"
)

// Visibility flags are written only when set, and survive export → load → export.
func TestVisibilityFlagsInTheExchangeFormat(t *testing.T) {
	d := Generate(20, 1)
	plain := string(encode(t, d))
	for _, key := range []string{`"internal"`, `"noteInternal"`, `"public"`} {
		if strings.Contains(plain, key) {
			t.Errorf("a document without visibility flags writes %s", key)
		}
	}
	d.People[0].Public = true
	d.Measures[0].Internal = true
	d.Measures[0].Milestones[0].NoteInternal = true
	d.Measures[0].Updates = append(d.Measures[0].Updates, Update{ID: 9001, Date: MustDate("2025-01-02"), Text: T("а", "a"), Internal: true})
	for i := range d.Measures {
		if len(d.Measures[i].KPIs) > 0 {
			d.Measures[i].KPIs[0].Internal = true
			break
		}
	}
	first := encode(t, d)
	back, err := DecodeBytes(first)
	if err != nil {
		t.Fatal(err)
	}
	if second := encode(t, back); !bytes.Equal(first, second) {
		t.Fatal("export → load → export differs with visibility flags")
	}
	for _, key := range []string{`"internal": true`, `"noteInternal": true`, `"public": true`} {
		if got, want := strings.Count(string(first), key) > 0, true; got != want {
			t.Errorf("%s written: %v, want %v", key, got, want)
		}
	}
	if !back.People[0].Public || !back.Measures[0].Internal || !back.Measures[0].Milestones[0].NoteInternal {
		t.Error("flags lost on load")
	}
}

// What is published is the office's decision: a coordinator may write a
// milestone's note but not make it internal or public, nor a measure or KPI.
func TestOnlyTheOfficeDecidesVisibility(t *testing.T) {
	d := Generate(10, 1)
	m := &d.Measures[0]
	coord := &Person{ID: 99, Name: T("К", "C"), Role: RoleCoordinator, Unit: m.LeadUnit}
	office := &Person{ID: 98, Name: T("О", "O"), Role: RoleOffice}
	tests := []struct {
		entity Entity
		field  string
	}{
		{EntityMilestone, "noteInternal"},
		{EntityMeasure, "internal"},
		{EntityKPI, "internal"},
		{EntityUpdate, "internal"},
	}
	for _, tt := range tests {
		if err := Authorize(coord, tt.entity, OpUpdate, m, []string{tt.field}); ErrorCode(err) != EFORBIDDEN {
			t.Errorf("coordinator changes %s %s: %v, want refused", tt.entity, tt.field, err)
		}
		if err := Authorize(office, tt.entity, OpUpdate, m, []string{tt.field}); err != nil {
			t.Errorf("office changes %s %s: %v", tt.entity, tt.field, err)
		}
	}
	if err := Authorize(coord, EntityMilestone, OpUpdate, m, []string{"note"}); err != nil {
		t.Errorf("coordinator writes a note of their measure: %v", err)
	}
	if err := AuthorizeRow(coord, OpCreate, m, &Update{MeasureID: m.ID, Author: Ref(coord.ID), Internal: true}, nil); ErrorCode(err) != EFORBIDDEN {
		t.Errorf("coordinator writes an internal update: %v, want refused", err)
	}
	if err := AuthorizeRow(coord, OpCreate, m, &Update{MeasureID: m.ID, Author: Ref(coord.ID), Text: T("x", "")}, nil); err != nil {
		t.Errorf("coordinator writes an update of their measure: %v", err)
	}
}
