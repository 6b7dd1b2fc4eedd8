//go:build screenshots

package app

import (
	"errors"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"strategytracker/model"
)

// The connect and password dialogs in both languages (PNG files in
// $CONNECT_SHOTS, else a temporary folder).
func TestConnectScreenshots(t *testing.T) {
	dir := shotsDir(t, "CONNECT_SHOTS")
	h := newHarness(t, testDoc(), pOffice)
	u := h.u
	u.win.Resize(fyne.NewSize(1280, 760))
	u.opts.Connector = func(string, func(string) (string, error)) (model.Store, error) {
		return nil, errors.New("unused")
	}
	for _, lang := range []model.Lang{model.BG, model.EN} {
		u.hideDialogs()
		u.onLanguage(lang)
		u.settle()
		c := u.showConnect(testServer, model.Errorf(model.EFORBIDDEN, `the server postgres://maria%%40sofia.example@db.sofia.bg/strategy refused login "maria@sofia.example": password authentication failed`))
		saveConnectShot(t, u, filepath.Join(dir, "connect-"+string(lang)+".png"))
		c.dlg.Hide()
		answer := make(chan *string, 1)
		p := u.showPassword("Password of maria@sofia.example on db.sofia.bg: ", answer)
		test.Type(p.password, "secret")
		saveConnectShot(t, u, filepath.Join(dir, "connect-password-"+string(lang)+".png"))
		test.Tap(p.cancel)
		if pw := <-answer; pw != nil {
			t.Error("cancel answered a password")
		}
	}
}

func saveConnectShot(t *testing.T, u *UI, path string) {
	t.Helper()
	img := u.win.Canvas().Capture()
	if plain(img) {
		t.Errorf("%s is blank", path)
	}
	if err := savePNG(path, img); err != nil {
		t.Fatal(err)
	}
}
