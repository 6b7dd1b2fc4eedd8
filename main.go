//go:build !screenshots

// Command strategytracker tracks Sofia's Digital Transformation Strategy.
// With no arguments it opens the desktop app; otherwise it runs one of the
// commands of DESIGN.md §4 (package cli; cmd/strategytracker-cli is the
// same command line without the UI toolkit). Built with the screenshots
// tag, the package is the screenshot driver instead (screenshots.go).
package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	fyneapp "fyne.io/fyne/v2/app"

	"strategytracker/app"
	"strategytracker/cli"
	"strategytracker/model"
	"strategytracker/netfs"
	"strategytracker/storage"
	"strategytracker/storage/postgres"
	"strategytracker/version"
)

func main() {
	if len(os.Args) > 1 {
		os.Exit(cli.Run(os.Args[1:], os.Stdout, os.Stderr))
	}
	// Without a display GLFW would panic with a stack trace: say why in one line.
	if err := app.CheckDisplay(); err != nil {
		fmt.Fprintln(os.Stderr, "strategytracker: "+err.Error())
		os.Exit(1)
	}
	a := fyneapp.NewWithID("bg.sofia.strategytracker")
	opts := app.Options{ // no Lang: English under an English locale, else Bulgarian
		Opener: func(path string) (model.Store, error) {
			return storage.Open(context.Background(), path, storage.Options{})
		},
		Creator: func(path string, d *model.Doc) (model.Store, error) {
			return storage.Create(context.Background(), path, d, storage.Options{})
		},
		CreateDemo: cli.CreateDemo,
		Connector:  connectServer,       // File › Connect to server…
		Redact:     postgres.SafeToKeep, // Open recent keeps no password
		Version:    version.String(),
		NetworkDrive: func(path string) (string, bool) {
			r, err := netfs.Check(path)
			return r.Kind, err == nil && r.Network
		},
	}
	path, err := cli.DefaultPath()
	if err == nil {
		opts.DemoPath = filepath.Join(filepath.Dir(path), "demo.db") // File › Open the demo strategy
	}
	// The very first start (no default file, none named by
	// STRATEGYTRACKER_DB) asks what to open instead of making the demo.
	if err == nil && os.Getenv("STRATEGYTRACKER_DB") == "" && !exists(path) {
		app.RunFirstStart(a, opts, app.FirstStart{DefaultPath: path})
		return
	}
	store, err := cli.OpenDefault()
	if err != nil {
		os.Exit(cli.Fail(os.Stderr, err))
	}
	defer store.Close()
	app.Run(a, store, opts)
}

func exists(path string) bool {
	_, err := os.Stat(path)
	return !errors.Is(err, fs.ErrNotExist)
}
