package main

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestParseBenchLine(t *testing.T) {
	tests := []struct {
		line   string
		name   string
		values map[string]float64
	}{
		{"BenchmarkReport-2   \t       4\t1111249560 ns/op\t2197944052 B/op\t 4064262 allocs/op", "BenchmarkReport",
			map[string]float64{"ns/op": 1111249560, "B/op": 2197944052, "allocs/op": 4064262}},
		{"BenchmarkWALGuard/guard-2         \t    2000\t     95123 ns/op", "BenchmarkWALGuard/guard", map[string]float64{"ns/op": 95123}},
		{"BenchmarkPublish2000 \t1\t4700000000 ns/op\t1.4 cpu-s/op", "BenchmarkPublish2000",
			map[string]float64{"ns/op": 4700000000, "cpu-s/op": 1.4}},
		{"BenchmarkFilterMeasures/search+status+sort-2 \t 2000 \t 551234.5 ns/op", "BenchmarkFilterMeasures/search+status+sort",
			map[string]float64{"ns/op": 551234.5}},
		// A metric of the benchmark's own (b.ReportMetric) after go's.
		{"BenchmarkAppExportLargePDF-2\t1\t8123456789 ns/op\t212.5 MB-peak-RSS\t1200 B/op\t9 allocs/op", "BenchmarkAppExportLargePDF",
			map[string]float64{"ns/op": 8123456789, "MB-peak-RSS": 212.5, "B/op": 1200, "allocs/op": 9}},
		{"BenchmarkReport \t 3\t 8512345678 ns/op\t 1634000000 cpu-ns/op\t 1642 pages", "BenchmarkReport",
			map[string]float64{"ns/op": 8512345678, "cpu-ns/op": 1634000000, "pages": 1642}},
		{"--- SKIP: BenchmarkLoadAndCompute", "", nil},
		{"BenchmarkLoadAndCompute", "", nil}, // the name printed before a -v run's log
		{"BenchmarkX-2 \t 10 \t some log text", "", nil},
		{"ok  \tstrategytracker/storage\t12.3s", "", nil},
	}
	for _, tt := range tests {
		name, values, ok := parseBenchLine(tt.line)
		if name != tt.name || !reflect.DeepEqual(values, tt.values) || ok != (tt.name != "") {
			t.Errorf("%q: got %q %v %v, want %q %v", tt.line, name, values, ok, tt.name, tt.values)
		}
	}
}

// TestBenchmarkRows: a benchmark's rows in the units of the table; a
// metric the benchmark reports read by its unit; a benchmark that gave no
// result is a row saying so, not a row that vanishes.
func TestBenchmarkRows(t *testing.T) {
	tests := []struct {
		g    goBench
		m    metrics
		want []string
	}{
		{goBench{pkg: "./reports/pdf", name: "BenchmarkReport", target: "≤ 3 s", limit: 3},
			metrics{"ns/op": {1.2e9, 1.4e9, 1.3e9}, "cpu-ns/op": {1.5e9, 1.7e9, 1.6e9}},
			[]string{"| BenchmarkReport (./reports/pdf) | `go test -run '^$' -bench '^BenchmarkReport$' -count 3 ./reports/pdf` | ≤ 3 s | 1.30 s | 1.20 s–1.40 s (3) | yes |",
				"| BenchmarkReport (./reports/pdf), CPU time | `go test -run '^$' -bench '^BenchmarkReport$' -count 3 ./reports/pdf` | — | 1.60 s | 1.50 s–1.70 s (3) |  |"}},
		{goBench{pkg: "./app", name: "BenchmarkFilterMeasures/search+status+sort", target: "≤ 30 ms", limit: 0.030},
			metrics{"ns/op": {551234.5, 600000, 500000}},
			[]string{"| BenchmarkFilterMeasures/search+status+sort (./app) | `go test -run '^$' -bench '^BenchmarkFilterMeasures$/^search\\+status\\+sort$' -count 3 ./app` | ≤ 30 ms | 0.551 ms | 0.500 ms–0.600 ms (3) | yes |"}},
		{goBench{pkg: "./app", name: "BenchmarkAppExportLargePDF", metric: "MB-peak-RSS", target: "≤ 250 MB", limit: 250e6},
			metrics{"ns/op": {8e9, 9e9, 7e9}, "MB-peak-RSS": {212.5, 260, 230}},
			[]string{"| BenchmarkAppExportLargePDF (./app), MB-peak-RSS | `go test -run '^$' -bench '^BenchmarkAppExportLargePDF$' -count 3 ./app` | ≤ 250 MB | 230 MB | 212 MB–260 MB (3) | yes |"}},
		{goBench{pkg: "./app", name: "BenchmarkAppExportLargePDF", metric: "MB-peak-RSS", target: "≤ 250 MB", limit: 250e6},
			metrics{"ns/op": {8e9}},
			[]string{"| BenchmarkAppExportLargePDF (./app), MB-peak-RSS | `go test -run '^$' -bench '^BenchmarkAppExportLargePDF$' -count 3 ./app` | ≤ 250 MB | no result: the benchmark reports no MB-peak-RSS | | |"}},
		{goBench{pkg: "./reports/pdf", name: "BenchmarkReport", metric: "allocs/op"},
			metrics{"ns/op": {1.2e9, 1.4e9, 1.3e9}, "allocs/op": {4028757, 4028748, 4028752}},
			[]string{"| BenchmarkReport (./reports/pdf), allocs/op | `go test -run '^$' -bench '^BenchmarkReport$' -count 3 ./reports/pdf` | — | 4028752 allocs/op | 4028748 allocs/op–4028757 allocs/op (3) |  |"}},
		{goBench{pkg: "./storage", name: "BenchmarkLoadAndCompute", metric: "gc-idle-cpu-ns/op"},
			metrics{"ns/op": {1.2e8, 1.4e8, 1.3e8}, "gc-idle-cpu-ns/op": {4.8e6, 26.3e6, 10e6}},
			[]string{"| BenchmarkLoadAndCompute (./storage), gc-idle-cpu-ns/op | `go test -run '^$' -bench '^BenchmarkLoadAndCompute$' -count 3 ./storage` | — | 10 ms | 5 ms–26 ms (3) |  |"}},
		{goBench{pkg: "./app", name: "BenchmarkFilterMeasures", target: "≤ 30 ms", limit: 0.030}, nil,
			[]string{"| BenchmarkFilterMeasures (./app) | `go test -run '^$' -bench '^BenchmarkFilterMeasures$' -count 3 ./app` | ≤ 30 ms | no result: the benchmark is not in the package (renamed?) | | |"}},
	}
	for _, tt := range tests {
		var got []string
		for _, r := range tt.g.rows(tt.m, 3) {
			got = append(got, r.line(verdict{claim: true}))
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s %v:\n got %q\nwant %q", tt.g.name, tt.m, got, tt.want)
		}
	}
}

// TestRowClaimsOnlyWhenIdle: a target is said met or missed only when the
// machine was idle; the median and range are those of the samples.
func TestRowClaimsOnlyWhenIdle(t *testing.T) {
	r := row{figure: "summary -json, wall time", command: "strategytracker-cli summary", samples: []float64{0.120, 0.080, 0.090},
		unit: "s", target: "≤ 100 ms", meets: atMost(0.100)}
	busy := r.line(judge(0.3, 0.62, 1, 0.25))
	if !strings.Contains(busy, "| not claimed (other work 0.62 core) |") || strings.Contains(busy, "yes") {
		t.Errorf("under load: %s", busy)
	}
	idle := r.line(judge(0.4, 0.05, 1, 0.25))
	for _, want := range []string{"| 90 ms |", "80 ms–120 ms (3)", "| yes |", "`strategytracker-cli summary`"} {
		if !strings.Contains(idle, want) {
			t.Errorf("idle: %s lacks %q", idle, want)
		}
	}
	r.samples = []float64{0.2, 0.3}
	if got := r.line(verdict{claim: true}); !strings.Contains(got, "| **no** |") || !strings.Contains(got, "| 250 ms |") {
		t.Errorf("missed: %s", got)
	}
	ratio := row{figure: "council PDF ÷ its raw floor", command: "the two benchmarks, run by run", samples: []float64{1.1}, unit: "×"}
	if got := ratio.line(verdict{claim: true}); !strings.Contains(got, "| the two benchmarks, run by run |") || !strings.Contains(got, "1.10×") {
		t.Errorf("ratio: %s", got)
	}
}

func TestBusyTime(t *testing.T) {
	tests := []struct {
		stat string
		want string // busy, steal
	}{
		// user nice system idle iowait irq softirq steal guest guest_nice:
		// all but idle and iowait, in hundredths of a second; steal apart.
		{"cpu  1635919 90807 369637 345291 4221 0 5448 7617 0 0\ncpu0 1 2 3 4 5 6 7 8 9 10\n", "21094.28 76.17"},
		{"cpu  100 0 50 1000000 999 0 0 0 0 0\n", "1.50 0.00"},
		{"cpu  100 0 50 1000000 999 0 0 7\n", "1.57 0.07"}, // an older kernel: no guest columns
		{"cpu  100 0 50\n", "error"},
		{"intr 1 2 3 4 5 6 7 8 9\n", "error"},
		{"cpu  100 x 50 1000000 999 0 0 0 0 0\n", "error"},
	}
	for _, tt := range tests {
		got := "error"
		if busy, steal, err := busyTime(tt.stat); err == nil {
			got = fmt.Sprintf("%.2f %.2f", busy, steal)
		}
		if got != tt.want {
			t.Errorf("%q: got %s, want %s", tt.stat, got, tt.want)
		}
	}
}

// TestOtherLoad: the cores other processes kept busy, on average, is the
// machine's busy time less benchcheck's own (and its children's), over
// the wall time — so that the measured work, which lifts the load average
// by itself, does not count.
func TestOtherLoad(t *testing.T) {
	t0 := time.Date(2026, 12, 7, 20, 16, 0, 0, time.UTC)
	at := func(s float64, busy, own float64) usage {
		return usage{at: t0.Add(time.Duration(s * float64(time.Second))), busy: busy, own: own}
	}
	tests := []struct {
		name string
		a, b usage
		want string
	}{
		{"only benchcheck's work: two cores for 300 s", at(0, 1000, 5), at(300, 1600, 605), "0.00"},
		{"a neighbour using one core the whole time", at(0, 1000, 5), at(300, 1900, 605), "1.00"},
		{"a neighbour for a minute of five", at(0, 1000, 5), at(300, 1660, 605), "0.20"},
		{"the background of an idle machine", at(0, 1000, 5), at(300, 1306, 300), "0.04"},
		{"rounding: own a little above busy", at(0, 1000, 5), at(300, 1599.9, 605), "0.00"},
		{"no /proc/stat", at(0, -1, 5), at(300, -1, 605), "-1.00"},
		{"no time passed", at(0, 1000, 5), at(0, 1000, 5), "-1.00"},
	}
	for _, tt := range tests {
		if got := fmt.Sprintf("%.2f", otherLoad(tt.a, tt.b)); got != tt.want {
			t.Errorf("%s: got %s, want %s", tt.name, got, tt.want)
		}
	}
}

func TestJudge(t *testing.T) {
	tests := []struct {
		load, other float64
		want        verdict
	}{
		{0.34, 0.03, verdict{claim: true}},
		{0.34, 0.25, verdict{claim: true}},
		{1.0, 0.0, verdict{claim: true}},
		// The run's own load average is no reason: only the one before.
		{1.36, 0.03, verdict{why: "load 1.36 before"}},
		{0.34, 0.62, verdict{why: "other work 0.62 core"}},
		{28.84, 12.5, verdict{why: "load 28.84 before, other work 12.50 core"}},
		{0.34, -1, verdict{why: "other work unknown"}},
		{-1, 0, verdict{why: "load -1.00 before"}},
	}
	for _, tt := range tests {
		if got := judge(tt.load, tt.other, 1.0, 0.25); got != tt.want {
			t.Errorf("load %.2f, other %.2f: got %+v, want %+v", tt.load, tt.other, got, tt.want)
		}
	}
}

func TestNumbered(t *testing.T) {
	tests := []struct {
		args []string
		want []string
	}{
		{[]string{"publish", "-db", "/tmp/b-N/large.db", "-o", "/tmp/b-N/site-N"}, []string{"publish", "-db", "/tmp/b-N/large.db", "-o", "/tmp/b-N/site-3"}},
		{[]string{"summary", "-json"}, []string{"summary", "-json"}},
	}
	for _, tt := range tests {
		if got := numbered(tt.args, 3); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%q: got %q, want %q", tt.args, got, tt.want)
		}
	}
}

// TestParseBenchOutput: the figures of every run by benchmark, also when
// the benchmark wrote something between its name and its figures.
func TestParseBenchOutput(t *testing.T) {
	out := strings.Join([]string{
		"goos: linux",
		"pkg: strategytracker/app",
		"BenchmarkFilterMeasures/search-2         \t      20\t   2335118 ns/op",
		"BenchmarkAppExportLargePDF-2   \t",
		"child: exported 1,751 pages",
		"       1\t8123456789 ns/op\t         212.5 MB-peak-RSS",
		"BenchmarkAppExportLargePDF-2   \t       1\t7123456789 ns/op\t         230 MB-peak-RSS",
		"BenchmarkLoadAndCompute",
		"    bench_test.go:20: PostgreSQL is not installed",
		"--- SKIP: BenchmarkLoadAndCompute",
		"PASS",
		"ok  \tstrategytracker/app\t30.1s",
	}, "\n")
	got, skips := parseBenchOutput(strings.NewReader(out))
	want := map[string]metrics{
		"BenchmarkFilterMeasures/search": {"ns/op": {2335118}},
		"BenchmarkAppExportLargePDF":     {"ns/op": {8123456789, 7123456789}, "MB-peak-RSS": {212.5, 230}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
	if len(skips) != 1 || skips[0] != "--- SKIP: BenchmarkLoadAndCompute" {
		t.Errorf("skips: got %q", skips)
	}
}
