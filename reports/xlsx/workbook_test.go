package xlsx

import (
	"archive/zip"
	"bytes"
	"io"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"strategytracker/model"
)

func TestWorkbookSheetNames(t *testing.T) {
	d := demoDoc(t)
	tests := []struct {
		lang model.Lang
		want []string
	}{
		{model.BG, []string{"Обобщение", "Бюджет", "Мерки", "Етапи", "Показатели", "Отговорници", "Промени"}},
		{model.EN, []string{"Summary", "Budget", "Measures", "Milestones", "KPIs", "Owners", "Changes"}},
	}
	for _, tt := range tests {
		f := open(t, workbookBytes(t, d, tt.lang))
		if got := f.GetSheetList(); !slices.Equal(got, tt.want) {
			t.Errorf("%s: sheets = %q, want %q", tt.lang, got, tt.want)
		}
		for _, name := range tt.want {
			if n := len([]rune(name)); n > 31 {
				t.Errorf("sheet name %q has %d characters; Excel allows 31", name, n)
			}
		}
	}
}

// findRow returns the 1-based row whose first cell is label, or fails.
func findRow(t *testing.T, f *excelize.File, sheet, label string) int {
	t.Helper()
	rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range rows {
		if len(r) > 0 && r[0] == label {
			return i + 1
		}
	}
	t.Fatalf("%s has no row %q", sheet, label)
	return 0
}

func raw(t *testing.T, f *excelize.File, sheet, cell string) string {
	t.Helper()
	v, err := f.GetCellValue(sheet, cell, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func styleOf(t *testing.T, f *excelize.File, sheet, cell string) *excelize.Style {
	t.Helper()
	id, err := f.GetCellStyle(sheet, cell)
	if err != nil {
		t.Fatal(err)
	}
	s, err := f.GetStyle(id)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func numFmt(s *excelize.Style) string {
	if s.CustomNumFmt == nil {
		return ""
	}
	return *s.CustomNumFmt
}

func TestWorkbookDatesAreDateCellsInTheLanguagesFormat(t *testing.T) {
	d := demoDoc(t)
	tests := []struct {
		lang   model.Lang
		asOf   string
		format string
	}{
		{model.BG, "Към дата", "dd.mm.yyyy"},
		{model.EN, "As of", "d mmm yyyy"},
	}
	for _, tt := range tests {
		f := open(t, workbookBytes(t, d, tt.lang))
		sheet := f.GetSheetList()[0]
		cell := "B" + strconv.Itoa(findRow(t, f, sheet, tt.asOf))
		if got, want := raw(t, f, sheet, cell), strconv.Itoa(serial(demoAsOf)); got != want {
			t.Errorf("%s: as-of cell %s = %q, want the serial %s", tt.lang, cell, got, want)
		}
		if got := numFmt(styleOf(t, f, sheet, cell)); got != tt.format {
			t.Errorf("%s: as-of format = %q, want %q", tt.lang, got, tt.format)
		}
		// The start date of the first measure on the Measures sheet.
		measures := f.GetSheetList()[2]
		if got, want := raw(t, f, measures, "F2"), strconv.Itoa(serial(d.MeasureByCode("1.1").Start)); got != want {
			t.Errorf("%s: start of 1.1 = %q, want %q", tt.lang, got, want)
		}
		if got := numFmt(styleOf(t, f, measures, "F2")); got != tt.format {
			t.Errorf("%s: start format = %q, want %q", tt.lang, got, tt.format)
		}
	}
	if got := serial(model.MustDate("2026-11-30")); got != 46356 {
		t.Errorf("serial(2026-11-30) = %d, want 46356 (as Excel counts)", got)
	}
}

func TestWorkbookMeasureRows(t *testing.T) {
	d := demoDoc(t)
	f := open(t, workbookBytes(t, d, model.EN))
	rows, err := f.GetRows("Measures", excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := len(rows)-1, len(d.Measures); got != want {
		t.Fatalf("Measures has %d rows, want %d", got, want)
	}
	seen := map[model.Status]bool{}
	for i, r := range rows[1:] {
		row := i + 2
		m := d.MeasureByCode(r[0])
		if m == nil {
			t.Fatalf("row %d: unknown measure %q", row, r[0])
		}
		fig := m.Evaluate(demoAsOf)
		progress, _ := strconv.ParseFloat(r[7], 64)
		if math.Abs(progress-fig.Progress/100) > 1e-9 {
			t.Errorf("%s: progress = %v, want %v", m.Code, progress, fig.Progress/100)
		}
		label := fig.Status.Label(model.EN)
		if fig.Overridden {
			label += " (overridden)"
			if got, want := r[11], m.Override.ReasonText().In(model.EN); got != want {
				t.Errorf("%s: reason = %q, want %q (the English workbook's)", m.Code, got, want)
			}
		}
		if r[9] != label {
			t.Errorf("%s: status = %q, want %q", m.Code, r[9], label)
		}
		s := styleOf(t, f, "Measures", "J"+strconv.Itoa(row))
		if got, want := s.Fill.Color, []string{strings.TrimPrefix(model.StatusHex[fig.Status], "#")}; !slices.Equal(got, want) {
			t.Errorf("%s: status fill = %v, want %v", m.Code, got, want)
		}
		if got, want := s.Font != nil && s.Font.Strike, fig.Status == model.StatusCancelled; got != want {
			t.Errorf("%s: struck through = %v, want %v", m.Code, got, want)
		}
		if got, want := r[12], strconv.FormatFloat(float64(m.PlannedCents)/100, 'f', -1, 64); got != want {
			t.Errorf("%s: planned = %q, want %q", m.Code, got, want)
		}
		if got := numFmt(styleOf(t, f, "Measures", "M"+strconv.Itoa(row))); !strings.Contains(got, "€") || !strings.Contains(got, "0.00") {
			t.Errorf("%s: planned format = %q, want a euro format with cents", m.Code, got)
		}
		seen[fig.Status] = true
	}
	if len(seen) != len(model.Statuses) {
		t.Errorf("the demo shows statuses %v, want all six", seen)
	}
}

func TestWorkbookSummaryMatchesTheFigures(t *testing.T) {
	d := demoDoc(t)
	sum := model.Summarize(d, demoAsOf)
	f := open(t, workbookBytes(t, d, model.EN))
	if got := raw(t, f, "Summary", "A1"); got != d.Strategy.Title.EN {
		t.Errorf("A1 = %q, want the title", got)
	}
	if got := raw(t, f, "Summary", "A2"); got != model.DemoMark(model.EN) {
		t.Errorf("A2 = %q, want the demo mark", got)
	}
	progress, _ := strconv.ParseFloat(raw(t, f, "Summary", "B"+strconv.Itoa(findRow(t, f, "Summary", "Progress"))), 64)
	if math.Abs(progress-float64(sum.Progress)/100) > 1e-9 {
		t.Errorf("progress = %v, want %v", progress, float64(sum.Progress)/100)
	}
	header := findRow(t, f, "Summary", "Code")
	for i, a := range sum.Areas {
		row := strconv.Itoa(header + 1 + i)
		if got := raw(t, f, "Summary", "A"+row); got != a.Code {
			t.Fatalf("row %s: area %q, want %q", row, got, a.Code)
		}
		for col, want := range map[int]float64{3: float64(a.Progress), 4: float64(a.Expected)} {
			got, _ := strconv.ParseFloat(raw(t, f, "Summary", cellName(col, header+1+i)), 64)
			if math.Abs(got-want/100) > 1e-9 {
				t.Errorf("%s column %d = %v, want the area's progress figure %v %%", a.Code, col, got, want)
			}
		}
		for j, s := range model.Statuses {
			cell := cellName(5+j, header+1+i)
			if got, want := raw(t, f, "Summary", cell), strconv.Itoa(a.Status[s]); got != want {
				t.Errorf("%s %s (%s) = %s, want %s", a.Code, s, cell, got, want)
			}
		}
	}
	total := findRow(t, f, "Summary", "Total")
	for j, s := range model.Statuses {
		if got, want := raw(t, f, "Summary", cellName(5+j, total)), strconv.Itoa(sum.Status[s]); got != want {
			t.Errorf("total %s = %s, want %s", s, got, want)
		}
	}
}

func zipEntries(t *testing.T, b []byte) map[string]string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, zf := range zr.File {
		rc, err := zf.Open()
		if err != nil {
			t.Fatal(err)
		}
		c, _ := io.ReadAll(rc)
		rc.Close()
		out[zf.Name] = string(c)
	}
	return out
}

func TestWorkbookChartOfStatusesByArea(t *testing.T) {
	entries := zipEntries(t, workbookBytes(t, demoDoc(t), model.BG))
	chart, ok := entries["xl/charts/chart1.xml"]
	if !ok {
		t.Fatal("the workbook has no chart")
	}
	if got := strings.Count(chart, "<ser>"); got != len(model.Statuses) {
		t.Errorf("the chart has %d series, want one per status (%d)", got, len(model.Statuses))
	}
	for _, s := range model.Statuses {
		if !strings.Contains(chart, strings.TrimPrefix(model.StatusHex[s], "#")) {
			t.Errorf("the chart lacks the colour of %s", s)
		}
	}
	if !strings.Contains(chart, "&#39;Обобщение&#39;!$A$") || !strings.Contains(chart, "<barChart>") {
		t.Errorf("the chart is not a bar chart over the Summary's area codes")
	}
	if !strings.Contains(entries["xl/worksheets/_rels/sheet1.xml.rels"], "drawing") {
		t.Error("the Summary sheet does not hold the chart's drawing")
	}
}

func TestWorkbookDataSheetsAreFrozenAndFiltered(t *testing.T) {
	f := open(t, workbookBytes(t, demoDoc(t), model.EN))
	for _, sheet := range []string{"Measures", "Milestones", "KPIs", "Owners"} {
		panes, err := f.GetPanes(sheet)
		if err != nil {
			t.Fatal(err)
		}
		if !panes.Freeze || panes.YSplit != 1 {
			t.Errorf("%s: panes %+v, want the header row frozen", sheet, panes)
		}
		w, err := f.GetColWidth(sheet, "B")
		if err != nil || w < 8 || w > maxWidth {
			t.Errorf("%s: column B is %v wide (%v), want fitted to its content", sheet, w, err)
		}
	}
	filtered := map[string]bool{}
	for _, n := range f.GetDefinedName() {
		if n.Name == "_xlnm._FilterDatabase" {
			filtered[n.Scope] = true
		}
	}
	for _, sheet := range []string{"Measures", "Milestones", "KPIs", "Owners", "Changes"} {
		if !filtered[sheet] {
			t.Errorf("%s has no autofilter", sheet)
		}
	}
}

func TestWorkbookChangesSinceTheLatestSnapshot(t *testing.T) {
	d := demoDoc(t)
	f := open(t, workbookBytes(t, d, model.EN))
	if got := raw(t, f, "Changes", "A1"); !strings.Contains(got, "no previous report") {
		t.Errorf("without a snapshot, A1 = %q, want a note that there is none", got)
	}

	then := model.MustDate("2026-03-31")
	content, sum, err := model.EncodeFigures(model.ComputeSnapshotFigures(d, then))
	if err != nil {
		t.Fatal(err)
	}
	d.Snapshots = []model.Snapshot{{Name: "Q1", AsOf: then, CreatedAt: "2026-04-01T10:00:00Z", CreatedBy: "test", SHA256: sum, Figures: content}}
	ch, err := model.ChangesSince(d, demoAsOf)
	if err != nil {
		t.Fatal(err)
	}
	want := len(ch.StatusChanges) + len(ch.Completed) + len(ch.BecameOverdue) + len(ch.NewMeasures) + len(ch.RemovedMeasures)
	if want == 0 {
		t.Fatal("the demo changes nothing between Q1 and November: the test proves nothing")
	}
	f = open(t, workbookBytes(t, d, model.EN))
	rows, err := f.GetRows("Changes")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(rows[0][0], "Q1") {
		t.Errorf("A1 = %q, want it to name the snapshot", rows[0][0])
	}
	if got := len(rows) - 2; got != want {
		t.Errorf("Changes has %d rows, want %d", got, want)
	}

	// A period's closing snapshot is named in the workbook's language
	// (model.Doc.SnapshotName): its stored name is the Bulgarian one.
	d.Periods = []model.Period{{ID: 1, Name: model.T("I тримесечие 2026", "Q1 2026")}}
	d.Snapshots[0].Name = "I тримесечие 2026"
	for lang, want := range map[model.Lang]string{model.EN: "“Q1 2026”", model.BG: "„I тримесечие 2026“"} {
		f = open(t, workbookBytes(t, d, lang))
		if got := raw(t, f, sheetChanges.In(lang), "A1"); !strings.Contains(got, want) {
			t.Errorf("%s: A1 = %q, want it to name the snapshot %s", lang, got, want)
		}
	}
	kinds := map[string]int{}
	for _, r := range rows[2:] {
		kinds[r[0]]++
	}
	if kinds["milestone completed"] != len(ch.Completed) || kinds["status changed"] != len(ch.StatusChanges) {
		t.Errorf("rows by kind = %v, want %d completed and %d status changes", kinds, len(ch.Completed), len(ch.StatusChanges))
	}
}

func TestWorkbookIsDeterministic(t *testing.T) {
	d := demoDoc(t)
	a, b := workbookBytes(t, d, model.BG), workbookBytes(t, d, model.BG)
	if !bytes.Equal(a, b) {
		t.Error("the same workbook written twice differs")
	}
	core := zipEntries(t, a)["docProps/core.xml"]
	if !strings.Contains(core, "2026-11-30T09:30:00Z") {
		t.Errorf("core properties lack the given creation time: %s", core)
	}
}

// Spending is not recorded per source: the sources give planned amounts
// only (as the PDF report says), cancelled measures left out.
func TestFundingTotalsArePlannedAmountsOnly(t *testing.T) {
	budget, eu := model.T("Бюджет", "Budget"), model.T("ЕС", "EU")
	d := &model.Doc{Measures: []model.Measure{
		{Code: "1", PlannedCents: 1000, SpentCents: 400, Funding: []model.Funding{{Name: budget, AmountCents: 750}, {Name: eu, AmountCents: 250}}},
		{Code: "2", PlannedCents: 500, SpentCents: 500, Funding: []model.Funding{{Name: eu, AmountCents: 500}}},
		{Code: "3", PlannedCents: 900, SpentCents: 900, Cancelled: true, Funding: []model.Funding{{Name: budget, AmountCents: 900}}},
	}}
	got := fundingTotals(d)
	want := []budgetRow{{title: budget, planned: 750, measures: 1}, {title: eu, planned: 750, measures: 2}}
	if !slices.Equal(got, want) {
		t.Errorf("fundingTotals = %+v, want %+v", got, want)
	}
}

// The budget sheet's totals by area and by year equal the summary's: the
// apportioning by year loses no cent.
func TestWorkbookBudgetByAreaAndYearAddUp(t *testing.T) {
	d := demoDoc(t)
	sum := model.Summarize(d, demoAsOf)
	var areaP, areaS, yearP, yearS int64
	for _, r := range budgetByArea(d) {
		areaP, areaS = areaP+r.planned, areaS+r.spent
	}
	years := budgetByYear(d, demoAsOf)
	for _, r := range years {
		yearP, yearS = yearP+r.planned, yearS+r.spent
		if y, _ := strconv.Atoi(r.key); y > demoAsOf.Year() && r.spent != 0 {
			t.Errorf("year %s has spending %d after the as-of date", r.key, r.spent)
		}
	}
	want := [2]int64{sum.Budget.PlannedCents, sum.Budget.SpentCents}
	if [2]int64{areaP, areaS} != want || [2]int64{yearP, yearS} != want {
		t.Errorf("by area %d/%d, by year %d/%d; the summary has %d/%d", areaP, areaS, yearP, yearS, want[0], want[1])
	}
	f := open(t, workbookBytes(t, d, model.BG))
	total := findRow(t, f, "Бюджет", "Общо")
	if got := raw(t, f, "Бюджет", "C"+strconv.Itoa(total)); got != strconv.FormatFloat(float64(want[0])/100, 'f', -1, 64) {
		t.Errorf("the budget sheet's total planned is %s, want %d cents", got, want[0])
	}
}

func TestWorkbookNeedsAnAsOfDate(t *testing.T) {
	err := WriteWorkbook(io.Discard, demoDoc(t), Options{})
	if model.ErrorCode(err) != model.EINVALID {
		t.Errorf("without an as-of date: %v, want EINVALID", err)
	}
}

// Issue 14: every font has a name and a size (no serif fallback), no number
// format leaves a trailing separator, and every sheet prints with a header,
// page numbers, and its header row repeated (print titles).
func TestWorkbooksPrintWell(t *testing.T) {
	d := demoDoc(t)
	for _, tt := range []struct {
		name string
		file []byte
	}{
		{"progress bg", workbookBytes(t, d, model.BG)},
		{"progress en", workbookBytes(t, d, model.EN)},
		{"template bg", templateBytes(t, d, "", model.BG)},
	} {
		entries := zipEntries(t, tt.file)
		styles := entries["xl/styles.xml"]
		fonts := regexp.MustCompile(`(?s)<font>.*?</font>|<font/>`).FindAllString(styles, -1)
		if len(fonts) < 2 {
			t.Errorf("%s: %d fonts in styles.xml", tt.name, len(fonts))
		}
		for i, f := range fonts {
			if !strings.Contains(f, "<name val=") || !strings.Contains(f, "<sz val=") {
				t.Errorf("%s: font %d has no name or size: %s", tt.name, i, f)
			}
		}
		for _, code := range regexp.MustCompile(`formatCode="([^"]*)"`).FindAllStringSubmatch(styles, -1) {
			if strings.Contains(code[1], ".#") && !strings.Contains(code[1], "0.0") {
				t.Errorf("%s: number format %q leaves a trailing separator on whole numbers", tt.name, code[1])
			}
		}
		f := open(t, tt.file)
		for _, sheet := range f.GetSheetList() {
			if visible, _ := f.GetSheetVisible(sheet); !visible {
				continue
			}
			hf, err := f.GetHeaderFooter(sheet)
			if err != nil || hf == nil || !strings.Contains(hf.OddFooter, "&P") || !strings.Contains(hf.OddFooter, "&N") || hf.OddHeader == "" {
				t.Errorf("%s: sheet %s has no print header and page numbers: %+v (%v)", tt.name, sheet, hf, err)
			}
		}
		names := f.GetDefinedName()
		for _, sheet := range f.GetSheetList()[1:] {
			if visible, _ := f.GetSheetVisible(sheet); !visible || sheet == "Бюджет" || sheet == "Budget" {
				continue
			}
			found := false
			for _, n := range names {
				found = found || (n.Name == "_xlnm.Print_Titles" && n.Scope == sheet)
			}
			if !found {
				t.Errorf("%s: sheet %s has no print titles", tt.name, sheet)
			}
		}
	}
}
