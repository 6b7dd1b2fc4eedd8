package app

import (
	"net/url"

	"strategytracker/model"
)

// Options configure the application.
type Options struct {
	// Lang is the language at the first start; empty: English under an
	// English system locale, else Bulgarian (startLang). The choice made in
	// View › Language or in the first-start window is remembered in the
	// preferences and wins.
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
	// Version is this build's version (main passes version.String()),
	// shown in Help › About and written into exports; empty: the app's
	// metadata.
	Version string
	// Licence and Source are the program's licence and where its source
	// is (version.License, version.Source()), shown in Help › About.
	Licence, Source string
	// Today returns the as-of date of the figures; nil: the local date now.
	Today func() model.Date
	// Connector connects to a strategy on a server (File › Connect to
	// server…, connect.go): address is a postgres:// URL or service=NAME;
	// askPassword is called when the server wants a password nothing else
	// gave. nil: the menu item says it is not available.
	Connector func(address string, askPassword func(prompt string) (string, error)) (model.Store, error)
	// Redact makes an Open recent entry safe to keep: a server's address
	// without its password, a file's path as it is (postgres.SafeToKeep,
	// wired by main). Entries older versions kept are cleaned at the
	// start. nil: entries are kept as they are.
	Redact func(entry string) string
	// NetworkDrive says whether path lies on a network file system and
	// which (netfs.Check, wired by main): a file there gets a warning.
	// nil: no check.
	NetworkDrive func(path string) (kind string, network bool)
	// OpenURL opens a file:// address with the system's application
	// ("Open file", "Show folder"). nil: the system's (open.go).
	OpenURL func(u *url.URL) error
}
