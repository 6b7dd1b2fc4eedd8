package model

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"testing"
)

func TestComputeSnapshotFigures(t *testing.T) {
	d := summaryDoc()
	d.Measures[3].Override = &Override{Status: StatusOnTrack, Reason: "Доставката е потвърдена"}
	f := ComputeSnapshotFigures(d, asOf)
	if f.AsOf != asOf {
		t.Errorf("AsOf = %v, want %v", f.AsOf, asOf)
	}
	if got, want := len(f.Measures), 4; got != want {
		t.Fatalf("%d measure figures, want %d", got, want)
	}
	if got, want := len(f.Milestones), 6; got != want {
		t.Fatalf("%d milestone figures, want %d", got, want)
	}
	tests := []struct {
		code               string
		status, computed   Status
		overridden         bool
		reason             string
		progress, expected float64
	}{
		{"1.1", StatusCompleted, StatusCompleted, false, "", 100, 50},
		{"1.2", StatusNotStarted, StatusNotStarted, false, "", 0, 0},
		{"2.1", StatusCancelled, StatusCancelled, false, "", 50, 50}, // every milestone cancelled: manual progress
		{"3.1", StatusOnTrack, StatusAtRisk, true, "Доставката е потвърдена", 50, 50},
	}
	for i, tt := range tests {
		got := f.Measures[i]
		if got.Code != tt.code || got.Status != tt.status || got.Computed != tt.computed || got.Overridden != tt.overridden ||
			got.Reason != tt.reason || got.Progress != tt.progress || got.Expected != tt.expected {
			t.Errorf("measure %d = %+v, want %+v", i, got, tt)
		}
	}
	var states []string
	for _, m := range f.Milestones {
		states = append(states, m.Measure+":"+string(m.State))
	}
	if got, want := strings.Join(states, " "), "1.2:due_soon 1.2:pending 2.1:cancelled 2.1:cancelled 3.1:done 3.1:overdue"; got != want {
		t.Errorf("milestone states = %s, want %s", got, want)
	}
	if got, want := f.Milestones[5].DaysOverdue, 10; got != want {
		t.Errorf("DaysOverdue of 3.1's open milestone = %d, want %d", got, want)
	}
	if got, want := f.Summary.Status[StatusOnTrack], 1; got != want {
		t.Errorf("Summary counts the override: on_track = %d, want %d", got, want)
	}
}

func TestEncodeFigures(t *testing.T) {
	f := ComputeSnapshotFigures(summaryDoc(), asOf)
	content, sum, err := EncodeFigures(f)
	if err != nil {
		t.Fatal(err)
	}
	h := sha256.Sum256(content)
	if want := hex.EncodeToString(h[:]); sum != want {
		t.Errorf("sum = %s, want %s", sum, want)
	}
	if FiguresSHA256(content) != sum {
		t.Error("FiguresSHA256 disagrees with EncodeFigures")
	}
	again, sum2, _ := EncodeFigures(ComputeSnapshotFigures(summaryDoc(), asOf))
	if !bytes.Equal(content, again) || sum != sum2 {
		t.Error("the same document and date give different figures")
	}
	back, err := DecodeFigures(content)
	if err != nil {
		t.Fatal(err)
	}
	reencoded, sum3, _ := EncodeFigures(back)
	if !bytes.Equal(content, reencoded) || sum3 != sum {
		t.Errorf("decode → encode changes the figures:\n%s\n%s", content, reencoded)
	}
	if _, err := DecodeFigures([]byte(`{"asOf":`)); ErrorCode(err) != EINVALID {
		t.Errorf("DecodeFigures of damaged content: %v, want EINVALID", err)
	}
	if other, _, _ := EncodeFigures(ComputeSnapshotFigures(summaryDoc(), asOf.AddDays(1))); bytes.Equal(content, other) {
		t.Error("figures do not depend on the as-of date")
	}
}

func TestLatestSnapshotBefore(t *testing.T) {
	snaps := []Snapshot{
		{Name: "Q1", AsOf: MustDate("2026-03-31"), CreatedAt: "2026-04-02T10:00:00Z"},
		{Name: "Q2 corrected", AsOf: MustDate("2026-06-30"), CreatedAt: "2026-07-05T10:00:00Z"},
		{Name: "Q2", AsOf: MustDate("2026-06-30"), CreatedAt: "2026-07-01T10:00:00Z"},
		{Name: "Q3", AsOf: MustDate("2026-09-30"), CreatedAt: "2026-10-01T10:00:00Z"},
	}
	tests := []struct {
		asOf string
		want string // "" for none
	}{
		{"2026-03-31", ""}, // strictly before
		{"2026-04-01", "Q1"},
		{"2026-06-30", "Q1"},
		{"2026-07-01", "Q2 corrected"}, // same date: the later one made
		{"2027-01-01", "Q3"},
	}
	for _, tt := range tests {
		got := LatestSnapshotBefore(snaps, MustDate(tt.asOf))
		name := ""
		if got != nil {
			name = got.Name
		}
		if name != tt.want {
			t.Errorf("LatestSnapshotBefore(%s) = %q, want %q", tt.asOf, name, tt.want)
		}
	}
}

// A period's closing snapshot is named after the period in Bulgarian (one
// stored string), numbered when the name is taken, and shown in the
// reader's language as the period's name in that language; a name the
// user typed stays as typed (issue 22: the English close dialog said it
// freezes the snapshot “IV тримесечие 2026”).
func TestClosingSnapshotName(t *testing.T) {
	d := &Doc{Periods: []Period{{ID: 1, Name: T("IV тримесечие 2026", "Q4 2026")}, {ID: 2, Name: T("Година 2026", "")}}}
	if got, want := ClosingSnapshotName(d, &d.Periods[0]), "IV тримесечие 2026"; got != want {
		t.Errorf("first closing: %q, want %q", got, want)
	}
	d.Snapshots = []Snapshot{{Name: "IV тримесечие 2026"}, {Name: "IV тримесечие 2026 (2)"}}
	if got, want := ClosingSnapshotName(d, &d.Periods[0]), "IV тримесечие 2026 (3)"; got != want {
		t.Errorf("closing again: %q, want %q", got, want)
	}
	for _, c := range []struct {
		name string
		lang Lang
		want string
	}{
		{"IV тримесечие 2026", EN, "Q4 2026"},
		{"IV тримесечие 2026", BG, "IV тримесечие 2026"},
		{"IV тримесечие 2026 (3)", EN, "Q4 2026 (3)"},
		{"Година 2026", EN, "Година 2026"}, // no English name: the Bulgarian one
		{"IV тримесечие 2026 (x)", EN, "IV тримесечие 2026 (x)"},
		{"Преди съвета", EN, "Преди съвета"}, // typed by the user
	} {
		if got := d.SnapshotName(c.name, c.lang); got != c.want {
			t.Errorf("SnapshotName(%q, %s) = %q, want %q", c.name, c.lang, got, c.want)
		}
	}
}
