package postgres_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"strategytracker/cli"
	"strategytracker/model"
	"strategytracker/storage/postgres"
)

// The command line against a server, as an IT department and a coordinator
// use it: init, copy in, grant, the commands with -db URL, a coordinator's
// update workbook imported through their own login, and copy back out.

func run(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := cli.Run(args, &out, &errOut)
	return code, out.String(), errOut.String()
}

func mustRun(t *testing.T, args ...string) string {
	t.Helper()
	code, out, errOut := run(t, args...)
	if code != 0 {
		t.Fatalf("%v: exit %d: %s", args, code, errOut)
	}
	return out
}

func cell(t *testing.T, f *excelize.File, sheet string, id model.ID, key string, v any) {
	t.Helper()
	rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	for r := 2; r < len(rows); r++ {
		if len(rows[r]) == 0 || rows[r][0] != strconv.FormatInt(id, 10) {
			continue
		}
		for c, k := range rows[0] {
			if k == key {
				name, _ := excelize.CoordinatesToCellName(c+1, r+1)
				if err := f.SetCellValue(sheet, name, v); err != nil {
					t.Fatal(err)
				}
				return
			}
		}
	}
	t.Fatalf("%s: no row %d with a column %q", sheet, id, key)
}

func TestCommandLineOnAServer(t *testing.T) {
	url := postgres.NewTestDatabase(t)
	dir := t.TempDir()
	file := filepath.Join(dir, "demo.db")
	mustRun(t, "demo", "-db", file)

	if sql := mustRun(t, "server", "init", "-db", url, "-print"); !strings.Contains(sql, "CREATE POLICY") {
		t.Errorf("server init -print printed no policies:\n%.300s", sql)
	}
	if out := mustRun(t, "server", "init", "-db", url); !strings.Contains(out, "is current") {
		t.Errorf("server init on an initialised database: %q", out)
	}
	if code, _, errOut := run(t, "server", "init"); code != 2 || !strings.Contains(errOut, "needs -db URL") {
		t.Errorf("server init without -db: exit %d, %q", code, errOut)
	}
	if code, _, _ := run(t, "copy", "-from", file, "-to", filepath.Join(dir, "x.db")); code != 2 {
		t.Errorf("copy between two files: exit %d, want 2", code)
	}

	out := mustRun(t, "copy", "-from", file, "-to", url)
	if !strings.Contains(out, "check passes on both ends") {
		t.Errorf("copy printed %q", out)
	}
	if out := mustRun(t, "check", "-db", url); !strings.HasPrefix(out, "ok: ") {
		t.Errorf("check on the server: %q", out)
	}
	for _, asOf := range []string{"2026-11-30", "2027-06-30"} {
		if a, b := mustRun(t, "summary", "-db", file, "-json", "-asof", asOf), mustRun(t, "summary", "-db", url, "-json", "-asof", asOf); a != b {
			t.Errorf("summary as of %s differs between the file and the server:\n%s\n%s", asOf, a, b)
		}
	}
	if out := mustRun(t, "server", "grant", "-db", url); !strings.Contains(out, "login m.georgieva@sofia.example: ") {
		t.Errorf("server grant printed %q", out)
	}

	// The office opens a reporting period through its own login.
	officeURL := postgres.WithLogin(url, "i.petrova@sofia.example")
	mustRun(t, "period", "open", "-db", officeURL, "-name", "IV тримесечие 2026", "-name-en", "Q4 2026",
		"-start", "2026-10-01", "-end", "2026-12-31", "-due", "2027-01-15")
	if out := mustRun(t, "period", "status", "-db", url, "-json"); !strings.Contains(out, `"state": "open"`) {
		t.Errorf("period status on the server: %s", out)
	}

	// A coordinator works offline in the update workbook and imports it
	// through their own login: -user defaults to the login's person.
	coordURL := postgres.WithLogin(url, "m.georgieva@sofia.example")
	tpl, filled := filepath.Join(dir, "template.xlsx"), filepath.Join(dir, "update.xlsx")
	mustRun(t, "template", "-db", coordURL, "-unit", "INNO", "-o", tpl)
	d, err := model.DecodeBytes([]byte(mustRun(t, "export", "-db", coordURL)))
	if err != nil {
		t.Fatal(err)
	}
	m := d.MeasureByCode("1.1")
	today := model.DateOf(time.Now())
	f, err := excelize.OpenFile(tpl)
	if err != nil {
		t.Fatal(err)
	}
	cell(t, f, "Етапи", m.Milestones[4].ID, "completed", today.AddDays(-3).Format(model.BG))
	cell(t, f, "Етапи", m.Milestones[5].ID, "note", "Остават две дружества.")
	cell(t, f, "Актуализации", d.MeasureByCode("1.2").ID, "text", "Публикувани са още 12 набора от данни.")
	if err := f.SaveAs(filled); err != nil {
		t.Fatal(err)
	}
	f.Close()
	out = mustRun(t, "import", "-db", coordURL, "-lang", "en", filled)
	if !strings.Contains(out, "imported 3 change(s)") || !strings.Contains(out, "m.georgieva@sofia.example") {
		t.Errorf("import as the coordinator printed %q", out)
	}
	if out := mustRun(t, "check", "-db", url); !strings.HasPrefix(out, "ok: ") {
		t.Errorf("check after the import: %q", out)
	}
	// A council login may read but not write.
	councilURL := postgres.WithLogin(url, "v.marinova@sofia.example")
	mustRun(t, "summary", "-db", councilURL)
	if code, _, errOut := run(t, "snapshot", "-db", councilURL, "-name", "Q4"); code != 1 || !strings.Contains(errOut, "read-only") {
		t.Errorf("snapshot as a council member: exit %d, %q", code, errOut)
	}

	// Back to a file: the same export, and check passes there too.
	back := filepath.Join(dir, "back.db")
	mustRun(t, "copy", "-from", url, "-to", back)
	if out := mustRun(t, "check", "-db", back); !strings.HasPrefix(out, "ok: ") {
		t.Errorf("check of the file copied back: %q", out)
	}
	if a, b := mustRun(t, "export", "-db", url), mustRun(t, "export", "-db", back); a != b {
		t.Error("server → file: the exports differ")
	}
	// backup of a server writes a file.
	bak := filepath.Join(dir, "backup.db")
	mustRun(t, "backup", "-db", url, "-o", bak)
	if _, err := os.Stat(bak); err != nil {
		t.Errorf("backup of the server: %v", err)
	}
}
