package app

import (
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"strategytracker/model"
)

// First start: when the default file does not exist, the app asks what to
// do instead of silently creating the demo — open the demo, start a new
// strategy of one's own, or open an existing file.

// FirstStart is what the first-start window needs from main.
type FirstStart struct {
	// DefaultPath is the default file, which does not exist yet.
	DefaultPath string
	// CreateDemo makes path holding the embedded demo strategy.
	CreateDemo func(path string) (model.Store, error)
}

// firstStart is the first-start window's content.
type firstStart struct {
	a       fyne.App
	win     fyne.Window
	opts    Options
	fs      FirstStart
	lang    model.Lang
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
		u.win.Show()
		u.Start()
		w.Close()
	})
	w.SetContent(f.content())
	w.Resize(fyne.NewSize(640, 460))
	w.ShowAndRun()
	if u != nil && u.store != first {
		u.store.Close() // a file opened later in the app
	}
	if first != nil {
		first.Close()
	}
}

func newFirstStart(a fyne.App, w fyne.Window, opts Options, fs FirstStart, chosen func(model.Store)) *firstStart {
	f := &firstStart{a: a, win: w, opts: opts, fs: fs, chosen: chosen, lang: opts.Lang}
	if l := a.Preferences().String(prefLang); l == string(model.EN) || l == string(model.BG) {
		f.lang = model.Lang(l)
	}
	if f.lang == "" {
		f.lang = model.BG
	}
	return f
}

func (f *firstStart) say(bg, en string) string {
	if f.lang == model.EN {
		return en
	}
	return bg
}

func (f *firstStart) content() fyne.CanvasObject {
	intro := widget.NewLabel(f.say("Добре дошли в Strategy Tracker. Файлът по подразбиране още не съществува:\n",
		"Welcome to Strategy Tracker. The default file does not exist yet:\n") + f.fs.DefaultPath)
	intro.Wrapping = fyne.TextWrapWord
	f.demo = widget.NewButtonWithIcon(f.say("Отвори примерната стратегия (София)", "Open the demo strategy (Sofia)"), theme.InfoIcon(), f.onDemo)
	f.newOne = widget.NewButtonWithIcon(f.say("Започни нова стратегия", "Start a new strategy"), theme.ContentAddIcon(), f.onNew)
	f.open = widget.NewButtonWithIcon(f.say("Отвори файл…", "Open a file…"), theme.FolderOpenIcon(), f.onOpen)
	f.title, f.name, f.email = widget.NewEntry(), widget.NewEntry(), widget.NewEntry()
	f.create = widget.NewButtonWithIcon(f.say("Създай", "Create"), theme.ConfirmIcon(), f.onCreate)
	f.create.Importance = widget.HighImportance
	f.errText = widget.NewLabel("")
	f.errText.Importance = widget.DangerImportance
	f.errText.Wrapping = fyne.TextWrapWord
	f.form = container.NewVBox(formGrid(newField(f.say("Наименование на стратегията", "Title of the strategy"), f.title),
		newField(f.say("Вашето име", "Your name"), f.name), newField(f.say("Вашата е-поща", "Your e-mail"), f.email)), f.create)
	f.form.Hide()
	head := heading(f.say("Как да започнем?", "How do we start?"))
	return container.NewPadded(container.NewVBox(head, intro, f.demo, f.newOne, f.open, f.form, f.errText))
}

func (f *firstStart) fail(err error) {
	f.errText.SetText(model.ErrorMessage(err))
}

func (f *firstStart) onDemo() {
	if f.fs.CreateDemo == nil {
		return
	}
	store, err := f.fs.CreateDemo(f.fs.DefaultPath)
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
		f.errText.SetText(f.say("Попълнете наименованието и името си.", "Fill in the title and your name."))
		return
	}
	if f.opts.Creator == nil {
		return
	}
	today := model.DateOf(time.Now())
	if f.opts.Today != nil {
		today = f.opts.Today()
	}
	d := model.NewStrategyDoc(model.T(title, title), name, email, "", today)
	if err := d.Validate(today); err != nil {
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
	dialog.ShowFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			return
		}
		path := r.URI().Path()
		r.Close()
		store, err := f.opts.Opener(path)
		if err != nil {
			f.fail(err)
			return
		}
		f.chosen(store)
	}, f.win)
}
