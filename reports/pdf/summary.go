package pdf

import (
	"cmp"
	"fmt"
	"slices"

	"strategytracker/model"
)

// tile is one key figure: a label, a large value and a line under it.
type tile struct {
	label, value, sub string
	bar               func(x, y, w float64)
}

// tiles draws key figures side by side, as wide as the content; labels
// and the lines under the values take up to two lines.
func (r *report) tiles(ts ...tile) {
	const gap = 4.0
	w := (contentW - gap*float64(len(ts)-1)) / float64(len(ts))
	inner := w - 7
	lh := lineH(7.5)
	labels := make([][]string, len(ts))
	subs := make([][]string, len(ts))
	nl, ns, bar := 1, 1, 0.0
	r.setFont("", 7.5)
	for i, t := range ts {
		labels[i] = r.clamp(r.split(t.label, inner), 2, inner)
		subs[i] = r.clamp(r.split(t.sub, inner), 4, inner) // an area's status line whole, cancelled count included
		nl, ns = max(nl, len(labels[i])), max(ns, len(subs[i]))
		if t.bar != nil {
			bar = 3
		}
	}
	valueY := 2.5 + float64(nl)*lh + 0.3
	subY := valueY + lineH(17) + bar + 0.4
	h := subY + float64(ns)*lh + 2.2
	r.ensure(h)
	for i, t := range ts {
		x := marginL + float64(i)*(w+gap)
		r.rect(x, r.y, w, h, cCardFill)
		r.rect(x, r.y, 1, h, cAccent)
		r.setFont("", 7.5)
		r.setText(cMuted)
		r.lines(x+4, r.y+2.5, inner, lh, labels[i], "L")
		r.lines(x+4, r.y+subY, inner, lh, subs[i], "L")
		r.setFont("B", 17)
		r.setText(cAccent)
		r.text(x+4, r.y+valueY, inner, lineH(17), t.value, "L")
		if t.bar != nil {
			t.bar(x+4, r.y+valueY+lineH(17)+0.4, w-8)
		}
	}
	r.y += h + 5
}

// countTables writes the measures by status and the milestones by state side by side.
// countTablesH is the height of the count tables.
func countTablesH() float64 {
	const rowH = 5.6
	rows := max(len(model.Statuses), len(model.MilestoneStates)) + 1
	return lineH(9) + 2 + float64(rows+1)*rowH
}

func (r *report) countTables(s *model.Summary) {
	const rowH = 5.6
	r.ensure(countTablesH())
	half := (contentW - 8) / 2
	type line struct {
		chip  func(x, y float64)
		label string
		n     int
	}
	var left, right []line
	for _, st := range model.Statuses {
		left = append(left, line{chip: func(x, y float64) { r.chip(x, y, st, false) }, n: s.Status[st]})
	}
	for _, st := range model.MilestoneStates {
		right = append(right, line{chip: func(x, y float64) { r.stateChip(x, y, st) }, n: s.MilestoneStates[st]})
	}
	y0 := r.y
	for k, part := range []struct {
		title string
		lines []line
		total int
	}{{r.w.byStatus, left, s.Measures}, {r.w.byState, right, s.Milestones}} {
		x := marginL + float64(k)*(half+8)
		y := y0
		r.setFont("B", 9)
		r.setText(cText)
		r.text(x, y, half, lineH(9), part.title, "L")
		y += lineH(9) + 1
		r.rect(x, y, half, rowH, cHeadFill)
		r.setFont("B", headSize)
		r.setText(cMuted)
		label := r.w.status
		if k == 1 {
			label = r.w.state
		}
		r.text(x+padX, y, 40, rowH, label, "L")
		r.text(x+half-48, y, 20, rowH, r.w.count, "R")
		r.text(x+half-22, y, 20, rowH, r.w.share, "R")
		y += rowH
		for _, l := range part.lines {
			if l.chip != nil {
				l.chip(x+padX, y+(rowH-chipH)/2)
			} else {
				r.setFont("", tableSize)
				r.setText(cText)
				r.text(x+padX, y, 40, rowH, l.label, "L")
			}
			r.setFont("", tableSize)
			r.setText(cText)
			r.text(x+half-48, y, 20, rowH, r.count(l.n), "R")
			share := 0.0
			if part.total > 0 {
				share = 100 * float64(l.n) / float64(part.total)
			}
			r.setText(cMuted)
			r.text(x+half-22, y, 20, rowH, r.pct(share), "R")
			y += rowH
			r.hline(x, x+half, y, 0.15, cRule)
		}
		r.setFont("B", tableSize)
		r.setText(cText)
		r.text(x+padX, y, 40, rowH, r.w.total, "L")
		r.text(x+half-48, y, 20, rowH, r.count(part.total), "R")
		y += rowH
		r.hline(x, x+half, y, 0.3, cMuted)
		r.y = max(r.y, y)
	}
	r.y += 6
}

// legend draws the status colours from x, wrapping within the margins.
func (r *report) legend(x0 float64) {
	r.ensure(5)
	x := x0
	r.setFont("", 7)
	for _, st := range model.Statuses {
		label := st.Label(r.lang)
		w := r.width(label)
		if x+3.8+w > marginL+contentW {
			r.y += 4.5
			x = x0
		}
		r.rect(x, r.y+1.1, 2.8, 2.8, statusColour[st])
		r.setText(cText)
		r.text(x+3.8, r.y, w+0.5, 5, label, "L")
		r.setFont("", 7)
		x += 3.8 + w + 5
	}
	r.y += 5
}

// budgetSection writes the budget by priority area, by year, and by
// funding source.
func (r *report) budgetSection() {
	s := &r.sum
	r.section(r.w.budget)
	exec := func(b model.Budget) string {
		if e, ok := model.BudgetExecution(b.PlannedCents, b.SpentCents); ok {
			return r.pct(e)
		}
		return r.w.none
	}
	t := r.newTable(r.w.budgetByArea, col{r.w.area, 0, "L"}, col{r.w.planned, 34, "R"}, col{r.w.spent, 34, "R"}, col{r.w.execution, 22, "R"})
	rows := make([]*trow, 0, len(s.Areas)+1)
	for _, a := range s.Areas {
		rows = append(rows, t.row([]tcell{t.text(0, a.Code+". "+r.tr(a.Title)), t.text(1, r.eur(a.Budget.PlannedCents)),
			t.text(2, r.eur(a.Budget.SpentCents)), t.muted(3, exec(a.Budget))}))
	}
	rows = append(rows, t.row([]tcell{t.bold(0, r.w.total), t.bold(1, r.eur(s.Budget.PlannedCents)),
		t.bold(2, r.eur(s.Budget.SpentCents)), t.bold(3, exec(s.Budget))}))
	r.subsection(r.w.budgetByArea, 1, r.keepRows(t, rows))
	r.placeRows(t, rows)

	years := model.BudgetByYear(r.d.Measures, r.asOf)
	t = r.newTable(r.w.budgetByYear, col{r.w.year, 0, "L"}, col{r.w.planned, 34, "R"}, col{r.w.spent, 34, "R"}, col{r.w.execution, 22, "R"})
	rows = rows[:0]
	for _, y := range years {
		label := r.w.none
		if y.Year != 0 {
			label = fmt.Sprint(y.Year)
		}
		b := model.Budget{PlannedCents: y.PlannedCents, SpentCents: y.SpentCents}
		rows = append(rows, t.row([]tcell{t.text(0, label), t.text(1, r.eur(y.PlannedCents)), t.text(2, r.eur(y.SpentCents)), t.muted(3, exec(b))}))
	}
	var yp, ys int64
	for _, y := range years {
		yp, ys = yp+y.PlannedCents, ys+y.SpentCents
	}
	rows = append(rows, t.row([]tcell{t.bold(0, r.w.total), t.bold(1, r.eur(yp)), t.bold(2, r.eur(ys)),
		t.bold(3, exec(model.Budget{PlannedCents: yp, SpentCents: ys}))}))
	r.notedTable(r.w.budgetByYear, t, rows, r.w.byYearNote)
	r.fundingTable(s)
}

// fundingTable writes the budget by funding source, largest first, and
// the total.
func (r *report) fundingTable(s *model.Summary) {
	funding := slices.Clone(s.Funding)
	slices.SortStableFunc(funding, func(a, b model.FundingTotal) int { return cmp.Compare(b.AmountCents, a.AmountCents) })
	t := r.newTable(r.w.fundingTitle, col{r.w.fundingSource, 0, "L"}, col{r.w.measures, 22, "R"}, col{r.w.planned, 38, "R"}, col{r.w.share, 20, "R"})
	var sum int64
	for _, f := range funding {
		sum += f.AmountCents
	}
	rows := make([]*trow, 0, len(funding)+1)
	for _, f := range funding {
		share := 0.0
		if sum > 0 {
			share = 100 * float64(f.AmountCents) / float64(sum)
		}
		rows = append(rows, t.row([]tcell{t.text(0, r.tr(f.Name)), t.text(1, r.count(f.Measures)),
			t.text(2, r.eur(f.AmountCents)), t.muted(3, r.pct(share))}))
	}
	rows = append(rows, t.row([]tcell{t.bold(0, r.w.total), {}, t.bold(2, r.eur(sum)), t.muted(3, r.pct(100))}))
	note := r.w.fundingNote
	if diff := s.Budget.PlannedCents - sum; diff != 0 {
		// Reconcile the two totals: the planned budget and what the
		// funding lines add up to, and name the measures where they differ.
		rows = append(rows, t.row([]tcell{t.text(0, r.w.plannedBudget), {}, t.text(2, r.eur(s.Budget.PlannedCents)), {}}),
			t.row([]tcell{t.red(0, r.w.unfunded), {}, t.red(2, r.eur(diff)), {}}))
		codes := r.fundingMismatches()
		if len(codes) > 20 {
			codes = append(codes[:20:20], "… ("+r.count(len(codes))+")")
		}
		note += " " + fmt.Sprintf(r.w.fundingDiffers, joinCodes(codes))
	}
	r.notedTable(r.w.fundingTitle, t, rows, note)
}

// fundingMismatches are the codes of the live measures whose funding
// lines do not add up to their planned budget, or that have a planned
// budget and no line (model.CheckFunding): those the two totals differ by.
func (r *report) fundingMismatches() []string {
	var out []string
	for _, i := range r.measures {
		m := &r.d.Measures[i]
		if m.Cancelled {
			continue
		}
		if _, gap := m.FundingGap(); gap != model.FundingBalanced {
			out = append(out, m.Code)
		}
	}
	return out
}

// notedTable writes a titled table with a note under it, kept together
// when a page holds them.
func (r *report) notedTable(title string, t *table, rows []*trow, note string) {
	r.setFont("", 7.5)
	ls := r.split(note, contentW)
	r.subsection(title, 1, r.keepRows(t, rows)+float64(len(ls))*lineH(7.5))
	r.placeRows(t, rows)
	r.y -= 2
	r.paraLines(marginL, contentW, ls, "", 7.5, cMuted)
	r.y += 4
}
