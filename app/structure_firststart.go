package app

import (
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"strategytracker/model"
)

// First start: when the default file does not exist, the app asks what to
// do instead of silently creating the demo — open the demo, start a new
// strategy of one's own, or open an existing file.

// FirstStart is what the first-start window needs from main.
type FirstStart struct {
	// DefaultPath is the default file, which does not exist yet; nor may
	// its folder (a fresh account): each choice makes it as needed.
	DefaultPath string
}

// firstStart is the first-start window's content.
type firstStart struct {
	a       fyne.App
	win     fyne.Window
	opts    Options
	fs      FirstStart
	lang    model.Lang
	langs   *widget.RadioGroup // the language, remembered in the preferences
	demo    *widget.Button
	newOne  *widget.Button
	open    *widget.Button
	title   *widget.Entry
	name    *widget.Entry
	email   *widget.Entry
	create  *widget.Button
	errText *widget.Label
	form    *fyne.Container
	chosen  func(model.Store)
}

// RunFirstStart shows the first-start window and, once the user has chosen,
// the main window on the chosen file; it returns when the app quits. main
// calls it instead of Run when the default file does not exist.
func RunFirstStart(a fyne.App, opts Options, fs FirstStart) {
	w := a.NewWindow(AppName)
	var first model.Store
	var u *UI
	f := newFirstStart(a, w, opts, fs, func(store model.Store) {
		first = store
		u = New(a, store, opts)
		u.win.SetMaster()
		u.fitToScreen()
		u.win.Show()
		u.Start()
		u.watchDay()
		u.watchCursor()
		w.Close()
	})
	w.SetContent(f.content())
	w.Resize(fitSize(fyne.NewSize(640, 460), screenSize(w)))
	w.ShowAndRun()
	if u != nil && u.store != first {
		u.store.Close() // a file opened later in the app
	}
	if first != nil {
		first.Close()
	}
}

func newFirstStart(a fyne.App, w fyne.Window, opts Options, fs FirstStart, chosen func(model.Store)) *firstStart {
	f := &firstStart{a: a, win: w, opts: opts, fs: fs, chosen: chosen, lang: startLang(a.Preferences(), opts.Lang)}
	if err := setLanguage(f.lang); err != nil {
		fyne.LogError("translations", err)
	}
	applyTheme(a, a.Preferences().String(prefTheme)) // the theme the main window will have
	return f
}

// onLanguage switches the window to l and remembers it for the app.
func (f *firstStart) onLanguage(l model.Lang) {
	if l == f.lang || (l != model.BG && l != model.EN) {
		return
	}
	f.lang = l
	f.a.Preferences().SetString(prefLang, string(l))
	if err := setLanguage(l); err != nil {
		fyne.LogError("translations", err)
	}
	title, name, email, shown := f.title.Text, f.name.Text, f.email.Text, f.form.Visible()
	f.win.Canvas().Unfocus() // the focused field leaves the window
	f.win.SetContent(f.content())
	f.title.SetText(title)
	f.name.SetText(name)
	f.email.SetText(email)
	if shown {
		f.onNew()
	}
}

func (f *firstStart) content() fyne.CanvasObject {
	f.langs = widget.NewRadioGroup([]string{langNames[model.BG], langNames[model.EN]}, nil)
	f.langs.Horizontal = true
	f.langs.Required = true
	f.langs.SetSelected(langNames[f.lang])
	f.langs.OnChanged = func(name string) {
		for l, n := range langNames {
			if n == name {
				f.onLanguage(l)
			}
		}
	}
	intro := widget.NewLabel(tr("firststart.welcome_strategy_tracker_default_file") + f.fs.DefaultPath)
	intro.Wrapping = fyne.TextWrapWord
	f.demo = widget.NewButtonWithIcon(tr("firststart.open_demo_strategy_sofia"), theme.InfoIcon(), f.onDemo)
	f.newOne = widget.NewButtonWithIcon(tr("firststart.start_new_strategy"), theme.ContentAddIcon(), f.onNew)
	f.open = widget.NewButtonWithIcon(tr("firststart.open_file"), theme.FolderOpenIcon(), f.onOpen)
	f.title, f.name, f.email = widget.NewEntry(), widget.NewEntry(), widget.NewEntry()
	f.create = widget.NewButtonWithIcon(tr("action.create"), theme.ConfirmIcon(), f.onCreate)
	f.create.Importance = widget.HighImportance
	f.errText = widget.NewLabel("")
	f.errText.Importance = widget.DangerImportance
	f.errText.Wrapping = fyne.TextWrapWord
	f.form = container.NewVBox(formGrid(newField(tr("firststart.title_strategy"), f.title),
		newField(tr("new.yourname"), f.name), newField(tr("firststart.your_e_mail"), f.email)), f.create)
	f.form.Hide()
	head := heading(tr("firststart.how_do_we_start"))
	main := container.NewVBox(head, intro, f.demo, f.newOne, f.open, f.form, f.errText)
	// The language choice sits at the top right, over the heading's row,
	// but last in the keyboard's order: Tab, Space still opens the demo.
	langs := container.NewVBox(container.NewHBox(layout.NewSpacer(), f.langs))
	return container.NewPadded(container.NewStack(main, langs))
}

func (f *firstStart) fail(err error) {
	f.errText.SetText(errorMessage(err))
}

func (f *firstStart) onDemo() {
	if f.opts.CreateDemo == nil {
		return
	}
	if err := makeFolderFor(f.fs.DefaultPath); err != nil {
		f.fail(err)
		return
	}
	store, err := f.opts.CreateDemo(f.fs.DefaultPath)
	if err != nil {
		f.fail(err)
		return
	}
	f.chosen(store)
}

func (f *firstStart) onNew() {
	f.form.Show()
	if c := f.win.Content(); c != nil {
		c.Refresh()
		f.win.Resize(f.win.Canvas().Size()) // lay the shown form out
	}
}

func (f *firstStart) onCreate() {
	title, name, email := strings.TrimSpace(f.title.Text), strings.TrimSpace(f.name.Text), strings.TrimSpace(f.email.Text)
	if title == "" || name == "" {
		f.errText.SetText(tr("firststart.fill_title_your_name"))
		return
	}
	if f.opts.Creator == nil {
		return
	}
	today := orLocalClock(f.opts.Today)()
	t := model.T(title, "") // in the language typed; the English title is the office's to write
	if f.lang == model.EN {
		t = model.T("", title)
	}
	d := model.NewStrategyDoc(t, name, email, "", today)
	if err := d.Validate(today); err != nil {
		f.fail(err)
		return
	}
	if err := makeFolderFor(f.fs.DefaultPath); err != nil {
		f.fail(err)
		return
	}
	store, err := f.opts.Creator(f.fs.DefaultPath, d)
	if err != nil {
		f.fail(err)
		return
	}
	f.a.Preferences().SetInt(prefUser+store.DatabaseID(), int(d.People[0].ID))
	f.chosen(store)
}

func (f *firstStart) onOpen() {
	if f.opts.Opener == nil {
		return
	}
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			return
		}
		path := r.URI().Path()
		r.Close()
		f.openPath(path)
	}, f.win)
	d.Resize(fitSize(fyne.NewSize(900, 600), f.win.Canvas().Size()))
	showFileDialog(d, f.win)
}

// openPath opens the file chosen in the file dialog.
func (f *firstStart) openPath(path string) {
	store, err := f.opts.Opener(path)
	if err != nil {
		f.fail(err)
		return
	}
	f.chosen(store)
}

// makeFolderFor makes the folder that path is to lie in, with its parents
// (a fresh account has no ~/.config or Documents\Strategy Tracker yet); the
// error says which folder could not be made and why, in the user's language.
func makeFolderFor(path string) error { return makeFolder(filepath.Dir(path)) }

// makeFolder makes dir with its parents, saying in the user's language
// which folder could not be made and why.
func makeFolder(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		e := model.Errorf(model.EINVALID, "%s", trf("error.mkdir", dir, osReason(err)))
		e.Err = err
		return e
	}
	return nil
}
