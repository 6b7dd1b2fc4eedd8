//go:build screenshots

package app

import (
	"context"
	"errors"
	"fmt"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"time"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"

	"strategytracker/model"
)

// The screenshot driver is built only with the screenshots tag
// (screenshots.go in the root package, make screenshots): the app users
// run has none of it.

// ScreenshotOptions say which screenshots Screenshots saves.
type ScreenshotOptions struct {
	// Dir is where the PNG files go, one NAME-LANG.png a shot.
	Dir string
	// Only, when not nil, keeps the shots whose NAME-LANG it matches;
	// every shot is still staged, as later ones build on earlier ones.
	Only *regexp.Regexp
	// Langs are the languages to take; nil: Bulgarian and English.
	Langs []model.Lang
	// Opener opens a strategy file (storage.Open) and Creator makes one
	// (storage.Create): the driver opens only the hostile files it makes
	// in its own folder, to show the refusals, and makes none; with them
	// the file dialog and the new-strategy form can be shown.
	Opener  func(path string) (model.Store, error)
	Creator func(path string, d *model.Doc) (model.Store, error)
}

// Screenshots makes a fresh copy of the embedded demo (opts.CreateDemo)
// and fresh preferences in a temporary folder, shows every screen on it,
// saves the shots and removes the folder. It never opens another file:
// the store it shows is the one it made, and opts' ways to open, create
// or connect are dropped. It must run on the main goroutine, like Run.
func Screenshots(opts Options, so ScreenshotOptions) error {
	if opts.CreateDemo == nil {
		return errors.New("screenshots: no way to make the demo (Options.CreateDemo)")
	}
	if err := os.MkdirAll(so.Dir, 0o755); err != nil {
		return err
	}
	work, err := os.MkdirTemp("", "strategytracker-screenshots-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(work)
	// The preferences (language, theme, user, recent files) the shots
	// change live in work, not in the user's configuration.
	config := filepath.Join(work, "config")
	os.Setenv("XDG_CONFIG_HOME", config)
	os.Setenv("APPDATA", config)
	if runtime.GOOS == "darwin" {
		os.Setenv("HOME", work)
	}
	store, err := opts.CreateDemo(filepath.Join(work, "demo.db"))
	if err != nil {
		return err
	}
	defer store.Close()
	d, err := store.Doc(context.Background())
	if err != nil {
		return err
	}
	a := fyneapp.NewWithID("bg.sofia.strategytracker")
	// The office is the user from the start: no "who are you" question.
	for _, p := range d.People {
		if p.Role == model.RoleOffice {
			a.Preferences().SetInt(prefUser+store.DatabaseID(), int(p.ID))
			break
		}
	}
	opts.Opener, opts.Creator, opts.Connector, opts.NetworkDrive, opts.DemoPath = nil, nil, nil, nil, ""
	inWork := func(path string) error {
		if rel, err := filepath.Rel(work, path); err != nil || !filepath.IsLocal(rel) || path == store.Path() {
			return fmt.Errorf("screenshots: not touching %s", path)
		}
		return nil
	}
	if open := so.Opener; open != nil {
		opts.Opener = func(path string) (model.Store, error) {
			if err := inWork(path); err != nil {
				return nil, err
			}
			return open(path)
		}
	}
	if create := so.Creator; create != nil {
		opts.Creator = func(path string, d *model.Doc) (model.Store, error) {
			if err := inWork(path); err != nil {
				return nil, err
			}
			return create(path, d)
		}
	}
	run(a, store, opts, func(u *UI) { u.takeScreenshots(so, work) })
	return nil
}

// takeScreenshots shows every screen in both languages, saves each as
// DIR/NAME-LANG.png from the window's canvas and quits (make screenshots).
// It runs on its own goroutine; every UI step goes through fyne.DoAndWait.
func (u *UI) takeScreenshots(so ScreenshotOptions, work string) {
	dir := so.Dir
	fail := func(err error) {
		fyne.LogError("screenshots", err)
		fyne.DoAndWait(u.app.Quit)
	}
	// Wait for the document.
	for i := 0; i < 200; i++ {
		var ready bool
		fyne.DoAndWait(func() { ready = u.doc != nil })
		if ready {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	var measureID model.ID
	fyne.DoAndWait(func() {
		if u.doc == nil {
			return
		}
		if u.me == nil {
			for _, p := range u.doc.People {
				if p.Role == model.RoleOffice {
					u.setUser(p.ID)
					break
				}
			}
		}
		measureID = screenshotMeasure(u.doc, u.today)
	})
	// The staged steps below reach the forms they open as the tests do.
	var complete *completeForm
	var last any // the latest form or dialog (review_screenshots.go)
	fyne.DoAndWait(func() {
		u.observe = func(x any) {
			if c, ok := x.(*completeForm); ok {
				complete = c
			}
			last = x
		}
	})
	settle := func() {
		time.Sleep(300 * time.Millisecond)
		if holding == nil {
			u.tasks.Wait()
		}
		time.Sleep(500 * time.Millisecond)
	}
	shots := []shot{
		{"dashboard", func() { u.showScreen(screenDashboard) }},
		{"measures", func() {
			u.filter = measureFilter{}
			u.measures.applyFilter()
			u.measures.views.SelectIndex(0)
			u.showScreen(screenMeasures)
		}},
		{"measures-filtered", func() {
			u.filter = measureFilter{query: "данни"}
			if u.lang == model.EN {
				u.filter.query = "data"
			}
			u.measures.applyFilter()
			u.showScreen(screenMeasures)
		}},
		{"timeline", func() {
			u.filter = measureFilter{}
			u.measures.applyFilter()
			u.measures.views.SelectIndex(1)
			u.showScreen(screenMeasures)
		}},
		{"detail", func() {
			u.measures.views.SelectIndex(0)
			u.openMeasure(measureID)
		}},
		{"detail-lower", func() { u.detail.fields.scroll.ScrollToBottom() }},
		{"detail-milestones", func() { u.detail.tabs.SelectIndex(1) }},
		{"detail-kpis", func() { u.detail.tabs.SelectIndex(2) }},
		{"detail-updates", func() { u.detail.tabs.SelectIndex(3) }},
		{"milestone-complete", func() {
			u.detail.tabs.SelectIndex(1)
			if m := u.doc.Measure(measureID); m != nil {
				for _, ms := range m.Milestones {
					if ms.Completed == 0 && !ms.Cancelled {
						u.detail.milestones.onComplete(ms.ID)
						break
					}
				}
			}
		}},
		{"detail-history", func() {
			// Save the completion, so that the history has an edit to show.
			if c := complete; c != nil && c.f.dlg != nil {
				c.f.save.OnTapped()
			}
			u.detail.tabs.SelectIndex(4)
		}},
		{"conflict", func() {
			// The dialog a stale save opens, staged on the measure shown:
			// "someone else" changed the title and the budget meanwhile.
			m := u.doc.Measure(measureID)
			base := m.OwnFields()
			mine, theirs := m.OwnFields(), m.OwnFields()
			mine.Title.BG += " (нова редакция)"
			mine.Title.EN += " (new wording)"
			theirs.PlannedCents += 50_000_00
			theirs.Version++
			u.openConflict(base, mine, theirs, func(any) {}, func() {})
		}},
		{"export", func() {
			u.hideDialogs()
			u.openExport("export.pdf")
		}},
		{"structure", func() {
			u.hideDialogs()
			u.showScreen(screenStructure)
			u.structure.tabs.SelectIndex(1)
		}},
		{"structure-people", func() { u.structure.tabs.SelectIndex(3) }},
		{"reports", func() { u.showScreen(screenReports) }},
		{"audit", func() { u.showScreen(screenAudit) }},
		{"identity", func() { u.onSwitchUser() }},
		{"about", func() {
			u.hideDialogs()
			u.onAbout()
		}},
	}
	shots = append(shots, u.planShots(measureID)...)    // structure_screenshots.go
	shots = append(shots, u.periodShots()...)           // the reporting cycle (period_shots.go)
	shots = append(shots, u.publishShots(measureID)...) // publish_screenshots.go
	shots = append(shots, u.reviewShots(measureID, func() any { return last })...)
	shots = append(shots, u.cycleShots(measureID)...) // review_screenshots.go
	shots = append(shots, u.menuShots()...)           // more_screenshots.go
	shots = append(shots, u.refusalShots(work)...)
	shots = append(shots, shot{"dashboard-dark", func() {
		u.hideDialogs()
		u.onTheme("dark")
		u.showScreen(screenDashboard)
	}})
	// The screens again at the smallest size they are laid out for, and a
	// council member's view of a measure.
	small := []shot{
		{"dashboard-1024", func() {
			u.hideDialogs()
			u.onTheme("light")
			u.win.Resize(minWindowSize)
			u.showScreen(screenDashboard)
		}},
		{"measures-1024", func() {
			u.measures.views.SelectIndex(0)
			u.showScreen(screenMeasures)
		}},
		{"timeline-1024", func() { u.measures.views.SelectIndex(1) }},
		{"detail-1024", func() {
			u.measures.views.SelectIndex(0)
			u.openMeasure(measureID)
		}},
		{"detail-milestones-1024", func() { u.detail.tabs.SelectIndex(tabMilestones) }},
		{"reports-1024", func() { u.showScreen(screenReports) }},
		{"audit-1024", func() { u.showScreen(screenAudit) }},
		{"export-1024", func() { u.openExport("export.pdf") }},
		{"council-detail-1024", func() {
			u.hideDialogs()
			for _, p := range u.doc.People {
				if p.Role == model.RoleCouncil {
					u.setUser(p.ID)
					break
				}
			}
			u.openMeasure(measureID)
		}},
		{"council-detail-milestones-1024", func() { u.detail.tabs.SelectIndex(tabMilestones) }},
	}
	small = append(small, u.periodSizedShots()...) // the reporting cycle at 1024×700 and 1366×768 (period_shots.go)
	langs := so.Langs
	if len(langs) == 0 {
		langs = []model.Lang{model.BG, model.EN}
	}
	for _, lang := range langs {
		fyne.DoAndWait(func() {
			u.hideDialogs()
			u.onTheme("light")
			u.onLanguage(lang)
			u.win.Resize(screenshotSize(defaultWindowSize))
			if u.doc != nil {
				for _, p := range u.doc.People {
					if p.Role == model.RoleOffice {
						u.setUser(p.ID)
						break
					}
				}
			}
		})
		settle()
		for _, s := range append(shots, small...) {
			fyne.DoAndWait(s.show)
			settle()
			name := s.name + "-" + string(lang)
			var err error
			if so.Only == nil || so.Only.MatchString(name) {
				err = u.saveShot(filepath.Join(dir, name+".png"))
			}
			if holding != nil {
				holding()
				holding = nil
				settle()
			}
			if err != nil {
				fail(err)
				return
			}
		}
	}
	fyne.DoAndWait(func() {
		u.hideDialogs()
		u.app.Quit()
	})
}

// shot is one screenshot: a name and how to stage it.
type shot struct {
	name string
	show func()
}

// saveShot saves the window as the PNG path.
func (u *UI) saveShot(path string) error {
	var img image.Image
	var size fyne.Size
	var scale float32
	fyne.DoAndWait(func() {
		img = u.win.Canvas().Capture()
		size, scale = u.win.Canvas().Size(), u.win.Canvas().Scale()
	})
	if blank(img) {
		// Mesa under Xvfb may not let the front buffer be read:
		// grab the screen instead (ImageMagick's import).
		return grabScreen(path, int(size.Width*scale), int(size.Height*scale))
	}
	return savePNG(path, img)
}

// hideDialogs closes the dialogs the screenshots opened.
func (u *UI) hideDialogs() {
	if m, ok := u.win.Canvas().(interface{ DismissMenu() bool }); ok {
		m.DismissMenu() // an open menu (more_screenshots.go)
	}
	// A copy: Remove shifts the list, and hiding a dialog may remove it.
	for _, o := range slices.Clone(u.win.Canvas().Overlays().List()) {
		if o == nil {
			continue
		}
		o.Hide()
		u.win.Canvas().Overlays().Remove(o)
	}
	u.identity = nil
}

// screenshotMeasure picks a measure worth showing: the one with the most
// milestones, KPIs and updates.
func screenshotMeasure(d *model.Doc, asOf model.Date) model.ID {
	best, score := model.ID(0), -1
	for i := range d.Measures {
		m := &d.Measures[i]
		s := len(m.Milestones) + 2*len(m.KPIs) + len(m.Updates)
		if st := m.Evaluate(asOf).Status; st == model.StatusAtRisk || st == model.StatusDelayed {
			s += 3
		}
		if s > score {
			best, score = m.ID, s
		}
	}
	return best
}

// blank reports whether img has no visible pixel (a failed capture).
func blank(img image.Image) bool {
	if img == nil {
		return true
	}
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y += 7 {
		for x := b.Min.X; x < b.Max.X; x += 7 {
			if _, _, _, a := img.At(x, y).RGBA(); a != 0 {
				return false
			}
		}
	}
	return true
}

// grabScreen saves the top left w×h of the X screen, where the window
// is, to path with ImageMagick's import.
func grabScreen(path string, w, h int) error {
	out, err := exec.Command("import", "-window", "root", "-crop", fmt.Sprintf("%dx%d+0+0", w, h), "+repage", path).CombinedOutput()
	if err != nil {
		return fmt.Errorf("import -window root %s: %v: %s", path, err, out)
	}
	return nil
}

func savePNG(path string, img image.Image) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := png.Encode(f, img); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
