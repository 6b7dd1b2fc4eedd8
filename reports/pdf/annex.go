package pdf

import (
	"fmt"
	"strings"

	"strategytracker/model"
)

// The measure cards of the annex: every field of a measure, then its
// milestones, indicators and updates. A card that fits on a page is never
// split; a longer one starts on a page of its own and breaks between rows.

// minTail is the least height of a card's part that runs onto the next
// page, in millimetres, when the whole card would fit on a page.
const minTail = 30.0

const (
	kvLabelSize = 7.2
	kvValueSize = 7.8
	kvGap       = 6.0
	kvLabelW    = 27.0
)

// kvPair is a label and its wrapped value.
type kvPair struct {
	label string
	lines []string
	c     rgb
}

// kvRow is a line of the card's two-column field grid.
type kvRow struct {
	left, right kvPair
	h           float64
}

func (r *report) annex() {
	r.newPage()
	r.annexPage = r.pdf.PageNo()
	r.section(r.w.annex)
	r.para(marginL, contentW, r.w.annexIntro, "", 9, cText)
	r.y += 3

	r.heading(r.w.allMeasures, 13, 1, true, 30)
	for _, code := range r.areaOrder() {
		idx := r.byArea[code]
		if len(idx) == 0 {
			continue
		}
		title := r.areaTitle(code)
		t := r.measureTable(title)
		rows := make([]*trow, 0, len(idx))
		for _, i := range idx {
			rows = append(rows, r.measureRow(t, i))
		}
		r.minor(title, r.keepRows(t, rows))
		r.placeRows(t, rows)
	}

	overdue, upcoming := r.milestoneLists()
	r.overdueByArea(r.w.allOverdue+" ("+r.count(len(overdue))+")", overdue, 1)
	r.upcomingTable(fmt.Sprintf(r.w.upcomingTitle, UpcomingDays)+" ("+r.count(len(upcoming))+")", upcoming, 1)
	if refs := r.kpiRefs(); len(refs) > 0 {
		r.kpiTables(refs, func(keep float64) { r.heading(r.w.allKPIs, 13, 1, true, keep) })
	}
	if r.changes.Since != nil {
		r.statusChangesTable(r.changes.StatusChanges, 0, 1)
		r.milestoneChanges(r.w.completedMs, r.changes.Completed, true, 0, 1)
		r.milestoneChanges(r.w.becameOverdue, r.changes.BecameOverdue, false, 0, 1)
	}

	first := true
	for _, code := range r.areaOrder() {
		idx := r.byArea[code]
		for k, i := range idx {
			head := ""
			if k == 0 {
				head = r.areaTitle(code)
			}
			// The section's title goes with its first card, never alone
			// at the foot of a page.
			r.card(i, head, first)
			first = false
			r.step()
		}
	}
	if first { // no measure: the title alone
		r.heading(r.w.cards, 13, 1, true, 0)
	}
}

// kvW is the width of a value in the field grid.
func kvW() float64 { return (contentW-kvGap)/2 - kvLabelW }

func (r *report) pair(label, value string, c rgb) kvPair {
	r.setFont("", kvValueSize)
	return kvPair{label: label, lines: r.split(orDash(value, r.w.none), kvW()-1), c: c}
}

// card writes the card of measure i, after the heading head (an area's
// title) when it is not empty, kept with the card; the first card also
// after the title of the cards' section.
func (r *report) card(i int, head string, opensSection bool) {
	m := &r.d.Measures[i]
	f := r.figs[i]

	// Title bar.
	r.setFont("B", 9.5)
	titleLines := r.split(m.Code+"  "+r.tr(m.Title), contentW-36)
	barH := float64(len(titleLines))*lineH(9.5) + 4

	// Field grid.
	left := []kvPair{
		r.pair(r.w.area, r.areaTitle(m.Area), cText),
		r.pair(r.w.goals, r.goalTitles(m.Goals), cText),
		r.pair(r.w.leadUnit, r.unitName(m.LeadUnit), cText),
		r.pair(r.w.responsible, r.personLine(m.Responsible), cText),
		r.pair(r.w.partners, r.unitNames(m.Partners), cText),
		r.pair(r.w.term, joinNonEmpty(" ", r.period(m.Start, m.End), paren(r.originally(model.EntityMeasure, m.ID, "end"))), cText),
		r.pair(r.w.weight, r.num(m.Weight), cText),
	}
	exec, execC := r.w.none, cText
	if e, ok := model.BudgetExecution(m.PlannedCents, m.SpentCents); ok {
		exec = r.pct(e)
		if e > 100 {
			exec, execC = exec+" — "+r.w.overPlan, cNote
		}
	}
	funding, fundingC := r.fundingLine(m.Funding), cText
	var funded int64
	for _, f := range m.Funding {
		funded += f.AmountCents
	}
	if len(m.Funding) > 0 && funded != m.PlannedCents {
		// The sources do not add up to the planned budget: say so.
		funding, fundingC = funding+" ("+fmt.Sprintf(r.w.fundingSum, r.eur(funded), r.eur(m.PlannedCents))+")", cNote
	}
	status := f.Status.Label(r.lang)
	if f.Overridden {
		status += " *"
	}
	progress := r.pct(f.Progress) + " (" + fmt.Sprintf(r.w.expected, r.pct(f.Expected)) + ")"
	if m.Cancelled {
		progress = r.w.notCounted // as in the lists: a cancelled measure has no progress to report
	}
	right := []kvPair{
		r.pair(r.w.progress, progress, cText),
		r.pair(r.w.status, status, cText),
		r.pair(r.w.planned, joinNonEmpty(" ", r.eur(m.PlannedCents), paren(r.originally(model.EntityMeasure, m.ID, "plannedCents"))), cText),
		r.pair(r.w.spent, r.eur(m.SpentCents), cText),
		r.pair(r.w.execution, exec, execC),
		r.pair(r.w.funding, funding, fundingC),
	}
	if !hasActiveMilestones(m) {
		right = append(right, r.pair(r.w.manual, r.pct(m.ManualProgress), cText))
	}
	var grid []kvRow
	for k := 0; k < max(len(left), len(right)); k++ {
		var row kvRow
		if k < len(left) {
			row.left = left[k]
		}
		if k < len(right) {
			row.right = right[k]
		}
		row.h = float64(max(len(row.left.lines), len(row.right.lines), 1))*lineH(kvValueSize) + 1.2
		grid = append(grid, row)
	}
	headH := 0.0
	var headLines []string
	if head != "" {
		r.setFont("B", 11.5)
		headLines = r.split(head, contentW)
		headH = float64(len(headLines))*lineH(11.5) + 4
	}
	if opensSection {
		r.setFont("B", 13)
		headH += float64(len(r.split(r.w.cards, contentW)))*lineH(13) + 4
	}
	total := headH + barH + 2
	for _, g := range grid {
		total += g.h
	}
	r.setFont("", kvValueSize)
	desc := r.split(orDash(r.tr(m.Description), r.w.none), contentW-kvLabelW)
	total += float64(len(desc))*lineH(kvValueSize) + 2
	var override []string
	if f.Overridden {
		override = r.split(r.tr(m.Override.ReasonText()), contentW-kvLabelW)
		total += float64(len(override))*lineH(kvValueSize) + 1
	}

	// Milestones.
	t := r.newTable("", // the card's title repeats on a new page instead
		col{r.w.milestone, 0, "L"}, col{r.w.due, r.dateColW() + 8, "L"}, col{r.w.completed, r.dateColW(), "L"},
		col{r.w.state, 25, "L"}, col{r.w.weight, 11, "R"}, col{r.w.responsible, 32, "L"})
	rows := make([]*trow, 0, len(m.Milestones))
	milestonesH := 0.0
	for k := range m.Milestones {
		ms := &m.Milestones[k]
		st := ms.StateAt(m.Cancelled, r.asOf)
		done := r.w.none
		if ms.Completed != 0 && ms.Completed <= r.asOf {
			done = r.date(ms.Completed) // also when cancelled since: the workbook lists it too
		}
		state := t.text(3, st.Label(r.lang))
		if st == model.StateOverdue {
			days := ms.DaysOverdue(m.Cancelled, r.asOf)
			label := fmt.Sprintf(r.w.overdueDays, r.count(days))
			if days == 1 { // "1 ден", "1 day"
				label = strings.NewReplacer("дни", "ден", "days", "day").Replace(label)
			}
			state = t.red(3, label)
		}
		var notes []tnote
		if ms.Note != "" {
			notes = append(notes, t.note(r.w.note+": "+r.tr(ms.NoteText()), cMuted, 0))
		}
		if ms.Evidence != "" {
			n := t.note(r.w.evidence+": "+ms.Evidence, cAccent, 0)
			if isWebLink(ms.Evidence) {
				n.link = ms.Evidence
			}
			notes = append(notes, n)
		}
		rw := t.row([]tcell{t.text(0, r.tr(ms.Title)), t.stack(1, r.date(ms.Due), r.originally(model.EntityMilestone, ms.ID, "due"), false), t.text(2, done), state,
			t.text(4, r.num(ms.Weight)), t.text(5, orDash(r.personName(ms.Responsible), r.w.none))}, notes...)
		rows = append(rows, rw)
		milestonesH += rw.h
	}
	if len(rows) > 0 {
		total += t.headH + lineH(9) + 1
	} else {
		total += lineH(kvValueSize) + 2
	}

	// Indicators and updates, as short paragraphs.
	var extras []string
	for k := range m.KPIs {
		extras = append(extras, r.kpiLine(&m.KPIs[k]))
	}
	kpiCount := len(extras)
	for k := range m.Updates {
		if u := &m.Updates[k]; u.Date <= r.asOf {
			extras = append(extras, joinNonEmpty(" · ", r.date(u.Date), r.personName(u.Author))+" — "+r.tr(u.Text))
		}
	}
	r.setFont("", kvValueSize)
	extraLines := make([][]string, len(extras))
	extrasH := 0.0
	for k, e := range extras {
		extraLines[k] = r.split(e, contentW-kvLabelW)
		extrasH += float64(len(extraLines[k]))*lineH(kvValueSize) + 0.8
	}
	total += 6 + milestonesH + extrasH

	// The card starts where it is when it fits whole, or when its title,
	// fields and first two milestones do and what runs onto the next page
	// under the card's title is worth a page's top (minTail): never a
	// page holding only the continued title and a line or two. Else it
	// starts on a new page.
	first := total - milestonesH - extrasH
	if len(rows) > 0 {
		first += rows[0].h
		if len(rows) > 1 {
			first += rows[1].h
		}
	}
	tail := r.y + total - bodyBottom
	if tail > 0 && (r.y+first > bodyBottom || tail < minTail && total <= bodyBottom-bodyTop) {
		r.newPage()
	}
	if opensSection {
		r.heading(r.w.cards, 13, 1, true, 0)
	}
	if head != "" {
		r.subsection(head, 2, 0)
	}

	y := r.y
	r.rect(marginL, y, contentW, barH, cHeadFill)
	r.rect(marginL, y, 1, barH, statusColour[f.Status])
	r.setFont("B", 9.5)
	r.setText(cAccent)
	r.lines(marginL+3, y+2, contentW-36, lineH(9.5), titleLines, "L")
	r.setFont("B", chipSize)
	cw := r.width(f.Status.Label(r.lang)) + 3.2
	if f.Overridden {
		cw += r.width(" *")
	}
	r.chip(marginL+contentW-2-cw, y+2+(lineH(9.5)-chipH)/2, f.Status, f.Overridden)
	r.y = y + barH + 2
	r.cont = m.Code + "  " + m.Title.In(r.lang)
	defer func() { r.cont = "" }()

	r.grid(grid)
	r.labelled(r.w.description, desc, cText)
	if f.Overridden {
		r.labelled(r.w.override, override, cNote)
	}

	r.y += 1
	if len(rows) == 0 {
		r.para(marginL, contentW, r.w.noMilestones, "", kvValueSize, cMuted)
	} else {
		r.minor(r.w.milestones, t.headH+rows[0].h)
		for _, rw := range rows {
			t.place(rw)
		}
	}
	r.y += 1.5
	for k, ls := range extraLines {
		label := ""
		if k == 0 && kpiCount > 0 {
			label = r.w.kpis
		} else if k == kpiCount {
			label = r.w.updates
		}
		r.labelled(label, ls, cText)
		r.y += 0.8
	}
	r.y += 5
}

// grid writes the field grid: the rows that fit on the page, labels
// first and values second (a font and colour each), then the next page's.
func (r *report) grid(rows []kvRow) {
	x2 := marginL + kvLabelW + kvW() + kvGap
	lh := lineH(kvValueSize)
	for start := 0; start < len(rows); {
		r.ensure(rows[start].h)
		end, y := start, r.y
		for end < len(rows) && y+rows[end].h <= bodyBottom {
			y += rows[end].h
			end++
		}
		r.setFont("", kvLabelSize)
		r.setText(cMuted)
		y = r.y
		for _, g := range rows[start:end] {
			for _, p := range [2]struct {
				x float64
				l string
			}{{marginL, g.left.label}, {x2, g.right.label}} {
				if p.l != "" {
					r.text(p.x, y, kvLabelW-1, lh, r.ellipsis(p.l, kvLabelW-1.5), "L")
				}
			}
			y += g.h
		}
		r.setFont("", kvValueSize)
		y = r.y
		for _, g := range rows[start:end] {
			for _, p := range [2]struct {
				x float64
				v kvPair
			}{{marginL, g.left}, {x2, g.right}} {
				if p.v.label != "" {
					r.setText(p.v.c)
					r.lines(p.x+kvLabelW, y, kvW()-1, lh, p.v.lines, "L")
				}
			}
			y += g.h
		}
		r.y = y
		start = end
	}
}

// labelled writes full-width wrapped lines with a label before them,
// kept whole on a page when a page holds them (a paragraph is not split
// between pages), else line by line.
func (r *report) labelled(label string, ls []string, c rgb) {
	lh := lineH(kvValueSize)
	if h := float64(len(ls)) * lh; h <= bodyBottom-bodyTop-20 {
		r.ensure(h)
	}
	for k, l := range ls {
		r.ensure(lh)
		if k == 0 && label != "" {
			r.setFont("", kvLabelSize)
			r.setText(cMuted)
			r.text(marginL, r.y, kvLabelW-1, lh, r.ellipsis(label, kvLabelW-1.5), "L")
		}
		r.setFont("", kvValueSize)
		r.setText(c)
		r.text(marginL+kvLabelW, r.y, contentW-kvLabelW, lh, l, "L")
		r.y += lh
	}
	if len(ls) > 0 {
		r.y += 1
	}
}

// paren is s in brackets, or empty.
func paren(s string) string {
	if s == "" {
		return ""
	}
	return "(" + s + ")"
}

func hasActiveMilestones(m *model.Measure) bool {
	for k := range m.Milestones {
		if !m.Milestones[k].Cancelled && !m.Cancelled {
			return true
		}
	}
	return false
}

func (r *report) areaTitle(code string) string {
	if a := r.d.Area(code); a != nil {
		return a.Code + ". " + r.tr(a.Title)
	}
	return orDash(code, r.w.none)
}

// isWebLink reports whether s is an http(s) address, which a reader may
// open: the model's rule for links.
func isWebLink(s string) bool { return s != "" && model.CheckLink("", "evidence", s) == nil }

func (r *report) goalTitles(codes []string) string {
	parts := make([]string, 0, len(codes))
	for _, c := range codes {
		s := c
		for k := range r.d.Goals {
			if g := &r.d.Goals[k]; g.Code == c {
				s = c + ". " + r.tr(g.Title)
			}
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, "; ")
}

func (r *report) unitNames(codes []string) string {
	parts := make([]string, 0, len(codes))
	for _, c := range codes {
		parts = append(parts, r.unitName(c))
	}
	return strings.Join(parts, "; ")
}

func (r *report) personLine(ref model.Ref) string {
	p := r.people[model.ID(ref)]
	if p == nil {
		return ""
	}
	return nameAndPosition(name(p.Name, r.lang), r.tr(p.Position))
}

func (r *report) fundingLine(fs []model.Funding) string {
	parts := make([]string, 0, len(fs))
	for _, f := range fs {
		parts = append(parts, r.tr(f.Name)+": "+r.eur(f.AmountCents))
	}
	return strings.Join(parts, "; ")
}

// kpiLine is an indicator in one sentence: name, baseline, target, latest value.
func (r *report) kpiLine(k *model.KPI) string {
	val := func(v float64) string { return r.withUnit(v, r.tr(k.Unit)) }
	s := r.tr(k.Name) + ": " + strings.ToLower(r.w.baseline) + " " + val(k.BaselineValue) + " (" + r.date(k.BaselineDate) + "), " +
		strings.ToLower(r.w.target) + " " + val(k.TargetValue) + " (" + r.date(k.TargetDate) + ")"
	if v, ok := k.LatestValue(r.asOf); ok {
		s += ", " + strings.ToLower(r.w.latest) + " " + val(v.Value) + " (" + r.date(v.Date) + ")"
		if a, ok := k.Attainment(r.asOf); ok {
			s += ", " + strings.ToLower(r.w.attainment) + " " + r.pct(a)
		}
	} else {
		s += ", " + r.w.noValue
	}
	return s
}
