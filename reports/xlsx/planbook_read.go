package xlsx

import (
	"bytes"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"strategytracker/model"
)

// PlanBook is a plan workbook as read from its file, before it is checked
// against a strategy by PlanPlanBook.
type PlanBook struct {
	Lang       model.Lang
	DatabaseID string // of the file the workbook was made from
	date1904   bool
	sheets     map[string]*bookSheet // kind → sheet
	problems   Problems              // cells that could not be read, found while planning
	read       Problems              // rows refused while reading the file
}

type bookSheet struct {
	spec planSheet
	name string
	col  map[string]int // key → 0-based column
	rows []*bookRow
}

type bookRow struct {
	book  *PlanBook
	sheet *bookSheet
	row   int // 1-based Excel row
	id    int64
	raw   []string
	bad   bool // a cell of the row could not be read
	// readBad: the row was refused while reading (its id); planning starts
	// from it again each time.
	readBad bool
}

// ReadPlanBook reads a plan workbook. A file that is not one — not a
// workbook, damaged, or without the plan's sheets — is refused as a whole;
// cells that cannot be read are reported by PlanPlanBook with the rest.
func ReadPlanBook(r io.Reader) (*PlanBook, error) {
	b, err := model.ReadBounded(r, MaxFileSize, "the file")
	if err != nil {
		return nil, err
	}
	switch {
	case len(b) == 0:
		return nil, model.Errorf(model.EINVALID, "the file is empty: it is not an Excel workbook")
	case !bytes.HasPrefix(b, []byte("PK")):
		return nil, model.Errorf(model.EINVALID, "the file is not an Excel workbook (.xlsx): import a plan workbook made with plan-template")
	}
	var f *excelize.File
	if err := guard(func() (err error) {
		f, err = excelize.OpenReader(bytes.NewReader(b), excelize.Options{RawCellValue: true,
			UnzipSizeLimit: unzipLimit, UnzipXMLSizeLimit: unzipXMLLimit})
		return err
	}); err != nil {
		return nil, damaged(err)
	}
	defer f.Close()
	book := &PlanBook{Lang: model.BG, sheets: map[string]*bookSheet{}}
	if props, err := f.GetWorkbookProps(); err == nil && props.Date1904 != nil {
		book.date1904 = *props.Date1904
	}
	notPlan := func(format string, args ...any) error {
		return model.Errorf(model.EINVALID, "the workbook is not a plan workbook of Strategy Tracker: %s (make one with `strategytracker plan-template`)", fmt.Sprintf(format, args...))
	}
	all := map[string][][]string{}
	names := map[string]string{}
	for _, name := range f.GetSheetList() {
		var rows [][]string
		if err := guard(func() (err error) { rows, err = f.GetRows(name); return err }); err != nil {
			return nil, damaged(err)
		}
		if len(rows) == 0 || len(rows[0]) == 0 || !strings.HasPrefix(rows[0][0], kindPrefix) {
			continue
		}
		kind := strings.TrimPrefix(rows[0][0], kindPrefix)
		if _, dup := all[kind]; !dup {
			all[kind], names[kind] = rows, name
		}
	}
	meta, ok := all[pkMeta]
	if !ok {
		return nil, notPlan("it lacks the hidden sheet %q", planMetaSheet)
	}
	format := ""
	for _, row := range meta[1:] {
		if len(row) < 2 {
			continue
		}
		switch strings.TrimSpace(row[0]) {
		case "format":
			format = strings.TrimSpace(row[1])
		case "database":
			book.DatabaseID = strings.TrimSpace(row[1])
		case "lang":
			if l, err := model.ParseLang(strings.TrimSpace(row[1])); err == nil {
				book.Lang = l
			}
		}
	}
	if format != planFormat {
		return nil, notPlan("its format is %q, not %q", format, planFormat)
	}
	header := planSheet{kind: pkHeader, name: sheetPlanHeader, cols: []planCol{{key: "value", kind: pcText}}}
	for _, spec := range append([]planSheet{header}, planSheets...) {
		rows, ok := all[spec.kind]
		if !ok {
			return nil, model.Errorf(model.EINVALID, "the workbook lacks the plan's sheet %q: sheets of the plan workbook must not be deleted; make a new one with plan-template", spec.name.In(book.Lang))
		}
		sh := &bookSheet{spec: spec, name: names[spec.kind], col: map[string]int{}}
		for i, key := range rows[0] {
			if _, dup := sh.col[key]; i > 0 && key != "" && !dup {
				sh.col[key] = i
			}
		}
		if spec.kind == pkHeader {
			sh.col = map[string]int{"key": 0, "value": 2}
		}
		for _, c := range spec.cols {
			if _, ok := sh.col[c.key]; !ok {
				return nil, model.Errorf(model.EINVALID, "sheet %q lacks its column %q (hidden row 1): the workbook is damaged; make a new one with plan-template", sh.name, c.key)
			}
		}
		for i := firstDataRow - 1; i < len(rows); i++ {
			r := &bookRow{book: book, sheet: sh, row: i + 1, raw: rows[i]}
			if !r.hasData() {
				continue
			}
			if v := strings.TrimSpace(r.value(0)); v != "" && spec.kind != pkHeader {
				id, err := strconv.ParseInt(v, 10, 64)
				if err != nil || id <= 0 {
					r.problem("the hidden column A holds %q, not a row id: leave column A as it is (empty for new rows)", v)
				}
				r.id = id
			}
			r.readBad = r.bad
			sh.rows = append(sh.rows, r)
		}
		book.sheets[spec.kind] = sh
	}
	book.read, book.problems = book.problems, nil
	return book, nil
}

func (r *bookRow) hasData() bool {
	for i, v := range r.raw {
		if i > 0 && strings.TrimSpace(v) != "" {
			return true
		}
	}
	return false
}

func (r *bookRow) problem(format string, args ...any) {
	r.bad = true
	r.book.problems = append(r.book.problems, Problem{Sheet: r.sheet.name, Row: r.row, Message: fmt.Sprintf(format, args...)})
}

func (r *bookRow) value(i int) string {
	if i < len(r.raw) {
		return r.raw[i]
	}
	return ""
}

// where names a cell: cell E5 ("End").
func (r *bookRow) where(key string) string {
	label := key
	for _, c := range r.sheet.spec.cols {
		if c.key == key {
			label = c.label.In(r.book.Lang)
		}
	}
	return fmt.Sprintf("cell %s (%q)", cellName(r.sheet.col[key]+1, r.row), label)
}

// text is the cell under key as typed; it must be valid UTF-8.
func (r *bookRow) text(key string) string {
	i, ok := r.sheet.col[key]
	if !ok {
		return ""
	}
	v := r.value(i)
	if !utf8.ValidString(v) {
		r.problem("%s: the text is not valid UTF-8", r.where(key))
		return ""
	}
	return v
}

func (r *bookRow) cell(key string) string { return strings.TrimSpace(r.text(key)) }

func (r *bookRow) required(key string) string {
	v := r.cell(key)
	if v == "" {
		r.problem("%s is empty", r.where(key))
	}
	return v
}

func (r *bookRow) date(key string) model.Date {
	v := r.cell(key)
	if v == "" {
		return 0
	}
	d, err := parseDate(v, r.book.date1904)
	if err != nil {
		r.problem("%s: %s", r.where(key), err)
	}
	return d
}

func (r *bookRow) number(key string) (float64, bool) {
	v := r.cell(key)
	if v == "" {
		return 0, false
	}
	n, err := ParseNumber(v, r.book.Lang)
	if err != nil {
		r.problem("%s: %s", r.where(key), err)
		return 0, false
	}
	return n, true
}

func (r *bookRow) integer(key string) int {
	n, ok := r.number(key)
	if ok && (n != math.Trunc(n) || math.Abs(n) > 1e6) {
		r.problem("%s: %s is not a whole number", r.where(key), r.cell(key))
		return 0
	}
	return int(n)
}

func (r *bookRow) money(key string) int64 {
	n, ok := r.number(key)
	if !ok {
		return 0
	}
	c, err := cents(n)
	if err != nil {
		r.problem("%s: %s", r.where(key), err)
	}
	return c
}

func (r *bookRow) yesNo(key string) bool {
	b, err := parseYesNo(r.cell(key))
	if err != nil {
		r.problem("%s: %s", r.where(key), err)
	}
	return b
}

// choice reads a value of a fixed list: its label in either language, or
// its code.
func choice[K ~string](r *bookRow, key string, labels map[K]model.Text) K {
	v := r.cell(key)
	if v == "" {
		return ""
	}
	for k, l := range labels {
		if strings.EqualFold(v, string(k)) || strings.EqualFold(v, l.BG) || strings.EqualFold(v, l.EN) {
			return k
		}
	}
	var allowed []string
	for _, k := range sortedKeys(labels) {
		allowed = append(allowed, labels[k].In(r.book.Lang))
	}
	r.problem("%s: %q is not one of %s", r.where(key), v, strings.Join(allowed, ", "))
	return ""
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

// codes reads codes separated by commas or semicolons, without duplicates.
func (r *bookRow) codes(key string) []string {
	out := []string{}
	for _, part := range strings.FieldsFunc(r.cell(key), func(c rune) bool { return c == ',' || c == ';' }) {
		if p := strings.TrimSpace(part); p != "" && !containsCode(out, p) {
			out = append(out, p)
		}
	}
	return out
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
