package xlsx

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"strategytracker/model"
)

// The hidden sheet of a workbook made to be filled in and imported again
// (the update template's, the plan workbook's): the kind row first, then
// one row a key with its values after it. The keys every such workbook
// has — its format, the database it was made from, its language — are
// written by metaHead and read by readMeta, the one reader of the rows:
// the template's reader, its period part and the plan workbook's reader
// all take their values from it, so a value is read, and refused, one way.
const (
	metaFormat   = "format"
	metaDatabase = "database"
	metaLang     = "lang"
	metaUnit     = "unit"
)

// metaHead is the rows of the keys every hidden sheet has, after its kind
// row.
func metaHead(format, databaseID string, lang model.Lang) [][]any {
	return [][]any{{metaFormat, format}, {metaDatabase, databaseID}, {metaLang, string(lang)}}
}

// metaRows is the hidden sheet's rows as read, on sheet of f.
type metaRows struct {
	f     *excelize.File
	sheet string
	rows  [][]string
}

// readMeta is the hidden sheet named sheet of f, with its rows.
func readMeta(f *excelize.File, sheet string, rows [][]string) metaRows {
	return metaRows{f: f, sheet: sheet, rows: rows}
}

// each calls fn with every key row after the kind row: its key and its
// values (trimmed) and its row number.
func (m metaRows) each(fn func(key string, vals []string, row int)) {
	for i, r := range m.rows {
		if i == 0 || len(r) == 0 {
			continue
		}
		vals := make([]string, len(r)-1)
		for k, v := range r[1:] {
			vals[k] = strings.TrimSpace(v)
		}
		fn(strings.TrimSpace(r[0]), vals, i+1)
	}
}

// value is the first value of the first row of key, the cell it is in
// (B5), and whether there is such a row.
func (m metaRows) value(key string) (v, cell string, ok bool) {
	m.each(func(k string, vals []string, row int) {
		if ok || k != key {
			return
		}
		ok, cell = true, cellName(2, row)
		if len(vals) > 0 {
			v = vals[0]
		}
	})
	return v, cell, ok
}

// lang is the workbook's language: Bulgarian without a lang row, or with
// an empty one (model.ParseLang). Any other value — another language, a
// formula without a value, a long text — is refused, naming its cell.
func (m metaRows) lang() (model.Lang, error) {
	v, cell, ok := m.value(metaLang)
	if !ok {
		return model.BG, nil
	}
	if f := formulaWithoutValue(m.f, m.sheet, cell, v); f != "" {
		v = "=" + f
	}
	lang, err := model.ParseLang(v)
	if err != nil {
		return "", model.Errorf(model.EINVALID, "%s!%s: the workbook's language is %s, not bg or en", m.sheet, cell, clipValue(v))
	}
	return lang, nil
}

// clipValue quotes a value read from a file for a message (clip).
func clipValue(s string) string { return strconv.Quote(clip(s)) }

// clip is a value read from a file as a message repeats it: the first 40
// characters of it (a hostile file's 10 KB would bury the message).
func clip(s string) string {
	if utf8.RuneCountInString(s) > 40 {
		return string([]rune(s)[:40]) + "…"
	}
	return s
}
