package app

import (
	"cmp"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"strategytracker/model"
)

// kpisTab shows a measure's indicators: baseline, target, the latest value
// and its attainment, and every measured value; values can be added and
// edited, indicators added and edited (by the office).
type kpisTab struct {
	listTab

	addValue  map[model.ID]*widget.Button // by KPI id
	editKPI   map[model.ID]*widget.Button // by KPI id
	editValue map[model.ID]*widget.Button // by value id
}

func newKPIsTab(d *detailScreen) *kpisTab {
	t := &kpisTab{}
	t.listTab = newListTab(d, tr("kpi.add"), func() { t.openKPIForm(nil) })
	return t
}

func (t *kpisTab) refresh() {
	var l locks
	m := t.begin(model.EntityKPI, func(m *model.Measure) int { return len(m.KPIs) }, "kpi.none", &l)
	if m == nil {
		return
	}
	u, lang := t.d.u, t.d.u.lang
	t.addValue = map[model.ID]*widget.Button{}
	t.editKPI = map[model.ID]*widget.Button{}
	t.editValue = map[model.ID]*widget.Button{}
	for i := range m.KPIs {
		k := &m.KPIs[i]
		kid := k.ID
		name := widget.NewLabelWithStyle(markInternal(k.Name.In(lang), k.Internal, tr("visibility.internal.kpi")), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		name.Wrapping = fyne.TextWrapWord
		unit := k.Unit.In(lang)
		info := widget.NewLabel(trf("kpi.line", tr("kpi.kind."+string(k.Kind)), model.FormatKPIValue(k.BaselineValue, unit, lang),
			k.BaselineDate.Format(lang), model.FormatKPIValue(k.TargetValue, unit, lang), k.TargetDate.Format(lang)))
		info.Wrapping = fyne.TextWrapWord
		bar := newProgressCell()
		bar.thick = true
		bar.Set(0, "—")
		latest := hint(tr("kpi.novalue"))
		if v, ok := k.LatestValue(u.today); ok {
			a, _ := k.Attainment(u.today)
			bar.Set(a, FormatPercent(a, lang))
			latest = widget.NewLabel(trf("kpi.latest", model.FormatKPIValue(v.Value, unit, lang), v.Date.Format(lang)))
		}
		addV := widget.NewButtonWithIcon(tr("kpi.addvalue"), theme.ContentAddIcon(), func() { t.openValueForm(kid, nil) })
		l.action(u.denial(model.EntityKPIValue, model.OpCreate, m), addV)
		editK := widget.NewButtonWithIcon(tr("kpi.edit"), theme.DocumentCreateIcon(), func() { t.openKPIForm(t.kpi(kid)) })
		l.action(u.denial(model.EntityKPI, model.OpUpdate, m, "name"), editK)
		t.addValue[kid], t.editKPI[kid] = addV, editK

		values := container.NewVBox()
		vals := slices.Clone(k.Values)
		slices.SortStableFunc(vals, func(a, b model.KPIValue) int { return cmp.Compare(b.Date, a.Date) })
		for _, v := range vals {
			vid := v.ID
			text := v.Date.Format(lang) + " — " + model.FormatKPIValue(v.Value, unit, lang)
			if v.Note != "" {
				text += " · " + v.Note
			}
			if v.Source != "" {
				text += " · " + tr("field.source") + ": " + v.Source
			}
			lbl := widget.NewLabel(text)
			lbl.Wrapping = fyne.TextWrapWord
			ev := widget.NewButtonWithIcon("", theme.DocumentCreateIcon(), func() { t.openValueForm(kid, t.value(vid)) })
			ev.Importance = widget.LowImportance
			l.action(u.denial(model.EntityKPIValue, model.OpUpdate, m, "value"), ev)
			t.editValue[vid] = ev
			values.Add(container.NewBorder(nil, nil, nil, container.NewHBox(ev, t.d.deleteButton(model.EntityKPIValue, vid, m)), lbl))
		}
		head := container.NewBorder(nil, nil, nil, container.NewHBox(addV, editK, t.d.deleteButton(model.EntityKPI, kid, m)), name)
		t.box.Add(widget.NewCard("", "", container.NewVBox(head, info,
			container.NewBorder(nil, nil, widget.NewLabel(tr("kpi.attainment")), nil, bar), latest,
			widget.NewSeparator(), values)))
	}
	l.bannerBelow(t.banner, t.d.banner)
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
	fields fieldSet
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
	vf := &valueForm{fields: fieldSet{}, date: t.d.u.dateEntry(), value: widget.NewEntry(), note: widget.NewEntry(), source: widget.NewEntry()}
	vf.date.SetText(row.Date.Format(lang))
	if base != nil {
		vf.value.SetText(inputNumber(row.Value))
	}
	vf.note.SetText(row.Note)
	vf.source.SetText(row.Source)
	add := vf.fields.add
	body := container.NewVBox(widget.NewLabel(k.Name.In(lang)), formGrid(
		add("date", tr("field.date"), vf.date),
		add("value", tr("field.value")+" ("+k.Unit.In(lang)+")", vf.value),
		add("note", tr("field.note"), vf.note),
		add("source", tr("field.source"), vf.source)))
	title := tr("kpi.value.add")
	if base != nil {
		title = tr("kpi.value.edit")
	}
	vf.f = u.newFormDialog(title, body, func() {
		r := *row
		errs := formErrs{}
		if r.Date = errs.date("date", vf.date.Text); r.Date != 0 && r.Date < k.BaselineDate {
			errs.set("date", trf("invalid.beforebaseline", k.BaselineDate.Format(lang)))
		}
		r.Value = errs.number("value", vf.value.Text)
		r.Note, r.Source = vf.note.Text, vf.source.Text
		u.submit(vf.f, vf.fields, errs, t.d.code()+": "+tr("undo.value"), base, &r)
	})
	vf.f.dlg.Show()
	u.observe(vf)
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
	fields     fieldSet
}

func (t *kpisTab) openKPIForm(base *model.KPI) {
	u := t.d.u
	lang := u.lang
	row := &model.KPI{MeasureID: t.d.measureID, Kind: model.KPIOutput, BaselineDate: u.today}
	if base != nil {
		row = base
	}
	kf := &kpiForm{fields: fieldSet{}, nameBG: widget.NewEntry(), nameEN: widget.NewEntry(), unitBG: widget.NewEntry(),
		unitEN: widget.NewEntry(), baseValue: widget.NewEntry(), baseDate: t.d.u.dateEntry(), targetVal: widget.NewEntry(), targetDate: t.d.u.dateEntry()}
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
	kf.baseValue.SetText(inputNumber(row.BaselineValue))
	kf.baseDate.SetText(row.BaselineDate.Format(lang))
	kf.targetVal.SetText(inputNumber(row.TargetValue))
	kf.targetDate.SetText(row.TargetDate.Format(lang))
	add := kf.fields.add
	body := formGrid(
		add("name", tr("field.name")+tr("suffix.bg"), kf.nameBG),
		add("name_en", tr("field.name")+" (EN)", kf.nameEN),
		add("unit", tr("field.unitOfMeasure")+tr("suffix.bg"), kf.unitBG),
		add("unit_en", tr("field.unitOfMeasure")+" (EN)", kf.unitEN),
		add("kind", tr("field.kind"), kf.kind),
		add("baselineValue", tr("field.baselineValue"), kf.baseValue),
		add("baselineDate", tr("field.baselineDate"), kf.baseDate),
		add("targetValue", tr("field.targetValue"), kf.targetVal),
		add("targetDate", tr("field.targetDate"), kf.targetDate))
	title := tr("kpi.add")
	if base != nil {
		title = tr("kpi.edit")
	}
	kf.f = u.newFormDialog(title, body, func() {
		r := *row
		errs := formErrs{}
		r.Name = model.T(kf.nameBG.Text, kf.nameEN.Text)
		r.Unit = model.T(kf.unitBG.Text, kf.unitEN.Text)
		if i := kf.kind.SelectedIndex(); i >= 0 {
			r.Kind = model.KPIKinds[i]
		}
		r.BaselineValue = errs.number("baselineValue", kf.baseValue.Text)
		r.TargetValue = errs.number("targetValue", kf.targetVal.Text)
		r.BaselineDate = errs.date("baselineDate", kf.baseDate.Text)
		r.TargetDate = errs.optionalDate("targetDate", kf.targetDate.Text)
		if r.Name.IsEmpty() {
			errs.set("name", tr("invalid.title"))
		}
		if r.TargetValue == r.BaselineValue {
			errs.set("targetValue", tr("invalid.target"))
		}
		u.submit(kf.f, kf.fields, errs, t.d.code()+": "+tr("undo.kpi"), base, &r)
	})
	kf.f.dlg.Show()
	u.observe(kf)
}
