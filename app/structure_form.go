package app

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// The form of a goal, area, unit or person, built from its inputs.

// structForm is the add/edit dialog of one row: its inputs by field name
// (the JSON name the model's messages use), so that each message shows
// beside its field.
type structForm struct {
	f       *formDialog
	entries map[string]*widget.Entry
	selects map[string]*widget.Select
	fields  map[string]*field
}

type formInput struct {
	name, label string
	value       string
	options     []string // a Select when set
	multiline   bool
	date        bool // a date, with its calendar (dateEntry)
}

func (s *structureScreen) newStructForm(title string, inputs []formInput, onSave func(sf *structForm)) *structForm {
	sf := &structForm{entries: map[string]*widget.Entry{}, selects: map[string]*widget.Select{}, fields: map[string]*field{}}
	var fields []*field
	for _, in := range inputs {
		var obj fyne.CanvasObject
		if in.options != nil {
			sel := widget.NewSelect(in.options, nil)
			sel.PlaceHolder = tr("measure.choose")
			sel.SetSelected(in.value)
			sf.selects[in.name] = sel
			obj = sel
		} else {
			e := widget.NewEntry()
			if in.date {
				e = s.u.dateEntry()
			}
			if in.multiline {
				e = widget.NewMultiLineEntry()
				e.Wrapping = fyne.TextWrapWord
			}
			e.SetText(in.value)
			sf.entries[in.name] = e
			obj = e
		}
		f := newField(in.label, obj)
		if _, dup := sf.fields[in.name]; !dup {
			sf.fields[in.name] = f
		}
		fields = append(fields, f)
	}
	sf.f = s.u.newFormDialog(title, formGrid(fields...), func() { onSave(sf) })
	s.ed.lastForm = sf
	return sf
}

func (sf *structForm) text(name string) string { return strings.TrimSpace(sf.entries[name].Text) }
func (sf *structForm) raw(name string) string  { return sf.entries[name].Text }

func (sf *structForm) clearErrors() {
	sf.f.setError("")
	for _, f := range sf.fields {
		f.setError("")
	}
}

// fail shows msg beside field (or under the form when there is none).
func (sf *structForm) fail(name, msg string) {
	if f, ok := sf.fields[name]; ok {
		f.setError(msg)
		return
	}
	sf.f.setError(msg)
}
