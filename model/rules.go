package model

import "math"

// MilestoneState is a milestone's state at an as-of date (DESIGN.md §2).
type MilestoneState string

const (
	StateCancelled MilestoneState = "cancelled"
	StateDone      MilestoneState = "done"
	StateOverdue   MilestoneState = "overdue"
	StateDueSoon   MilestoneState = "due_soon"
	StatePending   MilestoneState = "pending"
)

// MilestoneStates lists every milestone state in report order.
var MilestoneStates = []MilestoneState{StateDone, StateOverdue, StateDueSoon, StatePending, StateCancelled}

// DueSoonDays is how far ahead a milestone counts as due soon.
const DueSoonDays = 30

// DelayedAfterDays is how many days overdue a milestone may be before its
// measure is delayed rather than at risk.
const DelayedAfterDays = 60

// AtRiskGap is how many points progress may trail expected progress before
// a measure is at risk.
const AtRiskGap = 25.0

// gapTolerance absorbs float64 rounding in expected − progress, so that a gap
// of exactly AtRiskGap (e.g. 41.67 − 16.67 = 25.000000000000004) is not taken
// for more than AtRiskGap.
const gapTolerance = 1e-9

// Status is a measure's status.
type Status string

const (
	StatusCompleted  Status = "completed"
	StatusOnTrack    Status = "on_track"
	StatusAtRisk     Status = "at_risk"
	StatusDelayed    Status = "delayed"
	StatusNotStarted Status = "not_started"
	StatusCancelled  Status = "cancelled"
)

// Statuses lists every status in report order.
var Statuses = []Status{StatusCompleted, StatusOnTrack, StatusAtRisk, StatusDelayed, StatusNotStarted, StatusCancelled}

// Valid reports whether s is a known status.
func (s Status) Valid() bool {
	for _, v := range Statuses {
		if s == v {
			return true
		}
	}
	return false
}

// StateAt returns the state of ms at asOf; measureCancelled is its measure's flag.
func (ms *Milestone) StateAt(measureCancelled bool, asOf Date) MilestoneState {
	switch {
	case ms.Cancelled || measureCancelled:
		return StateCancelled
	case ms.Completed != 0 && ms.Completed <= asOf:
		return StateDone
	case ms.Due < asOf:
		return StateOverdue
	case ms.Due <= asOf.AddDays(DueSoonDays):
		return StateDueSoon
	}
	return StatePending
}

// DaysOverdue returns asOf − due for an overdue milestone, else 0.
func (ms *Milestone) DaysOverdue(measureCancelled bool, asOf Date) int {
	if ms.StateAt(measureCancelled, asOf) != StateOverdue {
		return 0
	}
	return asOf.DaysSince(ms.Due)
}

// Figures are a measure's computed figures at an as-of date.
type Figures struct {
	Progress       float64 // 0–100
	Expected       float64 // 0–100
	Computed       Status  // by the rules alone
	Status         Status  // effective: cancelled flag, else override, else computed
	Overridden     bool    // Status comes from an override
	Overdue        int     // milestones overdue
	MaxDaysOverdue int
}

// Evaluate computes m's figures at asOf by the rules of DESIGN.md §2.
func (m *Measure) Evaluate(asOf Date) Figures {
	var f Figures
	var total, done float64
	active, allDone := 0, true
	for i := range m.Milestones {
		ms := &m.Milestones[i]
		st := ms.StateAt(m.Cancelled, asOf)
		if st == StateCancelled {
			continue
		}
		active++
		total += ms.Weight
		switch st {
		case StateDone:
			done += ms.Weight
		case StateOverdue:
			f.Overdue++
			f.MaxDaysOverdue = max(f.MaxDaysOverdue, asOf.DaysSince(ms.Due))
		}
		if st != StateDone {
			allDone = false
		}
	}
	if active > 0 && total > 0 {
		f.Progress = 100 * done / total
	} else {
		f.Progress = m.ManualProgress
	}
	f.Expected = ExpectedProgress(m.Start, m.End, asOf)

	switch {
	case m.Cancelled:
		f.Computed = StatusCancelled
	case active > 0 && allDone, active == 0 && m.ManualProgress >= 100:
		f.Computed = StatusCompleted
	case asOf < m.Start && f.Progress == 0:
		f.Computed = StatusNotStarted
	case asOf > m.End || f.MaxDaysOverdue > DelayedAfterDays:
		f.Computed = StatusDelayed
	case f.Overdue > 0 || f.Expected-f.Progress > AtRiskGap+gapTolerance:
		f.Computed = StatusAtRisk
	default:
		f.Computed = StatusOnTrack
	}
	f.Status = f.Computed
	if !m.Cancelled && m.Override != nil && m.Override.Status != "" {
		f.Status = m.Override.Status
		f.Overridden = true
	}
	return f
}

// ExpectedProgress is 100 × clamp((asOf − start)/(end − start), 0, 1) in
// days; when end = start, 100 from that day on and 0 before.
func ExpectedProgress(start, end, asOf Date) float64 {
	if end <= start {
		if asOf >= start {
			return 100
		}
		return 0
	}
	r := float64(asOf.DaysSince(start)) / float64(end.DaysSince(start))
	return 100 * math.Max(0, math.Min(1, r))
}

// LatestValue returns the latest value of k dated on or before asOf.
func (k *KPI) LatestValue(asOf Date) (KPIValue, bool) {
	var best KPIValue
	found := false
	for _, v := range k.Values {
		if v.Date <= asOf && (!found || v.Date > best.Date || (v.Date == best.Date && v.ID > best.ID)) {
			best, found = v, true
		}
	}
	return best, found
}

// LatestUpdate is m's latest progress update dated on or before asOf (of
// two on the same day, the one written later), or nil: what every report
// shows as the measure's latest information.
func (m *Measure) LatestUpdate(asOf Date) *Update {
	var best *Update
	for i := range m.Updates {
		u := &m.Updates[i]
		if u.Date <= asOf && (best == nil || u.Date > best.Date || (u.Date == best.Date && u.ID > best.ID)) {
			best = u
		}
	}
	return best
}

// Attainment returns 100 × (latest − baseline)/(target − baseline) of the
// latest value on or before asOf, clamped to 0–100; false when there is no
// value yet. The formula works for decreasing targets too.
func (k *KPI) Attainment(asOf Date) (float64, bool) {
	v, ok := k.LatestValue(asOf)
	if !ok || k.TargetValue == k.BaselineValue {
		return 0, false
	}
	a := 100 * (v.Value - k.BaselineValue) / (k.TargetValue - k.BaselineValue)
	return math.Max(0, math.Min(100, a)), true
}

// BudgetExecution returns spent/planned as a percentage; false when nothing is planned.
func BudgetExecution(plannedCents, spentCents int64) (float64, bool) {
	if plannedCents == 0 {
		return 0, false
	}
	return 100 * float64(spentCents) / float64(plannedCents), true
}
