package model

import (
	"encoding/json"
	"testing"
	"time"
)

func TestParseDate(t *testing.T) {
	tests := []struct {
		in   string
		want Date // 0: refused
	}{
		{"2026-03-15", NewDate(2026, time.March, 15)},
		{"15.03.2026", NewDate(2026, time.March, 15)},
		{" 2026-03-15 ", NewDate(2026, time.March, 15)},
		{"01.01.2000", NewDate(2000, time.January, 1)},
		{"29.02.2024", NewDate(2024, time.February, 29)},
		{"2024-02-29", NewDate(2024, time.February, 29)},
		{"29.02.2000", NewDate(2000, time.February, 29)}, // divisible by 400: leap
		{"31.12.2100", NewDate(2100, time.December, 31)},
		{"31.02.2026", 0},
		{"30.02.2024", 0},
		{"29.02.2025", 0},
		{"29.02.2100", 0}, // divisible by 100, not by 400: not leap
		{"2025-02-29", 0},
		{"2026-13-01", 0},
		{"2026-00-10", 0},
		{"2026-04-31", 0},
		{"2026-04-00", 0},
		{"00.01.2026", 0},
		{"0000-01-01", 0},
		{"2026/01/01", 0},
		{"01/01/2026", 0},
		{"2026-1-1", 0},
		{"1.1.2026", 0},
		{"2026-01-01T00:00:00Z", 0},
		{"20260101", 0},
		{"2026-0a-01", 0},
		{"+026-01-01", 0},
		{"aa.bb.cccc", 0},
		{"", 0},
		{"   ", 0},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseDate(tt.in)
			if tt.want == 0 {
				if err == nil {
					t.Fatalf("ParseDate(%q) = %v, want an error", tt.in, got)
				}
				if code := ErrorCode(err); code != EINVALID {
					t.Errorf("ParseDate(%q) error code = %q, want %q", tt.in, code, EINVALID)
				}
				return
			}
			if err != nil {
				t.Fatalf("ParseDate(%q): %v", tt.in, err)
			}
			if got != tt.want {
				t.Errorf("ParseDate(%q) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}

func TestMustDatePanicsOnBadDate(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("MustDate(\"31.02.2026\") did not panic")
		}
	}()
	MustDate("31.02.2026")
}

func TestDateFormat(t *testing.T) {
	tests := []struct {
		d      Date
		lang   Lang
		want   string
		wantST string // String()
	}{
		{NewDate(2026, time.March, 5), BG, "05.03.2026", "2026-03-05"},
		{NewDate(2026, time.March, 5), EN, "2026-03-05", "2026-03-05"},
		{NewDate(2020, time.June, 11), BG, "11.06.2020", "2020-06-11"},
		{NewDate(1969, time.December, 31), BG, "31.12.1969", "1969-12-31"}, // before the Unix epoch
		{NewDate(1, time.January, 1), EN, "0001-01-01", "0001-01-01"},
		{0, BG, "", ""},
		{0, EN, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.wantST+"/"+string(tt.lang), func(t *testing.T) {
			if got := tt.d.Format(tt.lang); got != tt.want {
				t.Errorf("Format(%s) = %q, want %q", tt.lang, got, tt.want)
			}
			if got := tt.d.String(); got != tt.wantST {
				t.Errorf("String() = %q, want %q", got, tt.wantST)
			}
		})
	}
}

func TestDateZeroAndTime(t *testing.T) {
	var zero Date
	if !zero.IsZero() {
		t.Error("zero Date: IsZero() = false")
	}
	d := NewDate(1, time.January, 1)
	if d.IsZero() {
		t.Error("0001-01-01 is the zero Date; it must stay distinct from \"no date\"")
	}
	tm := time.Date(2026, time.July, 4, 23, 59, 0, 0, time.FixedZone("EEST", 3*3600))
	if got, want := DateOf(tm), NewDate(2026, time.July, 4); got != want {
		t.Errorf("DateOf(%v) = %v, want %v (the civil date in t's location)", tm, got, want)
	}
	if got, want := NewDate(2026, time.July, 4).Time(), time.Date(2026, time.July, 4, 0, 0, 0, 0, time.UTC); !got.Equal(want) {
		t.Errorf("Time() = %v, want %v", got, want)
	}
	if got, want := NewDate(2024, time.February, 30), NewDate(2024, time.March, 1); got != want {
		t.Errorf("NewDate normalises like time.Date: got %v, want %v", got, want)
	}
	if got, want := NewDate(2031, time.May, 2).Year(), 2031; got != want {
		t.Errorf("Year() = %d, want %d", got, want)
	}
}

func TestDateArithmetic(t *testing.T) {
	tests := []struct {
		from string
		n    int
		want string
	}{
		{"2026-01-31", 1, "2026-02-01"},
		{"2026-02-28", 1, "2026-03-01"},
		{"2024-02-28", 1, "2024-02-29"},
		{"2024-02-28", 2, "2024-03-01"},
		{"2100-02-28", 1, "2100-03-01"},
		{"2000-02-28", 1, "2000-02-29"},
		{"2025-12-31", 1, "2026-01-01"},
		{"2026-03-01", -1, "2026-02-28"},
		{"2024-03-01", -1, "2024-02-29"},
		{"2024-01-01", 366, "2025-01-01"},
		{"2025-01-01", 365, "2026-01-01"},
		{"2026-06-15", 30, "2026-07-15"},
		{"2026-06-15", 0, "2026-06-15"},
		{"1970-01-02", -2, "1969-12-31"},
	}
	for _, tt := range tests {
		t.Run(tt.from, func(t *testing.T) {
			from, want := MustDate(tt.from), MustDate(tt.want)
			if got := from.AddDays(tt.n); got != want {
				t.Errorf("%s.AddDays(%d) = %s, want %s", tt.from, tt.n, got, want)
			}
			if got := want.DaysSince(from); got != tt.n {
				t.Errorf("%s.DaysSince(%s) = %d, want %d", tt.want, tt.from, got, tt.n)
			}
		})
	}
}

func TestDateJSON(t *testing.T) {
	type row struct {
		D Date `json:"d"`
	}
	tests := []struct {
		name string
		d    Date
		want string
	}{
		{"date", NewDate(2026, time.November, 30), `{"d":"2026-11-30"}`},
		{"zero is null", 0, `{"d":null}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := json.Marshal(row{tt.d})
			if err != nil {
				t.Fatal(err)
			}
			if got := string(b); got != tt.want {
				t.Errorf("Marshal = %s, want %s", got, tt.want)
			}
			var back row
			if err := json.Unmarshal(b, &back); err != nil {
				t.Fatal(err)
			}
			if back.D != tt.d {
				t.Errorf("round trip = %v, want %v", back.D, tt.d)
			}
		})
	}

	unmarshal := []struct {
		in      string
		want    Date
		wantErr bool
	}{
		{`"2024-02-29"`, NewDate(2024, time.February, 29), false},
		{`null`, 0, false},
		{`""`, 0, false},
		{`"29.02.2024"`, 0, true}, // dates in JSON are YYYY-MM-DD only
		{`"2026-02-31"`, 0, true},
		{`"2026/01/01"`, 0, true},
		{`20260101`, 0, true},
		{`true`, 0, true},
	}
	for _, tt := range unmarshal {
		t.Run("unmarshal "+tt.in, func(t *testing.T) {
			got := Date(12345) // must be overwritten or left alone on error
			err := json.Unmarshal([]byte(tt.in), &got)
			if tt.wantErr {
				if err == nil {
					t.Fatalf("Unmarshal(%s) = %v, want an error", tt.in, got)
				}
				return
			}
			if err != nil {
				t.Fatalf("Unmarshal(%s): %v", tt.in, err)
			}
			if got != tt.want {
				t.Errorf("Unmarshal(%s) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}

// TestParseDateCountsAsNewDate: ParseDate's own day count and month
// lengths agree with time.Date (NewDate) on every day from 0001-01-01 to
// 9999-12-31, leap days and century years included.
func TestParseDateCountsAsNewDate(t *testing.T) {
	day := time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC)
	for want := NewDate(1, 1, 1); day.Year() < 10000; want++ {
		y, m, d := day.Date()
		if got := civilDate(y, int(m), d); got != want {
			t.Fatalf("civilDate(%d-%02d-%02d) = %d, want %d", y, m, d, got, want)
		}
		if last := day.AddDate(0, 1, -d); d == 1 && daysIn(y, m) != last.Day() {
			t.Fatalf("daysIn(%d, %d) = %d, want %d", y, m, daysIn(y, m), last.Day())
		}
		day = day.AddDate(0, 0, 1)
	}
}
