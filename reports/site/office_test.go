package site

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"strategytracker/model"
)

func TestCSVTextNeutralisesFormulas(t *testing.T) {
	tests := []struct{ in, want string }{
		{"=HYPERLINK(\"http://x\",\"y\")", "'=HYPERLINK(\"http://x\",\"y\")"},
		{"+359", "'+359"}, {"-1", "'-1"}, {"@SUM(A1)", "'@SUM(A1)"},
		{"\t=1", "'\t=1"}, {"\r=1", "'\r=1"}, {"'quoted", "''quoted"},
		{"Текст = 1", "Текст = 1"}, {"", ""}, {"1-2", "1-2"},
	}
	for _, tt := range tests {
		got := csvText(tt.in)
		if got != tt.want {
			t.Errorf("csvText(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if back := strings.TrimPrefix(got, "'"); tt.in != "" && back != tt.in {
			t.Errorf("csvText(%q) = %q does not give the text back without its first apostrophe", tt.in, got)
		}
	}
}

// formulaDoc is the demo with texts that a spreadsheet would take for a
// formula in every kind of table, and a negative number.
func formulaDoc(t *testing.T) *model.Doc {
	d := demoDoc(t)
	markSecrets(t, d)
	m := &d.Measures[0]
	m.Title.BG = "=1+1"
	m.Description.EN = "+SUM(1,2)"
	m.Milestones[2].Note = "@SUM(1)"
	m.Milestones[2].Title.EN = "-2+3"
	m.Updates = append(m.Updates, model.Update{ID: 90100, MeasureID: m.ID, Date: asOf.AddDays(-5), Text: model.T("\t=1+2", "\r=3+4")})
	d.Goals[0].Title.EN = `=HYPERLINK("http://evil.example","click")`
	d.Areas[0].Description.BG = "'=already quoted"
	for i := range d.Measures {
		if len(d.Measures[i].KPIs) > 0 {
			d.Measures[i].KPIs[0].BaselineValue = -5
		}
	}
	return d
}

// TestCSVOpensWithoutFormulasInLibreOffice opens every published CSV in
// LibreOffice as a person would (comma-separated, UTF-8) and finds no
// formula in any cell, while the numbers stay numbers.
func TestCSVOpensWithoutFormulasInLibreOffice(t *testing.T) {
	soffice := tool(t, "libreoffice-calc", "soffice", "libreoffice")
	dir := publish(t, formulaDoc(t), Options{})
	csvs, _ := filepath.Glob(filepath.Join(dir, "data", "*.csv"))
	if len(csvs) != 12 {
		t.Fatalf("%d CSV files", len(csvs))
	}
	out := t.TempDir()
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	args := append([]string{"--headless", "--norestore", "-env:UserInstallation=file://" + t.TempDir(),
		"--infilter=CSV:44,34,76,1", "--convert-to", "fods", "--outdir", out}, csvs...)
	if b, err := exec.CommandContext(ctx, soffice, args...).CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, b)
	}
	// The workbook, in the same LibreOffice (its own import filter).
	book := filepath.Join(dir, "data", xlsxName)
	if b, err := exec.CommandContext(ctx, soffice, "--headless", "--norestore", "-env:UserInstallation=file://"+t.TempDir(),
		"--convert-to", "fods", "--outdir", out, book).CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, b)
	}
	csvs = append(csvs, book)
	formula := regexp.MustCompile(`table:formula="([^"]*)"`)
	floats := 0
	for _, c := range csvs {
		name := strings.TrimSuffix(strings.TrimSuffix(filepath.Base(c), ".csv"), ".xlsx")
		b, err := os.ReadFile(filepath.Join(out, name+".fods"))
		if err != nil {
			t.Fatalf("LibreOffice did not convert %s: %v", filepath.Base(c), err)
		}
		var found []string
		for _, m := range formula.FindAllSubmatch(b, -1) {
			// LibreOffice keeps a boolean cell as =TRUE() or =FALSE(): values.
			if f := string(m[1]); f != "of:=TRUE()" && f != "of:=FALSE()" && len(found) < 3 {
				found = append(found, f)
			}
		}
		if found != nil {
			t.Errorf("%s opens with formulas: %s", filepath.Base(c), strings.Join(found, ", "))
		}
		floats += bytes.Count(b, []byte(`office:value-type="float"`))
		if (name == "kpis" || name == "open-data") && !bytes.Contains(b, []byte(`office:value-type="float" office:value="-5"`)) {
			t.Errorf("%s: the negative baseline -5 is not a number in LibreOffice", filepath.Base(c))
		}
	}
	if floats < 100 {
		t.Errorf("only %d numeric cells in LibreOffice: numbers must stay numbers", floats)
	}
}

// TestDatapackageIDCreatedAndDialect: the package has an id that stays the
// same from one publication of the strategy to the next and a created
// date from the data, and its dialect says exactly how the CSV files are
// written (LF line ends, which are not the Frictionless default).
func TestDatapackageIDCreatedAndDialect(t *testing.T) {
	type pkg struct {
		ID, Created string
		Resources   []struct {
			Path    string
			Dialect map[string]any
		}
	}
	read := func(d *model.Doc, opts Options) (pkg, map[string][]byte) {
		files := readTree(t, publish(t, d, opts))
		var p pkg
		if err := json.Unmarshal(files["data/datapackage.json"], &p); err != nil {
			t.Fatal(err)
		}
		return p, files
	}
	a, files := read(demoDoc(t), Options{})
	b, _ := read(demoDoc(t), Options{AsOf: asOf.AddDays(30)})
	renamed := demoDoc(t)
	renamed.Strategy.Title.BG += " 2031–2040"
	c, _ := read(renamed, Options{})
	given, _ := read(demoDoc(t), Options{ID: "https://data.egov.bg/dataset/x"})
	if !regexp.MustCompile(`^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`).MatchString(a.ID) {
		t.Errorf("id %q is not a version 5 UUID URN", a.ID)
	}
	if a.ID != b.ID || a.ID == c.ID || given.ID != "https://data.egov.bg/dataset/x" {
		t.Errorf("ids %q (later as-of %q, another strategy %q, given %q): want the same for the same strategy only", a.ID, b.ID, c.ID, given.ID)
	}
	if a.Created != "2026-11-30T00:00:00Z" || b.Created != "2026-12-30T00:00:00Z" {
		t.Errorf("created %q and %q, want the as-of dates", a.Created, b.Created)
	}
	for _, r := range a.Resources {
		want := map[string]any{"delimiter": ",", "lineTerminator": "\n", "quoteChar": `"`, "doubleQuote": true, "skipInitialSpace": false, "header": true}
		if fmt.Sprint(r.Dialect) != fmt.Sprint(want) {
			t.Errorf("%s: dialect %v, want %v", r.Path, r.Dialect, want)
		}
		content := files["data/"+r.Path]
		if bytes.Contains(content, []byte("\r\n")) || !bytes.HasSuffix(content, []byte("\n")) {
			t.Errorf("%s: lines do not end in LF alone", r.Path)
		}
	}
}

// TestOpenDataWorkbook reads data/open-data.xlsx back: one sheet per table
// in the order of the CSV files, the headers in Bulgarian then English,
// every value as in the CSV, numbers and dates typed.
func TestOpenDataWorkbook(t *testing.T) {
	d := formulaDoc(t)
	s := newSite(d, Options{AsOf: asOf, Langs: []model.Lang{model.BG, model.EN}})
	files := readTree(t, publish(t, d, Options{}))
	f, err := excelize.OpenReader(bytes.NewReader(files["data/"+xlsxName]))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	tables := s.tables()
	var names []string
	for _, tb := range tables {
		names = append(names, tb.Name)
	}
	if got := f.GetSheetList(); strings.Join(got, ",") != strings.Join(names, ",") {
		t.Fatalf("sheets %v, want %v", got, names)
	}
	for _, tb := range tables {
		rows, err := f.GetRows(tb.Name, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		if len(rows) != len(tb.Rows)+2 {
			t.Fatalf("%s: %d rows, want %d and two header rows", tb.Name, len(rows), len(tb.Rows))
		}
		for i, fl := range tb.Fields {
			if cell(rows[0], i) != fl.BG || cell(rows[1], i) != fl.EN {
				t.Errorf("%s column %d: headers %q / %q, want %q / %q", tb.Name, i+1, cell(rows[0], i), cell(rows[1], i), fl.BG, fl.EN)
			}
		}
		for r, want := range tb.Rows {
			for i, fl := range tb.Fields {
				got := cell(rows[r+2], i)
				name, _ := excelize.CoordinatesToCellName(i+1, r+3)
				typ, _ := f.GetCellType(tb.Name, name)
				switch {
				case want[i] == "":
					if got != "" {
						t.Errorf("%s!%s = %q, want empty", tb.Name, name, got)
					}
				case fl.Type == "date":
					if dd, err := model.ParseDate(want[i]); err != nil || got != strconv.Itoa(dd.DaysSince(model.NewDate(1899, 12, 30))) {
						t.Errorf("%s!%s = %q, want the date %s as a serial", tb.Name, name, got, want[i])
					}
				case fl.Type == "number" || fl.Type == "integer":
					g, _ := strconv.ParseFloat(got, 64)
					w, _ := strconv.ParseFloat(want[i], 64)
					if g != w || typ == excelize.CellTypeInlineString || typ == excelize.CellTypeSharedString {
						t.Errorf("%s!%s = %q (type %v), want the number %s", tb.Name, name, got, typ, want[i])
					}
				case fl.Type == "boolean":
					if (got == "1") != (want[i] == "true") || typ != excelize.CellTypeBool {
						t.Errorf("%s!%s = %q (type %v), want %s", tb.Name, name, got, typ, want[i])
					}
				default:
					if got != want[i] {
						t.Errorf("%s!%s = %q, want %q", tb.Name, name, got, want[i])
					}
					if fm, _ := f.GetCellFormula(tb.Name, name); fm != "" {
						t.Errorf("%s!%s is a formula %q", tb.Name, name, fm)
					}
				}
			}
		}
	}
}

func cell(row []string, i int) string {
	if i < len(row) {
		return row[i]
	}
	return ""
}
