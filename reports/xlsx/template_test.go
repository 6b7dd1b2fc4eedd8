package xlsx

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"strategytracker/model"
)

func TestTemplateSheets(t *testing.T) {
	d := demoDoc(t)
	tests := []struct {
		lang model.Lang
		want []string
	}{
		{model.BG, []string{"Указания", "Етапи", "Показатели", "Актуализации", "Напредък", "_meta"}},
		{model.EN, []string{"Instructions", "Milestones", "KPI values", "Updates", "Progress", "_meta"}},
	}
	for _, tt := range tests {
		b := templateBytes(t, d, "", tt.lang)
		f := open(t, b)
		if got := f.GetSheetList(); !slices.Equal(got, tt.want) {
			t.Errorf("%s: sheets = %q, want %q", tt.lang, got, tt.want)
		}
		entries := zipEntries(t, b)
		if !strings.Contains(entries["xl/workbook.xml"], `name="_meta" sheetId="6" r:id="rId8" state="veryHidden"`) {
			t.Errorf("%s: _meta is not very hidden", tt.lang)
		}
		if !strings.Contains(entries["xl/workbook.xml"], `lockStructure="true"`) {
			t.Errorf("%s: the workbook's structure is not protected", tt.lang)
		}
		for i, s := range templateSheets {
			name := tt.want[i+1]
			if got := raw(t, f, name, "A1"); got != kindPrefix+s.kind {
				t.Errorf("%s: A1 = %q, want %q", name, got, kindPrefix+s.kind)
			}
			if visible, _ := f.GetRowVisible(name, keyRow); visible {
				t.Errorf("%s: the key row is visible", name)
			}
			if visible, _ := f.GetColVisible(name, "A"); visible {
				t.Errorf("%s: the id column is visible", name)
			}
			if !strings.Contains(entries["xl/worksheets/sheet"+strconv.Itoa(i+2)+".xml"], `<sheetProtection`) {
				t.Errorf("%s is not protected", name)
			}
			rows, _ := f.GetRows(name)
			for j, c := range s.cols {
				if rows[0][j+1] != c.key {
					t.Errorf("%s: key of column %d = %q, want %q", name, j+2, rows[0][j+1], c.key)
				}
				if rows[1][j+1] != c.label.In(tt.lang) {
					t.Errorf("%s: heading of column %d = %q, want %q", name, j+2, rows[1][j+1], c.label.In(tt.lang))
				}
			}
		}
	}
}

func TestTemplateInputsAreUnlockedAndValidated(t *testing.T) {
	d := demoDoc(t)
	f := open(t, templateBytes(t, d, "", model.EN))
	locked := func(cell string) bool {
		s := styleOf(t, f, "Milestones", cell)
		return s.Protection == nil || s.Protection.Locked
	}
	id := d.Measures[0].Milestones[4].ID
	for key, want := range map[string]bool{"title": true, "due": true, "completed": false, "cancelled": false, "note": false, "evidence": false} {
		if got := locked(cellOf(t, f, "Milestones", id, key)); got != want {
			t.Errorf("%s locked = %v, want %v", key, got, want)
		}
	}
	tests := []struct {
		sheet string
		kinds []string // data validation types, in column order
	}{
		{"Milestones", []string{"date", "list", "textLength", "textLength", "textLength"}},
		{"KPI values", []string{"date", "decimal", "textLength", "textLength"}},
		{"Updates", []string{"date", "textLength"}},
		{"Progress", []string{"decimal"}},
	}
	for _, tt := range tests {
		dvs, err := f.GetDataValidations(tt.sheet)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, dv := range dvs {
			got = append(got, dv.Type)
			if !dv.ShowErrorMessage {
				t.Errorf("%s %s: no error message", tt.sheet, dv.Sqref)
			}
		}
		if !slices.Equal(got, tt.kinds) {
			t.Errorf("%s: validations %v, want %v", tt.sheet, got, tt.kinds)
		}
	}
}

func TestTemplateRowsOfAUnit(t *testing.T) {
	d := demoDoc(t)
	tests := []struct {
		unit string
		want func(m *model.Measure) bool
	}{
		{"", func(m *model.Measure) bool { return !m.Cancelled }},
		{"INNO", func(m *model.Measure) bool {
			p := d.Person(model.ID(m.Responsible))
			return !m.Cancelled && (m.LeadUnit == "INNO" || p != nil && p.Unit == "INNO")
		}},
		{"UMC", func(m *model.Measure) bool { return !m.Cancelled && m.LeadUnit == "UMC" }},
	}
	for _, tt := range tests {
		var wantMS, wantUpd []string
		var wantProgress []string
		for _, m := range sortedMeasures(d) {
			if !tt.want(m) {
				continue
			}
			for _, ms := range sortedMilestones(m) {
				if inTemplate(m, ms) {
					wantMS = append(wantMS, strconv.FormatInt(ms.ID, 10))
				}
			}
			wantUpd = append(wantUpd, strconv.FormatInt(m.ID, 10))
			if len(m.Milestones) == 0 {
				wantProgress = append(wantProgress, strconv.FormatInt(m.ID, 10))
			}
		}
		f := open(t, templateBytes(t, d, tt.unit, model.EN))
		for _, c := range []struct {
			sheet string
			want  []string
		}{{"Milestones", wantMS}, {"Updates", wantUpd}, {"Progress", wantProgress}} {
			cols, err := f.GetCols(c.sheet)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			if len(cols[0]) > 2 {
				got = cols[0][2:]
			}
			if !slices.Equal(got, c.want) {
				t.Errorf("unit %q: %s ids = %v, want %v", tt.unit, c.sheet, got, c.want)
			}
		}
	}
	if err := WriteTemplate(&strings.Builder{}, d, demoDB, "NOPE", opts(model.BG)); err == nil || !strings.Contains(err.Error(), `unit "NOPE" does not exist`) {
		t.Errorf("unknown unit: %v", err)
	}
}

func TestTemplatePrefillsTheCurrentValues(t *testing.T) {
	d := demoDoc(t)
	m := d.MeasureByCode("1.1")
	// Done in the reporting window: listed, with its date, so that the
	// coordinator sees it; done long before: not listed.
	m.Milestones[3].Completed = model.MustDate("2026-10-15")
	f := open(t, templateBytes(t, d, "", model.BG))
	done, open, old := &m.Milestones[3], &m.Milestones[4], &m.Milestones[0]
	if rows, _ := f.GetRows("Етапи"); slices.ContainsFunc(rows, func(r []string) bool { return len(r) > 0 && r[0] == strconv.FormatInt(old.ID, 10) }) {
		t.Errorf("milestone %d, done on %s, is listed", old.ID, old.Completed)
	}
	tests := []struct {
		id   model.ID
		key  string
		want string
	}{
		{done.ID, "completed", strconv.Itoa(serial(done.Completed))},
		{done.ID, "cancelled", "не"},
		{done.ID, "evidence", done.Evidence},
		{open.ID, "completed", ""},
		{open.ID, "note", open.Note},
	}
	for _, tt := range tests {
		if got := raw(t, f, "Етапи", cellOf(t, f, "Етапи", tt.id, tt.key)); got != tt.want {
			t.Errorf("milestone %d %s = %q, want %q", tt.id, tt.key, got, tt.want)
		}
	}
	if got := numFmt(styleOf(t, f, "Етапи", cellOf(t, f, "Етапи", done.ID, "completed"))); got != "dd.mm.yyyy" {
		t.Errorf("completed format = %q, want dd.mm.yyyy", got)
	}
	upd := cellOf(t, f, "Актуализации", m.ID, "date")
	if got := raw(t, f, "Актуализации", upd); got != strconv.Itoa(serial(demoAsOf)) {
		t.Errorf("update date = %q, want the as-of date", got)
	}
}

func TestTemplateMetaRecordsDatabaseUnitAndVersions(t *testing.T) {
	d := demoDoc(t)
	d.Measures[0].Milestones[4].Version = 7
	f := open(t, templateBytes(t, d, "INNO", model.EN))
	rows, err := f.GetRows(metaSheet)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	versions := map[string]string{}
	for _, r := range rows[1:] {
		switch {
		case r[0] == "version":
			versions[r[1]+" "+r[2]] = r[3]
		case len(r) > 1:
			got[r[0]] = r[1]
		}
	}
	want := map[string]string{"format": templateFormat, "database": demoDB, "unit": "INNO", "created": "2026-11-30T09:30:00Z", "lang": "en", "asOf": "2026-11-30", "sheet": "progress"}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s = %q, want %q", k, got[k], v)
		}
	}
	ms := d.Measures[0].Milestones[4]
	if v := versions["milestone "+strconv.FormatInt(ms.ID, 10)]; v != "7" {
		t.Errorf("version of milestone %d = %q, want 7", ms.ID, v)
	}
	if v := versions["measure "+strconv.FormatInt(d.MeasureByCode("2.1").ID, 10)]; v != "1" {
		t.Errorf("version of measure 2.1 (no milestones) = %q, want 1", v)
	}
	if visible, err := f.GetSheetVisible(metaSheet); visible || err != nil {
		t.Errorf("_meta visible = %v (%v)", visible, err)
	}
}

// Issue 14: the template's date cells accept no date after the template's
// own, since the import refuses completions in the future.
func TestTemplateDatesStopAtTheTemplatesDate(t *testing.T) {
	f := open(t, templateBytes(t, demoDoc(t), "", model.BG))
	for _, sheet := range []string{"Етапи", "Показатели", "Актуализации"} {
		dvs, err := f.GetDataValidations(sheet)
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, dv := range dvs {
			if dv.Type != "date" {
				continue
			}
			n++
			if dv.Formula2 != strconv.Itoa(serial(demoAsOf)) || dv.Error == nil || !strings.Contains(*dv.Error, "30.11.2026") {
				t.Errorf("%s %s: dates up to %s (%q), want up to the template's date %d", sheet, dv.Sqref, dv.Formula2, *dv.Error, serial(demoAsOf))
			}
		}
		if n != 1 {
			t.Errorf("%s: %d date validations, want 1", sheet, n)
		}
	}
}

// With a previous report (a snapshot), the milestones done since it stay in
// the template; those done before it are left out.
func TestTemplateListsWhatIsLeftAndWhatWasDoneSinceThePreviousReport(t *testing.T) {
	d := demoDoc(t)
	prev := model.MustDate("2026-06-30")
	d.Snapshots = []model.Snapshot{{Name: "Q2", AsOf: prev}}
	f := open(t, templateBytes(t, d, "", model.EN))
	rows, err := f.GetRows("Milestones")
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]bool{}
	for _, r := range rows[2:] {
		got[r[0]] = true
	}
	for _, m := range d.Measures {
		for _, ms := range m.Milestones {
			want := !m.Cancelled && !ms.Cancelled && (ms.Completed == 0 || ms.Completed > prev)
			if got[strconv.FormatInt(ms.ID, 10)] != want {
				t.Errorf("milestone %d (completed %v, measure %s) listed = %v, want %v", ms.ID, ms.Completed, m.Code, !want, want)
			}
		}
	}
	instructions, _ := f.GetRows("Instructions")
	if !strings.Contains(fmt.Sprint(instructions), "done since 1 Jul 2026") {
		t.Error("the instructions do not say since when done milestones are listed")
	}
}

// The workbooks word the office and an import's problems as the app does:
// "стратегически офис", never "офиса на стратегията"; a problem named by
// its sheet and row ("Етапи, ред 4"), not as "ЛИСТ!РЕД" (issue 22).
func TestWorkbooksWordTheOfficeAndProblemsAsTheApp(t *testing.T) {
	d := demoDoc(t)
	other := regexp.MustCompile(`(?i)офис(а|ът)? на стратегията|ЛИСТ!РЕД|SHEET!ROW`)
	for _, tc := range []struct {
		lang              model.Lang
		where, officeRole string
	}{
		{model.BG, "„Етапи, ред 4“", "стратегически офис"},
		{model.EN, "“Milestones, row 4”", "strategy office"},
	} {
		templates := cellsText(t, templateBytes(t, d, "", tc.lang)) + cellsText(t, periodTemplateBytes(t, d, d.Measures[0].LeadUnit, tc.lang))
		workbook := cellsText(t, workbookBytes(t, d, tc.lang))
		if m := other.FindString(templates + workbook); m != "" {
			t.Errorf("%s: the workbooks say %q", tc.lang, m)
		}
		if !strings.Contains(templates, tc.where) {
			t.Errorf("%s: the template's import note does not name a problem as %s", tc.lang, tc.where)
		}
		if !strings.Contains(workbook, tc.officeRole) {
			t.Errorf("%s: the workbook's people do not name the office's role %q", tc.lang, tc.officeRole)
		}
	}
}

// cellsText is the text of every cell of the workbook b, a line a cell.
func cellsText(t *testing.T, b []byte) string {
	t.Helper()
	f := open(t, b)
	var all []string
	for _, sheet := range f.GetSheetList() {
		rows, err := f.GetRows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rows {
			all = append(all, r...)
		}
	}
	return strings.Join(all, "\n") + "\n"
}
