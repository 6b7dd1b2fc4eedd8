package xlsx

import (
	"slices"

	"strategytracker/model"
)

// Budget by year: the amounts are apportioned by model.BudgetByYear, the
// rule the council report uses too.

// budgetRow is the planned and spent budget of one area, year or source.
type budgetRow struct {
	key            string // area code, year, or "" for the total
	title          model.Text
	planned, spent int64
	measures       int
}

// budgetByYear is the budget of the non-cancelled measures of d by year.
func budgetByYear(d *model.Doc, asOf model.Date) []budgetRow {
	years := model.BudgetByYear(d.Measures, asOf)
	out := make([]budgetRow, len(years))
	for i, y := range years {
		out[i] = budgetRow{key: itoa(y.Year), planned: y.PlannedCents, spent: y.SpentCents}
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
	var sums model.FundingSums
	for _, m := range sortedMeasures(d) {
		sums.Add(m)
	}
	out := make([]budgetRow, len(sums.Totals))
	for k, f := range sums.Totals {
		out[k] = budgetRow{title: f.Name, planned: f.AmountCents, measures: f.Measures}
	}
	return out
}
