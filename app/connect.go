package app

import (
	"context"
	"errors"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"strategytracker/model"
)

// File › Connect to server…: the strategy of a shared office on a
// PostgreSQL server (issue 15). The app never imports storage: main hands
// it Options.Connector, and the store it returns says whose login it is
// (model.Store.LoginPerson) and reports others' changes (Watch).

// isServerAddress reports whether s names a PostgreSQL server rather than a
// file (as postgres.IsURL, which the app may not import).
func isServerAddress(s string) bool {
	l := strings.ToLower(strings.TrimSpace(s))
	return strings.HasPrefix(l, "postgres://") || strings.HasPrefix(l, "postgresql://") || strings.HasPrefix(l, "service=")
}

// isServer reports whether the open store is a server's.
func (u *UI) isServer() bool {
	return isServerAddress(u.store.Path())
}

// loginPerson is the person the server's login acts as; false when the
// store is a file, or the login is not a person's (the administrator's).
func (u *UI) loginPerson() (model.ID, bool) {
	id := u.store.LoginPerson()
	return id, id != 0
}

// storeLabel is the status bar's text: the file or the server.
func (u *UI) storeLabel() string {
	key := "label.file"
	if u.isServer() {
		key = "label.server"
	}
	t := tr(key) + ": " + u.store.Path()
	if u.store.ReadOnly() {
		t += " (" + tr("label.readonly") + ")"
	}
	return t
}

// windowTitle is the strategy's title, and the server's address when the
// strategy is on one.
func (u *UI) windowTitle() string {
	t := WindowTitle(&u.doc.Strategy, u.lang)
	if u.isServer() {
		t += " — " + u.store.Path()
	}
	return t
}

// recentItem is the Open recent entry of a file or of a server.
func (u *UI) recentItem(p string) *fyne.MenuItem {
	if isServerAddress(p) {
		return fyne.NewMenuItem(p, func() { u.connectTo(p) })
	}
	return fyne.NewMenuItem(recentFileLabel(p), func() { u.openFile(p) })
}

func recentFileLabel(p string) string { return filepath.Base(p) + " — " + filepath.Dir(p) }

// connectDialog asks for the server's address.
type connectDialog struct {
	u       *UI
	dlg     *dialog.CustomDialog
	address *widget.Entry
	errText *widget.Label
	connect *widget.Button
	cancel  *widget.Button
}

// onConnect opens the connect dialog (File › Connect to server…).
func (u *UI) onConnect() {
	if u.opts.Connector == nil {
		u.inform(tr("menu.connect"), tr("connect.unavailable"))
		return
	}
	u.showConnect(u.lastServer(), nil)
}

// lastServer is the most recent server address, "" when none.
func (u *UI) lastServer() string {
	for _, p := range u.app.Preferences().StringList(prefRecent) {
		if isServerAddress(p) {
			return p
		}
	}
	return ""
}

// cleanRecent rewrites the recent entries through redact, once each: an
// older version kept a server's address as it was typed, password and all.
func cleanRecent(prefs fyne.Preferences, redact func(string) string) {
	if redact == nil {
		return
	}
	old := prefs.StringList(prefRecent)
	var list []string
	for _, p := range old {
		if p = redact(p); !slices.Contains(list, p) {
			list = append(list, p)
		}
	}
	if !slices.Equal(list, old) {
		prefs.SetStringList(prefRecent, list)
	}
}

// showConnect opens the connect dialog on address; err, when set, is why
// the last attempt failed.
func (u *UI) showConnect(address string, err error) *connectDialog {
	c := &connectDialog{u: u, address: widget.NewEntry(), errText: widget.NewLabel("")}
	c.address.SetPlaceHolder("postgres://ime.familiya%40sofia.bg@server.sofia.bg/strategy")
	c.address.SetText(address)
	c.address.OnSubmitted = func(string) { c.onConnect() }
	c.errText.Wrapping = fyne.TextWrapWord
	c.errText.Importance = widget.DangerImportance
	c.errText.Hide()
	if err != nil {
		c.showError(err)
	}
	intro := widget.NewLabel(tr("connect.intro"))
	intro.Wrapping = fyne.TextWrapWord
	label := widget.NewLabelWithStyle(tr("connect.address"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	form := container.NewVBox(intro, label, c.address, hint(tr("connect.hint")), c.errText)
	c.dlg = dialog.NewCustomWithoutButtons(tr("connect.title"), form, u.win)
	c.cancel = widget.NewButtonWithIcon(tr("action.cancel"), theme.CancelIcon(), c.dlg.Hide)
	c.connect = widget.NewButtonWithIcon(tr("connect.ok"), theme.LoginIcon(), c.onConnect)
	c.connect.Importance = widget.HighImportance
	c.dlg.SetButtons([]fyne.CanvasObject{c.cancel, c.connect})
	size := u.win.Canvas().Size()
	c.dlg.Resize(fyne.NewSize(min(640, max(420, size.Width*0.9)), 0))
	c.dlg.Show()
	u.win.Canvas().Focus(c.address)
	u.observe(c)
	return c
}

func (c *connectDialog) showError(err error) {
	c.errText.SetText(connectErrorText(err))
	c.errText.Show()
}

func (c *connectDialog) onConnect() {
	address := strings.TrimSpace(c.address.Text)
	switch {
	case address == "":
		c.errText.SetText(tr("connect.error.empty"))
		c.errText.Show()
		return
	case !isServerAddress(address):
		c.errText.SetText(tr("connect.error.address"))
		c.errText.Show()
		return
	}
	c.dlg.Hide()
	c.u.connectTo(address)
}

// errNoPerson refuses a login that is no person of the strategy.
var errNoPerson = errors.New("no person of this strategy has this login")

// errPasswordCancelled is the answer of a password dialog closed unanswered.
var errPasswordCancelled = errors.New("no password given")

// connectTo connects to the server at address off the UI goroutine and,
// once connected, shows its strategy; on failure the connect dialog opens
// again with what went wrong.
func (u *UI) connectTo(address string) {
	if u.opts.Connector == nil {
		u.onConnect()
		return
	}
	var store model.Store
	var cancelled atomic.Bool
	ask := u.askPassword(&cancelled)
	u.slow(tr("progress.connect"), func(_ context.Context, _ func(int, int)) error {
		s, err := u.opts.Connector(address, ask)
		if err != nil {
			return err
		}
		if s.LoginPerson() == 0 {
			s.Close()
			return errNoPerson
		}
		store = s
		return nil
	}, func(err error) {
		switch {
		case err != nil && cancelled.Load():
			u.showConnect(address, nil) // the user closed the password dialog
		case err != nil:
			u.showConnect(address, err)
		default:
			u.switchStore(store)
		}
	})
}

// connectErrorText says what went wrong in the user's language, then the
// server's own words.
func connectErrorText(err error) string {
	if errors.Is(err, errNoPerson) {
		return tr("connect.error.noperson")
	}
	msg := errorMessage(err)
	low := strings.ToLower(msg)
	key := "connect.error.unreachable"
	switch {
	case model.ErrorCode(err) == model.EFORBIDDEN:
		key = "connect.error.login"
	case model.ErrorCode(err) == model.ENOTFOUND || strings.Contains(low, "schema"):
		key = "connect.error.notours"
	case strings.Contains(low, "not a valid postgresql connection"):
		key = "connect.error.address"
	}
	return tr(key) + "\n" + msg
}

// passwordDialog asks for the password the server wants. The password is
// handed to the connection and kept nowhere else.
type passwordDialog struct {
	dlg      *dialog.CustomDialog
	password *widget.Entry
	ok       *widget.Button
	cancel   *widget.Button
}

// askPassword returns the Options.AskPassword of one connection: it runs
// on the connecting goroutine, shows the dialog on the UI goroutine and
// waits for the answer. cancelled records a dialog closed unanswered.
func (u *UI) askPassword(cancelled *atomic.Bool) func(prompt string) (string, error) {
	return func(prompt string) (string, error) {
		answer := make(chan *string, 1)
		u.do(func() { u.showPassword(prompt, answer) }, false)
		pw := <-answer
		if pw == nil {
			cancelled.Store(true)
			return "", errPasswordCancelled
		}
		return *pw, nil
	}
}

func (u *UI) showPassword(prompt string, answer chan<- *string) *passwordDialog {
	p := &passwordDialog{password: widget.NewPasswordEntry()}
	var once atomic.Bool
	reply := func(pw *string) {
		if once.CompareAndSwap(false, true) {
			p.dlg.Hide()
			answer <- pw
		}
	}
	submit := func() {
		pw := p.password.Text
		reply(&pw)
	}
	p.password.OnSubmitted = func(string) { submit() }
	text := widget.NewLabel(passwordPrompt(prompt))
	text.Wrapping = fyne.TextWrapWord
	p.dlg = dialog.NewCustomWithoutButtons(tr("connect.password.title"),
		container.NewVBox(text, p.password, hint(tr("connect.password.hint"))), u.win)
	p.cancel = widget.NewButtonWithIcon(tr("action.cancel"), theme.CancelIcon(), func() { reply(nil) })
	p.ok = widget.NewButtonWithIcon(tr("connect.ok"), theme.LoginIcon(), submit)
	p.ok.Importance = widget.HighImportance
	p.dlg.SetButtons([]fyne.CanvasObject{p.cancel, p.ok})
	p.dlg.SetOnClosed(func() { reply(nil) })
	p.dlg.Resize(fyne.NewSize(460, 0))
	p.dlg.Show()
	u.win.Canvas().Focus(p.password)
	u.observe(p)
	return p
}

// passwordPrompt translates storage/postgres's "Password of LOGIN on HOST: ".
func passwordPrompt(prompt string) string {
	rest, ok := strings.CutPrefix(prompt, "Password of ")
	if login, host, found := strings.Cut(strings.TrimSuffix(strings.TrimSpace(rest), ":"), " on "); ok && found {
		return trf("connect.password.for", login, host)
	}
	return tr("connect.password.intro")
}
