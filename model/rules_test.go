package model

import (
	"math"
	"testing"
)

// asOf is the as-of date of the rule tests.
var asOf = MustDate("2026-06-15")

func ms(due Date) Milestone {
	return Milestone{ID: 1, Due: due, Weight: 1, Title: T("Етап", "Step")}
}

func done(due, completed Date, weight float64) Milestone {
	return Milestone{Due: due, Completed: completed, Weight: weight, Title: T("Етап", "Step")}
}

func open(due Date, weight float64) Milestone {
	return Milestone{Due: due, Weight: weight, Title: T("Етап", "Step")}
}

func cancelled(m Milestone) Milestone { m.Cancelled = true; return m }

func TestMilestoneStateAt(t *testing.T) {
	tests := []struct {
		name             string
		ms               Milestone
		measureCancelled bool
		want             MilestoneState
		wantDaysOverdue  int
	}{
		{"due exactly on asOf is due soon, not overdue", ms(asOf), false, StateDueSoon, 0},
		{"due the day before asOf is overdue by 1", ms(asOf.AddDays(-1)), false, StateOverdue, 1},
		{"due 60 days ago", ms(asOf.AddDays(-60)), false, StateOverdue, 60},
		{"due asOf+30 is due soon", ms(asOf.AddDays(30)), false, StateDueSoon, 0},
		{"due asOf+31 is pending", ms(asOf.AddDays(31)), false, StatePending, 0},
		{"completed on asOf is done", done(asOf.AddDays(-10), asOf, 1), false, StateDone, 0},
		{"completed before due is done", done(asOf.AddDays(100), asOf.AddDays(-1), 1), false, StateDone, 0},
		{"completed after asOf is not done (pending)", done(asOf.AddDays(40), asOf.AddDays(1), 1), false, StatePending, 0},
		{"completed after asOf is not done (overdue)", done(asOf.AddDays(-5), asOf.AddDays(1), 1), false, StateOverdue, 5},
		{"cancelled flag beats done", cancelled(done(asOf.AddDays(-5), asOf.AddDays(-6), 1)), false, StateCancelled, 0},
		{"cancelled overdue milestone is not overdue", cancelled(ms(asOf.AddDays(-90))), false, StateCancelled, 0},
		{"measure cancelled cancels an overdue milestone", ms(asOf.AddDays(-90)), true, StateCancelled, 0},
		{"measure cancelled cancels a done milestone", done(asOf.AddDays(-5), asOf.AddDays(-6), 1), true, StateCancelled, 0},
		{"measure cancelled cancels a pending milestone", ms(asOf.AddDays(200)), true, StateCancelled, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.ms.StateAt(tt.measureCancelled, asOf); got != tt.want {
				t.Errorf("StateAt = %q, want %q", got, tt.want)
			}
			if got := tt.ms.DaysOverdue(tt.measureCancelled, asOf); got != tt.wantDaysOverdue {
				t.Errorf("DaysOverdue = %d, want %d", got, tt.wantDaysOverdue)
			}
		})
	}
}

func TestCancelledMeasureCancelsAllMilestones(t *testing.T) {
	m := Measure{Cancelled: true, Start: asOf.AddDays(-100), End: asOf.AddDays(100), Weight: 1,
		Milestones: []Milestone{
			done(asOf.AddDays(-50), asOf.AddDays(-50), 1),
			open(asOf.AddDays(-80), 1),
			open(asOf.AddDays(10), 1),
			open(asOf.AddDays(100), 1),
		}}
	for i := range m.Milestones {
		if got := m.Milestones[i].StateAt(m.Cancelled, asOf); got != StateCancelled {
			t.Errorf("milestone %d: state %q, want %q", i, got, StateCancelled)
		}
	}
	f := m.Evaluate(asOf)
	if f.Status != StatusCancelled || f.Computed != StatusCancelled {
		t.Errorf("Status, Computed = %q, %q, want cancelled, cancelled", f.Status, f.Computed)
	}
	if f.Overdue != 0 || f.MaxDaysOverdue != 0 {
		t.Errorf("Overdue, MaxDaysOverdue = %d, %d, want 0, 0", f.Overdue, f.MaxDaysOverdue)
	}
}

// span200 is a measure running 200 days with asOf in the middle: expected 50.
func span200(milestones ...Milestone) Measure {
	return Measure{Code: "1.1", Start: asOf.AddDays(-100), End: asOf.AddDays(100), Weight: 1, Milestones: milestones}
}

func TestEvaluate(t *testing.T) {
	far := asOf.AddDays(90) // pending
	past := asOf.AddDays(-20)
	tests := []struct {
		name           string
		m              Measure
		asOf           Date
		wantProgress   float64
		wantExpected   float64
		wantComputed   Status
		wantStatus     Status
		wantOverridden bool
		wantOverdue    int
		wantMaxDays    int
	}{
		{
			name:         "overdue by exactly 60 days is at risk",
			m:            span200(done(past, past, 3), open(asOf.AddDays(-60), 1)),
			asOf:         asOf,
			wantProgress: 75, wantExpected: 50,
			wantComputed: StatusAtRisk, wantStatus: StatusAtRisk, wantOverdue: 1, wantMaxDays: 60,
		},
		{
			name:         "overdue by 61 days is delayed",
			m:            span200(done(past, past, 3), open(asOf.AddDays(-61), 1)),
			asOf:         asOf,
			wantProgress: 75, wantExpected: 50,
			wantComputed: StatusDelayed, wantStatus: StatusDelayed, wantOverdue: 1, wantMaxDays: 61,
		},
		{
			name:         "overdue by 1 day is at risk",
			m:            span200(done(past, past, 3), open(asOf.AddDays(-1), 1)),
			asOf:         asOf,
			wantProgress: 75, wantExpected: 50,
			wantComputed: StatusAtRisk, wantStatus: StatusAtRisk, wantOverdue: 1, wantMaxDays: 1,
		},
		{
			name:         "the worst overdue milestone decides",
			m:            span200(open(asOf.AddDays(-3), 1), open(asOf.AddDays(-61), 1), done(past, past, 6)),
			asOf:         asOf,
			wantProgress: 75, wantExpected: 50,
			wantComputed: StatusDelayed, wantStatus: StatusDelayed, wantOverdue: 2, wantMaxDays: 61,
		},
		{
			name:         "weights 1 done, 3 open: progress 25; gap exactly 25 is on track",
			m:            span200(done(past, past, 1), open(far, 3)),
			asOf:         asOf,
			wantProgress: 25, wantExpected: 50,
			wantComputed: StatusOnTrack, wantStatus: StatusOnTrack,
		},
		{
			name:         "weights 3 done, 1 open: progress 75",
			m:            span200(done(past, past, 3), open(far, 1)),
			asOf:         asOf,
			wantProgress: 75, wantExpected: 50,
			wantComputed: StatusOnTrack, wantStatus: StatusOnTrack,
		},
		{
			name:         "gap 25.5 is at risk",
			m:            span200(done(past, past, 1), open(far, 3)),
			asOf:         asOf.AddDays(1),
			wantProgress: 25, wantExpected: 50.5,
			wantComputed: StatusAtRisk, wantStatus: StatusAtRisk,
		},
		{
			// 12-day measure, 5 days in: expected 41.67; 1 of 6 done: 16.67.
			// The gap is exactly 25 in arithmetic but not in float64.
			name: "gap exactly 25 with thirds is on track",
			m: Measure{Start: asOf.AddDays(-5), End: asOf.AddDays(7), Weight: 1, Milestones: []Milestone{
				done(asOf.AddDays(-1), asOf.AddDays(-1), 1), open(asOf.AddDays(1), 1), open(asOf.AddDays(2), 1),
				open(asOf.AddDays(3), 1), open(asOf.AddDays(4), 1), open(asOf.AddDays(5), 1)}},
			asOf:         asOf,
			wantProgress: 100.0 / 6, wantExpected: 500.0 / 12,
			wantComputed: StatusOnTrack, wantStatus: StatusOnTrack,
		},
		{
			name:         "cancelled milestones leave progress alone",
			m:            span200(done(past, past, 1), open(far, 1), cancelled(open(far, 5)), cancelled(done(past, past, 7))),
			asOf:         asOf,
			wantProgress: 50, wantExpected: 50,
			wantComputed: StatusOnTrack, wantStatus: StatusOnTrack,
		},
		{
			name:         "a cancelled overdue milestone does not count as overdue",
			m:            span200(done(past, past, 1), open(far, 1), cancelled(open(asOf.AddDays(-90), 1))),
			asOf:         asOf,
			wantProgress: 50, wantExpected: 50,
			wantComputed: StatusOnTrack, wantStatus: StatusOnTrack,
		},
		{
			name: "manual progress is ignored when there are milestones",
			m: func() Measure {
				m := span200(done(past, past, 1), open(far, 1))
				m.ManualProgress = 90
				return m
			}(),
			asOf:         asOf,
			wantProgress: 50, wantExpected: 50,
			wantComputed: StatusOnTrack, wantStatus: StatusOnTrack,
		},
		{
			name: "manual progress is used when every milestone is cancelled",
			m: func() Measure {
				m := span200(cancelled(done(past, past, 1)), cancelled(open(far, 1)))
				m.ManualProgress = 20
				return m
			}(),
			asOf:         asOf,
			wantProgress: 20, wantExpected: 50,
			wantComputed: StatusAtRisk, wantStatus: StatusAtRisk,
		},
		{
			name: "manual progress 60 without milestones",
			m: func() Measure {
				m := span200()
				m.ManualProgress = 60
				return m
			}(),
			asOf:         asOf,
			wantProgress: 60, wantExpected: 50,
			wantComputed: StatusOnTrack, wantStatus: StatusOnTrack,
		},
		{
			name: "manual 100 with no milestones is completed, even after end",
			m: func() Measure {
				m := span200()
				m.ManualProgress = 100
				return m
			}(),
			asOf:         asOf.AddDays(150),
			wantProgress: 100, wantExpected: 100,
			wantComputed: StatusCompleted, wantStatus: StatusCompleted,
		},
		{
			name: "manual 100 does not complete a measure with an open milestone",
			m: func() Measure {
				m := span200(done(past, past, 1), open(far, 1))
				m.ManualProgress = 100
				return m
			}(),
			asOf:         asOf,
			wantProgress: 50, wantExpected: 50,
			wantComputed: StatusOnTrack, wantStatus: StatusOnTrack,
		},
		{
			name:         "all non-cancelled milestones done is completed, even after end",
			m:            span200(done(past, past, 1), done(asOf, asOf, 2), cancelled(open(asOf.AddDays(-80), 1))),
			asOf:         asOf.AddDays(150),
			wantProgress: 100, wantExpected: 100,
			wantComputed: StatusCompleted, wantStatus: StatusCompleted,
		},
		{
			name:         "completed after asOf does not count as done",
			m:            span200(done(far, asOf.AddDays(1), 1), open(far, 1)),
			asOf:         asOf,
			wantProgress: 0, wantExpected: 50,
			wantComputed: StatusAtRisk, wantStatus: StatusAtRisk,
		},
		{
			name:         "before start with progress 0 is not started",
			m:            Measure{Start: asOf.AddDays(1), End: asOf.AddDays(100), Weight: 1, Milestones: []Milestone{open(asOf.AddDays(50), 1)}},
			asOf:         asOf,
			wantProgress: 0, wantExpected: 0,
			wantComputed: StatusNotStarted, wantStatus: StatusNotStarted,
		},
		{
			name:         "before start with an early completion is on track",
			m:            Measure{Start: asOf.AddDays(1), End: asOf.AddDays(100), Weight: 1, Milestones: []Milestone{done(asOf.AddDays(50), asOf, 1), open(asOf.AddDays(60), 1)}},
			asOf:         asOf,
			wantProgress: 50, wantExpected: 0,
			wantComputed: StatusOnTrack, wantStatus: StatusOnTrack,
		},
		{
			name:         "on the start day with progress 0 is started (on track)",
			m:            Measure{Start: asOf, End: asOf.AddDays(100), Weight: 1, Milestones: []Milestone{open(asOf.AddDays(50), 1)}},
			asOf:         asOf,
			wantProgress: 0, wantExpected: 0,
			wantComputed: StatusOnTrack, wantStatus: StatusOnTrack,
		},
		{
			name:         "on the end day it is not yet delayed by the date",
			m:            Measure{Start: asOf.AddDays(-100), End: asOf, Weight: 1, ManualProgress: 80},
			asOf:         asOf,
			wantProgress: 80, wantExpected: 100,
			wantComputed: StatusOnTrack, wantStatus: StatusOnTrack,
		},
		{
			name:         "the day after end is delayed",
			m:            Measure{Start: asOf.AddDays(-100), End: asOf.AddDays(-1), Weight: 1, ManualProgress: 80},
			asOf:         asOf,
			wantProgress: 80, wantExpected: 100,
			wantComputed: StatusDelayed, wantStatus: StatusDelayed,
		},
		{
			name: "override wins over the computed status",
			m: func() Measure {
				m := span200(done(past, past, 3), open(asOf.AddDays(-61), 1))
				m.Override = &Override{Status: StatusOnTrack, Reason: "Изпълнителят е сменен"}
				return m
			}(),
			asOf:         asOf,
			wantProgress: 75, wantExpected: 50,
			wantComputed: StatusDelayed, wantStatus: StatusOnTrack, wantOverridden: true,
			wantOverdue: 1, wantMaxDays: 61,
		},
		{
			name: "override to the same status is still marked overridden",
			m: func() Measure {
				m := span200(done(past, past, 3), open(far, 1))
				m.Override = &Override{Status: StatusOnTrack, Reason: "потвърдено"}
				return m
			}(),
			asOf:         asOf,
			wantProgress: 75, wantExpected: 50,
			wantComputed: StatusOnTrack, wantStatus: StatusOnTrack, wantOverridden: true,
		},
		{
			name: "cancelled flag beats override",
			m: func() Measure {
				m := span200(done(past, past, 3), open(far, 1))
				m.Cancelled = true
				m.Override = &Override{Status: StatusOnTrack, Reason: "грешка"}
				return m
			}(),
			asOf:         asOf,
			wantProgress: 0, wantExpected: 50, // every milestone cancelled: manual progress (0)
			wantComputed: StatusCancelled, wantStatus: StatusCancelled,
		},
		{
			name: "an override without a status is no override",
			m: func() Measure {
				m := span200(done(past, past, 3), open(far, 1))
				m.Override = &Override{Reason: "празно"}
				return m
			}(),
			asOf:         asOf,
			wantProgress: 75, wantExpected: 50,
			wantComputed: StatusOnTrack, wantStatus: StatusOnTrack,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := tt.m.Evaluate(tt.asOf)
			if math.Abs(got.Progress-tt.wantProgress) > 1e-9 {
				t.Errorf("Progress = %v, want %v", got.Progress, tt.wantProgress)
			}
			if math.Abs(got.Expected-tt.wantExpected) > 1e-9 {
				t.Errorf("Expected = %v, want %v", got.Expected, tt.wantExpected)
			}
			if got.Computed != tt.wantComputed {
				t.Errorf("Computed = %q, want %q", got.Computed, tt.wantComputed)
			}
			if got.Status != tt.wantStatus {
				t.Errorf("Status = %q, want %q", got.Status, tt.wantStatus)
			}
			if got.Overridden != tt.wantOverridden {
				t.Errorf("Overridden = %v, want %v", got.Overridden, tt.wantOverridden)
			}
			if got.Overdue != tt.wantOverdue {
				t.Errorf("Overdue = %d, want %d", got.Overdue, tt.wantOverdue)
			}
			if got.MaxDaysOverdue != tt.wantMaxDays {
				t.Errorf("MaxDaysOverdue = %d, want %d", got.MaxDaysOverdue, tt.wantMaxDays)
			}
		})
	}
}

func TestEvaluateKeepsOverrideReason(t *testing.T) {
	m := span200(open(asOf.AddDays(-61), 1))
	m.Override = &Override{Status: StatusAtRisk, Reason: "Договорът е подписан, чака се доставка"}
	f := m.Evaluate(asOf)
	if !f.Overridden || f.Status != StatusAtRisk || f.Computed != StatusDelayed {
		t.Fatalf("Overridden, Status, Computed = %v, %q, %q; want true, at_risk, delayed", f.Overridden, f.Status, f.Computed)
	}
	if got, want := m.Override.Reason, "Договорът е подписан, чака се доставка"; got != want {
		t.Errorf("Override.Reason = %q, want %q", got, want)
	}
}

func TestExpectedProgress(t *testing.T) {
	start := MustDate("2026-01-01")
	tests := []struct {
		name            string
		start, end, day Date
		want            float64
	}{
		{"before start", start, start.AddDays(100), start.AddDays(-1), 0},
		{"on start", start, start.AddDays(100), start, 0},
		{"a quarter in", start, start.AddDays(100), start.AddDays(25), 25},
		{"on end", start, start.AddDays(100), start.AddDays(100), 100},
		{"after end", start, start.AddDays(100), start.AddDays(500), 100},
		{"across a leap day", MustDate("2024-02-01"), MustDate("2024-03-02"), MustDate("2024-02-16"), 50}, // 30-day span
		{"end = start, the day before", start, start, start.AddDays(-1), 0},
		{"end = start, that day", start, start, start, 100},
		{"end = start, after", start, start, start.AddDays(1), 100},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ExpectedProgress(tt.start, tt.end, tt.day); math.Abs(got-tt.want) > 1e-9 {
				t.Errorf("ExpectedProgress(%s, %s, %s) = %v, want %v", tt.start, tt.end, tt.day, got, tt.want)
			}
		})
	}
}

func TestKPIAttainment(t *testing.T) {
	vals := func(pairs ...any) []KPIValue {
		var out []KPIValue
		for i := 0; i < len(pairs); i += 2 {
			out = append(out, KPIValue{ID: ID(i/2 + 1), Date: pairs[i].(Date), Value: pairs[i+1].(float64)})
		}
		return out
	}
	tests := []struct {
		name             string
		baseline, target float64
		values           []KPIValue
		want             float64
		wantOK           bool
	}{
		{"increasing, half way", 10, 110, vals(asOf.AddDays(-5), 60.0), 50, true},
		{"decreasing target, half way", 100, 20, vals(asOf.AddDays(-5), 60.0), 50, true},
		{"decreasing target, overshoot clamps to 100", 100, 20, vals(asOf.AddDays(-5), 5.0), 100, true},
		{"decreasing target, got worse clamps to 0", 100, 20, vals(asOf.AddDays(-5), 130.0), 0, true},
		{"increasing, above target clamps to 100", 27, 150, vals(asOf.AddDays(-5), 200.0), 100, true},
		{"increasing, below baseline clamps to 0", 27, 150, vals(asOf.AddDays(-5), 10.0), 0, true},
		{"exactly at target", 27, 150, vals(asOf, 150.0), 100, true},
		{"exactly at baseline", 27, 150, vals(asOf, 27.0), 0, true},
		{"latest on or before asOf; later values ignored", 0, 200,
			vals(asOf.AddDays(-30), 20.0, asOf, 50.0, asOf.AddDays(1), 200.0), 25, true},
		{"latest by date, not by position", 0, 200,
			vals(asOf.AddDays(-1), 100.0, asOf.AddDays(-30), 20.0), 50, true},
		{"no value yet (all after asOf)", 0, 200, vals(asOf.AddDays(1), 100.0), 0, false},
		{"no values at all", 0, 200, nil, 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			k := KPI{BaselineValue: tt.baseline, BaselineDate: asOf.AddDays(-400), TargetValue: tt.target, Values: tt.values}
			got, ok := k.Attainment(asOf)
			if ok != tt.wantOK {
				t.Fatalf("Attainment ok = %v, want %v", ok, tt.wantOK)
			}
			if math.Abs(got-tt.want) > 1e-9 {
				t.Errorf("Attainment = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestKPILatestValueTieBreaksByID(t *testing.T) {
	k := KPI{Values: []KPIValue{{ID: 9, Date: asOf, Value: 2}, {ID: 3, Date: asOf, Value: 1}}}
	got, ok := k.LatestValue(asOf)
	if !ok || got.ID != 9 {
		t.Errorf("LatestValue = %+v, %v; want the value with id 9", got, ok)
	}
}

func TestMeasureLatestUpdate(t *testing.T) {
	m := Measure{Updates: []Update{
		{ID: 4, Date: MustDate("2026-03-01")},
		{ID: 2, Date: MustDate("2026-05-10")},
		{ID: 7, Date: MustDate("2026-05-10")},
		{ID: 9, Date: MustDate("2026-05-01")},
		{ID: 1, Date: MustDate("2026-08-01")},
	}}
	tests := []struct {
		asOf string
		want ID // 0: none
	}{
		{"2026-02-28", 0},
		{"2026-03-01", 4},
		{"2026-05-09", 9},
		{"2026-05-10", 7}, // two on the day: the later written
		{"2026-07-31", 7},
		{"2027-01-01", 1},
	}
	for _, tt := range tests {
		var got ID
		if u := m.LatestUpdate(MustDate(tt.asOf)); u != nil {
			got = u.ID
		}
		if got != tt.want {
			t.Errorf("LatestUpdate(%s) = update %d, want %d", tt.asOf, got, tt.want)
		}
	}
	if u := (&Measure{}).LatestUpdate(MustDate("2026-01-01")); u != nil {
		t.Errorf("a measure without updates: got %+v, want nil", u)
	}
}

func TestBudgetExecution(t *testing.T) {
	tests := []struct {
		planned, spent int64
		want           float64
		wantOK         bool
	}{
		{100000, 45600, 45.6, true},
		{100000, 0, 0, true},
		{100000, 150000, 150, true},
		{0, 0, 0, false},
		{0, 500, 0, false},
	}
	for _, tt := range tests {
		got, ok := BudgetExecution(tt.planned, tt.spent)
		if ok != tt.wantOK || math.Abs(got-tt.want) > 1e-9 {
			t.Errorf("BudgetExecution(%d, %d) = %v, %v; want %v, %v", tt.planned, tt.spent, got, ok, tt.want, tt.wantOK)
		}
	}
}

func TestStatusValid(t *testing.T) {
	for _, s := range Statuses {
		if !s.Valid() {
			t.Errorf("%q.Valid() = false", s)
		}
	}
	for _, s := range []Status{"", "done", "On_Track"} {
		if s.Valid() {
			t.Errorf("%q.Valid() = true", s)
		}
	}
}
