package model

import (
	"encoding/json"
	"math"
	"strings"
	"testing"
)

// summaryDoc has four areas whose order differs from their codes and four
// measures covering completed, not started, cancelled and at risk.
func summaryDoc() *Doc {
	municipal := T("Общински бюджет", "Municipal budget")
	opgg := T("ОП „Добро управление“", "Good Governance OP")
	return &Doc{
		Format: Format,
		Areas: []Area{
			{Code: "A1", Order: 2, Title: T("Е-управление", "e-Government")},
			{Code: "A10", Order: 2, Title: T("Десета", "Tenth")},
			{Code: "A2", Order: 1, Title: T("Комунални услуги", "Utilities")},
			{Code: "A3", Order: 0, Title: T("Транспорт", "Transport")},
		},
		Measures: []Measure{
			{ // completed: manual 100, no milestones; expected 50
				Code: "1.1", Area: "A1", Weight: 1, ManualProgress: 100,
				Start: asOf.AddDays(-100), End: asOf.AddDays(100),
				PlannedCents: 100000, SpentCents: 50000,
				Funding: []Funding{{Name: municipal, AmountCents: 100000}},
			},
			{ // not started: progress 0, expected 0
				Code: "1.2", Area: "A1", Weight: 3,
				Start: asOf.AddDays(10), End: asOf.AddDays(200),
				PlannedCents: 300000,
				Funding:      []Funding{{Name: opgg, AmountCents: 300000}},
				Milestones:   []Milestone{open(asOf.AddDays(10), 1), open(asOf.AddDays(100), 1)},
			},
			{ // cancelled: excluded from progress and budget
				Code: "2.1", Area: "A2", Weight: 5, ManualProgress: 50, Cancelled: true,
				Start: asOf.AddDays(-100), End: asOf.AddDays(100),
				PlannedCents: 1000000, SpentCents: 900000,
				Funding:    []Funding{{Name: municipal, AmountCents: 1000000}},
				Milestones: []Milestone{done(asOf.AddDays(-50), asOf.AddDays(-50), 1), open(asOf.AddDays(50), 1)},
			},
			{ // at risk: progress 50, expected 50, one milestone 10 days overdue
				Code: "3.1", Area: "A3", Weight: 2,
				Start: asOf.AddDays(-100), End: asOf.AddDays(100),
				PlannedCents: 200000, SpentCents: 100000,
				Funding:    []Funding{{Name: municipal, AmountCents: 200000}},
				Milestones: []Milestone{done(asOf.AddDays(-20), asOf.AddDays(-5), 1), open(asOf.AddDays(-10), 1)},
			},
		},
	}
}

func TestSummarize(t *testing.T) {
	s := Summarize(summaryDoc(), asOf)

	if got, want := s.AsOf, asOf; got != want {
		t.Errorf("AsOf = %v, want %v", got, want)
	}
	if got, want := s.Measures, 4; got != want {
		t.Errorf("Measures = %d, want %d (cancelled ones included)", got, want)
	}
	if got, want := s.Milestones, 6; got != want {
		t.Errorf("Milestones = %d, want %d", got, want)
	}
	// Σ(weight × progress)/Σ weight over 1.1 (w1, 100), 1.2 (w3, 0), 3.1 (w2, 50).
	if got, want := float64(s.Progress), 200.0/6; math.Abs(got-want) > 1e-9 {
		t.Errorf("Progress = %v, want %v", got, want)
	}
	if got, want := float64(s.Expected), 150.0/6; math.Abs(got-want) > 1e-9 {
		t.Errorf("Expected = %v, want %v", got, want)
	}
	wantStatus := map[Status]int{StatusCompleted: 1, StatusOnTrack: 0, StatusAtRisk: 1, StatusDelayed: 0, StatusNotStarted: 1, StatusCancelled: 1}
	for _, st := range Statuses {
		if got, want := s.Status[st], wantStatus[st]; got != want {
			t.Errorf("Status[%s] = %d, want %d", st, got, want)
		}
	}
	wantStates := map[MilestoneState]int{StateDone: 1, StateOverdue: 1, StateDueSoon: 1, StatePending: 1, StateCancelled: 2}
	for _, st := range MilestoneStates {
		if got, want := s.MilestoneStates[st], wantStates[st]; got != want {
			t.Errorf("MilestoneStates[%s] = %d, want %d", st, got, want)
		}
	}
	if got, want := s.Budget, (Budget{PlannedCents: 600000, SpentCents: 150000}); got != want {
		t.Errorf("Budget = %+v, want %+v (cancelled measure excluded)", got, want)
	}

	wantAreas := []struct {
		code               string
		measures           int
		progress, expected float64
		status             map[Status]int
		budget             Budget
	}{
		{"A3", 1, 50, 50, map[Status]int{StatusAtRisk: 1}, Budget{200000, 100000}},
		{"A2", 1, 0, 0, map[Status]int{StatusCancelled: 1}, Budget{0, 0}},
		{"A1", 2, 25, 12.5, map[Status]int{StatusCompleted: 1, StatusNotStarted: 1}, Budget{400000, 50000}},
		{"A10", 0, 0, 0, map[Status]int{}, Budget{0, 0}},
	}
	if len(s.Areas) != len(wantAreas) {
		t.Fatalf("len(Areas) = %d, want %d", len(s.Areas), len(wantAreas))
	}
	for i, want := range wantAreas {
		got := s.Areas[i]
		if got.Code != want.code {
			t.Errorf("Areas[%d].Code = %q, want %q (by order, then code)", i, got.Code, want.code)
			continue
		}
		if got.Measures != want.measures {
			t.Errorf("area %s: Measures = %d, want %d", want.code, got.Measures, want.measures)
		}
		if math.Abs(float64(got.Progress)-want.progress) > 1e-9 || math.Abs(float64(got.Expected)-want.expected) > 1e-9 {
			t.Errorf("area %s: Progress, Expected = %v, %v; want %v, %v", want.code, got.Progress, got.Expected, want.progress, want.expected)
		}
		for _, st := range Statuses {
			if got.Status[st] != want.status[st] {
				t.Errorf("area %s: Status[%s] = %d, want %d", want.code, st, got.Status[st], want.status[st])
			}
		}
		if got.Budget != want.budget {
			t.Errorf("area %s: Budget = %+v, want %+v", want.code, got.Budget, want.budget)
		}
	}

	wantFunding := []FundingTotal{
		{Name: T("Общински бюджет", "Municipal budget"), AmountCents: 300000, Measures: 2},
		{Name: T("ОП „Добро управление“", "Good Governance OP"), AmountCents: 300000, Measures: 1},
	}
	if len(s.Funding) != len(wantFunding) {
		t.Fatalf("Funding = %+v, want %+v", s.Funding, wantFunding)
	}
	for i := range wantFunding {
		if s.Funding[i] != wantFunding[i] {
			t.Errorf("Funding[%d] = %+v, want %+v", i, s.Funding[i], wantFunding[i])
		}
	}
}

func TestSummaryJSON(t *testing.T) {
	b, err := json.Marshal(Summarize(summaryDoc(), asOf))
	if err != nil {
		t.Fatal(err)
	}
	got := string(b)
	for _, want := range []string{
		`{"asOf":"2026-06-15","measures":4,"milestones":6,"progress":33.3,"expected":25.0,`,
		`"status":{"completed":1,"on_track":0,"at_risk":1,"delayed":0,"not_started":1,"cancelled":1}`,
		`"milestoneStates":{"done":1,"overdue":1,"due_soon":1,"pending":1,"cancelled":2}`,
		`"budget":{"plannedCents":600000,"spentCents":150000}`,
		// DESIGN.md §4: progress right after the area's code.
		`{"code":"A3","progress":50.0,"expected":50.0,"status":{"completed":0,"on_track":0,"at_risk":1,"delayed":0,"not_started":0,"cancelled":0},"title":{"bg":"Транспорт","en":"Transport"},"measures":1`,
		`"code":"A1","progress":25.0,"expected":12.5,`,
		`"code":"A10","progress":0.0,"expected":0.0,"status":{"completed":0,"on_track":0,"at_risk":0,"delayed":0,"not_started":0,"cancelled":0},"title":{"bg":"Десета","en":"Tenth"},"measures":0`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("summary JSON lacks %s\ngot %s", want, got)
		}
	}
	var parsed struct {
		Areas []struct{ Code string } `json:"areas"`
	}
	if err := json.Unmarshal(b, &parsed); err != nil {
		t.Fatal(err)
	}
	var codes []string
	for _, a := range parsed.Areas {
		codes = append(codes, a.Code)
	}
	if got, want := strings.Join(codes, ","), "A3,A2,A1,A10"; got != want {
		t.Errorf("areas in JSON = %s, want %s", got, want)
	}
}

func TestSummaryJSONOfEmptyDoc(t *testing.T) {
	b, err := json.Marshal(Summarize(&Doc{Format: Format}, asOf))
	if err != nil {
		t.Fatal(err)
	}
	got := string(b)
	for _, want := range []string{
		`"measures":0,"milestones":0,"progress":0.0,"expected":0.0,`,
		`"status":{"completed":0,"on_track":0,"at_risk":0,"delayed":0,"not_started":0,"cancelled":0}`,
		`"milestoneStates":{"done":0,"overdue":0,"due_soon":0,"pending":0,"cancelled":0}`,
		`"areas":[]`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("summary JSON lacks %s\ngot %s", want, got)
		}
	}
}

func TestSummarizeMeasureOfUnknownAreaCountsInTotalsOnly(t *testing.T) {
	d := &Doc{
		Areas: []Area{{Code: "A1", Title: T("Едно", "One")}},
		Measures: []Measure{
			{Code: "1.1", Area: "A1", Weight: 1, ManualProgress: 20, Start: asOf.AddDays(-10), End: asOf.AddDays(10), PlannedCents: 10},
			{Code: "9.1", Area: "A9", Weight: 1, ManualProgress: 60, Start: asOf.AddDays(-10), End: asOf.AddDays(10), PlannedCents: 5},
		},
	}
	s := Summarize(d, asOf)
	if got, want := float64(s.Progress), 40.0; got != want {
		t.Errorf("Progress = %v, want %v", got, want)
	}
	if got, want := s.Budget.PlannedCents, int64(15); got != want {
		t.Errorf("Budget.PlannedCents = %d, want %d", got, want)
	}
	if len(s.Areas) != 1 || s.Areas[0].Measures != 1 || float64(s.Areas[0].Progress) != 20 {
		t.Errorf("Areas = %+v, want only A1 with its one measure at 20", s.Areas)
	}
}

func TestPercentJSON(t *testing.T) {
	tests := []struct {
		p    Percent
		want string
	}{
		{50, "50.0"},
		{0, "0.0"},
		{100, "100.0"},
		{41.66, "41.7"},
		{41.64, "41.6"},
		{12.25, "12.3"}, // half away from zero
		{200.0 / 6, "33.3"},
	}
	for _, tt := range tests {
		b, err := json.Marshal(tt.p)
		if err != nil {
			t.Fatal(err)
		}
		if got := string(b); got != tt.want {
			t.Errorf("Marshal(Percent(%v)) = %s, want %s", float64(tt.p), got, tt.want)
		}
	}
}
