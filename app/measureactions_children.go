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

// deleteConfirm is the confirmation a delete asks for (tests).
type deleteConfirm struct{ *dialog.ConfirmDialog }

// deleteButton is the delete button of a milestone, KPI or KPI value row.
func (d *detailScreen) deleteButton(entity model.Entity, id model.ID, m *model.Measure) *widget.Button {
	u := d.u
	b := widget.NewButtonWithIcon("", theme.DeleteIcon(), func() { u.onDeleteChild(entity, id) })
	b.Importance = widget.LowImportance
	permit(b, u.denial(entity, model.OpDelete, m) == "", true)
	if d.deletes == nil {
		d.deletes = map[model.Entity]map[model.ID]*widget.Button{}
	}
	if d.deletes[entity] == nil {
		d.deletes[entity] = map[model.ID]*widget.Button{}
	}
	d.deletes[entity][id] = b
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
		what = fmt.Sprintf(tr("measure.milestone_measure"), ms.Title.In(u.lang), m.Code)
	case model.EntityKPI:
		k, m := d.KPIByID(id)
		if k == nil {
			return
		}
		what = fmt.Sprintf(tr("measure.kpi_measure_values_d"), k.Name.In(u.lang), m.Code, len(k.Values))
	case model.EntityKPIValue:
		what = tr("measure.measured_value")
	}
	c := dialog.NewConfirm(tr("measure.delete3"), fmt.Sprintf(tr("measure.delete_you_can_bring_back"), what), func(ok bool) {
		if !ok {
			return
		}
		u.save(tr("measure.delete4")+what, func(tx model.Tx) error {
			if entity == model.EntityKPI {
				// The values first, each a row undo can bring back.
				k, _ := tx.Doc().KPIByID(id)
				if k == nil {
					return model.Errorf(model.ENOTFOUND, "%s", tr("error.code.not_found"))
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
				return model.Errorf(model.ENOTFOUND, "%s", tr("error.code.not_found"))
			}
			return tx.Delete(entity, id, rowVersion(row))
		}, func(err error) {
			if err != nil {
				u.showError(tr("measure.not_deleted"), err)
			}
		})
	}, u.win)
	c.SetConfirmText(tr("measure.delete2"))
	c.Show()
	u.observe(deleteConfirm{c})
}
