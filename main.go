// Command strategytracker tracks Sofia's Digital Transformation Strategy.
// With no arguments it opens the desktop app; otherwise it runs one of the
// commands of DESIGN.md §4 (package cli; cmd/strategytracker-cli is the
// same command line without the UI toolkit).
package main

import (
	"context"
	"os"

	fyneapp "fyne.io/fyne/v2/app"

	"strategytracker/app"
	"strategytracker/cli"
	"strategytracker/model"
	"strategytracker/storage"
	"strategytracker/version"
)

func main() {
	if len(os.Args) > 1 {
		os.Exit(cli.Run(os.Args[1:], os.Stdout, os.Stderr))
	}
	store, err := cli.OpenDefault()
	if err != nil {
		os.Exit(cli.Fail(os.Stderr, err))
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
		Version:       version.String(),
	})
}
