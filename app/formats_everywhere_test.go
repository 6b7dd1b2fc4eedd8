package app

import (
	"bytes"
	"context"
	"html"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/xuri/excelize/v2"

	"strategytracker/model"
	"strategytracker/reports/site"
	"strategytracker/reports/xlsx"
)

// The same values read the same in the app, the council report (the text
// pdftotext takes out of it), the workbook (a cell's text) and the site:
// a percentage, a KPI's value with its unit, an amount of money and a date,
// in both languages — one formatter per kind (model/format.go, issue 22:
// "75.6 %" beside "88.9%" on one English screen).
func TestOneFormPerKindEverywhere(t *testing.T) {
	needPdftotext(t)
	doc := func() *model.Doc {
		d := testDoc()
		m := d.Measure(mDocs)
		m.PlannedCents = 1_200_000_00
		m.KPIs[0].Values[0].Value = 75.6 // of a KPI in %, from 20 to 80: 92,7 % attained
		return d
	}
	kinds := []struct {
		kind     string
		lang     model.Lang
		want     string
		cell     string // the workbook's cell, when the unit has a column of its own
		notInApp bool   // the app shows it in an entry, to type over
	}{
		{kind: "percent", lang: model.BG, want: "92,7 %"},
		{kind: "percent", lang: model.EN, want: "92.7%"},
		{kind: "KPI value", lang: model.BG, want: "75,6 %", cell: "75,6"},
		{kind: "KPI value", lang: model.EN, want: "75.6%", cell: "75.6"},
		{kind: "money", lang: model.BG, want: "1 200 000,00 €"},
		{kind: "money", lang: model.EN, want: "€1,200,000.00"},
		{kind: "date", lang: model.BG, want: "01.10.2026"},
		{kind: "date", lang: model.EN, want: "1 Oct 2026"},
	}
	for _, lang := range []model.Lang{model.BG, model.EN} {
		h := newHarness(t, doc(), pOffice)
		h.u.onLanguage(lang)
		h.u.settle()
		app := strings.Join([]string{screenText(h.u.dash.root), screenText(h.open(mDocs).root)}, " · ")
		job := exportJob{doc: doc(), asOf: testAsOf, lang: lang, by: "Ивелина Петрова"}
		pdfText, cells, page := pdfText(t, job), workbookCells(t, job, lang), siteText(t, doc(), lang)
		for _, k := range kinds {
			if k.lang != lang {
				continue
			}
			if !strings.Contains(app, k.want) {
				t.Errorf("%s %s: the app does not show %q:\n%.3000s", lang, k.kind, k.want, app)
			}
			if !strings.Contains(pdfText, k.want) {
				t.Errorf("%s %s: the council report does not show %q:\n%.3000s", lang, k.kind, k.want, pdfText)
			}
			if cell := cmpOr(k.cell, k.want); !cells[cell] {
				t.Errorf("%s %s: no cell of the workbook reads %q", lang, k.kind, cell)
			}
			if !strings.Contains(page, k.want) {
				t.Errorf("%s %s: the site does not show %q", lang, k.kind, k.want)
			}
		}
	}
}

// needPdftotext skips a test without pdftotext, except on CI.
func needPdftotext(t *testing.T) {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("pdftotext is missing (make deps installs poppler-utils)")
		}
		t.Skip("pdftotext is missing; make deps installs poppler-utils")
	}
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// oneLine is s with every run of white space (no-break ones too) one space.
func oneLine(s string) string {
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool {
		return r == ' ' || r == '\n' || r == '\t' || r == '\r' || r == '\u00a0' || r == '\u202f' || r == '\f'
	}), " ")
}

// screenText is every text under o as the screen shows it: labels whole
// (not as wrapped lines), the hidden tabs too, the bars' figures.
func screenText(o fyne.CanvasObject) string {
	var texts []string
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch x := o.(type) {
		case nil:
		case *widget.Label:
			texts = append(texts, x.Text)
		case *progressCell:
			texts = append(texts, x.text)
		case *container.AppTabs:
			for _, it := range x.Items {
				walk(it.Content)
			}
		case *fyne.Container:
			for _, c := range x.Objects {
				walk(c)
			}
		case *widget.Entry:
			// what is typed over is no text shown (formatMoneyInput, inputNumber)
		case fyne.Widget:
			for _, c := range test.WidgetRenderer(x).Objects() {
				walk(c)
			}
		}
	}
	walk(o)
	return oneLine(strings.Join(texts, " · "))
}

func exportWith(t *testing.T, key string, job exportJob) []byte {
	t.Helper()
	for _, x := range reportExporters() {
		if x.key == key {
			var buf bytes.Buffer
			if err := x.write(&buf, job); err != nil {
				t.Fatal(err)
			}
			return buf.Bytes()
		}
	}
	t.Fatalf("no exporter %s", key)
	return nil
}

func pdfText(t *testing.T, job exportJob) string {
	path := filepath.Join(t.TempDir(), "report.pdf")
	if err := os.WriteFile(path, exportWith(t, "export.pdf", job), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	return oneLine(string(out))
}

var dayMonthYear = regexp.MustCompile(`^\d{2}\.\d{2}\.\d{4}$`)

// workbookCells are the texts of the workbook's cells as a spreadsheet
// shows them in lang's locale: excelize writes a number through its cell's
// number format with the English separators, which a Bulgarian locale
// shows with a space between thousands and a decimal comma; and it puts
// the space of the format "0.0 %" after the sign ("92.7% "), where
// LibreOffice shows "92,7 %" (soffice --convert-to csv with the cells as
// shown, Bulgarian locale 1026: "92,7 %", "120 000 000,00 €"; English:
// "92,7%", "€120 000 000,00" with that locale's separators).
func workbookCells(t *testing.T, job exportJob, lang model.Lang) map[string]bool {
	f, err := excelize.OpenReader(bytes.NewReader(exportWith(t, "export.xlsx", job)))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	cells := map[string]bool{}
	for _, sheet := range f.GetSheetList() {
		shown, err := f.GetRows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		raw, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		for i, row := range shown {
			for j, s := range row {
				if _, err := strconv.ParseFloat(raw[i][j], 64); err == nil && lang == model.BG && !dayMonthYear.MatchString(s) {
					s = strings.NewReplacer(",", " ", ".", ",").Replace(s)
				}
				if strings.HasSuffix(s, "% ") {
					s = strings.TrimSuffix(s, "% ") + " %"
				}
				cells[s] = true
			}
		}
	}
	return cells
}

var tag = regexp.MustCompile(`<[^>]*>`)

// siteText is the text of every page of the site in lang, tags left out.
func siteText(t *testing.T, d *model.Doc, lang model.Lang) string {
	dir := filepath.Join(t.TempDir(), "site")
	if err := site.Publish(dir, d, site.Options{Langs: []model.Lang{lang}, AsOf: testAsOf}); err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	err := filepath.WalkDir(dir, func(path string, e fs.DirEntry, err error) error {
		if err != nil || !strings.HasSuffix(path, ".html") {
			return err
		}
		body, err := os.ReadFile(path)
		b.WriteString(html.UnescapeString(tag.ReplaceAllString(string(body), " ")) + " ")
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return oneLine(b.String())
}

// The preview of an update template writes a new KPI value's date as a
// date and its value as a number of the screen's language (issue 22: "the
// import preview ... shows ISO dates"; a new row's date reached it as bare
// ISO text, which no reader formats).
func TestImportPreviewWritesNewRowsDates(t *testing.T) {
	h := newHarness(t, testDoc(), pOffice)
	filled, _ := kpiValueTemplate(t, h, "25.11.2026", 1261.5)
	for _, c := range []struct {
		lang    model.Lang
		want    []string
		wantNot []string
	}{
		{model.BG, []string{"25.11.2026", "1 261,5"}, []string{"2026-11-25", "1261"}},
		{model.EN, []string{"25 Nov 2026", "1,261.5"}, []string{"2026-11-25", "1261"}},
	} {
		h.u.onLanguage(c.lang)
		h.seen = nil
		h.u.importWorkbook("update.xlsx", filled)
		h.u.settle()
		imp := latest[*importDialog](h)
		if imp == nil || imp.refused {
			t.Fatalf("the import was refused: %+v", imp)
		}
		text := strings.Join(imp.lines, "\n")
		for _, want := range c.want {
			if !strings.Contains(text, want) {
				t.Errorf("%s: the preview lacks %q:\n%s", c.lang, want, text)
			}
		}
		for _, never := range c.wantNot {
			if strings.Contains(text, never) {
				t.Errorf("%s: the preview shows %q:\n%s", c.lang, never, text)
			}
		}
	}
}

// kpiValueTemplate is the update template of the harness's file with a new
// value of its first KPI typed in (date and value as a person types them),
// and that KPI's id.
func kpiValueTemplate(t *testing.T, h *harness, date, value any) ([]byte, model.ID) {
	t.Helper()
	doc, _ := h.store.Doc(context.Background())
	var buf bytes.Buffer
	if err := xlsx.WriteTemplate(&buf, doc, h.store.dbID, "", xlsx.Options{Lang: model.BG, AsOf: testAsOf}); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	const sheet = "Показатели"
	rows, _ := f.GetRows(sheet)
	if len(rows) < 3 {
		t.Fatal("the template lists no KPI")
	}
	id, _ := strconv.ParseInt(rows[2][0], 10, 64)
	for i, key := range rows[0] {
		switch key {
		case "date":
			f.SetCellValue(sheet, cellRef(i+1, 3), date)
		case "value":
			f.SetCellValue(sheet, cellRef(i+1, 3), value)
		}
	}
	filled, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	return filled.Bytes(), id
}
