package app

import (
	"fmt"

	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"strategytracker/model"
)

// Deleting a milestone, a KPI (with its values) or a KPI value from the
// measure's detail, after a confirmation; one step of undo each.

// childDeletes are the delete buttons of the detail's rows by entity and
// id (tests).
var childDeletes = map[model.Entity]map[model.ID]*widget.Button{}

// lastChildDelete is the latest confirmation (tests).
var lastChildDelete *dialog.ConfirmDialog

// deleteButton is the delete button of a milestone, KPI or KPI value row.
func (d *detailScreen) deleteButton(entity model.Entity, id model.ID, m *model.Measure) *widget.Button {
	u := d.u
	b := widget.NewButtonWithIcon("", theme.DeleteIcon(), func() { u.onDeleteChild(entity, id) })
	b.Importance = widget.LowImportance
	enable(b, u.denial(entity, model.OpDelete, m) == "")
	if childDeletes[entity] == nil {
		childDeletes[entity] = map[model.ID]*widget.Button{}
	}
	childDeletes[entity][id] = b
	return b
}

func (u *UI) onDeleteChild(entity model.Entity, id model.ID) {
	d := u.doc
	var what string
	switch entity {
	case model.EntityMilestone:
		ms, m := d.MilestoneByID(id)
		if ms == nil {
			return
		}
		what = fmt.Sprintf(u.say("етап „%s“ на мярка %s", "milestone “%s” of measure %s"), ms.Title.In(u.lang), m.Code)
	case model.EntityKPI:
		k, m := d.KPIByID(id)
		if k == nil {
			return
		}
		what = fmt.Sprintf(u.say("индикатор „%s“ на мярка %s заедно със стойностите му (%d)", "KPI “%s” of measure %s with its values (%d)"), k.Name.In(u.lang), m.Code, len(k.Values))
	case model.EntityKPIValue:
		what = u.say("измерената стойност", "the measured value")
	}
	c := dialog.NewConfirm(u.say("Изтриване", "Delete"), fmt.Sprintf(u.say("Да се изтрие ли %s? Можете да го върнете с „Отмени“.", "Delete %s? You can bring it back with Undo."), what), func(ok bool) {
		if !ok {
			return
		}
		u.save(u.say("Изтриване: ", "Delete: ")+what, func(tx model.Tx) error {
			if entity == model.EntityKPI {
				// The values first, each a row undo can bring back.
				k, _ := tx.Doc().KPIByID(id)
				if k == nil {
					return model.Errorf(model.ENOTFOUND, "KPI %d does not exist", id)
				}
				values := append([]model.KPIValue(nil), k.Values...)
				for _, v := range values {
					if err := tx.Delete(model.EntityKPIValue, v.ID, v.Version); err != nil {
						return err
					}
				}
			}
			row := findRow(tx.Doc(), entity, id)
			if row == nil {
				return model.Errorf(model.ENOTFOUND, "%s %d does not exist", entity, id)
			}
			return tx.Delete(entity, id, rowVersion(row))
		}, func(err error) {
			if err != nil {
				u.showError(u.say("Не е изтрито", "Not deleted"), err)
			}
		})
	}, u.win)
	c.SetConfirmText(u.say("Изтрий", "Delete"))
	c.Show()
	lastChildDelete = c
}
