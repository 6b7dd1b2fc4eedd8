package model

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Date is a civil date without time zone, counted in days so that the rules
// of DESIGN.md §2 are plain integer arithmetic. The zero Date means "no date".
type Date int32

// epochOffset makes 0001-01-01 day 1, so that the zero value stays free for "none".
const epochOffset = 719163 // days from 0001-01-01 to 1970-01-01, plus one

// NewDate returns the Date y-m-d; it normalises like time.Date.
func NewDate(y int, m time.Month, d int) Date {
	t := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	return Date(t.Unix()/86400 + epochOffset)
}

// DateOf returns the civil date of t in t's location.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return NewDate(y, m, d)
}

// Time returns midnight UTC of d.
func (d Date) Time() time.Time {
	return time.Unix(int64(d-epochOffset)*86400, 0).UTC()
}

// IsZero reports whether d is "no date".
func (d Date) IsZero() bool { return d == 0 }

// AddDays returns d moved by n days.
func (d Date) AddDays(n int) Date { return d + Date(n) }

// DaysSince returns d − other in days.
func (d Date) DaysSince(other Date) int { return int(d - other) }

// Year returns the year of d.
func (d Date) Year() int { return d.Time().Year() }

// String returns YYYY-MM-DD, or "" for the zero Date.
func (d Date) String() string {
	if d == 0 {
		return ""
	}
	return d.Time().Format("2006-01-02")
}

// EnglishDateLayout is the one English form of a date in everything the
// program shows or writes for people (app, PDF, workbook, site):
// "30 Nov 2026". The exchange format keeps YYYY-MM-DD (String).
const EnglishDateLayout = "2 Jan 2006"

// Format returns d as people of lang write it: dd.mm.yyyy in Bulgarian,
// "30 Nov 2026" in English (EnglishDateLayout).
func (d Date) Format(lang Lang) string {
	if d == 0 {
		return ""
	}
	if lang == BG {
		return d.Time().Format("02.01.2006")
	}
	return d.Time().Format(EnglishDateLayout)
}

// ParseDate reads YYYY-MM-DD or dd.mm.yyyy and refuses impossible dates such
// as 31.02.2026 (time.Parse would normalise nothing, but we check anyway).
func ParseDate(s string) (Date, error) {
	s = strings.TrimSpace(s)
	notDate := func() error { return Errorf(EINVALID, "%q is not a date (use YYYY-MM-DD or dd.mm.yyyy)", s) }
	var y, m, d int
	var err error
	switch {
	case len(s) == 10 && s[4] == '-' && s[7] == '-':
		y, m, d, err = parseDateParts(s[0:4], s[5:7], s[8:10])
	case len(s) == 10 && s[2] == '.' && s[5] == '.':
		y, m, d, err = parseDateParts(s[6:10], s[3:5], s[0:2])
	case strings.Count(s, " ") == 2:
		t, perr := time.Parse(EnglishDateLayout, s) // as Format writes it in English
		if perr != nil {
			return 0, notDate()
		}
		return DateOf(t), nil
	default:
		return 0, notDate()
	}
	if err != nil {
		return 0, notDate()
	}
	if y < 1 || m < 1 || m > 12 || d < 1 || d > daysIn(y, time.Month(m)) {
		return 0, Errorf(EINVALID, "%q is not a valid date", s)
	}
	return civilDate(y, m, d), nil
}

// civilDate is NewDate(y, m, d) for a valid date, counted without
// time.Date (days_from_civil of the proleptic Gregorian calendar): reading
// a file parses tens of thousands of dates.
func civilDate(y, m, d int) Date {
	if m <= 2 {
		y--
	}
	era := y / 400 // y ≥ 0: ParseDate's years start at 1
	yoe := y - era*400
	doy := (153*((m+9)%12)+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return Date(era*146097 + doe - 719468 + epochOffset)
}

// MustDate is ParseDate for constants in code and tests.
func MustDate(s string) Date {
	d, err := ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

func parseDateParts(ys, ms, ds string) (y, m, d int, err error) {
	for _, p := range []string{ys, ms, ds} {
		for _, r := range p {
			if r < '0' || r > '9' {
				return 0, 0, 0, fmt.Errorf("not a digit")
			}
		}
	}
	y, _ = strconv.Atoi(ys)
	m, _ = strconv.Atoi(ms)
	d, _ = strconv.Atoi(ds)
	return y, m, d, nil
}

func daysIn(y int, m time.Month) int {
	switch m {
	case time.February:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case time.April, time.June, time.September, time.November:
		return 30
	}
	return 31
}

// MarshalJSON writes "YYYY-MM-DD", or null for the zero Date.
func (d Date) MarshalJSON() ([]byte, error) {
	if d == 0 {
		return []byte("null"), nil
	}
	return []byte(`"` + d.String() + `"`), nil
}

// UnmarshalJSON reads "YYYY-MM-DD" or null.
func (d *Date) UnmarshalJSON(b []byte) error {
	s := string(b)
	if s == "null" || s == `""` {
		*d = 0
		return nil
	}
	if len(s) < 2 || s[0] != '"' || s[len(s)-1] != '"' {
		return Errorf(EINVALID, "%s is not a date", s)
	}
	v, err := ParseDate(s[1 : len(s)-1])
	if err != nil {
		return err
	}
	if strings.Contains(s, ".") {
		return Errorf(EINVALID, "%s: dates in JSON are written YYYY-MM-DD", s)
	}
	*d = v
	return nil
}
