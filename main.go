// Command strategytracker tracks Sofia's Digital Transformation Strategy.
// With no arguments it opens the desktop app; otherwise it runs one of the
// commands of DESIGN.md §4 (see cli.go).
package main

import (
	"context"
	"os"

	fyneapp "fyne.io/fyne/v2/app"

	"strategytracker/app"
	"strategytracker/model"
	"strategytracker/storage"
)

func main() {
	if len(os.Args) > 1 {
		os.Exit(runCLI(os.Args[1:], os.Stdout, os.Stderr))
	}
	store, err := openDefault()
	if err != nil {
		os.Exit(fail(os.Stderr, err))
	}
	defer store.Close()
	app.Run(fyneapp.NewWithID("bg.sofia.strategytracker"), store, app.Options{
		Lang: model.BG,
		Opener: func(path string) (model.Store, error) {
			return storage.Open(context.Background(), path, storage.Options{})
		},
		Creator: func(path string, d *model.Doc) (model.Store, error) {
			return storage.Create(context.Background(), path, d, storage.Options{})
		},
		ScreenshotDir: os.Getenv("STRATEGYTRACKER_SCREENSHOT_DIR"),
	})
}
