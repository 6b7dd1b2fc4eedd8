// Command benchcheck re-measures every figure of BENCHMARKS.md and prints
// one table (`make bench-check`): the whole processes of the console
// binary on the large generated strategy (summary, check, the reports,
// the templates, publish), and the Go benchmarks with their floors (the
// workbook and the PDF against the same cells written raw, the template
// against the workbook, loading from SQLite and from PostgreSQL).
//
// Every row says the figure, its target, the median, the range and
// whether the target is met; the header says the machine (CPU model,
// cores), the date, the load average before and after and how much of the
// machine other processes used while it measured. A target is claimed met
// or missed only when the machine was idle: a load average of at most
// -idle when the measuring began, and other processes using at most
// -other cores on average while it ran (idle.go). Otherwise the row says
// so instead, as a figure measured on a busy machine proves nothing either
// way.
//
// Before measuring, benchcheck waits -settle (a minute) after generating
// the strategy: whatever ran before — a previous bench-check — has by then
// returned its memory, and the files it deleted no longer slow the
// creation of new ones (ext4 without a journal, as on machine A, skips
// every inode deleted in the last minute when it allocates one, which made
// publish's 4,064 files cost seconds of system time right after the
// previous run's were removed). Each whole process also runs once
// unmeasured first (-warmup), and publish writes each run into a folder
// of its own, all removed at the end.
package main

import (
	"bufio"
	"bytes"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"
)

// asOf is the as-of date of the reports: the generated strategy's.
const asOf = "2026-11-30"

func main() {
	bin := flag.String("bin", "bin/strategytracker-cli", "the console binary (make build)")
	runs := flag.Int("runs", 5, "runs of each whole process")
	summaryRuns := flag.Int("summary-runs", 11, "runs of summary -json")
	count := flag.Int("count", 5, "-count of each Go benchmark")
	warmup := flag.Int("warmup", 1, "unmeasured runs of each whole process before its runs")
	settle := flag.Duration("settle", time.Minute, "the pause before measuring")
	idle := flag.Float64("idle", 1.0, "the highest 1-minute load average, when the measuring begins, at which a target is claimed")
	other := flag.Float64("other", 0.25, "the most cores other processes may use on average during the run for a target to be claimed")
	skip := flag.String("skip", "", "leave out the figures whose name matches this regular expression")
	flag.Parse()
	var skipRE *regexp.Regexp
	if *skip != "" {
		skipRE = regexp.MustCompile(*skip)
	}
	b := &bench{bin: *bin, runs: *runs, warmup: *warmup, count: *count, skip: skipRE, out: os.Stdout}
	if err := b.run(*summaryRuns, *settle, *idle, *other); err != nil {
		fmt.Fprintln(os.Stderr, "benchcheck:", err)
		os.Exit(1)
	}
}

type bench struct {
	bin    string
	runs   int
	warmup int
	count  int
	skip   *regexp.Regexp
	dir    string
	out    io.Writer
	rows   []row
}

// add appends rows to the table and shows them on stderr as they come,
// so that a long run shows where it is.
func (b *bench) add(rows ...row) {
	for _, r := range rows {
		fmt.Fprintln(os.Stderr, "benchcheck:", r.line(verdict{why: "judged at the end"}))
	}
	b.rows = append(b.rows, rows...)
}

// row is one line of the table. samples are what was measured (seconds,
// bytes or a ratio); target checks the median.
type row struct {
	figure, command string
	samples         []float64
	unit            string // "s", "MB", "×"
	target          string
	meets           func(median float64) bool // nil: no target
	note            string                    // instead of figures (skipped, failed)
}

func (b *bench) run(summaryRuns int, settle time.Duration, idle, maxOther float64) error {
	if _, err := os.Stat(b.bin); err != nil {
		return fmt.Errorf("%s is not built (make build): %v", b.bin, err)
	}
	dir, err := os.MkdirTemp("", "benchcheck")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	b.dir = dir
	db := filepath.Join(dir, "large.db")
	if out, err := exec.Command(b.bin, "generate", "-db", db, "-measures", "2000").CombinedOutput(); err != nil {
		return fmt.Errorf("generate: %v\n%s", err, out)
	}
	settled := now()
	if settle > 0 {
		fmt.Fprintf(os.Stderr, "benchcheck: waiting %s before measuring\n", settle)
		time.Sleep(settle)
	}
	loadBefore, start := loadAverage(), now()
	b.processes(db, summaryRuns)
	b.goBenchmarks()
	loadAfter, end := loadAverage(), now()
	other := otherLoad(start, end)
	v := judge(loadBefore.max(), other, idle, maxOther)

	fmt.Fprintf(b.out, "Measured %s (%s) on %s, %d cores, %s; load average %s before, %s after; other processes used %s on average while it ran (%s in the %s pause before).\n",
		start.at.UTC().Format("2006-01-02 15:04 MST"), end.at.Sub(start.at).Round(time.Second), cpuModel(), runtime.NumCPU(), runtime.Version(),
		loadBefore, loadAfter, cores(other), cores(otherLoad(settled, start)), settle)
	switch b.warmup {
	case 0:
		fmt.Fprint(b.out, "No whole process ran unmeasured first")
	case 1:
		fmt.Fprint(b.out, "Each whole process ran once unmeasured before its runs")
	default:
		fmt.Fprintf(b.out, "Each whole process ran %d times unmeasured before its runs", b.warmup)
	}
	fmt.Fprintln(b.out, "; publish wrote each run into a new folder.")
	if !v.claim {
		fmt.Fprintf(b.out, "The machine was not idle (%s; a target is claimed at a load average of at most %.2f before and other processes using at most %.2f core): no target is claimed met or missed.\n",
			v.why, idle, maxOther)
	}
	fmt.Fprintln(b.out)
	fmt.Fprintln(b.out, "| figure | command | target | median | min–max | met |")
	fmt.Fprintln(b.out, "|---|---|---|---|---|---|")
	for _, r := range b.rows {
		fmt.Fprintln(b.out, r.line(v))
	}
	return nil
}

// cores formats an other-load figure.
func cores(c float64) string {
	if c < 0 {
		return "an unknown share of the cores"
	}
	return fmt.Sprintf("%.2f core", c)
}

func (r row) line(v verdict) string {
	if r.note != "" {
		return fmt.Sprintf("| %s | `%s` | %s | %s | | |", r.figure, r.command, r.target, r.note)
	}
	command := "`" + r.command + "`"
	if strings.HasPrefix(r.command, "the ") {
		command = r.command // a ratio of other rows
	}
	s := slices.Clone(r.samples)
	slices.Sort(s)
	med := median(s)
	met := ""
	switch {
	case r.meets == nil:
	case !v.claim:
		met = "not claimed (" + v.why + ")"
	case r.meets(med):
		met = "yes"
	default:
		met = "**no**"
	}
	return fmt.Sprintf("| %s | %s | %s | %s | %s–%s (%d) | %s |", r.figure, command, r.target,
		format(med, r.unit), format(s[0], r.unit), format(s[len(s)-1], r.unit), len(s), met)
}

func median(sorted []float64) float64 {
	n := len(sorted)
	if n%2 == 1 {
		return sorted[n/2]
	}
	return (sorted[n/2-1] + sorted[n/2]) / 2
}

func format(v float64, unit string) string {
	switch unit {
	case "s":
		if v < 1 {
			return fmt.Sprintf("%.0f ms", v*1000)
		}
		return fmt.Sprintf("%.2f s", v)
	case "ms":
		return fmt.Sprintf("%.2f ms", v*1000)
	case "MB":
		return fmt.Sprintf("%.0f MB", v/1e6)
	case "×":
		return fmt.Sprintf("%.2f×", v)
	}
	return strconv.FormatFloat(v, 'g', 4, 64) + " " + unit
}

func atMost(limit float64) func(float64) bool { return func(m float64) bool { return m <= limit } }

func (b *bench) skipped(name string) bool { return b.skip != nil && b.skip.MatchString(name) }

// processes measures the whole processes of the console binary: wall
// time, CPU time (user + system) and peak RSS of each run.
func (b *bench) processes(db string, summaryRuns int) {
	type proc struct {
		name    string
		args    []string
		runs    int
		wall    string // the target of the median wall time, or ""
		wallMax float64
		rss     float64 // the target of the largest peak RSS in bytes, or 0
	}
	out := func(name string) string { return filepath.Join(b.dir, name) }
	procs := []proc{
		{name: "summary -json", args: []string{"summary", "-db", db, "-asof", asOf, "-json"}, runs: summaryRuns, wall: "≤ 100 ms", wallMax: 0.100},
		{name: "check", args: []string{"check", "-db", db}},
		{name: "report -format xlsx", args: []string{"report", "-db", db, "-format", "xlsx", "-asof", asOf, "-o", out("r.xlsx")}},
		{name: "report -format pdf", args: []string{"report", "-db", db, "-format", "pdf", "-asof", asOf, "-o", out("r.pdf")}, wall: "≤ 3 s", wallMax: 3, rss: 250e6},
		{name: "template", args: []string{"template", "-db", db, "-o", out("t.xlsx")}, rss: 150e6},
		// Into a new folder each run (site-1, site-2…, the command shows
		// site-N): removing the previous run's 4,064 files just before
		// would make the file system's inode allocation, not publish, the
		// figure (see the package comment).
		{name: "publish", args: []string{"publish", "-db", db, "-asof", asOf, "-o", out("site-N")}, wall: "≤ 5 s", wallMax: 5},
	}
	walls, cpus := map[string][]float64{}, map[string][]float64{}
	for _, p := range procs {
		if b.skipped(p.name) {
			continue
		}
		n := p.runs
		if n == 0 {
			n = b.runs
		}
		var wall, cpu, rss []float64
		var failed error
		for i := range b.warmup + n {
			w, c, m, err := runProcess(b.bin, numbered(p.args, i+1)...)
			if err != nil {
				failed = err
				break
			}
			if i >= b.warmup {
				wall, cpu, rss = append(wall, w), append(cpu, c), append(rss, m)
			}
		}
		command := "strategytracker-cli " + strings.ReplaceAll(strings.Join(p.args, " "), b.dir+string(filepath.Separator), "")
		if failed != nil {
			b.add(row{figure: p.name + ", wall time", command: command, note: "failed: " + failed.Error()})
			continue
		}
		walls[p.name], cpus[p.name] = wall, cpu
		r := row{figure: p.name + ", wall time", command: command, samples: wall, unit: "s", target: "—"}
		if p.wall != "" {
			r.target, r.meets = p.wall, atMost(p.wallMax)
		}
		b.add(r,
			row{figure: p.name + ", CPU time (user + system)", command: command, samples: cpu, unit: "s", target: "—"})
		if p.rss > 0 {
			b.add(row{figure: p.name + ", peak RSS", command: command, samples: rss, unit: "MB",
				target: fmt.Sprintf("≤ %.0f MB", p.rss/1e6), meets: atMost(p.rss)})
		}
	}
	// The templates of every unit against the workbook (issue 14), in
	// wall time (the target) and in CPU time (which load disturbs less).
	for _, k := range []struct {
		what string
		of   map[string][]float64
	}{{"wall time", walls}, {"CPU time", cpus}} {
		t, w := k.of["template"], k.of["report -format xlsx"]
		if len(t) == 0 || len(t) != len(w) {
			continue
		}
		ratios := make([]float64, len(t))
		for i := range t {
			ratios[i] = t[i] / w[i]
		}
		r := row{figure: "template ÷ report -format xlsx, " + k.what, command: "the rows above, run by run", samples: ratios, unit: "×", target: "—"}
		if k.what == "wall time" {
			r.target, r.meets = "≤ 1.5×", atMost(1.5)
		}
		b.add(r)
	}
}

// numbered gives each run its own output folder: "site-N" becomes
// "site-1", "site-2"…
func numbered(args []string, run int) []string {
	args = slices.Clone(args)
	for i, a := range args {
		if strings.HasSuffix(a, "-N") {
			args[i] = strings.TrimSuffix(a, "N") + strconv.Itoa(run)
		}
	}
	return args
}

// runProcess runs bin once: wall seconds, CPU seconds, peak RSS in bytes.
func runProcess(bin string, args ...string) (wall, cpu, rss float64, err error) {
	cmd := exec.Command(bin, args...)
	cmd.Env = append(os.Environ(), "LANG=C.UTF-8")
	var stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = io.Discard, &stderr
	start := time.Now()
	if err := cmd.Run(); err != nil {
		return 0, 0, 0, fmt.Errorf("%s: %v: %s", strings.Join(args[:1], " "), err, strings.TrimSpace(stderr.String()))
	}
	wall = time.Since(start).Seconds()
	st := cmd.ProcessState
	return wall, (st.UserTime() + st.SystemTime()).Seconds(), peakRSS(st), nil
}

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

// goTest runs `go test -bench` and returns every benchmark's results by
// name. A package whose benchmarks were skipped (PostgreSQL not installed)
// returns an error saying so.
func goTest(args ...string) (map[string]metrics, error) {
	cmd := exec.Command("go", args...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	got := map[string]metrics{}
	var skips []string
	sc := bufio.NewScanner(&out)
	for sc.Scan() {
		line := sc.Text()
		if name, values, ok := parseBenchLine(line); ok {
			if got[name] == nil {
				got[name] = metrics{}
			}
			for unit, v := range values {
				got[name][unit] = append(got[name][unit], v)
			}
		} else if strings.Contains(line, "SKIP") || strings.Contains(line, "skipped") {
			skips = append(skips, strings.TrimSpace(line))
		}
	}
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

// loads are the 1-, 5- and 15-minute load averages.
type loads [3]float64

func (l loads) String() string { return fmt.Sprintf("%.2f", l[0]) }
func (l loads) max() float64   { return l[0] }

func loadAverage() loads {
	var l loads
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return loads{-1, -1, -1}
	}
	for i, f := range strings.Fields(string(b))[:3] {
		l[i], _ = strconv.ParseFloat(f, 64)
	}
	return l
}

func cpuModel() string {
	b, err := os.ReadFile("/proc/cpuinfo")
	if err != nil {
		return runtime.GOARCH
	}
	for _, line := range strings.Split(string(b), "\n") {
		if k, v, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(k) == "model name" {
			return strings.TrimSpace(v)
		}
	}
	return runtime.GOARCH
}
