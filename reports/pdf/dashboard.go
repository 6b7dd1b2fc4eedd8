package pdf

import (
	"fmt"

	"codeberg.org/go-pdf/fpdf"

	"strategytracker/model"
)

// dashboard writes the one-page overview: overall progress now and at the
// previous report, the gap to expected progress then and now, the budget
// executed, every area's progress and its change, the status counts with
// their change, and the measures of each goal by status.
func (r *report) dashboard() {
	s := &r.sum
	r.section(r.w.dashboard)
	var ps *model.Summary
	if r.prev != nil {
		ps = &r.prev.Summary
	}
	thenLine := func(format string, args ...any) string {
		if ps == nil {
			return r.w.noPrevious
		}
		return fmt.Sprintf(format, args...)
	}
	budget := r.w.none
	if e, ok := model.BudgetExecution(s.Budget.PlannedCents, s.Budget.SpentCents); ok {
		budget = r.pct(e)
	}
	var prevProgress, prevExpected float64
	if ps != nil {
		prevProgress, prevExpected = float64(ps.Progress), float64(ps.Expected)
	}
	r.tiles(
		tile{label: r.w.overall, value: r.pct(float64(s.Progress)),
			sub: thenLine(r.w.thenChange, r.pct(prevProgress), r.change(float64(s.Progress), prevProgress)),
			bar: func(x, y, w float64) { r.progressBar(x, y, w, 2, float64(s.Progress), float64(s.Expected), cAccent) }},
		tile{label: fmt.Sprintf(r.w.gapLabel, r.pct(float64(s.Expected))), value: r.gapValue(float64(s.Expected), float64(s.Progress)),
			sub: thenLine(r.w.thenGap, r.gapValue(prevExpected, prevProgress))},
		tile{label: r.w.budgetExec, value: budget,
			sub: fmt.Sprintf(r.w.spentOf, r.eur(s.Budget.SpentCents), r.eur(s.Budget.PlannedCents))},
	)
	r.statusStrip(ps)
	r.areaProgressTable(ps)
	r.goalBars()
}

// gapValue is how far progress is behind expected, in points, computed
// from the figures as printed (one decimal) so that the difference shown
// is the difference of the figures beside it; ahead is shown with its own
// word.
func (r *report) gapValue(expected, progress float64) string {
	gap := model.Round1(model.Round1(expected) - model.Round1(progress))
	if gap == 0 {
		gap = 0 // no "-0,0"
	}
	if gap < 0 {
		return model.FormatPoints(-gap, r.lang) + " " + r.w.ahead
	}
	return model.FormatPoints(gap, r.lang)
}

// statusStrip writes the measures by status, each with its change since
// the previous report as an arrow and a number, and the milestones overdue.
func (r *report) statusStrip(ps *model.Summary) {
	const rowH = 12.0
	r.minor(r.w.byStatus, rowH+2)
	n := len(model.Statuses)
	w := contentW / float64(n)
	y := r.y
	r.rect(marginL, y, contentW, rowH, cCardFill)
	for k, st := range model.Statuses {
		x := marginL + float64(k)*w + 2
		r.chip(x, y+1.5, st, false)
		r.setFont("B", 13)
		r.setText(cText)
		now := s0(r.sum.Status, st)
		v := r.count(now)
		r.text(x, y+5.6, w-4, lineH(13), v, "L")
		if ps != nil {
			r.setFont("B", 13)
			vx := x + r.width(v) + 1.8
			r.delta(vx, y+5.6+lineH(13)/2, now-s0(ps.Status, st), st)
		}
	}
	r.y = y + rowH + 1
	r.setFont("", 7)
	r.setText(cMuted)
	note := r.w.arrowsNote
	if ps == nil {
		note = r.w.noPrevious
	}
	r.text(marginL, r.y, contentW, lineH(7), note, "L")
	r.y += lineH(7) + 4
}

func s0(c model.StatusCounts, st model.Status) int { return c[st] }

// delta draws a change in a count: a triangle up or down and the number,
// or "±0", with its middle at y.
func (r *report) delta(x, y float64, d int, st model.Status) {
	r.setFont("", 8)
	if d == 0 {
		r.setText(cMuted)
		r.text(x, y-lineH(8)/2, 12, lineH(8), "±0", "L")
		return
	}
	// More completed or on track is good; more at risk or delayed is not.
	good := st == model.StatusCompleted || st == model.StatusOnTrack
	c := statusColour[model.StatusOnTrack]
	if (d > 0) != good {
		c = statusColour[model.StatusDelayed]
	}
	if st == model.StatusNotStarted || st == model.StatusCancelled {
		c = cMuted
	}
	r.setFill(c)
	const s = 1.7
	pt := func(x, y float64) fpdf.PointType { return fpdf.PointType{X: x, Y: y} }
	if d > 0 {
		r.pdf.Polygon([]fpdf.PointType{pt(x, y+s*0.6), pt(x+s, y-s*0.8), pt(x+2*s, y+s*0.6)}, "F")
	} else {
		r.pdf.Polygon([]fpdf.PointType{pt(x, y-s*0.6), pt(x+s, y+s*0.8), pt(x+2*s, y-s*0.6)}, "F")
	}
	r.setText(c)
	label := "+" + r.count(d) // the sign as well as the arrow
	if d < 0 {
		label = "–" + r.count(-d)
	}
	r.text(x+2*s+0.8, y-lineH(8)/2, r.width(label)+1, lineH(8), label, "L")
}

// areaProgressTable writes each area's progress now and at the previous
// report, the change, and the gap to expected now and then.
func (r *report) areaProgressTable(ps *model.Summary) {
	if len(r.sum.Areas) == 0 {
		return
	}
	prev := map[string]model.AreaSummary{}
	if ps != nil {
		for _, a := range ps.Areas {
			prev[a.Code] = a
		}
	}
	t := r.newTable(r.w.areaProgressTitle, col{r.w.area, 0, "L"}, col{r.w.progressNow, 30, "L"},
		col{r.w.progressThen, 17, "R"}, col{r.w.change, 17, "R"}, col{r.w.gapNow, 19, "R"}, col{r.w.gapThen, 19, "R"})
	if len(r.sum.Areas) > 8 {
		t.py = 0.7 // many areas: closer rows keep the dashboard on one page
	}
	rows := make([]*trow, 0, len(r.sum.Areas)+1)
	for _, a := range r.sum.Areas {
		then, change, gapThen := t.muted(2, r.w.none), t.muted(3, r.w.none), t.muted(5, r.w.none)
		if p, ok := prev[a.Code]; ok {
			then = t.muted(2, r.pct(float64(p.Progress)))
			change = t.text(3, r.change(float64(a.Progress), float64(p.Progress)))
			gapThen = t.muted(5, r.gapValue(float64(p.Expected), float64(p.Progress)))
		}
		progress, expected := float64(a.Progress), float64(a.Expected)
		rows = append(rows, t.row([]tcell{t.text(0, a.Code+". "+r.tr(a.Title)),
			painted(t.lh, func(x, y, w float64) {
				r.progressCell(x, y, w, t.lh, progress, expected, false)
			}),
			then, change, t.text(4, r.gapValue(expected, progress)), gapThen}))
	}
	s := &r.sum
	total := []tcell{t.bold(0, r.w.total), painted(t.lh, func(x, y, w float64) {
		r.progressCell(x, y, w, t.lh, float64(s.Progress), float64(s.Expected), false)
	}), t.muted(2, r.w.none), t.muted(3, r.w.none), t.bold(4, r.gapValue(float64(s.Expected), float64(s.Progress))), t.muted(5, r.w.none)}
	if ps != nil {
		total[2] = t.muted(2, r.pct(float64(ps.Progress)))
		total[3] = t.bold(3, r.change(float64(s.Progress), float64(ps.Progress)))
		total[5] = t.muted(5, r.gapValue(float64(ps.Expected), float64(ps.Progress)))
	}
	rows = append(rows, t.row(total))
	r.minor(r.w.areaProgressTitle, r.keepRows(t, rows))
	r.placeRows(t, rows)
}

// goalBars draws a bar per strategic goal, its measures stacked by status.
func (r *report) goalBars() {
	type goalRow struct {
		label  string
		counts model.StatusCounts
		n      int
	}
	var goals []goalRow
	for _, g := range r.d.Goals {
		row := goalRow{label: g.Code + ". " + r.tr(g.Title), counts: model.StatusCounts{}}
		for i := range r.d.Measures {
			m := &r.d.Measures[i]
			for _, c := range m.Goals {
				if c == g.Code {
					row.counts[r.figs[i].Status]++
					row.n++
					break
				}
			}
		}
		goals = append(goals, row)
	}
	if len(goals) == 0 {
		return
	}
	const labelW, rightW, rowH = 62.0, 18.0, 7.0
	barW := contentW - labelW - rightW
	r.minor(r.w.goalsByStatus, rowH+6)
	for _, g := range goals {
		r.setFont("", 7.8)
		ls := r.split(g.label, labelW-3)
		h := max(rowH, float64(len(ls))*lineH(7.8)+1)
		r.ensure(h)
		r.setText(cText)
		r.lines(marginL, r.y+(h-float64(len(ls))*lineH(7.8))/2, labelW-3, lineH(7.8), ls, "L")
		r.stackedBar(marginL+labelW, r.y+(h-(rowH-3))/2, barW, rowH-3, g.counts, g.n)
		r.setFont("", 7.8)
		r.setText(cMuted)
		r.text(marginL+labelW+barW, r.y, rightW, h, r.count(g.n), "R")
		r.y += h
	}
	r.y += 1
	r.legend(marginL + labelW)
	sum := 0
	for _, g := range goals {
		sum += g.n
	}
	if sum > len(r.d.Measures) {
		// Say why the bars count more measures than the strategy has.
		r.y += 1
		r.para(marginL, contentW, fmt.Sprintf(r.w.goalsNote, r.count(sum), r.count(len(r.d.Measures))), "", 7.5, cMuted)
	}
	r.y += 3
}

// stackedBar draws counts by status as one bar w wide.
func (r *report) stackedBar(x, y, w, h float64, counts model.StatusCounts, n int) {
	if n == 0 {
		r.rect(x, y, w, h, cTrack)
		return
	}
	for _, st := range model.Statuses {
		k := counts[st]
		if k == 0 {
			continue
		}
		sw := w * float64(k) / float64(n)
		c := statusColour[st]
		r.rect(x, y, sw, h, c)
		label := r.count(k)
		r.setFont("B", 7)
		if r.width(label)+1.5 <= sw {
			r.setText(onColour(c))
			r.text(x, y, sw, h, label, "C")
		}
		x += sw
	}
}
