package xlsx

import (
	"bytes"
	"fmt"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"strategytracker/model"
)

// readFilled makes the template of d, lets fill change it as a coordinator
// would, and reads it back.
func readFilled(t *testing.T, d *model.Doc, lang model.Lang, fill func(f *excelize.File)) *Update {
	t.Helper()
	u, err := ReadUpdate(bytes.NewReader(edit(t, templateBytes(t, d, "", lang), fill)))
	if err != nil {
		t.Fatal(err)
	}
	return u
}

// rowOf is "SHEET!ROW" of a cell name on sheet.
func rowOf(sheet, cell string) string {
	_, row, _ := excelize.CellNameToCoordinates(cell)
	return fmt.Sprintf("%s!%d", sheet, row)
}

// fakeTx is a model.Tx over a document in memory that saves like the store:
// versions move on, new rows get ids. fail makes the Save of that entity fail.
type fakeTx struct {
	d      *model.Doc
	saved  []string
	fail   model.Entity
	nextID model.ID
}

func (x *fakeTx) Doc() *model.Doc                    { return x.d }
func (x *fakeTx) SaveStrategy(*model.Strategy) error { return x.refuse("strategy") }
func (x *fakeTx) SaveGoal(*model.Goal) error         { return x.refuse("goal") }
func (x *fakeTx) SaveArea(*model.Area) error         { return x.refuse("area") }
func (x *fakeTx) SaveUnit(*model.Unit) error         { return x.refuse("unit") }
func (x *fakeTx) SavePerson(*model.Person) error     { return x.refuse("person") }
func (x *fakeTx) SaveKPI(*model.KPI) error           { return x.refuse("kpi") }
func (x *fakeTx) Delete(model.Entity, model.ID, int64) error {
	return x.refuse("delete")
}
func (x *fakeTx) Adopt(*model.Adoption) error    { return x.refuse("adoption") }
func (x *fakeTx) SetRevisionReason(model.Text)   {}
func (x *fakeTx) SavePeriod(*model.Period) error { return x.refuse("period") }
func (x *fakeTx) FreezeSnapshot(string, model.Date) (*model.Snapshot, error) {
	return nil, x.refuse("snapshot")
}

func (x *fakeTx) refuse(what string) error {
	return model.Errorf(model.EINTERNAL, "the import may not save a %s", what)
}

func (x *fakeTx) check(e model.Entity, stored, version int64) error {
	x.saved = append(x.saved, string(e))
	if e == x.fail {
		return model.Errorf(model.ECONFLICT, "%s: refused by the test", e)
	}
	if stored != version {
		return model.Errorf(model.ECONFLICT, "%s: version %d, yours %d", e, stored, version)
	}
	return nil
}

func (x *fakeTx) SaveMeasure(m *model.Measure) error {
	cur := x.d.Measure(m.ID)
	if err := x.check(model.EntityMeasure, cur.Version, m.Version); err != nil {
		return err
	}
	cur.ManualProgress, cur.Version = m.ManualProgress, cur.Version+1
	return nil
}

func (x *fakeTx) SaveMilestone(ms *model.Milestone) error {
	cur, _ := x.d.MilestoneByID(ms.ID)
	if err := x.check(model.EntityMilestone, cur.Version, ms.Version); err != nil {
		return err
	}
	*cur = *ms
	cur.Version++
	return nil
}

func (x *fakeTx) SaveKPIValue(v *model.KPIValue) error {
	if err := x.check(model.EntityKPIValue, 0, v.Version); err != nil {
		return err
	}
	k, _ := x.d.KPIByID(v.KPIID)
	x.nextID++
	v.ID, v.Version = 1000+x.nextID, 1
	k.Values = append(k.Values, *v)
	return nil
}

func (x *fakeTx) SaveUpdate(u *model.Update) error {
	if err := x.check(model.EntityUpdate, 0, u.Version); err != nil {
		return err
	}
	m := x.d.Measure(u.MeasureID)
	x.nextID++
	u.ID, u.Version = 1000+x.nextID, 1
	m.Updates = append(m.Updates, *u)
	return nil
}

// fillAll is a coordinator's report touching every kind of row.
func fillAll(t *testing.T, d *model.Doc, lang model.Lang) func(f *excelize.File) {
	m := d.MeasureByCode("1.1")
	open := &m.Milestones[4]
	ms, kpi, upd, prog := sheetMilestones.In(lang), sheetKPIValues.In(lang), sheetUpdates.In(lang), sheetProgress.In(lang)
	return func(f *excelize.File) {
		set(t, f, ms, open.ID, "completed", "20.11.2026")
		set(t, f, ms, open.ID, "evidence", "https://sofia.example/done.pdf")
		set(t, f, ms, m.Milestones[5].ID, "note", "Две дружества остават.")
		set(t, f, kpi, m.KPIs[0].ID, "date", "2026-11-15")
		set(t, f, kpi, m.KPIs[0].ID, "value", "57,5")
		set(t, f, kpi, m.KPIs[0].ID, "source", "деловодна система")
		set(t, f, upd, d.MeasureByCode("1.2").ID, "text", "Публикувани са още 12 набора от данни.")
		set(t, f, prog, d.MeasureByCode("2.1").ID, "progress", 90)
	}
}

func TestPlanAFilledTemplate(t *testing.T) {
	d := demoDoc(t)
	u := readFilled(t, d, model.EN, fillAll(t, d, model.EN))
	changes, problems := Plan(d, u, d.Person(1), demoDB, demoAsOf)
	if len(problems) != 0 {
		t.Fatalf("problems: %v", problems)
	}
	var got []string
	for _, c := range changes {
		got = append(got, c.String())
	}
	m := d.MeasureByCode("1.1")
	want := []string{
		fmt.Sprintf(`Milestones!%d: change milestone %d "Municipal companies connected" of measure 1.1: completed — → 20 Nov 2026; evidence (link) — → "https://sofia.example/done.pdf"`, 3, m.Milestones[4].ID),
		fmt.Sprintf(`Milestones!%d: change milestone %d "Paper files dropped from internal document flow" of measure 1.1: note in Bulgarian — → "Две дружества остават."`, 4, m.Milestones[5].ID),
		fmt.Sprintf(`KPI values!3: add a value of KPI %d "%s" of measure 1.1: new value — date 15 Nov 2026; new value 57.5; source of the data "деловодна система"`, m.KPIs[0].ID, m.KPIs[0].Name.EN),
		`Updates!4: add a progress update of measure 1.2: update date 30 Nov 2026; update text "Публикувани са още 12 набора от данни."`,
		`Progress!3: change manual progress of measure 2.1: progress, % (0–100) 100 → 90`,
	}
	if !slices.Equal(got, want) {
		t.Errorf("changes:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestApplyThenImportingAgainChangesNothing(t *testing.T) {
	d := demoDoc(t)
	u := readFilled(t, d, model.BG, fillAll(t, d, model.BG))
	changes, problems := Plan(d, u, d.Person(1), demoDB, demoAsOf)
	if len(problems) != 0 || len(changes) != 5 {
		t.Fatalf("planned %d changes, problems %v", len(changes), problems)
	}
	tx := &fakeTx{d: d}
	if err := Apply(tx, changes); err != nil {
		t.Fatal(err)
	}
	if want := []string{"milestone", "milestone", "kpi_value", "update", "measure"}; !slices.Equal(tx.saved, want) {
		t.Errorf("saved %v, want %v", tx.saved, want)
	}
	m := d.MeasureByCode("1.1")
	if ms := m.Milestones[4]; ms.Completed != model.MustDate("2026-11-20") || ms.Version != 2 || ms.Title.BG == "" {
		t.Errorf("milestone after the import: %+v", ms)
	}
	if up := d.MeasureByCode("1.2").Updates; up[len(up)-1].Text.BG != "Публикувани са още 12 набора от данни." || up[len(up)-1].Author != 1 {
		t.Errorf("update after the import: %+v", up[len(up)-1])
	}
	// The same file again: the rows equal the database though their
	// versions moved on, and the value and update are already there.
	changes, problems = Plan(d, u, d.Person(1), demoDB, demoAsOf)
	if len(changes) != 0 || len(problems) != 0 {
		t.Errorf("the second import plans %v, problems %v; want nothing", changes, problems)
	}
}

func TestApplyNamesTheRowThatFails(t *testing.T) {
	d := demoDoc(t)
	changes, _ := Plan(d, readFilled(t, d, model.EN, fillAll(t, d, model.EN)), d.Person(1), demoDB, demoAsOf)
	err := Apply(&fakeTx{d: d, fail: model.EntityKPIValue}, changes)
	var ps Problems
	if !errorsAs(err, &ps) || len(ps) != 1 || ps[0].String() != "KPI values!3: kpi_value: refused by the test" {
		t.Errorf("Apply = %v, want the KPI values row named", err)
	}
}

func errorsAs(err error, ps *Problems) bool {
	p, ok := err.(Problems)
	*ps = p
	return ok
}

func TestPlanRefusesRowByRow(t *testing.T) {
	const (
		office       = 1  // Ivelina Petrova
		innoCoord    = 3  // Mariya Georgieva, INNO
		council      = 13 // Viktoriya Marinova
		measure11    = "1.1"
		measureIT110 = "1.10" // led by IT
	)
	type fill func(t *testing.T, d *model.Doc, f *excelize.File) string // returns the SHEET!ROW it expects
	ms := func(code string, i int) func(d *model.Doc) *model.Milestone {
		return func(d *model.Doc) *model.Milestone { return &d.MeasureByCode(code).Milestones[i] }
	}
	setMS := func(code string, i int, key string, v any) fill {
		return func(t *testing.T, d *model.Doc, f *excelize.File) string {
			return rowOf("Milestones", set(t, f, "Milestones", ms(code, i)(d).ID, key, v))
		}
	}
	setKPI := func(code string, values map[string]any) fill {
		return func(t *testing.T, d *model.Doc, f *excelize.File) string {
			id := d.MeasureByCode(code).KPIs[0].ID
			var cell string
			for k, v := range values {
				cell = set(t, f, "KPI values", id, k, v)
			}
			return rowOf("KPI values", cell)
		}
	}
	tests := []struct {
		name   string
		actor  model.ID
		before func(d *model.Doc) // the database moves on after the template
		fill   fill
		want   string // "" for no problem
	}{
		{"a coordinator's own measure", innoCoord, nil, setMS(measure11, 4, "completed", "01.11.2026"), ""},
		{"another unit's measure", innoCoord, nil, setMS(measureIT110, 2, "note", "чужда бележка"), "Coordinators change only their unit's measures"},
		{"a council member", council, nil, setMS(measure11, 4, "note", "x"), "Council members view only"},
		{"stale row", office, func(d *model.Doc) { ms(measure11, 4)(d).Version = 2; ms(measure11, 4)(d).Note = "edited" },
			setMS(measure11, 4, "completed", "01.11.2026"), "milestone 5 was changed in the database after the template was made (version 2, the template has 1)"},
		{"stale row the file agrees with", office, func(d *model.Doc) {
			ms(measure11, 4)(d).Version = 3
			ms(measure11, 4)(d).Completed = model.MustDate("2026-11-01")
		}, setMS(measure11, 4, "completed", "01.11.2026"), ""},
		{"unknown id", office, nil, func(t *testing.T, d *model.Doc, f *excelize.File) string {
			_, row, _ := excelize.CellNameToCoordinates(cellOf(t, f, "Milestones", ms(measure11, 5)(d).ID, "title"))
			f.SetCellValue("Milestones", cellName(1, row), 99999)
			return fmt.Sprintf("Milestones!%d", row)
		}, "the row's hidden id (99999) does not belong to what the row shows"},
		{"completed in the future", office, nil, setMS(measure11, 4, "completed", "2026-12-01"), "Completed on: The completion date cannot be in the future."},
		{"impossible date", office, nil, setMS(measure11, 4, "completed", "31.02.2026"), `cell G3 ("Completed"): "31.02.2026" is not a valid date`},
		{"not yes or no", office, nil, setMS(measure11, 4, "cancelled", "maybe"), `"maybe" is neither yes nor no`},
		{"evidence not a link", office, nil, setMS(measure11, 4, "evidence", "ftp://x/y"), "The link must start with http:// or https://."},
		{"a 40,000-character note", office, nil, setMS(measure11, 4, "note", strings.Repeat("я", 40000)), "Note: At most 4000 characters."},
		{"text in a number cell", office, nil, setKPI(measure11, map[string]any{"date": "2026-11-15", "value": "много"}), `"много" is not a number`},
		{"a value without a date", office, nil, setKPI(measure11, map[string]any{"value": 3}), "the date of the new value is empty"},
		{"a value before the baseline", office, nil, setKPI(measure11, map[string]any{"date": "2019-01-01", "value": 3}), "Date: The date is before the indicator's baseline date."},
		{"a second value on a day", office, func(d *model.Doc) {
			k := &d.MeasureByCode(measure11).KPIs[0]
			k.Values = append(k.Values, model.KPIValue{ID: 900, KPIID: k.ID, Date: model.MustDate("2026-11-15"), Value: 40})
		}, setKPI(measure11, map[string]any{"date": "2026-11-15", "value": 41}), "already has a value on 15 Nov 2026 (40, not 41)"},
		{"the same value again", office, func(d *model.Doc) {
			k := &d.MeasureByCode(measure11).KPIs[0]
			k.Values = append(k.Values, model.KPIValue{ID: 900, KPIID: k.ID, Date: model.MustDate("2026-11-15"), Value: 41})
		}, setKPI(measure11, map[string]any{"date": "2026-11-15", "value": 41}), ""},
		{"progress over 100", office, nil, func(t *testing.T, d *model.Doc, f *excelize.File) string {
			return rowOf("Progress", set(t, f, "Progress", d.MeasureByCode("2.1").ID, "progress", 150))
		}, "Progress is between 0 and 100."},
		{"a formula without a value", office, nil, func(t *testing.T, d *model.Doc, f *excelize.File) string {
			cell := cellOf(t, f, "Milestones", ms(measure11, 4)(d).ID, "completed")
			if err := f.SetCellFormula("Milestones", cell, "TODAY()"); err != nil {
				t.Fatal(err)
			}
			return rowOf("Milestones", cell)
		}, "holds the formula =TODAY() without a computed value"},
		{"a duplicated row", office, nil, func(t *testing.T, d *model.Doc, f *excelize.File) string {
			first := cellOf(t, f, "Milestones", ms(measure11, 4)(d).ID, "title")
			second := cellOf(t, f, "Milestones", ms(measure11, 5)(d).ID, "title")
			_, r1, _ := excelize.CellNameToCoordinates(first)
			_, r2, _ := excelize.CellNameToCoordinates(second)
			for col := 1; col <= 12; col++ { // every column, the check too
				v, _ := f.GetCellValue("Milestones", cellName(col, r1), excelize.Options{RawCellValue: true})
				typ, _ := f.GetCellType("Milestones", cellName(col, r1))
				var value any = v
				if n, err := strconv.ParseFloat(v, 64); err == nil && typ == excelize.CellTypeUnset {
					value = n // copied as the number it is
				}
				f.SetCellValue("Milestones", cellName(col, r2), value)
			}
			return rowOf("Milestones", second)
		}, "this row repeats row 3 (id 5)"},
	}
	tpl := templateBytes(t, demoDoc(t), "", model.EN)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			d := demoDoc(t)
			var where string
			file := edit(t, tpl, func(f *excelize.File) { where = tt.fill(t, d, f) })
			u, err := ReadUpdate(bytes.NewReader(file))
			if err != nil {
				t.Fatal(err)
			}
			if tt.before != nil {
				tt.before(d)
			}
			changes, problems := Plan(d, u, d.Person(tt.actor), demoDB, demoAsOf)
			if tt.want == "" {
				if len(problems) != 0 {
					t.Errorf("problems %v, want none", problems)
				}
				return
			}
			if len(changes) != 0 {
				t.Errorf("with problems, Plan also returned changes %v", changes)
			}
			if len(problems) != 1 || !strings.HasPrefix(problems[0].String(), where+": ") || !strings.Contains(problems[0].Message, tt.want) {
				t.Errorf("problems = %v, want one at %s containing %q", problems, where, tt.want)
			}
		})
	}
}

func TestPlanReportsEveryProblemInSheetOrder(t *testing.T) {
	d := demoDoc(t)
	m := d.MeasureByCode("1.1")
	u := readFilled(t, d, model.BG, func(f *excelize.File) {
		set(t, f, "Напредък", d.MeasureByCode("2.1").ID, "progress", "сто")
		set(t, f, "Етапи", m.Milestones[5].ID, "completed", "32.01.2026")
		set(t, f, "Етапи", m.Milestones[4].ID, "completed", "2099-01-01")
		set(t, f, "Показатели", m.KPIs[0].ID, "value", "1")
	})
	_, problems := Plan(d, u, d.Person(1), demoDB, demoAsOf)
	var got []string
	for _, p := range problems {
		got = append(got, fmt.Sprintf("%s!%d", p.Sheet, p.Row))
	}
	if want := []string{"Етапи!3", "Етапи!4", "Показатели!3", "Напредък!3"}; !slices.Equal(got, want) {
		t.Errorf("problems at %v, want %v:\n%s", got, want, strings.Join(Problems(problems).Lines(), "\n"))
	}
}

func TestPlanRefusesATemplateOfAnotherDatabase(t *testing.T) {
	d := demoDoc(t)
	u := readFilled(t, d, model.BG, fillAll(t, d, model.BG))
	changes, problems := Plan(d, u, d.Person(1), "another-database", demoAsOf)
	if len(changes) != 0 || len(problems) != 1 || !strings.HasPrefix(problems[0].String(), "_meta!3: шаблонът е направен от друг файл с данни (demo-database)") {
		t.Errorf("Plan = %v, %v; want one problem on _meta!3", changes, problems)
	}
}

func TestPlanReadsProgressAsPeopleTypeIt(t *testing.T) {
	d := demoDoc(t)
	id := d.MeasureByCode("2.1").ID
	tests := []struct {
		name  string
		value any
		style *excelize.Style // of the cell after typing, nil: as the template has it
		want  float64
	}{
		{"a number", 55, nil, 55},
		{"text with a comma", "55,5", nil, 55.5},
		{"text with a percent sign", "55 %", nil, 55},
		{"a percentage cell", 0.55, &excelize.Style{NumFmt: 9}, 55},
		{"a custom percentage cell", 0.555, &excelize.Style{CustomNumFmt: ptr("0.0%")}, 55.5},
	}
	for _, tt := range tests {
		u := readFilled(t, d, model.EN, func(f *excelize.File) {
			cell := set(t, f, "Progress", id, "progress", tt.value)
			if tt.style != nil {
				s, err := f.NewStyle(tt.style)
				if err != nil {
					t.Fatal(err)
				}
				f.SetCellStyle("Progress", cell, cell, s)
			}
		})
		changes, problems := Plan(d, u, d.Person(1), demoDB, demoAsOf)
		if len(problems) != 0 || len(changes) != 1 || math.Abs(changes[0].progress-tt.want) > 1e-9 {
			t.Errorf("%s: changes %v, problems %v; want progress %v", tt.name, changes, problems, tt.want)
		}
	}
}

func TestPlanAcceptsTheWaysPeopleWriteValues(t *testing.T) {
	d := demoDoc(t)
	m := d.MeasureByCode("1.1")
	tests := []struct {
		name      string
		completed any
		value     any
		wantDate  string
		wantValue float64
	}{
		{"date cell and number cell", model.MustDate("2026-11-20").Time(), 57.5, "2026-11-20", 57.5},
		{"Bulgarian text", "20.11.2026", "57,5", "2026-11-20", 57.5},
		{"ISO text", "2026-11-20", "57.5", "2026-11-20", 57.5},
		{"grouped digits", "2026-11-20", "1 057,5", "2026-11-20", 1057.5},
	}
	for _, tt := range tests {
		u := readFilled(t, d, model.BG, func(f *excelize.File) {
			set(t, f, "Етапи", m.Milestones[4].ID, "completed", tt.completed)
			set(t, f, "Показатели", m.KPIs[0].ID, "date", tt.completed)
			set(t, f, "Показатели", m.KPIs[0].ID, "value", tt.value)
		})
		changes, problems := Plan(d, u, d.Person(1), demoDB, demoAsOf)
		if len(problems) != 0 || len(changes) != 2 {
			t.Fatalf("%s: changes %v, problems %v", tt.name, changes, problems)
		}
		if got := changes[0].milestone.Completed.String(); got != tt.wantDate {
			t.Errorf("%s: completed %s, want %s", tt.name, got, tt.wantDate)
		}
		if got := changes[1].value; got.Date.String() != tt.wantDate || got.Value != tt.wantValue {
			t.Errorf("%s: value %v on %s, want %v on %s", tt.name, got.Value, got.Date, tt.wantValue, tt.wantDate)
		}
	}
}

// Every number column reads its text strictly and names the refused cell.
func TestPlanRefusesNumbersThatAreNotNumbers(t *testing.T) {
	d := demoDoc(t)
	kpiID := d.MeasureByCode("1.1").KPIs[0].ID
	progID := d.MeasureByCode("2.1").ID
	dateStyle := &excelize.Style{CustomNumFmt: ptr("dd.mm.yyyy")}
	tests := []struct {
		name  string
		sheet string
		id    model.ID
		key   string
		value any
		style *excelize.Style
		want  string // "" accepted
	}{
		{"bg grouped text", "Показатели", kpiID, "value", "1 234,5", nil, ""},
		{"en grouped text", "Показатели", kpiID, "value", "1,234.5", nil, ""},
		{"a date as text", "Показатели", kpiID, "value", "12.03.2026", nil, `"12.03.2026" не е число`},
		{"an ISO date as text", "Показатели", kpiID, "value", "2026-03-12", nil, `"2026-03-12" не е число`},
		{"two decimal points", "Показатели", kpiID, "value", "1.2.3", nil, `"1.2.3" не е число`},
		{"misplaced group commas", "Показатели", kpiID, "value", "12,34,5", nil, `"12,34,5" не е число`},
		{"mixed conventions", "Показатели", kpiID, "value", "1.234,5", nil, `"1.234,5" не е число`},
		{"a number shown as a date", "Показатели", kpiID, "value", 46093, dateStyle, "клетката съдържа дата"},
		{"a yes/no cell", "Показатели", kpiID, "value", true, nil, "е стойност да/не, а не число"},
		{"progress as a date text", "Напредък", progID, "progress", "01.05", nil, `"01.05" не е число`},
		{"progress with misplaced separators", "Напредък", progID, "progress", "5,0,0", nil, `"5,0,0" не е число`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var where string
			u := readFilled(t, d, model.BG, func(f *excelize.File) {
				if tt.sheet == "Показатели" {
					set(t, f, tt.sheet, tt.id, "date", "2026-11-15")
				}
				where = set(t, f, tt.sheet, tt.id, tt.key, tt.value)
				if tt.style != nil {
					s, err := f.NewStyle(tt.style)
					if err != nil {
						t.Fatal(err)
					}
					f.SetCellStyle(tt.sheet, where, where, s)
				}
			})
			changes, problems := Plan(d, u, d.Person(1), demoDB, demoAsOf)
			if tt.want == "" {
				if len(problems) != 0 || len(changes) != 1 {
					t.Errorf("changes %v, problems %v; want one change", changes, problems)
				}
				return
			}
			prefix := rowOf(tt.sheet, where) + ": клетка " + where + " " // the template's language
			if len(changes) != 0 || len(problems) != 1 || !strings.HasPrefix(problems[0].String(), prefix) || !strings.Contains(problems[0].Message, tt.want) {
				t.Errorf("changes %v, problems %v; want one problem starting %q containing %q", changes, problems, prefix, tt.want)
			}
		})
	}
}

// The hidden id column, the hidden key row and the versions on the hidden
// sheet can be edited (sheet protection has no password). Every such edit
// is refused row by row, naming the row, and nothing is planned.
func TestPlanRefusesEditedHiddenCells(t *testing.T) {
	const ms, kpi = "Milestones", "KPI values"
	type hiddenEdit func(t *testing.T, d *model.Doc, f *excelize.File) []string // the SHEET!ROWs refused
	idRow := func(t *testing.T, f *excelize.File, sheet string, id model.ID) int {
		_, row, _ := excelize.CellNameToCoordinates(cellOf(t, f, sheet, id, "measure"))
		return row
	}
	tests := []struct {
		name string
		edit hiddenEdit
		want string
	}{
		{"an id moved to another milestone", func(t *testing.T, d *model.Doc, f *excelize.File) []string {
			m := d.MeasureByCode("1.1")
			row := idRow(t, f, ms, m.Milestones[4].ID)
			set(t, f, ms, m.Milestones[4].ID, "completed", "20.11.2026") // the completion the edit would move
			f.SetCellValue(ms, cellName(1, row), m.Milestones[5].ID)
			return []string{fmt.Sprintf("%s!%d", ms, row)}
		}, "does not belong to what the row shows"},
		{"two ids swapped", func(t *testing.T, d *model.Doc, f *excelize.File) []string {
			m := d.MeasureByCode("1.1")
			a, b := m.Milestones[4].ID, m.Milestones[5].ID
			ra, rb := idRow(t, f, ms, a), idRow(t, f, ms, b)
			f.SetCellValue(ms, cellName(1, ra), b)
			f.SetCellValue(ms, cellName(1, rb), a)
			return []string{fmt.Sprintf("%s!%d", ms, ra), fmt.Sprintf("%s!%d", ms, rb)}
		}, "does not belong to what the row shows"},
		{"a KPI row pointed at another KPI", func(t *testing.T, d *model.Doc, f *excelize.File) []string {
			k1, k2 := d.MeasureByCode("1.1").KPIs[0].ID, d.MeasureByCode("1.2").KPIs[0].ID
			set(t, f, kpi, k1, "date", "2026-11-15")
			set(t, f, kpi, k1, "value", 12)
			row := idRow(t, f, kpi, k1)
			f.SetCellValue(kpi, cellName(1, row), k2)
			return []string{fmt.Sprintf("%s!%d", kpi, row)}
		}, "does not belong to what the row shows"},
		{"the shown measure code edited", func(t *testing.T, d *model.Doc, f *excelize.File) []string {
			id := d.MeasureByCode("1.1").Milestones[5].ID
			return []string{rowOf(ms, set(t, f, ms, id, "measure", "1.2"))}
		}, "does not belong to what the row shows"},
		{"the check cleared", func(t *testing.T, d *model.Doc, f *excelize.File) []string {
			id := d.MeasureByCode("1.1").Milestones[5].ID
			return []string{rowOf(ms, set(t, f, ms, id, checkKey, ""))}
		}, "does not belong to what the row shows"},
		{"a version on the hidden sheet made current", func(t *testing.T, d *model.Doc, f *excelize.File) []string {
			id := d.MeasureByCode("1.1").Milestones[5].ID
			rows, _ := f.GetRows(metaSheet)
			for i, r := range rows {
				if len(r) > 3 && r[0] == "version" && r[1] == versionMilestone && r[2] == strconv.FormatInt(id, 10) {
					f.SetCellValue(metaSheet, cellName(4, i+1), 9)
				}
			}
			return []string{fmt.Sprintf("%s!%d", ms, idRow(t, f, ms, id))}
		}, "does not belong to what the row shows"},
		{"the note and evidence keys swapped", func(t *testing.T, d *model.Doc, f *excelize.File) []string {
			rows, _ := f.GetRows(ms)
			for i, k := range rows[0] {
				switch k {
				case "note":
					f.SetCellValue(ms, cellName(i+1, 1), "evidence")
				case "evidence":
					f.SetCellValue(ms, cellName(i+1, 1), "note")
				}
			}
			return []string{ms + "!1"}
		}, `where the template has "note"`},
		{"a key removed", func(t *testing.T, d *model.Doc, f *excelize.File) []string {
			f.SetCellValue(kpi, "K1", "")
			return []string{kpi + "!1"}
		}, `the hidden key in cell K1 is "" where the template has "value"`},
	}
	tpl := templateBytes(t, demoDoc(t), "", model.EN)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := demoDoc(t)
			var where []string
			u, err := ReadUpdate(bytes.NewReader(edit(t, tpl, func(f *excelize.File) { where = tt.edit(t, d, f) })))
			if err != nil {
				t.Fatal(err)
			}
			changes, problems := Plan(d, u, d.Person(1), demoDB, demoAsOf)
			var got []string
			for _, p := range problems {
				if strings.Contains(p.Message, tt.want) {
					got = append(got, fmt.Sprintf("%s!%d", p.Sheet, p.Row))
				}
			}
			if len(changes) != 0 || !slices.Equal(got, where) {
				t.Errorf("changes %v; problems:\n%s\nwant %q refused with %q", changes, Problems(problems).Error(), where, tt.want)
			}
		})
	}
}

// Issue 14: a Bulgarian template is answered in Bulgarian, the model's
// refusals included.
func TestPlanSpeaksTheTemplatesLanguage(t *testing.T) {
	d := demoDoc(t)
	m := d.MeasureByCode("1.1")
	open, other := m.Milestones[4].ID, d.MeasureByCode("2.2").Milestones[3].ID
	tests := []struct {
		name  string
		actor model.ID
		fill  func(f *excelize.File)
		want  string
	}{
		{"completed in the future", 1, func(f *excelize.File) { set(t, f, "Етапи", open, "completed", "01.12.2026") }, "Изпълнен на: Датата на изпълнение не може да е в бъдещето."},
		{"impossible date", 1, func(f *excelize.File) { set(t, f, "Етапи", open, "completed", "31.02.2026") }, `"31.02.2026" не е валидна дата`},
		{"not yes or no", 1, func(f *excelize.File) { set(t, f, "Етапи", open, "cancelled", "може би") }, `"може би" не е нито „да“, нито „не“`},
		{"no link", 1, func(f *excelize.File) { set(t, f, "Етапи", open, "evidence", "ftp://x/y") }, "Връзката трябва да започва с http:// или https://."},
		{"a long note", 1, func(f *excelize.File) { set(t, f, "Етапи", open, "note", strings.Repeat("я", 5000)) }, "Бележка: Най-много 4000 знака."},
		{"another unit's measure", 3, func(f *excelize.File) { set(t, f, "Етапи", other, "note", "x") }, "Координаторите променят само мерките на своето звено"},
		{"a council member", 13, func(f *excelize.File) { set(t, f, "Етапи", open, "note", "x") }, "Членовете на Общинския съвет само преглеждат"},
		{"a value before the baseline", 1, func(f *excelize.File) {
			set(t, f, "Показатели", m.KPIs[0].ID, "date", "01.01.2019")
			set(t, f, "Показатели", m.KPIs[0].ID, "value", 3)
		}, "Датата е преди базовата дата на индикатора."},
		{"a value without a date", 1, func(f *excelize.File) { set(t, f, "Показатели", m.KPIs[0].ID, "value", 3) }, "датата на новата стойност е празна"},
	}
	english := regexp.MustCompile(`\b(is|the|not|may|cell|must)\b`)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u := readFilled(t, d, model.BG, tt.fill)
			_, problems := Plan(d, u, d.Person(tt.actor), demoDB, demoAsOf)
			if len(problems) != 1 || !strings.Contains(problems[0].Message, tt.want) || english.MatchString(problems[0].Message) {
				t.Errorf("problems %v; want one in Bulgarian containing %q", problems, tt.want)
			}
		})
	}
}
