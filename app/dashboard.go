package app

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"strategytracker/model"
)

// dashboardListLimit caps the milestone lists of the dashboard; the
// measure list shows them all.
const dashboardListLimit = 10

// dashboard is the front page: progress against expected, the measures per
// status (each opens the filtered measure list), progress per area, overdue
// and soon-due milestones, the budget and the changes since the last snapshot.
type dashboard struct {
	u    *UI
	root fyne.CanvasObject
	// cycle is the reporting cycle's card, which the period screen keeps
	// up to date (period_card.go); the dashboard only shows it.
	cycle fyne.CanvasObject

	title        *widget.Label
	demo         *fyne.Container
	asOf         *widget.Label
	progress     *progressCell
	progressText *widget.Label
	trend        *widget.Label // since the latest snapshot
	totals       *widget.Label
	statusCounts map[model.Status]*widget.Label
	statusTaps   map[model.Status]*widget.Button
	areas        *fyne.Container
	overdue      *fyne.Container
	dueSoon      *fyne.Container
	budget       *progressCell
	budgetText   *widget.Label
	changes      *fyne.Container
	// milestoneTaps are the buttons of the milestone lists, by milestone id.
	milestoneTaps map[model.ID]*widget.Button
}

// newDashboard makes the dashboard, showing cycle, the reporting cycle's
// card, at its top.
func newDashboard(u *UI, cycle fyne.CanvasObject) *dashboard {
	d := &dashboard{u: u, cycle: cycle}
	d.root = d.buildUI()
	return d
}

func (d *dashboard) content() fyne.CanvasObject { return d.root }

func (d *dashboard) buildUI() fyne.CanvasObject {
	d.title = widget.NewLabel(tr("label.loading"))
	d.title.TextStyle = fyne.TextStyle{Bold: true}
	d.title.SizeName = theme.SizeNameHeadingText
	d.title.Wrapping = fyne.TextWrapWord
	d.demo = demoMark()
	d.demo.Hide()
	d.asOf = widget.NewLabel("")

	d.progress = newProgressCell()
	d.progress.thick = true
	d.progressText = widget.NewLabel("")
	d.progressText.TextStyle = fyne.TextStyle{Bold: true}
	d.progressText.Wrapping = fyne.TextWrapWord
	d.trend = widget.NewLabel("")
	d.trend.Wrapping = fyne.TextWrapWord
	d.totals = widget.NewLabel("")
	progressCard := card(tr("dash.progress"), container.NewVBox(d.progress, d.progressText, d.trend, d.totals))

	d.statusCounts = map[model.Status]*widget.Label{}
	d.statusTaps = map[model.Status]*widget.Button{}
	rows := container.NewVBox()
	for _, s := range model.Statuses {
		s := s
		swatch := canvas.NewRectangle(StatusColor(s))
		swatch.SetMinSize(fyne.NewSize(18, 18))
		swatch.CornerRadius = 3
		name := widget.NewLabel(s.Label(currentLang()))
		count := widget.NewLabel("–")
		count.TextStyle = fyne.TextStyle{Bold: true}
		d.statusCounts[s] = count
		btn := widget.NewButton("", func() { d.onStatus(s) })
		btn.Importance = widget.LowImportance
		d.statusTaps[s] = btn
		row := container.NewStack(btn, container.NewHBox(spacer(4, 0), container.NewCenter(swatch), name, layout.NewSpacer(), count,
			widget.NewIcon(theme.NavigateNextIcon())))
		rows.Add(row)
	}
	statusCard := card(tr("dash.statuses"), container.NewVBox(rows, hint(tr("dash.statuses.hint"))))

	d.budget = newProgressCell()
	d.budget.thick = true
	d.budgetText = widget.NewLabel("")
	d.budgetText.Wrapping = fyne.TextWrapWord
	budgetCard := card(tr("dash.budget"), container.NewVBox(d.budget, d.budgetText, hint(tr("dash.budget.hint"))))

	d.areas = container.NewVBox()
	areasCard := card(tr("dash.areas"), container.NewVBox(d.areas, hint(tr("dash.areas.hint"))))

	d.overdue = container.NewVBox()
	d.dueSoon = container.NewVBox()
	milestonesCard := card(tr("dash.milestones"), container.NewVBox(
		widget.NewLabelWithStyle(tr("dash.overdue"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), d.overdue,
		widget.NewLabelWithStyle(tr("dash.duesoon"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), d.dueSoon))

	d.changes = container.NewVBox()
	changesCard := card(tr("dash.changes"), d.changes)

	left := container.NewVBox(progressCard, statusCard, budgetCard)
	right := container.NewVBox(areasCard, changesCard)
	grid := container.NewGridWithColumns(2, left, right)
	top := container.NewVBox(d.title, d.demo, d.asOf, d.cycle)
	return container.NewVScroll(container.NewPadded(container.NewVBox(top, grid, milestonesCard)))
}

// demoMark is the red "demonstration data" mark.
func demoMark() *fyne.Container {
	c := DemoColor()
	text := canvas.NewText(model.DemoMark(currentLang()), c)
	text.TextStyle = fyne.TextStyle{Bold: true}
	text.TextSize = theme.TextSubHeadingSize()
	border := canvas.NewRectangle(withAlpha(c, 0x22))
	border.StrokeColor = c
	border.StrokeWidth = 2
	border.CornerRadius = 4
	return container.NewHBox(container.NewStack(border, container.NewPadded(text)), layout.NewSpacer())
}

// hint is a small grey explanatory line.
func hint(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	l.TextStyle = fyne.TextStyle{Italic: true}
	return l
}

// onStatus opens the measure list filtered to status s.
func (d *dashboard) onStatus(s model.Status) {
	d.u.showMeasures(measureFilter{status: s})
}

func (d *dashboard) refresh() {
	u := d.u
	doc, sum, lang := u.doc, u.sum, u.lang
	if doc == nil {
		return
	}
	title := doc.Strategy.Title.In(lang)
	if title == "" {
		title = doc.Strategy.ShortTitle.In(lang)
	}
	d.title.SetText(title)
	if doc.Strategy.Demo {
		d.demo.Show()
	} else {
		d.demo.Hide()
	}
	d.asOf.SetText(tr("label.asof") + ": " + sum.AsOf.Format(lang))
	d.progress.Set(float64(sum.Progress), FormatPercent(float64(sum.Progress), lang))
	d.progress.SetExpected(float64(sum.Expected), StatusColor(paceStatus(float64(sum.Progress), float64(sum.Expected))))
	d.progressText.SetText(ProgressText(float64(sum.Progress), float64(sum.Expected), lang))
	then := d.snapshotFigures()
	d.totals.SetText(trf("dash.totals", model.FormatNumber(float64(sum.Measures), 0, lang), model.FormatNumber(float64(sum.Milestones), 0, lang)))
	for _, s := range model.Statuses {
		d.statusCounts[s].SetText(strconv.Itoa(sum.Status[s]))
	}

	// Areas.
	d.areas.RemoveAll()
	for _, a := range sum.Areas {
		bar := newProgressCell()
		bar.thick = true
		bar.Set(float64(a.Progress), FormatPercent(float64(a.Progress), lang))
		bar.SetExpected(float64(a.Expected), StatusColor(paceStatus(float64(a.Progress), float64(a.Expected))))
		name := newTextCell()
		name.bold = true
		name.SetText(a.Code + " · " + a.Title.In(lang))
		text := trn("dash.area.info", a.Measures, a.Measures, FormatPercent(float64(a.Expected), lang))
		if then != nil {
			for _, b := range then.Summary.Areas {
				if b.Code == a.Code {
					text += " · " + trendText(float64(a.Progress)-float64(b.Progress), lang)
				}
			}
		}
		info := widget.NewLabel(text)
		d.areas.Add(container.NewVBox(container.NewBorder(nil, nil, nil, info, name), bar))
	}

	// Milestones overdue and due within 30 days.
	type item struct {
		m    *model.Measure
		ms   *model.Milestone
		days int
	}
	var overdue, soon []item
	for i := range doc.Measures {
		m := &doc.Measures[i]
		for j := range m.Milestones {
			ms := &m.Milestones[j]
			switch ms.StateAt(m.Cancelled, u.today) {
			case model.StateOverdue:
				overdue = append(overdue, item{m, ms, ms.DaysOverdue(m.Cancelled, u.today)})
			case model.StateDueSoon:
				soon = append(soon, item{m, ms, ms.Due.DaysSince(u.today)})
			}
		}
	}
	slices.SortStableFunc(overdue, func(a, b item) int { return cmp.Compare(b.days, a.days) })
	slices.SortStableFunc(soon, func(a, b item) int { return cmp.Compare(a.ms.Due, b.ms.Due) })
	d.milestoneTaps = map[model.ID]*widget.Button{}
	fill := func(box *fyne.Container, items []item, none string, text func(item) string) {
		box.RemoveAll()
		if len(items) == 0 {
			box.Add(hint(none))
			return
		}
		for k, it := range items {
			if k == dashboardListLimit {
				box.Add(hint(trf("dash.more", len(items)-dashboardListLimit)))
				break
			}
			id := it.m.ID
			b := widget.NewButtonWithIcon(text(it), theme.NavigateNextIcon(), func() { u.openMeasure(id) })
			b.Alignment = widget.ButtonAlignLeading
			b.Importance = widget.LowImportance
			d.milestoneTaps[it.ms.ID] = b
			box.Add(b)
		}
	}
	fill(d.overdue, overdue, tr("dash.overdue.none"), func(it item) string {
		return trn("dash.overdue.item", it.days, it.m.Code, it.ms.Title.In(lang), it.ms.Due.Format(lang), it.days)
	})
	fill(d.dueSoon, soon, tr("dash.duesoon.none"), func(it item) string {
		return trn("dash.duesoon.item", it.days, it.m.Code, it.ms.Title.In(lang), it.ms.Due.Format(lang), it.days)
	})

	// Trend since the latest snapshot.
	if then != nil {
		d.trend.SetText(trf("dash.trend", trendText(float64(sum.Progress)-float64(then.Summary.Progress), lang),
			doc.SnapshotName(model.LatestSnapshotBefore(doc.Snapshots, u.today).Name, lang), then.AsOf.Format(lang)))
		d.trend.Show()
	} else {
		d.trend.Hide()
	}

	// Budget: the two amounts first, then how much of it is spent.
	if pct, ok := model.BudgetExecution(sum.Budget.PlannedCents, sum.Budget.SpentCents); ok {
		d.budget.Set(min(pct, 100), FormatPercent(pct, lang))
		d.budgetText.SetText(trf("dash.budget.lines", model.FormatEUR(sum.Budget.PlannedCents, lang),
			model.FormatEUR(sum.Budget.SpentCents, lang), model.FormatEUR(sum.Budget.PlannedCents-sum.Budget.SpentCents, lang)))
	} else {
		d.budget.Set(0, "—")
		d.budgetText.SetText(tr("dash.budget.none"))
	}

	d.showChanges()
	d.root.Refresh()
}

// showChanges lists what changed since the latest snapshot before today.
func (d *dashboard) showChanges() {
	u, lang := d.u, d.u.lang
	d.changes.RemoveAll()
	c, err := model.ChangesSince(u.doc, u.today)
	if err != nil {
		d.changes.Add(hint(tr("error.snapshot") + ": " + errorMessage(err)))
		return
	}
	if c.Since == nil {
		// A snapshot made today is no "before" to compare with yet: say
		// so instead of "no snapshot yet" (issue 22).
		if sn := model.LatestSnapshotBefore(u.doc.Snapshots, u.today.AddDays(1)); sn != nil {
			d.changes.Add(hint(trf("dash.changes.today", u.doc.SnapshotName(sn.Name, lang), sn.AsOf.Format(lang))))
			return
		}
		d.changes.Add(hint(tr("dash.changes.none")))
		return
	}
	d.changes.Add(widget.NewLabel(trf("dash.changes.since", u.doc.SnapshotName(c.Since.Name, lang), c.Since.AsOf.Format(lang))))
	add := func(text string) {
		l := widget.NewLabel(text)
		l.Wrapping = fyne.TextWrapWord
		d.changes.Add(l)
	}
	if len(c.StatusChanges)+len(c.Completed)+len(c.BecameOverdue)+len(c.NewMeasures)+len(c.RemovedMeasures) == 0 {
		d.changes.Add(hint(tr("dash.changes.nothing")))
		return
	}
	for k, s := range c.StatusChanges {
		if k == dashboardListLimit {
			d.changes.Add(hint(trf("dash.more", len(c.StatusChanges)-k)))
			break
		}
		add(fmt.Sprintf("%s %s: %s → %s", s.Code, s.Title.In(lang), s.From.Label(lang), s.To.Label(lang)))
	}
	if n := len(c.Completed); n > 0 {
		add(trn("dash.changes.completed", n, n))
	}
	if n := len(c.BecameOverdue); n > 0 {
		add(trf("dash.changes.overdue", n))
	}
	if n := len(c.NewMeasures); n > 0 {
		add(trf("dash.changes.new", n))
	}
	if n := len(c.RemovedMeasures); n > 0 {
		add(trf("dash.changes.removed", n))
	}
}

// paceStatus colours a progress bar by how far it lags the expected
// progress, with the thresholds of the measure rules (DESIGN.md §2): done,
// on track, at risk (more than 10 points behind), delayed (more than 25).
func paceStatus(progress, expected float64) model.Status {
	switch gap := expected - progress; {
	case progress >= 100:
		return model.StatusCompleted
	case gap > 25:
		return model.StatusDelayed
	case gap > 10:
		return model.StatusAtRisk
	}
	return model.StatusOnTrack
}

// trendText writes a change of progress in percentage points: "+4,2 п.п.".
func trendText(delta float64, lang model.Lang) string {
	sign := "+"
	if delta < 0 {
		sign = "−"
		delta = -delta
	}
	if model.Round1(delta) == 0 {
		return trIn(lang, "dash.trend.none")
	}
	return sign + model.FormatPoints(delta, lang)
}

// snapshotFigures are the figures of the latest snapshot before today
// (nil: none, or unreadable).
func (d *dashboard) snapshotFigures() *model.SnapshotFigures {
	sn := model.LatestSnapshotBefore(d.u.doc.Snapshots, d.u.today)
	if sn == nil {
		return nil
	}
	f, err := model.DecodeFigures(sn.Figures)
	if err != nil {
		return nil
	}
	return &f
}
