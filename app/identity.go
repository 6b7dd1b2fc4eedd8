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
	people *widget.List // a list inside the dialog: a drop-down spilled out of it
	labels []string     // two per person: name and role, then position and unit
	chosen int          // index into ids; -1: nobody yet
	ok     *widget.Button
	later  *widget.Button
	ids    []model.ID
}

// showIdentity opens the dialog (once).
func (u *UI) showIdentity() {
	if u.doc == nil || u.identity != nil {
		return
	}
	d := &identityDialog{u: u, chosen: -1}
	for _, p := range u.doc.People {
		d.ids = append(d.ids, p.ID)
		// The name and the role first: they decide; then where one works.
		details := u.unitName(p.Unit)
		if pos := p.Position.In(u.lang); pos != "" {
			details = pos + " · " + details
		}
		d.labels = append(d.labels, p.Name.In(u.lang)+" — "+roleName(p.Role), details)
	}
	d.people = widget.NewList(func() int { return len(d.ids) },
		func() fyne.CanvasObject {
			name := widget.NewLabelWithStyle("person", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
			name.Truncation = fyne.TextTruncateEllipsis
			details := widget.NewLabel("details")
			details.Truncation = fyne.TextTruncateEllipsis
			return container.NewVBox(name, details)
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			box := o.(*fyne.Container)
			box.Objects[0].(*widget.Label).SetText(d.labels[2*i])
			box.Objects[1].(*widget.Label).SetText(d.labels[2*i+1])
		})
	d.people.OnSelected = func(i widget.ListItemID) {
		d.chosen = i
		d.ok.Enable()
	}
	intro := widget.NewLabel(tr("identity.intro"))
	intro.Wrapping = fyne.TextWrapWord
	roles := hint(tr("identity.roles"))
	d.dlg = dialog.NewCustomWithoutButtons(tr("identity.title"),
		container.NewBorder(intro, roles, nil, nil, d.people), u.win)
	d.ok = widget.NewButtonWithIcon(tr("identity.ok"), theme.ConfirmIcon(), d.onOK)
	d.ok.Importance = widget.HighImportance
	d.ok.Disable()
	d.later = widget.NewButton(tr("identity.later"), d.onLater)
	d.dlg.SetButtons([]fyne.CanvasObject{d.later, d.ok})
	size := u.win.Canvas().Size()
	d.dlg.Resize(fyne.NewSize(min(680, max(420, size.Width*0.9)), min(520, max(360, size.Height*0.85))))
	u.identity = d
	d.dlg.Show()
}

// choose selects person id in the dialog (tests and screenshots).
func (d *identityDialog) choose(id model.ID) {
	for i, pid := range d.ids {
		if pid == id {
			d.people.Select(i)
		}
	}
}

func (d *identityDialog) onOK() {
	i := d.chosen
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
	if key := prefUser + u.store.DatabaseID(); u.me != nil && u.app.Preferences().Int(key) != int(id) {
		u.app.Preferences().SetInt(key, int(id))
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

// showSession shows the file and the user.
func (u *UI) showSession() {
	u.fileLabel.SetText(u.storeLabel()) // connect.go: the file or the server
	if u.me == nil {
		u.userLabel.SetText(tr("user.none"))
		return
	}
	u.userLabel.SetText(u.me.Name.In(u.lang) + "\n" + roleName(u.me.Role) + " · " + u.unitName(u.me.Unit))
}
