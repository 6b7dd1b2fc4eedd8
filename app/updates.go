package app

import (
	"cmp"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"strategytracker/model"
)

// updatesTab is the measure's narrative: dated progress updates, newest
// first, and a form to add one.
type updatesTab struct {
	listTab
}

func newUpdatesTab(d *detailScreen) *updatesTab {
	t := &updatesTab{}
	t.listTab = newListTab(d, tr("update.add"), t.onAdd)
	return t
}

func (t *updatesTab) refresh() {
	var l locks
	m := t.begin(model.EntityUpdate, func(m *model.Measure) int { return len(m.Updates) }, "update.none", &l)
	if m == nil {
		return
	}
	u := t.d.u
	l.bannerBelow(t.banner, t.d.banner)
	ups := slices.Clone(m.Updates)
	slices.SortStableFunc(ups, func(a, b model.Update) int { return cmp.Compare(b.Date, a.Date) })
	for _, up := range ups {
		head := widget.NewLabelWithStyle(markInternal(up.Date.Format(u.lang)+" · "+u.personName(up.Author), up.Internal, tr("visibility.internal")), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
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
	fields fieldSet
}

func (t *updatesTab) onAdd() {
	u := t.d.u
	uf := &updateForm{fields: fieldSet{}, date: t.d.u.dateEntry(), textBG: widget.NewMultiLineEntry(), textEN: widget.NewMultiLineEntry()}
	uf.date.SetText(u.today.Format(u.lang))
	for _, e := range []*widget.Entry{uf.textBG, uf.textEN} {
		e.Wrapping = fyne.TextWrapWord
		e.SetMinRowsVisible(4)
	}
	add := uf.fields.add
	body := formGrid(
		add("date", tr("field.date"), uf.date),
		add("text", tr("field.text")+tr("suffix.bg"), uf.textBG),
		add("text_en", tr("field.text")+" (EN)", uf.textEN))
	uf.f = u.newFormDialog(tr("update.add"), body, func() {
		r := model.Update{MeasureID: t.d.measureID}
		if u.me != nil {
			r.Author = model.Ref(u.me.ID)
		}
		errs := formErrs{}
		r.Date = errs.date("date", uf.date.Text)
		if r.Text = model.T(uf.textBG.Text, uf.textEN.Text); r.Text.IsEmpty() {
			errs.set("text", tr("invalid.text"))
		}
		u.submit(uf.f, uf.fields, errs, t.d.code()+": "+tr("undo.update"), nil, &r)
	})
	uf.f.dlg.Show()
	u.observe(uf)
}
