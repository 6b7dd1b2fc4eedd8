package app

import (
	"image/color"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"strategytracker/model"
)

// milestonesTab lists a measure's milestones with their state; each can be
// completed with a date (or reopened), edited, cancelled (or restored).
// Actions the user may not take are hidden, the reason in the banner.
type milestonesTab struct {
	listTab

	complete map[model.ID]*widget.Button
	edit     map[model.ID]*widget.Button
	cancel   map[model.ID]*widget.Button
}

func newMilestonesTab(d *detailScreen) *milestonesTab {
	t := &milestonesTab{}
	t.listTab = newListTab(d, tr("milestone.add"), t.onAdd)
	return t
}

func (t *milestonesTab) refresh() {
	var l locks
	m := t.begin(model.EntityMilestone, func(m *model.Measure) int { return len(m.Milestones) }, "milestone.none", &l)
	if m == nil {
		return
	}
	u, lang := t.d.u, t.d.u.lang
	t.complete = map[model.ID]*widget.Button{}
	t.edit = map[model.ID]*widget.Button{}
	t.cancel = map[model.ID]*widget.Button{}
	for i := range m.Milestones {
		ms := m.Milestones[i]
		st := ms.StateAt(m.Cancelled, u.today)
		title := widget.NewLabelWithStyle(ms.Title.In(lang), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		title.Wrapping = fyne.TextWrapWord
		info := []string{tr("milestone.due") + ": " + ms.Due.Format(lang)}
		if ms.Completed != 0 {
			info = append(info, tr("milestone.completed")+": "+ms.Completed.Format(lang))
		}
		if st == model.StateOverdue {
			info = append(info, trn("milestone.daysoverdue", ms.DaysOverdue(m.Cancelled, u.today), ms.DaysOverdue(m.Cancelled, u.today)))
		}
		info = append(info, tr("field.weight")+": "+model.FormatValue(ms.Weight, lang))
		if n := u.personName(ms.Responsible); n != "" {
			info = append(info, tr("field.responsible")+": "+n)
		}
		details := widget.NewLabel(strings.Join(info, " · "))
		details.Wrapping = fyne.TextWrapWord
		lines := container.NewVBox(title, details)
		if note := ms.NoteText(); !note.IsEmpty() {
			lines.Add(hint(markInternal(note.In(u.lang), ms.NoteInternal, tr("visibility.internal")))) // visibility.go
		}
		if ms.Evidence != "" {
			lines.Add(hint(tr("field.evidence") + ": " + ms.Evidence))
		}

		id := ms.ID
		var complete, cancel *widget.Button
		if ms.Completed == 0 {
			complete = widget.NewButtonWithIcon(tr("milestone.complete"), theme.ConfirmIcon(), func() { t.onComplete(id) })
		} else {
			complete = widget.NewButtonWithIcon(tr("milestone.reopen"), theme.ContentUndoIcon(), func() { t.onReopen(id) })
		}
		l.action(u.denial(model.EntityMilestone, model.OpUpdate, m, "completed"), complete)
		if ms.Cancelled {
			complete.Hide()
		}
		edit := widget.NewButtonWithIcon(tr("action.edit"), theme.DocumentCreateIcon(), func() { t.onEdit(id) })
		l.action(u.denial(model.EntityMilestone, model.OpUpdate, m, "note"), edit)
		if ms.Cancelled {
			cancel = widget.NewButtonWithIcon(tr("milestone.restore"), theme.ViewRefreshIcon(), func() { t.onCancel(id, false) })
		} else {
			cancel = widget.NewButtonWithIcon(tr("milestone.cancel"), theme.CancelIcon(), func() { t.onCancel(id, true) })
		}
		l.action(u.denial(model.EntityMilestone, model.OpUpdate, m, "cancelled"), cancel)
		t.complete[id], t.edit[id], t.cancel[id] = complete, edit, cancel
		del := t.d.deleteButton(model.EntityMilestone, id, m) // measureactions_children.go
		row := container.NewBorder(nil, nil, container.NewVBox(stateBadge(st)),
			container.NewVBox(container.NewHBox(complete, edit, cancel, del)), lines)
		t.box.Add(row)
		t.box.Add(widget.NewSeparator())
	}
	l.bannerBelow(t.banner, t.d.banner)
	t.box.Refresh()
}

// stateBadge is a milestone state in its colour; a cancelled one is struck
// through like a cancelled measure.
func stateBadge(st model.MilestoneState) fyne.CanvasObject {
	bg := canvas.NewRectangle(stateColor(st))
	bg.CornerRadius = 4
	fg := color.Color(color.White)
	if st == model.StateDueSoon || st == model.StatePending {
		fg = color.NRGBA{R: 0x20, G: 0x20, B: 0x20, A: 0xFF}
	}
	text := canvas.NewText(st.Label(currentLang()), fg)
	text.TextStyle = fyne.TextStyle{Bold: true}
	text.TextSize = theme.CaptionTextSize() + 1
	text.Alignment = fyne.TextAlignCenter
	return container.NewStack(bg, container.New(fixedWidth(100), container.NewPadded(container.NewCenter(text))))
}

func (t *milestonesTab) milestone(id model.ID) *model.Milestone {
	ms, _ := t.d.u.doc.MilestoneByID(id)
	if ms == nil {
		return nil
	}
	c := *ms
	return &c
}

// completeForm asks for a completion date.
type completeForm struct {
	f     *formDialog
	date  *widget.Entry
	field *field
}

// onComplete asks for the completion date (today by default).
func (t *milestonesTab) onComplete(id model.ID) {
	u := t.d.u
	ms := t.milestone(id)
	if ms == nil {
		return
	}
	c := &completeForm{date: t.d.u.dateEntry()}
	c.date.SetText(u.today.Format(u.lang))
	c.field = newField(tr("milestone.completed"), c.date)
	body := container.NewVBox(widget.NewLabel(ms.Title.In(u.lang)), formGrid(c.field))
	c.f = u.newFormDialog(tr("milestone.complete.title"), body, func() {
		date, msg := parseRequiredDate(c.date.Text)
		if msg == "" && date > u.today {
			msg = tr("invalid.future")
		}
		c.field.setError(msg)
		if msg != "" {
			return
		}
		row := *ms
		row.Completed = date
		u.commitForm(c.f, fieldSet{"completed": c.field}, t.label(tr("undo.complete")), ms, &row)
	})
	c.date.OnSubmitted = func(string) { c.f.save.OnTapped() }
	c.f.dlg.Resize(fyne.NewSize(460, 260))
	c.f.dlg.Show()
	u.observe(c)
}

// label is an undo label about this measure.
func (t *milestonesTab) label(what string) string { return t.d.code() + ": " + what }

// saveNow saves a change made without a form (reopen, cancel, restore).
func (t *milestonesTab) saveNow(base *model.Milestone, row *model.Milestone, what string) {
	u := t.d.u
	u.commit(t.label(what), base, row, func(err error) {
		if err != nil && !conflictShown(err) {
			u.showError(tr("error.save"), err)
		}
	}, func() {})
}

// onReopen clears a completion.
func (t *milestonesTab) onReopen(id model.ID) {
	if ms := t.milestone(id); ms != nil {
		row := *ms
		row.Completed = 0
		t.saveNow(ms, &row, tr("undo.reopen"))
	}
}

// cancelQuestion is the confirmation before a milestone is cancelled.
type cancelQuestion struct{ yes, no *widget.Button }

// onCancel cancels (or restores) a milestone; cancelling asks first.
func (t *milestonesTab) onCancel(id model.ID, cancel bool) {
	u := t.d.u
	ms := t.milestone(id)
	if ms == nil {
		return
	}
	row := *ms
	row.Cancelled = cancel
	if !cancel {
		t.saveNow(ms, &row, tr("undo.restore"))
		return
	}
	q := widget.NewLabel(trf("milestone.cancel.question", ms.Title.In(u.lang)))
	q.Wrapping = fyne.TextWrapWord
	dlg := dialog.NewCustomWithoutButtons(tr("milestone.cancel.title"), q, u.win)
	c := &cancelQuestion{}
	c.no = widget.NewButtonWithIcon(tr("value.no"), theme.CancelIcon(), dlg.Hide)
	c.yes = widget.NewButtonWithIcon(tr("milestone.cancel"), theme.ConfirmIcon(), func() {
		dlg.Hide()
		t.saveNow(ms, &row, tr("undo.cancel"))
	})
	c.yes.Importance = widget.DangerImportance
	dlg.SetButtons([]fyne.CanvasObject{c.no, c.yes})
	dlg.Resize(fyne.NewSize(480, 200))
	dlg.Show()
	u.observe(c)
}

func (t *milestonesTab) onAdd() {
	u := t.d.u
	due := u.today.AddDays(90)
	if m := u.doc.Measure(t.d.measureID); m != nil && m.End != 0 && due > m.End {
		due = max(m.End, u.today) // not after the measure's end (issue 22)
	}
	t.openForm(nil, &model.Milestone{MeasureID: t.d.measureID, Weight: 1, Due: due})
}

func (t *milestonesTab) onEdit(id model.ID) {
	if ms := t.milestone(id); ms != nil {
		t.openForm(ms, ms)
	}
}

// milestoneForm edits every field of a milestone.
type milestoneForm struct {
	f           *formDialog
	titleBG     *widget.Entry
	titleEN     *widget.Entry
	due         *widget.Entry
	completed   *widget.Entry
	weight      *widget.Entry
	responsible *widget.Select
	note        *widget.Entry
	noteEN      *widget.Entry
	evidence    *widget.Entry
	cancelled   *widget.Check
	fields      fieldSet
	people      []model.ID
}

func (t *milestonesTab) openForm(base, row *model.Milestone) {
	u := t.d.u
	m := t.d.measure()
	lang := u.lang
	mf := &milestoneForm{fields: fieldSet{}, titleBG: widget.NewEntry(), titleEN: widget.NewEntry(), due: t.d.u.dateEntry(),
		completed: t.d.u.dateEntry(), weight: widget.NewEntry(), note: widget.NewMultiLineEntry(), noteEN: widget.NewMultiLineEntry(), evidence: widget.NewEntry()}
	mf.titleBG.SetText(row.Title.BG)
	mf.titleEN.SetText(row.Title.EN)
	mf.due.SetText(row.Due.Format(lang))
	mf.completed.SetText(row.Completed.Format(lang))
	mf.weight.SetText(inputNumber(row.Weight))
	var opts []string
	opts, mf.people = personChoices(u.doc, lang)
	mf.responsible = widget.NewSelect(nil, nil)
	setChoices(mf.responsible, opts, mf.people, model.ID(row.Responsible))
	mf.note.Wrapping = fyne.TextWrapWord
	mf.note.SetText(row.Note)
	mf.noteEN.Wrapping = fyne.TextWrapWord
	mf.noteEN.SetText(row.NoteEn)
	mf.evidence.SetPlaceHolder("https://…")
	mf.evidence.SetText(row.Evidence)
	mf.cancelled = widget.NewCheck(tr("milestone.cancelled.check"), nil)
	mf.cancelled.SetChecked(row.Cancelled)
	add := mf.fields.add
	grid := formGrid(
		add("title", tr("field.title")+tr("suffix.bg"), mf.titleBG),
		add("title_en", tr("field.title")+" (EN)", mf.titleEN),
		add("due", tr("milestone.due"), mf.due),
		add("completed", tr("milestone.completed"), mf.completed),
		add("weight", tr("field.weight"), mf.weight),
		add("responsible", tr("field.responsible"), mf.responsible),
		add("note", tr("field.note")+tr("suffix.bg"), mf.note),
		add("noteEn", tr("field.note")+" (EN)", mf.noteEN),
		add("evidence", tr("field.evidence"), mf.evidence),
		add("cancelled", tr("milestone.cancelled"), mf.cancelled),
	)
	title := tr("milestone.edit.title")
	if base == nil {
		title = tr("milestone.add.title")
	}
	mf.f = u.newFormDialog(title, grid, func() { t.onFormSave(mf, base, row) })
	// What the user may not change shows as text.
	var l locks
	for name, f := range mf.fields {
		rule := strings.TrimSuffix(name, "_en")
		op, fields := model.OpUpdate, []string{rule}
		if base == nil {
			op, fields = model.OpCreate, nil
		}
		l.field(f, u.denial(model.EntityMilestone, op, m, fields...))
	}
	l.banner(mf.f.banner)
	mf.f.dlg.Show()
	u.observe(mf)
}

func (t *milestonesTab) onFormSave(mf *milestoneForm, base, row *model.Milestone) {
	u := t.d.u
	r := *row
	errs := formErrs{}
	r.Title = model.T(mf.titleBG.Text, mf.titleEN.Text)
	r.Due = errs.date("due", mf.due.Text)
	r.Completed = errs.optionalDate("completed", mf.completed.Text)
	r.Weight = errs.number("weight", mf.weight.Text)
	if id, ok := chosen(mf.responsible, mf.people); ok {
		r.Responsible = model.Ref(id)
	}
	r.Note, r.NoteEn = mf.note.Text, mf.noteEN.Text
	r.Evidence = strings.TrimSpace(mf.evidence.Text)
	r.Cancelled = mf.cancelled.Checked
	validateMilestone(&r, u.today, errs)
	if len(errs) == 0 && base != nil && len(changedFields(base, &r)) == 0 {
		mf.f.dlg.Hide()
		return
	}
	label := tr("undo.milestone.edit")
	if base == nil {
		label = tr("undo.milestone.add")
	}
	u.submit(mf.f, mf.fields, errs, t.label(label), base, &r)
}
