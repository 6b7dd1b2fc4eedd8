package xlsx

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"strategytracker/model"
)

// PlanBook is a plan workbook as decoded from its file: every row's cells
// read into values (dates, numbers, amounts, list choices), with the cells
// that could not be read. It is only read after ReadPlanBook: ImportPlan
// plans and applies it.
type PlanBook struct {
	Lang       model.Lang
	DatabaseID string                // of the file the workbook was made from
	sheets     map[string]*bookSheet // kind → sheet
	read       Problems              // cells that could not be read
}

type bookSheet struct {
	spec planSheet
	name string
	col  map[string]int // key → 0-based column
	rows []*bookRow
}

// bookRow is one data row, decoded.
type bookRow struct {
	book  *PlanBook
	sheet *bookSheet
	row   int    // 1-based Excel row
	id    int64  // the hidden column A
	key   string // the header sheet's field (its hidden column A)
	cells map[string]planCell
	bad   bool // a cell of the row could not be read
}

// planCell is one cell's value in the form of its column.
type planCell struct {
	text   string // as typed
	date   model.Date
	num    float64
	isNum  bool
	cents  int64
	yes    bool
	choice string   // the code of a fixed list's value
	codes  []string // a list of codes
}

// fixedLabels are the labels of the fixed lists a pcList column reads.
func fixedLabels(list string) map[string]model.Text {
	out := map[string]model.Text{}
	add := func(k string, l model.Text) { out[k] = l }
	switch list {
	case listKinds:
		for k, l := range unitKindLabels {
			add(string(k), l)
		}
	case listRoles:
		for k, l := range roleLabels {
			add(string(k), l)
		}
	case listKPIKinds:
		for k, l := range kpiKindLabels {
			add(string(k), l)
		}
	case listStatuses:
		for k, l := range statusLabels() {
			add(string(k), l)
		}
	default:
		return nil
	}
	return out
}

// ReadPlanBook reads and decodes a plan workbook. A file that is not one —
// not a workbook, too large, damaged, or without the plan's sheets — is
// refused as a whole; cells that cannot be read are kept as problems that
// ImportPlan reports with the rest.
func ReadPlanBook(r io.Reader) (*PlanBook, error) {
	b, err := model.ReadBounded(r, MaxFileSize, "the file")
	if err != nil {
		return nil, err
	}
	f, date1904, err := openWorkbook(b, "import a plan workbook made with plan-template")
	if err != nil {
		return nil, err
	}
	defer f.Close()
	sheets, err := sheetsByKind(f)
	if err != nil {
		return nil, err
	}
	book := &PlanBook{Lang: model.BG, sheets: map[string]*bookSheet{}}
	if err := book.readMeta(f, sheets); err != nil {
		return nil, err
	}
	header := planSheet{kind: pkHeader, name: sheetPlanHeader, cols: []planCol{{key: "value", kind: pcText}}}
	for _, spec := range append([]planSheet{header}, planSheets...) {
		sh, err := book.readSheet(f, spec, sheets, date1904)
		if err != nil {
			return nil, err
		}
		book.sheets[spec.kind] = sh
	}
	return book, nil
}

// kindSheet is a sheet of a workbook with the kind its hidden first cell
// names: its name and rows.
type kindSheet struct {
	name string
	rows [][]string
}

// sheetsByKind are the sheets of f whose first cell names their kind, by
// kind: the first of each kind.
func sheetsByKind(f *excelize.File) (map[string]kindSheet, error) {
	sheets := map[string]kindSheet{}
	for _, name := range f.GetSheetList() {
		var rows [][]string
		if err := guard(func() (err error) { rows, err = f.GetRows(name); return err }); err != nil {
			return nil, damaged(err)
		}
		if len(rows) == 0 || len(rows[0]) == 0 || !strings.HasPrefix(rows[0][0], kindPrefix) {
			continue
		}
		kind := strings.TrimPrefix(rows[0][0], kindPrefix)
		if _, dup := sheets[kind]; !dup {
			sheets[kind] = kindSheet{name: name, rows: rows}
		}
	}
	return sheets, nil
}

func notPlanBook(format string, args ...any) error {
	return model.Refused(model.EINVALID, model.ReasonNotTemplate, "the workbook is not a plan workbook of Strategy Tracker: %s (make one with `strategytracker plan-template`)", fmt.Sprintf(format, args...))
}

// readMeta reads the hidden sheet of the plan workbook: its format, which
// must be this program's, the database it was made from and its language.
func (book *PlanBook) readMeta(f *excelize.File, sheets map[string]kindSheet) error {
	ks, ok := sheets[pkMeta]
	if !ok {
		return notPlanBook("it lacks the hidden sheet %q", planMetaSheet)
	}
	meta := readMeta(f, ks.name, ks.rows)
	if format, _, _ := meta.value(metaFormat); format != planFormat {
		return notPlanBook("its format is %s, not %q", clipValue(format), planFormat)
	}
	book.DatabaseID, _, _ = meta.value(metaDatabase)
	lang, err := meta.lang()
	if err != nil {
		return notPlanBook("its hidden sheet is damaged: %s", model.ErrorMessage(err))
	}
	book.Lang = lang
	return nil
}

// readSheet finds the sheet of spec's kind, its columns by their hidden
// keys (all of spec's must be there), and decodes its data rows.
func (book *PlanBook) readSheet(f *excelize.File, spec planSheet, sheets map[string]kindSheet, date1904 bool) (*bookSheet, error) {
	ks, ok := sheets[spec.kind]
	if !ok {
		return nil, model.Refused(model.EINVALID, model.ReasonNotTemplate, "the workbook lacks the plan's sheet %q: sheets of the plan workbook must not be deleted; make a new one with plan-template", spec.name.In(book.Lang))
	}
	rows := ks.rows
	sh := &bookSheet{spec: spec, name: ks.name, col: map[string]int{}}
	for i, key := range rows[0] {
		if _, dup := sh.col[key]; i > 0 && key != "" && !dup {
			sh.col[key] = i
		}
	}
	if spec.kind == pkHeader {
		sh.col = map[string]int{"key": 0, "value": 2}
	}
	for _, c := range spec.cols {
		if _, ok := sh.col[c.key]; !ok && !c.later {
			return nil, model.Errorf(model.EINVALID, "sheet %q lacks its column %q (hidden row 1): the workbook is damaged; make a new one with plan-template", sh.name, c.key)
		}
	}
	for i := firstDataRow - 1; i < len(rows); i++ {
		if !hasData(rows[i]) {
			continue
		}
		sh.rows = append(sh.rows, book.decodeRow(f, sh, i+1, rows[i], date1904))
	}
	return sh, nil
}

func hasData(raw []string) bool {
	for i, v := range raw {
		if i > 0 && strings.TrimSpace(v) != "" {
			return true
		}
	}
	return false
}

// decodeRow reads every cell of one data row in the form of its column.
func (b *PlanBook) decodeRow(f *excelize.File, sh *bookSheet, row int, raw []string, date1904 bool) *bookRow {
	r := &bookRow{book: b, sheet: sh, row: row, cells: map[string]planCell{}}
	value := func(i int) string {
		if i < len(raw) {
			return raw[i]
		}
		return ""
	}
	cols := sh.spec.cols
	if sh.spec.kind == pkHeader {
		r.key = strings.TrimSpace(value(0))
		kind := pcText
		for _, c := range headerFields {
			if c.key == r.key {
				kind = c.kind
			}
		}
		cols = []planCol{{key: "value", kind: kind}}
	} else if v := strings.TrimSpace(value(0)); v != "" {
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil || id <= 0 {
			r.problem(pmRowID, v)
		}
		r.id = id
	}
	for _, c := range cols {
		i, ok := sh.col[c.key]
		if !ok {
			continue // a later column the workbook lacks
		}
		v := value(i)
		ref := cellName(i+1, row)
		if formula := formulaWithoutValue(f, sh.name, ref, v); formula != "" {
			r.problem(msgFormula, ref, formula)
			continue
		}
		if strings.ContainsRune(v, badUTF8) || !utf8.ValidString(v) {
			r.problem(pmNotUTF8, r.where(c.key))
			continue
		}
		r.cells[c.key] = r.decode(c, v, date1904)
	}
	return r
}

// decode reads the value v of column c.
func (r *bookRow) decode(c planCol, v string, date1904 bool) planCell {
	cell := planCell{text: v}
	t := strings.TrimSpace(v)
	if t == "" {
		return cell
	}
	fail := func(err error) { r.problem(msgColon, r.where(c.key), err) }
	switch c.kind {
	case pcDate:
		d, err := parseDateIn(t, date1904, r.book.Lang)
		if err != nil {
			fail(err)
		}
		cell.date = d
	case pcNumber, pcMoney:
		n, err := ParseNumber(t, r.book.Lang)
		if err != nil {
			fail(err)
			break
		}
		cell.num, cell.isNum = n, true
		if c.kind == pcMoney {
			if cell.cents, err = cents(n); err != nil {
				fail(err)
			}
		}
	case pcYesNo:
		y, err := parseYesNoIn(t, r.book.Lang)
		if err != nil {
			fail(err)
		}
		cell.yes = y
	case pcList:
		if labels := fixedLabels(c.list); labels != nil {
			cell.choice = r.choose(c.key, t, labels)
		}
	case pcCodes:
		cell.codes = []string{}
		for _, part := range strings.FieldsFunc(t, func(c rune) bool { return c == ',' || c == ';' }) {
			if p := strings.TrimSpace(part); p != "" && !containsCode(cell.codes, p) {
				cell.codes = append(cell.codes, p)
			}
		}
	}
	return cell
}

// choose reads a value of a fixed list: its label in either language, or
// its code.
func (r *bookRow) choose(key, v string, labels map[string]model.Text) string {
	for k, l := range labels {
		if strings.EqualFold(v, k) || strings.EqualFold(v, l.BG) || strings.EqualFold(v, l.EN) {
			return k
		}
	}
	var allowed []string
	for _, k := range sortedKeys(labels) {
		allowed = append(allowed, labels[k].In(r.book.Lang))
	}
	r.problem(pmNotOneOf, r.where(key), v, strings.Join(allowed, ", "))
	return ""
}

// problem records a cell that could not be read (while decoding only).
func (r *bookRow) problem(m model.Text, args ...any) {
	r.bad = true
	r.book.read = append(r.book.read, Problem{Sheet: r.sheet.name, Row: r.row, Message: say(r.book.Lang, m, args...)})
}

// where names a cell by its column's heading in the workbook's language:
// cell E5 ("End").
func (r *bookRow) where(key string) string {
	label := key
	for _, c := range r.sheet.spec.cols {
		if c.key == key {
			label = c.label.In(r.book.Lang)
		}
	}
	if r.sheet.spec.kind == pkHeader {
		for _, c := range headerFields {
			if c.key == r.key {
				label = c.label.In(r.book.Lang)
			}
		}
	}
	return say(r.book.Lang, msgCell, cellName(r.sheet.col[key]+1, r.row), label)
}

// The values of a row's cells, as decoded.
func (r *bookRow) text(key string) string { return r.cells[key].text }

// has reports whether the row's sheet has the column key (a later column
// is missing from workbooks made before it).
func (r *bookRow) has(key string) bool               { _, ok := r.sheet.col[key]; return ok }
func (r *bookRow) cell(key string) string            { return strings.TrimSpace(r.text(key)) }
func (r *bookRow) date(key string) model.Date        { return r.cells[key].date }
func (r *bookRow) number(key string) (float64, bool) { c := r.cells[key]; return c.num, c.isNum }
func (r *bookRow) money(key string) int64            { return r.cells[key].cents }
func (r *bookRow) yesNo(key string) bool             { return r.cells[key].yes }
func (r *bookRow) choice(key string) string          { return r.cells[key].choice }

func (r *bookRow) codes(key string) []string {
	if c := r.cells[key].codes; c != nil {
		return c
	}
	return []string{}
}

func sortedKeys[K ~string](m map[K]model.Text) []K {
	keys := make([]K, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	for i := 1; i < len(keys); i++ {
		for j := i; j > 0 && keys[j] < keys[j-1]; j-- {
			keys[j], keys[j-1] = keys[j-1], keys[j]
		}
	}
	return keys
}

func containsCode(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func statusLabels() map[model.Status]model.Text {
	m := map[model.Status]model.Text{}
	for _, s := range model.Statuses {
		m[s] = model.T(s.Label(model.BG), s.Label(model.EN))
	}
	return m
}
