package xlsx

import (
	"errors"
	"math"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"strategytracker/model"
)

// ParseNumber reads a number typed as text in a workbook, strictly, in the
// two conventions the workbooks are used with, or plain:
//
//	bg     1 234,5   12 345 678   (space, no-break space or narrow no-break
//	                               space between groups of three; decimal comma)
//	en     1,234.5   12,345,678   (comma between groups of three; decimal point)
//	plain  1234.5    1234,5       (no grouping; either decimal separator)
//
// with an optional sign. Anything else — a date-like text ("12.03.2026",
// "2026-03-12"), separators out of place ("1.2.3", "12,34,5", "1 23"), a
// trailing separator, an exponent, letters — is refused: a number misread
// silently (by a factor of a thousand) is worse than a question. A leading
// zero before more digits ("01.05", "05,03") reads as a day and a month and
// is refused too.
//
// One text fits two conventions: "1,234" is 1.234 with a decimal comma and
// 1234 with an English thousands comma. lang decides it: the convention of
// the workbook's language (bg: 1.234, en: 1234).
func ParseNumber(v string, lang model.Lang) (float64, error) {
	s := strings.TrimSpace(v)
	bad := errors.New(say(lang, msgNotNumber, v))
	neg := false
	switch {
	case strings.HasPrefix(s, "-"), strings.HasPrefix(s, "+"):
		neg = s[0] == '-'
		s = s[1:]
	case strings.HasPrefix(s, "−"): // U+2212, the minus sign of typeset text
		neg, s = true, strings.TrimPrefix(s, "−")
	}
	if s == "" {
		return 0, bad
	}
	intPart, frac, ok := splitNumber(s, lang)
	if !ok || len(intPart) > 1 && intPart[0] == '0' { // 01.05 is a date, not a number
		return 0, bad
	}
	plain := intPart
	if frac != "" {
		plain += "." + frac
	}
	n, err := strconv.ParseFloat(plain, 64)
	if err != nil || math.IsInf(n, 0) || math.IsNaN(n) {
		return 0, bad
	}
	if neg {
		n = -n
	}
	return n, nil
}

// splitNumber returns the digits before and after the decimal separator of
// an unsigned number in one of ParseNumber's forms.
func splitNumber(s string, lang model.Lang) (intPart, frac string, ok bool) {
	var p numberParts
	for _, r := range s {
		if !p.add(r) {
			return "", "", false
		}
	}
	return p.split(lang)
}

// numberParts are the digit groups of a number read so far, and which
// separators occur.
type numberParts struct {
	groupSep    rune // ' ' (any space kind) or ','
	decimal     rune // '.' or ','
	seenDecimal bool
	groups      []string
	cur         strings.Builder
}

// add takes the next character; false when the text is no number of
// ParseNumber's forms.
func (p *numberParts) add(r rune) bool {
	switch {
	case r >= '0' && r <= '9':
		p.cur.WriteRune(r)
		return true
	case r == ' ' || r == '\u00a0' || r == '\u202f':
		if p.seenDecimal || (p.groupSep != 0 && p.groupSep != ' ') {
			return false
		}
		p.groupSep = ' '
	case r == ',':
		return p.comma()
	case r == '.':
		if p.seenDecimal || p.groupSep == ' ' {
			return false
		}
		p.seenDecimal, p.decimal = true, '.'
	default:
		return false
	}
	p.endGroup()
	return true
}

func (p *numberParts) comma() bool {
	switch {
	case p.seenDecimal:
		return false
	case p.groupSep == ' ':
		// 1 234,5: the comma is the decimal separator.
		p.seenDecimal, p.decimal = true, ','
	case p.groupSep == 0 && len(p.groups) == 0:
		// Either 1,234 (en grouping) or 1234,5 (decimal comma):
		// decided by split, once the rest is known.
		p.groupSep = ','
	case p.groupSep != ',':
		return false
	}
	p.endGroup()
	return true
}

func (p *numberParts) endGroup() {
	p.groups = append(p.groups, p.cur.String())
	p.cur.Reset()
}

// split is splitNumber's answer once every character is read.
func (p *numberParts) split(lang model.Lang) (intPart, frac string, ok bool) {
	groups := p.groups
	last := p.cur.String()
	if last == "" {
		return "", "", false // a trailing separator, or nothing at all
	}
	if p.seenDecimal {
		frac = last
	} else {
		groups = append(groups, last)
	}
	if len(groups) == 0 || groups[0] == "" {
		return "", "", false
	}
	// A single comma with no decimal point: 1234,5 or 1,234?
	if p.groupSep == ',' && !p.seenDecimal && len(groups) == 2 {
		grouped := validGroups(groups)
		if !grouped || lang != model.EN {
			return groups[0], groups[1], true // decimal comma
		}
		return groups[0] + groups[1], "", true
	}
	if p.groupSep == ',' && p.decimal == ',' {
		return "", "", false
	}
	if p.groupSep != 0 && !validGroups(groups) {
		return "", "", false
	}
	return strings.Join(groups, ""), frac, true
}

// validGroups reports whether groups are a first group of one to three
// digits (not a lone 0) followed by groups of exactly three.
func validGroups(groups []string) bool {
	if len(groups) < 2 || len(groups[0]) == 0 || len(groups[0]) > 3 || groups[0] == "0" || groups[0][0] == '0' {
		return false
	}
	for _, g := range groups[1:] {
		if len(g) != 3 {
			return false
		}
	}
	return true
}

// CellNumber reads the cell ref of sheet in a number column: raw is its
// value as stored (excelize's RawCellValue). A numeric cell is its number,
// unless it shows a date (a date typed into a number column); a text cell
// is read by ParseNumber in lang; a yes/no cell, an error value (#DIV/0!)
// or a date cell is refused. The error says what the cell holds, for a
// message that names the cell.
func CellNumber(f *excelize.File, sheet, ref, raw string, lang model.Lang) (float64, error) {
	var typ excelize.CellType
	_ = guard(func() (err error) { typ, err = f.GetCellType(sheet, ref); return err })
	switch typ {
	case excelize.CellTypeSharedString, excelize.CellTypeInlineString, excelize.CellTypeFormula:
		return ParseNumber(raw, lang)
	case excelize.CellTypeBool:
		return 0, errors.New(say(lang, msgNumberYesNo, raw))
	case excelize.CellTypeError:
		return 0, errors.New(say(lang, msgNumberError, raw))
	case excelize.CellTypeDate:
		return 0, errors.New(say(lang, msgNumberIsDate, raw))
	}
	n, err := strconv.ParseFloat(strings.TrimSpace(raw), 64)
	if err != nil || math.IsNaN(n) || math.IsInf(n, 0) {
		return 0, errors.New(say(lang, msgNotNumber, raw))
	}
	if isDateFormat(cellFormat(f, sheet, ref)) {
		return 0, errors.New(say(lang, msgNumberDateFmt, raw))
	}
	return n, nil
}

// cellFormat is the number format of a cell: its custom format, or the
// built-in format's number as "#14" (built-ins have no text in the file).
func cellFormat(f *excelize.File, sheet, ref string) string {
	var format string
	_ = guard(func() error {
		id, err := f.GetCellStyle(sheet, ref)
		if err != nil || id == 0 {
			return err
		}
		style, err := f.GetStyle(id)
		if err != nil {
			return err
		}
		switch {
		case style.CustomNumFmt != nil:
			format = *style.CustomNumFmt
		case style.NumFmt != 0:
			format = "#" + strconv.Itoa(style.NumFmt)
		}
		return nil
	})
	return format
}

// isDateFormat reports whether a number format shows a date or a time:
// Excel's built-in date formats, or a custom one with d, m, y, h or s
// outside quoted text and [colour] tags.
func isDateFormat(format string) bool {
	if n, err := strconv.Atoi(strings.TrimPrefix(format, "#")); err == nil && strings.HasPrefix(format, "#") {
		return n >= 14 && n <= 22 || n >= 45 && n <= 47 || n >= 27 && n <= 36 || n >= 50 && n <= 58
	}
	quoted, bracket := false, false
	for _, r := range strings.ToLower(format) {
		switch {
		case r == '"':
			quoted = !quoted
		case quoted:
		case r == '[':
			bracket = true
		case r == ']':
			bracket = false
		case bracket:
		case strings.ContainsRune("dmyhs", r):
			return true
		}
	}
	return false
}

// isPercentFormat reports whether a number format shows a percentage.
func isPercentFormat(format string) bool {
	return format == "#9" || format == "#10" || strings.Contains(format, "%")
}
