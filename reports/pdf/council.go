package pdf

import (
	"fmt"
	"strings"

	"strategytracker/model"
)

// Narrative is the office's commentary of the period (issue 13): the
// executive commentary shown on the first page and, per area code, the
// area's highlights, risks, corrective actions and decisions requested.
// Texts in both languages; one filled in only is shown marked as untranslated.
type Narrative struct {
	Executive model.Text
	PerArea   map[string]AreaNarrative
}

// AreaNarrative is the commentary of one priority area.
type AreaNarrative struct {
	Commentary, Highlights, Risks, Actions, Decisions model.Text
}

func (a AreaNarrative) empty() bool {
	return a.Commentary.IsEmpty() && a.Highlights.IsEmpty() && a.Risks.IsEmpty() && a.Actions.IsEmpty() && a.Decisions.IsEmpty()
}

// Revision is a change to the adopted plan (issue 11): a measure's field
// whose current value differs from the one adopted, when, by whom and why.
// Field is the field's name as people read it, in the report's language
// ("срок", "планиран бюджет"); Original and Current are formatted values.
type Revision struct {
	Measure           string // the measure's code
	Milestone         model.ID
	Field             string
	Original, Current string
	At                model.Date
	By                string // a person's name, or a reference the file resolves
	Reason            model.Text
}

// signatory is a person who signs the report: a role line and a name.
type signatory struct{ name, position string }

// officeUser is the first person of the office, by id: who prepares the
// report when no one else is named.
func (r *report) officeUser() *model.Person {
	var best *model.Person
	for i := range r.d.People {
		p := &r.d.People[i]
		if p.Role == model.RoleOffice && (best == nil || p.ID < best.ID) {
			best = p
		}
	}
	return best
}

// person is someone named by the options: a person of the file (by name
// or e-mail) with their position, else the text as given.
func (r *report) person(ref string) signatory {
	if p, err := r.d.FindPerson(ref); err == nil && p != nil {
		return signatory{name: name(p.Name, r.lang), position: r.tr(p.Position)}
	}
	for i := range r.d.People {
		p := &r.d.People[i]
		if p.Name.BG == ref || p.Name.EN == ref {
			return signatory{name: name(p.Name, r.lang), position: r.tr(p.Position)}
		}
	}
	if strings.Contains(ref, "@") {
		return signatory{} // an address is not a name; a council document shows none
	}
	return signatory{name: ref}
}

// preparedBy is who prepared the report: as given, else the office user.
func (r *report) preparedBy() signatory {
	if r.opt.PreparedBy != "" {
		return r.person(r.opt.PreparedBy)
	}
	if p := r.officeUser(); p != nil {
		return signatory{name: name(p.Name, r.lang), position: r.tr(p.Position)}
	}
	return signatory{}
}

// maxAgreed is how many of the office's people agree the report when the
// options name no one: a council report has a few signatures, not a staff list.
const maxAgreed = 3

// agreed are those who agree the report: as given, else the office's
// people other than who prepared it and who submits it, the first
// maxAgreed by id.
func (r *report) agreed() []signatory {
	var out []signatory
	if len(r.opt.Agreed) > 0 {
		for _, a := range r.opt.Agreed {
			if s := r.person(a); s.name != "" {
				out = append(out, s)
			}
		}
		return out
	}
	prep, sub := r.preparedBy(), r.submitter()
	for i := range r.d.People {
		p := &r.d.People[i]
		if len(out) == maxAgreed {
			break
		}
		if n := name(p.Name, r.lang); p.Role == model.RoleOffice && n != prep.name && n != sub.name {
			out = append(out, signatory{name: name(p.Name, r.lang), position: r.tr(p.Position)})
		}
	}
	return out
}

// submitter is who submits the report to the council (ОТ, Вносител): as
// given, else the strategy's submitter (a person, named with their
// position, or their unit when they have none), else the office user's
// unit, whose head signs.
func (r *report) submitter() signatory {
	if r.opt.Submitter != "" {
		return r.person(r.opt.Submitter)
	}
	if p := r.d.Person(model.ID(r.d.Strategy.Submitter)); p != nil {
		s := signatory{name: name(p.Name, r.lang), position: r.tr(p.Position)}
		if s.position == "" && r.units[p.Unit] != nil {
			s.position = r.unitName(p.Unit)
		}
		return s
	}
	if p := r.officeUser(); p != nil && r.units[p.Unit] != nil {
		return signatory{position: r.unitName(p.Unit)}
	}
	return signatory{}
}

// definite is a strategy's title after "изпълнението на": with the
// article, "Стратегията за …" (a Bulgarian title names "Стратегия за …").
func (r *report) definite(title string) string {
	if rest, ok := strings.CutPrefix(title, "Стратегия "); ok && r.lang == model.BG {
		return "Стратегията " + rest
	}
	return title
}

// cover writes page 1, the council memo: to whom, from whom, about what,
// the report's facts, the office's commentary (or the key figures in a
// sentence), and the demo band.
func (r *report) cover() {
	r.newPage()
	s := &r.d.Strategy
	r.setFont("", 9)
	r.applyFont()
	r.pdf.Bookmark(r.w.memo, 0, 0)
	r.rect(0, 0, 8, pageH, cAccent)

	y := 26.0
	r.setFont("B", 9)
	r.setText(cText)
	r.text(marginL+contentW/2, y, contentW/2, lineH(9), upper(r.w.to), "L")
	y += lineH(9)
	r.setFont("B", 10)
	r.text(marginL+contentW/2, y, contentW/2, lineH(10), upper(r.w.council), "L")
	y += lineH(10) + 10

	r.setFont("B", 20)
	r.setText(cAccent)
	r.text(marginL, y, contentW, lineH(20), upper(r.w.memo), "C")
	y += lineH(20) + 6

	from := r.submitter()
	about := fmt.Sprintf(r.w.about, r.definite(r.tr(s.Title)), r.dateText(r.asOf))
	rowsOf := func(label, value string) {
		const lw = 28.0
		r.setFont("", 10)
		ls := r.split(value, contentW-lw)
		r.setFont("B", 10)
		r.setText(cText)
		r.text(marginL, y, lw, lineH(10), upper(label)+":", "L")
		r.setFont("", 10)
		r.lines(marginL+lw, y, contentW-lw, lineH(10), ls, "L")
		y += float64(len(ls))*lineH(10) + 2.5
	}
	rowsOf(r.w.from, nameAndPosition(r.lang, from.name, from.position))
	rowsOf(r.w.regarding, about)
	y += 3
	r.hline(marginL, marginL+contentW, y, 0.4, cAccent)
	y += 5

	decision := r.tr(s.CouncilDecision)
	adoptedLabel := r.w.adopted
	if decision == "" && s.AdoptedOn != 0 {
		decision, adoptedLabel = r.dateText(s.AdoptedOn), r.w.adoptedOnLabel
	}
	compared := r.w.firstReport
	if sn := r.changes.Since; sn != nil {
		compared = fmt.Sprintf(r.w.previousReport, r.dateText(sn.AsOf))
	}
	prep := r.preparedBy()
	rows := [][2]string{
		{r.w.period, r.period(s.PeriodStart, s.PeriodEnd)},
		{adoptedLabel, orDash(decision, r.w.none)},
		{r.w.dataAsOf, r.dateText(r.asOf)},
		{r.w.comparedWith, compared},
		{r.w.preparedBy, orDash(nameAndPosition(r.lang, prep.name, prep.position), r.w.none)},
		{r.w.made, r.dateText(model.DateOf(r.created))},
	}
	const labelW = 46.0
	valueW := contentW - labelW
	for _, kv := range rows {
		r.setFont("", 9.5)
		ls := r.split(kv[1], valueW)
		h := float64(len(ls)) * lineH(9.5)
		r.setText(cText)
		r.lines(marginL+labelW, y, valueW, lineH(9.5), ls, "L")
		r.setFont("", 8.5)
		r.setText(cMuted)
		r.text(marginL, y, labelW, lineH(9.5), kv[0], "L")
		y += h + 2
		r.hline(marginL, marginL+contentW, y-1, 0.15, cRule)
	}
	y += 6
	r.y = y

	bottom := pageH - 20.0
	if s.Demo {
		bottom = demoBandY - 6
	}
	// The commentary of the period, else the key figures in two sentences.
	text := ""
	if r.narrative != nil && !r.narrative.Executive.IsEmpty() {
		text = r.tr(r.narrative.Executive)
	}
	label := r.w.executive
	if text == "" {
		text, label = r.keySentence(), r.w.inBrief
	}
	r.setFont("B", 10)
	r.setText(cAccent)
	r.text(marginL, r.y, contentW, lineH(10), label, "L")
	r.y += lineH(10) + 1.5
	r.setFont("", 9.5)
	ls := r.split(text, contentW)
	lh := lineH(9.5) * 1.15
	if r.y+float64(len(ls))*lh > bottom {
		// A long commentary continues after the cover, whole.
		fit := int((bottom - r.y) / lh)
		r.setText(cText)
		r.lines(marginL, r.y, contentW, lh, ls[:fit], "L")
		r.coverRest = ls[fit:]
	} else {
		r.setText(cText)
		r.lines(marginL, r.y, contentW, lh, ls, "L")
	}
	r.y += float64(len(ls)) * lh

	if s.Demo {
		demo := hexColour(model.DemoHex)
		by := demoBandY
		r.rect(8, by, pageW-8, 18, demo)
		r.setFont("B", 14)
		r.setText(cWhite)
		r.text(marginL, by+2.5, contentW, 7, model.DemoMark(r.lang), "L")
		r.setFont("", 9)
		r.text(marginL, by+10, contentW, 5, r.w.demoNote, "L")
	}
	r.step()
}

// keySentence is the state of the strategy in two sentences, for a report
// whose office wrote no commentary.
func (r *report) keySentence() string {
	s := &r.sum
	text := fmt.Sprintf(r.w.keySentence, r.dateText(r.asOf), r.pct(float64(s.Progress)), r.pct(float64(s.Expected)),
		r.count(s.Measures), r.count(s.Status[model.StatusCompleted]), r.count(s.Status[model.StatusOnTrack]),
		r.count(s.Status[model.StatusAtRisk]), r.count(s.Status[model.StatusDelayed]), r.count(s.MilestoneStates[model.StateOverdue]))
	if p := r.prev; p != nil {
		text += " " + fmt.Sprintf(r.w.keyChange, r.dateText(p.AsOf), r.pct(float64(p.Summary.Progress)), r.change(float64(s.Progress), float64(p.Summary.Progress)))
	}
	if e, ok := model.BudgetExecution(s.Budget.PlannedCents, s.Budget.SpentCents); ok {
		text += " " + fmt.Sprintf(r.w.keyBudget, r.eur(s.Budget.SpentCents), r.eur(s.Budget.PlannedCents), r.pct(e))
	}
	if t := r.revisedSentence(); t != "" {
		text += " " + t
	}
	return text
}

// revisedSentence counts the measures whose adopted plan was changed, and
// the changes; "" when there is none.
func (r *report) revisedSentence() string {
	measures := map[string]bool{}
	for _, v := range r.revisions {
		measures[v.Measure] = true
	}
	if len(measures) == 0 {
		return ""
	}
	counted := func(n int, forms [2]string) string { return model.FormatCount(n, forms[0], forms[1], r.lang) }
	return fmt.Sprintf(r.w.keyRevised, counted(len(measures), r.w.revMeasure), counted(len(r.revisions), r.w.revChange))
}

// change is the change from then to now in points, of the figures as
// printed (rounded to one decimal), so that the three agree.
func (r *report) change(now, then float64) string {
	return r.points(model.Round1(now) - model.Round1(then))
}

// points is a change in percentage points with its sign: "+4,2 п.п.".
func (r *report) points(v float64) string {
	v = model.Round1(v)
	sign := "+"
	switch {
	case v < 0:
		sign, v = "–", -v // an en dash for the minus (the font has no U+2212), not a hyphen
	case v == 0:
		sign, v = "±", 0 // no "-0,0"
	}
	return sign + model.FormatPoints(v, r.lang)
}

// narrativeBlocks writes an area's commentary, then its highlights, risks,
// corrective actions and decisions requested under their names, each kept whole.
func (r *report) narrativeBlocks(n AreaNarrative) {
	for _, b := range []struct {
		label string
		text  model.Text
	}{{"", n.Commentary}, {model.NarrativeHighlights.Label(r.lang), n.Highlights}, {model.NarrativeRisks.Label(r.lang), n.Risks},
		{model.NarrativeActions.Label(r.lang), n.Actions}, {model.NarrativeDecisions.Label(r.lang), n.Decisions}} {
		if b.text.IsEmpty() {
			continue
		}
		r.setFont("", 9)
		ls := r.split(r.tr(b.text), contentW-4)
		if b.label == "" { // the area's commentary, as the office wrote it
			r.paraLines(marginL, contentW, r.split(r.tr(b.text), contentW), "", 9, cText)
			r.y += 2
			continue
		}
		r.minor(b.label, min(float64(len(ls))*lineH(9), 3*lineH(9)))
		r.paraLines(marginL+4, contentW-4, ls, "", 9, cText)
		r.y += 2
	}
}

// decisionAndSignatures ends the body: the draft decision when the office
// wrote one, and the signature block.
func (r *report) decisionAndSignatures() {
	if d := r.tr(r.opt.DraftDecision); d != "" {
		r.setFont("", 9.5)
		ls := r.split(d, contentW)
		r.heading(r.w.draftDecision, 13, 0, true, min(float64(len(ls))*lineH(9.5), 6*lineH(9.5)))
		r.paraLines(marginL, contentW, ls, "", 9.5, cText)
		r.y += 6
	}
	type block struct {
		label string
		who   []signatory
	}
	blocks := []block{{r.w.preparedBy, []signatory{r.preparedBy()}}}
	if a := r.agreed(); len(a) > 0 {
		blocks = append(blocks, block{r.w.agreedBy, a})
	}
	blocks = append(blocks, block{r.w.submittedBy, []signatory{r.submitter()}})
	h := lineH(13) + 4
	for _, b := range blocks {
		h += lineH(9) + 1 + float64(len(b.who))*13 + 2
	}
	r.ensure(h)
	r.heading(r.w.signatures, 13, 0, true, h-lineH(13)-4)
	for _, b := range blocks {
		r.setFont("B", 9)
		r.setText(cText)
		r.text(marginL, r.y, contentW, lineH(9), b.label+":", "L")
		r.y += lineH(9) + 1
		for _, s := range b.who {
			r.hline(marginL+8, marginL+68, r.y+7, 0.2, cMuted)
			r.setFont("", 7)
			r.setText(cMuted)
			r.text(marginL+8, r.y+7.5, 60, lineH(7), r.w.signature, "L")
			r.setFont("B", 9)
			r.setText(cText)
			r.text(marginL+78, r.y+2, contentW-78, lineH(9), orDash(s.name, ""), "L")
			r.setFont("", 8)
			r.setText(cMuted)
			pos := r.split(s.position, contentW-78)
			if len(pos) > 2 {
				pos = pos[:2] // positions are short; a long one is kept to two lines
			}
			r.lines(marginL+78, r.y+2+lineH(9), contentW-78, lineH(8), pos, "L")
			r.y += 13
		}
		r.y += 2
	}
}

// revisionsSection counts and lists the changes to the adopted plan.
func (r *report) revisionsSection() {
	if len(r.revisions) == 0 {
		return
	}
	revs := r.revisions
	title := r.w.revisions + " (" + r.count(len(revs)) + ")"
	t := r.newTable(title, col{r.w.measure, 13, "L"}, col{r.w.field, 42, "L"}, col{r.w.original, 24, "L"},
		col{r.w.current, 24, "L"}, col{r.w.changedOn, r.dateColW(), "L"}, col{r.w.reason, 0, "L"})
	rows := make([]*trow, 0, len(revs))
	for _, v := range revs {
		by := r.person(v.By)
		reason := r.tr(v.Reason)
		if by.name != "" {
			reason = joinNonEmpty(" — ", reason, by.name)
		}
		rows = append(rows, t.row([]tcell{t.bold(0, v.Measure), t.text(1, v.Field), t.muted(2, v.Original),
			t.text(3, v.Current), t.text(4, r.date(v.At)), t.text(5, reason)}))
	}
	r.heading(title, 13, 0, true, r.keepRows(t, rows))
	r.setFont("", 8.5)
	r.para(marginL, contentW, r.revisedSentence()+" "+r.w.revisionsNote, "", 8.5, cMuted)
	r.y += 1
	r.placeRows(t, rows)
}
