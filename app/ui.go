package app

import (
	"context"
	"image/color"
	"slices"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"strategytracker/assets"
	"strategytracker/model"
)

// screenID names a screen of the navigation.
type screenID string

const (
	screenDashboard screenID = "dashboard"
	screenMeasures  screenID = "measures"
	screenDetail    screenID = "detail" // a measure's detail; not in the navigation
	screenStructure screenID = "structure"
	screenReports   screenID = "reports"
	screenAudit     screenID = "audit"
)

var navScreens = []screenID{screenDashboard, screenMeasures, screenStructure, screenPeriod, screenReports, screenAudit}

// screen is one page of the content area.
type screen interface {
	content() fyne.CanvasObject
	// refresh shows the document as it now stands.
	refresh()
}

// UI is the main window: the navigation on the left, the current screen on
// the right, the menus. What it works on — file, document, user, as-of
// date, undo history — is its session.
type UI struct {
	*session
	app  fyne.App
	win  fyne.Window
	opts Options

	refitPending bool // centre the window again when the first document is shown

	tasks sync.WaitGroup // background work in flight
	// do runs f on the UI goroutine: fyne.DoAndWait (wait) or fyne.Do.
	do       func(f func(), wait bool)
	busy     int
	filter   measureFilter // kept across language switches
	current  screenID
	navGuard bool
	stepping bool // an undo or redo is in flight

	nav       *widget.List
	body      *fyne.Container
	fileLabel *widget.Label
	userLabel *widget.Label
	busyBox   *fyne.Container // holds the busy indicator while work is in flight
	errLabel  *widget.Label

	dash      *dashboard
	measures  *measuresScreen
	detail    *detailScreen // nil unless a measure is open
	structure *structureScreen
	reports   *reportsScreen
	audit     *auditScreen
	period    *periodScreen // the reporting cycle (period.go)

	menu     *appMenu
	identity *identityDialog // the open "who are you" dialog, if any
	progress dialog.Dialog   // the open progress dialog, if any
	live     liveUpdates     // the watch on a server's changes (connect_watch.go)
	// cursorStop ends the watch on the focused field's cursor (cursor.go).
	cursorStop chan struct{}
	cursor     steadier  // makes the focused field's cursor steady (cursor.go)
	tips       *tipLayer // the tooltips over the window's content (cells.go)
}

// New makes the main window of a over store. Nothing is read until Start.
func New(a fyne.App, store model.Store, opts Options) *UI {
	u := &UI{session: newSession(store, opts.Today), app: a, opts: opts}
	u.do = func(f func(), wait bool) {
		if wait {
			fyne.DoAndWait(f)
		} else {
			fyne.Do(f)
		}
	}
	u.lang = startLang(a.Preferences(), opts.Lang)
	if err := setLanguage(u.lang); err != nil {
		fyne.LogError("translations", err)
	}
	applyTheme(a, a.Preferences().String(prefTheme))
	cleanRecent(a.Preferences(), opts.Redact) // connect.go
	u.filter = measureFilter{}
	u.current = screenDashboard

	icon := fyne.NewStaticResource("icon.png", assets.Icon)
	a.SetIcon(icon)
	u.win = a.NewWindow(AppName)
	u.win.SetIcon(icon)
	u.buildUI()
	u.win.Resize(u.windowSize())
	u.cursorStop = make(chan struct{})
	u.win.SetOnClosed(func() {
		u.rememberSize()
		u.stopWatch()
		close(u.cursorStop)
	})
	return u
}

// Run opens the main window on store and runs the application until the
// window is closed. main owns a and the first store; files opened later
// are closed here.
func Run(a fyne.App, store model.Store, opts Options) {
	run(a, store, opts, nil)
}

// run is Run, calling started (when not nil) on its own goroutine once the
// file is shown: the screenshot driver (screenshot.go, built only with the
// screenshots tag) stages the screens from there, at the sizes it names
// and with the window where it opened (the top left corner it grabs).
func run(a fyne.App, store model.Store, opts Options, started func(u *UI)) {
	u := New(a, store, opts)
	u.win.SetMaster()
	first := store
	// Load once the event loop runs, so that fyne.Do has somewhere to go.
	a.Lifecycle().SetOnStarted(func() {
		if started == nil {
			u.fitToScreen()
		}
		u.Start()
		u.watchDay()
		u.watchCursor()
		if started != nil {
			go started(u)
		}
	})
	a.Lifecycle().SetOnEnteredForeground(u.checkDay)
	u.win.ShowAndRun()
	u.stopWatch()
	if u.store != first {
		u.store.Close() // a file opened in the app; main closes the first
	}
}

// Start reads the open file and shows it.
func (u *UI) Start() {
	u.remember(u.store.Path())
	u.reload(nil)
	u.warnNetworkDrive()
}

// Preference keys.
const (
	prefLang   = "lang"
	prefTheme  = "theme"
	prefRecent = "recent"
	prefUser   = "user." // + the file's DatabaseID
)

// buildUI makes the window's content in the current language: the
// navigation, every screen and the menus. A language switch calls it again.
func (u *UI) buildUI() {
	// The focused widget is about to leave the window: let go of it first
	// (else Fyne complains it cannot focus an object not in the canvas).
	u.win.Canvas().Unfocus()
	u.tips.hide()
	u.period = newPeriodScreen(u) // before the dashboard, which shows its card
	u.dash = newDashboard(u, u.period.card.root)
	u.measures = newMeasuresScreen(u)
	u.structure = newStructureScreen(u)
	u.reports = newReportsScreen(u)
	u.audit = newAuditScreen(u)
	if u.detail != nil {
		id, tab := u.detail.measureID, u.detail.tab()
		u.detail = newDetailScreen(u, id)
		u.detail.showTab(tab)
	}

	u.nav = widget.NewList(
		func() int { return len(navScreens) },
		func() fyne.CanvasObject {
			return container.NewHBox(widget.NewIcon(theme.HomeIcon()), widget.NewLabel(tr("nav.dashboard")))
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			box := o.(*fyne.Container)
			box.Objects[0].(*widget.Icon).SetResource(navIcon(navScreens[i]))
			box.Objects[1].(*widget.Label).SetText(tr("nav." + string(navScreens[i])))
		})
	u.nav.OnSelected = func(i widget.ListItemID) {
		if u.navGuard {
			return
		}
		u.onNavigate(navScreens[i])
	}

	u.fileLabel = widget.NewLabel("")
	u.fileLabel.Truncation = fyne.TextTruncateEllipsis
	u.userLabel = widget.NewLabel("")
	u.userLabel.Wrapping = fyne.TextWrapWord
	switchUser := widget.NewButtonWithIcon(tr("action.switch_user"), theme.AccountIcon(), u.onSwitchUser)
	if _, login := u.loginPerson(); login {
		switchUser.Hide() // a server's login is its person (connect.go)
	}
	old := u.busyBox
	u.busyBox = container.NewVBox()
	if old != nil {
		for _, o := range old.Objects {
			stopAnimation(o)
		}
		if u.busy > 0 {
			u.busyBox.Add(widget.NewProgressBarInfinite())
		}
	}
	u.errLabel = widget.NewLabel("")
	u.errLabel.Importance = widget.DangerImportance
	u.errLabel.Wrapping = fyne.TextWrapWord
	u.errLabel.Hide()

	appTitle := widget.NewLabelWithStyle(AppName, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	left := container.NewBorder(
		container.NewVBox(appTitle, widget.NewSeparator()),
		container.NewVBox(widget.NewSeparator(), u.userLabel, switchUser, u.busyBox),
		nil, nil, u.nav)
	leftBG := canvas.NewRectangle(navBackground())
	u.body = container.NewStack()
	footer := container.NewBorder(widget.NewSeparator(), nil, widget.NewIcon(theme.StorageIcon()), nil, u.fileLabel)
	right := container.NewBorder(u.errLabel, footer, nil, nil, u.body)
	split := container.NewHSplit(container.NewStack(leftBG, left), right)
	split.Offset = 0.18
	u.tips = newTipLayer()
	u.win.SetContent(container.NewStack(split, u.tips))
	u.menu = newAppMenu(u)
	u.menu.install()
	u.followStore() // connect_watch.go: live updates of a server's strategy

	if u.doc != nil {
		u.refreshAll()
	}
	u.showScreen(u.current)
}

// navBackground is the colour behind the navigation.
func navBackground() color.Color { return theme.Color(theme.ColorNameHeaderBackground) }

func navIcon(s screenID) fyne.Resource {
	switch s {
	case screenDashboard:
		return theme.HomeIcon()
	case screenMeasures:
		return theme.ListIcon()
	case screenStructure:
		return theme.GridIcon()
	case screenReports:
		return theme.DocumentIcon()
	case screenAudit:
		return theme.HistoryIcon()
	case screenPeriod:
		return theme.CalendarIcon()
	}
	return theme.QuestionIcon()
}

// onNavigate shows a screen chosen in the navigation.
func (u *UI) onNavigate(s screenID) {
	u.showScreen(s)
}

// showScreen puts screen s in the content area.
func (u *UI) showScreen(s screenID) {
	if s == screenDetail && u.detail == nil {
		s = screenMeasures
	}
	u.current = s
	u.tips.hide() // a tip of the screen that goes (its cell gets no MouseOut)
	var sc screen
	switch s {
	case screenDashboard:
		sc = u.dash
	case screenMeasures:
		sc = u.measures
	case screenDetail:
		sc = u.detail
	case screenStructure:
		sc = u.structure
	case screenReports:
		sc = u.reports
	case screenAudit:
		sc = u.audit
	case screenPeriod:
		sc = u.period
	}
	u.body.Objects = []fyne.CanvasObject{sc.content()}
	u.body.Refresh()
	u.dropLostFocus()
	if s == screenAudit {
		defer u.audit.onSearch() // last: it starts background work
	}
	navSel := s
	if s == screenDetail {
		navSel = screenMeasures
	}
	for i, id := range navScreens {
		if id == navSel {
			u.navGuard = true
			u.nav.Select(i)
			u.navGuard = false
		}
	}
}

// openMeasure shows the detail of measure id.
func (u *UI) openMeasure(id model.ID) {
	if u.doc == nil || u.doc.Measure(id) == nil {
		return
	}
	u.detail = newDetailScreen(u, id)
	u.detail.refresh()
	u.showScreen(screenDetail)
}

// reload reads the document again and shows it; then, when set, runs
// afterwards on the UI goroutine.
func (u *UI) reload(then func()) {
	store := u.store
	u.background(func() func() {
		doc, err := store.Doc(context.Background())
		return func() {
			if u.store != store {
				return // another file was opened meanwhile
			}
			if err != nil {
				u.errLabel.SetText(tr("error.load") + ": " + errorMessage(err))
				u.errLabel.Show()
				u.showError(tr("error.load"), err)
				return
			}
			u.errLabel.Hide()
			u.setDoc(doc)
			if then != nil {
				then()
			}
		}
	})
}

// setDoc makes doc the document shown everywhere.
func (u *UI) setDoc(doc *model.Doc) {
	u.doc = doc
	u.sum = model.Summarize(doc, u.today)
	if u.me != nil {
		u.me = doc.Person(u.me.ID) // the role may have changed
	}
	login, isLogin := u.loginPerson() // connect.go: a server's login is its person
	if isLogin {
		u.me = doc.Person(login)
	}
	if u.me == nil && !isLogin {
		if id := u.app.Preferences().Int(prefUser + u.store.DatabaseID()); id != 0 {
			u.me = doc.Person(model.ID(id))
		}
	}
	u.win.SetTitle(u.windowTitle())
	u.refreshAll()
	u.refit() // window_screen.go: centred at the width the document needs
	if u.me == nil && u.identity == nil && !isLogin {
		u.showIdentity()
	}
}

// refreshAll shows the document on every screen.
func (u *UI) refreshAll() {
	u.showSession()
	u.dash.refresh()
	u.measures.refresh()
	if u.detail != nil {
		if u.doc.Measure(u.detail.measureID) == nil {
			u.detail = nil
			if u.current == screenDetail {
				u.showScreen(screenMeasures)
			}
		} else {
			u.detail.refresh()
		}
	}
	u.structure.refresh()
	u.reports.refresh()
	u.audit.refresh()
	u.period.refresh()
	u.menu.refresh()
}

// remember puts path first in the recent files.
func (u *UI) remember(path string) {
	if path == "" {
		return
	}
	prefs := u.app.Preferences()
	old := prefs.StringList(prefRecent)
	list := []string{path}
	for _, p := range old {
		if p != path && len(list) < 8 {
			list = append(list, p)
		}
	}
	// Write only a change: Fyne rewrites the whole preferences file, and
	// its watcher reading it half-written logs "Preferences load error: EOF".
	if !slices.Equal(list, old) {
		prefs.SetStringList(prefRecent, list)
	}
}

// dropLostFocus lets go of the focused widget when its screen has just
// gone (showScreen): else the keys typed would still go to an unseen field
// or table, and its cursor would keep blinking. The navigation list, beside
// the screens, keeps its focus: its arrow keys go through the screens.
func (u *UI) dropLostFocus() {
	c := u.win.Canvas()
	if f := c.Focused(); f != nil && f != fyne.Focusable(u.nav) && c.Overlays().Top() == nil { // a dialog's focus is its own
		c.Unfocus()
	}
}
