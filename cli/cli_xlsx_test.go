package cli

import (
	"context"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"strategytracker/model"
	"strategytracker/storage"
)

// The Excel commands of DESIGN.md §4 and issue 3: report -format xlsx,
// template and import, driven as a user drives them.

func sum256(t *testing.T, path string) [32]byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256(b)
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	b, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

func docOf(t *testing.T, db string) *model.Doc {
	t.Helper()
	d, err := model.DecodeBytes([]byte(mustRun(t, "export", "-db", db)))
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// sheetRow finds the row with id in the hidden column A of sheet and
// returns the cell of the column keyed key in the hidden row 1.
func sheetRow(t *testing.T, f *excelize.File, sheet string, id model.ID, key string) (cell string, row int) {
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
				cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
				return cell, r + 1
			}
		}
	}
	t.Fatalf("%s: no row %d with a column %q", sheet, id, key)
	return "", 0
}

// fill opens the template at path, lets fn change it and writes it to out.
func fill(t *testing.T, path, out string, fn func(f *excelize.File)) {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	fn(f)
	if err := f.SaveAs(out); err != nil {
		t.Fatal(err)
	}
}

func setCell(t *testing.T, f *excelize.File, sheet string, id model.ID, key string, v any) int {
	t.Helper()
	cell, row := sheetRow(t, f, sheet, id, key)
	if err := f.SetCellValue(sheet, cell, v); err != nil {
		t.Fatal(err)
	}
	return row
}

func TestReportXLSX(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "demo.db")
	mustRun(t, "demo", "-db", db)
	out := filepath.Join(dir, "report.xlsx")
	mustRun(t, "report", "-db", db, "-format", "xlsx", "-lang", "en", "-asof", "2026-11-30", "-user", "n.stoyanov@sofia.example", "-o", out)
	f, err := excelize.OpenFile(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got, want := f.GetSheetList(), []string{"Summary", "Budget", "Measures", "Milestones", "KPIs", "Owners", "Changes"}; !reflect.DeepEqual(got, want) {
		t.Errorf("sheets = %q, want %q", got, want)
	}
	rows, _ := f.GetRows("Summary")
	text := fmt.Sprint(rows)
	for _, want := range []string{"Digital Transformation Strategy for Sofia", "DEMONSTRATION DATA", "Nikolay Stoyanov", "30 Nov 2026"} {
		if !strings.Contains(text, want) {
			t.Errorf("Summary lacks %q", want)
		}
	}

	tests := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"no format", []string{"report", "-db", db}, 2, "report needs -format xlsx or -format pdf"},
		{"csv", []string{"report", "-db", db, "-format", "csv"}, 2, `-format "csv": use xlsx or pdf`},
		{"template without -o", []string{"template", "-db", db}, 2, "template needs -o OUT.xlsx"},
		{"unknown unit", []string{"template", "-db", db, "-unit", "NOPE", "-o", filepath.Join(dir, "t.xlsx")}, 1, `unit "NOPE" does not exist`},
		{"import without a file", []string{"import", "-db", db}, 2, "import needs one IN.xlsx"},
		{"import of a missing file", []string{"import", "-db", db, filepath.Join(dir, "nope.xlsx")}, 1, "cannot read"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, errOut := run(t, tt.args...)
			if code != tt.code || !strings.HasPrefix(errOut, "strategytracker: ") || !strings.Contains(errOut, tt.want) {
				t.Errorf("exit %d, stderr %q; want exit %d with %q", code, errOut, tt.code, tt.want)
			}
		})
	}
	if _, err := os.Stat(filepath.Join(dir, "t.xlsx")); err == nil {
		t.Error("a refused template left a file behind")
	}
}

// roundTrip is the office's report of the round-trip test: what it fills
// in, and the same changes made on the document by hand.
type roundTrip struct {
	today            model.Date
	ms, noted        *model.Milestone
	kpi              *model.KPI
	updMeasure, prog *model.Measure
}

func newRoundTrip(d *model.Doc) *roundTrip {
	m := d.MeasureByCode("1.1")
	return &roundTrip{today: model.DateOf(time.Now()), ms: &m.Milestones[4], noted: &m.Milestones[5], kpi: &m.KPIs[0],
		updMeasure: d.MeasureByCode("1.2"), prog: d.MeasureByCode("2.1")}
}

func (r *roundTrip) fill(t *testing.T, f *excelize.File) {
	done := r.today.AddDays(-3)
	setCell(t, f, "Етапи", r.ms.ID, "completed", done.Format(model.BG))
	setCell(t, f, "Етапи", r.ms.ID, "evidence", "https://sofia.example/strategy/docs/companies.pdf")
	setCell(t, f, "Етапи", r.noted.ID, "note", "Остават две дружества.")
	setCell(t, f, "Показатели", r.kpi.ID, "date", done.Time())
	setCell(t, f, "Показатели", r.kpi.ID, "value", "61,5")
	setCell(t, f, "Актуализации", r.updMeasure.ID, "text", "Публикувани са още 12 набора от данни.")
	setCell(t, f, "Напредък", r.prog.ID, "progress", 90)
}

// apply makes the same changes on d, as the import should.
func (r *roundTrip) apply(d *model.Doc, author model.ID) {
	done := r.today.AddDays(-3)
	ms, _ := d.MilestoneByID(r.ms.ID)
	ms.Completed, ms.Evidence = done, "https://sofia.example/strategy/docs/companies.pdf"
	noted, _ := d.MilestoneByID(r.noted.ID)
	noted.Note = "Остават две дружества."
	k, _ := d.KPIByID(r.kpi.ID)
	k.Values = append(k.Values, model.KPIValue{ID: 1 << 40, Date: done, Value: 61.5})
	m := d.Measure(r.updMeasure.ID)
	m.Updates = append(m.Updates, model.Update{Date: r.today, Author: model.Ref(author), Text: model.T("Публикувани са още 12 набора от данни.", "")})
	d.Measure(r.prog.ID).ManualProgress = 90
}

func TestImportRoundTrip(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "demo.db")
	mustRun(t, "demo", "-db", db)
	tpl, filled := filepath.Join(dir, "template.xlsx"), filepath.Join(dir, "update.xlsx")
	mustRun(t, "template", "-db", db, "-o", tpl)
	before := docOf(t, db)
	rt := newRoundTrip(before)
	fill(t, tpl, filled, func(f *excelize.File) { rt.fill(t, f) })

	// The dry run shows each change, old → new, and writes nothing.
	sum := sum256(t, db)
	out := mustRun(t, "import", "-db", db, "-dry-run", filled)
	for _, want := range []string{
		// In the template's language, with its column names and dates.
		fmt.Sprintf("Етапи!3: промяна на етап %d „", rt.ms.ID), "изпълнен на — → " + rt.today.AddDays(-3).Format(model.BG),
		"бележка на български — → „Остават две дружества.“", "Показатели!3: добавяне на стойност на показател", "нова стойност 61,5",
		"Актуализации!4: добавяне на актуализация (мярка 1.2)", "Напредък!3: промяна на ръчния напредък (мярка 2.1): напредък, % (0–100) 100 → 90",
		"проверка: 5 промени от update.xlsx биха били направени от името на Ивелина Петрова <i.petrova@sofia.example>; нищо не е записано",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("the dry run lacks %q:\n%s", want, out)
		}
	}
	if sum256(t, db) != sum {
		t.Fatal("the dry run changed the database")
	}

	user := "n.stoyanov@sofia.example"
	out = mustRun(t, "import", "-db", db, "-user", user, filled)
	if !strings.Contains(out, "внесени са 5 промени от update.xlsx от името на Николай Стоянов <n.stoyanov@sofia.example>") {
		t.Errorf("import printed %q", out)
	}

	// summary reflects exactly those changes.
	want := docOf(t, db) // for the office person's id
	actor, err := want.FindPerson(user)
	if err != nil {
		t.Fatal(err)
	}
	rt.apply(before, actor.ID)
	for _, asOf := range []string{rt.today.String(), "2027-06-30"} {
		wantSum, _ := json.Marshal(model.Summarize(before, model.MustDate(asOf)))
		var got, exp map[string]any
		json.Unmarshal([]byte(mustRun(t, "summary", "-db", db, "-json", "-asof", asOf)), &got)
		json.Unmarshal(wantSum, &exp)
		if !reflect.DeepEqual(got, exp) {
			t.Errorf("summary as of %s after the import:\n%v\nwant\n%v", asOf, got, exp)
		}
	}

	// The audit log names the file and the user of every change.
	s, err := storage.Open(context.Background(), db, storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	entries, err := s.Audit(context.Background(), model.AuditFilter{User: user})
	s.Close()
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[string]int{}
	for _, e := range entries {
		if e.User != model.UserLabel(actor) {
			t.Errorf("entry %d names %q, want %q", e.Seq, e.User, model.UserLabel(actor))
		}
		kinds[string(e.Action)+" "+string(e.Entity)]++
		if e.Action == model.ActionImport && e.New != "update.xlsx" {
			t.Errorf("the import entry names %q, want update.xlsx", e.New)
		}
	}
	wantKinds := map[string]int{"import file": 1, "update milestone": 3, "create kpi_value": 1, "create update": 1, "update measure": 1}
	if !reflect.DeepEqual(kinds, wantKinds) {
		t.Errorf("audit entries of %s: %v, want %v", user, kinds, wantKinds)
	}
	mustRun(t, "check", "-db", db)

	// The same file again changes nothing, and is not refused.
	sum = sum256(t, db)
	if out := mustRun(t, "import", "-db", db, "-user", user, filled); !strings.Contains(out, "няма какво да се внесе") {
		t.Errorf("the second import printed %q", out)
	}
	if sum256(t, db) != sum {
		t.Error("importing the same file twice changed the database")
	}
}

// TestImportRefusesMalformedFiles: each variation of issue 3 is refused
// with the right sheet and row (or as a whole), exit status 1, and the
// database file stays byte-identical.
func TestImportRefusesMalformedFiles(t *testing.T) {
	dir := t.TempDir()
	base := filepath.Join(dir, "base.db")
	mustRun(t, "demo", "-db", base)
	other := filepath.Join(dir, "other.db")
	mustRun(t, "demo", "-db", other)
	tpl, otherTpl := filepath.Join(dir, "template.xlsx"), filepath.Join(dir, "other.xlsx")
	mustRun(t, "template", "-db", base, "-o", tpl)
	mustRun(t, "template", "-db", other, "-o", otherTpl)
	d := docOf(t, base)
	m11, m22 := d.MeasureByCode("1.1"), d.MeasureByCode("2.2") // 2.2 is led by TOPLO; its milestone 4 is open
	open, kpi := m11.Milestones[4].ID, m11.KPIs[0].ID
	today := model.DateOf(time.Now())

	type variation struct {
		name   string
		file   func(t *testing.T, out string) string // writes the file, returns the SHEET!ROW refused ("" for the whole file)
		user   string
		before func(t *testing.T, db string) // changes the database after the template was made
		want   string
	}
	edit := func(fn func(t *testing.T, f *excelize.File) int, sheet string) func(t *testing.T, out string) string {
		return func(t *testing.T, out string) string {
			var row int
			fill(t, tpl, out, func(f *excelize.File) { row = fn(t, f) })
			return fmt.Sprintf("%s!%d", sheet, row)
		}
	}
	setMS := func(id model.ID, key string, v any) func(t *testing.T, out string) string {
		return edit(func(t *testing.T, f *excelize.File) int { return setCell(t, f, "Етапи", id, key, v) }, "Етапи")
	}
	raw := func(b []byte) func(t *testing.T, out string) string {
		return func(t *testing.T, out string) string {
			if err := os.WriteFile(out, b, 0o644); err != nil {
				t.Fatal(err)
			}
			return ""
		}
	}
	tplBytes, _ := os.ReadFile(tpl)
	tests := []variation{
		{name: "impossible date", file: setMS(open, "completed", "31.02.2026"), want: `"31.02.2026" не е валидна дата`},
		{name: "text in a number cell", file: edit(func(t *testing.T, f *excelize.File) int {
			setCell(t, f, "Показатели", kpi, "date", today.String())
			return setCell(t, f, "Показатели", kpi, "value", "шестдесет")
		}, "Показатели"), want: `"шестдесет" не е число`},
		{name: "unknown id", file: edit(func(t *testing.T, f *excelize.File) int {
			_, row := sheetRow(t, f, "Етапи", open, "completed")
			f.SetCellValue("Етапи", "A"+strconv.Itoa(row), 987654)
			return row
		}, "Етапи"), want: "скритият идентификатор на реда (987654) не отговаря на показаното в реда"},
		{name: "another unit's measure", user: "m.georgieva@sofia.example", file: setMS(m22.Milestones[3].ID, "note", "чужда бележка"),
			want: "Координаторите променят само мерките на своето звено"},
		{name: "council member", user: "v.marinova@sofia.example", file: setMS(open, "note", "бележка"),
			want: "Членовете на Общинския съвет само преглеждат"},
		{name: "stale version", file: setMS(open, "completed", today.AddDays(-1).Format(model.BG)), before: func(t *testing.T, db string) {
			s, err := storage.Open(context.Background(), db, storage.Options{})
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			err = s.Update(context.Background(), 1, model.ActionUpdate, "", func(tx model.Tx) error {
				ms, _ := tx.Doc().MilestoneByID(open)
				next := *ms
				next.Note = "edited by the office meanwhile"
				return tx.SaveMilestone(&next)
			})
			if err != nil {
				t.Fatal(err)
			}
		}, want: fmt.Sprintf("етап %d е променен в базата данни след изготвянето на шаблона", open)},
		{name: "template of another database", file: func(t *testing.T, out string) string {
			fill(t, otherTpl, out, func(f *excelize.File) { setCell(t, f, "Етапи", open, "note", "x") })
			return "_meta!3"
		}, want: "шаблонът е направен от друг файл с данни"},
		{name: "formula in a date cell", file: edit(func(t *testing.T, f *excelize.File) int {
			cell, row := sheetRow(t, f, "Етапи", open, "completed")
			if err := f.SetCellFormula("Етапи", cell, "TODAY()-1"); err != nil {
				t.Fatal(err)
			}
			return row
		}, "Етапи"), want: "съдържа формулата =TODAY()-1 без изчислена стойност"},
		{name: "40,000-character note", file: setMS(open, "note", strings.Repeat("ж", 40000)), want: "Бележка: Най-много 4000 знака."},
		{name: "duplicated row", file: edit(func(t *testing.T, f *excelize.File) int {
			_, first := sheetRow(t, f, "Етапи", m11.Milestones[4].ID, "completed")
			_, second := sheetRow(t, f, "Етапи", m11.Milestones[5].ID, "completed")
			for col := 1; col <= 12; col++ { // with the hidden check
				from, _ := excelize.CoordinatesToCellName(col, first)
				to, _ := excelize.CoordinatesToCellName(col, second)
				v, _ := f.GetCellValue("Етапи", from, excelize.Options{RawCellValue: true})
				f.SetCellValue("Етапи", to, v)
			}
			return second
		}, "Етапи"), want: "този ред повтаря ред 3"},
		{name: "missing sheet", file: func(t *testing.T, out string) string {
			fill(t, tpl, out, func(f *excelize.File) { f.DeleteSheet("Актуализации") })
			return ""
		}, want: `the workbook lacks the template's sheet "Актуализации"`},
		{name: "truncated file", file: raw(tplBytes[:len(tplBytes)*2/3]), want: "the file is damaged or is not an Excel workbook"},
		{name: "empty file", file: raw(nil), want: "the file is empty"},
		{name: "PDF renamed .xlsx", file: raw([]byte("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n")), want: "the file is a PDF document"},
		{name: "KPI value before the baseline", file: edit(func(t *testing.T, f *excelize.File) int {
			setCell(t, f, "Показатели", kpi, "date", "01.01.2015")
			return setCell(t, f, "Показатели", kpi, "value", 10)
		}, "Показатели"), want: "Датата е преди базовата дата на индикатора."},
		{name: "completed in the future", file: setMS(open, "completed", today.AddDays(2).Format(model.BG)), want: "не може да е в бъдещето"},
		{name: "neither yes nor no", file: setMS(open, "cancelled", "може би"), want: `"може би" не е нито „да“, нито „не“`},
		{name: "progress over 100", file: edit(func(t *testing.T, f *excelize.File) int {
			return setCell(t, f, "Напредък", d.MeasureByCode("2.1").ID, "progress", 140)
		}, "Напредък"), want: "Напредъкът е между 0 и 100."},
		{name: "evidence that is no link", file: setMS(open, "evidence", "C:\\docs\\протокол.pdf"), want: "Връзката трябва да започва с http:// или https://."},
		// Issue 9.3: the hidden cells bind each row to what it shows.
		{name: "hidden id moved to another milestone", file: edit(func(t *testing.T, f *excelize.File) int {
			row := setCell(t, f, "Етапи", open, "completed", today.AddDays(-1).Format(model.BG))
			f.SetCellValue("Етапи", "A"+strconv.Itoa(row), m11.Milestones[5].ID)
			return row
		}, "Етапи"), want: "не отговаря на показаното в реда"},
		{name: "hidden keys swapped", file: edit(func(t *testing.T, f *excelize.File) int {
			setCell(t, f, "Етапи", open, "evidence", "https://sofia.example/протокол")
			f.SetCellValue("Етапи", "I1", "evidence")
			f.SetCellValue("Етапи", "J1", "note")
			return 1
		}, "Етапи"), want: `скритият ключ в клетка I1 е "evidence", а в шаблона там е "note"`},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db := filepath.Join(dir, fmt.Sprintf("v%d.db", i))
			copyFile(t, base, db)
			file := filepath.Join(dir, fmt.Sprintf("update-%d.xlsx", i))
			where := tt.file(t, file)
			if tt.before != nil {
				tt.before(t, db)
			}
			sum := sum256(t, db)
			args := []string{"import", "-db", db}
			if tt.user != "" {
				args = append(args, "-user", tt.user)
			}
			code, out, errOut := run(t, append(args, file)...)
			lines := strings.Split(strings.TrimSpace(errOut), "\n")
			name := filepath.Base(file)
			switch {
			case code != 1:
				t.Errorf("exit %d, want 1; stdout %q, stderr %q", code, out, errOut)
			case where == "" && (len(lines) != 1 || !strings.HasPrefix(lines[0], "strategytracker: "+name+": ") || !strings.Contains(lines[0], tt.want)):
				t.Errorf("stderr %q, want one line refusing %s with %q", errOut, name, tt.want)
			case where != "" && (len(lines) != 2 || !strings.HasPrefix(lines[0], where+": ") || !strings.Contains(lines[0], tt.want) ||
				lines[1] != "strategytracker: "+name+": проблеми: 1; нищо не е внесено"):
				t.Errorf("stderr:\n%s\nwant %s: …%s…, then the summary line", errOut, where, tt.want)
			}
			if sum256(t, db) != sum {
				t.Error("the refused import changed the database file")
			}
		})
	}
	if len(tests) < 15 {
		t.Errorf("%d variations, want at least 15", len(tests))
	}
}

func TestImportPrintsEveryProblem(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "demo.db")
	mustRun(t, "demo", "-db", db)
	tpl, file := filepath.Join(dir, "template.xlsx"), filepath.Join(dir, "update.xlsx")
	mustRun(t, "template", "-db", db, "-lang", "en", "-o", tpl)
	d := docOf(t, db)
	m := d.MeasureByCode("1.1")
	var want []string
	fill(t, tpl, file, func(f *excelize.File) {
		r1 := setCell(t, f, "Milestones", m.Milestones[4].ID, "completed", "31.02.2026")
		r2 := setCell(t, f, "Milestones", m.Milestones[5].ID, "cancelled", "perhaps")
		r3 := setCell(t, f, "Progress", d.MeasureByCode("2.1").ID, "progress", "lots")
		want = []string{fmt.Sprintf("Milestones!%d: ", r1), fmt.Sprintf("Milestones!%d: ", r2), fmt.Sprintf("Progress!%d: ", r3),
			"strategytracker: update.xlsx: проблеми: 3; нищо не е внесено"}
	})
	code, _, errOut := run(t, "import", "-db", db, file)
	lines := strings.Split(strings.TrimSpace(errOut), "\n")
	if code != 1 || len(lines) != len(want) {
		t.Fatalf("exit %d, stderr:\n%s\nwant %d lines", code, errOut, len(want))
	}
	for i, w := range want {
		if !strings.HasPrefix(lines[i], w) {
			t.Errorf("line %d = %q, want it to begin %q", i+1, lines[i], w)
		}
	}
}

func TestImportNeedsAUserOutsideTheDemo(t *testing.T) {
	dir := t.TempDir()
	d := model.Generate(100, 1)
	d.Strategy.Demo = false
	db := filepath.Join(dir, "real.db")
	s, err := storage.Create(context.Background(), db, d, storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	tpl := filepath.Join(dir, "t.xlsx")
	mustRun(t, "template", "-db", db, "-o", tpl)
	if code, _, errOut := run(t, "import", "-db", db, tpl); code != 2 || !strings.Contains(errOut, "-user NAME is required") {
		t.Errorf("import without -user: exit %d, %q", code, errOut)
	}
	if out := mustRun(t, "import", "-db", db, "-user", "Служител 1", tpl); !strings.Contains(out, "няма какво да се внесе") {
		t.Errorf("import of an unchanged template: %q", out)
	}
}
