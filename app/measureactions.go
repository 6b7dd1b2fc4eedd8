package app

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"strategytracker/model"
)

// Actions on whole measures (issue 11): a new measure in an area with the
// next free code proposed, a duplicate (with or without its milestones and
// KPIs), a move to another area, and a delete with its children. Each is
// one step of undo; a delete removes the children row by row first, so
// that undo brings every one of them back.

// nextMeasureCode proposes the next free code in area: after the highest
// "N.k" of its measures, else "N.1" where N is the area's number.
func nextMeasureCode(d *model.Doc, area string) string {
	prefix, best := "", 0
	for _, m := range d.Measures {
		if m.Area != area {
			continue
		}
		i := strings.LastIndexByte(m.Code, '.')
		if i < 0 {
			continue
		}
		if n, err := strconv.Atoi(m.Code[i+1:]); err == nil && (prefix == "" || m.Code[:i] == prefix) {
			prefix = m.Code[:i]
			best = max(best, n)
		}
	}
	if prefix == "" {
		prefix = strings.TrimLeft(area, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
		if prefix == "" {
			prefix = area
		}
	}
	for n := best + 1; ; n++ {
		code := prefix + "." + strconv.Itoa(n)
		if d.MeasureByCode(code) == nil {
			return code
		}
	}
}

// measureForm is the dialog of a new, duplicated or moved measure.
type measureForm struct {
	f          *formDialog
	code       *widget.Entry
	titleBG    *widget.Entry
	titleEN    *widget.Entry
	area       *widget.Select
	lead       *widget.Select
	leadCodes  []string // the lead unit's options' codes (unitChoices)
	start, end *widget.Entry
	children   *widget.Check // duplicate: with milestones and KPIs
	shift      *dateShift    // duplicate: move the dates (nil: none in the past)
	fields     map[string]*field
}

// thenOpen ends the form's save: the error under the form, or the form
// closed and measure *id (set by the save) opened.
func (mf *measureForm) thenOpen(u *UI, id *model.ID) func(error) {
	return func(err error) {
		mf.f.save.Enable()
		if err != nil {
			mf.f.setError(errorMessage(err))
			return
		}
		mf.f.dlg.Hide()
		u.openMeasure(*id)
	}
}

func (u *UI) areaOptions() ([]string, []string) {
	var labels, codes []string
	for _, a := range model.SortedAreas(u.doc.Areas) {
		labels = append(labels, a.Code+" · "+a.Title.In(u.lang))
		codes = append(codes, a.Code)
	}
	return labels, codes
}

// onNewMeasure opens the form of a new measure in area.
func (u *UI) onNewMeasure(area string) {
	if why := u.denial(model.EntityMeasure, model.OpCreate, nil); why != "" {
		u.inform(tr("measure.new_measure"), why)
		return
	}
	labels, codes := u.areaOptions()
	units, unitCodes := unitChoices(u.doc, u.lang)
	mf := &measureForm{code: widget.NewEntry(), titleBG: widget.NewEntry(), titleEN: widget.NewEntry(),
		area: widget.NewSelect(labels, nil), lead: widget.NewSelect(units, nil), leadCodes: unitCodes, start: u.dateEntry(), end: u.dateEntry(), fields: map[string]*field{}}
	mf.area.PlaceHolder, mf.lead.PlaceHolder = tr("measure.choose"), tr("measure.choose")
	mf.code.SetText(nextMeasureCode(u.doc, area))
	for i, c := range codes {
		if c == area {
			mf.area.SetSelectedIndex(i)
		}
	}
	mf.area.OnChanged = func(string) {
		if i := mf.area.SelectedIndex(); i >= 0 {
			mf.code.SetText(nextMeasureCode(u.doc, codes[i]))
		}
	}
	if u.me != nil {
		setChoices(mf.lead, units, unitCodes, u.me.Unit)
	}
	mf.start.SetText(u.today.Format(u.lang))
	if u.doc.Strategy.PeriodEnd != 0 {
		mf.end.SetText(u.doc.Strategy.PeriodEnd.Format(u.lang))
	}
	add := func(name, label string, in fyne.CanvasObject) *field {
		f := newField(label, in)
		mf.fields[name] = f
		return f
	}
	grid := formGrid(add("code", tr("col.code"), mf.code), add("area", tr("col.area"), mf.area),
		add("title", tr("measure.title_bg"), mf.titleBG), add("titleEN", tr("measure.title_en"), mf.titleEN),
		add("leadUnit", tr("col.unit"), mf.lead), add("start", tr("period.field.start"), mf.start), add("end", tr("col.end"), mf.end))
	mf.f = u.newFormDialog(tr("measure.new_measure"), container.NewVBox(
		hint(tr("measure.other_fields_milestones_kpis_are")), grid), func() {
		for _, f := range mf.fields {
			f.setError("")
		}
		mf.f.setError("")
		m := model.Measure{Code: strings.TrimSpace(mf.code.Text), Title: model.T(strings.TrimSpace(mf.titleBG.Text), strings.TrimSpace(mf.titleEN.Text)),
			Weight: 1, Goals: []string{}, Partners: []string{}, Funding: []model.Funding{}}
		m.LeadUnit, _ = chosen(mf.lead, mf.leadCodes)
		if i := mf.area.SelectedIndex(); i >= 0 {
			m.Area = codes[i]
		}
		var msg string
		bad := false
		if m.Start, msg = parseRequiredDate(mf.start.Text); msg != "" {
			mf.fields["start"].setError(msg)
			bad = true
		}
		if m.End, msg = parseRequiredDate(mf.end.Text); msg != "" {
			mf.fields["end"].setError(msg)
			bad = true
		}
		if m.Area == "" {
			mf.fields["area"].setError(tr("invalid.required"))
			bad = true
		}
		if m.LeadUnit == "" {
			mf.fields["leadUnit"].setError(tr("invalid.required"))
			bad = true
		}
		if u.codeTaken(model.EntityMeasure, 0, m.Code) {
			mf.fields["code"].setError(fmt.Sprintf(tr("measure.code_already_used"), m.Code))
			bad = true
		}
		if bad {
			return
		}
		if err := m.Validate(); err != nil {
			if !fieldSet(mf.fields).showModelError(err) {
				mf.f.setError(errorMessage(err))
			}
			return
		}
		mf.f.save.Disable()
		var id model.ID
		u.save(tr("measure.new_measure2")+m.Code, func(tx model.Tx) error {
			x := m
			err := tx.SaveMeasure(&x)
			id = x.ID
			return err
		}, mf.thenOpen(u, &id))
	})
	mf.f.save.SetText(tr("action.create"))
	mf.f.dlg.Show()
	u.observe(mf)
}

// measureActionsBar is the row of buttons of whole-measure actions on the
// measure's detail.
func (d *detailScreen) measureActionsBar() fyne.CanvasObject {
	u := d.u
	dup := widget.NewButtonWithIcon(tr("measure.duplicate"), theme.ContentCopyIcon(), func() { u.onDuplicateMeasure(d.measureID) })
	move := widget.NewButtonWithIcon(tr("measure.move_another_area"), theme.MailForwardIcon(), func() { u.onMoveMeasure(d.measureID) })
	del := widget.NewButtonWithIcon(tr("measure.delete_measure"), theme.DeleteIcon(), func() { u.onDeleteMeasure(d.measureID) })
	newIn := widget.NewButtonWithIcon(tr("measure.new_measure_area"), theme.ContentAddIcon(), func() {
		if m := d.measure(); m != nil {
			u.onNewMeasure(m.Area)
		}
	})
	d.actions = container.NewHBox(newIn, dup, move, del)
	return d.actions
}

// refreshMeasureActions enables the actions the user may take.
func (d *detailScreen) refreshMeasureActions() {
	bar := d.actions
	if bar == nil {
		return
	}
	ok := d.u.denial(model.EntityMeasure, model.OpCreate, nil) == ""
	for _, o := range bar.Objects {
		if b, ok2 := o.(*widget.Button); ok2 {
			enable(b, ok)
		}
	}
	if ok {
		bar.Show()
	} else {
		bar.Hide()
	}
}

// onDuplicateMeasure copies a measure under a new code, with or without
// its milestones (not their completion) and KPIs (not their values).
func (u *UI) onDuplicateMeasure(id model.ID) {
	src := u.doc.Measure(id)
	if src == nil {
		return
	}
	mf := &measureForm{code: widget.NewEntry(), titleBG: widget.NewEntry(), titleEN: widget.NewEntry(), fields: map[string]*field{},
		children: widget.NewCheck(tr("measure.milestones_kpis_without_completions_values"), nil)}
	mf.code.SetText(nextMeasureCode(u.doc, src.Area))
	mf.titleBG.SetText(src.Title.BG)
	mf.titleEN.SetText(src.Title.EN)
	mf.children.SetChecked(true)
	codeF := newField(tr("measure.code_copy"), mf.code)
	mf.fields["code"] = codeF
	mf.fields["title"] = newField(tr("measure.title_bg"), mf.titleBG)
	body := container.NewVBox(formGrid(codeF, mf.fields["title"], newField(tr("measure.title_en"), mf.titleEN)), mf.children)
	if mf.shift = u.offerShift(src); mf.shift != nil { // measureactions_shift.go
		body.Add(mf.shift.check)
	}
	mf.f = u.newFormDialog(fmt.Sprintf(tr("measure.duplicate_measure"), src.Code), body, func() {
		code := strings.TrimSpace(mf.code.Text)
		codeF.setError("")
		if code == "" || u.codeTaken(model.EntityMeasure, 0, code) {
			codeF.setError(fmt.Sprintf(tr("measure.code_q_empty_or_already"), code))
			return
		}
		m := *src
		m.ID, m.Version, m.Code = 0, 0, code
		m.Title = model.T(strings.TrimSpace(mf.titleBG.Text), strings.TrimSpace(mf.titleEN.Text))
		m.ManualProgress, m.SpentCents, m.Cancelled, m.Override = 0, 0, false, nil
		m.Milestones, m.KPIs, m.Updates = nil, nil, nil
		mf.shift.apply(&m.Start, &m.End)
		with := mf.children.Checked
		mf.f.save.Disable()
		var newID model.ID
		u.save(tr("measure.duplicate2")+src.Code, func(tx model.Tx) error {
			x := m
			if err := tx.SaveMeasure(&x); err != nil {
				return err
			}
			newID = x.ID
			if !with {
				return nil
			}
			for _, ms := range src.Milestones {
				c := ms
				c.ID, c.Version, c.MeasureID, c.Completed, c.Cancelled, c.Note, c.NoteEn, c.Evidence = 0, 0, x.ID, 0, false, "", "", ""
				mf.shift.apply(&c.Due)
				if err := tx.SaveMilestone(&c); err != nil {
					return err
				}
			}
			for _, k := range src.KPIs {
				c := k
				c.ID, c.Version, c.MeasureID, c.Values = 0, 0, x.ID, nil
				if err := tx.SaveKPI(&c); err != nil {
					return err
				}
			}
			return nil
		}, mf.thenOpen(u, &newID))
	})
	mf.f.save.SetText(tr("measure.duplicate"))
	mf.f.dlg.Show()
	u.observe(mf)
}

// onMoveMeasure moves a measure to another area, proposing a code there.
func (u *UI) onMoveMeasure(id model.ID) {
	src := u.doc.Measure(id)
	if src == nil {
		return
	}
	labels, codes := u.areaOptions()
	mf := &measureForm{code: widget.NewEntry(), area: widget.NewSelect(labels, nil), fields: map[string]*field{}}
	mf.code.SetText(src.Code)
	for i, c := range codes {
		if c == src.Area {
			mf.area.SetSelectedIndex(i)
		}
	}
	mf.area.OnChanged = func(string) {
		if i := mf.area.SelectedIndex(); i >= 0 && codes[i] != src.Area {
			mf.code.SetText(nextMeasureCode(u.doc, codes[i]))
		} else {
			mf.code.SetText(src.Code)
		}
	}
	areaF, codeF := newField(tr("measure.new_area"), mf.area), newField(tr("measure.new_code"), mf.code)
	mf.fields["area"], mf.fields["code"] = areaF, codeF
	mf.f = u.newFormDialog(fmt.Sprintf(tr("measure.move_measure"), src.Code), formGrid(areaF, codeF), func() {
		m := *src
		i := mf.area.SelectedIndex()
		code := strings.TrimSpace(mf.code.Text)
		codeF.setError("")
		if i < 0 || code == "" || u.codeTaken(model.EntityMeasure, src.ID, code) {
			codeF.setError(fmt.Sprintf(tr("measure.code_q_empty_or_already"), code))
			return
		}
		m.Area, m.Code = codes[i], code
		mf.f.save.Disable()
		u.save(fmt.Sprintf(tr("measure.move"), src.Code), func(tx model.Tx) error { return tx.SaveMeasure(&m) }, func(err error) {
			mf.f.save.Enable()
			if err != nil {
				mf.f.setError(errorMessage(err))
				return
			}
			mf.f.dlg.Hide()
		})
	})
	mf.f.save.SetText(tr("measure.move2"))
	mf.f.dlg.Show()
	u.observe(mf)
}

// onDeleteMeasure deletes a measure with its milestones, KPIs and their
// values and its updates, after a confirmation that counts them.
func (u *UI) onDeleteMeasure(id model.ID) {
	m := u.doc.Measure(id)
	if m == nil {
		return
	}
	values := 0
	for _, k := range m.KPIs {
		values += len(k.Values)
	}
	msg := fmt.Sprintf(tr("measure.delete_measure_together_milestones_d"),
		m.Code, m.Title.In(u.lang), len(m.Milestones), len(m.KPIs), values, len(m.Updates))
	c := dialog.NewConfirm(tr("measure.delete_measure2"), msg, func(ok bool) {
		if !ok {
			return
		}
		u.save(tr("measure.delete")+m.Code, func(tx model.Tx) error { return deleteMeasure(tx, id) }, func(err error) {
			if err != nil {
				u.showError(tr("measure.measure_was_not_deleted"), err)
				return
			}
			u.showScreen(screenMeasures)
		})
	}, u.win)
	c.SetConfirmText(tr("measure.delete2"))
	c.Show()
	u.observe(deleteConfirm{c})
}

// deleteMeasure deletes the measure's children one by one, then the
// measure, so that every row is a step undo can bring back.
func deleteMeasure(tx model.Tx, id model.ID) error {
	m := tx.Doc().Measure(id)
	if m == nil {
		return model.Errorf(model.ENOTFOUND, "%s", tr("error.code.not_found"))
	}
	// Copies: a store may delete from the lists it holds in place.
	src := *m
	src.Updates, src.Milestones, src.KPIs = slices.Clone(m.Updates), slices.Clone(m.Milestones), slices.Clone(m.KPIs)
	for i := range src.KPIs {
		src.KPIs[i].Values = slices.Clone(src.KPIs[i].Values)
	}
	for _, up := range src.Updates {
		if err := tx.Delete(model.EntityUpdate, up.ID, up.Version); err != nil {
			return err
		}
	}
	for _, k := range src.KPIs {
		for _, v := range k.Values {
			if err := tx.Delete(model.EntityKPIValue, v.ID, v.Version); err != nil {
				return err
			}
		}
		if err := tx.Delete(model.EntityKPI, k.ID, k.Version); err != nil {
			return err
		}
	}
	for _, ms := range src.Milestones {
		if err := tx.Delete(model.EntityMilestone, ms.ID, ms.Version); err != nil {
			return err
		}
	}
	cur := tx.Doc().Measure(id)
	return tx.Delete(model.EntityMeasure, id, cur.Version)
}
