package pdf

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"strategytracker/model"
)

// areaSections writes the body's part per priority area: its figures now
// and at the previous report, the office's commentary, and the measures
// most behind. Areas follow one another; a heading is kept with what follows.
func (r *report) areaSections() {
	r.section(r.w.areasSection)
	if len(r.areas) == 0 {
		r.para(marginL, contentW, r.w.noMeasures, "", 9, cMuted)
	}
	prev := map[string]model.AreaSummary{}
	if r.prev != nil {
		for _, a := range r.prev.Summary.Areas {
			prev[a.Code] = a
		}
	}
	for k := range r.areas {
		p, ok := prev[r.areas[k].Code]
		var pp *model.AreaSummary
		if ok {
			pp = &p
		}
		r.areaSection(&r.areas[k], &r.sum.Areas[k], pp)
	}
}

// perArea is how many of an area's measures most behind the body shows.
func (r *report) perArea() int { return max(3, r.maxExc/3) }

func (r *report) areaSection(a *model.Area, as *model.AreaSummary, prev *model.AreaSummary) {
	title := a.Code + ". " + r.tr(a.Title)
	r.heading(title, 13, 1, true, 34)
	exec, spent := r.w.none, fmt.Sprintf(r.w.spentOf, r.eur(as.Budget.SpentCents), r.eur(as.Budget.PlannedCents))
	if e, ok := model.BudgetExecution(as.Budget.PlannedCents, as.Budget.SpentCents); ok {
		exec = r.pct(e)
	}
	sub := fmt.Sprintf(r.w.expected, r.pct(float64(as.Expected)))
	if prev != nil {
		sub += " · " + fmt.Sprintf(r.w.thenChange, r.pct(float64(prev.Progress)), r.change(float64(as.Progress), float64(prev.Progress)))
	}
	r.tiles(
		tile{label: r.w.areaProgress, value: r.pct(float64(as.Progress)), sub: sub,
			bar: func(x, y, w float64) {
				r.progressBar(x, y, w, 2, float64(as.Progress), float64(as.Expected), cAccent)
			}},
		tile{label: r.w.measures, value: r.count(as.Measures), sub: r.statusLine(as.Status)},
		tile{label: r.w.budgetExec, value: exec, sub: spent},
	)
	if n := r.narrative; n != nil {
		if an, ok := n.PerArea[a.Code]; ok && !an.empty() {
			r.narrativeBlocks(an)
		}
	}
	behind := r.behind(r.byArea[a.Code])
	if len(behind) == 0 {
		return
	}
	shown := behind[:min(len(behind), r.perArea())]
	// On a new page the list goes on under "A1. … — Мерки, които
	// изостават (продължение)": the area and the list both named.
	t := r.measureTable(title + " — " + r.w.behindTitle)
	rows := make([]*trow, 0, len(shown))
	for _, i := range shown {
		rows = append(rows, r.measureRow(t, i))
	}
	caption := r.w.behindTitle + " (" + r.count(len(behind)) + ")"
	r.minor(caption, r.keepRows(t, rows))
	r.placeRows(t, rows)
	r.more(len(behind) - len(shown))
}

// behind are the measures delayed or at risk, or more than 25 points
// behind expected progress: delayed first, then at risk, then the rest,
// each by the gap to expected, largest first.
func (r *report) behind(idx []int) []int {
	rank := func(st model.Status) int {
		switch st {
		case model.StatusDelayed:
			return 0
		case model.StatusAtRisk:
			return 1
		}
		return 2
	}
	var out []int
	for _, i := range idx {
		f := r.figs[i]
		if f.Status == model.StatusCancelled || f.Status == model.StatusCompleted {
			continue
		}
		if f.Status == model.StatusDelayed || f.Status == model.StatusAtRisk || f.Expected-f.Progress > 25 {
			out = append(out, i)
		}
	}
	slices.SortStableFunc(out, func(a, b int) int {
		fa, fb := r.figs[a], r.figs[b]
		return cmp.Or(cmp.Compare(rank(fa.Status), rank(fb.Status)), cmp.Compare(fb.Expected-fb.Progress, fa.Expected-fa.Progress))
	})
	return out
}

// statusLine lists the non-zero status counts, e.g. "on track: 3 · delayed: 1".
func (r *report) statusLine(c model.StatusCounts) string {
	var parts []string
	for _, st := range model.Statuses {
		if n := c[st]; n > 0 {
			parts = append(parts, st.Label(r.lang)+": "+r.count(n))
		}
	}
	return strings.Join(parts, " · ")
}

// measureTable is a table of measures.
func (r *report) measureTable(caption string) *table {
	t := r.newTable(caption,
		col{r.w.code, 11, "L"},
		col{r.w.measure, 0, "L"},
		col{r.w.leadUnit, 34, "L"},
		col{r.w.end, r.dateColW(), "L"},
		col{r.w.progress, 30, "L"},
		col{r.w.status, 23, "L"},
	)
	t.noteCol = 1
	return t
}

// measureRow prepares the row of measure i: code, title, lead unit, end,
// progress with the expected tick, status chip; the latest update and an
// overridden status's reason under it.
func (r *report) measureRow(t *table, i int) *trow {
	m := &r.d.Measures[i]
	f := r.figs[i]
	cells := []tcell{
		t.bold(0, m.Code),
		t.text(1, r.tr(m.Title)),
		t.text(2, r.unitName(m.LeadUnit)),
		t.stack(3, r.date(m.End), r.originally(model.EntityMeasure, m.ID, "end"), false),
		painted(t.lh, func(x, y, w float64) { r.progressCell(x, y, w, t.lh, f.Progress, f.Expected, m.Cancelled) }),
		painted(chipH, func(x, y, w float64) { r.chip(x, y+(t.lh-chipH)/2, f.Status, f.Overridden) }),
	}
	var notes []tnote
	if u := m.LatestUpdate(r.asOf); u != nil {
		notes = append(notes, t.note(fmt.Sprintf(r.w.lastUpdate, r.dateText(u.Date))+r.tr(u.Text), cMuted, 0))
	}
	if f.Overridden {
		notes = append(notes, t.note(fmt.Sprintf(r.w.overriddenNote, f.Computed.Label(r.lang))+r.tr(m.Override.ReasonText()), cNote, 0))
	}
	return t.row(cells, notes...)
}

// progressCell draws a progress bar with its percentage after it; a
// cancelled measure has no progress to show: a dash.
func (r *report) progressCell(x, y, w, h float64, progress, expected float64, cancelled bool) {
	const textW = 12.5
	if cancelled {
		r.setFont("", tableSize)
		r.setText(cMuted)
		r.text(x, y, w, h, r.w.none, "L")
		return
	}
	r.progressBar(x, y+(h-2.2)/2, w-textW-1, 2.2, progress, expected, cAccent)
	r.setFont("", tableSize)
	r.setText(cText)
	r.text(x+w-textW, y, textW, h, r.pct(progress), "R")
}
