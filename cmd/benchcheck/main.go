// Command benchcheck re-measures every figure of BENCHMARKS.md and prints
// one table (`make bench-check`): the whole processes of the console
// binary on the large generated strategy (summary, check, the reports,
// the templates, publish), and the Go benchmarks with their floors (the
// workbook and the PDF against the same cells written raw, the template
// against the workbook, loading from SQLite and from PostgreSQL).
//
// Every row says the figure, its target, the median, the range and
// whether the target is met; the header says the machine (CPU model,
// cores), the date and the load average before and after. A target is
// claimed met or missed only when the machine was idle (load average at
// most -idle before and after): under load the row says so instead, as a
// figure measured on a busy machine proves nothing either way.
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
	idle := flag.Float64("idle", 1.0, "the highest load average at which a target is claimed")
	skip := flag.String("skip", "", "leave out the figures whose name matches this regular expression")
	flag.Parse()
	var skipRE *regexp.Regexp
	if *skip != "" {
		skipRE = regexp.MustCompile(*skip)
	}
	b := &bench{bin: *bin, runs: *runs, count: *count, skip: skipRE, out: os.Stdout}
	if err := b.run(*summaryRuns, *idle); err != nil {
		fmt.Fprintln(os.Stderr, "benchcheck:", err)
		os.Exit(1)
	}
}

type bench struct {
	bin   string
	runs  int
	count int
	skip  *regexp.Regexp
	dir   string
	out   io.Writer
	rows  []row
}

// add appends rows to the table and shows them on stderr as they come,
// so that a long run shows where it is.
func (b *bench) add(rows ...row) {
	for _, r := range rows {
		fmt.Fprintln(os.Stderr, "benchcheck:", r.line(false, loadAverage(), loadAverage()))
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

func (b *bench) run(summaryRuns int, idle float64) error {
	if _, err := os.Stat(b.bin); err != nil {
		return fmt.Errorf("%s is not built (make build): %v", b.bin, err)
	}
	dir, err := os.MkdirTemp("", "benchcheck")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	b.dir = dir
	loadBefore := loadAverage()
	started := time.Now()
	db := filepath.Join(dir, "large.db")
	if out, err := exec.Command(b.bin, "generate", "-db", db, "-measures", "2000").CombinedOutput(); err != nil {
		return fmt.Errorf("generate: %v\n%s", err, out)
	}
	b.processes(db, summaryRuns)
	b.goBenchmarks()
	loadAfter := loadAverage()

	fmt.Fprintf(b.out, "Measured %s (%s) on %s, %d cores, %s; load average %s before, %s after.\n",
		started.UTC().Format("2006-01-02 15:04 MST"), time.Since(started).Round(time.Second), cpuModel(), runtime.NumCPU(), runtime.Version(),
		loadBefore, loadAfter)
	quiet := loadBefore.max() <= idle && loadAfter.max() <= idle
	if !quiet {
		fmt.Fprintf(b.out, "The machine was not idle (load average above %.1f): no target is claimed met or missed.\n", idle)
	}
	fmt.Fprintln(b.out)
	fmt.Fprintln(b.out, "| figure | command | target | median | min–max | met |")
	fmt.Fprintln(b.out, "|---|---|---|---|---|---|")
	for _, r := range b.rows {
		fmt.Fprintln(b.out, r.line(quiet, loadBefore, loadAfter))
	}
	return nil
}

func (r row) line(quiet bool, before, after loads) string {
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
	case !quiet:
		met = fmt.Sprintf("not claimed (load %s → %s)", before, after)
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
	return fmt.Sprint(v)
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
		{name: "publish", args: []string{"publish", "-db", db, "-asof", asOf, "-o", out("site")}, wall: "≤ 5 s", wallMax: 5},
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
		for range n {
			if p.name == "publish" {
				os.RemoveAll(out("site"))
			}
			w, c, m, err := runProcess(b.bin, p.args...)
			if err != nil {
				failed = err
				break
			}
			wall, cpu, rss = append(wall, w), append(cpu, c), append(rss, m)
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

// goBench is one Go benchmark of BENCHMARKS.md.
type goBench struct {
	pkg, name string // name as -bench prints it, without the -N suffix
	benchtime string
	target    string
	limit     float64 // seconds per op; 0: none
}

// cpuSuffix marks, in goBenchmarks' results, the CPU time per op of a
// benchmark that reports it.
const cpuSuffix = " cpu"

// floor is a benchmark against its floor: the ratio of their times.
type floor struct {
	figure, of, over string
	limit            float64
}

func (b *bench) goBenchmarks() {
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
		{pkg: "./app", name: "BenchmarkFilterMeasures", target: "≤ 30 ms", limit: 0.030},
		{pkg: "./app", name: "BenchmarkBuildRows"},
	}
	floors := []floor{
		{figure: "workbook ÷ its raw floor", of: "./reports/xlsx BenchmarkWorkbook", over: "./reports/xlsx BenchmarkWorkbookRawFloor", limit: 1.3},
		{figure: "template ÷ workbook", of: "./reports/xlsx BenchmarkTemplate", over: "./reports/xlsx BenchmarkWorkbook", limit: 1.5},
		{figure: "council PDF ÷ its raw floor", of: "./reports/pdf BenchmarkReport", over: "./reports/pdf BenchmarkReportRawFloor", limit: 1.15},
	}
	results := map[string][]float64{} // "pkg name" and "pkg name/sub"
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
		for name, v := range got {
			results[pkg+" "+name] = v
		}
		if err != nil {
			for _, g := range benches {
				if g.pkg == pkg && results[pkg+" "+g.name] == nil {
					results[pkg+" "+g.name] = nil
					b.add(row{figure: g.name + " (" + pkg + ")", command: "go " + strings.Join(args, " "), note: "failed: " + err.Error()})
				}
			}
		}
	}
	for _, g := range benches {
		v := results[g.pkg+" "+g.name]
		if len(v) == 0 {
			continue
		}

		r := row{figure: g.name + " (" + g.pkg + ")", command: benchCommand(g, b.count), samples: v, unit: "s", target: "—"}
		if v[len(v)/2] < 0.01 {
			r.unit = "ms"
		}
		if g.limit > 0 {
			r.target, r.meets = g.target, atMost(g.limit)
		}
		b.add(r)
		if c := results[g.pkg+" "+g.name+cpuSuffix]; len(c) > 0 {
			b.add(row{figure: g.name + " (" + g.pkg + "), CPU time", command: r.command, samples: c, unit: "s", target: "—"})
		}
	}
	for _, f := range floors {
		for _, suffix := range []string{"", cpuSuffix} {
			of, over := results[f.of+suffix], results[f.over+suffix]
			if len(of) == 0 || len(of) != len(over) {
				continue
			}
			ratios := make([]float64, len(of))
			for i := range of {
				ratios[i] = of[i] / over[i]
			}
			figure := f.figure
			if suffix != "" {
				figure += ", CPU time"
			}
			b.add(row{figure: figure, command: "the two benchmarks, run by run", samples: ratios, unit: "×",
				target: "≤ " + strconv.FormatFloat(f.limit, 'f', -1, 64) + "×", meets: atMost(f.limit)})
		}
	}
}

func benchCommand(g goBench, count int) string {
	s := fmt.Sprintf("go test -run '^$' -bench '^%s$' -count %d", strings.ReplaceAll(g.name, "/", "$/^"), count)
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

// benchLine is a result line of `go test -bench`: name-GOMAXPROCS, the
// iterations and ns/op.
var benchLine = regexp.MustCompile(`^(Benchmark\S+?)(?:-\d+)?\s+\d+\s+([\d.]+) ns/op`)

// cpuMetric is the CPU time per op some benchmarks report beside ns/op
// (getrusage around their loop): on a busy machine the figure to read.
var cpuMetric = regexp.MustCompile(`\s([\d.]+) cpu-(n?s)/op`)

// goTest runs `go test -bench` and returns the seconds per op of every
// run of every benchmark, by name. A package whose benchmarks were skipped
// (PostgreSQL not installed) returns an error saying so.
func goTest(args ...string) (map[string][]float64, error) {
	cmd := exec.Command("go", args...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	got := map[string][]float64{}
	var skips []string
	sc := bufio.NewScanner(&out)
	for sc.Scan() {
		line := sc.Text()
		if m := benchLine.FindStringSubmatch(line); m != nil {
			ns, _ := strconv.ParseFloat(m[2], 64)
			got[m[1]] = append(got[m[1]], ns/1e9)
			if c := cpuMetric.FindStringSubmatch(line); c != nil {
				v, _ := strconv.ParseFloat(c[1], 64)
				if c[2] == "ns" {
					v /= 1e9
				}
				got[m[1]+cpuSuffix] = append(got[m[1]+cpuSuffix], v)
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
