package app

import (
	"context"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"strategytracker/model"
	"strategytracker/reports/site"
)

// Reports › Publish: the public site and the open data (reports/site),
// written into a folder the office chooses.

// prefPublishFolder is the folder the site was last published to.
const prefPublishFolder = "folder.publish"

// siteMarker is the file site.Publish leaves in a folder it wrote; a
// non-empty folder without it is refused (the same rule as site.Publish,
// checked here first to explain it in the user's language).
const siteMarker = ".strategytracker-site"

// publishCard is the Publish part of the Reports screen: the button, or
// the reason why the user may not publish.
type publishCard struct {
	u      *UI
	root   fyne.CanvasObject
	btn    *widget.Button
	banner *widget.Label
}

func newPublishCard(u *UI) *publishCard {
	c := &publishCard{u: u, banner: lockBanner()}
	c.btn = widget.NewButtonWithIcon(tr("publish.action")+"…", theme.MailSendIcon(), u.onPublish)
	c.btn.Alignment = widget.ButtonAlignLeading
	c.root = card(tr("publish.title"), container.NewVBox(hint(tr("publish.intro")), c.btn, c.banner))
	return c
}

// refresh shows the button to the office and the reason to everyone else.
func (c *publishCard) refresh() {
	var l locks
	l.action(c.u.publishDenial(), c.btn)
	l.banner(c.banner)
}

// publishDenial returns "" when the user may publish, else why not.
// Publishing only reads the file, so a read-only file may be published.
func (u *UI) publishDenial() string { return u.officeOnly(tr("publish.officeonly")) }

// officeOnly returns "" when the user is of the strategy office, else why
// not: no user chosen, or notOffice.
func (u *UI) officeOnly(notOffice string) string {
	switch {
	case u.me == nil:
		return tr("lock.nouser")
	case u.me.Role != model.RoleOffice:
		return notOffice
	}
	return ""
}

// publishForm chooses the folder, languages, as-of date and licence.
type publishForm struct {
	f       *formDialog
	folder  *widget.Entry
	browse  *widget.Button
	langs   *widget.RadioGroup
	asOf    *widget.Entry
	licence *widget.Select

	folderField, asOfField *field
}

// Choices of languages, in the order of publishLangs.
func publishLangOptions() []string {
	return []string{tr("publish.langs.both"), "Български", "English"}
}

var publishLangs = [][]model.Lang{{model.BG, model.EN}, {model.BG}, {model.EN}}

// defaultPublishFolder is the folder used last, else a "site" folder in
// the folder files were last exported to.
func (u *UI) defaultPublishFolder() string {
	if d := u.app.Preferences().String(prefPublishFolder); d != "" && isDir(filepath.Dir(d)) {
		return d
	}
	return filepath.Join(u.saveFolder(), "site")
}

// onPublish opens the publish form (Reports › Publish).
func (u *UI) onPublish() {
	if u.doc == nil {
		return
	}
	if why := u.publishDenial(); why != "" {
		u.inform(tr("publish.title"), why)
		return
	}
	pf := u.newPathForm("") // its folder entry and Browse button
	p := &publishForm{folder: pf.folder, browse: pf.browse, asOf: u.dateEntry()}
	p.folder.SetText(u.defaultPublishFolder())
	p.langs = widget.NewRadioGroup(publishLangOptions(), nil)
	p.langs.Required = true
	p.langs.SetSelected(p.langs.Options[0])
	p.asOf.SetText(u.today.Format(u.lang))
	var names []string
	for _, l := range site.Licences {
		names = append(names, l.Title)
	}
	p.licence = widget.NewSelect(names, nil)
	p.licence.SetSelectedIndex(0) // CC BY 4.0
	p.folderField = newField(tr("field.folder"), container.NewBorder(nil, nil, nil, p.browse, p.folder)).withNote(tr("publish.folder.note"))
	p.asOfField = newField(tr("label.asof"), p.asOf)
	body := container.NewVBox(hint(tr("publish.intro.form")), formGrid(p.folderField,
		newField(tr("publish.langs"), p.langs), p.asOfField, newField(tr("publish.licence"), p.licence)))
	p.f = u.newFormDialog(tr("publish.title"), body, func() { u.onPublishSave(p) })
	p.f.save.SetText(tr("publish.action"))
	p.f.save.SetIcon(theme.MailSendIcon())
	p.f.dlg.Show()
	u.observe(p)
}

// checkPublishFolder returns "" when a site may be written into dir: it
// is new (its parent exists), empty, or a site published earlier.
func checkPublishFolder(dir string) string {
	if dir == "" {
		return tr("invalid.required")
	}
	if !filepath.IsAbs(dir) {
		return tr("publish.absolute") // else it would go wherever the app was started
	}
	st, err := os.Stat(dir)
	if err != nil {
		if isDir(filepath.Dir(dir)) {
			return "" // made by Publish
		}
		return trf("publish.noparent", filepath.Dir(dir))
	}
	if !st.IsDir() {
		return trf("publish.notfolder", dir)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return errorMessage(err)
	}
	if len(entries) == 0 {
		return ""
	}
	if _, err := os.Stat(filepath.Join(dir, siteMarker)); err != nil {
		return trf("publish.notsite", dir)
	}
	return ""
}

func (u *UI) onPublishSave(p *publishForm) {
	dir := strings.TrimSpace(p.folder.Text)
	if dir != "" {
		dir = filepath.Clean(dir)
	}
	fmsg := checkPublishFolder(dir)
	p.folderField.setError(fmsg)
	asOf, amsg := parseRequiredDate(p.asOf.Text)
	p.asOfField.setError(amsg)
	if fmsg != "" || amsg != "" {
		return
	}
	langs := publishLangs[max(0, optionIndex(p.langs.Options, p.langs.Selected))]
	licence := site.Licences[max(0, p.licence.SelectedIndex())]
	p.f.dlg.Hide()
	u.app.Preferences().SetString(prefPublishFolder, dir)
	u.publish(dir, site.Options{Langs: langs, AsOf: asOf, Licence: licence})
}

func optionIndex(list []string, s string) int {
	for i, x := range list {
		if x == s {
			return i
		}
	}
	return -1
}

// publish writes the site off the UI goroutine with a progress bar, then
// says where it is.
func (u *UI) publish(dir string, opts site.Options) {
	store := u.store
	u.slow(tr("publish.progress"), func(ctx context.Context, progress func(int, int)) error {
		doc, err := store.Doc(ctx)
		if err != nil {
			return err
		}
		opts.Progress = progress
		return site.Publish(dir, doc, opts)
	}, func(err error) {
		if err != nil {
			u.showError(tr("publish.error"), err)
			return
		}
		u.showPublished(dir)
	})
}

// publishedDialog says where the site went and offers to open it in the
// browser or to show its folder.
type publishedDialog struct {
	dlg                   *dialog.CustomDialog
	browser, folder, done *widget.Button
	dir                   string
}

func (u *UI) showPublished(dir string) {
	d := &publishedDialog{dir: dir}
	text := widget.NewLabel(trf("publish.done", dir))
	text.Wrapping = fyne.TextWrapWord
	d.dlg = dialog.NewCustomWithoutButtons(tr("publish.title"), text, u.win)
	d.browser = widget.NewButtonWithIcon(tr("publish.browser"), theme.ComputerIcon(), func() {
		u.openPath(filepath.Join(dir, "index.html")) // open.go
	})
	d.folder = widget.NewButtonWithIcon(tr("export.showfolder"), theme.FolderOpenIcon(), func() { u.openPath(dir) })
	d.done = widget.NewButtonWithIcon(tr("action.close"), theme.ConfirmIcon(), d.dlg.Hide)
	d.done.Importance = widget.HighImportance
	d.dlg.SetButtons([]fyne.CanvasObject{d.browser, d.folder, d.done})
	d.dlg.Resize(fyne.NewSize(600, 220))
	d.dlg.Show()
	u.win.Canvas().Focus(d.done)
	u.observe(d)
}
