package app

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"strategytracker/model"
)

// conflictDialog shows, after a save refused with ECONFLICT, the user's
// values beside the values saved meanwhile, and lets them apply their
// changes on top, take the saved values, or go back to their form with
// nothing lost.
type conflictDialog struct {
	dlg        *dialog.CustomDialog
	rows       [][3]string // field, yours, saved
	applyMine  *widget.Button
	takeTheirs *widget.Button
	back       *widget.Button
}

// showConflict reads the row again and opens the conflict dialog. retry
// saves a row (the merge of the user's changes onto the saved row);
// discard closes the form, keeping the saved values.
func (u *UI) showConflict(base, mine any, retry func(row any), discard func()) {
	store := u.store
	entity, id := entityOf(mine), rowID(mine)
	u.background(func() func() {
		doc, err := store.Doc(context.Background())
		return func() {
			if err != nil {
				u.showError(tr("error.load"), err)
				return
			}
			u.setDoc(doc)
			theirs := findRow(doc, entity, id)
			if theirs == nil {
				u.inform(tr("Error"), trf("conflict.deleted", entityName(entity)))
				return
			}
			u.openConflict(base, mine, theirs, retry, discard)
		}
	})
}

func (u *UI) openConflict(base, mine, theirs any, retry func(row any), discard func()) *conflictDialog {
	c := &conflictDialog{}
	mineFields := changedFields(base, mine)
	theirFields := changedFields(base, theirs)
	seen := map[string]bool{}
	view := newAuditView(u.doc, u.lang)
	for _, name := range append(mineFields, theirFields...) {
		if seen[name] {
			continue
		}
		seen[name] = true
		c.rows = append(c.rows, [3]string{fieldName(name),
			view.value(name, model.FieldJSON(mine, name)), view.value(name, model.FieldJSON(theirs, name))})
	}
	// A grid per row: each row as tall as its own texts.
	grid := container.NewVBox(container.NewGridWithColumns(3,
		widget.NewLabelWithStyle(tr("conflict.field"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		widget.NewLabelWithStyle(tr("conflict.yours"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		widget.NewLabelWithStyle(tr("conflict.saved"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})))
	for _, r := range c.rows {
		row := container.NewGridWithColumns(3)
		for _, t := range r {
			l := widget.NewLabel(t)
			l.Wrapping = fyne.TextWrapWord
			row.Add(l)
		}
		grid.Add(widget.NewSeparator())
		grid.Add(row)
	}
	// The row by its code or title ("мярка 1.1"), as the history names it.
	subject := newAuditView(u.doc, u.lang).subject(model.AuditEntry{Entity: entityOf(mine), EntityID: rowID(mine)})
	intro := widget.NewLabel(trf("conflict.intro", subject))
	intro.Wrapping = fyne.TextWrapWord
	c.dlg = dialog.NewCustomWithoutButtons(tr("conflict.title"), container.NewBorder(intro, nil, nil, nil, container.NewVScroll(grid)), u.win)
	c.back = widget.NewButton(tr("conflict.back"), c.dlg.Hide)
	c.takeTheirs = widget.NewButton(tr("conflict.theirs"), func() {
		c.dlg.Hide()
		discard()
	})
	c.applyMine = widget.NewButton(tr("conflict.mine"), func() {
		c.dlg.Hide()
		merged := cloneRow(theirs)
		applyFields(merged, base, mine)
		retry(merged)
	})
	c.applyMine.Importance = widget.HighImportance
	c.dlg.SetButtons([]fyne.CanvasObject{c.back, c.takeTheirs, c.applyMine})
	c.dlg.Resize(fyne.NewSize(760, 420))
	c.dlg.Show()
	u.observe(c)
	return c
}
