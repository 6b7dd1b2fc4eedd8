package model

import (
	"bytes"
	"testing"
)

func TestGenerateIsDeterministic(t *testing.T) {
	tests := []struct {
		name      string
		n         int
		seedA     uint64
		seedB     uint64
		wantEqual bool
	}{
		{"same seed", 300, 7, 7, true},
		{"different seed", 300, 7, 8, false},
		{"seed 0 and 1 differ", 150, 0, 1, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := encode(t, Generate(tt.n, tt.seedA))
			b := encode(t, Generate(tt.n, tt.seedB))
			if got := bytes.Equal(a, b); got != tt.wantEqual {
				t.Errorf("Encode(Generate(%d, %d)) == Encode(Generate(%d, %d)): %v, want %v", tt.n, tt.seedA, tt.n, tt.seedB, got, tt.wantEqual)
			}
		})
	}
}

func TestGenerateShape(t *testing.T) {
	tests := []struct {
		n, wantAreas int
	}{
		{2000, 20},
		{150, 1},
		{50, 1}, // at least one area
		{1000, 10},
	}
	for _, tt := range tests {
		d := Generate(tt.n, 1)
		if err := d.Validate(NewDate(2026, 11, 29)); err != nil {
			t.Errorf("Generate(%d, 1).Validate: %v", tt.n, err)
		}
		if got := len(d.Areas); got != tt.wantAreas {
			t.Errorf("Generate(%d): %d areas, want %d", tt.n, got, tt.wantAreas)
		}
		if got := len(d.Measures); got != tt.n {
			t.Errorf("Generate(%d): %d measures, want %d", tt.n, got, tt.n)
		}
		if got, want := d.MilestoneCount(), 10*tt.n; got != want {
			t.Errorf("Generate(%d): %d milestones, want %d", tt.n, got, want)
		}
	}
}

func TestGenerate2000(t *testing.T) {
	d := Generate(2000, 1)
	if err := d.Validate(NewDate(2026, 11, 29)); err != nil {
		t.Fatalf("Validate: %v", err)
	}
	if got, want := len(d.Areas), 20; got != want {
		t.Errorf("areas = %d, want %d", got, want)
	}
	if got, want := len(d.Measures), 2000; got != want {
		t.Errorf("measures = %d, want %d", got, want)
	}
	kpis, values, milestones := 0, 0, 0
	codes := map[string]bool{}
	perArea := map[string]int{}
	for _, m := range d.Measures {
		if codes[m.Code] {
			t.Errorf("measure code %q is used twice", m.Code)
		}
		codes[m.Code] = true
		perArea[m.Area]++
		if got := len(m.Milestones); got != 10 {
			t.Errorf("measure %s has %d milestones, want 10", m.Code, got)
		}
		milestones += len(m.Milestones)
		kpis += len(m.KPIs)
		for _, k := range m.KPIs {
			if got := len(k.Values); got != 60 {
				t.Errorf("KPI %d has %d values, want 60", k.ID, got)
			}
			values += len(k.Values)
		}
		for _, ms := range m.Milestones {
			if ms.Completed > GeneratedAsOf {
				t.Errorf("milestone %d completed %s, after GeneratedAsOf %s", ms.ID, ms.Completed, GeneratedAsOf)
			}
		}
	}
	if milestones != 20000 {
		t.Errorf("milestones = %d, want 20000", milestones)
	}
	if kpis != 200 || values != 200*60 {
		t.Errorf("KPIs, values = %d, %d; want 200, 12000", kpis, values)
	}
	for _, a := range d.Areas {
		if perArea[a.Code] != 100 {
			t.Errorf("area %s has %d measures, want 100", a.Code, perArea[a.Code])
		}
	}
	for _, list := range []struct {
		what  string
		codes []string
	}{
		{"goals", func() (s []string) {
			for _, g := range d.Goals {
				s = append(s, g.Code)
			}
			return
		}()},
		{"areas", func() (s []string) {
			for _, a := range d.Areas {
				s = append(s, a.Code)
			}
			return
		}()},
		{"units", func() (s []string) {
			for _, u := range d.Units {
				s = append(s, u.Code)
			}
			return
		}()},
	} {
		seen := map[string]bool{}
		for _, c := range list.codes {
			if seen[c] {
				t.Errorf("%s: code %q is used twice", list.what, c)
			}
			seen[c] = true
		}
	}
	s := Summarize(d, GeneratedAsOf)
	if s.Measures != 2000 || s.Milestones != 20000 {
		t.Errorf("Summarize: %d measures, %d milestones", s.Measures, s.Milestones)
	}
	sum := 0
	for _, st := range Statuses {
		sum += s.Status[st]
	}
	if sum != 2000 {
		t.Errorf("status counts add up to %d, want 2000", sum)
	}
}
