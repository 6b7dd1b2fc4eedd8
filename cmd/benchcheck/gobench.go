package main

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// goBench is one figure of a Go benchmark of BENCHMARKS.md: its time per
// op, or a metric it reports (b.ReportMetric, as "value unit" beside
// ns/op).
type goBench struct {
	pkg, name string // name as -bench prints it, without the -N suffix
	metric    string // the unit of the reported metric ("MB-peak-RSS"); "": ns/op
	benchtime string
	target    string
	limit     float64 // in the row's unit (seconds, bytes): 0: none
}

// floor is a benchmark against its floor: the ratio of their times.
type floor struct {
	figure, of, over string
	limit            float64
}

// The CPU time per op some benchmarks report beside ns/op (getrusage
// around their loop): on a busy machine the figure to read.
var cpuMetrics = []string{"cpu-ns/op", "cpu-s/op"}

// goBenches are the Go benchmarks of BENCHMARKS.md, and floors the
// ratios of some of them.
func goBenches() ([]goBench, []floor) {
	const filter = "≤ 30 ms" // each key typed in the measures' search box
	benches := []goBench{
		// PostgreSQL first in each round: its test binary removes its
		// cluster (about 1,000 files) when it ends, and the other packages
		// then run before the next round's publish creates its files.
		{pkg: "./storage/postgres", name: "BenchmarkLoadAndCompute", benchtime: "10x", target: "≤ 300 ms", limit: 0.300},
		{pkg: "./storage", name: "BenchmarkLoadAndCompute", target: "≤ 150 ms", limit: 0.150},
		{pkg: "./storage", name: "BenchmarkLoadAndCompute", metric: "allocs/op"},
		// The garbage collector's CPU (the runtime's estimate), and its
		// idle-priority workers' part: where the variation between idle
		// runs is thought to be (BENCHMARKS.md).
		{pkg: "./storage", name: "BenchmarkLoadAndCompute", metric: "gc-cpu-ns/op"},
		{pkg: "./storage", name: "BenchmarkLoadAndCompute", metric: "gc-idle-cpu-ns/op"},
		{pkg: "./storage", name: "BenchmarkSummary"},
		{pkg: "./storage", name: "BenchmarkWALGuard/empty"},
		{pkg: "./storage", name: "BenchmarkWALGuard/guard"},
		{pkg: "./storage", name: "BenchmarkOpenBesideAWAL"},
		{pkg: "./reports/xlsx", name: "BenchmarkWorkbook"},
		{pkg: "./reports/xlsx", name: "BenchmarkWorkbookRawFloor"},
		{pkg: "./reports/xlsx", name: "BenchmarkTemplate"},
		{pkg: "./reports/pdf", name: "BenchmarkReport", target: "≤ 3 s", limit: 3},
		{pkg: "./reports/pdf", name: "BenchmarkReportRawFloor"},
		// The allocations per op of the figures that varied most between
		// idle runs: the same count says the program did the same work,
		// and the difference was the machine's or the runtime's.
		{pkg: "./reports/pdf", name: "BenchmarkReport", metric: "allocs/op"},
		{pkg: "./reports/pdf", name: "BenchmarkReportRawFloor", metric: "allocs/op"},
		{pkg: "./reports/site", name: "BenchmarkPublish2000", benchtime: "1x", target: "≤ 5 s", limit: 5},
		{pkg: "./app", name: "BenchmarkFilterMeasures/search", target: filter, limit: 0.030},
		{pkg: "./app", name: "BenchmarkFilterMeasures/search+status+sort", target: filter, limit: 0.030},
		{pkg: "./app", name: "BenchmarkFilterMeasures/everything_by_title", target: filter, limit: 0.030},
		{pkg: "./app", name: "BenchmarkBuildRows"},
		// The app's File › Export of the large strategy's PDF, in a child
		// process of its own: the largest peak RSS of its runs (issue 22).
		{pkg: "./app", name: "BenchmarkAppExportLargePDF", metric: "MB-peak-RSS", target: "≤ 250 MB", limit: 250e6},
	}
	floors := []floor{
		{figure: "workbook ÷ its raw floor", of: "./reports/xlsx BenchmarkWorkbook", over: "./reports/xlsx BenchmarkWorkbookRawFloor", limit: 1.3},
		{figure: "template ÷ workbook", of: "./reports/xlsx BenchmarkTemplate", over: "./reports/xlsx BenchmarkWorkbook", limit: 1.5},
		{figure: "council PDF ÷ its raw floor", of: "./reports/pdf BenchmarkReport", over: "./reports/pdf BenchmarkReportRawFloor", limit: 1.15},
	}
	return benches, floors
}

// goPkg is one package's benchmarks: its test binary, built once with
// `go test -c` before the measuring, and run once a round.
type goPkg struct {
	pkg       string // "./storage"
	names     []string
	benchtime string
	bin       string
	failed    error // the first failure; the package is not run again
	results   map[string]metrics
}

// args are the test binary's arguments for one run: every benchmark of
// the package once (-test.count 1).
func (p *goPkg) args() []string {
	args := []string{"-test.run", "^$", "-test.bench", "^(" + strings.Join(p.names, "|") + ")$", "-test.benchmem", "-test.count", "1",
		"-test.timeout", "2h"} // not go test's 10 minutes: a shared machine is slow
	if p.benchtime != "" {
		args = append(args, "-test.benchtime", p.benchtime)
	}
	return args
}

// goPackages groups the benchmarks not skipped by package and builds each
// package's test binary into dir.
func (b *bench) goPackages(benches []goBench, dir string) []*goPkg {
	var pkgs []*goPkg
	for _, pkg := range packagesOf(benches) {
		p := &goPkg{pkg: pkg, results: map[string]metrics{}}
		for _, g := range benches {
			if g.pkg == pkg && !b.skipped(pkg+" "+g.name) {
				top, _, _ := strings.Cut(g.name, "/")
				if !slices.Contains(p.names, top) {
					p.names = append(p.names, top)
				}
				if g.benchtime != "" {
					p.benchtime = g.benchtime
				}
			}
		}
		if len(p.names) == 0 {
			continue
		}
		p.bin = filepath.Join(dir, strings.ReplaceAll(strings.Trim(pkg, "./"), "/", "_")+".test")
		fmt.Fprintf(os.Stderr, "benchcheck: building the test binary of %s\n", pkg)
		if out, err := exec.Command("go", "test", "-c", "-o", p.bin, pkg).CombinedOutput(); err != nil {
			p.failed = fmt.Errorf("go test -c: %v: %s", err, lastLines(string(out), 3))
		}
		pkgs = append(pkgs, p)
	}
	return pkgs
}

// runOnce runs the package's benchmarks once, in the package's folder as
// go test does, and keeps their figures.
func (p *goPkg) runOnce() {
	if p.failed != nil {
		return
	}
	abs, err := filepath.Abs(p.pkg)
	if err != nil {
		p.failed = err
		return
	}
	cmd := exec.Command(p.bin, p.args()...)
	cmd.Dir = abs
	got, err := benchOutput(cmd)
	for name, m := range got {
		if p.results[name] == nil {
			p.results[name] = metrics{}
		}
		for unit, v := range m {
			p.results[name][unit] = append(p.results[name][unit], v...)
		}
	}
	p.failed = err
}

// goRows are the rows of the Go benchmarks and of their floors.
func (b *bench) goRows(benches []goBench, floors []floor, pkgs []*goPkg) []row {
	results := map[string]metrics{} // by "pkg name" ("pkg name/sub")
	failed := map[string]error{}
	for _, p := range pkgs {
		for name, m := range p.results {
			results[p.pkg+" "+name] = m
		}
		if p.failed != nil {
			failed[p.pkg] = p.failed
		}
	}
	var rows []row
	for _, g := range benches {
		k := g.pkg + " " + g.name
		switch {
		case b.skipped(k):
		case results[k] == nil && failed[g.pkg] != nil:
			rows = append(rows, row{figure: g.name + " (" + g.pkg + ")", command: benchCommand(g, b.count), note: "failed: " + failed[g.pkg].Error()})
		default:
			rows = append(rows, g.rows(results[k], b.count)...)
		}
	}
	for _, f := range floors {
		rows = append(rows, f.rows(results)...)
	}
	return rows
}

// rows are the ratios of the two benchmarks, run by run: of their wall
// times and, when they report it, of their CPU times.
func (f floor) rows(results map[string]metrics) []row {
	var rows []row
	for _, unit := range append([]string{"ns/op"}, cpuMetrics...) {
		of, over := results[f.of].seconds(unit), results[f.over].seconds(unit)
		if len(of) == 0 || len(of) != len(over) {
			continue
		}
		ratios := make([]float64, len(of))
		for i := range of {
			ratios[i] = of[i] / over[i]
		}
		figure := f.figure
		if unit != "ns/op" {
			figure += ", CPU time"
		}
		rows = append(rows, row{figure: figure, command: "the two benchmarks, run by run", samples: ratios, unit: "×",
			target: "≤ " + strconv.FormatFloat(f.limit, 'f', -1, 64) + "×", meets: atMost(f.limit)})
	}
	return rows
}

// rows are the rows of one benchmark's results m: its time per op (and
// CPU time per op when it reports it), or the metric it names.
func (g goBench) rows(m metrics, count int) []row {
	figure, command := g.name+" ("+g.pkg+")", benchCommand(g, count)
	if m == nil {
		return []row{{figure: figure, command: command, target: g.target, note: "no result: the benchmark is not in the package (renamed?)"}}
	}
	var r row
	switch {
	case g.metric == "":
		r = row{samples: m.seconds("ns/op"), unit: "s"}
		if len(r.samples) > 0 && r.samples[len(r.samples)/2] < 0.01 {
			r.unit = "ms"
		}
	case strings.HasSuffix(g.metric, "ns/op"): // a time per op of its own ("gc-cpu-ns/op")
		r = row{samples: m.seconds(g.metric), unit: "s"}
		figure = g.name + " (" + g.pkg + "), " + g.metric
	case strings.HasPrefix(g.metric, "MB"):
		r = row{samples: m.scaled(g.metric, 1e6), unit: "MB"} // the rows' MB are bytes
		figure = g.name + " (" + g.pkg + "), " + g.metric
	default:
		r = row{samples: m[g.metric], unit: g.metric}
		figure = g.name + " (" + g.pkg + "), " + g.metric
	}
	r.figure, r.command, r.target = figure, command, "—"
	if len(r.samples) == 0 {
		return []row{{figure: figure, command: command, target: g.target, note: "no result: the benchmark reports no " + g.metric}}
	}
	if g.limit > 0 {
		r.target, r.meets = g.target, atMost(g.limit)
	}
	rows := []row{r}
	if g.metric == "" {
		for _, unit := range cpuMetrics {
			if c := m.seconds(unit); len(c) > 0 {
				rows = append(rows, row{figure: figure + ", CPU time", command: command, samples: c, unit: "s", target: "—"})
			}
		}
	}
	return rows
}

func benchCommand(g goBench, count int) string {
	parts := strings.Split(g.name, "/")
	for i, p := range parts {
		parts[i] = "^" + regexp.QuoteMeta(p) + "$"
	}
	s := fmt.Sprintf("go test -run '^$' -bench '%s' -count %d", strings.Join(parts, "/"), count)
	if g.benchtime != "" {
		s += " -benchtime " + g.benchtime
	}
	return s + " " + g.pkg
}

func packagesOf(benches []goBench) []string {
	var pkgs []string
	for _, g := range benches {
		if !slices.Contains(pkgs, g.pkg) {
			pkgs = append(pkgs, g.pkg)
		}
	}
	return pkgs
}

// metrics are a benchmark's results, run by run, by unit as go test
// prints them: "ns/op", "B/op", "allocs/op" and those the benchmark
// reports itself ("cpu-ns/op", "MB-peak-RSS").
type metrics map[string][]float64

// seconds are the samples of a time per op in seconds.
func (m metrics) seconds(unit string) []float64 {
	if strings.HasSuffix(unit, "ns/op") {
		return m.scaled(unit, 1e-9)
	}
	return m[unit]
}

func (m metrics) scaled(unit string, by float64) []float64 {
	var s []float64
	for _, v := range m[unit] {
		s = append(s, v*by)
	}
	return s
}

// benchName is the start of a result line of `go test -bench`: the name
// (without the -GOMAXPROCS suffix) and the iterations; "value unit" pairs
// follow, separated by tabs.
var benchName = regexp.MustCompile(`^(Benchmark\S+?)(?:-\d+)?\s+\d+\s`)

// parseBenchLine reads one result line: the benchmark's name and each
// value by its unit. ok is false for any other line.
func parseBenchLine(line string) (name string, values map[string]float64, ok bool) {
	m := benchName.FindStringSubmatchIndex(line)
	if m == nil {
		return "", nil, false
	}
	name = line[m[2]:m[3]]
	values = map[string]float64{}
	f := strings.Fields(line[m[1]:])
	for i := 0; i+1 < len(f); i += 2 {
		v, err := strconv.ParseFloat(f[i], 64)
		if err != nil {
			return "", nil, false
		}
		values[f[i+1]] = v
	}
	if _, timed := values["ns/op"]; !timed {
		return "", nil, false
	}
	return name, values, true
}

// benchStart is a line with only a benchmark's name: go test prints the
// name first, and the figures on the next line when the benchmark wrote
// something in between.
var benchStart = regexp.MustCompile(`^(Benchmark\S+?)(?:-\d+)?\s*$`)

// parseBenchOutput reads the output of `go test -bench`: the results of
// every run of every benchmark by name, and the lines saying something
// was skipped.
func parseBenchOutput(r io.Reader) (map[string]metrics, []string) {
	got := map[string]metrics{}
	var skips []string
	pending := "" // a name printed alone, its figures still to come
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		line := sc.Text()
		name, values, ok := parseBenchLine(line)
		if !ok && pending != "" && strings.TrimSpace(line) != "" && (line[0] == ' ' || line[0] == '\t') {
			name, values, ok = parseBenchLine(pending + "\t" + strings.TrimSpace(line))
		}
		switch m := benchStart.FindStringSubmatch(line); {
		case ok:
			pending = ""
			if got[name] == nil {
				got[name] = metrics{}
			}
			for unit, v := range values {
				got[name][unit] = append(got[name][unit], v)
			}
		case m != nil:
			pending = m[1]
		case strings.Contains(line, "SKIP") || strings.Contains(line, "skipped"):
			skips = append(skips, strings.TrimSpace(line))
		}
	}
	return got, skips
}

// benchOutput runs a test binary's benchmarks and returns every
// benchmark's results by name. A package whose benchmarks were skipped
// (PostgreSQL not installed) returns an error saying so.
func benchOutput(cmd *exec.Cmd) (map[string]metrics, error) {
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	got, skips := parseBenchOutput(&out)
	switch {
	case err != nil:
		return got, fmt.Errorf("%v: %s", err, lastLines(out.String(), 3))
	case len(got) == 0 && len(skips) > 0:
		return got, fmt.Errorf("skipped: %s", strings.Join(skips, "; "))
	case len(got) == 0:
		return got, fmt.Errorf("no benchmark ran: %s", lastLines(out.String(), 3))
	}
	return got, nil
}

func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, " / ")
}
