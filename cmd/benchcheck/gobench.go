package main

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os/exec"
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

func (b *bench) goBenchmarks() {
	const filter = "≤ 30 ms" // each key typed in the measures' search box
	benches := []goBench{
		{pkg: "./storage", name: "BenchmarkLoadAndCompute", target: "≤ 150 ms", limit: 0.150},
		{pkg: "./storage", name: "BenchmarkSummary"},
		{pkg: "./storage", name: "BenchmarkWALGuard/empty"},
		{pkg: "./storage", name: "BenchmarkWALGuard/guard"},
		{pkg: "./storage", name: "BenchmarkOpenBesideAWAL"},
		{pkg: "./reports/xlsx", name: "BenchmarkWorkbook"},
		{pkg: "./reports/xlsx", name: "BenchmarkWorkbookRawFloor"},
		{pkg: "./reports/xlsx", name: "BenchmarkTemplate"},
		{pkg: "./reports/pdf", name: "BenchmarkReport", target: "≤ 3 s", limit: 3},
		{pkg: "./reports/pdf", name: "BenchmarkReportRawFloor"},
		{pkg: "./reports/site", name: "BenchmarkPublish2000", benchtime: "1x", target: "≤ 5 s", limit: 5},
		{pkg: "./storage/postgres", name: "BenchmarkLoadAndCompute", benchtime: "10x", target: "≤ 300 ms", limit: 0.300},
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
	results := map[string]metrics{} // by "pkg name" ("pkg name/sub")
	failed := map[string]bool{}     // said already
	for _, pkg := range packagesOf(benches) {
		var names []string
		benchtime := ""
		for _, g := range benches {
			if g.pkg == pkg && !b.skipped(pkg+" "+g.name) {
				top, _, _ := strings.Cut(g.name, "/")
				if !slices.Contains(names, top) {
					names = append(names, top)
				}
				if g.benchtime != "" {
					benchtime = g.benchtime
				}
			}
		}
		if len(names) == 0 {
			continue
		}
		args := []string{"test", "-run", "^$", "-bench", "^(" + strings.Join(names, "|") + ")$", "-benchmem", "-count", strconv.Itoa(b.count),
			"-timeout", "2h"} // not go test's 10 minutes: a shared machine is slow
		if benchtime != "" {
			args = append(args, "-benchtime", benchtime)
		}
		got, err := goTest(append(args, pkg)...)
		for name, m := range got {
			results[pkg+" "+name] = m
		}
		if err != nil {
			for _, g := range benches {
				if g.pkg == pkg && results[pkg+" "+g.name] == nil {
					failed[pkg+" "+g.name] = true
					b.add(row{figure: g.name + " (" + pkg + ")", command: "go " + strings.Join(args, " "), note: "failed: " + err.Error()})
				}
			}
		}
	}
	for _, g := range benches {
		if k := g.pkg + " " + g.name; !b.skipped(k) && !failed[k] {
			b.add(g.rows(results[k], b.count)...)
		}
	}
	for _, f := range floors {
		b.add(f.rows(results)...)
	}
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

// goTest runs `go test -bench` and returns every benchmark's results by
// name. A package whose benchmarks were skipped (PostgreSQL not installed)
// returns an error saying so.
func goTest(args ...string) (map[string]metrics, error) {
	cmd := exec.Command("go", args...)
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
