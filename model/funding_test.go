package model

import "testing"

// TestCheckFunding is the one funding rule on the cases where its three
// old copies disagreed: the council report's summary counted a planned
// budget with no source as a gap, its measure cards and the measure form
// did not.
func TestCheckFunding(t *testing.T) {
	src := func(cents ...int64) []Funding {
		var out []Funding
		for _, c := range cents {
			out = append(out, Funding{Name: T("Източник", "Source"), AmountCents: c})
		}
		return out
	}
	for _, tc := range []struct {
		name       string
		funding    []Funding
		planned    int64
		wantFunded int64
		wantGap    FundingGap
	}{
		{"no budget, no source", nil, 0, 0, FundingBalanced},
		{"sources equal to the budget", src(100_00, 50_00), 150_00, 150_00, FundingBalanced},
		{"a budget and no source", nil, 150_00, 0, FundingMissing},
		{"sources short of the budget", src(100_00), 150_00, 100_00, FundingMismatch},
		{"sources over the budget", src(100_00, 100_00), 150_00, 200_00, FundingMismatch},
		{"sources and no budget", src(100_00), 0, 100_00, FundingMismatch},
		{"a source of nothing and no budget", src(0), 0, 0, FundingBalanced},
		{"a source of nothing and a budget", src(0), 150_00, 0, FundingMismatch},
	} {
		t.Run(tc.name, func(t *testing.T) {
			funded, gap := CheckFunding(tc.funding, tc.planned)
			if funded != tc.wantFunded || gap != tc.wantGap {
				t.Errorf("got %d, %d; want %d, %d", funded, gap, tc.wantFunded, tc.wantGap)
			}
			m := Measure{Funding: tc.funding, PlannedCents: tc.planned}
			if f, g := m.FundingGap(); f != funded || g != gap {
				t.Errorf("Measure.FundingGap: got %d, %d; want %d, %d", f, g, funded, gap)
			}
		})
	}
}

// TestFundingSums: the one sum by source of the council report and the
// progress workbook: cancelled measures left out, sources in the order
// they first appear, each measure counted once a source line.
func TestFundingSums(t *testing.T) {
	city, eu := T("Общински бюджет", "Municipal budget"), T("ЕС", "EU")
	var s FundingSums
	for _, m := range []Measure{
		{Funding: []Funding{{Name: eu, AmountCents: 100}, {Name: city, AmountCents: 50}}},
		{Funding: []Funding{{Name: city, AmountCents: 25}}},
		{Funding: []Funding{{Name: city, AmountCents: 1000}}, Cancelled: true},
		{},
	} {
		s.Add(&m)
	}
	want := []FundingTotal{{Name: eu, AmountCents: 100, Measures: 1}, {Name: city, AmountCents: 75, Measures: 2}}
	if got := s.Totals; len(got) != len(want) || got[0] != want[0] || got[1] != want[1] {
		t.Errorf("got %+v, want %+v", got, want)
	}
}
