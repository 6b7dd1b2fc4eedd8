package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"strategytracker/model"
	"strategytracker/storage"
)

// summaryWithoutDemo is `summary -json` without the demo flag, which a
// strategy brought in with plan-import does not have.
func summaryWithoutDemo(t *testing.T, db, asOf string) string {
	t.Helper()
	var v map[string]any
	if err := json.Unmarshal([]byte(mustRun(t, "summary", "-db", db, "-json", "-asof", asOf)), &v); err != nil {
		t.Fatal(err)
	}
	delete(v, "demo")
	b, _ := json.Marshal(v)
	return string(b)
}

func readFile(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestPlanTemplateOfTheDemoImportedIntoANewFile(t *testing.T) {
	dir := t.TempDir()
	demo, fresh, book := filepath.Join(dir, "demo.db"), filepath.Join(dir, "new.db"), filepath.Join(dir, "plan.xlsx")
	mustRun(t, "demo", "-db", demo)
	mustRun(t, "plan-template", "-db", demo, "-o", book)
	mustRun(t, "new", "-db", fresh, "-title", "Нова стратегия", "-name", "Иван Петров", "-email", "ivan@example.bg")
	before := readFile(t, fresh)
	out := mustRun(t, "plan-import", "-db", fresh, "-user", "ivan@example.bg", "-dry-run", book)
	if !strings.Contains(out, "add measure 1.1") || !strings.Contains(out, "nothing was written") {
		t.Fatalf("dry run:\n%s", out)
	}
	if !bytes.Equal(before, readFile(t, fresh)) {
		t.Fatal("the dry run changed the file")
	}
	out = mustRun(t, "plan-import", "-db", fresh, "-user", "ivan@example.bg", book)
	if !strings.Contains(out, "imported") {
		t.Fatal(out)
	}
	// The report's submitter, a person the workbook adds, is named once saved.
	if d := docOf(t, fresh); d.Person(model.ID(d.Strategy.Submitter)) == nil || d.Person(model.ID(d.Strategy.Submitter)).Email != "k.iliev@sofia.example" {
		t.Errorf("submitter after the import: %d", d.Strategy.Submitter)
	}
	for _, asOf := range []string{"2020-01-01", "2024-03-15", "2025-06-01", "2026-11-30", "2028-01-01"} {
		if got, want := summaryWithoutDemo(t, fresh, asOf), summaryWithoutDemo(t, demo, asOf); got != want {
			t.Errorf("summary at %s:\n got %s\nwant %s", asOf, got, want)
		}
	}
	// The second import changes nothing, not even the file's bytes.
	mustRun(t, "check", "-db", fresh)
	snap := readFile(t, fresh)
	out = mustRun(t, "plan-import", "-db", fresh, "-user", "ivan@example.bg", book)
	if !strings.Contains(out, "nothing to import") {
		t.Fatalf("second import: %s", out)
	}
	if !bytes.Equal(snap, readFile(t, fresh)) {
		t.Fatal("the second import changed the file")
	}
	// A workbook of the new file, edited, updates rather than duplicates.
	book2 := filepath.Join(dir, "plan2.xlsx")
	mustRun(t, "plan-template", "-db", fresh, "-lang", "en", "-o", book2)
	f, err := excelize.OpenFile(book2)
	if err != nil {
		t.Fatal(err)
	}
	row := findRow(t, f, "Measures", "1.1")
	f.SetCellStr("Measures", "E"+row, "Renamed measure")
	ms := findRow(t, f, "Milestones", "1.1")
	f.SetCellStr("Milestones", "C"+ms, "Renamed milestone")
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
	out = mustRun(t, "plan-import", "-db", fresh, "-user", "ivan@example.bg", book2)
	if !strings.Contains(out, "imported 2 change(s)") {
		t.Fatalf("edited workbook: %s", out)
	}
	d := planDocOf(t, fresh)
	if m := d.MeasureByCode("1.1"); m.Title.BG != "Renamed measure" || len(d.Measures) != 26 || d.MilestoneCount() != 111 {
		t.Fatalf("after the edited import: title %q, %d measures, %d milestones", m.Title.BG, len(d.Measures), d.MilestoneCount())
	}
}

// findRow returns the row number (as text) of the first row of sheet whose
// column B is value.
func findRow(t *testing.T, f *excelize.File, sheet, value string) string {
	t.Helper()
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range rows {
		if len(r) > 1 && r[1] == value {
			return itoaTest(i + 1)
		}
	}
	t.Fatalf("no row %q in %s", value, sheet)
	return ""
}

func itoaTest(n int) string { b, _ := json.Marshal(n); return string(b) }

func planDocOf(t *testing.T, path string) *model.Doc {
	t.Helper()
	s, err := storage.Open(context.Background(), path, storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	d, err := s.Doc(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestPlanImportRefusesBrokenWorkbooks(t *testing.T) {
	dir := t.TempDir()
	demo, fresh, book := filepath.Join(dir, "demo.db"), filepath.Join(dir, "new.db"), filepath.Join(dir, "plan.xlsx")
	mustRun(t, "demo", "-db", demo)
	mustRun(t, "plan-template", "-db", demo, "-lang", "en", "-o", book)
	mustRun(t, "new", "-db", fresh, "-title", "Нова", "-name", "Иван", "-email", "ivan@example.bg")
	cases := []struct {
		name  string
		edit  func(f *excelize.File)
		wants []string
	}{
		{"broken reference", func(f *excelize.File) {
			f.SetCellStr("Measures", "C"+findRow(t, f, "Measures", "1.2"), "A9")
		}, []string{"Measures!4: cell C4 (\"Area\"): measure \"1.2\": area \"A9\" does not exist"}},
		{"duplicate code", func(f *excelize.File) {
			f.SetCellStr("Goals", "B4", "G1")
		}, []string{"Goals!4: cell B4 (\"Code\"): code \"G1\" is used twice (also row 3)"}},
		{"invalid date", func(f *excelize.File) {
			f.SetCellStr("Milestones", "E3", "31.02.2026")
		}, []string{"Milestones!3: cell E3 (\"Due\")"}},
		{"unknown person", func(f *excelize.File) {
			f.SetCellStr("Measures", "J3", "nobody@example.bg")
		}, []string{"Measures!3: cell J3", "nobody@example.bg"}},
		{"not a number", func(f *excelize.File) {
			f.SetCellStr("Measures", "P3", "много")
		}, []string{"Measures!3: cell P3", "not a number"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f, err := excelize.OpenFile(book)
			if err != nil {
				t.Fatal(err)
			}
			c.edit(f)
			broken := filepath.Join(t.TempDir(), "broken.xlsx")
			if err := f.SaveAs(broken); err != nil {
				t.Fatal(err)
			}
			before := readFile(t, fresh)
			// The dry run's answer is the import's (issue 19.4).
			_, _, dry := run(t, "plan-import", "-dry-run", "-db", fresh, "-user", "ivan@example.bg", broken)
			code, _, stderr := run(t, "plan-import", "-db", fresh, "-user", "ivan@example.bg", broken)
			if code != 1 {
				t.Fatalf("exit %d, stderr %s", code, stderr)
			}
			if dry != stderr {
				t.Errorf("the dry run says\n%s\nthe import says\n%s", dry, stderr)
			}
			for _, w := range c.wants {
				if !strings.Contains(stderr, w) {
					t.Errorf("stderr lacks %q:\n%s", w, stderr)
				}
			}
			if !bytes.Equal(before, readFile(t, fresh)) {
				t.Error("the refused import changed the file")
			}
		})
	}
}

func TestPlanImportNeedsAReasonAfterAdoption(t *testing.T) {
	dir := t.TempDir()
	db, book := filepath.Join(dir, "demo.db"), filepath.Join(dir, "plan.xlsx")
	mustRun(t, "demo", "-db", db)
	adoptPlan(t, db, model.T("Решение № 338", ""))
	mustRun(t, "plan-template", "-db", db, "-o", book)
	f, err := excelize.OpenFile(book)
	if err != nil {
		t.Fatal(err)
	}
	row := findRow(t, f, "Мерки", "1.1")
	f.SetCellStr("Мерки", "M"+row, "30.06.2027")
	f.Save()
	before := readFile(t, db)
	code, _, stderr := run(t, "plan-import", "-db", db, "-user", "i.petrova@sofia.example", book)
	if code != 1 || !strings.Contains(stderr, "Мерки!"+row+": ") || !strings.Contains(stderr, "причината") { // a Bulgarian workbook: a Bulgarian refusal
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !bytes.Equal(before, readFile(t, db)) {
		t.Fatal("the refused import changed the file")
	}
	f.SetCellStr("Мерки", "V"+row, "забавена поръчка") // the reason (BG)
	// And a KPI's target, with its reason (KPIs sheet: J target, L reason).
	rows, _ := f.GetRows("Индикатори")
	kpiRow, kpiMeasure, oldTarget := "", "", ""
	for i, r := range rows[2:] {
		if len(r) > 9 && r[1] != "" {
			kpiRow, kpiMeasure, oldTarget = itoaTest(i+3), r[1], r[9]
			break
		}
	}
	f.SetCellStr("Индикатори", "J"+kpiRow, "12345")
	f.SetCellStr("Индикатори", "L"+kpiRow, "нова цел на съвета")
	f.Save()
	mustRun(t, "plan-import", "-db", db, "-user", "i.petrova@sofia.example", book)
	d := planDocOf(t, db)
	m := d.MeasureByCode("1.1")
	var revs []model.Revision
	for _, r := range d.MeasureRevisions(m.ID) {
		if r.Field == "end" {
			revs = append(revs, r)
		}
	}
	if len(revs) != 1 || revs[0].Current != "2027-06-30" || revs[0].Reason.BG != "забавена поръчка" || !strings.Contains(revs[0].By, "i.petrova") {
		t.Fatalf("revisions %+v", revs)
	}
	if len(d.Revisions) != 2 || d.Revisions[1].Field != "targetValue" || d.Revisions[1].Original != oldTarget || d.Revisions[1].Current != "12345" {
		t.Fatalf("KPI target revision (measure %s, was %s): %+v", kpiMeasure, oldTarget, d.Revisions)
	}
	mustRun(t, "check", "-db", db)
	// The council report says it: original, current, reason, author.
	out := filepath.Join(dir, "report.pdf")
	mustRun(t, "report", "-db", db, "-format", "pdf", "-asof", "2026-11-30", "-o", out)
	text := pdfText(t, out)
	original := model.FormatRevisionValue("end", revs[0].Original, model.BG)
	for _, want := range []string{original, "30.06.2027", "забавена поръчка", "нова цел на съвета", "Ивелина Петрова"} {
		if !strings.Contains(text, want) {
			t.Errorf("the council report lacks %q", want)
		}
	}
}

func TestPlanImportIsForTheOffice(t *testing.T) {
	dir := t.TempDir()
	db, book := filepath.Join(dir, "demo.db"), filepath.Join(dir, "plan.xlsx")
	mustRun(t, "demo", "-db", db)
	mustRun(t, "plan-template", "-db", db, "-o", book)
	d := planDocOf(t, db)
	var coordinator string
	for _, p := range d.People {
		if p.Role == model.RoleCoordinator {
			coordinator = p.Email
			break
		}
	}
	code, _, stderr := run(t, "plan-import", "-db", db, "-user", coordinator, book)
	if code != 1 || !strings.Contains(stderr, "only the strategy office") {
		t.Fatalf("exit %d: %s", code, stderr)
	}
}
