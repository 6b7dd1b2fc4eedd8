package app

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"strategytracker/model"
)

// Visibility: the office marks a measure, a KPI, an update or a
// milestone's note internal (never published), and a person public. The
// measure's detail shows what of it is internal and a Publication button
// opening the form of its flags; the changes are one step of undo.

// visibilityBar is the line of the measure's header about publication.
type visibilityBar struct {
	d    *detailScreen
	root *fyne.Container
	mark *widget.Label // "вътрешна" and what of the measure is internal
	btn  *widget.Button
}

// visibilityBar makes the bar; refreshVisibility fills it.
func (d *detailScreen) visibilityBar() fyne.CanvasObject {
	b := &visibilityBar{d: d, mark: widget.NewLabel("")}
	b.mark.Importance = widget.WarningImportance
	b.mark.Wrapping = fyne.TextWrapWord
	b.btn = widget.NewButtonWithIcon(tr("visibility.action")+"…", theme.VisibilityIcon(), d.onVisibility)
	b.root = container.NewBorder(nil, nil, nil, b.btn, b.mark)
	d.vis = b
	return b.root
}

// internalMark is the small mark of what is not published.
func internalMark() string { return tr("visibility.internal") }

// markInternal adds mark (the word's gender follows the noun in
// Bulgarian) to text when internal — or, for people, public.
func markInternal(text string, internal bool, mark string) string {
	if !internal {
		return text
	}
	return text + " · " + mark
}

// internalParts lists what of m is internal, in the user's language.
func internalParts(m *model.Measure, lang model.Lang) []string {
	var parts []string
	quote := func(s string) string { return model.Quote(s, lang) }
	for _, k := range m.KPIs {
		if k.Internal {
			parts = append(parts, tr("entity.kpi")+" "+quote(k.Name.In(lang)))
		}
	}
	for _, x := range m.Updates {
		if x.Internal {
			parts = append(parts, tr("entity.update")+" "+x.Date.Format(lang))
		}
	}
	for _, ms := range m.Milestones {
		if ms.NoteInternal && ms.Note != "" {
			parts = append(parts, lower(tr("field.note"))+" "+quote(ms.Title.In(lang)))
		}
	}
	return parts
}

// refreshVisibility shows what of the measure is internal, to everyone,
// and the Publication button to the office.
func (d *detailScreen) refreshVisibility() {
	b := d.vis
	m := d.measure()
	if b == nil || m == nil {
		return
	}
	var lines []string
	if m.Internal {
		d.title.SetText(d.title.Text + " · " + internalMark())
		lines = append(lines, "● "+tr("visibility.measure"))
	}
	if parts := internalParts(m, d.u.lang); len(parts) > 0 {
		lines = append(lines, "● "+trf("visibility.summary", strings.Join(parts, "; ")))
	}
	b.mark.SetText(strings.Join(lines, "\n"))
	if len(lines) == 0 {
		b.mark.Hide()
	} else {
		b.mark.Show()
	}
	if d.u.visibilityDenial() == "" {
		b.btn.Show()
	} else {
		b.btn.Hide()
	}
	if len(lines) == 0 && !b.btn.Visible() {
		b.root.Hide()
	} else {
		b.root.Show()
	}
}

// visibilityDenial returns "" when the user may change what is published.
func (u *UI) visibilityDenial() string {
	if u.store.ReadOnly() {
		return tr("lock.readonly")
	}
	return u.officeOnly(tr("visibility.officeonly"))
}

// visibilityForm is the Publication form of one measure.
type visibilityForm struct {
	f       *formDialog
	measure *widget.Check
	kpis    map[model.ID]*widget.Check
	updates map[model.ID]*widget.Check
	notes   map[model.ID]*widget.Check // by milestone
}

func (d *detailScreen) onVisibility() {
	u := d.u
	m := d.measure()
	if m == nil || u.visibilityDenial() != "" {
		return
	}
	lang := u.lang
	v := &visibilityForm{kpis: map[model.ID]*widget.Check{}, updates: map[model.ID]*widget.Check{}, notes: map[model.ID]*widget.Check{}}
	v.measure = widget.NewCheck(tr("visibility.measure"), nil)
	v.measure.SetChecked(m.Internal)
	group := func(title string, checks []fyne.CanvasObject) fyne.CanvasObject {
		if len(checks) == 0 {
			checks = []fyne.CanvasObject{hint(tr("visibility.none"))}
		}
		return container.NewVBox(append([]fyne.CanvasObject{heading(title)}, checks...)...)
	}
	var ks, us, ns []fyne.CanvasObject
	for _, k := range m.KPIs {
		c := widget.NewCheck(k.Name.In(lang), nil)
		c.SetChecked(k.Internal)
		v.kpis[k.ID] = c
		ks = append(ks, c)
	}
	for _, x := range m.Updates {
		c := widget.NewCheck(x.Date.Format(lang)+" — "+clip(x.Text.In(lang), 80), nil)
		c.SetChecked(x.Internal)
		v.updates[x.ID] = c
		us = append(us, c)
	}
	for _, ms := range m.Milestones {
		if ms.Note == "" && !ms.NoteInternal {
			continue // nothing to hide
		}
		c := widget.NewCheck(ms.Title.In(lang)+": "+clip(ms.Note, 80), nil)
		c.SetChecked(ms.NoteInternal)
		v.notes[ms.ID] = c
		ns = append(ns, c)
	}
	body := container.NewVBox(hint(tr("visibility.intro")), v.measure,
		group(tr("visibility.kpis"), ks), group(tr("visibility.updates"), us), group(tr("visibility.notes"), ns))
	v.f = u.newFormDialog(tr("visibility.action")+": "+m.Code, body, func() { d.onVisibilitySave(v) })
	v.f.dlg.Show()
	u.observe(v)
}

// clip cuts s to n characters, with an ellipsis.
func clip(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}

// visibilityChanges are the rows of m whose flags v changes, as copies.
func (v *visibilityForm) changes(m *model.Measure) []any {
	var rows []any
	if v.measure.Checked != m.Internal {
		c := m.OwnFields()
		c.Internal = v.measure.Checked
		rows = append(rows, c)
	}
	for _, k := range m.KPIs {
		if c := v.kpis[k.ID]; c != nil && c.Checked != k.Internal {
			row := k
			row.Internal = c.Checked
			rows = append(rows, &row)
		}
	}
	for _, x := range m.Updates {
		if c := v.updates[x.ID]; c != nil && c.Checked != x.Internal {
			row := x
			row.Internal = c.Checked
			rows = append(rows, &row)
		}
	}
	for _, ms := range m.Milestones {
		if c := v.notes[ms.ID]; c != nil && c.Checked != ms.NoteInternal {
			row := ms
			row.NoteInternal = c.Checked
			rows = append(rows, &row)
		}
	}
	return rows
}

func (d *detailScreen) onVisibilitySave(v *visibilityForm) {
	u := d.u
	m := d.measure()
	if m == nil {
		return
	}
	rows := v.changes(m)
	if len(rows) == 0 {
		v.f.dlg.Hide()
		return
	}
	v.f.save.Disable()
	u.save(trf("visibility.undo", m.Code), func(tx model.Tx) error {
		for _, r := range rows {
			if err := saveRow(tx, r); err != nil {
				return err
			}
		}
		return nil
	}, func(err error) {
		v.f.save.Enable()
		if err != nil {
			v.f.setError(errorMessage(err))
			return
		}
		v.f.dlg.Hide()
	})
}

// Person › Public name (structure_edit.go's person form): a choice of two.
func personPublicChoices() []string {
	return []string{tr("visibility.person.no"), tr("visibility.person.yes")}
}

func personPublicChoice(public bool) string {
	if public {
		return personPublicChoices()[1]
	}
	return personPublicChoices()[0]
}
