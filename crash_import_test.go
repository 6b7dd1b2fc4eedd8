package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"strategytracker/cli"
	"strategytracker/model"
	"strategytracker/storage"
)

// Issue 6 item 1: the CLI's import, run as a child process and killed
// (SIGKILL) at random moments, leaves a file that opens, passes check and
// holds all of an import or none of it.
//
// The child is this test binary again, selected by STRATEGYTRACKER_CLI_CHILD:
// tab-separated arguments, run as the command line runs them, or the
// test-only command "import-rounds DB", which works on DB round after
// round until it is killed: each round makes an update template with the
// CLI, fills it, imports it with the CLI, then makes a few single edits.

const childEnv = "STRATEGYTRACKER_CLI_CHILD"

func TestMain(m *testing.M) {
	if v := os.Getenv(childEnv); v != "" {
		args := strings.Split(v, "\t")
		if args[0] == "import-rounds" && len(args) == 2 {
			os.Exit(importRounds(args[1]))
		}
		os.Exit(cli.Run(args, os.Stdout, os.Stderr))
	}
	os.Exit(m.Run())
}

// What one round fills in: the template of one unit (a small workbook, so
// that a round is short even under the race detector) and in it the same
// rows every round, each carrying the round's marker "round K":
// roundMilestones milestones (note and evidence; completed if open), a new
// value of each KPI (its note the marker) and a new progress update of each
// measure (its text the marker). In the demo the unit has two measures with
// three KPIs, so one import changes 8+3+2 rows in one transaction, with an
// audit entry for each changed field (2×8+3+2, more in the first round,
// which completes the open milestones among them) and the import's own.
// After the import come roundEdits single edits, each its own transaction,
// of the notes of the unit's other milestones: "edit K.J".
//
// A round takes no snapshot: it would be a single edit as good as these,
// but each adds some 37 KB of figures that every later command reads and
// check verifies, which made the test too slow under the race detector.
const (
	roundUnit       = "INNO" // with enough milestones still to do for the template to list
	roundMilestones = 8
	roundEdits      = 3
	roundUser       = "n.stoyanov@sofia.example"
)

func roundMarker(k int) string   { return fmt.Sprintf("round %d", k) }
func roundEvidence(k int) string { return fmt.Sprintf("https://sofia.example/crash/round-%d", k) }

// parseRound returns K of "round K".
func parseRound(s string) (int, bool) {
	n, ok := strings.CutPrefix(s, "round ")
	if !ok {
		return 0, false
	}
	k, err := strconv.Atoi(n)
	return k, err == nil && k > 0
}

// roundRows are the rows every round fills, of the measures roundUnit
// leads that are not cancelled (the template leaves those out): the first
// roundMilestones milestones, every KPI and every measure; and the other
// milestones, which the single edits change.
type roundRows struct {
	milestones, kpis, measures, others []model.ID
}

func selectRoundRows(d *model.Doc) roundRows {
	var r roundRows
	for i := range d.Measures {
		m := &d.Measures[i]
		if m.Cancelled || m.LeadUnit != roundUnit {
			continue
		}
		for _, ms := range m.Milestones {
			// The template lists the milestones still to do and those done
			// lately (the rounds complete theirs yesterday): only those can
			// be filled in, and the choice must not move between rounds.
			listed := !ms.Cancelled && (ms.Completed == 0 || ms.Completed >= model.DateOf(time.Now()).AddDays(-60))
			if len(r.milestones) < roundMilestones && listed {
				r.milestones = append(r.milestones, ms.ID)
			} else {
				r.others = append(r.others, ms.ID)
			}
		}
		for _, k := range m.KPIs {
			r.kpis = append(r.kpis, k.ID)
		}
		r.measures = append(r.measures, m.ID)
	}
	return r
}

// roundState is what of the rounds a document holds: the milestones,
// KPI values and updates carrying each marker, and the last edit.
type roundState struct {
	latest     int                // the highest marker anywhere
	lastEdit   int                // the highest round of an "edit K.J" note
	milestones map[int][]model.ID // by the marker of the note
	evidence   map[int][]model.ID // by the marker of the evidence
	kpiValues  map[int][]model.ID // KPI ids, by the marker of the value's note
	updates    map[int][]model.ID // measure ids, by the marker of the text
}

func roundsOf(d *model.Doc) roundState {
	s := roundState{milestones: map[int][]model.ID{}, evidence: map[int][]model.ID{}, kpiValues: map[int][]model.ID{}, updates: map[int][]model.ID{}}
	add := func(m map[int][]model.ID, text string, id model.ID) {
		if k, ok := parseRound(text); ok {
			m[k] = append(m[k], id)
			s.latest = max(s.latest, k)
		}
	}
	for _, m := range d.Measures {
		for _, ms := range m.Milestones {
			if e, ok := strings.CutPrefix(ms.Note, "edit "); ok {
				k, _, _ := strings.Cut(e, ".")
				n, _ := strconv.Atoi(k)
				s.lastEdit = max(s.lastEdit, n)
			}
			add(s.milestones, ms.Note, ms.ID)
			if e, ok := strings.CutPrefix(ms.Evidence, "https://sofia.example/crash/round-"); ok {
				add(s.evidence, "round "+e, ms.ID)
			}
		}
		for _, k := range m.KPIs {
			for _, v := range k.Values {
				add(s.kpiValues, v.Note, k.ID)
			}
		}
		for _, u := range m.Updates {
			add(s.updates, u.Text.BG, m.ID)
		}
	}
	return s
}

// check returns what in s is not all-or-nothing: the rounds are numbered
// 1, 2, … in the order they commit, so rounds 1..latest must each have
// added all their KPI values and updates, and the milestones (overwritten
// every round) must all carry the latest marker, note and evidence alike.
// The edits of a round come after its import: none is in the file without
// it.
func (s roundState) check(rows roundRows) []string {
	var bad []string
	if s.lastEdit > s.latest {
		bad = append(bad, fmt.Sprintf("an edit of round %d is in the file, but its import is not (the file ends at round %d)", s.lastEdit, s.latest))
	}
	sorted := func(ids []model.ID) []model.ID { ids = slices.Clone(ids); slices.Sort(ids); return ids }
	for _, of := range []struct {
		what  string
		by    map[int][]model.ID
		rows  []model.ID
		every bool // every round stays (values and updates are added)
	}{
		{"milestone notes", s.milestones, rows.milestones, false},
		{"milestone evidence", s.evidence, rows.milestones, false},
		{"KPI values", s.kpiValues, rows.kpis, true},
		{"updates", s.updates, rows.measures, true},
	} {
		for k, ids := range of.by {
			if !of.every && k != s.latest {
				bad = append(bad, fmt.Sprintf("%s: %d row(s) still carry round %d, though round %d committed: %v", of.what, len(ids), k, s.latest, sorted(ids)))
			}
		}
		for k := 1; k <= s.latest; k++ {
			if !of.every && k != s.latest {
				continue
			}
			if got := sorted(of.by[k]); !slices.Equal(got, sorted(of.rows)) {
				bad = append(bad, fmt.Sprintf("%s of round %d (latest %d): on %d row(s) %v, want all %d %v", of.what, k, s.latest, len(got), got, len(of.rows), sorted(of.rows)))
			}
		}
	}
	return bad
}

// sheetIndex maps the ids of an input sheet's hidden column A to rows and
// the keys of its hidden row 1 to columns.
type sheetIndex struct {
	name string
	rows map[string]int
	cols map[string]int
}

func indexSheet(f *excelize.File, name string) (*sheetIndex, error) {
	rows, err := f.GetRows(name, excelize.Options{RawCellValue: true})
	if err != nil {
		return nil, err
	}
	if len(rows) < 2 {
		return nil, fmt.Errorf("sheet %s has %d rows", name, len(rows))
	}
	ix := &sheetIndex{name: name, rows: map[string]int{}, cols: map[string]int{}}
	for c, k := range rows[0] {
		ix.cols[k] = c + 1
	}
	for r := 2; r < len(rows); r++ {
		if len(rows[r]) > 0 {
			ix.rows[rows[r][0]] = r + 1
		}
	}
	return ix, nil
}

func (ix *sheetIndex) set(f *excelize.File, id model.ID, key string, v any) error {
	row, ok := ix.rows[strconv.FormatInt(id, 10)]
	col, ok2 := ix.cols[key]
	if !ok || !ok2 {
		return fmt.Errorf("sheet %s: no row %d with a column %q", ix.name, id, key)
	}
	cell, err := excelize.CoordinatesToCellName(col, row)
	if err != nil {
		return err
	}
	return f.SetCellValue(ix.name, cell, v)
}

// roundFiller fills the rounds of one process. It reads the document once,
// when made: which milestones are open, and the latest date of each KPI's
// values, after which round k puts its value so that no two share a day
// (a KPI has one value a day).
type roundFiller struct {
	db, dir string
	actor   model.ID
	rows    roundRows
	open    map[model.ID]bool
	after   map[model.ID]model.Date
	first   int // the round of the first fill
}

func newRoundFiller(db string, d *model.Doc, first int) (*roundFiller, error) {
	actor, err := d.FindPerson(roundUser)
	if err != nil {
		return nil, err
	}
	r := &roundFiller{db: db, dir: filepath.Dir(db), actor: actor.ID, rows: selectRoundRows(d),
		open: map[model.ID]bool{}, after: map[model.ID]model.Date{}, first: first}
	for _, id := range r.rows.milestones {
		if ms, _ := d.MilestoneByID(id); ms.Completed == 0 {
			r.open[id] = true
		}
	}
	for _, id := range r.rows.kpis {
		k, _ := d.KPIByID(id)
		r.after[id] = k.BaselineDate
		for _, v := range k.Values {
			r.after[id] = max(r.after[id], v.Date)
		}
	}
	return r, nil
}

// prepare makes the update template of roundUnit and fills it for round k;
// it returns the filled file, round-K.xlsx.
func (r *roundFiller) prepare(k int) (string, error) {
	tpl, out := filepath.Join(r.dir, "template.xlsx"), filepath.Join(r.dir, fmt.Sprintf("round-%d.xlsx", k))
	var errOut bytes.Buffer
	if code := cli.Run([]string{"template", "-db", r.db, "-unit", roundUnit, "-o", tpl}, io.Discard, &errOut); code != 0 {
		return "", fmt.Errorf("template: exit %d: %s", code, errOut.String())
	}
	return out, r.fill(tpl, out, k)
}

// fill fills the update template tpl of roundUnit for round k into out.
func (r *roundFiller) fill(tpl, out string, k int) error {
	f, err := excelize.OpenFile(tpl)
	if err != nil {
		return err
	}
	defer f.Close()
	// The template is in Bulgarian (the default language).
	ms, err := indexSheet(f, "Етапи")
	if err != nil {
		return err
	}
	kpis, err := indexSheet(f, "Показатели")
	if err != nil {
		return err
	}
	upd, err := indexSheet(f, "Актуализации")
	if err != nil {
		return err
	}
	done := model.DateOf(time.Now()).AddDays(-1)
	var errs []error
	for _, id := range r.rows.milestones {
		if r.open[id] {
			errs = append(errs, ms.set(f, id, "completed", done.Format(model.BG)))
		}
		errs = append(errs, ms.set(f, id, "note", roundMarker(k)), ms.set(f, id, "evidence", roundEvidence(k)))
	}
	for _, id := range r.rows.kpis {
		date := r.after[id].AddDays(k - r.first + 1)
		errs = append(errs, kpis.set(f, id, "date", date.Format(model.BG)), kpis.set(f, id, "value", float64(k)),
			kpis.set(f, id, "note", roundMarker(k)))
	}
	for _, id := range r.rows.measures {
		errs = append(errs, upd.set(f, id, "text", roundMarker(k)))
	}
	if err := errors.Join(errs...); err != nil {
		return err
	}
	return f.SaveAs(out)
}

// edit makes the single edits of round k, as the application makes them:
// one transaction each, changing the note of one of the other milestones.
func (r *roundFiller) edit(k int) error {
	ctx := context.Background()
	s, err := storage.Open(ctx, r.db, storage.Options{})
	if err != nil {
		return err
	}
	defer s.Close()
	for j := 1; j <= roundEdits; j++ {
		id := r.rows.others[(k+j)%len(r.rows.others)]
		err := s.Update(ctx, r.actor, model.ActionUpdate, "", func(tx model.Tx) error {
			ms, _ := tx.Doc().MilestoneByID(id)
			next := *ms
			next.Note = fmt.Sprintf("edit %d.%d", k, j)
			return tx.SaveMilestone(&next)
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// importRounds is the child. It waits for a line on stdin before it
// touches the file (so that the parent may start it while it still checks
// the file after the last kill), prints "ready", then round after round
// makes and fills a template, imports it and makes the round's edits,
// telling the parent on stdout what it begins and what returned. It ends
// only when killed (or on an error, with status 1).
func importRounds(db string) int {
	if _, err := bufio.NewReader(os.Stdin).ReadString('\n'); err != nil {
		return 3 // the parent went away
	}
	ctx := context.Background()
	s, err := storage.Open(ctx, db, storage.Options{})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 3
	}
	d, err := s.Doc(ctx)
	s.Close()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 3
	}
	first := roundsOf(d).latest + 1
	filler, err := newRoundFiller(db, d, first)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 3
	}
	fmt.Println("ready") // the parent times its kill from here
	for k := first; ; k++ {
		file, err := filler.prepare(k)
		if err != nil {
			fmt.Fprintf(os.Stderr, "round %d: %v\n", k, err)
			return 1
		}
		fmt.Printf("importing %d\n", k)
		if code := cli.Run([]string{"import", "-db", db, "-user", roundUser, file}, io.Discard, os.Stderr); code != 0 {
			fmt.Fprintf(os.Stderr, "round %d: import: exit %d\n", k, code)
			return 1
		}
		fmt.Printf("imported %d\n", k)
		os.Remove(file)
		if err := filler.edit(k); err != nil {
			fmt.Fprintf(os.Stderr, "round %d: edit: %v\n", k, err)
			return 1
		}
		fmt.Printf("edited %d\n", k)
	}
}

// roundsChild is a running child and the lines it printed, each with the
// time it was read.
type roundsChild struct {
	cmd    *exec.Cmd
	stdin  io.WriteCloser
	stderr *bytes.Buffer
	lines  chan childLine
}

type childLine struct {
	text string
	at   time.Time
}

// startRoundsChild starts a child, which waits for begin.
func startRoundsChild(t *testing.T, db string) *roundsChild {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), childEnv+"=import-rounds\t"+db)
	c := &roundsChild{cmd: cmd, stderr: &bytes.Buffer{}, lines: make(chan childLine, 1024)}
	cmd.Stderr = c.stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if c.stdin, err = cmd.StdinPipe(); err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			c.lines <- childLine{sc.Text(), time.Now()}
		}
		close(c.lines)
	}()
	t.Cleanup(func() { cmd.Process.Kill() }) // if the test stops early; harmless after Wait
	return c
}

// begin lets the child work on the file and returns when it is ready.
func (c *roundsChild) begin(t *testing.T) time.Time {
	t.Helper()
	if _, err := io.WriteString(c.stdin, "go\n"); err != nil {
		t.Fatalf("the child does not listen: %v", err)
	}
	return c.waitFor(t, "ready", 2*time.Minute)
}

// waitFor reads lines until one is want and returns when it was read.
func (c *roundsChild) waitFor(t *testing.T, want string, within time.Duration) time.Time {
	t.Helper()
	timeout := time.After(within)
	for {
		select {
		case l, ok := <-c.lines:
			if !ok {
				c.cmd.Wait()
				t.Fatalf("the child ended before %q: %s", want, c.stderr.String())
			}
			if l.text == want {
				return l.at
			}
		case <-timeout:
			c.cmd.Process.Kill()
			c.cmd.Wait()
			t.Fatalf("the child did not print %q within %v: %s", want, within, c.stderr.String())
		}
	}
}

// kill SIGKILLs the child and returns the lines it printed that were not
// read yet; it fails the test if the child had ended by itself.
func (c *roundsChild) kill(t *testing.T) []string {
	t.Helper()
	c.cmd.Process.Signal(syscall.SIGKILL)
	var rest []string
	for l := range c.lines { // the pipe closes as the child dies
		rest = append(rest, l.text)
	}
	err := c.cmd.Wait()
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != -1 {
		t.Fatalf("the child ended by itself (%v): %s", err, c.stderr.String())
	}
	return rest
}

// checkedDoc runs check on db and returns its document.
func checkedDoc(t *testing.T, db string) *model.Doc {
	t.Helper()
	if code, out, errOut := run(t, "check", "-db", db); code != 0 || !strings.HasPrefix(out, "ok: ") {
		t.Fatalf("check: exit %d: %s%s", code, out, errOut)
	}
	ctx := context.Background()
	s, err := storage.Open(ctx, db, storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	d, err := s.Doc(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func auditEntries(t *testing.T, db string) int {
	t.Helper()
	out := mustRun(t, "check", "-db", db)
	_, rest, _ := strings.Cut(out, "foreign keys ok, ")
	n, err := strconv.Atoi(strings.Fields(rest)[0])
	if err != nil {
		t.Fatalf("check printed %q", out)
	}
	return n
}

func TestKilledImportIsAllOrNothing(t *testing.T) {
	const kills = 100
	dir := t.TempDir()
	db := filepath.Join(dir, "demo.db")
	mustRun(t, "demo", "-db", db)
	d := docOf(t, db)
	rows := selectRoundRows(d)
	if len(rows.milestones) != roundMilestones || len(rows.kpis) == 0 || len(rows.measures) == 0 || len(rows.others) == 0 {
		t.Fatalf("the demo's unit %s has too few rows to fill: %+v", roundUnit, rows)
	}

	// Round 1 in-process: one import makes at least 20 audited changes,
	// and the state check accepts what it leaves.
	before := auditEntries(t, db)
	filler, err := newRoundFiller(db, d, 1)
	if err != nil {
		t.Fatal(err)
	}
	file, err := filler.prepare(1)
	if err != nil {
		t.Fatal(err)
	}
	out := mustRun(t, "import", "-db", db, "-lang", "en", "-user", roundUser, file)
	entries := auditEntries(t, db) - before
	if want := fmt.Sprintf("imported %d change(s) from round-1.xlsx", roundMilestones+len(rows.kpis)+len(rows.measures)); !strings.Contains(out, want) || entries < 20 {
		t.Fatalf("round 1 made %d audit entries and printed %q; want at least 20 and %q", entries, out, want)
	}
	if bad := roundsOf(checkedDoc(t, db)).check(rows); len(bad) > 0 {
		t.Fatalf("after round 1 in-process: %s", strings.Join(bad, "\n"))
	}
	// The state check is not blind: it sees a round with a row missing.
	for what, lose := range map[string]func(d *model.Doc){
		"a milestone's note": func(d *model.Doc) { ms, _ := d.MilestoneByID(rows.milestones[0]); ms.Note = "" },
		"a KPI value": func(d *model.Doc) {
			k, _ := d.KPIByID(rows.kpis[0])
			k.Values = slices.DeleteFunc(k.Values, func(v model.KPIValue) bool { return v.Note == roundMarker(1) })
		},
		"an update": func(d *model.Doc) {
			m := d.Measure(rows.measures[0])
			m.Updates = slices.DeleteFunc(m.Updates, func(u model.Update) bool { return u.Text.BG == roundMarker(1) })
		},
	} {
		d := checkedDoc(t, db)
		lose(d)
		if bad := roundsOf(d).check(rows); len(bad) == 0 {
			t.Fatalf("round 1 without %s passes the state check", what)
		}
	}

	// Calibrate: how long one round takes in this build (the race
	// detector slows it several times over), so that the kills fall
	// among the rounds: three rounds after "ready".
	c := startRoundsChild(t, db)
	start := c.begin(t)
	var phase [3]time.Duration // making and filling the template, the import, the edits
	last := start
	for k := 2; k <= 4; k++ {
		for i, line := range []string{"importing", "imported", "edited"} {
			at := c.waitFor(t, fmt.Sprintf("%s %d", line, k), 2*time.Minute)
			phase[i] += at.Sub(last) / 3
			last = at
		}
	}
	c.kill(t)
	round := last.Sub(start) / 3
	window := 3 * round
	t.Logf("one round takes about %v (template %v, import of %d audit entries %v, %d edits %v); killing within %v of \"ready\"",
		round, phase[0], entries, phase[1], roundEdits, phase[2], window)

	rng := rand.New(rand.NewPCG(6, 1))
	latest := roundsOf(checkedDoc(t, db)).latest
	if latest < 4 {
		t.Fatalf("after calibration the file holds round %d, want at least 4", latest)
	}
	calibrated := latest
	var inImport, inImportCommitted int
	var starting, running, checking time.Duration // where the time goes
	next := startRoundsChild(t, db)
	for i := 0; i < kills; i++ {
		c, t0 := next, time.Now()
		t1 := c.begin(t)
		time.Sleep(time.Duration(rng.Int64N(int64(window))))
		printed := c.kill(t)
		t2 := time.Now()
		starting, running = starting+t1.Sub(t0), running+t2.Sub(t1)
		if i+1 < kills {
			next = startRoundsChild(t, db) // it starts up while the file is checked
		}

		// The file opens, check passes, and it holds each round whole.
		st := roundsOf(checkedDoc(t, db))
		if bad := st.check(rows); len(bad) > 0 {
			t.Fatalf("kill %d: a round is in the file in part:\n%s\nthe child printed %q", i, strings.Join(bad, "\n"), printed)
		}
		// Nothing committed is lost: neither a round an earlier child
		// committed, nor an import or edits this child saw return.
		if st.latest < latest {
			t.Fatalf("kill %d: round %d was lost: the file now ends at round %d", i, latest, st.latest)
		}
		for _, l := range printed {
			what, k, _ := strings.Cut(l, " ")
			n, _ := strconv.Atoi(k)
			if what == "imported" && n > st.latest || what == "edited" && n > st.lastEdit {
				t.Fatalf("kill %d: the child printed %q, but the file holds round %d and the edits of round %d", i, l, st.latest, st.lastEdit)
			}
		}
		if len(printed) > 0 {
			if k, ok := strings.CutPrefix(printed[len(printed)-1], "importing "); ok {
				inImport++
				if n, _ := strconv.Atoi(k); n == st.latest {
					inImportCommitted++
				}
			}
		}
		latest = st.latest
		checking += time.Since(t2)
	}
	if latest == calibrated {
		t.Fatal("no round was committed after the calibration: the kills came too early to prove anything")
	}
	t.Logf("%d kills: rounds %d..%d committed by them; %d kills fell inside an import (%d of them after its commit)",
		kills, calibrated+1, latest, inImport, inImportCommitted)
	t.Logf("per kill: %v until the child is ready, %v running until the kill, %v to check the file",
		starting/time.Duration(kills), running/time.Duration(kills), checking/time.Duration(kills))
}
