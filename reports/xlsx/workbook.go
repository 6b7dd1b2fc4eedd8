package xlsx

import (
	"cmp"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/xuri/excelize/v2"

	"strategytracker/model"
)

// WriteWorkbook writes the progress workbook of d at opt.AsOf: Summary
// (with a chart of status counts by area), Measures, Milestones, KPIs,
// Owners and Changes since the latest earlier snapshot, named and headed
// in opt.Lang. Every sheet is written with excelize's StreamWriter.
func WriteWorkbook(w io.Writer, d *model.Doc, opt Options) error {
	if opt.AsOf == 0 {
		return model.Errorf(model.EINVALID, "the workbook needs an as-of date")
	}
	lang := opt.lang()
	names := []model.Text{sheetSummary, sheetBudget, sheetMeasures, sheetMilestones, sheetKPIs, sheetOwners, sheetChanges}
	steps := []func(*workbook) error{(*workbook).summary, (*workbook).budgetSheet, (*workbook).measureSheet, (*workbook).milestoneSheet,
		(*workbook).kpiSheet, (*workbook).ownerSheet, (*workbook).changeSheet}
	if d.Adoption != nil || len(d.Revisions) > 0 { // the adopted plan's revisions (revisions.go)
		names = append(names, sheetRevisions)
		steps = append(steps, (*workbook).revisionSheet)
	}
	f, err := newFile(names[0].In(lang), d.Strategy.Title.In(lang), opt)
	if err != nil {
		return err
	}
	defer f.Close()
	for _, n := range names[1:] {
		if _, err := f.NewSheet(n.In(lang)); err != nil {
			return err
		}
	}
	st, err := newStyles(f, lang)
	if err != nil {
		return err
	}
	st.printed(d.Strategy.Title.In(lang), lang, opt.AsOf)
	wb := &workbook{f: f, d: d, opt: opt, lang: lang, st: st}
	wb.measures = sortedMeasures(d)
	wb.figures = make([]model.Figures, len(wb.measures))
	for i, m := range wb.measures {
		wb.figures[i] = m.Evaluate(opt.AsOf)
	}
	for _, step := range steps {
		if err := step(wb); err != nil {
			return err
		}
	}
	return f.Write(w)
}

// workbook is the state of one WriteWorkbook.
type workbook struct {
	f        *excelize.File
	d        *model.Doc
	opt      Options
	lang     model.Lang
	st       *styles
	measures []*model.Measure    // by code
	figures  []model.Figures     // of measures, at opt.AsOf
	people   map[model.ID]string // names in lang, made on first use
}

// sortedMeasures returns the measures of d by code.
func sortedMeasures(d *model.Doc) []*model.Measure {
	out := make([]*model.Measure, len(d.Measures))
	for i := range d.Measures {
		out[i] = &d.Measures[i]
	}
	slices.SortStableFunc(out, func(a, b *model.Measure) int { return model.CompareCodes(a.Code, b.Code) })
	return out
}

// sortedMilestones returns m's milestones by due date, then id.
func sortedMilestones(m *model.Measure) []*model.Milestone {
	out := make([]*model.Milestone, len(m.Milestones))
	for i := range m.Milestones {
		out[i] = &m.Milestones[i]
	}
	slices.SortStableFunc(out, func(a, b *model.Milestone) int {
		return cmp.Or(cmp.Compare(a.Due, b.Due), cmp.Compare(a.ID, b.ID))
	})
	return out
}

func (wb *workbook) personName(r model.Ref) string {
	if wb.people == nil {
		wb.people = map[model.ID]string{}
		for _, p := range wb.d.People {
			wb.people[p.ID] = p.Name.In(wb.lang)
		}
	}
	return wb.people[model.ID(r)]
}

func (wb *workbook) unitName(code string) string {
	if u := wb.d.Unit(code); u != nil {
		return u.Name.In(wb.lang)
	}
	return code
}

func (wb *workbook) statusCell(s model.Status, overridden bool) cell {
	l := s.Label(wb.lang)
	if overridden {
		l += " (" + msgOverridden.In(wb.lang) + ")"
	}
	return wb.st.styled(wb.st.status[s], l)
}

// dataSheet streams a table whose first row is its header: frozen, with an
// autofilter over the whole table.
func (wb *workbook) dataSheet(name model.Text, g *grid, headerRow int) error {
	sheet := name.In(wb.lang)
	cols := len(g.rows[headerRow-1])
	ref := cellName(1, headerRow) + ":" + cellName(cols, max(len(g.rows), headerRow+1))
	return stream(wb.f, sheet, g, headerRow, nil, func() error { return wb.f.AutoFilter(sheet, ref, nil) })
}

// summary is the first sheet: one A4 page in portrait with the figures,
// progress and status counts by area, the milestones by state, the budget
// total and the chart.
func (wb *workbook) summary() error {
	lang, st, d := wb.lang, wb.st, wb.d
	sum := model.Summarize(d, wb.opt.AsOf)
	g := st.grid()
	g.page = page{portrait: true, fitWide: 1, titleRows: 1}
	g.capWidths(18, 22) // the labels and codes, the areas' names (which wrap)
	g.addLoose(st.styled(st.title, d.Strategy.Title.In(lang)))
	if d.Strategy.Demo {
		g.addLoose(st.styled(st.demo, model.DemoMark(lang)))
	}
	g.blank()
	g.header(lang, msgIndicator, msgValue)
	if dec := d.Strategy.CouncilDecision.In(lang); dec != "" {
		// In the table, wrapped: a loose text would widen the printed page.
		g.add(st.str(msgDecision.In(lang)), st.styled(st.wrap, dec))
	}
	g.add(st.str(msgAsOf.In(lang)), st.date(wb.opt.AsOf))
	if wb.opt.PreparedBy != "" {
		g.add(st.str(msgPreparedBy.In(lang)), st.str(wb.opt.PreparedBy))
	}
	g.add(st.str(msgProgress.In(lang)), st.percent(float64(sum.Progress)))
	g.add(st.str(msgExpected.In(lang)), st.percent(float64(sum.Expected)))
	g.add(st.str(msgMeasureCount.In(lang)), st.integer(sum.Measures))
	g.add(st.str(msgMilestoneCnt.In(lang)), st.integer(sum.Milestones))
	g.add(st.str(msgBudgetPlanned.In(lang)), st.eur(sum.Budget.PlannedCents))
	g.add(st.str(msgBudgetSpent.In(lang)), st.eur(sum.Budget.SpentCents))
	g.add(st.str(msgExecution.In(lang)), wb.execution(sum.Budget.PlannedCents, sum.Budget.SpentCents))
	g.blank()

	// Progress and status counts by area: the chart's data.
	g.addLoose(st.styled(st.bold, msgByArea.In(lang)))
	heads := []cell{st.styled(st.header, msgCode.In(lang)), st.styled(st.header, msgArea.In(lang)),
		st.styled(st.header, msgProgress.In(lang)), st.styled(st.header, msgExpected.In(lang))}
	for _, s := range model.Statuses {
		heads = append(heads, st.styled(st.status[s], s.Label(lang)))
	}
	heads = append(heads, st.styled(st.header, msgTotal.In(lang)))
	headRow := g.addRow(heads, excelize.RowOpts{})
	g.fit(1, headerWidth)
	for i := 2; i < len(heads); i++ {
		g.fit(i, 8) // status names wrap in narrow columns
	}
	first := headRow + 1
	for _, a := range sum.Areas {
		row := []cell{st.str(a.Code), st.styled(st.wrap, a.Title.In(lang)), st.percent(float64(a.Progress)), st.percent(float64(a.Expected))}
		for _, s := range model.Statuses {
			row = append(row, st.integer(a.Status[s]))
		}
		g.addLoose(append(row, st.integer(a.Measures))...)
	}
	last := len(g.rows)
	total := []cell{st.styled(st.bold, msgTotal.In(lang)), {}, st.percent(float64(sum.Progress)), st.percent(float64(sum.Expected))}
	for _, s := range model.Statuses {
		total = append(total, st.integer(sum.Status[s]))
	}
	g.add(append(total, st.integer(sum.Measures))...)
	g.blank()

	g.addLoose(st.styled(st.bold, msgStates.In(lang)))
	g.header(lang, msgState, msgCount)
	for _, s := range model.MilestoneStates {
		g.add(st.styled(st.status[stateColour[s]], s.Label(lang)), st.integer(sum.MilestoneStates[s]))
	}
	g.blank()
	chartAt := cellName(1, g.blank()+1)

	sheet := sheetSummary.In(lang)
	return stream(wb.f, sheet, g, 0, nil, func() error {
		if last < first {
			return nil // no areas: nothing to chart
		}
		return wb.f.AddChart(sheet, chartAt, wb.statusChart(sheet, headRow, first, last))
	})
}

// budgetSheet is the budget by area, by year and by funding source: the
// same figures, by the same rules, as the PDF report's.
func (wb *workbook) budgetSheet() error {
	lang, st, d := wb.lang, wb.st, wb.d
	g := st.grid()
	g.page = page{portrait: true, fitWide: 1, titleRows: 1}
	g.capWidths(30, 30) // funding sources' and areas' names wrap
	g.addLoose(st.styled(st.title, msgBudgetTitle.In(lang)))
	g.addLoose(st.str(msgBudgetNote.In(lang)))
	g.blank()
	table := func(title model.Text, key model.Text, rows []budgetRow, withTitle bool) {
		g.addLoose(st.styled(st.bold, title.In(lang)))
		if withTitle {
			g.header(lang, key, msgArea, msgPlanned, msgSpent, msgExecution, msgMeasureCount)
		} else {
			g.header(lang, key, msgPlanned, msgSpent, msgExecution)
		}
		var planned, spent int64
		measures := 0
		for _, r := range rows {
			planned, spent, measures = planned+r.planned, spent+r.spent, measures+r.measures
			if withTitle {
				g.add(st.str(r.key), st.styled(st.wrap, r.title.In(lang)), st.eur(r.planned), st.eur(r.spent), wb.execution(r.planned, r.spent), st.integer(r.measures))
			} else {
				g.add(st.str(r.key), st.eur(r.planned), st.eur(r.spent), wb.execution(r.planned, r.spent))
			}
		}
		if withTitle {
			g.add(st.styled(st.bold, msgTotal.In(lang)), cell{}, st.styled(st.eurBold, float64(planned)/100), st.styled(st.eurBold, float64(spent)/100), wb.execution(planned, spent), st.integer(measures))
		} else {
			g.add(st.styled(st.bold, msgTotal.In(lang)), st.styled(st.eurBold, float64(planned)/100), st.styled(st.eurBold, float64(spent)/100), wb.execution(planned, spent))
		}
		g.blank()
	}
	table(msgBudgetByArea, msgCode, budgetByArea(d), true)
	table(msgBudgetByYear, msgYear, budgetByYear(d, wb.opt.AsOf), false)
	g.addLoose(st.str(msgYearRule.In(lang)))
	g.blank()

	g.addLoose(st.styled(st.bold, msgBudget.In(lang)))
	g.header(lang, msgSource, msgPlannedFunding, msgMeasureCount)
	var funded int64
	for _, fs := range fundingTotals(d) {
		funded += fs.planned
		g.add(st.styled(st.wrap, fs.title.In(lang)), st.eur(fs.planned), st.integer(fs.measures))
	}
	g.add(st.styled(st.bold, msgTotal.In(lang)), st.styled(st.eurBold, float64(funded)/100), cell{})
	g.addLoose(st.str(msgNoSpentBySource.In(lang)))
	g.fit(1, 30)
	return stream(wb.f, sheetBudget.In(lang), g, 0, nil, nil)
}

// statusChart is a stacked bar chart of status counts by area, one series
// per status in the palette's colour, over the table at rows first..last.
func (wb *workbook) statusChart(sheet string, headRow, first, last int) *excelize.Chart {
	q := quoted(sheet)
	abs := func(col, row int) string { return "$" + colName(col) + "$" + itoa(row) }
	var series []excelize.ChartSeries
	for i, s := range model.Statuses {
		col := 5 + i // after code, area, progress, expected
		series = append(series, excelize.ChartSeries{
			Name:       q + "!" + abs(col, headRow),
			Categories: q + "!" + abs(1, first) + ":" + abs(1, last),
			Values:     q + "!" + abs(col, first) + ":" + abs(col, last),
			Fill:       excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{hex(model.StatusHex[s])}},
		})
	}
	overlap := 100
	return &excelize.Chart{
		Type:      excelize.BarStacked,
		Series:    series,
		Title:     excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: msgChartTitle.In(wb.lang), Font: &excelize.Font{Bold: true}}}},
		Legend:    excelize.ChartLegend{Position: "bottom"},
		Dimension: excelize.ChartDimension{Width: 720, Height: uint(200 + 28*(last-first+1))},
		XAxis:     excelize.ChartAxis{ReverseOrder: true, Font: excelize.Font{Color: "333333"}},
		YAxis:     excelize.ChartAxis{Font: excelize.Font{Color: "333333"}},
		Overlap:   &overlap,
	}
}

func (wb *workbook) execution(planned, spent int64) cell {
	if e, ok := model.BudgetExecution(planned, spent); ok {
		return wb.st.percent(e)
	}
	return cell{}
}

func (wb *workbook) measureSheet() error {
	lang, st := wb.lang, wb.st
	g := st.grid()
	// Three column sets, each a page wide in print at 60 % or more, the
	// code, area and title repeated on each: who and how far (A–J), the
	// status's detail and the money (K–O), the funding and the latest
	// update (P–R). Long texts wrap.
	g.page = page{colBreaks: []int{11, 16}, titleCols: 3}
	g.capWidths(0, 0, 24, 18, 16, 0, 0, 0, 0, 0, 0, 30, 0, 0, 0, 40, 0, 50)
	g.header(lang, msgCode, msgArea, msgTitle, msgLeadUnit, msgResponsible, msgStart, msgEnd, msgProgress, msgExpected,
		msgStatus, msgComputed, msgReason, msgPlanned, msgSpent, msgExecution, msgFunding, msgLastUpdDate, msgLastUpdate)
	for i, m := range wb.measures {
		f := wb.figures[i]
		var computed, reason cell
		if f.Overridden {
			computed = wb.statusCell(f.Computed, false)
			reason = st.str(m.Override.ReasonText().In(lang))
		}
		var funding []string
		for _, fs := range m.Funding {
			funding = append(funding, fs.Name.In(lang)+": "+model.FormatEUR(fs.AmountCents, lang))
		}
		var updDate, updText cell
		if u := m.LatestUpdate(wb.opt.AsOf); u != nil {
			updDate, updText = st.date(u.Date), st.str(u.Text.In(lang))
		}
		progress, expected := st.percent(f.Progress), st.percent(f.Expected)
		if m.Cancelled {
			progress, expected = st.str("—"), st.str("—") // no progress is expected of a cancelled measure
		}
		g.add(st.str(m.Code), st.str(m.Area), st.str(m.Title.In(lang)), st.str(wb.unitName(m.LeadUnit)),
			st.str(wb.personName(m.Responsible)), st.date(m.Start), st.date(m.End),
			progress, expected, wb.statusCell(f.Status, f.Overridden), computed, reason,
			st.eur(m.PlannedCents), st.eur(m.SpentCents), wb.execution(m.PlannedCents, m.SpentCents),
			st.str(strings.Join(funding, "; ")), updDate, updText)
	}
	return wb.dataSheet(sheetMeasures, g, 1)
}

func (wb *workbook) milestoneSheet() error {
	lang, st, asOf := wb.lang, wb.st, wb.opt.AsOf
	g := st.grid()
	// The note and the evidence on a page of their own, the measure and the
	// milestone repeated beside them.
	g.page = page{colBreaks: []int{10}, titleCols: 3}
	g.capWidths(0, 24, 30, 18, 0, 0, 0, 0, 0, 45, 45)
	g.header(lang, msgMeasure, msgMeasureTitle, msgMilestone, msgResponsible, msgDue, msgCompleted, msgState,
		msgDaysOverdue, msgWeight, msgNote, msgEvidence)
	for _, m := range wb.measures {
		title := st.str(m.Title.In(lang))
		for _, ms := range sortedMilestones(m) {
			state := ms.StateAt(m.Cancelled, asOf)
			var days cell
			if n := ms.DaysOverdue(m.Cancelled, asOf); n > 0 {
				days = st.integer(n)
			}
			g.add(st.str(m.Code), title, st.str(ms.Title.In(lang)), st.str(wb.personName(ms.Responsible)),
				st.date(ms.Due), st.date(ms.Completed), st.styled(st.status[stateColour[state]], state.Label(lang)),
				days, st.number(ms.Weight), st.str(ms.NoteText().In(lang)), st.link(ms.Evidence))
		}
	}
	return wb.dataSheet(sheetMilestones, g, 1)
}

func (wb *workbook) kpiSheet() error {
	lang, st, asOf := wb.lang, wb.st, wb.opt.AsOf
	g := st.grid()
	g.capWidths(0, 40, 0, 12)
	g.header(lang, msgMeasure, msgKPI, msgKind, msgUnitOfMeasure, msgBaseline, msgBaselineDate, msgTarget, msgTargetDate,
		msgLatest, msgLatestDate, msgAttainment)
	for _, m := range wb.measures {
		for i := range m.KPIs {
			k := &m.KPIs[i]
			var latest, latestDate, attainment cell
			if v, ok := k.LatestValue(asOf); ok {
				latest, latestDate = st.number(v.Value), st.date(v.Date)
			}
			if a, ok := k.Attainment(asOf); ok {
				attainment = st.percent(a)
			}
			g.add(st.str(m.Code), st.str(k.Name.In(lang)), st.str(label(msgKPIKind, k.Kind, lang)), st.str(k.Unit.In(lang)),
				st.number(k.BaselineValue), st.date(k.BaselineDate), st.number(k.TargetValue), st.date(k.TargetDate),
				latest, latestDate, attainment)
		}
	}
	return wb.dataSheet(sheetKPIs, g, 1)
}

func (wb *workbook) ownerSheet() error {
	lang, st, d := wb.lang, wb.st, wb.d
	led, responsible := map[string]int{}, map[model.ID]int{}
	for _, m := range d.Measures {
		led[m.LeadUnit]++
		responsible[model.ID(m.Responsible)]++
	}
	units := slices.Clone(d.Units)
	slices.SortStableFunc(units, func(a, b model.Unit) int { return model.CompareCodes(a.Code, b.Code) })
	g := st.grid()
	// Who is who, for the council: units, people, positions and roles —
	// not their e-mail addresses and phone numbers, which the office keeps
	// in the file and the plan workbook (a council workbook is circulated).
	g.capWidths(0, 32, 0, 0, 0, 32)
	g.header(lang, msgUnitCode, msgUnit, msgKind, msgLed, msgPerson, msgPosition, msgRole, msgResponsibleN)
	for _, u := range units {
		unit := []cell{st.str(u.Code), st.str(u.Name.In(lang)), st.str(label(msgUnitKind, u.Kind, lang)), st.integer(led[u.Code])}
		people := 0
		for i := range d.People {
			p := &d.People[i]
			if p.Unit != u.Code {
				continue
			}
			people++
			g.add(append(slices.Clone(unit), st.str(p.Name.In(lang)), st.str(p.Position.In(lang)),
				st.str(label(msgRoleName, p.Role, lang)), st.integer(responsible[p.ID]))...)
		}
		if people == 0 {
			g.add(unit...)
		}
	}
	return wb.dataSheet(sheetOwners, g, 1)
}

func (wb *workbook) changeSheet() error {
	lang, st := wb.lang, wb.st
	ch, err := model.ChangesSince(wb.d, wb.opt.AsOf)
	if err != nil {
		return err
	}
	g := st.grid()
	if ch.Since == nil {
		g.addLoose(st.str(msgNoSnapshot.In(lang)))
	} else {
		g.addLoose(st.styled(st.bold, fmt.Sprintf(msgSince.In(lang), wb.d.SnapshotName(ch.Since.Name, lang), ch.Since.AsOf.Display(lang))))
	}
	headRow := g.header(lang, msgChange, msgMeasure, msgItem, msgFrom, msgTo, msgDate)
	status := func(s model.Status) cell { return wb.statusCell(s, false) }
	for _, c := range ch.StatusChanges {
		g.add(st.str(msgChStatus.In(lang)), st.str(c.Code), st.str(c.Title.In(lang)), status(c.From), status(c.To), cell{})
	}
	done := st.styled(st.status[model.StatusCompleted], model.StateDone.Label(lang))
	for _, c := range ch.Completed {
		g.add(st.str(msgChCompleted.In(lang)), st.str(c.Measure), st.str(c.Title.In(lang)), cell{}, done, st.date(c.Completed))
	}
	for _, c := range ch.BecameOverdue {
		over := st.styled(st.status[model.StatusDelayed], model.StateOverdue.Label(lang)+" ("+itoa(c.DaysOverdue)+")")
		g.add(st.str(msgChOverdue.In(lang)), st.str(c.Measure), st.str(c.Title.In(lang)), cell{}, over, st.date(c.Due))
	}
	for _, code := range ch.NewMeasures {
		g.add(st.str(msgChNew.In(lang)), st.str(code))
	}
	for _, code := range ch.RemovedMeasures {
		g.add(st.str(msgChRemoved.In(lang)), st.str(code))
	}
	if ch.Since != nil && len(g.rows) == headRow {
		g.addLoose(st.str(msgNoChanges.In(lang)))
	}
	return wb.dataSheet(sheetChanges, g, headRow)
}
