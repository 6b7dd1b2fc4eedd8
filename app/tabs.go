package app

import (
	"cmp"
	"image/color"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"strategytracker/model"
)

// ---------------------------------------------------------------------
// Milestones

// milestonesTab lists a measure's milestones with their state; each can be
// completed with a date (or reopened), edited, cancelled (or restored).
type milestonesTab struct {
	d      *detailScreen
	root   fyne.CanvasObject
	box    *fyne.Container
	add    *widget.Button
	banner *widget.Label

	complete map[model.ID]*widget.Button
	edit     map[model.ID]*widget.Button
	cancel   map[model.ID]*widget.Button

	form         *milestoneForm // the latest form opened
	completeForm *completeForm
	cancelYes    *widget.Button // the confirmation of the latest cancel
}

func newMilestonesTab(d *detailScreen) *milestonesTab {
	t := &milestonesTab{d: d, banner: lockBanner()}
	t.box = container.NewVBox()
	t.add = widget.NewButtonWithIcon(tr("milestone.add"), theme.ContentAddIcon(), t.onAdd)
	t.root = container.NewBorder(container.NewVBox(container.NewHBox(t.add), t.banner), nil, nil, nil,
		container.NewVScroll(container.NewPadded(t.box)))
	return t
}

func (t *milestonesTab) refresh() {
	u := t.d.u
	m := t.d.measure()
	if m == nil {
		return
	}
	lang := u.lang
	t.complete = map[model.ID]*widget.Button{}
	t.edit = map[model.ID]*widget.Button{}
	t.cancel = map[model.ID]*widget.Button{}
	t.box.RemoveAll()
	var reasons []string
	note := func(why string) {
		if why != "" && !slices.Contains(reasons, why) {
			reasons = append(reasons, why)
		}
	}
	addWhy := u.denial(model.EntityMilestone, model.OpCreate, m)
	enable(t.add, addWhy == "")
	note(addWhy)
	if len(m.Milestones) == 0 {
		t.box.Add(hint(tr("milestone.none")))
	}
	for i := range m.Milestones {
		ms := m.Milestones[i]
		st := ms.StateAt(m.Cancelled, u.today)
		chip := stateBadge(st)
		title := widget.NewLabelWithStyle(ms.Title.In(lang), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		title.Wrapping = fyne.TextWrapWord
		info := []string{tr("milestone.due") + ": " + ms.Due.Format(lang)}
		if ms.Completed != 0 {
			info = append(info, tr("milestone.completed")+": "+ms.Completed.Format(lang))
		}
		if st == model.StateOverdue {
			info = append(info, trf("milestone.daysoverdue", ms.DaysOverdue(m.Cancelled, u.today)))
		}
		info = append(info, tr("field.weight")+": "+formatNumber(ms.Weight))
		if n := u.personName(ms.Responsible); n != "" {
			info = append(info, tr("field.responsible")+": "+n)
		}
		details := widget.NewLabel(strings.Join(info, " · "))
		details.Wrapping = fyne.TextWrapWord
		lines := container.NewVBox(title, details)
		if ms.Note != "" {
			n := hint(ms.Note)
			lines.Add(n)
		}
		if ms.Evidence != "" {
			lines.Add(hint(tr("field.evidence") + ": " + ms.Evidence))
		}

		id := ms.ID
		var complete *widget.Button
		if ms.Completed == 0 {
			complete = widget.NewButtonWithIcon(tr("milestone.complete"), theme.ConfirmIcon(), func() { t.onComplete(id) })
		} else {
			complete = widget.NewButtonWithIcon(tr("milestone.reopen"), theme.ContentUndoIcon(), func() { t.onReopen(id) })
		}
		why := u.denial(model.EntityMilestone, model.OpUpdate, m, "completed")
		enable(complete, why == "" && !ms.Cancelled)
		note(why)
		edit := widget.NewButtonWithIcon(tr("action.edit"), theme.DocumentCreateIcon(), func() { t.onEdit(id) })
		enable(edit, u.denial(model.EntityMilestone, model.OpUpdate, m, "note") == "")
		var cancel *widget.Button
		if ms.Cancelled {
			cancel = widget.NewButtonWithIcon(tr("milestone.restore"), theme.ViewRefreshIcon(), func() { t.onCancel(id, false) })
		} else {
			cancel = widget.NewButtonWithIcon(tr("milestone.cancel"), theme.CancelIcon(), func() { t.onCancel(id, true) })
		}
		enable(cancel, u.denial(model.EntityMilestone, model.OpUpdate, m, "cancelled") == "")
		t.complete[id], t.edit[id], t.cancel[id] = complete, edit, cancel
		del := t.d.deleteButton(model.EntityMilestone, id, m) // measureactions_children.go
		row := container.NewBorder(nil, nil, container.NewVBox(chip), container.NewVBox(container.NewHBox(complete, edit, cancel, del)), lines)
		t.box.Add(row)
		t.box.Add(widget.NewSeparator())
	}
	setBanner(t.banner, strings.Join(reasons, "\n"))
	t.box.Refresh()
}

// stateBadge is a milestone state in its colour.
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

// onComplete asks for the completion date (today by default).
func (t *milestonesTab) onComplete(id model.ID) {
	u := t.d.u
	ms := t.milestone(id)
	if ms == nil {
		return
	}
	c := &completeForm{date: dateEntry()}
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
		t.saveMilestone(c.f, ms, &row, map[string]*field{"completed": c.field}, tr("undo.complete"))
	})
	c.f.dlg.Resize(fyne.NewSize(460, 260))
	c.f.dlg.Show()
	t.completeForm = c
}

// completeForm asks for a completion date.
type completeForm struct {
	f     *formDialog
	date  *widget.Entry
	field *field
}

// onReopen clears a completion.
func (t *milestonesTab) onReopen(id model.ID) {
	ms := t.milestone(id)
	if ms == nil {
		return
	}
	row := *ms
	row.Completed = 0
	t.saveMilestone(nil, ms, &row, nil, tr("undo.reopen"))
}

// onCancel cancels (or restores) a milestone; cancelling asks first.
func (t *milestonesTab) onCancel(id model.ID, cancel bool) {
	u := t.d.u
	ms := t.milestone(id)
	if ms == nil {
		return
	}
	if !cancel {
		row := *ms
		row.Cancelled = false
		t.saveMilestone(nil, ms, &row, nil, tr("undo.restore"))
		return
	}
	q := widget.NewLabel(trf("milestone.cancel.question", ms.Title.In(u.lang)))
	q.Wrapping = fyne.TextWrapWord
	dlg := dialog.NewCustomWithoutButtons(tr("milestone.cancel.title"), q, u.win)
	no := widget.NewButtonWithIcon(tr("value.no"), theme.CancelIcon(), dlg.Hide)
	t.cancelYes = widget.NewButtonWithIcon(tr("milestone.cancel"), theme.ConfirmIcon(), func() {
		dlg.Hide()
		row := *ms
		row.Cancelled = true
		t.saveMilestone(nil, ms, &row, nil, tr("undo.cancel"))
	})
	t.cancelYes.Importance = widget.DangerImportance
	dlg.SetButtons([]fyne.CanvasObject{no, t.cancelYes})
	dlg.Resize(fyne.NewSize(480, 200))
	dlg.Show()
}

// saveMilestone writes row (base is the milestone it was made from, nil
// for a new one); f is the form it came from, if any.
func (t *milestonesTab) saveMilestone(f *formDialog, base, row *model.Milestone, fields map[string]*field, label string) {
	u := t.d.u
	retry := func(r any) { t.saveMilestone(f, base, r.(*model.Milestone), fields, label) }
	done := func(err error) {
		if err != nil {
			u.showError(tr("error.save"), err)
		}
	}
	var b any
	if base != nil {
		b = base
	}
	if f != nil {
		f.save.Disable()
		done = u.saveDone(f, b, row, retry, fields)
	} else if base != nil {
		done = func(err error) {
			if model.ErrorCode(err) == model.ECONFLICT {
				u.showConflict(base, row, retry, func() {})
			} else if err != nil {
				u.showError(tr("error.save"), err)
			}
		}
	}
	u.save(t.d.base.Code+": "+label, func(tx model.Tx) error {
		c := *row
		return tx.SaveMilestone(&c)
	}, done)
}

func (t *milestonesTab) onAdd() {
	u := t.d.u
	row := &model.Milestone{MeasureID: t.d.measureID, Weight: 1, Due: u.today.AddDays(90)}
	t.openForm(nil, row)
}

func (t *milestonesTab) onEdit(id model.ID) {
	ms := t.milestone(id)
	if ms == nil {
		return
	}
	t.openForm(ms, ms)
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
	evidence    *widget.Entry
	cancelled   *widget.Check
	fields      map[string]*field
	people      []model.ID
}

func (t *milestonesTab) openForm(base, row *model.Milestone) {
	u := t.d.u
	m := t.d.measure()
	lang := u.lang
	mf := &milestoneForm{fields: map[string]*field{}}
	mf.titleBG = widget.NewEntry()
	mf.titleBG.SetText(row.Title.BG)
	mf.titleEN = widget.NewEntry()
	mf.titleEN.SetText(row.Title.EN)
	mf.due = dateEntry()
	mf.due.SetText(row.Due.Format(lang))
	mf.completed = dateEntry()
	mf.completed.SetText(row.Completed.Format(lang))
	mf.weight = widget.NewEntry()
	mf.weight.SetText(formatNumber(row.Weight))
	mf.people = []model.ID{0}
	opts := []string{tr("value.nobody")}
	for _, p := range u.doc.People {
		mf.people = append(mf.people, p.ID)
		opts = append(opts, p.Name.In(lang))
	}
	mf.responsible = widget.NewSelect(opts, nil)
	mf.responsible.SetSelectedIndex(max(0, slices.Index(mf.people, model.ID(row.Responsible))))
	mf.note = widget.NewMultiLineEntry()
	mf.note.Wrapping = fyne.TextWrapWord
	mf.note.SetText(row.Note)
	mf.evidence = widget.NewEntry()
	mf.evidence.SetPlaceHolder("https://…")
	mf.evidence.SetText(row.Evidence)
	mf.cancelled = widget.NewCheck(tr("milestone.cancelled.check"), nil)
	mf.cancelled.SetChecked(row.Cancelled)
	mk := func(name, label string, w fyne.CanvasObject) *field {
		f := newField(label, w)
		mf.fields[name] = f
		return f
	}
	grid := formGrid(
		mk("title", tr("field.title")+" (БГ)", mf.titleBG),
		mk("title_en", tr("field.title")+" (EN)", mf.titleEN),
		mk("due", tr("milestone.due"), mf.due),
		mk("completed", tr("milestone.completed"), mf.completed),
		mk("weight", tr("field.weight"), mf.weight),
		mk("responsible", tr("field.responsible"), mf.responsible),
		mk("note", tr("field.note"), mf.note),
		mk("evidence", tr("field.evidence"), mf.evidence),
		mk("cancelled", tr("field.cancelled"), mf.cancelled),
	)
	title := tr("milestone.edit.title")
	if base == nil {
		title = tr("milestone.add.title")
	}
	mf.f = u.newFormDialog(title, grid, func() { t.onFormSave(mf, base, row) })
	// Lock what the user may not change.
	var reasons []string
	lockField := func(name string, ws ...fyne.Disableable) {
		op, fields := model.OpUpdate, []string{name}
		if base == nil {
			op, fields = model.OpCreate, nil
		}
		why := u.denial(model.EntityMilestone, op, m, fields...)
		for _, w := range ws {
			enable(w, why == "")
		}
		if why != "" && !slices.Contains(reasons, why) {
			reasons = append(reasons, why)
		}
	}
	lockField("title", mf.titleBG, mf.titleEN)
	lockField("due", mf.due)
	lockField("completed", mf.completed)
	lockField("weight", mf.weight)
	lockField("responsible", mf.responsible)
	lockField("note", mf.note)
	lockField("evidence", mf.evidence)
	lockField("cancelled", mf.cancelled)
	setBanner(mf.f.banner, strings.Join(reasons, "\n"))
	mf.f.dlg.Show()
	t.form = mf
}

func (t *milestonesTab) onFormSave(mf *milestoneForm, base, row *model.Milestone) {
	u := t.d.u
	r := *row
	errs := map[string]string{}
	r.Title = model.T(mf.titleBG.Text, mf.titleEN.Text)
	var msg string
	if r.Due, msg = parseRequiredDate(mf.due.Text); msg != "" {
		errs["due"] = msg
	}
	if r.Completed, msg = parseOptionalDate(mf.completed.Text); msg != "" {
		errs["completed"] = msg
	}
	if v, ok := parseNumber(mf.weight.Text); ok {
		r.Weight = v
	} else {
		errs["weight"] = tr("invalid.number")
	}
	if i := mf.responsible.SelectedIndex(); i >= 0 && i < len(mf.people) {
		r.Responsible = model.Ref(mf.people[i])
	}
	r.Note = mf.note.Text
	r.Evidence = strings.TrimSpace(mf.evidence.Text)
	r.Cancelled = mf.cancelled.Checked
	set := func(name, msg string) {
		if _, ok := errs[name]; !ok {
			errs[name] = msg
		}
	}
	if r.Title.IsEmpty() {
		set("title", tr("invalid.title"))
	}
	if r.Due != 0 && (r.Due < model.MinDue || r.Due > model.MaxDue) {
		set("due", tr("invalid.range"))
	}
	if r.Completed != 0 && r.Completed > u.today {
		set("completed", tr("invalid.future"))
	}
	if !(r.Weight > 0) {
		set("weight", tr("invalid.weight"))
	}
	if model.CheckLink("", "", r.Evidence) != nil {
		set("evidence", tr("invalid.link"))
	}
	for name, f := range mf.fields {
		f.setError(errs[name])
	}
	if len(errs) > 0 {
		return
	}
	if base != nil && len(changedFields(base, &r)) == 0 {
		mf.f.dlg.Hide()
		return
	}
	label := tr("undo.milestone.edit")
	if base == nil {
		label = tr("undo.milestone.add")
	}
	t.saveMilestone(mf.f, base, &r, mf.fields, label)
}

// ---------------------------------------------------------------------
// KPIs

// kpisTab shows a measure's indicators: baseline, target, the latest value
// and its attainment, and every measured value; values can be added and
// edited, indicators added and edited (by the office).
type kpisTab struct {
	d      *detailScreen
	root   fyne.CanvasObject
	box    *fyne.Container
	add    *widget.Button
	banner *widget.Label

	addValue  map[model.ID]*widget.Button // by KPI id
	editKPI   map[model.ID]*widget.Button // by KPI id
	editValue map[model.ID]*widget.Button // by value id
	valueForm *valueForm
	kpiForm   *kpiForm
}

func newKPIsTab(d *detailScreen) *kpisTab {
	t := &kpisTab{d: d, banner: lockBanner()}
	t.box = container.NewVBox()
	t.add = widget.NewButtonWithIcon(tr("kpi.add"), theme.ContentAddIcon(), func() { t.openKPIForm(nil) })
	t.root = container.NewBorder(container.NewVBox(container.NewHBox(t.add), t.banner), nil, nil, nil,
		container.NewVScroll(container.NewPadded(t.box)))
	return t
}

func (t *kpisTab) refresh() {
	u := t.d.u
	m := t.d.measure()
	if m == nil {
		return
	}
	lang := u.lang
	t.addValue = map[model.ID]*widget.Button{}
	t.editKPI = map[model.ID]*widget.Button{}
	t.editValue = map[model.ID]*widget.Button{}
	t.box.RemoveAll()
	var reasons []string
	note := func(why string) {
		if why != "" && !slices.Contains(reasons, why) {
			reasons = append(reasons, why)
		}
	}
	why := u.denial(model.EntityKPI, model.OpCreate, m)
	enable(t.add, why == "")
	note(why)
	if len(m.KPIs) == 0 {
		t.box.Add(hint(tr("kpi.none")))
	}
	for i := range m.KPIs {
		k := &m.KPIs[i]
		kid := k.ID
		name := widget.NewLabelWithStyle(k.Name.In(lang), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		name.Wrapping = fyne.TextWrapWord
		unit := k.Unit.In(lang)
		line := trf("kpi.line", tr("kpi.kind."+string(k.Kind)), formatNumber(k.BaselineValue), unit, k.BaselineDate.Format(lang),
			formatNumber(k.TargetValue), unit, k.TargetDate.Format(lang))
		info := widget.NewLabel(line)
		info.Wrapping = fyne.TextWrapWord
		bar := percentBar()
		latest := hint(tr("kpi.novalue"))
		if v, ok := k.LatestValue(u.today); ok {
			a, _ := k.Attainment(u.today)
			bar.SetValue(a)
			latest = widget.NewLabel(trf("kpi.latest", formatNumber(v.Value), unit, v.Date.Format(lang)))
		}
		addV := widget.NewButtonWithIcon(tr("kpi.addvalue"), theme.ContentAddIcon(), func() { t.openValueForm(kid, nil) })
		why := u.denial(model.EntityKPIValue, model.OpCreate, m)
		enable(addV, why == "")
		note(why)
		editK := widget.NewButtonWithIcon(tr("kpi.edit"), theme.DocumentCreateIcon(), func() { t.openKPIForm(t.kpi(kid)) })
		enable(editK, u.denial(model.EntityKPI, model.OpUpdate, m, "name") == "")
		t.addValue[kid], t.editKPI[kid] = addV, editK

		values := container.NewVBox()
		vals := slices.Clone(k.Values)
		slices.SortStableFunc(vals, func(a, b model.KPIValue) int { return cmp.Compare(b.Date, a.Date) })
		for _, v := range vals {
			vid := v.ID
			text := v.Date.Format(lang) + " — " + formatNumber(v.Value) + " " + unit
			if v.Note != "" {
				text += " · " + v.Note
			}
			if v.Source != "" {
				text += " · " + tr("field.source") + ": " + v.Source
			}
			l := widget.NewLabel(text)
			l.Wrapping = fyne.TextWrapWord
			ev := widget.NewButtonWithIcon("", theme.DocumentCreateIcon(), func() { t.openValueForm(kid, t.value(vid)) })
			ev.Importance = widget.LowImportance
			enable(ev, u.denial(model.EntityKPIValue, model.OpUpdate, m, "value") == "")
			t.editValue[vid] = ev
			values.Add(container.NewBorder(nil, nil, nil, container.NewHBox(ev, t.d.deleteButton(model.EntityKPIValue, vid, m)), l))
		}
		head := container.NewBorder(nil, nil, nil, container.NewHBox(addV, editK, t.d.deleteButton(model.EntityKPI, kid, m)), name)
		t.box.Add(widget.NewCard("", "", container.NewVBox(head, info,
			container.NewBorder(nil, nil, widget.NewLabel(tr("kpi.attainment")), nil, bar), latest,
			widget.NewSeparator(), values)))
	}
	setBanner(t.banner, strings.Join(reasons, "\n"))
	t.box.Refresh()
}

func (t *kpisTab) kpi(id model.ID) *model.KPI {
	k, _ := t.d.u.doc.KPIByID(id)
	if k == nil {
		return nil
	}
	c := *k
	c.Values = nil
	return &c
}

func (t *kpisTab) value(id model.ID) *model.KPIValue {
	if v, ok := findRow(t.d.u.doc, model.EntityKPIValue, id).(*model.KPIValue); ok {
		return v
	}
	return nil
}

// valueForm adds or edits a measured value.
type valueForm struct {
	f      *formDialog
	date   *widget.Entry
	value  *widget.Entry
	note   *widget.Entry
	source *widget.Entry
	fields map[string]*field
}

func (t *kpisTab) openValueForm(kpiID model.ID, base *model.KPIValue) {
	u := t.d.u
	lang := u.lang
	k := t.kpi(kpiID)
	if k == nil {
		return
	}
	row := &model.KPIValue{KPIID: kpiID, Date: u.today}
	if base != nil {
		row = base
	}
	vf := &valueForm{fields: map[string]*field{}, date: dateEntry(), value: widget.NewEntry(), note: widget.NewEntry(), source: widget.NewEntry()}
	vf.date.SetText(row.Date.Format(lang))
	if base != nil {
		vf.value.SetText(formatNumber(row.Value))
	}
	vf.note.SetText(row.Note)
	vf.source.SetText(row.Source)
	mk := func(name, label string, w fyne.CanvasObject) *field {
		f := newField(label, w)
		vf.fields[name] = f
		return f
	}
	body := container.NewVBox(widget.NewLabel(k.Name.In(lang)), formGrid(
		mk("date", tr("field.date"), vf.date),
		mk("value", tr("field.value")+" ("+k.Unit.In(lang)+")", vf.value),
		mk("note", tr("field.note"), vf.note),
		mk("source", tr("field.source"), vf.source)))
	title := tr("kpi.value.add")
	if base != nil {
		title = tr("kpi.value.edit")
	}
	vf.f = u.newFormDialog(title, body, func() {
		r := *row
		errs := map[string]string{}
		var msg string
		if r.Date, msg = parseRequiredDate(vf.date.Text); msg != "" {
			errs["date"] = msg
		} else if r.Date < k.BaselineDate {
			errs["date"] = trf("invalid.beforebaseline", k.BaselineDate.Format(lang))
		}
		if v, ok := parseNumber(vf.value.Text); ok {
			r.Value = v
		} else {
			errs["value"] = tr("invalid.number")
		}
		r.Note, r.Source = vf.note.Text, vf.source.Text
		for name, f := range vf.fields {
			f.setError(errs[name])
		}
		if len(errs) > 0 {
			return
		}
		var b any
		if base != nil {
			b = base
		}
		vf.f.save.Disable()
		u.save(t.d.base.Code+": "+tr("undo.value"), func(tx model.Tx) error {
			c := r
			return tx.SaveKPIValue(&c)
		}, u.saveDone(vf.f, b, &r, func(x any) {
			merged := x.(*model.KPIValue)
			u.save(t.d.base.Code+": "+tr("undo.value"), func(tx model.Tx) error { return tx.SaveKPIValue(merged) }, u.saveDone(vf.f, b, merged, nil, vf.fields))
		}, vf.fields))
	})
	vf.f.dlg.Show()
	t.valueForm = vf
}

// kpiForm adds or edits an indicator's definition.
type kpiForm struct {
	f          *formDialog
	nameBG     *widget.Entry
	nameEN     *widget.Entry
	unitBG     *widget.Entry
	unitEN     *widget.Entry
	kind       *widget.Select
	baseValue  *widget.Entry
	baseDate   *widget.Entry
	targetVal  *widget.Entry
	targetDate *widget.Entry
	fields     map[string]*field
}

func (t *kpisTab) openKPIForm(base *model.KPI) {
	u := t.d.u
	lang := u.lang
	row := &model.KPI{MeasureID: t.d.measureID, Kind: model.KPIOutput, BaselineDate: u.today}
	if base != nil {
		row = base
	}
	kf := &kpiForm{fields: map[string]*field{}, nameBG: widget.NewEntry(), nameEN: widget.NewEntry(), unitBG: widget.NewEntry(),
		unitEN: widget.NewEntry(), baseValue: widget.NewEntry(), baseDate: dateEntry(), targetVal: widget.NewEntry(), targetDate: dateEntry()}
	var kinds []string
	for _, k := range model.KPIKinds {
		kinds = append(kinds, tr("kpi.kind."+string(k)))
	}
	kf.kind = widget.NewSelect(kinds, nil)
	kf.kind.SetSelectedIndex(max(0, slices.Index(model.KPIKinds, row.Kind)))
	kf.nameBG.SetText(row.Name.BG)
	kf.nameEN.SetText(row.Name.EN)
	kf.unitBG.SetText(row.Unit.BG)
	kf.unitEN.SetText(row.Unit.EN)
	kf.baseValue.SetText(formatNumber(row.BaselineValue))
	kf.baseDate.SetText(row.BaselineDate.Format(lang))
	kf.targetVal.SetText(formatNumber(row.TargetValue))
	kf.targetDate.SetText(row.TargetDate.Format(lang))
	mk := func(name, label string, w fyne.CanvasObject) *field {
		f := newField(label, w)
		kf.fields[name] = f
		return f
	}
	body := formGrid(
		mk("name", tr("field.name")+" (БГ)", kf.nameBG),
		mk("name_en", tr("field.name")+" (EN)", kf.nameEN),
		mk("unit", tr("field.unitOfMeasure")+" (БГ)", kf.unitBG),
		mk("unit_en", tr("field.unitOfMeasure")+" (EN)", kf.unitEN),
		mk("kind", tr("field.kind"), kf.kind),
		mk("baselineValue", tr("field.baselineValue"), kf.baseValue),
		mk("baselineDate", tr("field.baselineDate"), kf.baseDate),
		mk("targetValue", tr("field.targetValue"), kf.targetVal),
		mk("targetDate", tr("field.targetDate"), kf.targetDate))
	title := tr("kpi.add")
	if base != nil {
		title = tr("kpi.edit")
	}
	kf.f = u.newFormDialog(title, body, func() {
		r := *row
		errs := map[string]string{}
		r.Name = model.T(kf.nameBG.Text, kf.nameEN.Text)
		r.Unit = model.T(kf.unitBG.Text, kf.unitEN.Text)
		if i := kf.kind.SelectedIndex(); i >= 0 {
			r.Kind = model.KPIKinds[i]
		}
		var msg string
		if v, ok := parseNumber(kf.baseValue.Text); ok {
			r.BaselineValue = v
		} else {
			errs["baselineValue"] = tr("invalid.number")
		}
		if v, ok := parseNumber(kf.targetVal.Text); ok {
			r.TargetValue = v
		} else {
			errs["targetValue"] = tr("invalid.number")
		}
		if r.BaselineDate, msg = parseRequiredDate(kf.baseDate.Text); msg != "" {
			errs["baselineDate"] = msg
		}
		if r.TargetDate, msg = parseOptionalDate(kf.targetDate.Text); msg != "" {
			errs["targetDate"] = msg
		}
		if r.Name.IsEmpty() {
			errs["name"] = tr("invalid.title")
		}
		if _, ok := errs["targetValue"]; !ok && r.TargetValue == r.BaselineValue {
			errs["targetValue"] = tr("invalid.target")
		}
		for name, f := range kf.fields {
			f.setError(errs[name])
		}
		if len(errs) > 0 {
			return
		}
		var b any
		if base != nil {
			b = base
		}
		kf.f.save.Disable()
		u.save(t.d.base.Code+": "+tr("undo.kpi"), func(tx model.Tx) error {
			c := r
			return tx.SaveKPI(&c)
		}, u.saveDone(kf.f, b, &r, func(x any) {
			merged := x.(*model.KPI)
			u.save(t.d.base.Code+": "+tr("undo.kpi"), func(tx model.Tx) error { return tx.SaveKPI(merged) }, u.saveDone(kf.f, b, merged, nil, kf.fields))
		}, kf.fields))
	})
	kf.f.dlg.Show()
	t.kpiForm = kf
}

// ---------------------------------------------------------------------
// Updates

// updatesTab is the measure's narrative: dated progress updates, newest
// first, and a form to add one.
type updatesTab struct {
	d      *detailScreen
	root   fyne.CanvasObject
	box    *fyne.Container
	add    *widget.Button
	banner *widget.Label
	form   *updateForm
}

func newUpdatesTab(d *detailScreen) *updatesTab {
	t := &updatesTab{d: d, banner: lockBanner()}
	t.box = container.NewVBox()
	t.add = widget.NewButtonWithIcon(tr("update.add"), theme.ContentAddIcon(), t.onAdd)
	t.root = container.NewBorder(container.NewVBox(container.NewHBox(t.add), t.banner), nil, nil, nil,
		container.NewVScroll(container.NewPadded(t.box)))
	return t
}

func (t *updatesTab) refresh() {
	u := t.d.u
	m := t.d.measure()
	if m == nil {
		return
	}
	why := u.denial(model.EntityUpdate, model.OpCreate, m)
	enable(t.add, why == "")
	setBanner(t.banner, why)
	t.box.RemoveAll()
	ups := slices.Clone(m.Updates)
	slices.SortStableFunc(ups, func(a, b model.Update) int { return cmp.Compare(b.Date, a.Date) })
	if len(ups) == 0 {
		t.box.Add(hint(tr("update.none")))
	}
	for _, up := range ups {
		head := widget.NewLabelWithStyle(up.Date.Format(u.lang)+" · "+u.personName(up.Author), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		text := widget.NewLabel(up.Text.In(u.lang))
		text.Wrapping = fyne.TextWrapWord
		t.box.Add(container.NewVBox(head, text, widget.NewSeparator()))
	}
	t.box.Refresh()
}

// updateForm adds a progress update.
type updateForm struct {
	f      *formDialog
	date   *widget.Entry
	textBG *widget.Entry
	textEN *widget.Entry
	fields map[string]*field
}

func (t *updatesTab) onAdd() {
	u := t.d.u
	uf := &updateForm{fields: map[string]*field{}, date: dateEntry(), textBG: widget.NewMultiLineEntry(), textEN: widget.NewMultiLineEntry()}
	uf.date.SetText(u.today.Format(u.lang))
	for _, e := range []*widget.Entry{uf.textBG, uf.textEN} {
		e.Wrapping = fyne.TextWrapWord
		e.SetMinRowsVisible(4)
	}
	mk := func(name, label string, w fyne.CanvasObject) *field {
		f := newField(label, w)
		uf.fields[name] = f
		return f
	}
	body := formGrid(
		mk("date", tr("field.date"), uf.date),
		mk("text", tr("field.text")+" (БГ)", uf.textBG),
		mk("text_en", tr("field.text")+" (EN)", uf.textEN))
	uf.f = u.newFormDialog(tr("update.add"), body, func() {
		r := model.Update{MeasureID: t.d.measureID}
		if u.me != nil {
			r.Author = model.Ref(u.me.ID)
		}
		errs := map[string]string{}
		var msg string
		if r.Date, msg = parseRequiredDate(uf.date.Text); msg != "" {
			errs["date"] = msg
		}
		r.Text = model.T(uf.textBG.Text, uf.textEN.Text)
		if r.Text.IsEmpty() {
			errs["text"] = tr("invalid.text")
		}
		for name, f := range uf.fields {
			f.setError(errs[name])
		}
		if len(errs) > 0 {
			return
		}
		uf.f.save.Disable()
		u.save(t.d.base.Code+": "+tr("undo.update"), func(tx model.Tx) error {
			c := r
			return tx.SaveUpdate(&c)
		}, u.saveDone(uf.f, nil, &r, nil, uf.fields))
	})
	uf.f.dlg.Show()
	t.form = uf
}
