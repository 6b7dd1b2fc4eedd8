package cli

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"strategytracker/model"

	_ "modernc.org/sqlite"
)

// run runs the CLI in-process with the clock testClock and returns exit
// status, stdout and stderr.
func run(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := runAt(args, &out, &errOut, func() time.Time { return testClock() })
	return code, out.String(), errOut.String()
}

// testClock is the clock run gives the commands; a test that sets it puts
// it back.
var testClock = time.Now

func mustRun(t *testing.T, args ...string) string {
	t.Helper()
	code, out, errOut := run(t, args...)
	if code != 0 {
		t.Fatalf("%v: exit %d: %s", args, code, errOut)
	}
	return out
}

func TestDemoSummaryShowsEveryStatus(t *testing.T) {
	db := filepath.Join(t.TempDir(), "x.db")
	mustRun(t, "demo", "-db", db)
	out := mustRun(t, "summary", "-db", db, "-asof", "2026-11-30", "-json")
	var s struct {
		AsOf            string         `json:"asOf"`
		Measures        int            `json:"measures"`
		Milestones      int            `json:"milestones"`
		Progress        float64        `json:"progress"`
		Status          map[string]int `json:"status"`
		MilestoneStates map[string]int `json:"milestoneStates"`
		Budget          struct {
			PlannedCents int64 `json:"plannedCents"`
		} `json:"budget"`
		Areas []struct {
			Code string `json:"code"`
		} `json:"areas"`
	}
	if err := json.Unmarshal([]byte(out), &s); err != nil {
		t.Fatalf("summary -json is not JSON: %v\n%s", err, out)
	}
	if s.AsOf != "2026-11-30" || s.Measures < 20 || s.Milestones < 80 || len(s.Areas) != 5 {
		t.Errorf("summary = %+v", s)
	}
	for _, st := range model.Statuses {
		if s.Status[string(st)] < 1 {
			t.Errorf("status %s = %d, want ≥ 1", st, s.Status[string(st)])
		}
	}
	for _, st := range model.MilestoneStates {
		if _, ok := s.MilestoneStates[string(st)]; !ok {
			t.Errorf("milestone state %s missing", st)
		}
	}
	if !strings.Contains(out, `"progress":`) || strings.Contains(out, "e+") {
		t.Errorf("odd number format in %s", out)
	}
	text := mustRun(t, "summary", "-db", db, "-asof", "30.11.2026")
	for _, want := range []string{"Стратегия за дигитална трансформация на София", "демонстрационни данни", "30.11.2026", "изпълнена"} {
		if !strings.Contains(text, want) {
			t.Errorf("text summary lacks %q:\n%s", want, text)
		}
	}
}

func TestExportLoadExportIsByteIdentical(t *testing.T) {
	dir := t.TempDir()
	for _, create := range [][]string{{"demo"}, {"generate", "-measures", "150", "-seed", "7"}} {
		src := filepath.Join(dir, create[0]+".db")
		mustRun(t, append(create, "-db", src)...)
		first := filepath.Join(dir, create[0]+"1.json")
		mustRun(t, "export", "-db", src, "-o", first)
		copyDB := filepath.Join(dir, create[0]+"-copy.db")
		mustRun(t, "load", "-db", copyDB, first)
		second := mustRun(t, "export", "-db", copyDB)
		want, _ := os.ReadFile(first)
		if second != string(want) {
			t.Errorf("%s: export → load → export differs", create[0])
		}
		mustRun(t, "check", "-db", copyDB)
		if code, _, errOut := run(t, "load", "-db", copyDB, first); code != 1 || !strings.Contains(errOut, "refusing to overwrite") {
			t.Errorf("load over an existing file: exit %d %q", code, errOut)
		}
	}
}

func TestGenerateIsDeterministic(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.db"), filepath.Join(dir, "b.db")
	mustRun(t, "generate", "-db", a, "-measures", "200", "-seed", "3")
	mustRun(t, "generate", "-db", b, "-measures", "200", "-seed", "3")
	if mustRun(t, "export", "-db", a) != mustRun(t, "export", "-db", b) {
		t.Error("same seed, different strategies")
	}
	fa, _ := os.ReadFile(a)
	fb, _ := os.ReadFile(b)
	if !bytes.Equal(fa, fb) {
		t.Error("same seed, different files")
	}
	out := mustRun(t, "check", "-db", a)
	if !strings.Contains(out, "1000 audit entries") {
		t.Errorf("check of generate -measures 200: %q, want 1000 audit entries", out)
	}
}

func TestCheckNamesTheFirstBadEntry(t *testing.T) {
	db := filepath.Join(t.TempDir(), "x.db")
	mustRun(t, "demo", "-db", db)
	mustRun(t, "snapshot", "-db", db, "-name", "Q3", "-asof", "2026-09-30")
	mustRun(t, "snapshot", "-db", db, "-name", "Q4", "-asof", "2026-11-30")
	mustRun(t, "check", "-db", db)
	conn, err := sql.Open("sqlite", db)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := conn.Exec("UPDATE audit SET new = '{}' WHERE seq = 2"); err != nil {
		t.Fatal(err)
	}
	conn.Close()
	code, _, errOut := run(t, "check", "-db", db)
	if code != 1 || !strings.HasPrefix(errOut, "strategytracker: ") || !strings.Contains(errOut, "audit entry 2") {
		t.Errorf("check after tampering: exit %d, %q", code, errOut)
	}
}

func TestErrorsAndUsage(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "x.db")
	mustRun(t, "demo", "-db", db)
	tests := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"unknown command", []string{"frobnicate"}, 2, "unknown command"},
		{"missing explicit db", []string{"summary", "-db", filepath.Join(dir, "nope.db")}, 1, "does not exist"},
		{"bad date", []string{"summary", "-db", db, "-asof", "31.02.2026"}, 2, "-asof"},
		{"bad language", []string{"summary", "-db", db, "-lang", "fr"}, 2, "unknown language"},
		{"demo over a file", []string{"demo", "-db", db}, 1, "refusing to overwrite"},
		{"demo without db", []string{"demo"}, 2, "needs -db"},
		{"snapshot without name", []string{"snapshot", "-db", db}, 2, "-name"},
		{"unknown user", []string{"snapshot", "-db", db, "-name", "x", "-user", "nobody"}, 1, "no person is called"},
		{"not a database", []string{"check", "-db", filepath.Join(dir, "..")}, 1, "is a directory"},
		{"report in an unknown format", []string{"report", "-db", db, "-format", "doc"}, 2, "use xlsx or pdf"},
		{"backup without o", []string{"backup", "-db", db}, 2, "-o"},
		{"generate without count", []string{"generate", "-db", filepath.Join(dir, "g.db")}, 2, "-measures"},
		{"unknown flag", []string{"summary", "-db", db, "-bogus"}, 2, "flag provided but not defined: -bogus"},
		{"extra argument", []string{"export", "-db", db, "extra"}, 2, `unexpected argument "extra"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, errOut := run(t, tt.args...)
			if code != tt.code || !strings.Contains(errOut, tt.want) {
				t.Errorf("exit %d, stderr %q; want exit %d mentioning %q", code, errOut, tt.code, tt.want)
			}
			if code != 0 && !strings.HasPrefix(errOut, "strategytracker: ") {
				t.Errorf("stderr does not begin with \"strategytracker: \": %q", errOut)
			}
		})
	}
}

func TestSnapshotNeedsUserOutsideTheDemo(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "g.db")
	mustRun(t, "generate", "-db", db, "-measures", "100")
	// Generated files are marked demo: make a non-demo copy through export/load.
	exp := filepath.Join(dir, "g.json")
	mustRun(t, "export", "-db", db, "-o", exp)
	b, _ := os.ReadFile(exp)
	os.WriteFile(exp, bytes.Replace(b, []byte(`"demo": true`), []byte(`"demo": false`), 1), 0o644)
	real := filepath.Join(dir, "real.db")
	mustRun(t, "load", "-db", real, exp)
	if code, _, errOut := run(t, "snapshot", "-db", real, "-name", "x"); code != 2 || !strings.Contains(errOut, "-user") {
		t.Errorf("snapshot without -user: exit %d %q", code, errOut)
	}
	if code, _, errOut := run(t, "snapshot", "-db", real, "-name", "x", "-user", "officer5@sofia.example"); code != 1 || !strings.Contains(errOut, "council member") {
		t.Errorf("snapshot by a council member: exit %d %q", code, errOut)
	}
	mustRun(t, "snapshot", "-db", real, "-name", "x", "-user", "Служител 1")
}

func TestEveryCommandHasHelp(t *testing.T) {
	for _, newCommand := range commands {
		c := newCommand()
		code, _, errOut := run(t, c.name, "-help")
		if code != 0 || !strings.Contains(errOut, "usage: strategytracker "+c.name) {
			t.Errorf("%s -help: exit %d, %q", c.name, code, errOut)
		}
	}
	if code, out, _ := run(t, "-help"); code != 0 || !strings.Contains(out, "summary") {
		t.Errorf("-help: exit %d, %q", code, out)
	}
	// The two-word commands' first word lists them (it said "unknown command").
	for _, c := range []struct {
		args []string
		code int
		want []string
	}{
		{[]string{"period", "-help"}, 0, []string{"period open -name", "period close", "period reopen", "period status", "period narrative"}},
		{[]string{"server", "-help"}, 0, []string{"server init", "server grant"}},
		{[]string{"period"}, 2, []string{"period needs a command", "period open -name"}},
		{[]string{"period", "shut"}, 2, []string{`unknown command "period shut"`, "period close"}},
	} {
		code, out, errOut := run(t, c.args...)
		for _, w := range c.want {
			if code != c.code || !strings.Contains(out+errOut, w) {
				t.Errorf("%v: exit %d (want %d), output lacks %q:\n%s%s", c.args, code, c.code, w, out, errOut)
			}
		}
	}
}

func TestBackupAndDefaultFile(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("STRATEGYTRACKER_DB", filepath.Join(dir, "default.db"))
	out := mustRun(t, "summary", "-json", "-asof", "2026-11-30") // created from the demo on first use
	if !strings.Contains(out, `"demo":true`) {
		t.Errorf("the default file is not the demo: %s", out)
	}
	backup := filepath.Join(dir, "copy.db")
	mustRun(t, "backup", "-o", backup)
	if mustRun(t, "export") != mustRun(t, "export", "-db", backup) {
		t.Error("the backup's export differs from the source's")
	}
}

func TestReportPDF(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "x.db")
	mustRun(t, "demo", "-db", db)
	mustRun(t, "snapshot", "-db", db, "-name", "Q3", "-asof", "2026-09-30")
	for _, lang := range []string{"bg", "en"} {
		out := filepath.Join(dir, "report-"+lang+".pdf")
		mustRun(t, "report", "-db", db, "-format", "pdf", "-lang", lang, "-asof", "2026-11-30", "-o", out)
		b, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.HasPrefix(b, []byte("%PDF-")) || len(b) < 20000 {
			t.Errorf("%s: not a PDF report (%d bytes)", lang, len(b))
		}
	}
}

// TestOneClock: a command takes "today" and the times it records from the
// one clock it is run with: the default -asof, a period's opening time and
// the store's audit entries.
func TestOneClock(t *testing.T) {
	at := time.Date(2031, 5, 4, 10, 0, 0, 0, time.UTC)
	clock := func() time.Time { return at }
	runClock := func(args ...string) string {
		t.Helper()
		var out, errOut bytes.Buffer
		if code := runAt(args, &out, &errOut, clock); code != 0 {
			t.Fatalf("%v: exit %d: %s", args, code, errOut.String())
		}
		return out.String()
	}
	db := filepath.Join(t.TempDir(), "x.db")
	runClock("demo", "-db", db)
	var sum struct {
		AsOf string `json:"asOf"`
	}
	if err := json.Unmarshal([]byte(runClock("summary", "-db", db, "-json")), &sum); err != nil {
		t.Fatal(err)
	}
	if got, want := sum.AsOf, "2031-05-04"; got != want {
		t.Errorf("summary without -asof: as of %s, want %s (the clock's day)", got, want)
	}
	runClock("period open", "-db", db, "-name", "II тримесечие 2031", "-start", "2031-04-01", "-end", "2031-06-30", "-due", "2031-07-15")
	d, err := model.DecodeBytes([]byte(runClock("export", "-db", db)))
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Periods) != 1 || d.Periods[0].OpenedAt != "2031-05-04T10:00:00Z" {
		t.Errorf("period opened at %+v, want 2031-05-04T10:00:00Z", d.Periods)
	}
	s, err := openStore(context.Background(), db, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	entries, err := s.Audit(context.Background(), model.AuditFilter{Limit: 1})
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 1 || !strings.HasPrefix(entries[0].At, "2031-05-04T10:00:00") {
		t.Errorf("the newest audit entry: %+v, want one made at 2031-05-04T10:00:00", entries)
	}
}
