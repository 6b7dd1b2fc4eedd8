package app

import (
	"context"
	"fmt"
	"maps"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
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
	if p := u.doc.CurrentPeriod(); p != nil {
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
	permit(s.openBtn, why == "", !open)
	permit(s.closeBtn, why == "", open)
	permit(s.reopenBtn, why == "", p != nil && !open)
	permit(s.templatesBtn, why == "", open)
	permit(s.remindersBtn, why == "", open)
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
		lines = append(lines, trf("period.opened", model.FormatStamp(p.OpenedAt, u.lang), u.personName(p.OpenedBy)))
	}
	for _, r := range p.Reopened {
		lines = append(lines, trf("period.reopened", model.FormatStamp(r.At, u.lang), u.personName(r.By), r.Reason))
	}
	if p.State == model.PeriodClosed {
		lines = append(lines, trf("period.closed", model.FormatStamp(p.ClosedAt, u.lang), u.personName(p.ClosedBy)))
	}
	s.history.SetText(strings.Join(lines, "\n"))
	if len(lines) == 0 {
		s.history.Hide()
	} else {
		s.history.Show()
	}
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
		return trf("period.unit.written", model.FormatStamp(ur.WrittenAt, u.lang))
	case model.UnitReturned:
		by := u.personName(ur.ReturnedBy)
		if by == "" {
			by = "—"
		}
		text := trf("period.unit.returned", model.FormatStamp(ur.ReturnedAt, u.lang), by, countChanges(ur.Changes, u.lang))
		// Who filled the template in, as they wrote it, when that is not
		// the person who imported it.
		for _, r := range s.period.Returns {
			if f := strings.TrimSpace(r.FilledBy); r.Unit == ur.Unit && f != "" && f != by {
				text += " · " + trf("period.unit.filledby", f)
			}
		}
		return text
	}
	return tr("period.unit.missing")
}

// countChanges is "1 промяна" / "3 промени", "1 change" / "3 changes".
func countChanges(n int, lang model.Lang) string { return trnIn(lang, "count.changes", n, n) }

// cycleSummary is the line of the dashboard's card and of the status list:
// "7 от 12 звена са се отчели; 9 мерки без актуализация в IV тримесечие 2026".
func cycleSummary(st model.PeriodStatus, lang model.Lang) string {
	n := len(st.MeasuresWithoutUpdate)
	return fmt.Sprintf(trIn(lang, "cycle.summary"), trnIn(lang, "cycle.units", st.Reported, st.Reported, st.Expected),
		trnIn(lang, "cycle.measures", n, n), st.Period.Name.In(lang))
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
