package model

import (
	"cmp"
	"slices"
)

// StatusChange is a measure whose effective status differs between two
// snapshots of figures.
type StatusChange struct {
	Code     string
	Title    Text
	From, To Status
}

// MilestoneChange is a milestone that became done or overdue.
type MilestoneChange struct {
	ID          ID
	Measure     string
	Title       Text
	Due         Date
	Completed   Date
	DaysOverdue int
}

// Changes is what changed between an earlier snapshot and now: the
// "changes since the last report" of the workbook and the PDF.
type Changes struct {
	Since           *Snapshot // nil: no earlier snapshot, nothing to compare
	StatusChanges   []StatusChange
	Completed       []MilestoneChange // done now, not done then
	BecameOverdue   []MilestoneChange // overdue now, not overdue then
	NewMeasures     []string          // codes not in the snapshot
	RemovedMeasures []string          // codes only in the snapshot
}

// ChangesSince compares the figures now with those of the latest snapshot
// before asOf. Without such a snapshot, Since is nil and the lists are empty.
func ChangesSince(d *Doc, asOf Date) (Changes, error) {
	sn := LatestSnapshotBefore(d.Snapshots, asOf)
	if sn == nil {
		return Changes{}, nil
	}
	then, err := DecodeFigures(sn.Figures)
	if err != nil {
		return Changes{}, err
	}
	c := CompareFigures(then, ComputeSnapshotFigures(d, asOf))
	c.Since = sn
	return c, nil
}

// CompareFigures lists what changed from then to now.
func CompareFigures(then, now SnapshotFigures) Changes {
	var c Changes
	before := make(map[string]MeasureFigure, len(then.Measures))
	for _, m := range then.Measures {
		before[m.Code] = m
	}
	seen := map[string]bool{}
	for _, m := range now.Measures {
		seen[m.Code] = true
		old, ok := before[m.Code]
		if !ok {
			c.NewMeasures = append(c.NewMeasures, m.Code)
			continue
		}
		if old.Status != m.Status {
			c.StatusChanges = append(c.StatusChanges, StatusChange{Code: m.Code, Title: m.Title, From: old.Status, To: m.Status})
		}
	}
	for _, m := range then.Measures {
		if !seen[m.Code] {
			c.RemovedMeasures = append(c.RemovedMeasures, m.Code)
		}
	}
	states := make(map[ID]MilestoneState, len(then.Milestones))
	for _, ms := range then.Milestones {
		states[ms.ID] = ms.State
	}
	for _, ms := range now.Milestones {
		old, existed := states[ms.ID]
		mc := MilestoneChange{ID: ms.ID, Measure: ms.Measure, Title: ms.Title, Due: ms.Due, Completed: ms.Completed, DaysOverdue: ms.DaysOverdue}
		switch {
		case ms.State == StateDone && (!existed || old != StateDone):
			c.Completed = append(c.Completed, mc)
		case ms.State == StateOverdue && (!existed || old != StateOverdue):
			c.BecameOverdue = append(c.BecameOverdue, mc)
		}
	}
	slices.SortStableFunc(c.StatusChanges, func(a, b StatusChange) int { return CompareCodes(a.Code, b.Code) })
	byMeasure := func(a, b MilestoneChange) int {
		if x := CompareCodes(a.Measure, b.Measure); x != 0 {
			return x
		}
		return cmp.Compare(a.Due, b.Due)
	}
	slices.SortStableFunc(c.Completed, byMeasure)
	slices.SortStableFunc(c.BecameOverdue, byMeasure)
	return c
}
