package app

import (
	"net/url"

	"strategytracker/model"
)

// Options configure the application.
type Options struct {
	// Lang is the language at the first start; the choice made in
	// View › Language is remembered in the preferences.
	Lang model.Lang
	// Opener opens another strategy file (File › Open, Open recent).
	Opener func(path string) (model.Store, error)
	// Creator makes a new strategy file at path holding d (File › New strategy).
	Creator func(path string, d *model.Doc) (model.Store, error)
	// CreateDemo makes a file at path holding the embedded demo strategy
	// (the first start, File › Open the demo strategy).
	CreateDemo func(path string) (model.Store, error)
	// DemoPath is where File › Open the demo strategy keeps the demo: made
	// the first time, opened as it is later.
	DemoPath string
	// Version is shown in Help › About; empty: the app's metadata, else Version.
	Version string
	// ScreenshotDir, when set, makes the app show every screen in both
	// languages, save each as a PNG there and quit (make screenshots).
	ScreenshotDir string
	// Today returns the as-of date of the figures; nil: the local date now.
	Today func() model.Date
	// Connector connects to a strategy on a server (File › Connect to
	// server…, connect.go): address is a postgres:// URL or service=NAME;
	// askPassword is called when the server wants a password nothing else
	// gave. nil: the menu item says it is not available.
	Connector func(address string, askPassword func(prompt string) (string, error)) (model.Store, error)
	// NetworkDrive says whether path lies on a network file system and
	// which (netfs.Check, wired by main): a file there gets a warning.
	// nil: no check.
	NetworkDrive func(path string) (kind string, network bool)
	// OpenURL opens a file:// address with the system's application
	// ("Open file", "Show folder"). nil: the system's (open.go).
	OpenURL func(u *url.URL) error
}
