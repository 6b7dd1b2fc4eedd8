// File › Connect to server: the dialog's errors, the password question, a
// build without a server connector.

package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"strategytracker/model"
)

// The connect dialog refuses what is no address and says, in the user's
// language, why a connection failed; the file stays open.
func TestConnectErrors(t *testing.T) {
	for _, tc := range []struct {
		name, address string
		err           error
		store         func() model.Store
		want          string
	}{
		{name: "empty", address: " ", want: "connect.error.empty"},
		{name: "a file", address: "/home/ivan/strategy.db", want: "connect.error.address"},
		{name: "unreachable", address: testServer,
			err: model.Errorf(model.EINVALID, "cannot connect to postgres://db.sofia.bg/strategy: dial tcp 10.0.0.5:5432: connect: connection refused"), want: "connect.error.unreachable"},
		{name: "wrong password", address: testServer,
			err: model.Errorf(model.EFORBIDDEN, `the server postgres://db.sofia.bg/strategy refused login "maria@sofia.example": password authentication failed`), want: "connect.error.login"},
		{name: "no schema", address: testServer,
			err: model.Errorf(model.EINVALID, "postgres://db.sofia.bg/strategy holds no Strategy Tracker schema: an administrator creates it"), want: "connect.error.notours"},
		{name: "no strategy", address: testServer,
			err: model.Errorf(model.ENOTFOUND, "postgres://db.sofia.bg/strategy holds no strategy yet"), want: "connect.error.notours"},
		{name: "bad address", address: "postgres://db.sofia.bg:port/x",
			err: model.Errorf(model.EINVALID, "postgres://db.sofia.bg:port/x is not a valid PostgreSQL connection: invalid port"), want: "connect.error.address"},
		{name: "no person", address: testServer, store: func() model.Store { return newServerStore(testDoc(), 0) }, want: "connect.error.noperson"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t, testDoc(), pOffice)
			u := h.u
			var returned model.Store
			fc := &fakeConnector{connect: func(string, func(string) (string, error)) (model.Store, error) {
				if tc.store != nil {
					returned = tc.store()
					return returned, nil
				}
				return nil, tc.err
			}}
			u.opts.Connector = fc.fn
			file := u.store
			u.onConnect()
			c := latest[*connectDialog](h)
			c.address.SetText(tc.address)
			h.tap(c.connect)
			again := latest[*connectDialog](h)
			if !again.errText.Visible() || !strings.HasPrefix(again.errText.Text, tr(tc.want)) {
				t.Errorf("message = %q, want it to begin %q", again.errText.Text, tr(tc.want))
			}
			if tc.err != nil && !strings.Contains(again.errText.Text, model.ErrorMessage(tc.err)) {
				t.Errorf("message = %q, want the server's words too", again.errText.Text)
			}
			if wantCalls := map[bool]int{true: 1, false: 0}[isServerAddress(tc.address)]; fc.calls() != wantCalls {
				t.Errorf("connector called %d times, want %d", fc.calls(), wantCalls)
			}
			if u.store != file {
				t.Error("a failed connection closed the open file")
			}
			if ms, ok := returned.(*serverStore); ok && !ms.closed {
				t.Error("the refused login's connection was left open")
			}
		})
	}
}

// The password is asked for only when the server wants it, used for that
// connection and remembered nowhere; the address goes among the recent
// files and opens again from there.
func TestConnectAsksPassword(t *testing.T) {
	h := newHarness(t, testDoc(), pOffice)
	u := h.u
	server := newServerStore(testDoc(), pCoordIT)
	fc := &fakeConnector{}
	fc.connect = func(address string, ask func(string) (string, error)) (model.Store, error) {
		pw, err := ask("Password of maria@sofia.example on db.sofia.bg: ")
		if err != nil {
			return nil, model.Errorf(model.EFORBIDDEN, "connect to %s: %v", address, err)
		}
		fc.mu.Lock()
		fc.passwords = append(fc.passwords, pw)
		fc.mu.Unlock()
		if pw != "тайна-парола" {
			return nil, model.Errorf(model.EFORBIDDEN, `the server %s refused login "maria@sofia.example": password authentication failed`, address)
		}
		return server, nil
	}
	u.opts.Connector = fc.fn

	// Cancelled: back to the dialog, no error, the file still open.
	u.onConnect()
	c := latest[*connectDialog](h)
	c.address.SetText(testServer)
	h.seen = nil
	test.Tap(c.connect)
	pumpUntil(t, u, "password asked", func() bool { return opened[*passwordDialog](h) })
	p := latest[*passwordDialog](h)
	if got := topText(u); !strings.Contains(got, "maria@sofia.example") || !strings.Contains(got, "db.sofia.bg") {
		t.Errorf("password dialog says %q, want the login and the server", got)
	}
	test.Tap(p.cancel)
	u.settle()
	c = latest[*connectDialog](h)
	if c.errText.Visible() || c.address.Text != testServer {
		t.Errorf("after cancel: address %q, message %q; want the address kept, no message", c.address.Text, c.errText.Text)
	}

	// Wrong password: the server's refusal.
	h.seen = nil
	test.Tap(c.connect)
	pumpUntil(t, u, "password asked", func() bool { return opened[*passwordDialog](h) })
	p = latest[*passwordDialog](h)
	test.Type(p.password, "грешна")
	test.Tap(p.ok)
	u.settle()
	c = latest[*connectDialog](h)
	if !strings.HasPrefix(c.errText.Text, tr("connect.error.login")) {
		t.Errorf("after a wrong password: %q", c.errText.Text)
	}

	// The right one, typed and submitted with Enter.
	h.seen = nil
	test.Tap(c.connect)
	pumpUntil(t, u, "password asked", func() bool { return opened[*passwordDialog](h) })
	p = latest[*passwordDialog](h)
	test.Type(p.password, "тайна-парола")
	p.password.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	u.settle()
	if u.store != server {
		t.Fatalf("not connected: store %s", u.store.Path())
	}
	if u.me == nil || u.me.ID != pCoordIT {
		t.Errorf("user = %v, want the login's person", u.me)
	}
	if u.identity != nil {
		t.Error("asked who the user is")
	}
	if !h.store.closed {
		t.Error("the file opened before was not closed")
	}
	recent := u.app.Preferences().StringList(prefRecent)
	if len(recent) == 0 || recent[0] != testServer {
		t.Fatalf("recent = %q, want the server first", recent)
	}
	for _, r := range recent {
		if strings.Contains(r, "тайна") {
			t.Errorf("the password was remembered: %q", r)
		}
	}
	if got := fc.passwords; len(got) != 2 || got[1] != "тайна-парола" {
		t.Errorf("passwords given = %q", got)
	}
	u.settle()
	u.stopWatch()

	// Open recent → the server: connects again (asks again: nothing kept).
	items := u.menu.recent.ChildMenu.Items
	if items[0].Label != testServer {
		t.Fatalf("first recent item = %q, want the server", items[0].Label)
	}
	h.seen = nil
	items[0].Action()
	pumpUntil(t, u, "password asked again", func() bool { return opened[*passwordDialog](h) })
	test.Tap(latest[*passwordDialog](h).cancel)
	u.settle()
	if fc.calls() != 4 || fc.addresses[3] != testServer {
		t.Errorf("connector calls = %q", fc.addresses)
	}
}

// Without a connector (a build without servers) the menu item explains.
func TestConnectUnavailable(t *testing.T) {
	h := newHarness(t, testDoc(), pOffice)
	h.u.onConnect()
	if opened[*connectDialog](h) {
		t.Error("connect dialog opened without a connector")
	}
	if got := h.topDialogText(); !strings.Contains(got, tr("connect.unavailable")) {
		t.Errorf("dialog says %q", got)
	}
}
