package main

import (
	"reflect"
	"strings"
	"testing"
)

// pastedPage is a BENCHMARKS.md in little: two idle runs under the
// section that claims targets, and a table under load elsewhere that
// must not count.
const pastedPage = `# Benchmarks

## The figures that claim targets: ` + "`make bench-check`" + ` on machine A, idle

### Run 1

Measured 2026-12-07 22:19 UTC (4m53s) on AMD EPYC, 2 cores.

| figure | command | target | median | min–max | met |
|---|---|---|---|---|---|
| summary -json, wall time | ` + "`strategytracker-cli summary -db large.db -asof 2026-11-30 -json`" + ` | ≤ 100 ms | 72 ms | 66 ms–105 ms (11) | yes |
| publish, wall time | ` + "`strategytracker-cli publish -o site-N`" + ` | ≤ 5 s | 1.49 s | 1.32 s–1.54 s (5) | yes |
| BenchmarkWALGuard/empty (./storage) | ` + "`go test -run '^$' -bench '^A$|^B$' ./storage`" + ` | — | 0.02 ms | 0.02 ms–0.02 ms (5) |  |
| council PDF ÷ its raw floor | the two benchmarks, run by run | ≤ 1.15× | 1.35× | 1.24×–1.48× (5) | **no** |
| calibration: CPU loop (fixed work), CPU time | benchcheck itself | — | 120 ms | 119 ms–121 ms (6) |  |

### Run 2

| figure | command | target | median | min–max | met |
|---|---|---|---|---|---|
| summary -json, wall time | ` + "`x`" + ` | ≤ 100 ms | 95 ms | 71 ms–107 ms (11) | yes |
| publish, wall time | ` + "`x`" + ` | ≤ 5 s | 3.00 s | 2.74 s–3.65 s (5) | yes |
| council PDF ÷ its raw floor | the two benchmarks, run by run | ≤ 1.15× | 1.41× | 1.14×–1.66× (5) | **no** |
| calibration: CPU loop (fixed work), CPU time | benchcheck itself | — | 122 ms | 119 ms–125 ms (6) |  |

## Figures measured under load

| figure | command | target | median | min–max | met |
|---|---|---|---|---|---|
| summary -json, wall time | ` + "`x`" + ` | ≤ 100 ms | 297 ms | 225 ms–1.34 s (11) | not claimed |
`

func TestReadTables(t *testing.T) {
	tables, err := readTables(strings.NewReader(pastedPage))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, tb := range tables {
		got = append(got, tb.heading+": "+strings.Join(tb.figures, "; "))
	}
	want := []string{
		"Run 1: summary -json, wall time; publish, wall time; BenchmarkWALGuard/empty (./storage); council PDF ÷ its raw floor; calibration: CPU loop (fixed work), CPU time",
		"Run 2: summary -json, wall time; publish, wall time; council PDF ÷ its raw floor; calibration: CPU loop (fixed work), CPU time",
		": summary -json, wall time",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %q\nwant %q", got, want)
	}
	if m := tables[0].median["BenchmarkWALGuard/empty (./storage)"]; m != "0.02 ms" {
		t.Errorf("a | inside code split the row: median %q", m)
	}
	if !strings.Contains(tables[0].preamble, "Measured 2026-12-07 22:19 UTC") {
		t.Errorf("preamble: %q", tables[0].preamble)
	}
	if runs := pastedRuns(tables, "claim targets"); len(runs) != 2 {
		t.Errorf("pasted runs: got %d, want 2 (not the table under load)", len(runs))
	}
}

func TestParseValue(t *testing.T) {
	tests := []struct {
		s    string
		want float64
		ok   bool
	}{
		{"72 ms", 0.072, true},
		{"1.25 s", 1.25, true},
		{"10.13 ms", 0.01013, true},
		{"139 MB", 139e6, true},
		{"0.73×", 0.73, true},
		{"4028757 allocs/op", 4028757, true},
		{"1.5e+06 pages", 1.5e6, true},
		{"failed: exit status 1", 0, false},
		{"", 0, false},
	}
	for _, tt := range tests {
		got, ok := parseValue(tt.s)
		if ok != tt.ok || got < tt.want*0.999999 || got > tt.want*1.000001 {
			t.Errorf("%q: got %v %v, want %v %v", tt.s, got, ok, tt.want, tt.ok)
		}
	}
}

// TestWriteComparison: each row against the middle of the pasted
// medians, the difference and whether it is within 15 %; the calibration
// rows not counted as figures but as the machine's speed; no claim from a
// run whose header says it was not idle.
func TestWriteComparison(t *testing.T) {
	tables, err := readTables(strings.NewReader(pastedPage))
	if err != nil {
		t.Fatal(err)
	}
	pasted := pastedRuns(tables, "claim targets")
	now := func(preamble, summary, publish, calib string) table {
		return table{preamble: preamble, figures: []string{"summary -json, wall time", "publish, wall time", "council PDF ÷ its raw floor", "check, wall time", "calibration: CPU loop (fixed work), CPU time"},
			median: map[string]string{"summary -json, wall time": summary, "publish, wall time": publish, "council PDF ÷ its raw floor": "1.40×",
				"check, wall time": "1.10 s", "calibration: CPU loop (fixed work), CPU time": calib}}
	}
	tests := []struct {
		name string
		cur  table
		want []string
	}{
		{"within", now("Measured …", "80 ms", "2.20 s", "121 ms"), []string{
			"| summary -json, wall time | 72 ms, 95 ms | 83 ms | 80 ms | -4.2 % | yes |",
			"| publish, wall time | 1.49 s, 3.00 s | 2.25 s | 2.20 s | -2.0 % | yes |",
			"| council PDF ÷ its raw floor | 1.35×, 1.41× | 1.38× | 1.40× | +1.4 % | yes |",
			"| check, wall time | —, — | | 1.10 s | | not compared |",
			"| calibration: CPU loop (fixed work), CPU time | 120 ms, 122 ms | 121 ms | 121 ms | +0.0 % | same speed |",
			"Within 15 % of the pasted median: 3 of 3 rows",
			"The figures reproduce within 15 %.",
		}},
		{"outside, the machine slower", now("Measured …", "80 ms", "3.00 s", "140 ms"), []string{
			"| publish, wall time | 1.49 s, 3.00 s | 2.25 s | 3.00 s | +33.6 % | **no** |",
			"Within 15 % of the pasted median: 2 of 3 rows",
			"Outside: publish, wall time +34 %.\n",
			"The machine did not run at the pasted runs' speed (calibration: CPU loop (fixed work), CPU time +16 %",
			"The figures do not all reproduce within 15 %.",
		}},
		{"not idle", now("The machine was not idle (load 3.10 before)", "80 ms", "2.20 s", "121 ms"), []string{
			"This run does not show whether the figures reproduce",
		}},
	}
	for _, tt := range tests {
		var out strings.Builder
		writeComparison(&out, pasted, tt.cur, 0.15)
		for _, w := range tt.want {
			if !strings.Contains(out.String(), w) {
				t.Errorf("%s: lacks %q in\n%s", tt.name, w, out.String())
			}
		}
		if tt.name == "not idle" && strings.Contains(out.String(), "reproduce within") {
			t.Errorf("not idle: claims\n%s", out.String())
		}
	}
}

// TestPastedBenchmarksReadable: the runs pasted in the project's
// BENCHMARKS.md are found and their medians read back, so that
// `make bench-compare` has something to compare with.
func TestPastedBenchmarksReadable(t *testing.T) {
	runs, err := pastedTables("../../BENCHMARKS.md", "claim targets")
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range runs {
		read := 0
		for _, f := range r.figures {
			if _, ok := parseValue(r.median[f]); ok {
				read++
			}
		}
		if read < 20 || read < len(r.figures)*9/10 {
			t.Errorf("%s: %d of %d medians read back", r.heading, read, len(r.figures))
		}
	}
}
