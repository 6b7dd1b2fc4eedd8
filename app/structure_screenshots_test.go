//go:build screenshots

package app

import (
	"image"
	"image/color"
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"strategytracker/model"
)

// The plan's screens and dialogs render in both languages (PNG files in
// $PLAN_SHOTS, else a temporary folder), each with something on it. The
// revisions tab is shown after two revisions.
func TestPlanScreenshots(t *testing.T) {
	dir := shotsDir(t, "PLAN_SHOTS")
	a := test.NewTempApp(t)
	store := newMemStore(testDoc())
	a.Preferences().SetInt(prefUser+store.dbID, int(pOffice))
	u := newTestUI(a, store)
	t.Cleanup(func() { u.settle(); setLanguage(model.BG) })
	u.win.Resize(fyne.NewSize(1280, 760))
	u.Start()
	u.settle()
	u.save("adopt", func(tx model.Tx) error {
		if err := tx.Adopt(&model.Adoption{AdoptedOn: model.MustDate("2020-06-11"), CouncilDecision: model.T("Решение № 338 от 11.06.2020 г.", "Decision 338 of 11.06.2020")}); err != nil {
			return err
		}
		tx.SetRevisionReason(model.T("забавена обществена поръчка", "the procurement was delayed"))
		m := *tx.Doc().Measure(mDocs)
		m.End = model.MustDate("2028-06-30")
		return tx.SaveMeasure(&m)
	}, nil)
	u.settle()
	renderShots(t, u, dir, func() []shot { return u.planShots(mDocs) })
	// The first-start window.
	for _, lang := range []model.Lang{model.BG, model.EN} {
		w := a.NewWindow("first")
		f := newFirstStart(a, w, Options{Lang: lang}, FirstStart{DefaultPath: "/home/ivan/.config/strategytracker/strategy.db"}, nil)
		f.lang = lang
		w.SetContent(f.content())
		w.Resize(fyne.NewSize(640, 460))
		f.onNew()
		if err := savePNG(filepath.Join(dir, "plan-first-start-"+string(lang)+".png"), w.Canvas().Capture()); err != nil {
			t.Fatal(err)
		}
		w.Close()
	}
}

// plain reports whether img is one colour.
func plain(img image.Image) bool {
	b := img.Bounds()
	first := color.NRGBAModel.Convert(img.At(b.Min.X, b.Min.Y))
	for y := b.Min.Y; y < b.Max.Y; y += 7 {
		for x := b.Min.X; x < b.Max.X; x += 7 {
			if color.NRGBAModel.Convert(img.At(x, y)) != first {
				return false
			}
		}
	}
	return true
}

// shotsDir is the folder the environment variable env names for a test's
// screenshots, else a temporary folder.
func shotsDir(t *testing.T, env string) string {
	if dir := os.Getenv(env); dir != "" {
		return dir
	}
	return t.TempDir()
}

// renderShots stages the shots in both languages on the test canvas and
// saves each in dir as NAME-LANG.png; a blank one is an error.
func renderShots(t *testing.T, u *UI, dir string, shots func() []shot) {
	t.Helper()
	for _, lang := range []model.Lang{model.BG, model.EN} {
		u.hideDialogs()
		u.onLanguage(lang)
		u.settle()
		for _, s := range shots() {
			s.show()
			u.settle()
			img := u.win.Canvas().Capture()
			if plain(img) {
				t.Errorf("%s-%s is blank", s.name, lang)
			}
			if err := savePNG(filepath.Join(dir, s.name+"-"+string(lang)+".png"), img); err != nil {
				t.Fatal(err)
			}
		}
	}
}
