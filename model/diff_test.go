package model

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
)

func TestDiffMilestone(t *testing.T) {
	base := Milestone{ID: 7, MeasureID: 3, Title: T("Анализ", "Analysis"), Due: MustDate("2026-03-31"), Weight: 1, Version: 4}
	tests := []struct {
		name   string
		change func(m *Milestone)
		want   []FieldChange
	}{
		{"nothing changed", func(m *Milestone) {}, nil},
		{"id, measure id and version are ignored", func(m *Milestone) { m.ID, m.MeasureID, m.Version = 8, 9, 5 }, nil},
		{"completed set", func(m *Milestone) { m.Completed = MustDate("2026-03-20") },
			[]FieldChange{{"completed", "null", `"2026-03-20"`}}},
		{"note and evidence, in struct order", func(m *Milestone) { m.Evidence = "https://sofia.bg/a?x=1&y=2"; m.Note = "Готово <ок>" },
			[]FieldChange{{"note", `""`, `"Готово <ок>"`}, {"evidence", `""`, `"https://sofia.bg/a?x=1&y=2"`}}},
		{"title in one language", func(m *Milestone) { m.Title.EN = "Study" },
			[]FieldChange{{"title", `{"bg":"Анализ","en":"Analysis"}`, `{"bg":"Анализ","en":"Study"}`}}},
		{"due and weight", func(m *Milestone) { m.Due = MustDate("2026-04-30"); m.Weight = 2.5 },
			[]FieldChange{{"due", `"2026-03-31"`, `"2026-04-30"`}, {"weight", "1", "2.5"}}},
		{"responsible set and cancelled", func(m *Milestone) { m.Responsible = 12; m.Cancelled = true },
			[]FieldChange{{"cancelled", "false", "true"}, {"responsible", "null", "12"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			changed := base
			tt.change(&changed)
			got := Diff(base, &changed) // a value and a pointer compare alike
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Diff = %#v, want %#v", got, tt.want)
			}
			wantFields := make([]string, len(tt.want))
			for i, c := range tt.want {
				wantFields[i] = c.Field
			}
			if gotFields := Fields(got); !reflect.DeepEqual(gotFields, wantFields) {
				t.Errorf("Fields = %v, want %v", gotFields, wantFields)
			}
		})
	}
}

func TestDiffMeasureIgnoresChildListsAndIDs(t *testing.T) {
	old := Measure{ID: 1, Code: "1.1", Area: "A1", Weight: 1, Version: 1}
	changed := old
	changed.ID, changed.Version = 2, 9
	changed.Milestones = []Milestone{{ID: 1}}
	changed.KPIs = []KPI{{ID: 1}}
	changed.Updates = []Update{{ID: 1}}
	if got := Diff(&old, &changed); len(got) != 0 {
		t.Errorf("Diff = %#v, want no changes", got)
	}

	changed.ManualProgress = 40
	changed.Override = &Override{Status: StatusAtRisk, Reason: "забава"}
	changed.Goals = []string{"G1"}
	got := Diff(&old, &changed)
	want := []FieldChange{
		{"goals", "[]", `["G1"]`}, // a nil list is an empty one
		{"manualProgress", "0", "40"},
		{"override", "null", `{"status":"at_risk","reason":"забава"}`},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Diff = %#v, want %#v", got, want)
	}
}

func TestRowJSON(t *testing.T) {
	ms := Milestone{ID: 7, MeasureID: 3, Title: T("Анализ", "Analysis"), Due: MustDate("2026-03-31"), Weight: 1, Note: "a<b & c", Version: 4}
	want := `{"id":7,"title":{"bg":"Анализ","en":"Analysis"},"due":"2026-03-31","completed":null,"cancelled":false,"weight":1,"responsible":null,"note":"a<b & c","evidence":""}`
	if got := RowJSON(&ms); got != want {
		t.Errorf("RowJSON(milestone) =\n%s\nwant\n%s", got, want)
	}

	m := validDoc().Measures[0]
	m.Version = 3
	got := RowJSON(m)
	var parsed map[string]json.RawMessage
	if err := json.Unmarshal([]byte(got), &parsed); err != nil {
		t.Fatalf("RowJSON(measure) is not JSON: %v\n%s", err, got)
	}
	for _, key := range []string{"milestones", "kpis", "updates", "Version", "version"} {
		if _, ok := parsed[key]; ok {
			t.Errorf("RowJSON(measure) has key %q: %s", key, got)
		}
	}
	for _, key := range []string{"code", "area", "goals", "title", "leadUnit", "responsible", "start", "end", "plannedCents", "funding", "override"} {
		if _, ok := parsed[key]; !ok {
			t.Errorf("RowJSON(measure) lacks key %q: %s", key, got)
		}
	}
	if !strings.HasPrefix(got, `{"id":1,"code":"1.1","area":"A1",`) {
		t.Errorf("RowJSON(measure) keys out of struct order: %s", got)
	}
}

func TestNilAndEmptyListsAreTheSame(t *testing.T) {
	a := Measure{Code: "1.1", Goals: nil, Partners: []string{}, Funding: nil}
	b := Measure{Code: "1.1", Goals: []string{}, Partners: nil, Funding: []Funding{}}
	if changes := Diff(&a, &b); len(changes) != 0 || Changed(&a, &b) {
		t.Errorf("nil and empty lists differ: %+v", changes)
	}
	if RowJSON(&a) != RowJSON(&b) {
		t.Errorf("RowJSON differs: %s vs %s", RowJSON(&a), RowJSON(&b))
	}
	b.Goals = []string{"G1"}
	if got := Fields(Diff(&a, &b)); len(got) != 1 || got[0] != "goals" {
		t.Errorf("a real change: %v", got)
	}
}
