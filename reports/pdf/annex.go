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

// cardLayout is a measure's card wrapped and measured, before it is
// placed: the page break is decided on its heights.
type cardLayout struct {
	m          *model.Measure
	f          model.Figures
	titleLines []string // the title bar's
	barH       float64
	grid       []kvRow
	desc       []string
	override   []string // the reason of a manual status, if any
	milestones *table
	rows       []*trow // of milestones
	extras     [][]string
	kpiCount   int // the first extras are KPIs, the rest updates
	// The heights of the whole card with its headings, and of the
	// milestones' and the extras' parts of it.
	total, milestonesH, extrasH float64
}

// card writes the card of measure i, after the heading head (an area's
// title) when it is not empty, kept with the card; the first card also
// after the title of the cards' section.
func (r *report) card(i int, head string, opensSection bool) {
	c := r.layoutCard(i, head, opensSection)
	r.breakBeforeCard(c)
	if opensSection {
		r.heading(r.w.cards, 13, 1, true, 0)
	}
	if head != "" {
		r.subsection(head, 2, 0)
	}
	r.cardTitleBar(c)
	r.cont = c.m.Code + "  " + c.m.Title.In(r.lang)
	defer func() { r.cont = "" }()

	r.grid(c.grid)
	r.labelled(r.w.description, c.desc, cText)
	if c.f.Overridden {
		r.labelled(r.w.override, c.override, cNote)
	}
	r.y += 1
	if len(c.rows) == 0 {
		r.para(marginL, contentW, r.w.noMilestones, "", kvValueSize, cMuted)
	} else {
		r.minor(r.w.milestones, c.milestones.headH+c.rows[0].h)
		for _, rw := range c.rows {
			c.milestones.place(rw)
		}
	}
	r.y += 1.5
	for k, ls := range c.extras {
		label := ""
		if k == 0 && c.kpiCount > 0 {
			label = r.w.kpis
		} else if k == c.kpiCount {
			label = r.w.updates
		}
		r.labelled(label, ls, cText)
		r.y += 0.8
	}
	r.y += 5
}

// layoutCard wraps and measures the parts of measure i's card: title bar,
// field grid, description, manual status, milestones, KPIs and updates;
// its total height counts the headings before it (see card).
func (r *report) layoutCard(i int, head string, opensSection bool) *cardLayout {
	m := &r.d.Measures[i]
	c := &cardLayout{m: m, f: r.figs[i]}
	r.setFont("B", 9.5)
	c.titleLines = r.split(m.Code+"  "+r.tr(m.Title), contentW-36)
	c.barH = float64(len(c.titleLines))*lineH(9.5) + 4
	c.grid = gridRows(r.cardFieldsLeft(m), r.cardFieldsRight(m, c.f))
	c.total = r.cardHeadingsH(head, opensSection) + c.barH + 2
	for _, g := range c.grid {
		c.total += g.h
	}
	r.setFont("", kvValueSize)
	c.desc = r.split(orDash(r.tr(m.Description), r.w.none), contentW-kvLabelW)
	c.total += float64(len(c.desc))*lineH(kvValueSize) + 2
	if c.f.Overridden {
		c.override = r.split(r.tr(m.Override.ReasonText()), contentW-kvLabelW)
		c.total += float64(len(c.override))*lineH(kvValueSize) + 1
	}
	c.milestones, c.rows = r.cardMilestones(m)
	if len(c.rows) > 0 {
		c.total += c.milestones.headH + lineH(9) + 1
	} else {
		c.total += lineH(kvValueSize) + 2
	}
	for _, rw := range c.rows {
		c.milestonesH += rw.h
	}
	c.extras, c.kpiCount, c.extrasH = r.cardExtras(m)
	c.total += 6 + c.milestonesH + c.extrasH
	return c
}

// cardFieldsLeft are the left column of a card's field grid: where the
// measure belongs, who does it, when and its weight.
func (r *report) cardFieldsLeft(m *model.Measure) []kvPair {
	return []kvPair{
		r.pair(r.w.area, r.areaTitle(m.Area), cText),
		r.pair(r.w.goals, r.goalTitles(m.Goals), cText),
		r.pair(r.w.leadUnit, r.unitName(m.LeadUnit), cText),
		r.pair(r.w.responsible, r.personLine(m.Responsible), cText),
		r.pair(r.w.partners, r.unitNames(m.Partners), cText),
		r.pair(r.w.term, joinNonEmpty(" ", r.period(m.Start, m.End), paren(r.originally(model.EntityMeasure, m.ID, "end"))), cText),
		r.pair(r.w.weight, r.num(m.Weight), cText),
	}
}

// cardFieldsRight are the right column of a card's field grid: progress,
// status and money; the manual progress when no milestone counts.
func (r *report) cardFieldsRight(m *model.Measure, f model.Figures) []kvPair {
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
		r.executionPair(m),
		r.fundingPair(m),
	}
	if !hasActiveMilestones(m) {
		right = append(right, r.pair(r.w.manual, r.pct(m.ManualProgress), cText))
	}
	return right
}

// executionPair is the budget's execution, marked when over the plan.
func (r *report) executionPair(m *model.Measure) kvPair {
	exec, c := r.w.none, cText
	if e, ok := model.BudgetExecution(m.PlannedCents, m.SpentCents); ok {
		exec = r.pct(e)
		if e > 100 {
			exec, c = exec+" — "+r.w.overPlan, cNote
		}
	}
	return r.pair(r.w.execution, exec, c)
}

// fundingPair is the funding sources, marked when they do not add up to
// the planned budget or there is none for it (model.CheckFunding).
func (r *report) fundingPair(m *model.Measure) kvPair {
	funding, c := r.fundingLine(m.Funding), cText
	switch funded, gap := m.FundingGap(); gap {
	case model.FundingMissing:
		funding, c = fmt.Sprintf(r.w.fundingNone, r.eur(m.PlannedCents)), cNote
	case model.FundingMismatch:
		funding, c = funding+" ("+fmt.Sprintf(r.w.fundingSum, r.eur(funded), r.eur(m.PlannedCents))+")", cNote
	}
	return r.pair(r.w.funding, funding, c)
}

// gridRows pairs the two columns of the field grid line by line.
func gridRows(left, right []kvPair) []kvRow {
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
	return grid
}

// cardHeadingsH is the height of the headings written before a card.
func (r *report) cardHeadingsH(head string, opensSection bool) float64 {
	h := 0.0
	if head != "" {
		r.setFont("B", 11.5)
		h = float64(len(r.split(head, contentW)))*lineH(11.5) + 4
	}
	if opensSection {
		r.setFont("B", 13)
		h += float64(len(r.split(r.w.cards, contentW)))*lineH(13) + 4
	}
	return h
}

// cardMilestones is the table of a measure's milestones and its rows.
func (r *report) cardMilestones(m *model.Measure) (*table, []*trow) {
	t := r.newTable("", // the card's title repeats on a new page instead
		col{r.w.milestone, 0, "L"}, col{r.w.due, r.dateColW() + 8, "L"}, col{r.w.completed, r.dateColW(), "L"},
		col{r.w.state, 25, "L"}, col{r.w.weight, 11, "R"}, col{r.w.responsible, 32, "L"})
	rows := make([]*trow, 0, len(m.Milestones))
	for k := range m.Milestones {
		rows = append(rows, r.cardMilestone(t, m, &m.Milestones[k]))
	}
	return t, rows
}

// cardMilestone is the row of milestone ms in a card's table t: its
// state, in red with the days when overdue, and its note and evidence
// under it.
func (r *report) cardMilestone(t *table, m *model.Measure, ms *model.Milestone) *trow {
	st := ms.StateAt(m.Cancelled, r.asOf)
	done := r.w.none
	if ms.Completed != 0 && ms.Completed <= r.asOf {
		done = r.date(ms.Completed) // also when cancelled since: the workbook lists it too
	}
	state := t.text(3, st.Label(r.lang))
	if st == model.StateOverdue {
		days := ms.DaysOverdue(m.Cancelled, r.asOf)
		state = t.red(3, fmt.Sprintf(model.Counted(days, r.w.overdueDays[0], r.w.overdueDays[1]), r.count(days)))
	}
	var notes []tnote
	if note := ms.NoteText(); !note.IsEmpty() {
		notes = append(notes, t.note(r.w.note+": "+r.tr(note), cMuted, 0))
	}
	if ms.Evidence != "" {
		n := t.note(r.w.evidence+": "+ms.Evidence, cAccent, 0)
		if isWebLink(ms.Evidence) {
			n.link = ms.Evidence
		}
		notes = append(notes, n)
	}
	return t.row([]tcell{t.text(0, r.tr(ms.Title)), t.stack(1, r.date(ms.Due), r.originally(model.EntityMilestone, ms.ID, "due"), false), t.text(2, done), state,
		t.text(4, r.num(ms.Weight)), t.text(5, orDash(r.personName(ms.Responsible), r.w.none))}, notes...)
}

// cardExtras are a measure's KPIs, then its updates up to the report's
// date, each wrapped as a short paragraph, how many of them are KPIs, and
// their height.
func (r *report) cardExtras(m *model.Measure) (lines [][]string, kpiCount int, h float64) {
	var extras []string
	for k := range m.KPIs {
		extras = append(extras, r.kpiLine(&m.KPIs[k]))
	}
	kpiCount = len(extras)
	for k := range m.Updates {
		if u := &m.Updates[k]; u.Date <= r.asOf {
			extras = append(extras, joinNonEmpty(" · ", r.date(u.Date), r.personName(u.Author))+" — "+r.tr(u.Text))
		}
	}
	r.setFont("", kvValueSize)
	lines = make([][]string, len(extras))
	for k, e := range extras {
		lines[k] = r.split(e, contentW-kvLabelW)
		h += float64(len(lines[k]))*lineH(kvValueSize) + 0.8
	}
	return lines, kpiCount, h
}

// breakBeforeCard starts a new page unless card c may start where it is:
// when it fits whole, or when its title, fields and first two milestones
// do and what runs onto the next page under the card's title is worth a
// page's top (minTail): never a page holding only the continued title and
// a line or two.
func (r *report) breakBeforeCard(c *cardLayout) {
	first := c.total - c.milestonesH - c.extrasH
	if len(c.rows) > 0 {
		first += c.rows[0].h
		if len(c.rows) > 1 {
			first += c.rows[1].h
		}
	}
	tail := r.y + c.total - bodyBottom
	if tail > 0 && (r.y+first > bodyBottom || tail < minTail && c.total <= bodyBottom-bodyTop) {
		r.newPage()
	}
}

// cardTitleBar writes a card's title bar: the code and title, a stripe and
// a chip in the colour of its status.
func (r *report) cardTitleBar(c *cardLayout) {
	y := r.y
	r.rect(marginL, y, contentW, c.barH, cHeadFill)
	r.rect(marginL, y, 1, c.barH, statusColour[c.f.Status])
	r.setFont("B", 9.5)
	r.setText(cAccent)
	r.lines(marginL+3, y+2, contentW-36, lineH(9.5), c.titleLines, "L")
	r.setFont("B", chipSize)
	cw := r.width(c.f.Status.Label(r.lang)) + 3.2
	if c.f.Overridden {
		cw += r.width(" *")
	}
	r.chip(marginL+contentW-2-cw, y+2+(lineH(9.5)-chipH)/2, c.f.Status, c.f.Overridden)
	r.y = y + c.barH + 2
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
	return nameAndPosition(r.lang, name(p.Name, r.lang), r.tr(p.Position))
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
	val := func(v float64) string { return model.FormatKPIValue(v, r.tr(k.Unit), r.lang) }
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
