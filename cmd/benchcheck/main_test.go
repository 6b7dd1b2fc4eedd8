package main

import (
	"strings"
	"testing"
)

func TestBenchLine(t *testing.T) {
	tests := []struct {
		line string
		name string
		ns   string
	}{
		{"BenchmarkReport-2   \t       4\t1111249560 ns/op\t2197944052 B/op\t 4064262 allocs/op", "BenchmarkReport", "1111249560"},
		{"BenchmarkWALGuard/guard-2         \t    2000\t     95123 ns/op", "BenchmarkWALGuard/guard", "95123"},
		{"BenchmarkPublish2000 \t1\t4700000000 ns/op\t1.4 cpu-s/op", "BenchmarkPublish2000", "4700000000"},
		{"BenchmarkFilterMeasures/search-2 \t 2000 \t 551234.5 ns/op", "BenchmarkFilterMeasures/search", "551234.5"},
		{"--- SKIP: BenchmarkLoadAndCompute", "", ""},
		{"ok  \tstrategytracker/storage\t12.3s", "", ""},
	}
	for _, tt := range tests {
		m := benchLine.FindStringSubmatch(tt.line)
		var name, ns string
		if m != nil {
			name, ns = m[1], m[2]
		}
		if name != tt.name || ns != tt.ns {
			t.Errorf("%q: got %q %q, want %q %q", tt.line, name, ns, tt.name, tt.ns)
		}
	}
}

// TestRowClaimsOnlyWhenIdle: a target is said met or missed only when the
// machine was idle; the median and range are those of the samples.
func TestRowClaimsOnlyWhenIdle(t *testing.T) {
	r := row{figure: "summary -json, wall time", command: "strategytracker-cli summary", samples: []float64{0.120, 0.080, 0.090},
		unit: "s", target: "≤ 100 ms", meets: atMost(0.100)}
	busy := r.line(false, loads{12.5}, loads{14})
	if !strings.Contains(busy, "not claimed (load 12.50 → 14.00)") || strings.Contains(busy, "yes") {
		t.Errorf("under load: %s", busy)
	}
	idle := r.line(true, loads{0.4}, loads{0.6})
	for _, want := range []string{"| 90 ms |", "80 ms–120 ms (3)", "| yes |", "`strategytracker-cli summary`"} {
		if !strings.Contains(idle, want) {
			t.Errorf("idle: %s lacks %q", idle, want)
		}
	}
	r.samples = []float64{0.2, 0.3}
	if got := r.line(true, loads{0.4}, loads{0.6}); !strings.Contains(got, "| **no** |") || !strings.Contains(got, "| 250 ms |") {
		t.Errorf("missed: %s", got)
	}
	ratio := row{figure: "council PDF ÷ its raw floor", command: "the two benchmarks, run by run", samples: []float64{1.1}, unit: "×"}
	if got := ratio.line(true, loads{}, loads{}); !strings.Contains(got, "| the two benchmarks, run by run |") || !strings.Contains(got, "1.10×") {
		t.Errorf("ratio: %s", got)
	}
}

func TestCPUMetric(t *testing.T) {
	tests := []struct {
		line string
		want string
	}{
		{"BenchmarkReport \t 3\t 8512345678 ns/op\t 1634000000 cpu-ns/op\t 1642 pages", "1634000000 ns"},
		{"BenchmarkPublish2000-2 \t1\t4700000000 ns/op\t1.4 cpu-s/op", "1.4 s"},
		{"BenchmarkWorkbook-2 \t 5\t 163000000 ns/op\t 1200 cells", ""},
	}
	for _, tt := range tests {
		got := ""
		if m := cpuMetric.FindStringSubmatch(tt.line); m != nil {
			got = m[1] + " " + m[2]
		}
		if got != tt.want {
			t.Errorf("%q: got %q, want %q", tt.line, got, tt.want)
		}
	}
}
