package model

import "slices"

// Budget by year. A measure records one planned and one spent amount, not
// amounts per year, so the council report and the progress workbook
// apportion them by one rule:
//
//   - the planned amount over the measure's term start..end (both days
//     included), to each calendar year in proportion to its days in the term;
//   - the spent amount likewise over start..min(end, as-of date): money is
//     not spent in years still to come;
//   - each share rounded half away from zero to the cent, the rest put in
//     the last year, so that the years add up to the amount exactly.
//
// A term without dates, or ending before it starts, puts the whole amount
// in the year of the date it has (start, else end; year 0 with neither).
// Cancelled measures are left out, as from every budget total (§2).

// YearBudget is the part of the budget that falls in one calendar year.
type YearBudget struct {
	Year         int
	PlannedCents int64
	SpentCents   int64
}

// ApportionByYear splits cents over the calendar years of start..end by
// days; the shares are in PlannedCents.
func ApportionByYear(cents int64, start, end Date) []YearBudget {
	switch {
	case start == 0 && end == 0:
		return []YearBudget{{Year: 0, PlannedCents: cents}}
	case start == 0:
		return []YearBudget{{Year: end.Year(), PlannedCents: cents}}
	case end == 0 || end < start:
		return []YearBudget{{Year: start.Year(), PlannedCents: cents}}
	}
	total := int64(end.DaysSince(start)) + 1
	out := make([]YearBudget, 0, end.Year()-start.Year()+1)
	rest := cents
	for y := start.Year(); y < end.Year(); y++ {
		days := int64(NewDate(y, 12, 31).DaysSince(max(start, NewDate(y, 1, 1)))) + 1
		share := divHalfAway(cents*days, total)
		out = append(out, YearBudget{Year: y, PlannedCents: share})
		rest -= share
	}
	return append(out, YearBudget{Year: end.Year(), PlannedCents: rest})
}

// divHalfAway is n/d rounded half away from zero (d > 0).
func divHalfAway(n, d int64) int64 {
	if n < 0 {
		return -divHalfAway(-n, d)
	}
	return (2*n + d) / (2 * d)
}

// BudgetByYear is the planned and spent budget of the non-cancelled
// measures by year, in year order.
func BudgetByYear(measures []Measure, asOf Date) []YearBudget {
	by := map[int]*YearBudget{}
	add := func(parts []YearBudget, spent bool) {
		for _, p := range parts {
			b := by[p.Year]
			if b == nil {
				b = &YearBudget{Year: p.Year}
				by[p.Year] = b
			}
			if spent {
				b.SpentCents += p.PlannedCents
			} else {
				b.PlannedCents += p.PlannedCents
			}
		}
	}
	for i := range measures {
		m := &measures[i]
		if m.Cancelled {
			continue
		}
		add(ApportionByYear(m.PlannedCents, m.Start, m.End), false)
		spentTo := m.End
		if asOf != 0 && m.Start != 0 && asOf < spentTo {
			spentTo = max(asOf, m.Start)
		}
		add(ApportionByYear(m.SpentCents, m.Start, spentTo), true)
	}
	out := make([]YearBudget, 0, len(by))
	for _, b := range by {
		out = append(out, *b)
	}
	slices.SortFunc(out, func(a, b YearBudget) int { return a.Year - b.Year })
	return out
}

// FundingGap is how a measure's funding sources stand against its planned
// budget. The rule, the one the council report's reconciliation of the
// two totals, its measure cards and the measure form all apply: the
// sources must add up to the planned budget. A planned budget with no
// source at all is a gap too (FundingMissing): it is the budget the
// funding-by-source total leaves out, and so a measure the report names
// when the totals differ.
type FundingGap int

// The ways funding can stand against the planned budget.
const (
	FundingBalanced FundingGap = iota // the sources add up to the planned budget (or there are neither)
	FundingMissing                    // a planned budget and no funding source
	FundingMismatch                   // sources adding up to another amount than the planned budget
)

// CheckFunding is the sum of the funding sources and how it stands against
// plannedCents.
func CheckFunding(funding []Funding, plannedCents int64) (fundedCents int64, gap FundingGap) {
	for _, f := range funding {
		fundedCents += f.AmountCents
	}
	switch {
	case fundedCents == plannedCents:
		return fundedCents, FundingBalanced
	case len(funding) == 0:
		return 0, FundingMissing
	}
	return fundedCents, FundingMismatch
}

// FundingGap is CheckFunding of the measure's sources and planned budget.
func (m *Measure) FundingGap() (fundedCents int64, gap FundingGap) {
	return CheckFunding(m.Funding, m.PlannedCents)
}

// FundingSums sums the planned funding by source (its name in both
// languages) of the measures added, leaving out cancelled ones, as the
// budget totals do (§2): the one sum of the council report's and the
// progress workbook's funding tables.
type FundingSums struct {
	// Totals are the sources in the order they first appear.
	Totals []FundingTotal
	index  map[Text]int
}

// Add adds the funding sources of m, unless it is cancelled.
func (s *FundingSums) Add(m *Measure) {
	if m.Cancelled {
		return
	}
	if s.index == nil {
		s.index = map[Text]int{}
	}
	for _, f := range m.Funding {
		k, ok := s.index[f.Name]
		if !ok {
			k = len(s.Totals)
			s.index[f.Name] = k
			s.Totals = append(s.Totals, FundingTotal{Name: f.Name})
		}
		s.Totals[k].AmountCents += f.AmountCents
		s.Totals[k].Measures++
	}
}
