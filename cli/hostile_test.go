package cli

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"strategytracker/model"
)

// Issue 21: every entry point refuses what model's one set of limits
// refuses, with a message naming where, and leaves the file as it was.

func TestEntryPointsRefuseHostileValues(t *testing.T) {
	dir := t.TempDir()
	demo := filepath.Join(dir, "demo.db")
	mustRun(t, "demo", "-db", demo)
	export := mustRun(t, "export", "-db", demo)
	loadOf := func(t *testing.T, json string) (int, string) {
		in := filepath.Join(t.TempDir(), "in.json")
		if err := os.WriteFile(in, []byte(json), 0o644); err != nil {
			t.Fatal(err)
		}
		code, _, stderr := run(t, "load", "-db", filepath.Join(t.TempDir(), "x.db"), in)
		return code, stderr
	}
	tests := []struct {
		name string
		run  func(t *testing.T) (int, string)
		want []string
	}{
		{"new with e-mail ivan@", func(t *testing.T) (int, string) {
			code, _, stderr := run(t, "new", "-db", filepath.Join(t.TempDir(), "n.db"), "-title", "T", "-name", "Иван", "-email", "ivan@")
			return code, stderr
		}, []string{"email", `"ivan@" is not an e-mail address`}},
		{"new with a header in the e-mail", func(t *testing.T) (int, string) {
			code, _, stderr := run(t, "new", "-db", filepath.Join(t.TempDir(), "n.db"), "-title", "T", "-name", "Иван", "-email", "ivan@sofia.bg\nBcc: spy@evil.example")
			return code, stderr
		}, []string{"not an e-mail address"}},
		{"load with a line break in a unit code", func(t *testing.T) (int, string) {
			return loadOf(t, strings.Replace(export, `"code": "INNO"`, `"code": "IN\nNO"`, 1))
		}, []string{"control character"}},
		{"load with a key written twice", func(t *testing.T) (int, string) {
			return loadOf(t, strings.Replace(export, `"format":`, `"format": "x", "format":`, 1))
		}, []string{"format is written twice"}},
		{"load with a measure starting in year 1", func(t *testing.T) (int, string) {
			i := strings.Index(export, `"start": "`) + len(`"start": "`)
			return loadOf(t, export[:i]+"0001-01-01"+export[i+10:])
		}, []string{"start (01.01.0001) is outside 01.01.1900–31.12.2199"}},
		{"load of an export without an office user", func(t *testing.T) (int, string) {
			return loadOf(t, strings.ReplaceAll(export, `"role": "office"`, `"role": "council"`))
		}, []string{"office user"}},
		{"period open with a name of 300 characters", func(t *testing.T) (int, string) {
			before := readFile(t, demo)
			code, _, stderr := run(t, "period", "open", "-db", demo, "-name", strings.Repeat("Я", 300), "-start", "2026-10-01", "-end", "2026-12-31", "-due", "2027-01-15")
			if !bytes.Equal(before, readFile(t, demo)) {
				t.Error("the refused period changed the file")
			}
			return code, stderr
		}, []string{"name (bg) is 300 characters long; the limit is 100"}},
		{"plan-import of an endless file", func(t *testing.T) (int, string) {
			if _, err := os.Stat("/dev/zero"); err != nil {
				t.Skip("no /dev/zero")
			}
			code, _, stderr := run(t, "plan-import", "-db", demo, "/dev/zero")
			return code, stderr
		}, []string{"/dev/zero: the file is larger than 64 MB"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stderr := tt.run(t)
			if code != 1 {
				t.Fatalf("exit %d, want 1: %s", code, stderr)
			}
			for _, w := range tt.want {
				if !strings.Contains(stderr, w) {
					t.Errorf("stderr lacks %q:\n%s", w, stderr)
				}
			}
		})
	}
}

func TestPlanImportKeepsAnOfficeUser(t *testing.T) {
	var row string
	db, book := ivansPlan(t, func(f *excelize.File) {
		row = findRow(t, f, "People", "Иван")
		f.SetCellStr("People", "I"+row, "coordinator")
	})
	before := readFile(t, db)
	for _, args := range [][]string{{"-dry-run"}, {}} {
		code, _, stderr := run(t, append(append([]string{"plan-import", "-db", db, "-user", "ivan@example.bg"}, args...), book)...)
		if code != 1 || !strings.Contains(stderr, "People!"+row+": ") || !strings.Contains(stderr, "only office user") {
			t.Errorf("plan-import %v: exit %d: %s", args, code, stderr)
		}
	}
	if !bytes.Equal(before, readFile(t, db)) {
		t.Error("the refused import changed the file")
	}
}

// TestUnitFilesNeverOverwriteOneAnother: codes that read alike once made
// safe for a file name get a template and a reminder each, and every file
// reported as written is there (issue 21.4).
func TestUnitFilesNeverOverwriteOneAnother(t *testing.T) {
	dir := t.TempDir()
	demo, db := filepath.Join(dir, "demo.db"), filepath.Join(dir, "units.db")
	mustRun(t, "demo", "-db", demo)
	d, err := model.DecodeBytes([]byte(mustRun(t, "export", "-db", demo)))
	if err != nil {
		t.Fatal(err)
	}
	m := d.Measures[0]
	for i, code := range []string{"ИТ-1", "ИТ 1", "ИТ/1"} {
		d.Units = append(d.Units, model.Unit{Code: code, Name: model.T("Звено "+code, ""), Kind: model.UnitDirectorate})
		id := model.ID(9000 + i)
		d.People = append(d.People, model.Person{ID: id, Name: model.T("Координатор "+code, ""), Unit: code,
			Email: fmt.Sprintf("c%d@sofia.bg", i), Role: model.RoleCoordinator})
		x := m
		x.ID, x.Code, x.LeadUnit, x.Responsible = id, fmt.Sprintf("9.%d", i), code, 0
		x.Milestones, x.KPIs, x.Updates = nil, nil, nil
		d.Measures = append(d.Measures, x)
	}
	var buf bytes.Buffer
	if err := model.Encode(&buf, d); err != nil {
		t.Fatal(err)
	}
	in := filepath.Join(dir, "in.json")
	os.WriteFile(in, buf.Bytes(), 0o644)
	mustRun(t, "load", "-db", db, in)
	mustRun(t, "period", "open", "-db", db, "-user", "i.petrova@sofia.example", "-name", "IV тримесечие", "-start", "2026-10-01", "-end", "2026-12-31", "-due", "2027-01-15")
	for _, cmd := range []string{"templates", "reminders"} {
		out := filepath.Join(dir, cmd)
		stdout := mustRun(t, cmd, "-db", db, "-user", "i.petrova@sofia.example", "-dir", out)
		entries, _ := os.ReadDir(out)
		reported := strings.Count(stdout, "wrote ")
		if reported != len(entries) || reported == 0 {
			t.Errorf("%s: %d files reported written, %d in the folder:\n%s", cmd, reported, len(entries), stdout)
		}
		names := map[string]bool{}
		for _, e := range entries {
			names[e.Name()] = true
		}
		for _, want := range []string{"шаблон-IV-тримесечие-ИТ-1-", "напомняне-IV-тримесечие-ИТ-1-"} {
			n := 0
			for name := range names {
				if strings.HasPrefix(name, want) {
					n++
				}
			}
			if cmd == "templates" && strings.HasPrefix(want, "напомняне") {
				continue
			}
			if n != 3 {
				t.Errorf("%s: %d files named %s…, want one for each of ИТ-1, ИТ 1, ИТ/1: %v", cmd, n, want, names)
			}
		}
	}
}

// The office role handed from one person to another in one workbook: the
// new office user is saved first, so the strategy keeps one throughout.
func TestPlanImportHandsTheOfficeOver(t *testing.T) {
	db, book := ivansPlan(t, func(f *excelize.File) {
		f.SetCellStr("People", "I"+findRow(t, f, "People", "Иван"), "coordinator")
		f.SetSheetRow("People", "B4", &[]any{"Мария", "Maria", "", "", "OFFICE", "maria@example.bg", "", "office"})
	})
	mustRun(t, "plan-import", "-db", db, "-user", "ivan@example.bg", book)
	d := planDocOf(t, db)
	if p, _ := d.FindPerson("maria@example.bg"); p == nil || p.Role != model.RoleOffice {
		t.Errorf("Мария: %+v, want the office role", p)
	}
	if p, _ := d.FindPerson("ivan@example.bg"); p == nil || p.Role != model.RoleCoordinator {
		t.Errorf("Иван: %+v, want a coordinator", p)
	}
}

// A dry run of a workbook that changes the plan applies it inside the
// file's transaction and leaves the file as it was.
func TestPlanDryRunWritesNothing(t *testing.T) {
	dir := t.TempDir()
	db, book := filepath.Join(dir, "demo.db"), filepath.Join(dir, "plan.xlsx")
	mustRun(t, "demo", "-db", db)
	mustRun(t, "plan-template", "-db", db, "-lang", "en", "-o", book)
	f, err := excelize.OpenFile(book)
	if err != nil {
		t.Fatal(err)
	}
	f.SetCellStr("Goals", "D3", "A new title")
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
	before := readFile(t, db)
	audit := mustRun(t, "export", "-db", db)
	out := mustRun(t, "plan-import", "-dry-run", "-db", db, "-user", "i.petrova@sofia.example", book)
	if !strings.Contains(out, "Goals!3: change goal") || !strings.Contains(out, "dry run: 1 change(s)") {
		t.Errorf("dry run: %s", out)
	}
	if !bytes.Equal(before, readFile(t, db)) || mustRun(t, "export", "-db", db) != audit {
		t.Error("the dry run changed the file")
	}
	if out := mustRun(t, "plan-import", "-db", db, "-user", "i.petrova@sofia.example", book); !strings.Contains(out, "imported 1 change(s)") {
		t.Errorf("import: %s", out)
	}
}

// ivansPlan is a new file whose only person, Иван, is its office user, and
// its plan workbook (English) edited by edit.
func ivansPlan(t *testing.T, edit func(f *excelize.File)) (db, book string) {
	t.Helper()
	dir := t.TempDir()
	db, book = filepath.Join(dir, "new.db"), filepath.Join(dir, "plan.xlsx")
	mustRun(t, "new", "-db", db, "-title", "Нова", "-name", "Иван", "-email", "ivan@example.bg")
	mustRun(t, "plan-template", "-db", db, "-lang", "en", "-o", book)
	f, err := excelize.OpenFile(book)
	if err != nil {
		t.Fatal(err)
	}
	edit(f)
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
	return db, book
}
