package model

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
)

// MeasureFigure is a measure's frozen state in a snapshot.
type MeasureFigure struct {
	Code       string  `json:"code"`
	Area       string  `json:"area"`
	Title      Text    `json:"title"`
	Progress   float64 `json:"progress"`
	Expected   float64 `json:"expected"`
	Status     Status  `json:"status"`
	Computed   Status  `json:"computed"`
	Overridden bool    `json:"overridden"`
	Reason     string  `json:"reason"`
	// ReasonEn is written only when set, so that the hashes of snapshots
	// made before the reason had an English text still hold.
	ReasonEn string `json:"reasonEn,omitempty"`
}

// MilestoneFigure is a milestone's frozen state in a snapshot.
type MilestoneFigure struct {
	ID          ID             `json:"id"`
	Measure     string         `json:"measure"`
	Title       Text           `json:"title"`
	Due         Date           `json:"due"`
	Completed   Date           `json:"completed"`
	State       MilestoneState `json:"state"`
	DaysOverdue int            `json:"daysOverdue"`
}

// SnapshotFigures is the content a snapshot freezes: the computed figures
// of §2 for every measure and milestone at AsOf.
type SnapshotFigures struct {
	AsOf       Date              `json:"asOf"`
	Summary    Summary           `json:"summary"`
	Measures   []MeasureFigure   `json:"measures"`
	Milestones []MilestoneFigure `json:"milestones"`
}

// ComputeSnapshotFigures evaluates d at asOf.
func ComputeSnapshotFigures(d *Doc, asOf Date) SnapshotFigures {
	f := SnapshotFigures{AsOf: asOf, Summary: Summarize(d, asOf), Measures: []MeasureFigure{}, Milestones: []MilestoneFigure{}}
	for i := range d.Measures {
		m := &d.Measures[i]
		e := m.Evaluate(asOf)
		mf := MeasureFigure{Code: m.Code, Area: m.Area, Title: m.Title, Progress: e.Progress, Expected: e.Expected,
			Status: e.Status, Computed: e.Computed, Overridden: e.Overridden}
		if e.Overridden {
			mf.Reason, mf.ReasonEn = m.Override.Reason, m.Override.ReasonEn
		}
		f.Measures = append(f.Measures, mf)
		for j := range m.Milestones {
			ms := &m.Milestones[j]
			f.Milestones = append(f.Milestones, MilestoneFigure{ID: ms.ID, Measure: m.Code, Title: ms.Title, Due: ms.Due,
				Completed: ms.Completed, State: ms.StateAt(m.Cancelled, asOf), DaysOverdue: ms.DaysOverdue(m.Cancelled, asOf)})
		}
	}
	return f
}

// EncodeFigures returns the canonical JSON of f and its SHA-256 in hex.
func EncodeFigures(f SnapshotFigures) (content []byte, sum string, err error) {
	content, err = CanonicalJSON(f)
	if err != nil {
		return nil, "", err
	}
	return content, FiguresSHA256(content), nil
}

// FiguresSHA256 is the hex SHA-256 of a snapshot's figures as stored.
func FiguresSHA256(content []byte) string {
	s := sha256.Sum256(content)
	return hex.EncodeToString(s[:])
}

// DecodeFigures reads a snapshot's figures.
func DecodeFigures(content []byte) (SnapshotFigures, error) {
	var f SnapshotFigures
	if err := json.Unmarshal(content, &f); err != nil {
		return f, Errorf(EINVALID, "snapshot figures are damaged: %w", err)
	}
	return f, nil
}

// LatestSnapshotBefore returns the latest snapshot whose as-of date is
// before asOf, or nil: what a report compares with.
func LatestSnapshotBefore(snaps []Snapshot, asOf Date) *Snapshot {
	var best *Snapshot
	for i := range snaps {
		s := &snaps[i]
		if s.AsOf < asOf && (best == nil || s.AsOf > best.AsOf || (s.AsOf == best.AsOf && s.CreatedAt > best.CreatedAt)) {
			best = s
		}
	}
	return best
}
