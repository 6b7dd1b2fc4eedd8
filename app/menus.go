package app

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"strategytracker/model"
)

// appMenu is the main menu and the keyboard shortcuts.
type appMenu struct {
	u      *UI
	main   *fyne.MainMenu
	undo   *fyne.MenuItem
	redo   *fyne.MenuItem
	recent *fyne.MenuItem
	bg     *fyne.MenuItem
	en     *fyne.MenuItem
	light  *fyne.MenuItem
	dark   *fyne.MenuItem
	system *fyne.MenuItem
	export *fyne.MenuItem
	imp    *fyne.MenuItem
	plan   *fyne.MenuItem // Import a plan…
	file   *fyne.Menu
	// fileAll is every item of the File menu; refresh leaves out those the
	// user's role may not use (roles: hidden, not greyed).
	fileAll []*fyne.MenuItem
	backup  *fyne.MenuItem
}

// Keyboard shortcuts. Fyne 2.7 turns Ctrl+Z and Ctrl+Y into ShortcutUndo
// and ShortcutRedo and gives them to the focused entry, unless a menu item
// carries them: the menu's items do, and onUndoKey/onRedoKey give the
// entry its own undo while it has unsaved typing. Every shortcut is also an
// item of Help › Keyboard shortcuts, which lists them and makes them work
// whatever has the focus (the window looks for shortcuts in the menus
// before the focused widget).
var (
	shortcutOpen      = &desktop.CustomShortcut{KeyName: fyne.KeyO, Modifier: fyne.KeyModifierShortcutDefault}
	shortcutUndo      = &fyne.ShortcutUndo{}
	shortcutRedo      = &fyne.ShortcutRedo{}
	shortcutRedoShift = &desktop.CustomShortcut{KeyName: fyne.KeyZ, Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift}
	shortcutFind      = &desktop.CustomShortcut{KeyName: fyne.KeyF, Modifier: fyne.KeyModifierShortcutDefault}
	shortcutExp       = &desktop.CustomShortcut{KeyName: fyne.KeyE, Modifier: fyne.KeyModifierShortcutDefault}
	shortcutSave      = &desktop.CustomShortcut{KeyName: fyne.KeyS, Modifier: fyne.KeyModifierShortcutDefault}
	shortcutBack      = &desktop.CustomShortcut{KeyName: fyne.KeyLeft, Modifier: fyne.KeyModifierAlt}
	shortcutScreens   = []*desktop.CustomShortcut{
		{KeyName: fyne.Key1, Modifier: fyne.KeyModifierShortcutDefault},
		{KeyName: fyne.Key2, Modifier: fyne.KeyModifierShortcutDefault},
		{KeyName: fyne.Key3, Modifier: fyne.KeyModifierShortcutDefault},
		{KeyName: fyne.Key4, Modifier: fyne.KeyModifierShortcutDefault},
		{KeyName: fyne.Key5, Modifier: fyne.KeyModifierShortcutDefault},
		{KeyName: fyne.Key6, Modifier: fyne.KeyModifierShortcutDefault}, // the reporting cycle (period.go)
	}
)

func newAppMenu(u *UI) *appMenu {
	m := &appMenu{u: u}
	item := func(key string, action func(), sc fyne.Shortcut) *fyne.MenuItem {
		if sc != nil && key != "menu.undo" && key != "menu.redo" {
			action = u.unlessModal(action)
		}
		it := fyne.NewMenuItem(tr(key), action)
		it.Shortcut = sc
		return it
	}
	open := item("menu.open", u.onOpen, shortcutOpen)
	connect := item("menu.connect", u.onConnect, nil) // connect.go
	m.recent = fyne.NewMenuItem(tr("menu.recent"), nil)
	newStrategy := item("menu.new", u.onNewStrategy, nil)
	demo := item("menu.demo", u.onOpenDemo, nil)
	m.backup = item("menu.backup", u.onBackup, nil)
	m.imp = item("menu.import", u.onImport, nil)
	m.export = item("menu.export", u.onExport, shortcutExp)
	planBook := fyne.NewMenuItem(tr("menu.plan_workbook"), u.onPlanTemplate) // structure_planbook.go
	m.plan = fyne.NewMenuItem(tr("menu.import_plan"), u.onPlanImport)
	publish := item("publish.menu", u.onPublish, nil) // publish.go; explains to others why not
	switchUser := item("action.switch_user", u.onSwitchUser, nil)
	_, switchUser.Disabled = u.loginPerson() // a server's login is its person
	quit := fyne.NewMenuItem(tr("menu.quit"), func() {
		u.rememberSize()
		u.app.Quit()
	})
	quit.IsQuit = true
	m.fileAll = []*fyne.MenuItem{newStrategy, open, demo, connect, m.recent, fyne.NewMenuItemSeparator(),
		m.backup, m.imp, m.export, planBook, m.plan, publish, fyne.NewMenuItemSeparator(), switchUser, fyne.NewMenuItemSeparator(), quit}
	m.file = fyne.NewMenu(tr("menu.file"), m.fileAll...)
	file := m.file

	m.undo = item("menu.undo", u.onUndoKey, shortcutUndo)
	m.redo = item("menu.redo", u.onRedoKey, shortcutRedo)
	find := item("menu.find", u.measures.onFind, shortcutFind)
	editMenu := fyne.NewMenu(tr("menu.edit"), m.undo, m.redo, fyne.NewMenuItemSeparator(), find)

	m.bg = fyne.NewMenuItem(langNames[model.BG], func() { u.onLanguage(model.BG) })
	m.en = fyne.NewMenuItem(langNames[model.EN], func() { u.onLanguage(model.EN) })
	m.light = fyne.NewMenuItem(tr("menu.light"), func() { u.onTheme("light") })
	m.dark = fyne.NewMenuItem(tr("menu.dark"), func() { u.onTheme("dark") })
	m.system = fyne.NewMenuItem(tr("menu.systemtheme"), func() { u.onTheme("") })
	view := fyne.NewMenu(tr("menu.view"), m.bg, m.en, fyne.NewMenuItemSeparator(), m.light, m.dark, m.system)

	about := fyne.NewMenuItem(tr("menu.about"), u.onAbout)
	keys := fyne.NewMenuItem(tr("menu.shortcuts"), nil)
	keys.ChildMenu = fyne.NewMenu("", m.shortcutItems()...)
	help := fyne.NewMenu(tr("menu.help"), keys, fyne.NewMenuItemSeparator(), about)
	m.main = fyne.NewMainMenu(file, editMenu, view, help)
	return m
}

// install puts the menu on the window and registers the shortcuts.
func (m *appMenu) install() {
	u := m.u
	m.refresh()
	u.win.SetMainMenu(m.main)
	c := u.win.Canvas()
	for _, it := range m.shortcutItems() {
		fn := it.Action
		c.RemoveShortcut(it.Shortcut)
		c.AddShortcut(it.Shortcut, func(fyne.Shortcut) { fn() })
	}
}

// shortcutItems are the items of Help › Keyboard shortcuts: every
// shortcut of the app with what it does.
func (m *appMenu) shortcutItems() []*fyne.MenuItem {
	u := m.u
	item := func(label string, sc fyne.Shortcut, fn func()) *fyne.MenuItem {
		switch sc {
		case shortcutUndo, shortcutRedo, shortcutRedoShift, shortcutSave:
		default:
			fn = u.unlessModal(fn) // Ctrl+1…6, Ctrl+F… do nothing behind an open dialog
		}
		it := fyne.NewMenuItem(label, fn)
		it.Shortcut = sc
		return it
	}
	items := []*fyne.MenuItem{
		item(tr("menu.undo"), shortcutUndo, u.onUndoKey),
		item(tr("menu.redo"), shortcutRedo, u.onRedoKey),
		item(tr("menu.redo"), shortcutRedoShift, u.onRedoKey),
		item(tr("shortcut.save"), shortcutSave, u.onSaveKey),
		item(tr("action.back"), shortcutBack, func() {
			if u.current == screenDetail {
				u.showScreen(screenMeasures)
			}
		}),
		item(tr("menu.find"), shortcutFind, u.measures.onFind),
		item(tr("menu.export"), shortcutExp, u.onExport),
		item(tr("menu.open"), shortcutOpen, u.onOpen),
	}
	for i, s := range navScreens {
		s := s
		items = append(items, item(tr("nav."+string(s)), shortcutScreens[i], func() { u.showScreen(s) }))
	}
	return items
}

// unlessModal is fn, doing nothing while a dialog is open over the window:
// a shortcut must not switch the screen or focus a field behind it.
func (u *UI) unlessModal(fn func()) func() {
	return func() {
		if u.win.Canvas().Overlays().Top() != nil {
			return
		}
		fn()
	}
}

// onUndoKey is Ctrl+Z: the focused entry's own typing first, while it has
// some unsaved, else the app's latest edit.
func (u *UI) onUndoKey() {
	if e, ok := u.win.Canvas().Focused().(*widget.Entry); ok {
		before := e.Text
		e.Undo()
		if e.Text != before {
			return
		}
	}
	u.onUndo()
}

// onRedoKey is Ctrl+Y and Ctrl+Shift+Z, as onUndoKey.
func (u *UI) onRedoKey() {
	if e, ok := u.win.Canvas().Focused().(*widget.Entry); ok {
		before := e.Text
		e.Redo()
		if e.Text != before {
			return
		}
	}
	u.onRedo()
}

// onSaveKey is Ctrl+S: it saves the measure form shown.
func (u *UI) onSaveKey() {
	if u.current == screenDetail && u.detail != nil {
		u.detail.onSaveKey()
	}
}

// refresh shows the state of undo, the recent files and the choices.
func (m *appMenu) refresh() {
	u := m.u
	m.undo.Disabled = !u.hist.canUndo()
	m.undo.Label = tr("menu.undo")
	if n := len(u.hist.undo); n > 0 {
		m.undo.Label += ": " + u.hist.undo[n-1].label
	}
	m.redo.Disabled = !u.hist.canRedo()
	m.redo.Label = tr("menu.redo")
	if n := len(u.hist.redo); n > 0 {
		m.redo.Label += ": " + u.hist.redo[n-1].label
	}
	var recent []*fyne.MenuItem
	for _, p := range u.app.Preferences().StringList(prefRecent) {
		recent = append(recent, u.recentItem(p)) // connect.go: a file or a server
	}
	if len(recent) == 0 {
		none := fyne.NewMenuItem(tr("menu.recent.none"), nil)
		none.Disabled = true
		recent = append(recent, none)
	}
	m.recent.ChildMenu = fyne.NewMenu("", recent...)
	m.bg.Checked = u.lang == model.BG
	m.en.Checked = u.lang == model.EN
	t := u.app.Preferences().String(prefTheme)
	m.light.Checked, m.dark.Checked, m.system.Checked = t == "light", t == "dark", t == ""
	hidden := map[*fyne.MenuItem]bool{m.imp: !u.canEdit(), m.plan: model.AuthorizePlanImport(u.me) != nil || u.store.ReadOnly()}
	items := make([]*fyne.MenuItem, 0, len(m.fileAll)) // never m.fileAll's array
	for _, it := range m.fileAll {
		if !hidden[it] {
			items = append(items, it)
		}
	}
	m.file.Items = items
	m.main.Refresh()
}

// onLanguage switches the language of the interface and of the content.
func (u *UI) onLanguage(l model.Lang) {
	if l == u.lang {
		return
	}
	u.lang = l
	u.app.Preferences().SetString(prefLang, string(l))
	if err := setLanguage(l); err != nil {
		u.showError(tr("error.language"), err)
	}
	if u.doc != nil {
		u.sum = model.Summarize(u.doc, u.today)
		u.win.SetTitle(u.windowTitle())
	}
	u.buildUI()
}

// onTheme chooses the light or dark variant ("" follows the system).
func (u *UI) onTheme(name string) {
	u.app.Preferences().SetString(prefTheme, name)
	applyTheme(u.app, name)
	u.buildUI()
}

// applyTheme gives a the theme chosen in View › Theme (prefTheme): the
// main window and the first-start window look the same.
func applyTheme(a fyne.App, name string) {
	switch name {
	case "light":
		a.Settings().SetTheme(variantTheme{theme.DefaultTheme(), theme.VariantLight})
	case "dark":
		a.Settings().SetTheme(variantTheme{theme.DefaultTheme(), theme.VariantDark})
	default:
		a.Settings().SetTheme(variantTheme{theme.DefaultTheme(), systemVariant})
	}
}

// lightTextColors replace Fyne's success, warning and error colours in the
// light variant, where they are too light to read as text on white (issue
// 22: "returned on …" in light green, the lock banners in light orange):
// each has a contrast of at least 4.5:1 on the light background (WCAG AA)
// and under the white text of a button of that importance.
var lightTextColors = map[fyne.ThemeColorName]color.Color{
	theme.ColorNameSuccess: color.NRGBA{R: 0x1E, G: 0x7B, B: 0x34, A: 0xFF},
	theme.ColorNameWarning: color.NRGBA{R: 0xA3, G: 0x55, B: 0x00, A: 0xFF},
	theme.ColorNameError:   color.NRGBA{R: 0xC6, G: 0x28, B: 0x28, A: 0xFF},
}

// systemVariant follows the system's light or dark choice.
const systemVariant fyne.ThemeVariant = 99

// variantTheme is the default theme held to one variant (or the system's),
// with a focus that shows: the keyboard's place must be seen at a glance.
type variantTheme struct {
	fyne.Theme
	variant fyne.ThemeVariant
}

func (t variantTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	if t.variant != systemVariant {
		v = t.variant
	}
	if c, ok := lightTextColors[n]; ok && v == theme.VariantLight {
		return c
	}
	if n == theme.ColorNameFocus {
		c := color.NRGBAModel.Convert(t.Theme.Color(theme.ColorNamePrimary, v)).(color.NRGBA)
		c.A = 0x66
		return c
	}
	return t.Theme.Color(n, v)
}
