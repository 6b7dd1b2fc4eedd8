package app

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"strategytracker/model"
)

// The adopted plan in the app: the measure detail's Revisions tab (original
// value, current value, reason, who and when), the question for a reason
// when a save changes an adopted value, and the reason an undo gives.

func (d *detailScreen) revisionsTab() *container.TabItem {
	l := widget.NewLabel("")
	l.Wrapping = fyne.TextWrapWord
	d.revisions = l
	return container.NewTabItemWithIcon(tr("revision.revisions"), theme.HistoryIcon(), container.NewVScroll(container.NewPadded(l)))
}

// revisionsText lists the revisions of measure m for people.
func (u *UI) revisionsText(m *model.Measure) string {
	d := u.doc
	if d.Adoption == nil {
		return tr("revision.plan_not_marked_adopted_there")
	}
	revs := d.MeasureRevisions(m.ID)
	head := fmt.Sprintf(tr("revision.plan_was_adopted"), d.Adoption.AdoptedOn.Format(u.lang), d.Adoption.CouncilDecision.In(u.lang))
	if len(revs) == 0 {
		return head + "\n" + tr("revision.no_change_adopted_plan_this")
	}
	lines := []string{head}
	names := newAuditView(d, u.lang) // who: the person's name in the screen's language
	for _, r := range revs {
		what := ""
		switch r.Entity {
		case model.EntityMilestone:
			if ms, _ := d.MilestoneByID(r.EntityID); ms != nil {
				what = fmt.Sprintf(tr("revision.milestone"), ms.Title.In(u.lang))
			}
		case model.EntityKPI:
			if k, _ := d.KPIByID(r.EntityID); k != nil {
				what = fmt.Sprintf(tr("revision.kpi"), k.Name.In(u.lang))
			}
		}
		at := model.FormatStamp(r.At, u.lang)
		sentence := r.Sentence(u.lang)
		if what == "" {
			sentence = capitalize(sentence)
		}
		lines = append(lines, "• "+what+sentence+"\n   "+
			fmt.Sprintf(tr("revision.original_adopted_before_change_now"),
				model.FormatRevisionValue(r.Field, r.Original, u.lang), model.FormatRevisionValue(r.Field, r.Previous, u.lang),
				model.FormatRevisionValue(r.Field, r.Current, u.lang), names.who(r.By), at))
	}
	return strings.Join(lines, "\n")
}

// refreshPlan shows the revisions and enables the measure actions.
func (d *detailScreen) refreshPlan() {
	d.refreshMeasureActions()
	m := d.measure()
	if l := d.revisions; l != nil && m != nil {
		l.SetText(d.u.revisionsText(m))
	}
}

// reasonDialog asks why an adopted value changes (tests reach it).
type reasonDialog struct {
	dlg    dialog.Dialog
	reason *widget.Entry
	ok     *widget.Button
	cancel *widget.Button
}

// askRevisionReason handles a save refused for want of a reason: it asks
// for one and saves again with it. It returns false when err is another
// error (the caller shows it).
func (u *UI) askRevisionReason(label string, fn func(tx model.Tx) error, done func(error), err error) bool {
	if model.ErrorCode(err) != model.EINVALID || !strings.Contains(model.ErrorMessage(err), model.ReasonNeeded) {
		return false
	}
	rd := &reasonDialog{reason: widget.NewMultiLineEntry()}
	rd.reason.Wrapping = fyne.TextWrapWord
	rd.reason.SetPlaceHolder(tr("revision.e_g_procurement_was_delayed"))
	msg := widget.NewLabel(tr("revision.change_alters_adopted_plan_end"))
	msg.Wrapping = fyne.TextWrapWord
	errL := widget.NewLabel("")
	errL.Importance = widget.DangerImportance
	c := dialog.NewCustomWithoutButtons(tr("revision.reason_change"), container.NewBorder(msg, errL, nil, nil, rd.reason), u.win)
	rd.dlg = c
	rd.cancel = widget.NewButtonWithIcon(tr("Cancel"), theme.CancelIcon(), func() {
		c.Hide()
		if done != nil {
			done(err)
		}
	})
	rd.ok = widget.NewButtonWithIcon(tr("revision.save_this_reason"), theme.DocumentSaveIcon(), func() {
		text := strings.TrimSpace(rd.reason.Text)
		if text == "" {
			errL.SetText(tr("revision.reason_required"))
			return
		}
		c.Hide()
		reason := model.T(text, "")
		if u.lang == model.EN {
			reason = model.T("", text)
		}
		u.save(label, func(tx model.Tx) error {
			tx.SetRevisionReason(reason)
			return fn(tx)
		}, done)
	})
	rd.ok.Importance = widget.HighImportance
	c.SetButtons([]fyne.CanvasObject{rd.cancel, rd.ok})
	c.Resize(fyne.NewSize(560, 300))
	c.Show()
	u.win.Canvas().Focus(rd.reason) // type the reason at once
	u.observe(rd)
	return true
}

// reviseForUndo gives an undo or redo of a change of the adopted plan its
// reason. An undo that puts a value back takes its revision back and needs
// none (model.Revision.TakesBack); when the value changed again meanwhile,
// the revision it makes says it was an undo of which edit. A redo records
// the edit's revisions again with the edit's own reason.
func (u *UI) reviseForUndo(tx model.Tx, e *edit, undo bool) {
	if !undo && !e.reason.IsEmpty() {
		tx.SetRevisionReason(e.reason)
		return
	}
	key := "undo.revision"
	if !undo {
		key = "redo.revision"
	}
	tx.SetRevisionReason(model.T(fmt.Sprintf(trIn(model.BG, key), e.label), fmt.Sprintf(trIn(model.EN, key), e.label)))
}

// capitalize makes the first letter upper case.
func capitalize(s string) string {
	r := []rune(s)
	if len(r) > 0 {
		r[0] = []rune(strings.ToUpper(string(r[0])))[0]
	}
	return string(r)
}
