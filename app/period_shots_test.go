//go:build screenshots

package app

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"

	"strategytracker/assets"
	"strategytracker/model"
)

// TestPeriodScreenshots renders the reporting cycle's screens and the
// dashboard's card on the demo, at 1366×768 and 1024×700, in Bulgarian
// and English, into the folder STRATEGYTRACKER_PERIOD_SHOTS names:
//
//	STRATEGYTRACKER_PERIOD_SHOTS=$PWD/screenshots/period go test ./app -run TestPeriodScreenshots
//
// Without it the test checks only that every shot renders. The test
// canvas's painter does not clip text to a scrolled area, so lines below
// a scroll may show through; make screenshots renders the same shots
// through the real driver (period*, dashboard-cycle*, council-period-1024).
func TestPeriodScreenshots(t *testing.T) {
	dir := os.Getenv("STRATEGYTRACKER_PERIOD_SHOTS")
	demo, err := model.DecodeBytes(assets.DemoStrategy)
	if err != nil {
		t.Fatal(err)
	}
	var office model.ID
	for _, p := range demo.People {
		if p.Role == model.RoleOffice {
			office = p.ID
			break
		}
	}
	h := newHarness(t, demo, office)
	if err := stageCyclePeriod(context.Background(), h.store, testAsOf); err != nil {
		t.Fatal(err)
	}
	h.u.reload(nil)
	h.u.settle()
	sizes := []fyne.Size{{Width: 1366, Height: 768}, {Width: 1024, Height: 700}}
	if dir == "" {
		sizes = sizes[1:]
	} else if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, lang := range []model.Lang{model.BG, model.EN} {
		h.u.onLanguage(lang)
		h.u.settle()
		for _, size := range sizes {
			h.u.win.Resize(size)
			for _, s := range h.u.periodShots() {
				s.show()
				h.u.settle()
				// The test canvas lays out only on a resize (a real window
				// does before each frame): lay everything out as shown.
				h.u.win.Resize(size.AddWidthHeight(1, 1))
				h.u.win.Resize(size)
				img := h.u.win.Canvas().Capture()
				if blank(img) {
					t.Fatalf("%s is blank", s.name)
				}
				if dir == "" {
					continue
				}
				name := filepath.Join(dir, s.name+"-"+sizeName(size)+"-"+string(lang)+".png")
				if err := savePNG(name, img); err != nil {
					t.Fatal(err)
				}
			}
			h.u.hideDialogs()
		}
	}
	if h.u.period.status.Reported == 0 || h.u.period.status.Reported == h.u.period.status.Expected {
		t.Errorf("the staged period should have some units reported, not all: %d of %d", h.u.period.status.Reported, h.u.period.status.Expected)
	}
}

func sizeName(s fyne.Size) string {
	return fmt.Sprintf("%.0fx%.0f", s.Width, s.Height)
}
