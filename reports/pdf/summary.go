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
		subs[i] = r.clamp(r.split(t.sub, inner), 2, inner)
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

// summary writes the executive summary.
func (r *report) summary() {
	s := &r.sum
	r.section(r.w.summary)

	budget := r.w.none
	if e, ok := model.BudgetExecution(s.Budget.PlannedCents, s.Budget.SpentCents); ok {
		budget = r.pct(e)
	}
	overdue := s.MilestoneStates[model.StateOverdue]
	r.tiles(
		tile{label: r.w.overall, value: r.pct(float64(s.Progress)),
			sub: fmt.Sprintf(r.w.expected, r.pct(float64(s.Expected))),
			bar: func(x, y, w float64) { r.progressBar(x, y, w, 2, float64(s.Progress), float64(s.Expected), cAccent) }},
		tile{label: r.w.measures + " / " + r.w.milestones, value: r.count(s.Measures) + " / " + r.count(s.Milestones),
			sub: r.countsLine(s)},
		tile{label: r.w.budgetExec, value: budget,
			sub: fmt.Sprintf(r.w.spentOf, r.eur(s.Budget.SpentCents), r.eur(s.Budget.PlannedCents))},
	)

	// Key figures since the last report.
	since := r.w.keyNoSince
	completed, changed := r.w.none, r.w.none
	if sn := r.changes.Since; sn != nil {
		since = fmt.Sprintf(r.w.keySince, sn.Name, r.date(sn.AsOf))
		completed = r.count(len(r.changes.Completed))
		changed = r.count(len(r.changes.StatusChanges))
	}
	r.minor(r.w.keyFigures+" — "+since, 27)
	r.tiles(
		tile{label: r.w.completedSince, value: completed, sub: fmt.Sprintf(r.w.totalDone, r.count(s.MilestoneStates[model.StateDone]))},
		tile{label: r.w.overdueNow, value: r.count(overdue), sub: fmt.Sprintf(r.w.asOf, r.date(r.asOf))},
		tile{label: r.w.statusChanged, value: changed, sub: fmt.Sprintf(r.w.ofMeasures, r.count(s.Measures))},
	)

	r.countTables(s)
	r.areaBars(s)
	r.fundingTable(s)
}

// countsLine is e.g. "75 done · 6 overdue".
func (r *report) countsLine(s *model.Summary) string {
	return fmt.Sprintf(r.w.doneOverdue, r.count(s.MilestoneStates[model.StateDone]), r.count(s.MilestoneStates[model.StateOverdue]))
}

// countTables writes the measures by status and the milestones by state side by side.
func (r *report) countTables(s *model.Summary) {
	const rowH = 5.6
	rows := max(len(model.Statuses), len(model.MilestoneStates)) + 1
	r.ensure(lineH(9) + 2 + float64(rows+1)*rowH)
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
		right = append(right, line{label: st.Label(r.lang), n: s.MilestoneStates[st]})
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

// areaBars draws a horizontal bar per area, stacked by status, with a legend.
func (r *report) areaBars(s *model.Summary) {
	if len(s.Areas) == 0 {
		return
	}
	const labelW, rightW, rowH = 62.0, 24.0, 8.0
	barW := contentW - labelW - rightW
	r.subsection(r.w.areasByStatus, -1, rowH+10)
	r.setFont("", headSize)
	r.setText(cMuted)
	r.text(marginL+labelW+barW, r.y-lineH(headSize)-1, rightW, lineH(headSize), r.w.progress, "R")
	for _, a := range s.Areas {
		r.ensure(rowH)
		r.setFont("", 7.8)
		ls := r.clamp(r.split(a.Code+". "+a.Title.In(r.lang), labelW-3), 2, labelW-3)
		r.setText(cText)
		r.lines(marginL, r.y+(rowH-float64(len(ls))*lineH(7.8))/2, labelW-3, lineH(7.8), ls, "L")
		x := marginL + labelW
		by := r.y + 1.6
		bh := rowH - 3.2
		if a.Measures == 0 {
			r.rect(x, by, barW, bh, cTrack)
		}
		for _, st := range model.Statuses {
			n := a.Status[st]
			if n == 0 {
				continue
			}
			w := barW * float64(n) / float64(a.Measures)
			c := statusColour[st]
			r.rect(x, by, w, bh, c)
			label := r.count(n)
			r.setFont("B", 7)
			if r.width(label)+1.5 <= w {
				r.setText(onColour(c))
				r.text(x, by, w, bh, label, "C")
			}
			x += w
		}
		r.setFont("", 7.8)
		r.setText(cText)
		r.text(marginL+labelW+barW, r.y, rightW, rowH, r.pct(float64(a.Progress)), "R")
		r.y += rowH
	}
	r.y += 1.5
	r.legend()
	r.y += 4
}

// legend draws the status colours in one line.
func (r *report) legend() {
	r.ensure(5)
	x := marginL + 62
	r.setFont("", 7)
	for _, st := range model.Statuses {
		label := st.Label(r.lang)
		r.rect(x, r.y+1.1, 2.8, 2.8, statusColour[st])
		r.setText(cText)
		w := r.width(label)
		r.text(x+3.8, r.y, w+1, 5, label, "L")
		x += w + 8
	}
	r.y += 5
}

// fundingTable writes the budget by funding source, largest first, and
// the total; the budget's planned and spent totals are in the tiles above.
func (r *report) fundingTable(s *model.Summary) {
	funding := slices.Clone(s.Funding)
	slices.SortStableFunc(funding, func(a, b model.FundingTotal) int { return cmp.Compare(b.AmountCents, a.AmountCents) })
	t := r.newTable(r.w.budget, col{r.w.fundingSource, 0, "L"}, col{r.w.measures, 22, "R"}, col{r.w.planned, 38, "R"}, col{r.w.share, 20, "R"})
	var sum int64
	for _, f := range funding {
		sum += f.AmountCents
	}
	rows := make([]*trow, 0, len(funding)+1)
	height := t.headH
	for _, f := range funding {
		share := 0.0
		if sum > 0 {
			share = 100 * float64(f.AmountCents) / float64(sum)
		}
		rows = append(rows, t.row([]tcell{t.text(0, f.Name.In(r.lang)), t.text(1, r.count(f.Measures)),
			t.text(2, r.eur(f.AmountCents)), t.muted(3, r.pct(share))}))
		height += rows[len(rows)-1].h
	}
	rows = append(rows, t.row([]tcell{t.bold(0, r.w.total), {}, t.bold(2, r.eur(sum)), t.muted(3, r.pct(100))}))
	height += rows[len(rows)-1].h
	// Keep the title with the header and a few rows; the rest may follow
	// on the next page under a repeated header.
	r.subsection(r.w.budget, -1, min(height, t.headH+30))
	for _, rw := range rows {
		t.place(rw)
	}
	t.end()
	r.para(marginL, contentW, r.w.fundingNote, "", 7.5, cMuted)
}
