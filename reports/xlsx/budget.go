package xlsx

import (
	"slices"

	"strategytracker/model"
)

// Budget by year. Measures record one planned and one spent amount each,
// not amounts per year, so the workbook — with the PDF report, by the same
// rule — apportions them:
//
//   - the planned amount over the measure's term start..end (both days
//     included), to each calendar year in proportion to its days in the
//     term;
//   - the spent amount likewise over start..min(end, as-of date): money is
//     not spent in years still to come;
//   - each share rounded half away from zero to the cent, the rest put in
//     the last year, so that the years add up to the amount exactly.
//
// A term without dates, or ending before it starts, puts the whole amount
// in the year of the date it has. Cancelled measures are left out, as from
// every budget total (DESIGN.md §2).

// yearAmount is an amount that falls in one calendar year.
type yearAmount struct {
	year  int
	cents int64
}

// byYear splits cents over the calendar years of from..to by days.
func byYear(cents int64, from, to model.Date) []yearAmount {
	switch {
	case from == 0 && to == 0:
		return []yearAmount{{0, cents}}
	case from == 0:
		return []yearAmount{{to.Year(), cents}}
	case to == 0 || to < from:
		return []yearAmount{{from.Year(), cents}}
	}
	total := int64(to.DaysSince(from)) + 1
	out := make([]yearAmount, 0, to.Year()-from.Year()+1)
	rest := cents
	for y := from.Year(); y < to.Year(); y++ {
		days := int64(model.NewDate(y, 12, 31).DaysSince(max(from, model.NewDate(y, 1, 1)))) + 1
		share := halfAwayDiv(cents*days, total)
		out = append(out, yearAmount{y, share})
		rest -= share
	}
	return append(out, yearAmount{to.Year(), rest})
}

// halfAwayDiv is n/d rounded half away from zero (d > 0).
func halfAwayDiv(n, d int64) int64 {
	if n < 0 {
		return -halfAwayDiv(-n, d)
	}
	return (2*n + d) / (2 * d)
}

// budgetRow is the planned and spent budget of one area, year or source.
type budgetRow struct {
	key            string // area code, year, or "" for the total
	title          model.Text
	planned, spent int64
	measures       int
}

// budgetByYear is the budget of the non-cancelled measures of d by year.
func budgetByYear(d *model.Doc, asOf model.Date) []budgetRow {
	by := map[int]*budgetRow{}
	add := func(parts []yearAmount, spent bool) {
		for _, p := range parts {
			r := by[p.year]
			if r == nil {
				r = &budgetRow{key: itoa(p.year)}
				by[p.year] = r
			}
			if spent {
				r.spent += p.cents
			} else {
				r.planned += p.cents
			}
		}
	}
	for i := range d.Measures {
		m := &d.Measures[i]
		if m.Cancelled {
			continue
		}
		add(byYear(m.PlannedCents, m.Start, m.End), false)
		spentTo := m.End
		if m.Start != 0 && asOf < spentTo {
			spentTo = max(asOf, m.Start)
		}
		add(byYear(m.SpentCents, m.Start, spentTo), true)
	}
	years := make([]int, 0, len(by))
	for y := range by {
		years = append(years, y)
	}
	slices.Sort(years)
	out := make([]budgetRow, len(years))
	for i, y := range years {
		out[i] = *by[y]
	}
	return out
}

// budgetByArea is the budget of the non-cancelled measures of d by area,
// in the areas' order.
func budgetByArea(d *model.Doc) []budgetRow {
	areas := slices.Clone(d.Areas)
	slices.SortStableFunc(areas, func(a, b model.Area) int {
		if a.Order != b.Order {
			return a.Order - b.Order
		}
		return model.CompareCodes(a.Code, b.Code)
	})
	index := map[string]int{}
	out := make([]budgetRow, len(areas))
	for i, a := range areas {
		out[i] = budgetRow{key: a.Code, title: a.Title}
		index[a.Code] = i
	}
	for i := range d.Measures {
		m := &d.Measures[i]
		k, ok := index[m.Area]
		if m.Cancelled || !ok {
			continue
		}
		out[k].planned += m.PlannedCents
		out[k].spent += m.SpentCents
		out[k].measures++
	}
	return out
}

// fundingTotals sums each funding source's planned amount over the
// non-cancelled measures, in order of first appearance by measure code.
// Spending is not recorded per source, so none is given per source (the
// PDF report says the same): the spent amount is the whole budget's.
func fundingTotals(d *model.Doc) []budgetRow {
	var out []budgetRow
	index := map[model.Text]int{}
	for _, m := range sortedMeasures(d) {
		if m.Cancelled {
			continue
		}
		for _, fs := range m.Funding {
			k, ok := index[fs.Name]
			if !ok {
				k = len(out)
				index[fs.Name] = k
				out = append(out, budgetRow{title: fs.Name})
			}
			out[k].planned += fs.AmountCents
			out[k].measures++
		}
	}
	return out
}
