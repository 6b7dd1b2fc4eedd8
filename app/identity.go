package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"strategytracker/model"
)

// identityDialog asks who the user is, from the people of the file. The
// choice is remembered per file (by its DatabaseID) in the preferences;
// every edit names that person. Whoever declines works read-only.
type identityDialog struct {
	u      *UI
	dlg    *dialog.CustomDialog
	people *widget.Select
	ok     *widget.Button
	later  *widget.Button
	ids    []model.ID
}

// showIdentity opens the dialog (once).
func (u *UI) showIdentity() {
	if u.doc == nil || u.identity != nil {
		return
	}
	d := &identityDialog{u: u}
	var opts []string
	for _, p := range u.doc.People {
		d.ids = append(d.ids, p.ID)
		label := p.Name.In(u.lang)
		if pos := p.Position.In(u.lang); pos != "" {
			label += " — " + pos
		}
		label += " (" + u.unitName(p.Unit) + "; " + roleName(p.Role) + ")"
		opts = append(opts, label)
	}
	d.people = widget.NewSelect(opts, func(string) { d.ok.Enable() })
	d.people.PlaceHolder = tr("identity.placeholder")
	intro := widget.NewLabel(tr("identity.intro"))
	intro.Wrapping = fyne.TextWrapWord
	roles := hint(tr("identity.roles"))
	d.dlg = dialog.NewCustomWithoutButtons(tr("identity.title"), container.NewVBox(intro, d.people, roles), u.win)
	d.ok = widget.NewButtonWithIcon(tr("identity.ok"), theme.ConfirmIcon(), d.onOK)
	d.ok.Importance = widget.HighImportance
	d.ok.Disable()
	d.later = widget.NewButton(tr("identity.later"), d.onLater)
	d.dlg.SetButtons([]fyne.CanvasObject{d.later, d.ok})
	d.dlg.Resize(fyne.NewSize(640, 320))
	u.identity = d
	d.dlg.Show()
}

// choose selects person id in the dialog (tests and screenshots).
func (d *identityDialog) choose(id model.ID) {
	for i, pid := range d.ids {
		if pid == id {
			d.people.SetSelectedIndex(i)
		}
	}
}

func (d *identityDialog) onOK() {
	i := d.people.SelectedIndex()
	if i < 0 || i >= len(d.ids) {
		return
	}
	d.dlg.Hide()
	d.u.identity = nil
	d.u.setUser(d.ids[i])
}

func (d *identityDialog) onLater() {
	d.dlg.Hide()
	d.u.identity = nil
	d.u.refreshAll()
}

// setUser makes person id the user and remembers the choice for this file.
func (u *UI) setUser(id model.ID) {
	if u.doc == nil {
		return
	}
	u.me = u.doc.Person(id)
	if u.me != nil {
		u.app.Preferences().SetInt(prefUser+u.store.DatabaseID(), int(id))
	}
	u.refreshAll()
}

// onSwitchUser asks again who the user is.
func (u *UI) onSwitchUser() {
	if u.identity != nil {
		u.identity.dlg.Hide()
		u.identity = nil
	}
	u.showIdentity()
}
