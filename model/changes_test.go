package model

import "testing"

func TestChangesSince(t *testing.T) {
	d := Generate(100, 2)
	then := NewDate(2025, 6, 30)
	now := NewDate(2026, 6, 30)
	if c, err := ChangesSince(d, now); err != nil || c.Since != nil || len(c.StatusChanges) != 0 {
		t.Fatalf("without snapshots: %+v, %v", c, err)
	}
	content, sum, err := EncodeFigures(ComputeSnapshotFigures(d, then))
	if err != nil {
		t.Fatal(err)
	}
	d.Snapshots = []Snapshot{{Name: "mid-2025", AsOf: then, SHA256: sum, Figures: content}}
	c, err := ChangesSince(d, now)
	if err != nil {
		t.Fatal(err)
	}
	if c.Since == nil || c.Since.Name != "mid-2025" {
		t.Fatalf("Since = %+v, want the mid-2025 snapshot", c.Since)
	}
	// Count independently what completed and became overdue between the dates.
	var wantDone, wantOverdue, wantStatus int
	for i := range d.Measures {
		m := &d.Measures[i]
		if m.Evaluate(then).Status != m.Evaluate(now).Status {
			wantStatus++
		}
		for _, ms := range m.Milestones {
			a, b := ms.StateAt(m.Cancelled, then), ms.StateAt(m.Cancelled, now)
			if b == StateDone && a != StateDone {
				wantDone++
			}
			if b == StateOverdue && a != StateOverdue {
				wantOverdue++
			}
		}
	}
	if got := len(c.Completed); got != wantDone || got == 0 {
		t.Errorf("completed = %d, want %d (> 0)", got, wantDone)
	}
	if got := len(c.BecameOverdue); got != wantOverdue {
		t.Errorf("became overdue = %d, want %d", got, wantOverdue)
	}
	if got := len(c.StatusChanges); got != wantStatus || got == 0 {
		t.Errorf("status changes = %d, want %d (> 0)", got, wantStatus)
	}
	// A snapshot on the report's own date is not "earlier".
	if c, _ := ChangesSince(d, then); c.Since != nil {
		t.Errorf("a snapshot as of the report date was used: %+v", c.Since)
	}
}

func TestStatusLabelsAndPalette(t *testing.T) {
	for _, s := range Statuses {
		if s.Label(BG) == string(s) || s.Label(EN) == "" || len(StatusHex[s]) != 7 {
			t.Errorf("status %s lacks a label or colour", s)
		}
	}
	if got, want := StatusDelayed.Label(BG), "забавена"; got != want {
		t.Errorf("label = %q, want %q", got, want)
	}
}
