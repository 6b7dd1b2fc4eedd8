package pdf

import (
	"strings"
	"sync"
	"unicode/utf8"

	"codeberg.org/go-pdf/fpdf"

	"strategytracker/assets"
)

// The report measures text itself, from the advance widths of the two
// fonts, instead of asking fpdf: measuring then never selects a font in the
// PDF, and breaking a text into lines slices the string instead of copying
// it. The widths are fpdf's own, read once per process.

// metricRunes is how many code points the width tables cover: Latin,
// Greek, Cyrillic and the punctuation, currency and letter-like symbols.
const metricRunes = 0x3000

// fontMetrics are the advance widths, in thousandths of an em, of the
// regular [0] and bold [1] fonts.
type fontMetrics struct {
	cw      [2][]int32
	missing [2]int32
}

var metrics = sync.OnceValues(func() (*fontMetrics, error) {
	p := fpdf.New("P", "mm", "A4", "")
	p.AddUTF8FontFromBytes(family, "", assets.FontRegular)
	p.AddUTF8FontFromBytes(family, "B", assets.FontBold)
	m := &fontMetrics{}
	var buf [4]byte
	for k, style := range []string{"", "B"} {
		p.SetFont(family, style, 10)
		m.cw[k] = make([]int32, metricRunes)
		for c := range rune(metricRunes) {
			n := utf8.EncodeRune(buf[:], c)
			m.cw[k][c] = int32(p.GetStringSymbolWidth(string(buf[:n])))
		}
		m.missing[k] = int32(p.GetStringSymbolWidth("\uFFFD"))
	}
	return m, p.Error()
})

// bold reports whether a style string selects the bold font.
func bold(style string) int {
	if strings.Contains(style, "B") {
		return 1
	}
	return 0
}

// units is the width of s in thousandths of an em in font k.
func (m *fontMetrics) units(k int, s string) int {
	cw := m.cw[k]
	w := 0
	for _, c := range s {
		if c < metricRunes {
			w += int(cw[c])
		} else {
			w += int(m.missing[k])
		}
	}
	return w
}

// width is the width of s in millimetres in the current font.
func (r *report) width(s string) float64 {
	return float64(r.m.units(bold(r.wantStyle), s)) * r.wantSize * ptToMM / 1000
}

// numberSpace reports whether the space at s[i] is inside an amount — a
// thousands separator ("1 234"), before a unit ("12,5 %", "10,00 €") or
// after a label ("delayed: 1") — where a line must not break.
func numberSpace(s string, i int) bool {
	if s[i] != ' ' || i == 0 || i+1 >= len(s) {
		return false
	}
	next := s[i+1:]
	switch {
	case isDigit(s[i-1]):
		return isDigit(next[0]) || next[0] == '%' || strings.HasPrefix(next, "€")
	case s[i-1] == ':': // "delayed: 1"
		return isDigit(next[0])
	}
	return false
}

func isDigit(b byte) bool { return b >= '0' && b <= '9' }

// split breaks s into lines no wider than w in the current font: at spaces
// where it can (not inside amounts), inside a word too long for a line, and
// at line breaks.
// The lines are slices of s. An empty text has no lines.
func (r *report) split(s string, w float64) []string {
	if s == "" {
		return nil
	}
	k := bold(r.wantStyle)
	cw, missing := r.m.cw[k], int(r.m.missing[k])
	limit := int(w * 1000 / (r.wantSize * ptToMM))
	var lines []string
	start, sep, l := 0, -1, 0
	for i := 0; i < len(s); {
		c, n := utf8.DecodeRuneInString(s[i:])
		if c == '\n' {
			lines = append(lines, strings.TrimRight(s[start:i], " \t\r"))
			i += n
			start, sep, l = i, -1, 0
			continue
		}
		if (c == ' ' || c == '\t') && !numberSpace(s, i) {
			sep = i
		}
		if c < metricRunes {
			l += int(cw[c])
		} else {
			l += missing
		}
		if l > limit && i > start {
			if sep > start {
				lines = append(lines, strings.TrimRight(s[start:sep], " \t\r"))
				i = sep + 1
			} else {
				lines = append(lines, s[start:i])
			}
			for i < len(s) && s[i] == ' ' {
				i++
			}
			start, sep, l = i, -1, 0
			continue
		}
		i += n
	}
	if start < len(s) {
		if last := strings.TrimRight(s[start:], " \t\r"); last != "" || len(lines) == 0 {
			lines = append(lines, last)
		}
	}
	return lines
}
