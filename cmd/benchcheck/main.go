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
// The measuring is interleaved (rounds.go): in each of -runs (or
// -count) rounds every whole process runs its share of its runs and every
// package's benchmarks run once, from a test binary built before the
// measuring (-test.count 1), so that a minute in which the shared host
// runs the machine slower costs every figure one sample instead of
// moving a few figures by a third. A fixed calibration workload (a pure-CPU
// loop and a memory-bound walk, calibrate.go) is timed before, between and
// after the rounds: if it drifts by more than -drift the header says the
// run is not to be used to claim that figures reproduce, and its two rows
// let -compare see whether the machine ran at the pasted runs' speed. The
// header also gives the hypervisor's steal time over the run (/proc/stat).
//
// With -compare BENCHMARKS.md (make bench-compare) it then prints each
// row's median against the medians pasted there, with the difference and
// whether it is within -tolerance (15 %) — issue 26's "done when"
// (compare.go); -current compares a saved run instead of measuring.
//
// Before measuring, benchcheck builds the test binaries and waits -settle
// (a minute) after generating the strategy: whatever ran before has by
// then returned its memory, and most files it deleted no longer slow the
// creation of new ones (ext4 without a journal, as on machine A, steps
// past every inode deleted in the last minute when it allocates one — in
// the last six while the inode table is not written back — which made
// publish's 4,064 files cost seconds of system time right after a
// previous run's were removed). After each test binary it syncs, so that
// what the binary deleted is skipped for one minute, not six. Each whole
// process also runs once unmeasured first (-warmup), publish writes each
// run into a folder of its own, all removed at the end, and its user CPU
// time, which the disk's state does not touch, is a row of its own.
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
	summaryRuns := flag.Int("summary-runs", 15, "runs of summary -json (cheap: 3 a round)")
	count := flag.Int("count", 5, "runs of each Go benchmark (rounds of -test.count 1)")
	warmup := flag.Int("warmup", 1, "unmeasured runs of each whole process before its runs")
	settle := flag.Duration("settle", time.Minute, "the pause before measuring")
	idle := flag.Float64("idle", 1.0, "the highest 1-minute load average, when the measuring begins, at which a target is claimed")
	other := flag.Float64("other", 0.25, "the most cores other processes may use on average during the run for a target to be claimed")
	drift := flag.Float64("drift", 0.05, "the most the calibration may drift (0.05: 5 %) for the run to show whether figures reproduce")
	skip := flag.String("skip", "", "leave out the figures whose name matches this regular expression")
	compareWith := flag.String("compare", "", "after the run, compare its medians with the tables pasted in this file (BENCHMARKS.md)")
	section := flag.String("section", "claim targets", "with -compare: the pasted tables are those under the \"##\" heading containing this")
	current := flag.String("current", "", "with -compare: compare the last table of this file (a saved run) instead of measuring")
	tolerance := flag.Float64("tolerance", 0.15, "with -compare: the largest difference from the pasted median that reproduces (0.15: 15 %)")
	flag.Parse()
	var skipRE *regexp.Regexp
	if *skip != "" {
		skipRE = regexp.MustCompile(*skip)
	}
	if err := func() error {
		var pasted []table
		if *compareWith != "" {
			var err error
			if pasted, err = pastedTables(*compareWith, *section); err != nil {
				return err
			}
		}
		var out bytes.Buffer
		if *current != "" {
			if *compareWith == "" {
				return fmt.Errorf("-current needs -compare")
			}
			f, err := os.Open(*current)
			if err != nil {
				return err
			}
			defer f.Close()
			if _, err := io.Copy(&out, f); err != nil {
				return err
			}
		} else {
			b := &bench{bin: *bin, runs: *runs, warmup: *warmup, count: *count, skip: skipRE, out: io.MultiWriter(os.Stdout, &out)}
			if err := b.run(*summaryRuns, *settle, *idle, *other, *drift); err != nil {
				return err
			}
		}
		if *compareWith == "" {
			return nil
		}
		tables, err := readTables(&out)
		if err != nil || len(tables) == 0 {
			return fmt.Errorf("no benchcheck table to compare (%v)", err)
		}
		fmt.Println()
		writeComparison(os.Stdout, pasted, tables[len(tables)-1], *tolerance)
		return nil
	}(); err != nil {
		fmt.Fprintln(os.Stderr, "benchcheck:", err)
		os.Exit(1)
	}
}

// pastedTables are the benchcheck tables of file under the "##" heading
// containing section.
func pastedTables(file, section string) ([]table, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	tables, err := readTables(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", file, err)
	}
	runs := pastedRuns(tables, section)
	if len(runs) == 0 {
		return nil, fmt.Errorf("%s: no benchcheck table under a heading containing %q", file, section)
	}
	return runs, nil
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
	last   usage // at the end of the last round (the progress lines)
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

func (b *bench) run(summaryRuns int, settle time.Duration, idle, maxOther, maxDrift float64) error {
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
	// Every test binary is built before the pause: the compilers' work and
	// their deleted temporary files are over when the measuring begins.
	benches, floors := goBenches()
	pkgs := b.goPackages(benches, dir)
	procs := b.processList(db, summaryRuns)
	cal := newCalibrator(selfCPU)
	syncDisks() // what the builds deleted, written back: skipped one minute, not six

	settled := now()
	if settle > 0 {
		fmt.Fprintf(os.Stderr, "benchcheck: waiting %s before measuring\n", settle)
		time.Sleep(settle)
	}
	loadBefore, start := loadAverage(), now()
	b.last = start
	b.measure(procs, pkgs, cal)
	loadAfter, end := loadAverage(), now()
	other := otherLoad(start, end)
	v := judge(loadBefore.max(), other, idle, maxOther)

	b.rows = append(b.rows, processRows(procs)...)
	b.rows = append(b.rows, b.goRows(benches, floors, pkgs)...)
	b.rows = append(b.rows, cal.rows()...)

	pause := ""
	if settle > 0 {
		pause = fmt.Sprintf(" (%s in the %s pause before)", cores(otherLoad(settled, start)), settle)
	}
	fmt.Fprintf(b.out, "Measured %s (%s) on %s, %d cores, %s; load average %s before, %s after; other processes used %s on average while it ran%s; %s.\n",
		start.at.UTC().Format("2006-01-02 15:04 MST"), end.at.Sub(start.at).Round(time.Second), cpuModel(), runtime.NumCPU(), runtime.Version(),
		loadBefore, loadAfter, cores(other), pause, stealText(stolen(start, end)))
	fmt.Fprintf(b.out, "%d round(s), interleaved: each ran every whole process its share of its runs and every package's benchmarks once (a test binary built before, -test.count 1)", b.rounds())
	switch b.warmup {
	case 0:
		fmt.Fprint(b.out, "; no whole process ran unmeasured first")
	case 1:
		fmt.Fprint(b.out, "; each whole process ran once unmeasured before the first")
	default:
		fmt.Fprintf(b.out, "; each whole process ran %d times unmeasured before the first", b.warmup)
	}
	fmt.Fprintf(b.out, "; publish wrote each run into a new folder. The calibration (fixed work, the best of three, before, between and after the rounds) drifted %s.\n", driftText(cal))
	if !v.claim {
		fmt.Fprintf(b.out, "%s (%s; a target is claimed at a load average of at most %.2f before and other processes using at most %.2f core): no target is claimed met or missed.\n",
			notIdle, v.why, idle, maxOther)
	}
	if d := cal.drifted(maxDrift); d != "" {
		fmt.Fprintf(b.out, "%s during the run (%s; at most %.0f %% allowed): this run is not used to claim that the figures reproduce.\n", drifted, d, maxDrift*100)
	}
	fmt.Fprintln(b.out)
	fmt.Fprintln(b.out, tableHeader)
	fmt.Fprintln(b.out, "|---|---|---|---|---|---|")
	for _, r := range b.rows {
		fmt.Fprintln(b.out, r.line(v))
	}
	return nil
}

// rounds is how many rounds the runs are spread over: as many as the
// whole processes' or the benchmarks' runs, whichever is more.
func (b *bench) rounds() int { return max(b.runs, b.count, 1) }

// measure runs the plan: each whole process's unmeasured runs, then the
// rounds, the calibration before, between and after them.
func (b *bench) measure(procs []*proc, pkgs []*goPkg, cal *calibrator) {
	runs := make([]int, len(procs))
	for i, p := range procs {
		runs[i] = p.runs
	}
	rounds := b.rounds()
	for _, s := range plan(rounds, b.warmup, runs, len(pkgs), b.count) {
		switch s.kind {
		case warmupStep:
			procs[s.i].runOnce(b.bin, 0)
		case procStep:
			procs[s.i].runOnce(b.bin, len(procs[s.i].walls)+1)
		case pkgStep:
			if p := pkgs[s.i]; p.failed == nil {
				p.runOnce()
				if p.failed != nil {
					fmt.Fprintf(os.Stderr, "benchcheck: %s: %v\n", p.pkg, p.failed)
				}
				// What the test binary deleted at its end (a PostgreSQL
				// cluster, temporary folders) written back now, unmeasured:
				// ext4 without a journal then skips those inodes for a
				// minute instead of six when publish creates its files.
				syncDisks()
			}
		case calibrateStep:
			cal.point()
			if s.round > 0 {
				u := now()
				fmt.Fprintf(os.Stderr, "benchcheck: round %d of %d done; other processes used %s in it, %s; calibration %s\n",
					s.round, rounds, cores(otherLoad(b.last, u)), stealText(stolen(b.last, u)), cal.last())
				b.last = u
			}
		}
	}
}

func stealText(s float64) string {
	if s < 0 {
		return "the hypervisor's steal time unknown"
	}
	return fmt.Sprintf("the hypervisor took %.1f %% of the cores' time (steal)", s*100)
}

// driftText says how far each calibration workload's slowest point was
// from its fastest.
func driftText(c *calibrator) string {
	var parts []string
	for _, p := range c.points {
		parts = append(parts, fmt.Sprintf("%.1f %% (%s)", p.drift()*100, strings.TrimSuffix(strings.TrimPrefix(p.name, "calibration: "), " (fixed work), CPU time")))
	}
	return strings.Join(parts, " and ")
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
	case "ms": // three significant digits at least: -compare reads them back
		switch ms := v * 1000; {
		case ms < 0.1:
			return fmt.Sprintf("%.4f ms", ms)
		case ms < 1:
			return fmt.Sprintf("%.3f ms", ms)
		default:
			return fmt.Sprintf("%.2f ms", ms)
		}
	case "MB":
		return fmt.Sprintf("%.0f MB", v/1e6)
	case "×":
		return fmt.Sprintf("%.2f×", v)
	}
	if v >= 1000 {
		return strconv.FormatFloat(v, 'f', 0, 64) + " " + unit // 4028757 allocs/op
	}
	return strconv.FormatFloat(v, 'g', 4, 64) + " " + unit
}

func atMost(limit float64) func(float64) bool { return func(m float64) bool { return m <= limit } }

func (b *bench) skipped(name string) bool { return b.skip != nil && b.skip.MatchString(name) }

// proc is one whole process of the console binary, measured -runs times
// (summary -summary-runs): wall time, CPU time (user + system) and peak
// RSS of each run.
type proc struct {
	name    string
	args    []string
	runs    int
	wall    string // the target of the median wall time, or ""
	wallMax float64
	rss     float64 // the target of the largest peak RSS in bytes, or 0
	command string  // as the table shows it

	user bool // a row of its user CPU time too (publish: its system time is the file system's)

	walls, cpus, users, rsses []float64
	failed                    error
}

// processList is the whole processes not skipped.
func (b *bench) processList(db string, summaryRuns int) []*proc {
	out := func(name string) string { return filepath.Join(b.dir, name) }
	all := []*proc{
		{name: "summary -json", args: []string{"summary", "-db", db, "-asof", asOf, "-json"}, runs: summaryRuns, wall: "≤ 100 ms", wallMax: 0.100},
		{name: "check", args: []string{"check", "-db", db}},
		{name: "report -format xlsx", args: []string{"report", "-db", db, "-format", "xlsx", "-asof", asOf, "-o", out("r.xlsx")}},
		{name: "report -format pdf", args: []string{"report", "-db", db, "-format", "pdf", "-asof", asOf, "-o", out("r.pdf")}, wall: "≤ 3 s", wallMax: 3, rss: 250e6},
		{name: "template", args: []string{"template", "-db", db, "-o", out("t.xlsx")}, rss: 150e6},
		// Into a new folder each run (site-1, site-2…, the command shows
		// site-N): removing the previous run's 4,064 files just before
		// would make the file system's inode allocation, not publish, the
		// figure (see the package comment).
		// Its system time depends on what was deleted on the disk in the
		// minutes before (ext4 without a journal): the user CPU time is
		// the row that does not.
		{name: "publish", args: []string{"publish", "-db", db, "-asof", asOf, "-o", out("site-N")}, wall: "≤ 5 s", wallMax: 5, user: true},
	}
	var procs []*proc
	for _, p := range all {
		if b.skipped(p.name) {
			continue
		}
		if p.runs == 0 {
			p.runs = b.runs
		}
		p.command = "strategytracker-cli " + strings.ReplaceAll(strings.Join(p.args, " "), b.dir+string(filepath.Separator), "")
		procs = append(procs, p)
	}
	return procs
}

// runOnce runs the process once more: measured when n > 0 (the n-th run,
// which numbers its output folder), unmeasured (a warm-up) when n is 0.
func (p *proc) runOnce(bin string, n int) {
	if p.failed != nil {
		return
	}
	w, c, u, m, err := runProcess(bin, numbered(p.args, n)...) // the warm-up writes site-0
	switch {
	case err != nil:
		p.failed = err
	case n > 0:
		p.walls, p.cpus, p.users, p.rsses = append(p.walls, w), append(p.cpus, c), append(p.users, u), append(p.rsses, m)
	}
}

// processRows are the rows of the whole processes, and the template
// against the workbook run by run.
func processRows(procs []*proc) []row {
	var rows []row
	walls, cpus := map[string][]float64{}, map[string][]float64{}
	for _, p := range procs {
		if p.failed != nil {
			rows = append(rows, row{figure: p.name + ", wall time", command: p.command, note: "failed: " + p.failed.Error()})
			continue
		}
		walls[p.name], cpus[p.name] = p.walls, p.cpus
		r := row{figure: p.name + ", wall time", command: p.command, samples: p.walls, unit: "s", target: "—"}
		if p.wall != "" {
			r.target, r.meets = p.wall, atMost(p.wallMax)
		}
		rows = append(rows, r, row{figure: p.name + ", CPU time (user + system)", command: p.command, samples: p.cpus, unit: "s", target: "—"})
		if p.user {
			rows = append(rows, row{figure: p.name + ", user CPU time", command: p.command, samples: p.users, unit: "s", target: "—"})
		}
		if p.rss > 0 {
			rows = append(rows, row{figure: p.name + ", peak RSS", command: p.command, samples: p.rsses, unit: "MB",
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
		rows = append(rows, r)
	}
	return rows
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

// runProcess runs bin once: wall seconds, CPU seconds (user + system),
// user CPU seconds, peak RSS in bytes.
func runProcess(bin string, args ...string) (wall, cpu, user, rss float64, err error) {
	cmd := exec.Command(bin, args...)
	cmd.Env = append(os.Environ(), "LANG=C.UTF-8")
	var stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = io.Discard, &stderr
	start := time.Now()
	if err := cmd.Run(); err != nil {
		return 0, 0, 0, 0, fmt.Errorf("%s: %v: %s", strings.Join(args[:1], " "), err, strings.TrimSpace(stderr.String()))
	}
	wall = time.Since(start).Seconds()
	st := cmd.ProcessState
	return wall, (st.UserTime() + st.SystemTime()).Seconds(), st.UserTime().Seconds(), peakRSS(st), nil
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
