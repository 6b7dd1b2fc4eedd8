package pdf

import (
	"slices"

	"strategytracker/model"
)

// YearBudget is the part of the budget that falls in one calendar year.
type YearBudget struct {
	Year         int
	PlannedCents int64
	SpentCents   int64
}

// ApportionByYear splits an amount over the calendar years of start..end
// (both days included) in proportion to the days of each year in the term,
// each share rounded half up to the cent and the remainder in the last
// year, so that the shares add up to the amount exactly. A term without
// dates, or ending before it starts, puts the whole amount in the year of
// the date it has (start, else end); with neither, in year 0.
//
// The rule is the one the PDF report and the progress workbook share for
// "budget by year"; it belongs in model once both use it.
func ApportionByYear(cents int64, start, end model.Date) []YearBudget {
	switch {
	case start == 0 && end == 0:
		return []YearBudget{{Year: 0, PlannedCents: cents}}
	case start == 0 || end < start:
		d := start
		if d == 0 {
			d = end
		}
		return []YearBudget{{Year: d.Year(), PlannedCents: cents}}
	case end == 0:
		return []YearBudget{{Year: start.Year(), PlannedCents: cents}}
	}
	days := int64(end.DaysSince(start)) + 1
	var out []YearBudget
	var given int64
	for y := start.Year(); y <= end.Year(); y++ {
		if y == end.Year() {
			out = append(out, YearBudget{Year: y, PlannedCents: cents - given})
			break
		}
		from := max(start, model.NewDate(y, 1, 1))
		to := min(end, model.NewDate(y, 12, 31))
		n := int64(to.DaysSince(from)) + 1
		share := roundDiv(cents*n, days)
		given += share
		out = append(out, YearBudget{Year: y, PlannedCents: share})
	}
	return out
}

// roundDiv is a/b rounded half away from zero, b > 0.
func roundDiv(a, b int64) int64 {
	if a < 0 {
		return -roundDiv(-a, b)
	}
	return (2*a + b) / (2 * b)
}

// BudgetByYear is the planned and spent budget of the non-cancelled
// measures by year: a measure's planned amount apportioned over its term
// (ApportionByYear), its spent amount over the part of its term up to asOf
// (money is not spent in years still to come).
func BudgetByYear(measures []model.Measure, asOf model.Date) []YearBudget {
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
		spentEnd := m.End
		if asOf != 0 && m.Start != 0 && asOf < spentEnd {
			spentEnd = max(asOf, m.Start)
		}
		add(ApportionByYear(m.SpentCents, m.Start, spentEnd), true)
	}
	out := make([]YearBudget, 0, len(by))
	for _, b := range by {
		out = append(out, *b)
	}
	slices.SortFunc(out, func(a, b YearBudget) int { return a.Year - b.Year })
	return out
}
