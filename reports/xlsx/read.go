package xlsx

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"strategytracker/model"
)

// Problem is one refused row or cell of an update workbook, printed as
// SHEET!ROW: message with the sheet's own name and the 1-based Excel row.
type Problem struct {
	Sheet   string
	Row     int
	Message string
}

func (p Problem) String() string { return fmt.Sprintf("%s!%d: %s", p.Sheet, p.Row, p.Message) }

// Problems is the error of a refused import: every problem, one a line.
type Problems []Problem

func (ps Problems) Error() string { return strings.Join(ps.Lines(), "\n") }

// Lines returns the problems as SHEET!ROW: message lines.
func (ps Problems) Lines() []string {
	lines := make([]string, len(ps))
	for i, p := range ps {
		lines[i] = p.String()
	}
	return lines
}

// Update is a filled update template as read from its file, before it is
// checked against the database (Plan does that).
type Update struct {
	DatabaseID string     // the database the template was made from
	Unit       string     // the unit it was made for; "" for all
	Created    string     // when it was made (RFC 3339), as recorded
	Lang       model.Lang // the language of its texts
	AsOf       model.Date // the date it was made as of

	Milestones []MilestoneRow
	KPIValues  []KPIValueRow
	Updates    []UpdateRow
	Progress   []ProgressRow
	// Period is the template's period part (zero outside the cycle).
	Period PeriodReturn

	versions map[versionKey]int64
	problems []Problem // cells that could not be read
	dbRow    int       // the row of the database id on the hidden sheet
}

type versionKey struct {
	entity string
	id     model.ID
}

// At is where a row is in the workbook, and the id in its hidden column.
type At struct {
	Sheet string
	Row   int
	ID    model.ID
}

// MilestoneRow is a milestone as the file has it.
type MilestoneRow struct {
	At
	Completed model.Date
	Cancelled bool
	Note      string // in Bulgarian
	NoteEn    string // in English
	// HasNoteEn: the file has the English note's column (templates made
	// before it had none: the English note stays as it is).
	HasNoteEn bool
	Evidence  string
}

// KPIValueRow is a new measured value of the KPI with the row's id.
type KPIValueRow struct {
	At
	Date   model.Date
	Value  float64
	Note   string
	Source string
}

// UpdateRow is a new progress update of the measure with the row's id.
type UpdateRow struct {
	At
	Date model.Date
	Text string
}

// ProgressRow is the manual progress of the measure with the row's id.
type ProgressRow struct {
	At
	Progress float64
}

// MaxFileSize is the largest workbook the imports read (model's limit).
const MaxFileSize = model.MaxWorkbookSize

// Limits on what a workbook may unpack to, so that a hostile file cannot
// exhaust memory.
const (
	unzipLimit    = 512 << 20
	unzipXMLLimit = 64 << 20
)

// ReadUpdate reads a filled update template. A file that is not a
// template — not a workbook, damaged, empty, or without the template's
// sheets — is refused as a whole with one error. Cells that cannot be read
// (a date that does not exist, text in a number cell, a formula without a
// value) are not errors here: Plan reports them with the rest, by row.
func ReadUpdate(r io.Reader) (*Update, error) {
	b, err := model.ReadBounded(r, MaxFileSize, "the file")
	if err != nil {
		return nil, err
	}
	if bytes.HasPrefix(b, []byte("%PDF")) {
		return nil, model.Refused(model.EINVALID, model.ReasonNotWorkbook, "the file is a PDF document, not an Excel workbook (.xlsx): import the filled update template")
	}
	f, date1904, err := openWorkbook(b, "import the filled update template")
	if err != nil {
		return nil, err
	}
	defer f.Close()
	rd := &reader{f: f, u: &Update{versions: map[versionKey]int64{}}, date1904: date1904}
	if err := rd.read(); err != nil {
		return nil, err
	}
	// A template of the reporting cycle (period.go) also records the
	// unit's return in its period: read from the same file.
	if rd.u.Period, err = readPeriodReturn(f, rd.metaRows, rd.u.Lang); err != nil {
		return nil, err
	}
	return rd.u, nil
}

// openWorkbook opens the bytes b of a workbook given to an import (read
// with model.ReadBounded), within the limits on what it may unpack to and
// with its invalid UTF-8 marked (markInvalidUTF8), and says whether its
// dates count from 1904. It refuses what is not a workbook, saying what
// to import instead (hint).
func openWorkbook(b []byte, hint string) (f *excelize.File, date1904 bool, err error) {
	switch {
	case len(b) == 0:
		return nil, false, model.Refused(model.EINVALID, model.ReasonNotWorkbook, "the file is empty: it is not an Excel workbook")
	case !bytes.HasPrefix(b, []byte("PK")):
		return nil, false, model.Refused(model.EINVALID, model.ReasonNotWorkbook, "the file is not an Excel workbook (.xlsx): %s", hint)
	}
	b = markInvalidUTF8(b)
	if err := guard(func() (err error) {
		f, err = excelize.OpenReader(bytes.NewReader(b), excelize.Options{RawCellValue: true,
			UnzipSizeLimit: unzipLimit, UnzipXMLSizeLimit: unzipXMLLimit})
		return err
	}); err != nil {
		return nil, false, damaged(err)
	}
	if props, err := f.GetWorkbookProps(); err == nil && props.Date1904 != nil {
		date1904 = *props.Date1904
	}
	return f, date1904, nil
}

// guard runs a call into excelize, which is not hardened against every
// damaged file: a panic there means a damaged file, not a broken program.
func guard(fn func() error) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("%v", p)
		}
	}()
	return fn()
}

// lacksSheet is the refusal of a template without its sheet name.
func lacksSheet(name string) error {
	return model.Refused(model.EINVALID, model.ReasonNotTemplate, "the workbook lacks the template's sheet %q: sheets of the template must not be deleted or renamed; make a new template", name)
}

func damaged(err error) error {
	return model.Refused(model.EINVALID, model.ReasonNotWorkbook, "the file is damaged or is not an Excel workbook (.xlsx): %v", err)
}

func notTemplate(format string, args ...any) error {
	return model.Refused(model.EINVALID, model.ReasonNotTemplate, "the workbook is not an update template of Strategy Tracker: %s (make one with `strategytracker template`)", fmt.Sprintf(format, args...))
}

// reader is the state of one ReadUpdate.
type reader struct {
	f        *excelize.File
	u        *Update
	date1904 bool
	sheets   map[string]string     // kind → sheet name
	rows     map[string][][]string // sheet name → raw cell values
	names    map[string]string     // kind → sheet name the template recorded
	metaRows metaRows              // the hidden sheet
}

func (rd *reader) read() error {
	list := rd.f.GetSheetList()
	if len(list) == 0 {
		return damaged(fmt.Errorf("it has no sheets"))
	}
	rd.sheets, rd.rows, rd.names = map[string]string{}, map[string][][]string{}, map[string]string{}
	sheets, err := sheetsByKind(rd.f)
	if err != nil {
		return err
	}
	for kind, s := range sheets {
		rd.sheets[kind], rd.rows[s.name] = s.name, s.rows
	}
	if _, ok := rd.sheets[metaKind]; !ok {
		return notTemplate("it lacks the template's hidden sheet %q", metaSheet)
	}
	if err := rd.meta(); err != nil {
		return err
	}
	for _, s := range templateSheets {
		name, ok := rd.sheets[s.kind]
		if !ok {
			want := rd.names[s.kind]
			if want == "" {
				want = s.name.In(rd.u.Lang)
			}
			return lacksSheet(want)
		}
		if err := rd.sheet(s, name); err != nil {
			return err
		}
	}
	return nil
}

// meta reads the hidden sheet: format, database, language, unit, sheets,
// versions.
func (rd *reader) meta() error {
	rd.metaRows = readMeta(rd.f, rd.sheets[metaKind], rd.rows[rd.sheets[metaKind]])
	lang, err := rd.metaRows.lang()
	if err != nil {
		return notTemplate("its hidden sheet is damaged: %s", model.ErrorMessage(err))
	}
	rd.u.Lang = lang
	seen := map[string]bool{}
	rd.metaRows.each(func(key string, vals []string, row int) {
		seen[key] = true
		if err == nil {
			err = rd.metaRow(key, append(vals, "", "", ""), row)
		}
	})
	if err != nil {
		return err
	}
	for _, key := range []string{metaFormat, metaDatabase} {
		if !seen[key] {
			return notTemplate("its hidden sheet lacks the %s", key)
		}
	}
	return nil
}

// metaRow reads the hidden sheet's row of key, with its values v (at least
// three) at row.
func (rd *reader) metaRow(key string, v []string, row int) error {
	switch key {
	case metaFormat:
		if v[0] != templateFormat {
			return notTemplate("its format is %s, not %q", clipValue(v[0]), templateFormat)
		}
	case metaDatabase:
		rd.u.DatabaseID, rd.u.dbRow = v[0], row
	case metaUnit:
		rd.u.Unit = v[0]
	case "created":
		rd.u.Created = v[0]
	case "asOf":
		if v[0] != "" {
			d, err := model.ParseDate(v[0])
			if err != nil {
				return notTemplate("its hidden sheet is damaged: asOf %s", model.ErrorMessage(err))
			}
			rd.u.AsOf = d
		}
	case "sheet":
		rd.names[v[0]] = v[1]
	case "version":
		id, err1 := strconv.ParseInt(v[1], 10, 64)
		n, err2 := strconv.ParseInt(v[2], 10, 64)
		if err1 != nil || err2 != nil {
			return notTemplate("its hidden sheet is damaged: row %d holds no version", row)
		}
		rd.u.versions[versionKey{v[0], id}] = n
	}
	return nil
}

// sheet reads the data rows of one input sheet. Its hidden key row must
// be the template format's, key for key: keys moved or renamed would read
// one column as another (a link as a note), so such a sheet is refused and
// none of its rows is read.
func (rd *reader) sheet(s sheetSpec, name string) error {
	rows := rd.rows[name]
	got := rows[0]
	want := s.keys(true)
	if old := s.keys(false); slices.Equal(got, old) {
		want = old // a template made before the later columns
	}
	for i := range max(len(want), len(got)) {
		var w, g string
		if i < len(want) {
			w = want[i]
		}
		if i < len(got) {
			g = got[i]
		}
		if w != g {
			rd.u.problems = append(rd.u.problems, Problem{Sheet: name, Row: keyRow, Message: say(rd.u.Lang, msgKeyRow, cellName(i+1, keyRow), g, w)})
			return nil
		}
	}
	col := map[string]int{}
	for i, key := range want[1:] {
		col[key] = i + 1
	}
	for i := firstDataRow - 1; i < len(rows); i++ {
		r := rowReader{rd: rd, spec: s, sheet: name, row: i + 1, raw: rows[i], col: col}
		if !r.hasInput() {
			continue
		}
		r.read()
	}
	return nil
}

// keys are the hidden keys of the sheet's columns, the later ones too
// when withLater.
func (s sheetSpec) keys(withLater bool) []string {
	keys := []string{kindPrefix + s.kind}
	for _, c := range s.cols {
		if withLater || !c.later {
			keys = append(keys, c.key)
		}
	}
	return append(keys, checkKey)
}

// rowReader reads the cells of one data row.
type rowReader struct {
	rd    *reader
	spec  sheetSpec
	sheet string
	row   int
	raw   []string
	col   map[string]int
	bad   bool // a cell could not be read
	seen  map[int]string
}

func (r *rowReader) problem(m model.Text, args ...any) {
	r.bad = true
	r.rd.u.problems = append(r.rd.u.problems, Problem{Sheet: r.sheet, Row: r.row, Message: say(r.rd.u.Lang, m, args...)})
}

// refuse reports the cell under key with the error err.
func (r *rowReader) refuse(key string, err error) { r.problem(msgColon, r.where(key), err) }

// hasInput reports whether the row holds an id or any input.
func (r *rowReader) hasInput() bool {
	for i, v := range r.raw {
		if strings.TrimSpace(v) != "" && (i == 0 || r.isInput(i)) {
			return true
		}
	}
	return false
}

func (r *rowReader) isInput(i int) bool {
	for _, c := range r.spec.cols {
		if j, ok := r.col[c.key]; ok && c.kind != readOnly && j == i {
			return true
		}
	}
	return false
}

// value is the value at 0-based column i, read once: a formula's computed
// value reads like a typed one; a formula without one is reported and
// reads as empty.
func (r *rowReader) value(i int) string {
	if v, ok := r.seen[i]; ok {
		return v
	}
	v := ""
	if i < len(r.raw) {
		v = r.raw[i]
	}
	if f := formulaWithoutValue(r.rd.f, r.sheet, cellName(i+1, r.row), v); f != "" {
		r.problem(msgFormula, cellName(i+1, r.row), f)
	}
	if strings.ContainsRune(v, badUTF8) {
		r.problem(msgNotUTF8, cellName(i+1, r.row))
		v = strings.ReplaceAll(v, string(badUTF8), "\uFFFD")
	}
	if r.seen == nil {
		r.seen = map[int]string{}
	}
	r.seen[i] = v
	return v
}

// formulaWithoutValue is the formula of the cell ref of sheet when it
// holds one without a computed value (v, the value read, is empty), as
// scripts and some programs save them: both imports refuse such a cell,
// naming it (msgFormula), rather than read it as empty.
func formulaWithoutValue(f *excelize.File, sheet, ref, v string) string {
	if strings.TrimSpace(v) != "" {
		return ""
	}
	var formula string
	_ = guard(func() (err error) { formula, err = f.GetCellFormula(sheet, ref); return err })
	return formula
}

// text is the text of the cell under key, as typed.
func (r *rowReader) text(key string) string {
	i, ok := r.col[key]
	if !ok {
		return ""
	}
	return r.value(i)
}

// cell is the value of the cell under key without surrounding spaces.
func (r *rowReader) cell(key string) string { return strings.TrimSpace(r.text(key)) }

// where names a cell for a message: cell G5 ("Completed").
func (r *rowReader) where(key string) string {
	label := key
	for _, c := range r.spec.cols {
		if c.key == key {
			label = c.label.In(r.rd.u.Lang)
		}
	}
	return say(r.rd.u.Lang, msgCell, r.ref(key), label)
}

func (r *rowReader) date(key string) model.Date {
	v := r.cell(key)
	if v == "" {
		return 0
	}
	d, err := parseDateIn(v, r.rd.date1904, r.rd.u.Lang)
	if err != nil {
		r.refuse(key, err)
	}
	return d
}

func (r *rowReader) number(key string) (float64, bool) {
	v := r.cell(key)
	if v == "" {
		return 0, false
	}
	n, err := CellNumber(r.rd.f, r.sheet, r.ref(key), v, r.rd.u.Lang)
	if err != nil {
		r.refuse(key, err)
		return 0, false
	}
	return n, true
}

// ref is the A1 name of the cell under key on this row.
func (r *rowReader) ref(key string) string { return cellName(r.col[key]+1, r.row) }

// numeric reports whether the cell under key holds a number, not text.
func (r *rowReader) numeric(key string) bool {
	var typ excelize.CellType
	_ = guard(func() (err error) { typ, err = r.rd.f.GetCellType(r.sheet, r.ref(key)); return err })
	return typ == excelize.CellTypeUnset || typ == excelize.CellTypeNumber
}

func (r *rowReader) yesNo(key string) bool {
	v := r.cell(key)
	b, err := parseYesNoIn(v, r.rd.u.Lang)
	if err != nil {
		r.refuse(key, err)
	}
	return b
}

func (r *rowReader) read() {
	at := At{Sheet: r.sheet, Row: r.row}
	if v := strings.TrimSpace(r.value(0)); v == "" {
		r.problem(msgNoID)
	} else if id, err := strconv.ParseInt(v, 10, 64); err != nil || id <= 0 {
		r.problem(msgBadID, v)
	} else {
		at.ID = id
		r.verify(id)
	}
	u := r.rd.u
	switch r.spec.kind {
	case kindMilestones:
		row := MilestoneRow{At: at, Completed: r.date("completed"), Cancelled: r.yesNo("cancelled"),
			Note: r.text("note"), NoteEn: r.text("noteEn"), Evidence: r.cell("evidence")}
		_, row.HasNoteEn = r.col["noteEn"]
		if !r.bad {
			u.Milestones = append(u.Milestones, row)
		}
	case kindKPIValues:
		row := KPIValueRow{At: at, Date: r.date("date"), Note: r.text("note"), Source: r.text("source")}
		var hasValue bool
		row.Value, hasValue = r.number("value")
		if r.bad {
			return
		}
		if row.Date == 0 && !hasValue && strings.TrimSpace(row.Note+row.Source) == "" {
			return // nothing new for this KPI
		}
		if row.Date == 0 {
			r.problem(msgValueNoDate, r.where("date"))
		}
		if !hasValue && r.cell("value") == "" {
			r.problem(msgValueEmpty, r.where("value"))
		}
		if !r.bad {
			u.KPIValues = append(u.KPIValues, row)
		}
	case kindUpdates:
		row := UpdateRow{At: at, Date: r.date("date"), Text: r.text("text")}
		if r.bad || strings.TrimSpace(row.Text) == "" {
			return // without a text, the row says nothing
		}
		if row.Date == 0 {
			r.problem(msgUpdateNoDate, r.where("date"))
			return
		}
		u.Updates = append(u.Updates, row)
	case kindProgress:
		p, ok := r.percent("progress")
		if !r.bad && ok {
			u.Progress = append(u.Progress, ProgressRow{At: at, Progress: p})
		}
	}
}

// verify compares the row's check with its id, its version on the hidden
// sheet, and the code and title it shows.
func (r *rowReader) verify(id model.ID) {
	b := boundColumns[r.spec.kind]
	var version int64
	if b.versioned != "" {
		version = r.rd.u.versions[versionKey{b.versioned, id}]
	}
	code, title := r.text(b.code), r.text(b.title)
	if strings.TrimSpace(r.text(checkKey)) != rowCheck(r.rd.u.DatabaseID, r.spec.kind, id, version, code, title) {
		r.problem(msgRowCheck, id, code, quote(title))
	}
}

// percent reads a percentage: a number, "50 %" typed as text, or a cell
// that Excel turned into a fraction with a percent format when "50%" was
// typed into it (0.5 reads as 50).
func (r *rowReader) percent(key string) (float64, bool) {
	v := r.cell(key)
	if t := strings.TrimSpace(strings.TrimSuffix(v, "%")); t != v {
		n, err := ParseNumber(t, r.rd.u.Lang)
		if err != nil {
			r.problem(msgNotPercent, r.where(key), v)
			return 0, false
		}
		return n, true
	}
	n, ok := r.number(key)
	if ok && r.numeric(key) && isPercentFormat(cellFormat(r.rd.f, r.sheet, r.ref(key))) {
		n *= 100
	}
	return n, ok
}

// parseDate reads an Excel date serial (a date cell), dd.mm.yyyy or
// yyyy-mm-dd text, or an ISO date-time (a cell of date type).
func parseDate(v string, date1904 bool) (model.Date, error) {
	return parseDateIn(v, date1904, model.EN)
}

// parseDateIn is parseDate with its messages in lang.
func parseDateIn(v string, date1904 bool, lang model.Lang) (model.Date, error) {
	if n, err := strconv.ParseFloat(v, 64); err == nil && !strings.ContainsAny(v, ",") {
		if math.IsNaN(n) || math.IsInf(n, 0) || n < 1 || n >= 2958466 { // 9999-12-31
			return 0, errors.New(say(lang, msgNotDate, v))
		}
		epoch := excelEpoch
		if date1904 {
			epoch = model.NewDate(1904, 1, 1)
		}
		return epoch.AddDays(int(math.Floor(n))), nil
	}
	if len(v) > 10 && v[4] == '-' && v[10] == 'T' {
		v = v[:10]
	}
	d, err := model.ParseDate(v)
	if err != nil && lang == model.BG {
		return 0, errors.New(say(lang, msgInvalidDate, v))
	} else if err != nil {
		return 0, errors.New(model.ErrorMessage(err))
	}
	return d, nil
}

// parseYesNo reads the cancelled column: yes/no in either language, a
// boolean cell, 1/0; empty is no.
func parseYesNo(v string) (bool, error) { return parseYesNoIn(v, model.EN) }

// parseYesNoIn is parseYesNo with its message in lang.
func parseYesNoIn(v string, lang model.Lang) (bool, error) {
	switch strings.ToLower(strings.TrimSpace(v)) {
	case "да", "д", "yes", "y", "true", "1", "x", "истина":
		return true, nil
	case "не", "н", "no", "n", "false", "0", "", "неистина":
		return false, nil
	}
	return false, errors.New(say(lang, msgNotYesNo, v))
}
