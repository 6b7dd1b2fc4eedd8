package pdf

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"

	"strategytracker/model"
)

// UpcomingDays is how far ahead the report lists milestones falling due.
const UpcomingDays = 90

// msRef is a milestone with its measure's index.
type msRef struct {
	m    int
	ms   *model.Milestone
	days int
}

// milestones writes the overdue milestones, most days first, and those
// due in the next UpcomingDays days.
func (r *report) milestones() {
	var overdue, upcoming []msRef
	horizon := r.asOf.AddDays(UpcomingDays)
	for _, i := range r.measures {
		m := &r.d.Measures[i]
		for k := range m.Milestones {
			ms := &m.Milestones[k]
			switch st := ms.StateAt(m.Cancelled, r.asOf); {
			case st == model.StateOverdue:
				overdue = append(overdue, msRef{i, ms, ms.DaysOverdue(m.Cancelled, r.asOf)})
			case (st == model.StateDueSoon || st == model.StatePending) && ms.Due <= horizon:
				upcoming = append(upcoming, msRef{i, ms, 0})
			}
		}
	}
	// r.measures is in code order and sorting is stable: ties keep it.
	slices.SortStableFunc(overdue, func(a, b msRef) int { return cmp.Compare(b.days, a.days) })
	slices.SortStableFunc(upcoming, func(a, b msRef) int { return cmp.Compare(a.ms.Due, b.ms.Due) })

	r.section(r.w.milestonesSection)
	title := r.w.overdueTitle + " (" + r.count(len(overdue)) + ")"
	r.subsection(title, 1, 20)
	if len(overdue) == 0 {
		r.para(marginL, contentW, r.w.noOverdue, "", 9, cMuted)
	} else {
		t := r.newTable(title, col{r.w.measure, 13, "L"}, col{r.w.milestone, 0, "L"},
			col{r.w.responsible, 38, "L"}, col{r.w.due, 18, "L"}, col{r.w.daysOverdue, 20, "R"})
		for _, o := range overdue {
			t.place(t.row([]tcell{t.bold(0, r.d.Measures[o.m].Code), r.milestoneCell(t, 1, o),
				t.text(2, r.msResponsible(o)), t.text(3, r.date(o.ms.Due)), t.bold(4, r.count(o.days))}))
		}
		t.end()
	}
	title = fmt.Sprintf(r.w.upcomingTitle, UpcomingDays) + " (" + r.count(len(upcoming)) + ")"
	r.subsection(title, 1, 20)
	if len(upcoming) == 0 {
		r.para(marginL, contentW, r.w.noUpcoming, "", 9, cMuted)
		return
	}
	t := r.newTable(title, col{r.w.due, 18, "L"}, col{r.w.measure, 13, "L"}, col{r.w.milestone, 0, "L"},
		col{r.w.responsible, 38, "L"}, col{r.w.state, 20, "L"})
	for _, u := range upcoming {
		m := &r.d.Measures[u.m]
		st := u.ms.StateAt(m.Cancelled, r.asOf)
		state := t.text(4, st.Label(r.lang))
		if st == model.StateDueSoon {
			state = t.bold(4, st.Label(r.lang))
		}
		t.place(t.row([]tcell{t.text(0, r.date(u.ms.Due)), t.bold(1, m.Code), r.milestoneCell(t, 2, u),
			t.text(3, r.msResponsible(u)), state}))
	}
	t.end()
}

// milestoneCell is the milestone's title with its measure's title under it.
func (r *report) milestoneCell(t *table, i int, o msRef) tcell {
	r.setFont("", tableSize)
	measure := r.ellipsis(r.d.Measures[o.m].Title.In(r.lang), t.cols[i].w-2*padX)
	return t.stack(i, o.ms.Title.In(r.lang), measure, false)
}

// msResponsible is the milestone's responsible person, else the measure's.
func (r *report) msResponsible(o msRef) string {
	if n := r.personName(o.ms.Responsible); n != "" {
		return n
	}
	return orDash(r.personName(r.d.Measures[o.m].Responsible), r.w.none)
}

// kpis writes every indicator with its baseline, target, latest value,
// attainment and a small trend line.
func (r *report) kpis() {
	r.section(r.w.kpiSection)
	t := r.newTable(r.w.kpiSection, col{r.w.kpi, 0, "L"}, col{r.w.baseline, 23, "R"}, col{r.w.target, 23, "R"},
		col{r.w.latest, 23, "R"}, col{r.w.attainment, 21, "R"}, col{r.w.trend, 30, "L"})
	n := 0
	for _, i := range r.measures {
		m := &r.d.Measures[i]
		for k := range m.KPIs {
			t.place(r.kpiRow(t, m, &m.KPIs[k]))
			n++
		}
	}
	if n == 0 {
		r.para(marginL, contentW, r.w.noKPIs, "", 9, cMuted)
	}
	t.end()
}

func (r *report) kpiRow(t *table, m *model.Measure, k *model.KPI) *trow {
	about := joinNonEmpty(" · ", fmt.Sprintf(r.w.kpiMeasure, m.Code), r.w.kpiKinds[k.Kind], k.Unit.In(r.lang))
	latest := t.muted(3, r.w.noValue)
	if v, ok := k.LatestValue(r.asOf); ok {
		latest = t.stack(3, r.num(v.Value), r.date(v.Date), true)
	}
	att, ok := k.Attainment(r.asOf)
	values := trendValues(k, r.asOf)
	return t.row([]tcell{
		t.stack(0, k.Name.In(r.lang), about, false),
		t.stack(1, r.num(k.BaselineValue), r.date(k.BaselineDate), false),
		t.stack(2, r.num(k.TargetValue), r.date(k.TargetDate), false),
		latest,
		painted(2*t.lh, func(x, y, w float64) {
			r.setFont("B", tableSize)
			r.setText(cText)
			if !ok {
				r.text(x, y, w, t.lh, r.w.none, "R")
				return
			}
			r.text(x, y, w, t.lh, r.pct(att), "R")
			r.progressBar(x+w-14, y+t.lh+0.8, 14, 1.8, att, -1, cAccent)
		}),
		painted(2*t.lh, func(x, y, w float64) { r.sparkline(x, y, w, 2*t.lh, k, values) }),
	})
}

// trendValues are the KPI's values on or before asOf, by date.
func trendValues(k *model.KPI, asOf model.Date) []model.KPIValue {
	var vs []model.KPIValue
	for _, v := range k.Values {
		if v.Date <= asOf {
			vs = append(vs, v)
		}
	}
	slices.SortStableFunc(vs, func(a, b model.KPIValue) int { return cmp.Or(cmp.Compare(a.Date, b.Date), cmp.Compare(a.ID, b.ID)) })
	return vs
}

// sparkline draws the values as a line over time, with the baseline and
// the target as faint guides.
func (r *report) sparkline(x, y, w, h float64, k *model.KPI, vs []model.KPIValue) {
	if len(vs) == 0 {
		r.setFont("", tableSize)
		r.setText(cMuted)
		r.text(x, y, w, 4, r.w.none, "L")
		return
	}
	lo, hi := min(k.BaselineValue, k.TargetValue), max(k.BaselineValue, k.TargetValue)
	d0, d1 := vs[0].Date, vs[len(vs)-1].Date
	for _, v := range vs {
		lo, hi = min(lo, v.Value), max(hi, v.Value)
	}
	if k.BaselineDate != 0 && k.BaselineDate < d0 {
		d0 = k.BaselineDate
	}
	yOf := func(v float64) float64 {
		if hi == lo {
			return y + h/2
		}
		return y + h - (v-lo)/(hi-lo)*h
	}
	xOf := func(d model.Date) float64 {
		if d1 == d0 {
			return x + w
		}
		return x + float64(d.DaysSince(d0))/float64(d1.DaysSince(d0))*w
	}
	r.hline(x, x+w, yOf(k.TargetValue), 0.2, statusColour[model.StatusOnTrack])
	r.hline(x, x+w, yOf(k.BaselineValue), 0.2, cRule)
	r.setDraw(cAccent)
	r.setLineWidth(0.35)
	if len(vs) > 1 {
		r.pdf.MoveTo(xOf(vs[0].Date), yOf(vs[0].Value))
		for _, v := range vs[1:] {
			r.pdf.LineTo(xOf(v.Date), yOf(v.Value))
		}
		r.pdf.DrawPath("D")
	}
	last := vs[len(vs)-1]
	r.setFill(cAccent)
	r.pdf.Circle(xOf(last.Date), yOf(last.Value), 0.6, "F")
}

// changesSection writes what changed since the latest earlier snapshot,
// or says plainly that there is none.
func (r *report) changesSection() {
	r.section(r.w.changesSection)
	c := &r.changes
	sn := c.Since
	if sn == nil {
		r.para(marginL, contentW, fmt.Sprintf(r.w.changesNone, r.date(r.asOf)), "", 9.5, cText)
		return
	}
	made := sn.CreatedAt
	if t, err := time.Parse(time.RFC3339, sn.CreatedAt); err == nil {
		made = r.date(model.DateOf(t))
	}
	r.para(marginL, contentW, fmt.Sprintf(r.w.changesIntro, sn.Name, r.date(sn.AsOf), made, orDash(sn.CreatedBy, r.w.none)), "", 9.5, cText)
	r.y += 1
	r.para(marginL, contentW, fmt.Sprintf(r.w.sha, sn.SHA256), "", 7, cMuted)
	r.y += 2

	title := r.w.statusChanges + " (" + r.count(len(c.StatusChanges)) + ")"
	r.subsection(title, 1, 16)
	if len(c.StatusChanges) == 0 {
		r.para(marginL, contentW, r.w.noChanges, "", 9, cMuted)
	} else {
		t := r.newTable(title, col{r.w.code, 11, "L"}, col{r.w.measure, 0, "L"}, col{r.w.was, 27, "L"}, col{r.w.now, 27, "L"})
		for _, sc := range c.StatusChanges {
			from, to := sc.From, sc.To
			t.place(t.row([]tcell{t.bold(0, sc.Code), t.text(1, sc.Title.In(r.lang)),
				painted(chipH, func(x, y, w float64) { r.chip(x, y, from, false) }),
				painted(chipH, func(x, y, w float64) { r.chip(x, y, to, false) })}))
		}
		t.end()
	}
	r.milestoneChanges(r.w.completedMs, c.Completed, true)
	r.milestoneChanges(r.w.becameOverdue, c.BecameOverdue, false)
	if len(c.NewMeasures) > 0 {
		r.para(marginL, contentW, fmt.Sprintf(r.w.newMeasures, strings.Join(c.NewMeasures, ", ")), "", 9, cText)
	}
	if len(c.RemovedMeasures) > 0 {
		r.para(marginL, contentW, fmt.Sprintf(r.w.removedMeasures, strings.Join(c.RemovedMeasures, ", ")), "", 9, cText)
	}
}

func (r *report) milestoneChanges(title string, list []model.MilestoneChange, completed bool) {
	title += " (" + r.count(len(list)) + ")"
	r.subsection(title, 1, 16)
	if len(list) == 0 {
		r.para(marginL, contentW, r.w.noChanges, "", 9, cMuted)
		return
	}
	last := col{r.w.daysOverdue, 20, "R"}
	if completed {
		last = col{r.w.completedOn, 20, "L"}
	}
	t := r.newTable(title, col{r.w.measure, 13, "L"}, col{r.w.milestone, 0, "L"}, col{r.w.due, 18, "L"}, last)
	for _, mc := range list {
		end := t.bold(3, r.count(mc.DaysOverdue))
		if completed {
			end = t.text(3, r.date(mc.Completed))
		}
		t.place(t.row([]tcell{t.bold(0, mc.Measure), t.text(1, mc.Title.In(r.lang)), t.text(2, r.date(mc.Due)), end}))
	}
	t.end()
}
