package app

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"strategytracker/model"
)

// Deleting a goal, area, unit or person: refused while rows refer to it,
// with the list and an offer to reassign them (issue 11).

// deleteDialog confirms a delete, or shows what still refers to the row
// and offers to reassign it to another row first.
type deleteDialog struct {
	dlg      dialog.Dialog
	refs     *widget.Label
	target   *widget.Select // reassign to (nil when nothing refers to the row)
	confirm  *widget.Button
	cancel   *widget.Button
	targetID []model.ID
}

func (s *structureScreen) onDelete(entity model.Entity) {
	id := s.selectedID(entity)
	if id == 0 {
		return
	}
	s.openDelete(entity, id)
}

func (s *structureScreen) openDelete(entity model.Entity, id model.ID) *deleteDialog {
	u := s.u
	d := u.doc
	if entity == model.EntityPerson && u.me != nil && id == u.me.ID {
		u.inform(tr("measure.delete3"), tr("structure.delete.you_cannot_delete_yourself_ask"))
		return nil
	}
	name := d.RowName(entity, id, u.lang)
	refs := d.ReferencesIn(entity, id, u.lang)
	dd := &deleteDialog{refs: widget.NewLabel("")}
	dd.refs.Wrapping = fyne.TextWrapWord
	body := container.NewVBox(dd.refs)
	row := findRow(d, entity, id)
	version := rowVersion(row)
	label := tr("measure.delete4") + name
	if len(refs) == 0 {
		dd.refs.SetText(fmt.Sprintf(tr("measure.delete_you_can_bring_back"), name))
	} else {
		var lines []string
		for _, r := range refs {
			lines = append(lines, "• "+r.Text(name, u.lang))
		}
		dd.refs.SetText(tr("structure.delete.cannot_deleted_while_referred") + "\n" + strings.Join(lines, "\n"))
		var options []string
		for _, other := range s.ed.ids[entity] {
			if other != id {
				options = append(options, d.RowName(entity, other, u.lang))
				dd.targetID = append(dd.targetID, other)
			}
		}
		dd.target = widget.NewSelect(options, nil)
		dd.target.PlaceHolder = tr("measure.choose")
		body.Add(widget.NewLabel(tr("structure.delete.reassign_them")))
		body.Add(dd.target)
	}
	dd.cancel = widget.NewButtonWithIcon(tr("Cancel"), theme.CancelIcon(), nil)
	confirmText := tr("measure.delete2")
	if len(refs) > 0 {
		confirmText = tr("structure.delete.reassign_delete")
	}
	dd.confirm = widget.NewButtonWithIcon(confirmText, theme.DeleteIcon(), nil)
	dd.confirm.Importance = widget.DangerImportance
	c := dialog.NewCustomWithoutButtons(label, container.NewPadded(body), u.win)
	dd.dlg = c
	dd.cancel.OnTapped = c.Hide
	dd.confirm.OnTapped = func() {
		var to model.ID
		if len(refs) > 0 {
			i := dd.target.SelectedIndex()
			if i < 0 {
				dd.refs.SetText(dd.refs.Text + "\n" + tr("structure.delete.choose_where_reassign_them"))
				return
			}
			to = dd.targetID[i]
		}
		c.Hide()
		u.save(label, func(tx model.Tx) error {
			if to != 0 {
				if err := model.Reassign(tx, entity, id, to); err != nil {
					return err
				}
			}
			if left := tx.Doc().ReferencesIn(entity, id, model.EN); len(left) > 0 {
				return model.ReferencesError(tx.Doc().RowName(entity, id, model.EN), left)
			}
			return tx.Delete(entity, id, version)
		}, func(err error) {
			if err != nil {
				u.showError(tr("measure.not_deleted"), err)
			}
		})
	}
	c.SetButtons([]fyne.CanvasObject{dd.cancel, dd.confirm})
	c.Resize(fyne.NewSize(620, 320))
	c.Show()
	s.ed.lastDelete = dd
	return dd
}
