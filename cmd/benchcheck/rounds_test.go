package main

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
)

func TestShares(t *testing.T) {
	tests := []struct {
		n, rounds int
		want      []int
	}{
		{11, 5, []int{2, 2, 2, 2, 3}},
		{5, 5, []int{1, 1, 1, 1, 1}},
		{3, 5, []int{0, 1, 0, 1, 1}},
		{1, 1, []int{1}},
		{0, 2, []int{0, 0}},
	}
	for _, tt := range tests {
		got := shares(tt.n, tt.rounds)
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("shares(%d, %d): got %v, want %v", tt.n, tt.rounds, got, tt.want)
		}
		sum := 0
		for _, s := range got {
			sum += s
		}
		if sum != tt.n {
			t.Errorf("shares(%d, %d) adds up to %d", tt.n, tt.rounds, sum)
		}
	}
}

// TestPlanInterleaves: the calibration first, the warm-ups, then round
// after round every process its share and every package once, each round
// closed by a calibration point — no figure measured all in one stretch.
func TestPlanInterleaves(t *testing.T) {
	show := func(steps []step) string {
		var s []string
		for _, st := range steps {
			s = append(s, [...]string{"w", "p", "g", "c"}[st.kind]+fmt.Sprint(st.i))
		}
		return strings.Join(s, " ")
	}
	tests := []struct {
		name           string
		rounds, warmup int
		runs           []int
		pkgs, count    int
		want           string
	}{
		{"summary 5 runs, check 2, two packages, 3 rounds", 3, 1, []int{5, 2}, 2, 3,
			"c0 w0 w1 p0 g0 g1 c0 p0 p0 p1 g0 g1 c0 p0 p0 p1 g0 g1 c0"},
		{"no warm-up, one round", 1, 0, []int{1}, 1, 1, "c0 p0 g0 c0"},
		{"benchmarks only", 2, 1, nil, 1, 2, "c0 g0 c0 g0 c0"},
	}
	for _, tt := range tests {
		if got := show(plan(tt.rounds, tt.warmup, tt.runs, tt.pkgs, tt.count)); got != tt.want {
			t.Errorf("%s:\n got %s\nwant %s", tt.name, got, tt.want)
		}
	}
	rounds := 0
	for _, st := range plan(5, 1, []int{11, 5}, 6, 5) {
		if st.kind == calibrateStep {
			if st.round != rounds {
				t.Errorf("calibration after round %d numbered %d", rounds, st.round)
			}
			rounds++
		}
	}
	if rounds != 6 {
		t.Errorf("got %d calibration points, want 6 (before, and after each of 5 rounds)", rounds)
	}
}

func TestCalibrationDrift(t *testing.T) {
	tests := []struct {
		samples []float64
		want    string
	}{
		{[]float64{0.100, 0.102, 0.101}, "0.020"},
		{[]float64{0.100, 0.130, 0.101}, "0.300"},
		{[]float64{0.100}, "0.000"},
		{nil, "0.000"},
	}
	for _, tt := range tests {
		if got := fmt.Sprintf("%.3f", calibration{samples: tt.samples}.drift()); got != tt.want {
			t.Errorf("%v: got %s, want %s", tt.samples, got, tt.want)
		}
	}
	c := &calibrator{points: []calibration{
		{name: "calibration: CPU loop (fixed work), CPU time", samples: []float64{0.100, 0.102}},
		{name: "calibration: memory-bound walk (fixed work), CPU time", samples: []float64{0.200, 0.260}},
	}}
	if got, want := c.drifted(0.05), "memory-bound walk (fixed work) 30 %"; got != want {
		t.Errorf("drifted: got %q, want %q", got, want)
	}
	if got := c.drifted(0.5); got != "" {
		t.Errorf("drifted within the limit: got %q", got)
	}
}

// TestCalibrationWorkloads: the fixed work is the same every time (the
// walk visits every slot once before it returns to the start) and takes
// some CPU time.
func TestCalibrationWorkloads(t *testing.T) {
	next := cycle(1000)
	i, steps := uint32(0), 0
	for {
		i = next[i]
		steps++
		if i == 0 {
			break
		}
	}
	if steps != 1000 {
		t.Errorf("the walk returns after %d steps, want 1000 (one cycle)", steps)
	}
	if a, b := cpuLoop(1000), cpuLoop(1000); a != b || a == 0 {
		t.Errorf("cpuLoop: %d, %d", a, b)
	}
	if !reflect.DeepEqual(cycle(100), cycle(100)) {
		t.Error("cycle is not the same every time")
	}
}
