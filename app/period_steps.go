package app

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"strategytracker/model"
)

// The steps of the cycle the office takes from the screen: open a period,
// close it (its snapshot frozen), reopen it with a reason.

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
		np := model.NewPeriod{Name: model.T(fmt.Sprintf(trIn(model.BG, "period.quarter"), roman[q], y), fmt.Sprintf(trIn(model.EN, "period.quarter"), strconv.Itoa(q+1), y))}
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
		u.inform(tr("period.open"), why)
		return
	}
	o := &openPeriodForm{nameBG: widget.NewEntry(), nameEN: widget.NewEntry(), start: s.u.dateEntry(), end: s.u.dateEntry(), due: s.u.dateEntry()}
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
	u.observe(o)
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
				o.f.setError(errorMessage(err))
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

func (s *periodScreen) onClose() {
	u, p := s.u, s.period
	if why := s.denial(); why != "" || p == nil || p.State != model.PeriodOpen {
		return
	}
	at := u.cycleNow()
	asOf := model.ClosingSnapshotAsOf(p, model.DateOf(at))
	c := &closePeriodDialog{}
	c.text = widget.NewLabel(trf("period.close.confirm", p.Name.In(u.lang), u.doc.SnapshotName(model.ClosingSnapshotName(u.doc, p), u.lang), asOf.Format(u.lang),
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
				c.err.SetText(errorMessage(err))
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
	s.u.observe(c)
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
				r.f.setError(errorMessage(err))
				return
			}
			r.f.dlg.Hide()
		})
	})
	r.f.save.SetText(tr("period.reopen"))
	r.f.dlg.Show()
	s.u.observe(r)
}
