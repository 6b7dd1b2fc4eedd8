package pdf

import (
	"fmt"
	"strings"

	"strategytracker/model"
)

// areaSections writes one section per priority area, each on a new page.
func (r *report) areaSections() {
	r.section(r.w.areasSection)
	if len(r.areas) == 0 {
		r.para(marginL, contentW, r.w.noMeasures, "", 9, cMuted)
	}
	for k := range r.areas {
		if k > 0 {
			r.newPage()
		}
		r.areaSection(&r.areas[k], &r.sum.Areas[k])
	}
}

func (r *report) areaSection(a *model.Area, as *model.AreaSummary) {
	title := a.Code + ". " + a.Title.In(r.lang)
	r.heading(title, 14, 1, true, 40)
	if desc := a.Description.In(r.lang); desc != "" {
		r.para(marginL, contentW, desc, "", 8.5, cMuted)
		r.y += 3
	}
	exec, spent := r.w.none, fmt.Sprintf(r.w.spentOf, r.eur(as.Budget.SpentCents), r.eur(as.Budget.PlannedCents))
	if e, ok := model.BudgetExecution(as.Budget.PlannedCents, as.Budget.SpentCents); ok {
		exec = r.pct(e)
	}
	r.tiles(
		tile{label: r.w.areaProgress, value: r.pct(float64(as.Progress)),
			sub: fmt.Sprintf(r.w.expected, r.pct(float64(as.Expected))),
			bar: func(x, y, w float64) {
				r.progressBar(x, y, w, 2, float64(as.Progress), float64(as.Expected), cAccent)
			}},
		tile{label: r.w.measures, value: r.count(as.Measures), sub: r.statusLine(as.Status)},
		tile{label: r.w.budgetExec, value: exec, sub: spent},
	)
	idx := r.byArea[a.Code]
	if len(idx) == 0 {
		r.para(marginL, contentW, r.w.noMeasures, "", 9, cMuted)
		return
	}
	t := r.measureTable(title)
	for _, i := range idx {
		t.place(r.measureRow(t, i))
		r.step()
	}
	t.end()
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

// measureTable is the table of an area's measures.
func (r *report) measureTable(caption string) *table {
	t := r.newTable(caption,
		col{r.w.code, 11, "L"},
		col{r.w.measure, 0, "L"},
		col{r.w.leadUnit, 34, "L"},
		col{r.w.end, 18, "L"},
		col{r.w.progress, 30, "L"},
		col{r.w.status, 23, "L"},
	)
	t.noteCol = 1
	return t
}

// measureRow prepares the row of measure i: code, title, lead unit, end,
// progress with the expected tick, status chip; the latest update
// (two lines at most) and an overridden status's reason under it.
func (r *report) measureRow(t *table, i int) *trow {
	m := &r.d.Measures[i]
	f := r.figs[i]
	cells := []tcell{
		t.bold(0, m.Code),
		t.text(1, m.Title.In(r.lang)),
		t.text(2, r.unitName(m.LeadUnit)),
		t.text(3, r.date(m.End)),
		painted(t.lh, func(x, y, w float64) { r.progressCell(x, y, w, t.lh, f) }),
		painted(chipH, func(x, y, w float64) { r.chip(x, y+(t.lh-chipH)/2, f.Status, f.Overridden) }),
	}
	var notes []tnote
	if u := latestUpdate(m, r.asOf); u != nil {
		notes = append(notes, t.note(fmt.Sprintf(r.w.lastUpdate, r.date(u.Date))+u.Text.In(r.lang), cMuted, 2))
	}
	if f.Overridden {
		notes = append(notes, t.note(fmt.Sprintf(r.w.overriddenNote, f.Computed.Label(r.lang))+m.Override.Reason, cNote, 0))
	}
	return t.row(cells, notes...)
}

// progressCell draws a progress bar with its percentage after it.
func (r *report) progressCell(x, y, w, h float64, f model.Figures) {
	const textW = 12.5
	label := r.pct(f.Progress)
	r.progressBar(x, y+(h-2.2)/2, w-textW-1, 2.2, f.Progress, f.Expected, cAccent)
	r.setFont("", tableSize)
	r.setText(cText)
	r.text(x+w-textW, y, textW, h, label, "R")
}

// latestUpdate is the measure's latest update on or before asOf.
func latestUpdate(m *model.Measure, asOf model.Date) *model.Update {
	var best *model.Update
	for k := range m.Updates {
		u := &m.Updates[k]
		if u.Date <= asOf && (best == nil || u.Date > best.Date || (u.Date == best.Date && u.ID > best.ID)) {
			best = u
		}
	}
	return best
}
