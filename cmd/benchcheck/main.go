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
	last   usage // when the last figure was added
}

// add appends rows to the table and shows them on stderr as they come,
// so that a long run shows where it is. With each new measurement it says how much other processes used the
// cores while it was taken: where a run that is not idle was disturbed.
func (b *bench) add(rows ...row) {
	if len(rows) == 0 {
		return
	}
	u := now()
	fmt.Fprintf(os.Stderr, "benchcheck: other processes used %s since the last figure\n", cores(otherLoad(b.last, u)))
	b.last = u
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
	b.last = start
	b.processes(db, summaryRuns)
	b.goBenchmarks()
	loadAfter, end := loadAverage(), now()
	other := otherLoad(start, end)
	v := judge(loadBefore.max(), other, idle, maxOther)

	pause := ""
	if settle > 0 {
		pause = fmt.Sprintf(" (%s in the %s pause before)", cores(otherLoad(settled, start)), settle)
	}
	fmt.Fprintf(b.out, "Measured %s (%s) on %s, %d cores, %s; load average %s before, %s after; other processes used %s on average while it ran%s.\n",
		start.at.UTC().Format("2006-01-02 15:04 MST"), end.at.Sub(start.at).Round(time.Second), cpuModel(), runtime.NumCPU(), runtime.Version(),
		loadBefore, loadAfter, cores(other), pause)
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
