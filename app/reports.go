package app

import (
	"context"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"strategytracker/model"
)

// reportsScreen makes the files that leave the app (exports) and freezes
// the figures (snapshots).
type reportsScreen struct {
	u    *UI
	root fyne.CanvasObject

	exports   map[string]*widget.Button // by exporter key
	importBtn *widget.Button
	makeSnap  *widget.Button
	banner    *widget.Label
	snapList  *widget.List
	snaps     []model.Snapshot
	publish   *publishCard // publish.go
}

func newReportsScreen(u *UI) *reportsScreen {
	s := &reportsScreen{u: u, exports: map[string]*widget.Button{}}
	s.root = s.buildUI()
	return s
}

func (s *reportsScreen) content() fyne.CanvasObject { return s.root }

func (s *reportsScreen) buildUI() fyne.CanvasObject {
	u := s.u
	exportBox := container.NewVBox()
	for _, x := range u.exporters() {
		key := x.key
		b := widget.NewButtonWithIcon(tr(key)+"…", theme.DocumentSaveIcon(), func() { u.openExport(key) })
		b.Alignment = widget.ButtonAlignLeading
		s.exports[key] = b
		exportBox.Add(b)
	}
	exportBox.Add(hint(tr("reports.export.intro")))
	s.importBtn = widget.NewButtonWithIcon(tr("menu.import"), theme.UploadIcon(), u.onImport)
	s.importBtn.Alignment = widget.ButtonAlignLeading
	importBox := container.NewVBox(hint(tr("reports.import.intro")), s.importBtn)

	s.banner = lockBanner()
	s.makeSnap = widget.NewButtonWithIcon(tr("snapshot.make"), theme.ContentAddIcon(), s.onMakeSnapshot)
	s.snapList = widget.NewList(func() int { return len(s.snaps) },
		func() fyne.CanvasObject {
			t := widget.NewLabel("name")
			t.TextStyle = fyne.TextStyle{Bold: true}
			d := widget.NewLabel("details")
			d.Wrapping = fyne.TextWrapWord
			return container.NewVBox(t, d)
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			sn := s.snaps[i]
			box := o.(*fyne.Container)
			box.Objects[0].(*widget.Label).SetText(u.doc.SnapshotName(sn.Name, u.lang) + " — " + tr("label.asof") + " " + sn.AsOf.Format(u.lang))
			box.Objects[1].(*widget.Label).SetText(snapshotDetails(u.doc, u.lang, sn))
			s.snapList.SetItemHeight(i, box.MinSize().Height)
		})
	s.publish = newPublishCard(u)
	left := container.NewVBox(card(tr("reports.export"), exportBox), card(tr("reports.import"), importBox), s.publish.root)
	right := container.NewBorder(container.NewVBox(heading(tr("reports.snapshots")), hint(tr("snapshot.intro")),
		container.NewHBox(s.makeSnap), s.banner), nil, nil, nil, s.snapList)
	split := container.NewHSplit(container.NewVScroll(left), container.NewPadded(right))
	split.Offset = 0.45
	return container.NewBorder(container.NewPadded(heading(tr("nav.reports"))), nil, nil, nil, split)
}

func (s *reportsScreen) refresh() {
	u := s.u
	if u.doc == nil {
		return
	}
	s.snaps = slices.Clone(u.doc.Snapshots)
	slices.Reverse(s.snaps) // newest first
	s.snapList.Refresh()
	var l locks
	l.action(u.denial(model.EntitySnapshot, model.OpCreate, nil), s.makeSnap)
	l.banner(s.banner)
	s.publish.refresh()
	if u.canEdit() {
		s.importBtn.Show()
	} else {
		s.importBtn.Hide()
	}
}

// snapshotDetails says when and by whom sn was made, as the audit log
// writes a time and a person (issue 22: the panel showed the ISO time and
// "Name <e-mail>").
func snapshotDetails(d *model.Doc, lang model.Lang, sn model.Snapshot) string {
	view := newAuditView(d, lang)
	sum := sn.SHA256
	if len(sum) > 16 {
		sum = sum[:16] + "…"
	}
	return trf("snapshot.details", view.when(sn.CreatedAt), view.who(sn.CreatedBy), sum)
}

// snapshotForm names a snapshot and its as-of date.
type snapshotForm struct {
	f    *formDialog
	name *widget.Entry
	asOf *widget.Entry
	nf   *field
	af   *field
}

func (s *reportsScreen) onMakeSnapshot() {
	u := s.u
	sf := &snapshotForm{name: widget.NewEntry(), asOf: s.u.dateEntry()}
	sf.name.SetText(trf("snapshot.defaultname", u.today.Format(u.lang)))
	sf.asOf.SetText(u.today.Format(u.lang))
	sf.nf = newField(tr("field.name"), sf.name)
	sf.af = newField(tr("label.asof"), sf.asOf)
	sf.f = u.newFormDialog(tr("snapshot.make"), formGrid(sf.nf, sf.af), func() {
		name := strings.TrimSpace(sf.name.Text)
		msg := ""
		if name == "" {
			msg = tr("invalid.required")
		} else if slices.ContainsFunc(u.doc.Snapshots, func(x model.Snapshot) bool { return x.Name == name }) {
			msg = tr("invalid.duplicate")
		}
		sf.nf.setError(msg)
		asOf, amsg := parseRequiredDate(sf.asOf.Text)
		sf.af.setError(amsg)
		if msg != "" || amsg != "" || u.me == nil {
			return
		}
		sf.f.save.Disable()
		store, actor := u.store, u.me.ID
		u.background(func() func() {
			_, err := store.CreateSnapshot(context.Background(), actor, name, asOf)
			return func() {
				sf.f.save.Enable()
				if err != nil {
					sf.f.setError(errorMessage(err))
					return
				}
				sf.f.dlg.Hide()
				u.reload(nil)
			}
		})
	})
	sf.f.save.SetText(tr("snapshot.make"))
	sf.f.dlg.Resize(fyne.NewSize(520, 280))
	sf.f.dlg.Show()
	u.observe(sf)
}

// onImport applies a filled update workbook, after showing its changes.
func (u *UI) onImport() {
	u.openImport()
}
