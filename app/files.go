package app

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"

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
		u.inform(tr("menu.open"), tr("open.unavailable"))
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
	showFileDialog(d, u.win)
}

// onOpenDemo opens the demo strategy (File › Open the demo strategy),
// making it the first time.
func (u *UI) onOpenDemo() {
	path := u.opts.DemoPath
	if u.opts.CreateDemo == nil || path == "" {
		u.inform(tr("menu.demo"), tr("open.unavailable"))
		return
	}
	if _, err := os.Stat(path); err == nil {
		u.openFile(path)
		return
	}
	var store model.Store
	u.slow(tr("progress.create"), func(ctx context.Context, _ func(int, int)) error {
		if err := makeFolderFor(path); err != nil {
			return err
		}
		var err error
		store, err = u.opts.CreateDemo(path)
		return err
	}, func(err error) {
		if err != nil {
			u.showError(tr("error.create"), err)
			return
		}
		u.switchStore(store)
	})
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
	u.warnNetworkDrive()
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
	p.folder.SetText(u.saveFolder())
	p.name.SetText(name)
	p.browse = widget.NewButtonWithIcon("", theme.FolderOpenIcon(), func() {
		d := dialog.NewFolderOpen(func(l fyne.ListableURI, err error) {
			if err == nil && l != nil {
				p.folder.SetText(l.Path())
			}
		}, u.win)
		d.Resize(fyne.NewSize(900, 600))
		showFileDialog(d, u.win)
	})
	return p
}

func (p *pathForm) fields() []*field {
	return []*field{
		newField(tr("field.folder"), container.NewBorder(nil, nil, nil, p.browse, p.folder)),
		newField(tr("field.filename"), p.name),
	}
}

// path returns the chosen path of a file that must not exist yet, or a
// message saying what is wrong.
func (p *pathForm) path(ext string) (string, string) {
	path, msg := p.anyPath(ext)
	if msg == "" {
		if _, err := os.Stat(path); err == nil {
			return "", tr("invalid.exists")
		}
	}
	return path, msg
}

// anyPath returns the chosen path, which may exist, or a message saying
// what is wrong.
func (p *pathForm) anyPath(ext string) (string, string) {
	name := strings.TrimSpace(p.name.Text)
	dir := strings.TrimSpace(p.folder.Text)
	if name == "" || dir == "" {
		return "", tr("invalid.required")
	}
	if filepath.Ext(name) == "" {
		name += ext
	}
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return "", tr("invalid.nofolder")
	}
	return filepath.Join(dir, name), ""
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
			u.inform(tr("menu.backup"), trf("backup.done", path))
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
		u.inform(tr("menu.new"), tr("open.unavailable"))
		return
	}
	n := &newStrategyForm{path: u.newPathForm(tr("new.filename")), titleBG: widget.NewEntry(), titleEN: widget.NewEntry(),
		name: widget.NewEntry(), email: widget.NewEntry(), unit: widget.NewEntry()}
	n.unit.SetText(tr("new.unit.default"))
	pf := n.path.fields()
	title := newField(tr("field.title")+tr("suffix.bg"), n.titleBG)
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
		doc := model.NewStrategyDoc(t, n.name.Text, n.email.Text, unitName, u.today)
		if err := doc.Validate(u.today); err != nil {
			n.f.setError(errorMessage(err))
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
	u.observe(n)
}

// onAbout shows the version and what the app is.
func (u *UI) onAbout() {
	v := u.opts.Version
	if v == "" {
		v = u.app.Metadata().Version
	}
	text := widget.NewLabel(tr("about.text"))
	text.Wrapping = fyne.TextWrapWord
	version := widget.NewLabelWithStyle(trf("about.version", AppName, v), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	u.observe(aboutVersion{version})
	licence := widget.NewLabel(trf("about.licence", u.opts.Licence, u.opts.Source))
	licence.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustom(tr("menu.about"), tr("action.close"), container.NewVBox(version, text, licence), u.win)
	d.Resize(fyne.NewSize(560, 320))
	d.Show()
}

// aboutVersion is the version line of Help › About.
type aboutVersion struct{ label *widget.Label }

// osReason says in the user's language why the system refused to make or
// write a file, for the commonest reasons; else the system's own words.
func osReason(err error) string {
	switch {
	case errors.Is(err, fs.ErrPermission):
		return tr("oserr.permission")
	case errors.Is(err, syscall.EROFS):
		return tr("oserr.readonly")
	case errors.Is(err, syscall.ENOTDIR), errors.Is(err, fs.ErrExist):
		return tr("oserr.exists")
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}
