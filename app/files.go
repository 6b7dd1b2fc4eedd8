package app

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"strategytracker/model"
)

// onOpen asks for a strategy file and opens it (File › Open, Ctrl+O).
func (u *UI) onOpen() {
	if u.opts.Opener == nil {
		dialog.ShowInformation(tr("menu.open"), tr("open.unavailable"), u.win)
		return
	}
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			u.showError(tr("error.open"), err)
			return
		}
		if r == nil {
			return
		}
		path := r.URI().Path()
		r.Close()
		u.openFile(path)
	}, u.win)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".db", ".sqlite", ".sqlite3"}))
	if dir := filepath.Dir(u.store.Path()); dir != "" {
		if l, err := storage.ListerForURI(storage.NewFileURI(dir)); err == nil {
			d.SetLocation(l)
		}
	}
	d.Resize(fyne.NewSize(900, 600))
	d.Show()
}

// openFile opens the strategy file at path off the UI goroutine and, once
// open, shows it; the history of undo starts afresh.
func (u *UI) openFile(path string) {
	if u.opts.Opener == nil || path == "" {
		return
	}
	var store model.Store
	u.slow(tr("progress.open"), func(ctx context.Context, _ func(int, int)) error {
		var err error
		store, err = u.opts.Opener(path)
		return err
	}, func(err error) {
		if err != nil {
			u.showError(trf("error.openfile", path), err)
			return
		}
		u.switchStore(store)
	})
}

// switchStore makes store the open file.
func (u *UI) switchStore(store model.Store) {
	old := u.store
	u.store = store
	u.doc, u.me = nil, nil
	u.hist.clear()
	u.detail = nil
	u.filter = measureFilter{}
	if u.identity != nil {
		u.identity.dlg.Hide()
		u.identity = nil
	}
	if old != nil && old != store {
		old.Close()
	}
	u.remember(store.Path())
	u.current = screenDashboard
	u.buildUI()
	u.reload(nil)
}

// pathForm asks for a folder and a file name: a new file is never made
// through the save dialog, which would create (or empty) the file before
// storage may refuse to overwrite it.
type pathForm struct {
	folder *widget.Entry
	name   *widget.Entry
	browse *widget.Button
}

func (u *UI) newPathForm(name string) *pathForm {
	p := &pathForm{folder: widget.NewEntry(), name: widget.NewEntry()}
	p.folder.SetText(filepath.Dir(u.store.Path()))
	p.name.SetText(name)
	p.browse = widget.NewButtonWithIcon("", theme.FolderOpenIcon(), func() {
		d := dialog.NewFolderOpen(func(l fyne.ListableURI, err error) {
			if err == nil && l != nil {
				p.folder.SetText(l.Path())
			}
		}, u.win)
		d.Resize(fyne.NewSize(900, 600))
		d.Show()
	})
	return p
}

func (p *pathForm) fields() []*field {
	return []*field{
		newField(tr("field.folder"), container.NewBorder(nil, nil, nil, p.browse, p.folder)),
		newField(tr("field.filename"), p.name),
	}
}

// path returns the chosen path, or a message saying what is wrong.
func (p *pathForm) path(ext string) (string, string) {
	name := strings.TrimSpace(p.name.Text)
	dir := strings.TrimSpace(p.folder.Text)
	if name == "" || dir == "" {
		return "", tr("invalid.required")
	}
	if filepath.Ext(name) == "" {
		name += ext
	}
	path := filepath.Join(dir, name)
	if _, err := os.Stat(path); err == nil {
		return "", tr("invalid.exists")
	}
	return path, ""
}

// onBackup writes a consistent copy of the file (File › Back up as…).
func (u *UI) onBackup() {
	base := strings.TrimSuffix(filepath.Base(u.store.Path()), filepath.Ext(u.store.Path()))
	p := u.newPathForm(base + "-" + u.today.String() + ".db")
	fs := p.fields()
	var f *formDialog
	f = u.newFormDialog(tr("menu.backup"), formGrid(fs...), func() {
		path, msg := p.path(".db")
		fs[1].setError(msg)
		if msg != "" {
			return
		}
		f.dlg.Hide()
		store := u.store
		u.slow(tr("progress.backup"), func(ctx context.Context, _ func(int, int)) error {
			return store.Backup(ctx, path)
		}, func(err error) {
			if err != nil {
				u.showError(tr("error.backup"), err)
				return
			}
			dialog.ShowInformation(tr("menu.backup"), trf("backup.done", path), u.win)
		})
	})
	f.save.SetText(tr("action.backup"))
	f.dlg.Resize(fyne.NewSize(640, 280))
	f.dlg.Show()
}

// newStrategyForm is File › New strategy: a new file with a title and
// one person, the user, in the strategy office.
type newStrategyForm struct {
	f       *formDialog
	path    *pathForm
	titleBG *widget.Entry
	titleEN *widget.Entry
	name    *widget.Entry
	email   *widget.Entry
	unit    *widget.Entry
}

func (u *UI) onNewStrategy() {
	if u.opts.Creator == nil {
		dialog.ShowInformation(tr("menu.new"), tr("open.unavailable"), u.win)
		return
	}
	n := &newStrategyForm{path: u.newPathForm("strategy.db"), titleBG: widget.NewEntry(), titleEN: widget.NewEntry(),
		name: widget.NewEntry(), email: widget.NewEntry(), unit: widget.NewEntry()}
	n.unit.SetText(tr("new.unit.default"))
	pf := n.path.fields()
	title := newField(tr("field.title")+" (БГ)", n.titleBG)
	titleEN := newField(tr("field.title")+" (EN)", n.titleEN)
	name := newField(tr("new.yourname"), n.name)
	email := newField(tr("field.email"), n.email)
	unit := newField(tr("new.unit"), n.unit)
	body := container.NewVBox(hint(tr("new.intro")), formGrid(append(pf, title, titleEN, name, email, unit)...))
	n.f = u.newFormDialog(tr("menu.new"), body, func() {
		path, msg := n.path.path(".db")
		pf[1].setError(msg)
		t := model.T(strings.TrimSpace(n.titleBG.Text), strings.TrimSpace(n.titleEN.Text))
		title.setError("")
		name.setError("")
		if t.IsEmpty() {
			title.setError(tr("invalid.title"))
			msg = "x"
		}
		if strings.TrimSpace(n.name.Text) == "" {
			name.setError(tr("invalid.required"))
			msg = "x"
		}
		if msg != "" {
			return
		}
		unitName := strings.TrimSpace(n.unit.Text)
		if unitName == "" {
			unitName = tr("new.unit.default")
		}
		doc := &model.Doc{Format: model.Format,
			Strategy: model.Strategy{Title: t, ShortTitle: t, PeriodStart: u.today, PeriodEnd: u.today.AddDays(5 * 365)},
			Units:    []model.Unit{{Code: "OFFICE", Name: model.T(unitName, unitName), Kind: model.UnitDirectorate}},
			People: []model.Person{{ID: 1, Name: model.T(strings.TrimSpace(n.name.Text), strings.TrimSpace(n.name.Text)),
				Unit: "OFFICE", Email: strings.TrimSpace(n.email.Text), Role: model.RoleOffice}},
		}
		if err := doc.Validate(u.today); err != nil {
			n.f.setError(model.ErrorMessage(err))
			return
		}
		n.f.dlg.Hide()
		var store model.Store
		u.slow(tr("progress.create"), func(ctx context.Context, _ func(int, int)) error {
			var err error
			store, err = u.opts.Creator(path, doc)
			return err
		}, func(err error) {
			if err != nil {
				u.showError(tr("error.create"), err)
				return
			}
			u.app.Preferences().SetInt(prefUser+store.DatabaseID(), 1)
			u.switchStore(store)
		})
	})
	n.f.save.SetText(tr("action.create"))
	n.f.dlg.Show()
	observe(n)
}

// exportJob is what an export is made of.
type exportJob struct {
	doc        *model.Doc
	asOf       model.Date
	lang       model.Lang
	unit       string // "" for all units
	databaseID string
	by         string // who prepares it
	progress   func(done, total int)
}

// exporter is one kind of export: a name and a writer of the file.
type exporter struct {
	key   string // translation key of its name
	ext   string
	unit  bool // the file is made for one unit (or all)
	write func(w io.Writer, j exportJob) error
}

// exporters lists what File › Export… offers; reports.go adds the
// workbook, the PDF and the update template when they are built.
func (u *UI) exporters() []exporter {
	list := []exporter{{key: "export.json", ext: ".json", write: func(w io.Writer, j exportJob) error {
		return model.Encode(w, j.doc)
	}}}
	return append(list, reportExporters()...)
}

// exportForm is File › Export…: what to export, for which date and
// language, and where.
type exportForm struct {
	f     *formDialog
	kind  *widget.RadioGroup
	lang  *widget.RadioGroup
	asOf  *widget.Entry
	unit  *widget.Select
	units []string
	path  *pathForm
	list  []exporter
	// nameField is the file name's field, with its message.
	nameField *field
}

// onExport opens the export form (File › Export…, Ctrl+E); kind preselects
// an exporter by key.
func (u *UI) onExport() { u.openExport("") }

func (u *UI) openExport(kind string) {
	if u.doc == nil {
		return
	}
	e := &exportForm{list: u.exporters(), asOf: dateEntry()}
	var names []string
	for _, x := range e.list {
		names = append(names, tr(x.key))
	}
	base := strings.TrimSuffix(filepath.Base(u.store.Path()), filepath.Ext(u.store.Path()))
	e.path = u.newPathForm(base + "-" + u.today.String())
	e.kind = widget.NewRadioGroup(names, nil)
	e.kind.Required = true
	e.lang = widget.NewRadioGroup([]string{"Български", "English"}, nil)
	e.lang.Horizontal = true
	e.lang.Required = true
	if u.lang == model.EN {
		e.lang.SetSelected("English")
	} else {
		e.lang.SetSelected("Български")
	}
	e.asOf.SetText(u.today.Format(u.lang))
	e.units = []string{""}
	unitOpts := []string{tr("filter.allunits")}
	for _, un := range u.doc.Units {
		e.units = append(e.units, un.Code)
		unitOpts = append(unitOpts, un.Name.In(u.lang))
	}
	e.unit = widget.NewSelect(unitOpts, nil)
	e.unit.SetSelectedIndex(0)
	sel := names[0]
	for i, x := range e.list {
		if x.key == kind {
			sel = names[i]
		}
	}
	e.kind.OnChanged = func(string) {
		for i, n := range names {
			if n == e.kind.Selected {
				enable(e.unit, e.list[i].unit)
			}
		}
	}
	e.kind.SetSelected(sel)
	pf := e.path.fields()
	e.nameField = pf[1]
	asOfField := newField(tr("label.asof"), e.asOf)
	fields := append([]*field{newField(tr("export.kind"), e.kind), newField(tr("export.lang"), e.lang), asOfField,
		newField(tr("export.unit"), e.unit)}, pf...)
	e.f = u.newFormDialog(tr("export.title"), formGrid(fields...), func() { u.onExportSave(e, asOfField, pf[1]) })
	e.f.save.SetText(tr("action.export"))
	e.f.dlg.Show()
	observe(e)
}

func (u *UI) onExportSave(e *exportForm, asOfField, nameField *field) {
	var x exporter
	for i, n := range e.kind.Options {
		if n == e.kind.Selected {
			x = e.list[i]
		}
	}
	if x.write == nil {
		return
	}
	asOf, msg := parseRequiredDate(e.asOf.Text)
	asOfField.setError(msg)
	path, pmsg := e.path.path(x.ext)
	if filepath.Ext(path) != x.ext && pmsg == "" {
		path += x.ext
	}
	nameField.setError(pmsg)
	if msg != "" || pmsg != "" {
		return
	}
	if _, err := os.Stat(path); err == nil {
		nameField.setError(tr("invalid.exists"))
		return
	}
	lang := model.BG
	if e.lang.Selected == "English" {
		lang = model.EN
	}
	unit := ""
	if i := e.unit.SelectedIndex(); i > 0 {
		unit = e.units[i]
	}
	e.f.dlg.Hide()
	store := u.store
	by := ""
	if u.me != nil {
		by = u.me.Name.In(lang)
	}
	u.slow(tr("progress.export"), func(ctx context.Context, progress func(int, int)) error {
		doc, err := store.Doc(ctx)
		if err != nil {
			return err
		}
		var buf bytes.Buffer
		j := exportJob{doc: doc, asOf: asOf, lang: lang, unit: unit, databaseID: store.DatabaseID(), by: by, progress: progress}
		if err := x.write(&buf, j); err != nil {
			return err
		}
		return writeNewFile(path, buf.Bytes())
	}, func(err error) {
		if err != nil {
			u.showError(tr("error.export"), err)
			return
		}
		dialog.ShowInformation(tr("menu.export"), trf("export.done", path), u.win)
	})
}

// writeNewFile writes b to a file that must not exist yet.
func writeNewFile(path string, b []byte) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, os.ErrExist) {
		return model.Errorf(model.ECONFLICT, "%s", trf("invalid.exists.path", path))
	} else if err != nil {
		return model.Errorf(model.EINVALID, "%v", err)
	}
	if _, err := f.Write(b); err != nil {
		f.Close()
		os.Remove(path)
		return model.Errorf(model.EINTERNAL, "%v", err)
	}
	return f.Close()
}

// onAbout shows the version and what the app is.
func (u *UI) onAbout() {
	v := u.opts.Version
	if v == "" {
		v = Version // go build leaves the app's metadata empty; FyneApp.toml agrees (TestVersionMatchesFyneApp)
	}
	text := widget.NewLabel(tr("about.text"))
	text.Wrapping = fyne.TextWrapWord
	version := widget.NewLabelWithStyle(trf("about.version", AppName, v), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	observe(aboutVersion{version})
	d := dialog.NewCustom(tr("menu.about"), tr("action.close"), container.NewVBox(version, text), u.win)
	d.Resize(fyne.NewSize(560, 320))
	d.Show()
}

// aboutVersion is the version line of Help › About.
type aboutVersion struct{ label *widget.Label }
