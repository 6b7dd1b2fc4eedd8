package site

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The public site never publishes an e-mail address or a telephone number,
// wherever a person wrote one (a note, an update, a title). scrub is the one
// place that removes them: PublicDoc runs every published text through it,
// and the pages, CSV files, workbook, JSON and ZIP are all made from that.

// emailPattern finds e-mail addresses in free text, in any script: the local
// part and the domain may hold letters of any alphabet (иван@община.бг,
// δοκιμή@παράδειγμα.ελ), the at sign may be the full-width ＠, and the dots
// of the domain the ideographic ones IDNA reads as dots. A domain is labels
// joined by dots, or an address literal in brackets.
var emailPattern = regexp.MustCompile(`[\p{L}\p{M}\p{N}!#$%&'*+/=?^_` + "`" + `{|}~.\-]+[@＠]` +
	`(?:[\p{L}\p{M}\p{N}\-]+(?:[.。．｡][\p{L}\p{M}\p{N}\-]+)+|\[[0-9A-Fa-f:.]+\])`)

// phoneWord finds, at the end of a text, a word that announces a telephone
// number ("тел.", "GSM:", "fax"), after which a shorter local number
// (981 23 45) is removed too.
var phoneWord = regexp.MustCompile(`(?i)(?:^|[^\p{L}])(?:телефон|тел|моб|gsm|факс|phone|tel|mobile|fax)\.?:?\s*[+(]?$`)

// announced tells whether a phone word stands right before byte i of s.
func announced(s string, i int) bool {
	from := max(0, i-24) // the longest word and its punctuation
	for from > 0 && !utf8.RuneStart(s[from]) {
		from--
	}
	return phoneWord.MatchString(s[from:i])
}

// Replacements of what is removed: short, the same in both languages.
const (
	emailRemoved = "[e-mail]"
	phoneRemoved = "[tel.]"
)

func scrub(s string) string {
	if strings.ContainsRune(s, '@') || strings.ContainsRune(s, '＠') {
		s = emailPattern.ReplaceAllString(s, emailRemoved)
	}
	if !strings.ContainsFunc(s, unicode.IsDigit) {
		return s
	}
	return scrubPhones(s)
}

// phoneSeparator is what people write between the digits of a number:
// spaces, hyphens, slashes, dots and brackets.
func phoneSeparator(r rune) bool {
	switch r {
	case ' ', '\u00A0', '\u202F', '\u2009', '-', '‐', '‑', '–', '/', '.', '(', ')':
		return true
	}
	return false
}

// group is one run of digits in a text: its byte span and its digits.
type group struct {
	start, end int
	digits     string
	n          int  // how many digits
	plus       bool // a + stands right before it
}

// scrubPhones removes telephone numbers: international ones (+359 2 987 6543,
// 00359 …, +44 20 7946 0958: 8 to 15 digits), Bulgarian ones written
// nationally with a leading 0 (0888 123 456, 02/981 23 45, (032) 123 456:
// 8 to 10 digits), and any number of 5 or more digits after a word such as
// "тел." or "phone". Dates (30.06.2026, 01/02/2026) and amounts are kept.
func scrubPhones(s string) string {
	var cut [][2]int
	for _, run := range digitRuns(s) {
		for i := 0; i < len(run); {
			if n := procurementNumber(s, run, i); n > 0 {
				i += n
				continue
			}
			n := phoneAt(run, i, func() bool { return announced(s, run[i].start) })
			if n == 0 {
				i++
				continue
			}
			start := run[i].start
			if run[i].plus {
				start--
			}
			// Take a bracket opened right before the number with it.
			if start > 0 && s[start-1] == '(' {
				start--
			}
			end := run[i+n-1].end
			if end < len(s) && s[end] == ')' && strings.LastIndexByte(s[start:end], '(') > strings.LastIndexByte(s[start:end], ')') {
				end++
			}
			cut = append(cut, [2]int{start, end})
			i += n
		}
	}
	if len(cut) == 0 {
		return s
	}
	var b strings.Builder
	last := 0
	for _, c := range cut {
		b.WriteString(s[last:c[0]])
		b.WriteString(phoneRemoved)
		last = c[1]
	}
	b.WriteString(s[last:])
	return b.String()
}

// digitRuns splits s into runs of digit groups joined by at most three
// separators; a run starts where no letter, digit or decimal mark precedes it.
func digitRuns(s string) [][]group {
	var runs [][]group
	var cur []group
	gap := 0 // separators since the last group
	prev := rune(0)
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case unicode.IsDigit(r):
			j := i
			var d strings.Builder
			for j < len(s) {
				r2, n2 := utf8.DecodeRuneInString(s[j:])
				if !unicode.IsDigit(r2) {
					break
				}
				d.WriteRune(r2)
				j += n2
			}
			g := group{start: i, end: j, digits: d.String(), n: utf8.RuneCountInString(d.String()), plus: prev == '+'}
			if len(cur) > 0 && (gap > 3 || g.plus) {
				runs = append(runs, cur)
				cur = nil
			}
			if len(cur) == 0 && i > 0 && !g.plus {
				// A number glued to a word or a decimal mark is not a phone's start.
				p, _ := utf8.DecodeLastRuneInString(s[:i])
				if unicode.IsLetter(p) || p == ',' || (p == '.' && i > 1 && isDigitBefore(s, i-1)) {
					i = j
					gap = 4
					prev = 0
					continue
				}
			}
			cur = append(cur, g)
			gap = 0
			i = j
			prev = 0
			continue
		case phoneSeparator(r) && len(cur) > 0:
			gap++
		case r == '+':
		default:
			if len(cur) > 0 {
				runs = append(runs, cur)
				cur = nil
			}
		}
		prev = r
		i += size
	}
	if len(cur) > 0 {
		runs = append(runs, cur)
	}
	return runs
}

func isDigitBefore(s string, i int) bool {
	r, _ := utf8.DecodeLastRuneInString(s[:i])
	return unicode.IsDigit(r)
}

// phoneAt is how many groups of run, from the i-th, make a telephone
// number (0 when they make none): the most that still fit its length.
func phoneAt(run []group, i int, announced func() bool) int {
	g := run[i]
	var min, max int
	skip := 0 // leading digits that are not part of the number (00 of 00359)
	switch {
	case g.plus && g.digits[0] != '0':
		min, max = 8, 15
	case strings.HasPrefix(g.digits, "00") && g.n > 2 && g.digits[2] != '0':
		min, max, skip = 8, 15, 2
	case g.n >= 2 && g.digits[0] == '0' && g.digits[1] != '0':
		if isDate(run, i) {
			return 0
		}
		min, max = 8, 10
	default:
		if digits(run[i:]) < 5 || !announced() {
			return 0
		}
		min, max = 5, 15
	}
	if min > 5 && digits(run[i:]) >= 5 && digits(run[i:]) < min && announced() {
		min = 5
	}
	total, best := -skip, 0
	for n := 0; i+n < len(run); n++ {
		total += run[i+n].n
		if total > max {
			break
		}
		if total >= min {
			best = n + 1
		}
	}
	return best
}

// digits counts the digits of groups, up to 16.
func digits(gs []group) int {
	n := 0
	for _, g := range gs {
		if n += g.n; n > 15 {
			break
		}
	}
	return n
}

// procurementNumber is 3 when the groups from i are a number of the public
// procurement register (00123-2024-0001: the buyer, the year, the
// procedure), which is no telephone number; else 0.
func procurementNumber(s string, run []group, i int) int {
	if i+2 >= len(run) || run[i].n != 5 || run[i+1].n != 4 || run[i+2].n != 4 ||
		s[run[i].end:run[i+1].start] != "-" || s[run[i+1].end:run[i+2].start] != "-" {
		return 0
	}
	return 3
}

// isDate: the groups from i are a day, a month and a year (01/02/2026).
func isDate(run []group, i int) bool {
	if i+2 >= len(run) {
		return false
	}
	d, m, y := run[i], run[i+1], run[i+2]
	day, month := atoi(d.digits), atoi(m.digits)
	return d.n <= 2 && m.n <= 2 && (y.n == 4 || y.n == 2) && day >= 1 && day <= 31 && month >= 1 && month <= 12
}

// atoi reads a short run of ASCII digits; any other digit makes it -1.
func atoi(s string) int {
	n := 0
	for _, r := range s {
		if r < '0' || r > '9' {
			return -1
		}
		n = n*10 + int(r-'0')
	}
	return n
}
