package model

import (
	"errors"
	"fmt"
	"slices"
	"testing"
)

func TestCompareCodes(t *testing.T) {
	tests := []struct {
		a, b string
		want int // sign
	}{
		{"1.9", "1.10", -1},
		{"1.10", "1.9", 1},
		{"A2", "A10", -1},
		{"A10", "A2", 1},
		{"G1", "G1", 0},
		{"1.2", "1.2", 0},
		{"", "", 0},
		{"1", "1.1", -1}, // a prefix comes first
		{"1.1", "1", 1},
		{"A", "A1", -1},
		{"1.2", "1.2.3", -1},
		{"1.2.3", "1.3", -1},
		{"2.1", "10.1", -1},
		{"9", "10", -1},
		{"A1", "B1", -1},
		{"U02", "U10", -1},
		{"U2", "U02", 1}, // equal numbers: fall back to the text so the order is total
		{"A02", "A1", 1}, // numbers compare by value, leading zeros aside
		{"1.010", "1.9", 1},
		{"", "1", -1},
		{"1a", "1b", -1},
		{"100000000000000000000", "99999999999999999999", 1}, // longer than int64
	}
	for _, tt := range tests {
		t.Run(tt.a+" vs "+tt.b, func(t *testing.T) {
			got := CompareCodes(tt.a, tt.b)
			if sign(got) != tt.want {
				t.Errorf("CompareCodes(%q, %q) = %d, want sign %d", tt.a, tt.b, got, tt.want)
			}
			if back := CompareCodes(tt.b, tt.a); sign(back) != -tt.want {
				t.Errorf("CompareCodes(%q, %q) = %d, want sign %d", tt.b, tt.a, back, -tt.want)
			}
		})
	}
}

func sign(n int) int {
	switch {
	case n < 0:
		return -1
	case n > 0:
		return 1
	}
	return 0
}

func TestCompareCodesSorts(t *testing.T) {
	got := []string{"10.1", "1.10", "2.1", "1.2", "1.9", "1.1", "1.2.1"}
	slices.SortFunc(got, CompareCodes)
	want := []string{"1.1", "1.2", "1.2.1", "1.9", "1.10", "2.1", "10.1"}
	if !slices.Equal(got, want) {
		t.Errorf("sorted = %v, want %v", got, want)
	}
}

func TestSortedAreas(t *testing.T) {
	in := []Area{{Code: "A10", Order: 1}, {Code: "A3", Order: 2}, {Code: "A9", Order: 1}, {Code: "A1", Order: 0}}
	got := SortedAreas(in)
	var codes []string
	for _, a := range got {
		codes = append(codes, a.Code)
	}
	if want := []string{"A1", "A9", "A10", "A3"}; !slices.Equal(codes, want) {
		t.Errorf("SortedAreas = %v, want %v", codes, want)
	}
	if in[0].Code != "A10" {
		t.Error("SortedAreas changed its argument")
	}
}

func TestTextIn(t *testing.T) {
	tests := []struct {
		text   Text
		lang   Lang
		want   string
		wantMT bool // IsEmpty
	}{
		{T("София", "Sofia"), BG, "София", false},
		{T("София", "Sofia"), EN, "Sofia", false},
		{T("", "Sofia"), BG, "Sofia", false},
		{T("София", ""), EN, "София", false},
		{T("", ""), EN, "", true},
		{T("  ", "\t"), BG, "  ", true},
	}
	for _, tt := range tests {
		if got := tt.text.In(tt.lang); got != tt.want {
			t.Errorf("%+v.In(%s) = %q, want %q", tt.text, tt.lang, got, tt.want)
		}
		if got := tt.text.IsEmpty(); got != tt.wantMT {
			t.Errorf("%+v.IsEmpty() = %v, want %v", tt.text, got, tt.wantMT)
		}
	}
}

func TestParseLang(t *testing.T) {
	tests := []struct {
		in      string
		want    Lang
		wantErr bool
	}{
		{"bg", BG, false},
		{"EN", EN, false},
		{" en ", EN, false},
		{"", BG, false},
		{"de", "", true},
		{"bulgarian", "", true},
	}
	for _, tt := range tests {
		got, err := ParseLang(tt.in)
		if (err != nil) != tt.wantErr || got != tt.want {
			t.Errorf("ParseLang(%q) = %q, %v; want %q, error %v", tt.in, got, err, tt.want, tt.wantErr)
		}
		if err != nil && ErrorCode(err) != EINVALID {
			t.Errorf("ParseLang(%q) error code %q, want %q", tt.in, ErrorCode(err), EINVALID)
		}
	}
}

func TestErrorCodeAndMessage(t *testing.T) {
	tests := []struct {
		name     string
		err      error
		wantCode string
		wantMsg  string
	}{
		{"nil", nil, "", ""},
		{"application error", Errorf(ENOTFOUND, "measure %q does not exist", "9.9"), ENOTFOUND, `measure "9.9" does not exist`},
		{"wrapped application error", fmt.Errorf("loading: %w", Errorf(ECONFLICT, "changed by someone else")), ECONFLICT, "changed by someone else"},
		{"foreign error", errors.New("disk full"), EINTERNAL, "internal error: disk full"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ErrorCode(tt.err); got != tt.wantCode {
				t.Errorf("ErrorCode = %q, want %q", got, tt.wantCode)
			}
			if got := ErrorMessage(tt.err); got != tt.wantMsg {
				t.Errorf("ErrorMessage = %q, want %q", got, tt.wantMsg)
			}
		})
	}
}

func TestFindPerson(t *testing.T) {
	d := &Doc{People: []Person{
		{ID: 1, Name: T("Мария Иванова", "Maria Ivanova"), Email: "m.ivanova@sofia.bg"},
		{ID: 2, Name: T("Георги Петров", "Georgi Petrov")}, // no e-mail
		{ID: 3, Name: T("Елена", "")},
		{ID: 4, Name: T("Иван Колев", "Ivan Kolev"), Email: "i.kolev@sofia.bg"},
		{ID: 5, Name: T("Иван Колев", "Ivan Kolev"), Email: "ivan.kolev@sofia.bg"},
	}}
	tests := []struct {
		ref    string
		wantID ID // 0: nobody
	}{
		{"m.ivanova@sofia.bg", 1},
		{"M.Ivanova@Sofia.BG", 1},
		{"мария иванова", 1},
		{"maria ivanova", 1},
		{" Georgi Petrov ", 2},
		{"2", 2},
		{"Елена", 3},
		{"", 0},   // an empty name names nobody, even a person without e-mail
		{"  ", 0}, // nor does a blank one
		{"Мария", 0},
		{"nobody@sofia.bg", 0},
		{"9", 0},
		{"Иван Колев", 0}, // two people answer to it: ambiguous
		{"ivan.kolev@sofia.bg", 5},
	}
	for _, tt := range tests {
		t.Run(tt.ref, func(t *testing.T) {
			p, err := d.FindPerson(tt.ref)
			var got ID
			if p != nil {
				got = p.ID
			} else if err == nil || ErrorMessage(err) == "" {
				t.Errorf("FindPerson(%q) found nobody without saying why", tt.ref)
			}
			if got != tt.wantID {
				t.Errorf("FindPerson(%q) = person %d, want %d", tt.ref, got, tt.wantID)
			}
		})
	}
}

func TestDocLookups(t *testing.T) {
	d := validDoc()
	if m := d.Measure(1); m == nil || m.Code != "1.1" {
		t.Errorf("Measure(1) = %v", m)
	}
	if m := d.Measure(99); m != nil {
		t.Errorf("Measure(99) = %v, want nil", m)
	}
	if m := d.MeasureByCode("1.1"); m == nil || m.ID != 1 {
		t.Errorf("MeasureByCode(1.1) = %v", m)
	}
	if m := d.MeasureByCode("1.10"); m != nil {
		t.Errorf("MeasureByCode(1.10) = %v, want nil", m)
	}
	if p := d.Person(2); p == nil || p.Unit != "UMC" {
		t.Errorf("Person(2) = %v", p)
	}
	if u := d.Unit("IS"); u == nil || u.Kind != UnitDirectorate {
		t.Errorf("Unit(IS) = %v", u)
	}
	if a := d.Area("A2"); a == nil || a.Order != 2 {
		t.Errorf("Area(A2) = %v", a)
	}
	if ms, m := d.MilestoneByID(1); ms == nil || m == nil || m.Code != "1.1" {
		t.Errorf("MilestoneByID(1) = %v, %v", ms, m)
	}
	if ms, m := d.MilestoneByID(2); ms != nil || m != nil {
		t.Errorf("MilestoneByID(2) = %v, %v; want nils", ms, m)
	}
	if k, m := d.KPIByID(1); k == nil || m == nil || k.TargetValue != 80 {
		t.Errorf("KPIByID(1) = %v, %v", k, m)
	}
	// lookups return pointers into the document
	d.MeasureByCode("1.1").Weight = 7
	if d.Measures[0].Weight != 7 {
		t.Error("MeasureByCode does not return a pointer into the document")
	}
	if got := d.MilestoneCount(); got != 1 {
		t.Errorf("MilestoneCount = %d, want 1", got)
	}
}
