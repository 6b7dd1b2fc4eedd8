package app

import (
	"slices"

	"fyne.io/fyne/v2/widget"

	"strategytracker/model"
)

// The drop-downs that choose a unit or a person show them as people name
// them — a unit as "DMO · Дирекция …" with its name in the screen's
// language, a person by name — never a bare code or id, and map the choice
// back to the row's key by position. Every unit and person chooser of the
// screens takes its options here.

// unitLabel is a unit as a chooser shows it: its code and its name.
func unitLabel(un model.Unit, lang model.Lang) string { return un.Code + " · " + un.Name.In(lang) }

// unitChoices are the file's units as choosers show them, in the file's
// order, and their codes in the same order.
func unitChoices(d *model.Doc, lang model.Lang) (labels, codes []string) {
	for _, un := range d.Units {
		labels = append(labels, unitLabel(un, lang))
		codes = append(codes, un.Code)
	}
	return labels, codes
}

// personChoices are "nobody" and the file's people by name, and their ids
// in the same order (0 for nobody).
func personChoices(d *model.Doc, lang model.Lang) (labels []string, ids []model.ID) {
	labels, ids = []string{tr("value.nobody")}, []model.ID{0}
	for _, p := range d.People {
		labels = append(labels, p.Name.In(lang))
		ids = append(ids, p.ID)
	}
	return labels, ids
}

// setChoices gives sel the options labels and selects the one of key in
// keys (the same order); none is selected when key is not among them.
func setChoices[K comparable](sel *widget.Select, labels []string, keys []K, key K) {
	sel.SetOptions(labels)
	if i := slices.Index(keys, key); i >= 0 {
		sel.SetSelectedIndex(i)
	} else {
		sel.ClearSelected()
	}
}

// chosen is the key of sel's choice among keys, ok false when none is chosen.
func chosen[K any](sel *widget.Select, keys []K) (key K, ok bool) {
	if i := sel.SelectedIndex(); i >= 0 && i < len(keys) {
		return keys[i], true
	}
	return key, false
}
