package app

import (
	"context"
	"fmt"
	"maps"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"strategytracker/model"
)

// The reporting cycle (issue 13): the office opens a period, writes every
// unit's template, sees who has answered, reminds the others, writes its
// narrative for the council and closes the period. Coordinators and the
// council see the same screen read-only.

// screenPeriod is the reporting cycle's screen in the navigation.
const screenPeriod screenID = "period"

// periodScreen shows the current period (the open one, else the one
// closed last), who has reported in it, and the office's narrative.
type periodScreen struct {
	u    *UI
	root fyne.CanvasObject
	card *cycleCard // the dashboard's card, kept up to date here

	title    *widget.Label
	dates    *widget.Label
	history  *widget.Label
	banner   *widget.Label
	none     *widget.Label // shown when the file has no period
	summary  *widget.Label
	tabs     *container.AppTabs
	units    *fyne.Container
	unitRows map[string]*unitRow // by unit code

	openBtn      *widget.Button
	closeBtn     *widget.Button
	reopenBtn    *widget.Button
	templatesBtn *widget.Button
	remindersBtn *widget.Button

	narrative *narrativeEditor

	period  *model.Period // shown; nil when the file has none
	status  model.PeriodStatus
	changed map[model.ID]bool // measures whose milestones the audit log shows changed in the period

	lastOpen   *openPeriodForm // the latest dialogs (tests)
	lastClose  *closePeriodDialog
	lastReopen *reopenForm
	lastFiles  *filesResult
}

// unitMeasureLimit caps the measure buttons of a unit's line: a large
// file would otherwise make thousands of widgets on every refresh.
const unitMeasureLimit = 40

// unitRow is one unit's line of the status list.
type unitRow struct {
	name     *widget.Label
	state    *widget.Label
	measures map[string]*widget.Button // the measures without update, by code
}

func newPeriodScreen(u *UI) *periodScreen {
	s := &periodScreen{u: u, unitRows: map[string]*unitRow{}}
	s.card = newCycleCard(u, s)
	s.root = s.buildUI()
	return s
}

func (s *periodScreen) content() fyne.CanvasObject { return s.root }

func (s *periodScreen) buildUI() fyne.CanvasObject {
	s.title = heading(tr("period.none.title"))
	s.title.Wrapping = fyne.TextWrapWord
	s.dates = widget.NewLabel("")
	s.dates.Wrapping = fyne.TextWrapWord
	s.history = hint("")
	s.history.Hide()
	s.none = hint(tr("period.none"))
	s.none.Hide()
	s.banner = lockBanner()
	s.summary = widget.NewLabel("")
	s.summary.TextStyle = fyne.TextStyle{Bold: true}
	s.summary.Wrapping = fyne.TextWrapWord

	s.openBtn = widget.NewButtonWithIcon(tr("period.open"), theme.ContentAddIcon(), s.onOpen)
	s.closeBtn = widget.NewButtonWithIcon(tr("period.close"), theme.ConfirmIcon(), s.onClose)
	s.reopenBtn = widget.NewButtonWithIcon(tr("period.reopen"), theme.ViewRefreshIcon(), s.onReopen)
	s.templatesBtn = widget.NewButtonWithIcon(tr("period.templates"), theme.DocumentSaveIcon(), s.onTemplates)
	s.remindersBtn = widget.NewButtonWithIcon(tr("period.reminders"), theme.MailSendIcon(), s.onReminders)

	s.units = container.NewVBox()
	// The units' files belong with the list of who has answered.
	statusTab := container.NewBorder(container.NewVBox(container.NewHBox(s.templatesBtn, s.remindersBtn), s.summary,
		hint(tr("period.status.hint"))), nil, nil, nil, container.NewVScroll(s.units))
	s.narrative = newNarrativeEditor(s)
	s.tabs = container.NewAppTabs(
		container.NewTabItem(tr("period.tab.status"), statusTab),
		container.NewTabItem(tr("period.tab.narrative"), s.narrative.root))

	// Compact, so that the list and the narrative keep room at 1024×700.
	titleRow := container.NewBorder(nil, nil, nil, container.NewHBox(s.openBtn, s.closeBtn, s.reopenBtn), s.title)
	top := container.NewVBox(titleRow, s.dates, s.history, s.none, s.banner)
	return container.NewBorder(container.NewPadded(top), nil, nil, nil, container.NewPadded(s.tabs))
}

// currentPeriod is the open period, else the one closed last, else nil.
func currentPeriod(d *model.Doc) *model.Period {
	if p := d.OpenPeriod(); p != nil {
		return p
	}
	var last *model.Period
	for i := range d.Periods {
		if p := &d.Periods[i]; last == nil || p.ClosedAt > last.ClosedAt {
			last = p
		}
	}
	return last
}

// denial says why the user may not run the cycle ("" when they may).
func (s *periodScreen) denial() string {
	u := s.u
	switch {
	case u.store.ReadOnly():
		return tr("lock.readonly")
	case u.me == nil:
		return tr("lock.nouser")
	case u.me.Role == model.RoleCouncil:
		return trf("lock.council", u.me.Name.In(u.lang))
	case u.me.Role != model.RoleOffice:
		return tr("period.lock.coordinator")
	}
	return ""
}

func (s *periodScreen) refresh() {
	u := s.u
	if u.doc == nil {
		return
	}
	prev := s.period
	s.period = nil
	if p := currentPeriod(u.doc); p != nil {
		c := *p
		s.period = &c
	}
	if s.period == nil || prev == nil || prev.ID != s.period.ID {
		s.changed = nil
	}
	why := s.denial()
	setBanner(s.banner, why)
	p := s.period
	open := p != nil && p.State == model.PeriodOpen
	enable(s.openBtn, why == "" && !open)
	enable(s.closeBtn, why == "" && open)
	enable(s.reopenBtn, why == "" && p != nil && !open)
	enable(s.templatesBtn, why == "" && open)
	enable(s.remindersBtn, why == "" && open)
	if p == nil {
		s.title.SetText(tr("period.none.title"))
		s.dates.SetText("")
		s.dates.Hide()
		s.history.Hide()
		s.none.Show()
		s.tabs.Hide()
		s.status = model.PeriodStatus{}
		s.card.refresh()
		s.narrative.refresh()
		return
	}
	s.none.Hide()
	s.tabs.Show()
	s.dates.Show()
	s.title.SetText(p.Name.In(u.lang))
	s.dates.SetText(trf("period.dates", p.Start.Format(u.lang), p.End.Format(u.lang), p.Due.Format(u.lang), periodStateName(p.State)))
	s.showHistory()
	s.showStatus()
	s.narrative.refresh()
	s.loadChanged()
}

// trPart is the text of a key made at run time: prefix + part.
func trPart(prefix, part string) string { return tr(prefix + part) }

func periodStateName(st model.PeriodState) string { return trPart("period.state.", string(st)) }

// showHistory says who opened and closed the period and why it was reopened.
func (s *periodScreen) showHistory() {
	u, p := s.u, s.period
	var lines []string
	if p.OpenedAt != "" {
		lines = append(lines, trf("period.opened", stampDate(p.OpenedAt, u.lang), u.personName(p.OpenedBy)))
	}
	for _, r := range p.Reopened {
		lines = append(lines, trf("period.reopened", stampDate(r.At, u.lang), u.personName(r.By), r.Reason))
	}
	if p.State == model.PeriodClosed {
		lines = append(lines, trf("period.closed", stampDate(p.ClosedAt, u.lang), u.personName(p.ClosedBy)))
	}
	s.history.SetText(strings.Join(lines, "\n"))
	if len(lines) == 0 {
		s.history.Hide()
	} else {
		s.history.Show()
	}
}

// stampDate shows an RFC 3339 time as the civil date people write.
func stampDate(at string, lang model.Lang) string {
	if len(at) < 10 {
		return at
	}
	d, err := model.ParseDate(at[:10])
	if err != nil {
		return at
	}
	return d.Format(lang)
}

// loadChanged reads, off the UI goroutine, which measures' milestones the
// audit log shows changed within the period (a note or evidence edited
// counts as an update, as in `period status`), and shows the status again
// when that differs from what is shown.
func (s *periodScreen) loadChanged() {
	u, p, doc, store := s.u, s.period, s.u.doc, s.u.store
	from, to := p.Window()
	id := p.ID
	u.background(func() func() {
		entries, err := store.Audit(context.Background(), model.AuditFilter{Entity: model.EntityMilestone, From: from, To: to})
		if err != nil {
			return nil // the status without the audit log's edits is still right about everything else
		}
		changed := map[model.ID]bool{}
		for _, e := range entries {
			if e.Action == model.ActionUpdate {
				if _, m := doc.MilestoneByID(e.EntityID); m != nil {
					changed[m.ID] = true
				}
			}
		}
		return func() {
			if s.period == nil || s.period.ID != id || u.doc != doc || maps.Equal(changed, s.changed) {
				return
			}
			s.changed = changed
			s.showStatus()
		}
	})
}

// showStatus fills the status list and the dashboard's card.
func (s *periodScreen) showStatus() {
	u := s.u
	s.status = u.doc.Status(s.period, s.changed)
	st := s.status
	s.summary.SetText(cycleSummary(st, u.lang))
	s.units.RemoveAll()
	s.unitRows = map[string]*unitRow{}
	if len(st.Units) == 0 {
		s.units.Add(hint(tr("period.status.nounits")))
	}
	for _, ur := range st.Units {
		row := &unitRow{measures: map[string]*widget.Button{}}
		row.name = widget.NewLabelWithStyle(ur.Unit+" · "+u.unitName(ur.Unit), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		row.name.Wrapping = fyne.TextWrapWord
		row.state = widget.NewLabel(s.unitStateText(ur))
		row.state.Wrapping = fyne.TextWrapWord
		switch ur.State {
		case model.UnitReturned:
			row.state.Importance = widget.SuccessImportance
		case model.UnitWritten:
			row.state.Importance = widget.WarningImportance
		default:
			row.state.Importance = widget.DangerImportance
		}
		box := container.NewVBox(container.NewGridWithColumns(2, row.name, row.state))
		if len(ur.Measures) > 0 {
			buttons := container.New(layout.NewGridWrapLayout(fyne.NewSize(76, 36)))
			for k, code := range ur.Measures {
				if k == unitMeasureLimit {
					break
				}
				m := u.doc.MeasureByCode(code)
				if m == nil {
					continue
				}
				id := m.ID
				b := widget.NewButton(code, func() { u.openMeasure(id) })
				b.Importance = widget.LowImportance
				row.measures[code] = b
				buttons.Add(b)
			}
			box.Add(container.NewBorder(nil, nil, widget.NewLabel(tr("period.status.measures")), nil, buttons))
			if n := len(ur.Measures) - unitMeasureLimit; n > 0 {
				box.Add(hint(trf("dash.more", n)))
			}
		} else {
			box.Add(hint(tr("period.status.allupdated")))
		}
		s.unitRows[ur.Unit] = row
		s.units.Add(box)
		s.units.Add(widget.NewSeparator())
	}
	s.units.Refresh()
	s.card.refresh()
}

// unitStateText says where a unit stands: no template, awaiting its
// answer, or returned on a day, by whom, with how many changes.
func (s *periodScreen) unitStateText(ur model.UnitReport) string {
	u := s.u
	switch ur.State {
	case model.UnitWritten:
		return trf("period.unit.written", stampDate(ur.WrittenAt, u.lang))
	case model.UnitReturned:
		by := u.personName(ur.ReturnedBy)
		if by == "" {
			by = "—"
		}
		return trf("period.unit.returned", stampDate(ur.ReturnedAt, u.lang), by, countChanges(ur.Changes, u.lang))
	}
	return tr("period.unit.missing")
}

// countChanges is "1 промяна" / "3 промени", "1 change" / "3 changes".
func countChanges(n int, lang model.Lang) string {
	return countNoun(n, lang, [2]string{"промяна", "промени"}, [2]string{"change", "changes"})
}

// countNoun writes n with the singular or plural noun of lang.
func countNoun(n int, lang model.Lang, bg, en [2]string) string {
	forms := bg
	if lang == model.EN {
		forms = en
	}
	// A no-break space keeps the number with its noun when a line wraps.
	if n == 1 {
		return "1\u00a0" + forms[0]
	}
	return fmt.Sprintf("%d\u00a0%s", n, forms[1])
}

// cycleSummary is the line of the dashboard's card and of the status list:
// "7 от 12 звена са се отчели; 9 мерки без актуализация в IV тримесечие 2026".
func cycleSummary(st model.PeriodStatus, lang model.Lang) string {
	name := st.Period.Name.In(lang)
	n := len(st.MeasuresWithoutUpdate)
	if lang == model.EN {
		units := fmt.Sprintf("%d of %d units have reported", st.Reported, st.Expected)
		if st.Reported == 1 {
			units = fmt.Sprintf("1 of %d units has reported", st.Expected)
		}
		measures := fmt.Sprintf("%d measures have no update", n)
		if n == 1 {
			measures = "1 measure has no update"
		}
		return units + "; " + measures + " in " + name
	}
	units := fmt.Sprintf("%d от %d звена са се отчели", st.Reported, st.Expected)
	if st.Reported == 1 {
		units = fmt.Sprintf("1 от %d звена се е отчело", st.Expected)
	}
	measures := fmt.Sprintf("%d мерки без актуализация", n)
	if n == 1 {
		measures = "1 мярка без актуализация"
	}
	return units + "; " + measures + " в " + name
}

// now is the time the cycle's steps record: the clock's, on the app's
// as-of day (tests fix the day).
func (u *UI) cycleNow() time.Time {
	now := time.Now().UTC()
	if model.DateOf(now) == u.today {
		return now
	}
	return u.today.Time().Add(12 * time.Hour)
}

// cycleStep runs one step of the reporting cycle as the user in one
// transaction and reads the file again. Steps are not undoable: they are
// the office's decisions, each audited.
func (s *periodScreen) cycleStep(step func(tx model.Tx, actor model.ID) error, done func(err error)) {
	u := s.u
	if u.me == nil {
		done(model.Errorf(model.EFORBIDDEN, "%s", tr("lock.nouser")))
		return
	}
	store, actor := u.store, u.me.ID
	u.background(func() func() {
		err := store.Update(context.Background(), actor, model.ActionUpdate, "", func(tx model.Tx) error { return step(tx, actor) })
		var doc *model.Doc
		if err == nil {
			doc, _ = store.Doc(context.Background())
		}
		return func() {
			if u.store != store {
				return
			}
			if doc != nil {
				u.setDoc(doc)
			}
			done(err)
		}
	})
}

// openPeriodForm asks for a new period's names and dates.
type openPeriodForm struct {
	f                   *formDialog
	nameBG, nameEN      *widget.Entry
	start, end, due     *widget.Entry
	nameF, startF, endF *field
	dueF, nameENF       *field
	opened              *model.Period // after a successful save (tests)
}

// suggestedPeriod is the quarter of today, or the first one after it
// that no period is named after; answers are due 15 days after its end.
func suggestedPeriod(d *model.Doc, today model.Date) model.NewPeriod {
	roman := []string{"I", "II", "III", "IV"}
	t := today.Time()
	y, q := t.Year(), (int(t.Month())-1)/3
	for {
		np := model.NewPeriod{Name: model.T(fmt.Sprintf("%s тримесечие %d", roman[q], y), fmt.Sprintf("Q%d %d", q+1, y))}
		np.Start = model.NewDate(y, time.Month(3*q+1), 1)
		np.End = model.DateOf(time.Date(y, time.Month(3*q+4), 0, 12, 0, 0, 0, time.UTC)) // day 0: the last of the month before
		np.Due = np.End.AddDays(15)
		if !periodNameUsed(d, np.Name) || y > today.Year()+10 {
			return np
		}
		if q++; q == 4 {
			q, y = 0, y+1
		}
	}
}

func periodNameUsed(d *model.Doc, name model.Text) bool {
	for i := range d.Periods {
		p := &d.Periods[i]
		if (name.BG != "" && strings.EqualFold(p.Name.BG, name.BG)) || (name.EN != "" && strings.EqualFold(p.Name.EN, name.EN)) {
			return true
		}
	}
	return false
}

func (s *periodScreen) onOpen() {
	u := s.u
	if why := s.denial(); why != "" {
		dialog.ShowInformation(tr("period.open"), why, u.win)
		return
	}
	o := &openPeriodForm{nameBG: widget.NewEntry(), nameEN: widget.NewEntry(), start: dateEntry(), end: dateEntry(), due: dateEntry()}
	np := suggestedPeriod(u.doc, u.today)
	o.nameBG.SetText(np.Name.BG)
	o.nameEN.SetText(np.Name.EN)
	o.start.SetText(np.Start.Format(u.lang))
	o.end.SetText(np.End.Format(u.lang))
	o.due.SetText(np.Due.Format(u.lang))
	o.nameF = newField(tr("period.field.namebg"), o.nameBG)
	o.nameENF = newField(tr("period.field.nameen"), o.nameEN)
	o.startF = newField(tr("period.field.start"), o.start)
	o.endF = newField(tr("period.field.end"), o.end)
	o.dueF = newField(tr("period.field.due"), o.due)
	body := container.NewVBox(hint(tr("period.open.intro")), formGrid(o.nameF, o.nameENF, o.startF, o.endF, o.dueF))
	o.f = u.newFormDialog(tr("period.open"), body, func() { s.saveOpen(o) })
	o.f.save.SetText(tr("period.open"))
	o.f.dlg.Resize(fyne.NewSize(min(640, max(480, u.win.Canvas().Size().Width*0.7)), 440))
	o.f.dlg.Show()
	s.lastOpen = o
}

// saveOpen checks the form beside its fields, then opens the period.
func (s *periodScreen) saveOpen(o *openPeriodForm) {
	u := s.u
	name := model.T(strings.TrimSpace(o.nameBG.Text), strings.TrimSpace(o.nameEN.Text))
	ok := true
	check := func(f *field, msg string) {
		f.setError(msg)
		if msg != "" {
			ok = false
		}
	}
	switch {
	case name.BG == "" && name.EN == "":
		check(o.nameF, tr("invalid.required"))
	case periodNameUsed(u.doc, name):
		check(o.nameF, tr("period.invalid.nameused"))
	default:
		check(o.nameF, "")
	}
	o.nameENF.setError("")
	start, msg := parseRequiredDate(o.start.Text)
	check(o.startF, msg)
	end, msg := parseRequiredDate(o.end.Text)
	if msg == "" && start != 0 && end < start {
		msg = tr("period.invalid.endbefore")
	}
	check(o.endF, msg)
	due, msg := parseRequiredDate(o.due.Text)
	if msg == "" && start != 0 && due < start {
		msg = tr("period.invalid.duebefore")
	}
	check(o.dueF, msg)
	if !ok {
		return
	}
	o.f.setError("")
	o.f.save.Disable()
	np := model.NewPeriod{Name: name, Start: start, End: end, Due: due}
	at := u.cycleNow()
	var opened *model.Period
	s.cycleStep(func(tx model.Tx, actor model.ID) error {
		var err error
		opened, err = model.OpenReportingPeriod(tx, np, actor, at)
		return err
	}, func(err error) {
		o.f.save.Enable()
		if err != nil {
			if !(fieldSet{"name": o.nameF, "start": o.startF, "end": o.endF, "due": o.dueF}).showModelError(err) {
				o.f.setError(model.ErrorMessage(err))
			}
			return
		}
		o.opened = opened
		o.f.dlg.Hide()
	})
}

// closePeriodDialog asks before the period is closed, saying what closing
// freezes.
type closePeriodDialog struct {
	dlg     *dialog.CustomDialog
	text    *widget.Label
	confirm *widget.Button
	cancel  *widget.Button
	err     *widget.Label
}

// closingSnapshotName is the name the snapshot of closing p will get
// (as model.CloseReportingPeriod names it).
func closingSnapshotName(d *model.Doc, p *model.Period) string {
	name := p.Name.In(model.BG)
	used := func(n string) bool {
		for _, sn := range d.Snapshots {
			if sn.Name == n {
				return true
			}
		}
		return false
	}
	for n := 2; used(name); n++ {
		name = fmt.Sprintf("%s (%d)", p.Name.In(model.BG), n)
	}
	return name
}

func (s *periodScreen) onClose() {
	u, p := s.u, s.period
	if why := s.denial(); why != "" || p == nil || p.State != model.PeriodOpen {
		return
	}
	at := u.cycleNow()
	asOf := model.ClosingSnapshotAsOf(p, model.DateOf(at))
	c := &closePeriodDialog{}
	c.text = widget.NewLabel(trf("period.close.confirm", p.Name.In(u.lang), closingSnapshotName(u.doc, p), asOf.Format(u.lang),
		cycleSummary(s.status, u.lang)))
	c.text.Wrapping = fyne.TextWrapWord
	c.err = widget.NewLabel("")
	c.err.Importance = widget.DangerImportance
	c.err.Wrapping = fyne.TextWrapWord
	c.err.Hide()
	if n := len(s.narrative.unsaved()); n > 0 {
		c.err.SetText(tr("period.close.unsaved"))
		c.err.Importance = widget.WarningImportance
		c.err.Show()
	}
	c.dlg = dialog.NewCustomWithoutButtons(tr("period.close"), container.NewVBox(c.text, c.err), u.win)
	c.cancel = widget.NewButtonWithIcon(tr("action.cancel"), theme.CancelIcon(), c.dlg.Hide)
	c.confirm = widget.NewButtonWithIcon(tr("period.close"), theme.ConfirmIcon(), func() {
		c.confirm.Disable()
		s.cycleStep(func(tx model.Tx, actor model.ID) error {
			_, _, err := model.CloseReportingPeriod(tx, actor, at)
			return err
		}, func(err error) {
			c.confirm.Enable()
			if err != nil {
				c.err.SetText(model.ErrorMessage(err))
				c.err.Show()
				return
			}
			c.dlg.Hide()
		})
	})
	c.confirm.Importance = widget.HighImportance
	c.dlg.SetButtons([]fyne.CanvasObject{c.cancel, c.confirm})
	c.dlg.Resize(fyne.NewSize(min(640, max(420, u.win.Canvas().Size().Width*0.7)), 260))
	c.dlg.Show()
	s.lastClose = c
}

// reopenForm asks why a closed period is reopened.
type reopenForm struct {
	f       *formDialog
	reason  *widget.Entry
	reasonF *field
}

func (s *periodScreen) onReopen() {
	u, p := s.u, s.period
	if why := s.denial(); why != "" || p == nil || p.State != model.PeriodClosed {
		return
	}
	r := &reopenForm{reason: widget.NewMultiLineEntry()}
	r.reason.Wrapping = fyne.TextWrapWord
	r.reason.SetMinRowsVisible(4)
	r.reasonF = newField(tr("period.field.reason"), r.reason)
	intro := widget.NewLabel(trf("period.reopen.intro", p.Name.In(u.lang)))
	intro.Wrapping = fyne.TextWrapWord
	r.f = u.newFormDialog(tr("period.reopen"), container.NewVBox(intro, formGrid(r.reasonF)), func() {
		reason := strings.TrimSpace(r.reason.Text)
		if reason == "" {
			r.reasonF.setError(tr("invalid.required"))
			return
		}
		r.reasonF.setError("")
		r.f.save.Disable()
		at := u.cycleNow()
		s.cycleStep(func(tx model.Tx, actor model.ID) error {
			_, err := model.ReopenReportingPeriod(tx, reason, actor, at)
			return err
		}, func(err error) {
			r.f.save.Enable()
			if err != nil {
				r.f.setError(model.ErrorMessage(err))
				return
			}
			r.f.dlg.Hide()
		})
	})
	r.f.save.SetText(tr("period.reopen"))
	r.f.dlg.Show()
	s.lastReopen = r
}
