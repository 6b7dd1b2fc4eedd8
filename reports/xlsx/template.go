package xlsx

import (
	"fmt"
	"io"
	"slices"
	"time"

	"github.com/xuri/excelize/v2"

	"strategytracker/model"
)

// The update template's layout. Each input sheet carries machine keys in a
// hidden first row (the first cell names the sheet's kind) and the row ids
// in the hidden column A, so that the importer depends neither on labels
// nor on the language or the order of columns. Row 2 holds the headings;
// data starts on row 3.
const (
	templateFormat = "strategytracker-template/2" // 2: each row has a check (rowcheck.go)
	kindPrefix     = "st:"
	metaKind       = "meta"
	metaSheet      = "_meta"
	keyRow         = 1
	headingRow     = 2
	firstDataRow   = 3
)

// Sheet kinds of the template.
const (
	kindMilestones = "milestones"
	kindKPIValues  = "kpi_values"
	kindUpdates    = "updates"
	kindProgress   = "progress"
)

// valueKind is what an input cell holds.
type valueKind int

const (
	readOnly valueKind = iota
	inText
	inDate
	inNumber
	inYesNo
	inPercent
)

// column is one column of an input sheet after the id column.
type column struct {
	key   string
	label model.Text
	kind  valueKind
	width int // of an input column, which may be empty
	limit int // characters of a text input
	// later: templates made before the column existed lack it, and are
	// read without it (the row's value stays as it is).
	later bool
}

// sheetSpec describes one input sheet of the template.
type sheetSpec struct {
	kind string
	name model.Text
	cols []column
}

var templateSheets = []sheetSpec{
	{kindMilestones, sheetMilestones, []column{
		{key: "measure", label: msgMeasure}, {key: "measureTitle", label: msgMeasureTitle},
		{key: "title", label: msgMilestone}, {key: "due", label: msgDue}, {key: "state", label: msgStateNow},
		{key: "completed", label: msgCompleted, kind: inDate, width: 12},
		{key: "cancelled", label: msgCancelled, kind: inYesNo, width: 10},
		{key: "note", label: msgNoteBG, kind: inText, width: 40, limit: model.MaxNote},
		{key: "noteEn", label: msgNoteEN, kind: inText, width: 40, limit: model.MaxNote, later: true},
		{key: "evidence", label: msgEvidence, kind: inText, width: 30, limit: model.MaxLink},
	}},
	{kindKPIValues, sheetKPIValues, []column{
		{key: "measure", label: msgMeasure}, {key: "kpi", label: msgKPI}, {key: "unit", label: msgUnitOfMeasure},
		{key: "baseline", label: msgBaseline}, {key: "baselineDate", label: msgBaselineDate},
		{key: "target", label: msgTarget}, {key: "latest", label: msgLatest}, {key: "latestDate", label: msgLatestDate},
		{key: "date", label: msgNewDate, kind: inDate, width: 12},
		{key: "value", label: msgNewValue, kind: inNumber, width: 12},
		{key: "note", label: msgNewNote, kind: inText, width: 30, limit: model.MaxNote},
		{key: "source", label: msgNewSource, kind: inText, width: 30, limit: model.MaxNote},
	}},
	{kindUpdates, sheetUpdates, []column{
		{key: "measure", label: msgMeasure}, {key: "title", label: msgMeasureTitle},
		{key: "lastDate", label: msgLastUpdDate}, {key: "lastText", label: msgLastUpdate},
		{key: "date", label: msgUpdDate, kind: inDate, width: 12},
		{key: "text", label: msgUpdText, kind: inText, width: 60, limit: model.MaxNote},
	}},
	{kindProgress, sheetProgress, []column{
		{key: "measure", label: msgMeasure}, {key: "title", label: msgMeasureTitle},
		{key: "start", label: msgStart}, {key: "end", label: msgEnd},
		{key: "progress", label: msgManual, kind: inPercent, width: 12},
	}},
}

// Entities whose rows carry a version in the template.
const (
	versionMilestone = "milestone"
	versionMeasure   = "measure"
)

// WriteTemplate writes the update template of d for unit (all units when
// unit is ""): what coordinators fill in and the import reads back.
// databaseID is the store's DatabaseID: a template is applied only to the
// file it was made from.
func WriteTemplate(w io.Writer, d *model.Doc, databaseID string, unit string, opt Options) error {
	if opt.AsOf == 0 {
		return model.Errorf(model.EINVALID, "the template needs an as-of date")
	}
	if unit != "" && d.Unit(unit) == nil {
		var codes []string
		for _, u := range d.Units {
			codes = append(codes, u.Code)
		}
		slices.SortFunc(codes, model.CompareCodes)
		return model.Errorf(model.EINVALID, "unit %q does not exist (the units are %v)", unit, codes)
	}
	lang := opt.lang()
	f, err := newFile(sheetInstructions.In(lang), msgTplTitle.In(lang)+" — "+d.Strategy.Title.In(lang), opt)
	if err != nil {
		return err
	}
	defer f.Close()
	for _, s := range templateSheets {
		if _, err := f.NewSheet(s.name.In(lang)); err != nil {
			return err
		}
	}
	if _, err := f.NewSheet(metaSheet); err != nil {
		return err
	}
	// Hidden before any sheet is streamed: hiding a sheet reads every
	// other sheet back into memory (to unselect it), which for a streamed
	// sheet of 20,000 rows costs more than writing it.
	if err := f.SetSheetVisible(metaSheet, false, true); err != nil {
		return err
	}
	st, err := newStyles(f, lang)
	if err != nil {
		return err
	}
	st.printed(msgTplTitle.In(lang)+" — "+d.Strategy.Title.In(lang), lang, opt.AsOf)
	tw := &templateWriter{f: f, d: d, opt: opt, lang: lang, st: st, unit: unit, dbID: databaseID}
	for _, m := range sortedMeasures(d) {
		if !m.Cancelled && tw.inUnit(m) {
			tw.measures = append(tw.measures, m)
		}
	}
	if err := tw.instructions(); err != nil {
		return err
	}
	rows := []func(*grid) error{tw.milestoneRows, tw.kpiRows, tw.updateRows, tw.progressRows}
	for i, s := range templateSheets {
		if err := tw.inputSheet(s, rows[i]); err != nil {
			return err
		}
	}
	if err := tw.meta(databaseID); err != nil {
		return err
	}
	if err := f.ProtectWorkbook(&excelize.WorkbookProtectionOptions{LockStructure: true}); err != nil {
		return err
	}
	return f.Write(w)
}

// templateWriter is the state of one WriteTemplate.
type templateWriter struct {
	f        *excelize.File
	d        *model.Doc
	opt      Options
	lang     model.Lang
	st       *styles
	unit     string
	dbID     string
	measures []*model.Measure // of the unit, not cancelled, by code
	versions [][3]any         // entity, id, version of every row
}

// inUnit reports whether the unit's coordinators report on m: it leads m,
// or m's responsible person belongs to it.
func (tw *templateWriter) inUnit(m *model.Measure) bool {
	if tw.unit == "" || m.LeadUnit == tw.unit {
		return true
	}
	p := tw.d.Person(model.ID(m.Responsible))
	return p != nil && p.Unit == tw.unit
}

func (tw *templateWriter) instructions() error {
	lang, st, d := tw.lang, tw.st, tw.d
	g := st.grid()
	g.page = page{portrait: true, fitWide: 1}
	g.fit(0, maxWidth) // the instructions wrap in column A
	g.addLoose(st.styled(st.title, msgTplTitle.In(lang)))
	g.addLoose(st.styled(st.bold, d.Strategy.Title.In(lang)))
	if d.Strategy.Demo {
		g.addLoose(st.styled(st.demo, model.DemoMark(lang)))
	}
	g.blank()
	unit := msgTplAllUnits.In(lang)
	if u := d.Unit(tw.unit); u != nil {
		unit = u.Code + " — " + u.Name.In(lang)
	}
	g.add(st.styled(st.bold, msgTplUnit.In(lang)), st.str(unit))
	g.add(st.styled(st.bold, msgAsOf.In(lang)), st.date(tw.opt.AsOf))
	if tw.opt.PreparedBy != "" {
		g.add(st.styled(st.bold, msgPreparedBy.In(lang)), st.str(tw.opt.PreparedBy))
	}
	// The file's identifier is in the hidden sheet, for the import: a
	// coordinator has no use for a hash.
	g.blank()
	for _, m := range []model.Text{msgTplFill, msgTplSheetMS, msgTplSheetKPI, msgTplSheetUpd, msgTplSheetProg, msgTplDates, msgTplImport} {
		text := m.In(lang)
		if m == msgTplSheetMS {
			text = fmt.Sprintf(text, tw.recentFrom().Display(lang))
		}
		g.addLoose(st.str(text))
	}
	name := sheetInstructions.In(lang)
	return stream(tw.f, name, g, 0, nil, func() error {
		return tw.f.ProtectSheet(name, &excelize.SheetProtectionOptions{SelectLockedCells: true, SelectUnlockedCells: true})
	})
}

// input is an input cell of kind k holding v (nil: empty, still unlocked).
func (tw *templateWriter) input(k valueKind, v any) cell {
	switch k {
	case inDate:
		if d, ok := v.(model.Date); ok {
			if d == 0 {
				v = nil
			} else {
				v = serial(d)
			}
		}
		return cell{StyleID: tw.st.inDate, Value: v}
	case inNumber, inPercent:
		return cell{StyleID: tw.st.inNum, Value: v}
	}
	if s, ok := v.(string); ok && s == "" {
		v = nil
	}
	return cell{StyleID: tw.st.inText, Value: v}
}

func (tw *templateWriter) yesNo(b bool) string {
	if b {
		return msgYes.In(tw.lang)
	}
	return msgNo.In(tw.lang)
}

// inputSheet writes one input sheet: keys, headings, the rows of fill,
// then validation of every input column and the sheet's protection.
func (tw *templateWriter) inputSheet(s sheetSpec, fill func(*grid) error) error {
	lang, st := tw.lang, tw.st
	g := st.grid()
	keys := plain(kindPrefix + s.kind)
	heads := []cell{st.styled(st.header, "id")}
	for _, c := range s.cols {
		keys = append(keys, cell{Value: c.key})
		heads = append(heads, st.styled(st.header, c.label.In(lang)))
	}
	keys = append(keys, cell{Value: checkKey})
	g.addRow(keys, excelize.RowOpts{Hidden: true})
	g.addRow(heads, excelize.RowOpts{})
	for i, c := range s.cols {
		g.fit(i+1, max(min(st.width(&heads[i+1]), headerWidth), c.width))
	}
	if err := fill(g); err != nil {
		return err
	}
	last := max(len(g.rows), firstDataRow)
	name := s.name.In(lang)
	return stream(tw.f, name, g, headingRow, []int{1, len(s.cols) + 2}, func() error {
		for i, c := range s.cols {
			if c.kind == readOnly {
				continue
			}
			col := colName(i + 2)
			dv := excelize.NewDataValidation(true)
			dv.Sqref = col + itoa(firstDataRow) + ":" + col + itoa(last)
			if err := tw.validation(dv, c); err != nil {
				return err
			}
			if err := tw.f.AddDataValidation(name, dv); err != nil {
				return err
			}
		}
		ref := "A" + itoa(headingRow) + ":" + cellName(len(s.cols)+1, last)
		if err := tw.f.AutoFilter(name, ref, nil); err != nil {
			return err
		}
		return tw.f.ProtectSheet(name, &excelize.SheetProtectionOptions{SelectLockedCells: true, SelectUnlockedCells: true,
			FormatColumns: true, FormatRows: true, AutoFilter: true, Sort: false})
	})
}

// validation sets the rule of an input column in Excel's terms; the import
// checks the same and more, since a pasted value escapes validation.
func (tw *templateWriter) validation(dv *excelize.DataValidation, c column) error {
	lang := tw.lang
	var err error
	switch c.kind {
	case inDate:
		// No date after the template's: the import refuses completions and
		// values in the future, so the sheet must not accept them either.
		last := min(tw.opt.AsOf, model.MaxDue)
		err = dv.SetRange(serial(model.MinDue), serial(last), excelize.DataValidationTypeDate, excelize.DataValidationOperatorBetween)
		dv.SetError(excelize.DataValidationErrorStyleStop, msgInvalidTitle.In(lang),
			fmt.Sprintf(msgBadDate.In(lang), model.MinDue.Display(lang), last.Display(lang)))
	case inNumber:
		err = dv.SetRange(-1e15, 1e15, excelize.DataValidationTypeDecimal, excelize.DataValidationOperatorBetween)
		dv.SetError(excelize.DataValidationErrorStyleStop, msgInvalidTitle.In(lang), msgBadNumber.In(lang))
	case inPercent:
		err = dv.SetRange(0, 100, excelize.DataValidationTypeDecimal, excelize.DataValidationOperatorBetween)
		dv.SetError(excelize.DataValidationErrorStyleStop, msgInvalidTitle.In(lang), msgBadPercent.In(lang))
	case inYesNo:
		err = dv.SetDropList([]string{msgYes.In(lang), msgNo.In(lang)})
		dv.SetError(excelize.DataValidationErrorStyleStop, msgInvalidTitle.In(lang), msgBadYesNo.In(lang))
	case inText:
		err = dv.SetRange(0, c.limit, excelize.DataValidationTypeTextLength, excelize.DataValidationOperatorBetween)
		dv.SetError(excelize.DataValidationErrorStyleStop, msgInvalidTitle.In(lang), msgTooLong.In(lang))
	}
	return err
}

func (tw *templateWriter) version(entity string, id model.ID, v int64) {
	tw.versions = append(tw.versions, [3]any{entity, id, v})
}

// row adds a data row of the sheet kind: the id, the cells, and the check
// that binds the id and version to the shown code and title.
func (tw *templateWriter) row(g *grid, kind string, id model.ID, version int64, code, title string, cells ...cell) {
	row := make([]cell, 0, len(cells)+2)
	row = append(row, cell{Value: id})
	row = append(row, cells...)
	row = append(row, cell{Value: rowCheck(tw.dbID, kind, id, version, code, title)})
	g.addRow(row, excelize.RowOpts{})
	for i := 1; i < len(row)-1; i++ {
		g.fit(i, g.st.width(&row[i]))
	}
}

// recentFrom is the first day of the reporting window: the day after the
// previous report (the latest snapshot before the as-of date), or, without
// one, recentDays before the as-of date. Milestones completed in the window
// stay in the template, so that a coordinator sees and can correct what
// was just reported; those completed earlier are history and are left out.
func (tw *templateWriter) recentFrom() model.Date {
	if s := model.LatestSnapshotBefore(tw.d.Snapshots, tw.opt.AsOf); s != nil {
		return s.AsOf.AddDays(1)
	}
	return tw.opt.AsOf.AddDays(-recentDays)
}

// recentDays is the reporting window without a previous report: a quarter.
const recentDays = 92

// listed reports whether the template lists a milestone in state: what is
// still to do (pending, due soon, overdue) and what was completed in the
// reporting window. Cancelled milestones are left out (the office
// reinstates them in the application).
func listed(ms *model.Milestone, state model.MilestoneState, from model.Date) bool {
	switch state {
	case model.StateDone:
		return ms.Completed >= from
	case model.StateCancelled:
		return false
	}
	return true
}

func (tw *templateWriter) milestoneRows(g *grid) error {
	lang, st, asOf := tw.lang, tw.st, tw.opt.AsOf
	from := tw.recentFrom()
	for _, m := range tw.measures {
		title := st.str(m.Title.In(lang))
		for _, ms := range sortedMilestones(m) {
			state := ms.StateAt(m.Cancelled, asOf)
			if !listed(ms, state, from) {
				continue
			}
			tw.row(g, kindMilestones, ms.ID, ms.Version, m.Code, ms.Title.In(lang), st.str(m.Code), title, st.str(ms.Title.In(lang)), st.date(ms.Due),
				st.styled(st.status[stateColour[state]], state.Label(lang)),
				tw.input(inDate, ms.Completed), tw.input(inYesNo, tw.yesNo(ms.Cancelled)),
				tw.input(inText, ms.Note), tw.input(inText, ms.NoteEn), tw.input(inText, ms.Evidence))
			tw.version(versionMilestone, ms.ID, ms.Version)
		}
	}
	return nil
}

func (tw *templateWriter) kpiRows(g *grid) error {
	lang, st, asOf := tw.lang, tw.st, tw.opt.AsOf
	for _, m := range tw.measures {
		for i := range m.KPIs {
			k := &m.KPIs[i]
			var latest, latestDate cell
			if v, ok := k.LatestValue(asOf); ok {
				latest, latestDate = st.number(v.Value), st.date(v.Date)
			}
			tw.row(g, kindKPIValues, k.ID, 0, m.Code, k.Name.In(lang), st.str(m.Code), st.str(k.Name.In(lang)), st.str(k.Unit.In(lang)),
				st.number(k.BaselineValue), st.date(k.BaselineDate), st.number(k.TargetValue), latest, latestDate,
				tw.input(inDate, nil), tw.input(inNumber, nil), tw.input(inText, nil), tw.input(inText, nil))
		}
	}
	return nil
}

func (tw *templateWriter) updateRows(g *grid) error {
	lang, st, asOf := tw.lang, tw.st, tw.opt.AsOf
	for _, m := range tw.measures {
		var lastDate, lastText cell
		if u := m.LatestUpdate(asOf); u != nil {
			lastDate, lastText = st.date(u.Date), st.str(u.Text.In(lang))
		}
		tw.row(g, kindUpdates, m.ID, 0, m.Code, m.Title.In(lang), st.str(m.Code), st.str(m.Title.In(lang)), lastDate, lastText,
			tw.input(inDate, asOf), tw.input(inText, nil))
	}
	return nil
}

func (tw *templateWriter) progressRows(g *grid) error {
	lang, st := tw.lang, tw.st
	for _, m := range tw.measures {
		if len(m.Milestones) > 0 {
			continue // progress comes from the milestones
		}
		tw.row(g, kindProgress, m.ID, m.Version, m.Code, m.Title.In(lang), st.str(m.Code), st.str(m.Title.In(lang)), st.date(m.Start), st.date(m.End),
			tw.input(inPercent, m.ManualProgress))
		tw.version(versionMeasure, m.ID, m.Version)
	}
	return nil
}

// meta writes the hidden sheet the import checks the file against: the
// format, the database, the unit, when it was made, the sheets and the
// version of every row.
func (tw *templateWriter) meta(databaseID string) error {
	g := tw.st.grid()
	created := ""
	if !tw.opt.Created.IsZero() {
		created = tw.opt.Created.UTC().Format(time.RFC3339)
	}
	g.addLoose(plain(kindPrefix + metaKind)...)
	for _, row := range metaHead(templateFormat, databaseID, tw.lang) {
		g.addLoose(plain(row...)...)
	}
	g.addLoose(plain(metaUnit, tw.unit)...)
	g.addLoose(plain("created", created)...)
	g.addLoose(plain("asOf", tw.opt.AsOf.String())...)
	for _, s := range templateSheets {
		g.addLoose(plain("sheet", s.kind, s.name.In(tw.lang))...)
	}
	for _, v := range tw.versions {
		g.addLoose(plain("version", v[0], v[1], v[2])...)
	}
	return stream(tw.f, metaSheet, g, 0, nil, func() error {
		return tw.f.ProtectSheet(metaSheet, &excelize.SheetProtectionOptions{})
	})
}
