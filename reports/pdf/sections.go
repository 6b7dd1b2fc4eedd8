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

// milestoneLists are the overdue milestones, most days first, and those
// due in the next UpcomingDays days, by due date.
func (r *report) milestoneLists() (overdue, upcoming []msRef) {
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
	return overdue, upcoming
}

// milestones writes the body's milestone section: the counts by state,
// the most overdue milestones grouped by area, and the next ones due.
func (r *report) milestones() {
	overdue, upcoming := r.milestoneLists()
	r.sectionKeep(r.w.milestonesSection, countTablesH())
	r.countTables(&r.sum)

	title := r.w.overdueTitle + " (" + r.count(len(overdue)) + ")"
	if len(overdue) > r.maxExc {
		title = fmt.Sprintf(r.w.mostOverdue, r.count(r.maxExc), r.count(len(overdue)))
	}
	r.overdueByArea(title, overdue[:min(len(overdue), r.maxExc)], 1)
	r.more(len(overdue) - r.maxExc)
	title = fmt.Sprintf(r.w.upcomingTitle, UpcomingDays) + " (" + r.count(len(upcoming)) + ")"
	r.upcomingTable(title, upcoming[:min(len(upcoming), r.maxExc)], 1)
	r.more(len(upcoming) - r.maxExc)
}

// originally is the value of entity id's field in the adopted plan as
// people read it, "първоначално 31.12.2025", when it was revised; else
// empty. Revised values are shown with it beside them (DESIGN §1.1).
func (r *report) originally(entity model.Entity, id model.ID, field string) string {
	v, ok := r.d.OriginalValue(entity, id, field)
	if !ok {
		return ""
	}
	return fmt.Sprintf(r.w.originally, model.FormatRevisionValue(field, v, r.lang))
}

// overdueByArea writes overdue milestones grouped by area, each with its
// responsible person, due date (and the adopted one when it was revised),
// days overdue (in red) and note.
func (r *report) overdueByArea(title string, list []msRef, level int) {
	if len(list) == 0 {
		r.subsection(title, level, lineH(9))
		r.para(marginL, contentW, r.w.noOverdue, "", 9, cMuted)
		r.y += 2
		return
	}
	groups := map[string][]msRef{}
	for _, o := range list {
		a := r.d.Measures[o.m].Area
		groups[a] = append(groups[a], o)
	}
	first := true
	for _, code := range r.areaOrder() {
		g := groups[code]
		if len(g) == 0 {
			continue
		}
		t := r.newTable(title, col{r.w.measure, 13, "L"}, col{r.w.milestone, 0, "L"}, col{r.w.responsible, 32, "L"},
			col{r.w.due, r.dateColW() + 8, "L"}, col{r.w.daysOverdue, 16, "R"})
		t.noteCol = 1
		rows := make([]*trow, 0, len(g))
		for _, o := range g {
			var notes []tnote
			if !o.ms.NoteText().IsEmpty() {
				notes = append(notes, t.note(r.w.note+": "+r.tr(o.ms.NoteText()), cMuted, 0))
			}
			due := t.stack(3, r.date(o.ms.Due), r.originally(model.EntityMilestone, o.ms.ID, "due"), false)
			rows = append(rows, t.row([]tcell{t.bold(0, r.d.Measures[o.m].Code), r.milestoneCell(t, 1, o),
				t.text(2, r.msResponsible(o)), due, t.red(4, r.count(o.days))}, notes...))
		}
		areaTitle := r.areaTitle(code) + " (" + r.count(len(g)) + ")"
		if first {
			r.setFont("B", 9)
			r.subsection(title, level, lineH(9)+1+r.keepRows(t, rows))
			first = false
		}
		r.minor(areaTitle, r.keepRows(t, rows))
		r.placeRows(t, rows)
	}
}

// areaOrder is the codes of the areas in order, then the codes of areas
// the document does not have, as the measures name them.
func (r *report) areaOrder() []string {
	var out []string
	known := map[string]bool{}
	for _, a := range r.areas {
		out = append(out, a.Code)
		known[a.Code] = true
	}
	for _, i := range r.measures {
		if c := r.d.Measures[i].Area; !known[c] {
			known[c] = true
			out = append(out, c)
		}
	}
	return out
}

// upcomingTable writes the milestones falling due soon.
func (r *report) upcomingTable(title string, upcoming []msRef, level int) {
	if len(upcoming) == 0 {
		r.subsection(title, level, lineH(9))
		r.para(marginL, contentW, r.w.noUpcoming, "", 9, cMuted)
		return
	}
	t := r.newTable(title, col{r.w.due, r.dateColW(), "L"}, col{r.w.measure, 13, "L"}, col{r.w.milestone, 0, "L"},
		col{r.w.responsible, 34, "L"}, col{r.w.state, 20, "L"})
	rows := make([]*trow, 0, len(upcoming))
	for _, u := range upcoming {
		m := &r.d.Measures[u.m]
		st := u.ms.StateAt(m.Cancelled, r.asOf)
		rows = append(rows, t.row([]tcell{t.text(0, r.date(u.ms.Due)), t.bold(1, m.Code), r.milestoneCell(t, 2, u),
			t.text(3, r.msResponsible(u)), painted(chipH, func(x, y, w float64) { r.stateChip(x, y+(t.lh-chipH)/2, st) })}))
	}
	r.subsection(title, level, r.keepRows(t, rows))
	r.placeRows(t, rows)
}

// milestoneCell is the milestone's title with its measure's title under
// it, both wrapped in full.
func (r *report) milestoneCell(t *table, i int, o msRef) tcell {
	return t.stack(i, r.tr(o.ms.Title), r.tr(r.d.Measures[o.m].Title), false)
}

// msResponsible is the milestone's responsible person, else the measure's.
func (r *report) msResponsible(o msRef) string {
	if n := r.personName(o.ms.Responsible); n != "" {
		return n
	}
	return orDash(r.personName(r.d.Measures[o.m].Responsible), r.w.none)
}

// kpiRef is an indicator with its measure and what the report says of it.
type kpiRef struct {
	m        *model.Measure
	k        *model.KPI
	att      float64
	hasAtt   bool
	expected float64 // attainment expected by now, 0–100
	stale    bool    // no value since the previous report (or within a year)
	missed   bool    // the target date has passed with the target not reached
	severity float64
}

// kpiRefs evaluates every indicator at the as-of date.
func (r *report) kpiRefs() []kpiRef {
	var out []kpiRef
	staleBefore := r.asOf.AddDays(-365)
	if r.prev != nil {
		staleBefore = r.prev.AsOf
	}
	for _, i := range r.measures {
		m := &r.d.Measures[i]
		for k := range m.KPIs {
			kp := &m.KPIs[k]
			ref := kpiRef{m: m, k: kp}
			ref.att, ref.hasAtt = kp.Attainment(r.asOf)
			ref.expected = model.ExpectedProgress(kp.BaselineDate, kp.TargetDate, r.asOf)
			if kp.BaselineDate == 0 || kp.TargetDate == 0 {
				ref.expected = 0
			}
			v, ok := kp.LatestValue(r.asOf)
			// A value not updated is stale unless the target is reached.
			ref.stale = !m.Cancelled && (!ok || v.Date <= staleBefore) && (!ref.hasAtt || ref.att < 100)
			ref.missed = !m.Cancelled && kp.TargetDate != 0 && kp.TargetDate < r.asOf && (!ref.hasAtt || ref.att < 100)
			ref.severity = ref.expected - ref.att
			if ref.missed {
				ref.severity += 1000
			}
			if ref.stale {
				ref.severity += 100
			}
			out = append(out, ref)
		}
	}
	return out
}

// flagged reports whether an indicator is an exception.
func (k kpiRef) flagged() bool {
	return k.stale || k.missed || (k.hasAtt && k.expected-k.att > 25)
}

// kpis writes the body's indicators, grouped by area: all of them when
// there are few, else the most serious exceptions.
func (r *report) kpis() {
	refs := r.kpiRefs()
	if len(refs) == 0 {
		r.section(r.w.kpiSection)
		r.para(marginL, contentW, r.w.noKPIs, "", 9, cMuted)
		return
	}
	limit := 3 * r.maxExc
	shown := refs
	if len(refs) > limit {
		var ex []kpiRef
		for _, k := range refs {
			if k.flagged() {
				ex = append(ex, k)
			}
		}
		slices.SortStableFunc(ex, func(a, b kpiRef) int { return cmp.Compare(b.severity, a.severity) })
		shown = ex[:min(len(ex), limit)]
	}
	r.kpiTables(shown, func(keep float64) { r.sectionKeep(r.w.kpiSection, keep) })
	if len(shown) < len(refs) {
		r.para(marginL, contentW, fmt.Sprintf(r.w.kpiExceptions, r.count(len(shown)), r.count(len(refs))), "", 7.5, cMuted)
	}
	r.para(marginL, contentW, r.w.kpiNote, "", 7.5, cMuted)
	r.y += 3
}

// kpiTables writes indicators grouped by area, in the order of the
// measures; head, when set, writes the title above them, kept with keep
// millimetres: the first group's title and rows.
func (r *report) kpiTables(list []kpiRef, head func(keep float64)) {
	groups := map[string][]kpiRef{}
	for _, k := range list {
		groups[k.m.Area] = append(groups[k.m.Area], k)
	}
	for _, code := range r.areaOrder() {
		g := groups[code]
		if len(g) == 0 {
			continue
		}
		slices.SortStableFunc(g, func(a, b kpiRef) int { return model.CompareCodes(a.m.Code, b.m.Code) })
		t := r.newTable(r.areaTitle(code), col{r.w.kpi, 0, "L"}, col{r.w.baseline, 20, "R"}, col{r.w.target, 20, "R"},
			col{r.w.atPrevious, 20, "R"}, col{r.w.latest, 20, "R"}, col{r.w.attainment, 25, "R"}, col{r.w.trend, 18, "L"})
		t.noteCol = 1
		rows := make([]*trow, 0, len(g))
		for _, k := range g {
			rows = append(rows, r.kpiRow(t, k))
		}
		if head != nil {
			head(lineH(9) + 1 + r.keepRows(t, rows))
			head = nil
		}
		r.minor(r.areaTitle(code), r.keepRows(t, rows))
		r.placeRows(t, rows)
	}
}

func (r *report) kpiRow(t *table, ref kpiRef) *trow {
	k, m := ref.k, ref.m
	unit := r.tr(k.Unit)
	val := func(v float64) string { return model.FormatKPIValue(v, unit, r.lang) }
	about := joinNonEmpty(" · ", fmt.Sprintf(r.w.kpiMeasure, m.Code), r.w.kpiKinds[k.Kind])
	latest := t.muted(4, r.w.noValue)
	v, ok := k.LatestValue(r.asOf)
	if ok {
		latest = t.stack(4, val(v.Value), r.date(v.Date), true)
	}
	then := t.muted(3, r.w.none)
	if r.prev != nil {
		if pv, pok := k.LatestValue(r.prev.AsOf); pok {
			change := ""
			if ok {
				d := v.Value - pv.Value
				switch {
				case d > 0:
					change = "+" + r.num(d)
				case d < 0:
					change = "–" + r.num(-d) // an en dash for the minus (the font has no U+2212), not a hyphen
				default:
					change = "±0"
				}
			}
			then = t.stack(3, val(pv.Value), change, false)
		}
	}
	att, hasAtt, expected := ref.att, ref.hasAtt, ref.expected
	values := trendValues(k, r.asOf)
	var notes []tnote
	if ref.missed {
		notes = append(notes, t.note(fmt.Sprintf(r.w.kpiMissed, r.dateText(k.TargetDate)), statusColour[model.StatusDelayed], 0))
	}
	if ref.stale {
		s := r.w.kpiNoValue
		if ok {
			s = fmt.Sprintf(r.w.kpiStale, r.dateText(v.Date))
		}
		notes = append(notes, t.note(s, cNote, 0))
	}
	return t.row([]tcell{
		t.stack(0, r.tr(k.Name), about, false),
		t.stack(1, val(k.BaselineValue), r.date(k.BaselineDate), false),
		t.stack(2, val(k.TargetValue), r.date(k.TargetDate), false),
		then,
		latest,
		painted(2*t.lh, func(x, y, w float64) {
			r.setFont("B", tableSize)
			r.setText(cText)
			if !hasAtt {
				r.text(x, y, w, t.lh, r.w.none, "R")
				return
			}
			if expected-att > 25 {
				r.setText(statusColour[model.StatusDelayed])
			}
			r.text(x, y, w, t.lh, r.pct(att), "R")
			r.setFont("", 6.5)
			r.setText(cMuted)
			r.text(x, y+t.lh, w, t.lh, fmt.Sprintf(r.w.expectedShort, r.pct(expected)), "R")
		}),
		painted(2*t.lh, func(x, y, w float64) { r.sparkline(x, y, w, 2*t.lh, k, values) }),
	}, notes...)
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

// changesSection writes what changed since the previous report, or says
// plainly that this is the first.
func (r *report) changesSection() {
	r.section(r.w.changesSection)
	c := &r.changes
	sn := c.Since
	if sn == nil {
		r.para(marginL, contentW, r.w.changesNone, "", 9.5, cText)
		return
	}
	intro := sentence(fmt.Sprintf(r.w.changesIntro, r.dateText(sn.AsOf)))
	if t, err := time.Parse(time.RFC3339, sn.CreatedAt); err == nil {
		made := fmt.Sprintf(r.w.changesMade, r.dateText(model.DateOf(t)))
		if by := r.person(sn.CreatedBy); by.name != "" {
			made += " " + fmt.Sprintf(r.w.changesBy, nameAndPosition(r.lang, by.name, by.position))
		}
		intro += " " + sentence(made)
	}
	r.para(marginL, contentW, intro, "", 9.5, cText)
	r.y += 3
	r.statusChangesTable(c.StatusChanges, r.maxExc, 1)
	r.milestoneChanges(r.w.completedMs, c.Completed, true, r.maxExc, 1)
	r.milestoneChanges(r.w.becameOverdue, c.BecameOverdue, false, r.maxExc, 1)
	if len(c.NewMeasures) > 0 {
		r.para(marginL, contentW, fmt.Sprintf(r.w.newMeasures, joinCodes(c.NewMeasures)), "", 9, cText)
	}
	if len(c.RemovedMeasures) > 0 {
		r.para(marginL, contentW, fmt.Sprintf(r.w.removedMeasures, joinCodes(c.RemovedMeasures)), "", 9, cText)
	}
}

// none writes a list's title and says it is empty.
func (r *report) none(title string, level int) {
	r.subsection(title, level, lineH(9))
	r.para(marginL, contentW, r.w.noChanges, "", 9, cMuted)
	r.y += 2
}

// more says, under a list cut to the most serious, how many more the
// annex holds.
func (r *report) more(n int) {
	if n <= 0 {
		return
	}
	r.y -= 2.5
	r.para(marginL, contentW, fmt.Sprintf(r.w.moreInAnnex, r.count(n)), "", 7.5, cMuted)
	r.y += 3
}

// sentence ends s with one full stop ("… 30.06.2026 г." takes none more).
func sentence(s string) string {
	if strings.HasSuffix(s, ".") {
		return s
	}
	return s + "."
}

func joinCodes(codes []string) string {
	out := ""
	for k, c := range codes {
		if k > 0 {
			out += ", "
		}
		out += c
	}
	return out
}

// statusChangesTable lists the measures whose status changed, worst
// changes first in the body (limit > 0), all of them in code order else.
func (r *report) statusChangesTable(list []model.StatusChange, limit, level int) {
	title := r.w.statusChanges + " (" + r.count(len(list)) + ")"
	if len(list) == 0 {
		r.none(title, level)
		return
	}
	shown := list
	if limit > 0 && len(list) > limit {
		worse := func(s model.Status) int {
			switch s {
			case model.StatusDelayed:
				return 0
			case model.StatusAtRisk:
				return 1
			}
			return 2
		}
		shown = slices.Clone(list)
		slices.SortStableFunc(shown, func(a, b model.StatusChange) int { return cmp.Compare(worse(a.To), worse(b.To)) })
		shown = shown[:limit]
	}
	t := r.newTable(title, col{r.w.code, 11, "L"}, col{r.w.measure, 0, "L"}, col{r.w.was, 27, "L"}, col{r.w.now, 27, "L"})
	rows := make([]*trow, 0, len(shown))
	for _, sc := range shown {
		from, to := sc.From, sc.To
		rows = append(rows, t.row([]tcell{t.bold(0, sc.Code), t.text(1, r.tr(sc.Title)),
			painted(chipH, func(x, y, w float64) { r.chip(x, y, from, false) }),
			painted(chipH, func(x, y, w float64) { r.chip(x, y, to, false) })}))
	}
	r.subsection(title, level, r.keepRows(t, rows))
	r.placeRows(t, rows)
	r.more(len(list) - len(shown))
}

func (r *report) milestoneChanges(title string, list []model.MilestoneChange, completed bool, limit, level int) {
	title += " (" + r.count(len(list)) + ")"
	if len(list) == 0 {
		r.none(title, level)
		return
	}
	shown := list
	if limit > 0 && len(list) > limit {
		shown = list[:limit]
	}
	last := col{r.w.daysOverdue, 18, "R"}
	if completed {
		last = col{r.w.completedOn, r.dateColW(), "L"}
	}
	t := r.newTable(title, col{r.w.measure, 13, "L"}, col{r.w.milestone, 0, "L"}, col{r.w.due, r.dateColW(), "L"}, last)
	rows := make([]*trow, 0, len(shown))
	for _, mc := range shown {
		end := t.red(3, r.count(mc.DaysOverdue))
		if completed {
			end = t.text(3, r.date(mc.Completed))
		}
		rows = append(rows, t.row([]tcell{t.bold(0, mc.Measure), t.text(1, r.tr(mc.Title)), t.text(2, r.date(mc.Due)), end}))
	}
	r.subsection(title, level, r.keepRows(t, rows))
	r.placeRows(t, rows)
	r.more(len(list) - len(shown))
}
