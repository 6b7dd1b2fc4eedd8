package cli

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"time"

	"strategytracker/assets"
	"strategytracker/model"
	"strategytracker/storage"
)

// parseAsOf reads -asof; empty is today.
func parseAsOf(s string, today model.Date) (model.Date, error) {
	if s == "" {
		return today, nil
	}
	d, err := model.ParseDate(s)
	if err != nil {
		return 0, usageErr("-asof: %s", model.ErrorMessage(err))
	}
	return d, nil
}

// DefaultPath is $STRATEGYTRACKER_DB, else strategy.db in the app's
// folder: on Windows "Strategy Tracker" in the user's Documents (never the
// roaming profile, which Windows copies at logon and logoff), elsewhere
// "strategytracker" under os.UserConfigDir(). README "Where the data lives".
func DefaultPath() (string, error) { return defaultPath() }

func defaultPath() (string, error) {
	if p := os.Getenv("STRATEGYTRACKER_DB"); p != "" {
		return p, nil
	}
	dir, err := defaultDir()
	if err != nil {
		return "", wrapf(model.EINVALID, err, "no folder for the default file (use -db FILE)")
	}
	return filepath.Join(dir, "strategy.db"), nil
}

// OpenDefault opens the default file, creating it from the demo the first
// time it is needed. The desktop binary opens it when started without a
// file.
// The store's audit clock is the storage's own (time.Now).
func OpenDefault() (*storage.Store, error) { return openDefault(nil) }

// openDefault: see OpenDefault; now is the store's clock (nil: time.Now).
func openDefault(now func() time.Time) (*storage.Store, error) {
	ctx := context.Background()
	path, err := defaultPath()
	if err != nil {
		return nil, err
	}
	if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
		return createDemo(ctx, path, now)
	}
	return storage.Open(ctx, path, storage.Options{Now: now})
}

// openForCommand opens -db (the default file when empty) with the
// command's clock.
func openForCommand(ctx context.Context, db string, now func() time.Time) (model.Store, error) {
	if db == "" {
		return openDefault(now)
	}
	return openStore(ctx, db, now)
}

// CreateDemo creates the file path holding the embedded demo strategy (the
// app's first-start window offers it).
func CreateDemo(path string) (model.Store, error) {
	s, err := createDemo(context.Background(), path, nil)
	if err != nil {
		return nil, err // not a typed nil in the interface
	}
	return s, nil
}

func createDemo(ctx context.Context, path string, now func() time.Time) (*storage.Store, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, wrapf(model.EINVALID, err, "cannot create %s", filepath.Dir(path))
	}
	d, err := model.DecodeBytes(assets.DemoStrategy)
	if err != nil {
		return nil, wrapf(model.EINTERNAL, err, "the embedded demo is damaged")
	}
	return storage.Create(ctx, path, d, storage.Options{Now: now})
}

// actor resolves -user; on a demo file it defaults to the demo's first
// office person.
func (c *cmdContext) actor(d *model.Doc) (*model.Person, error) {
	if c.user != "" {
		p, err := d.FindPerson(c.user)
		if err != nil {
			return nil, wrapped{err: model.Errorf(model.ErrorCode(err), "-user: %s in %s", model.ErrorMessage(err), c.store.Path()), cause: err}
		}
		return p, nil
	}
	if p := d.Person(c.store.LoginPerson()); p != nil {
		return p, nil
	}
	if d.Strategy.Demo {
		for i := range d.People {
			if d.People[i].Role == model.RoleOffice {
				return &d.People[i], nil
			}
		}
	}
	return nil, usageErr("-user NAME is required: say who makes the change")
}

// outputMode is the mode of the files written with -o: readable by others,
// as the app writes its exports (a temporary file would be 0600).
const outputMode = 0o644

// writeOutput writes to -o through a temporary file renamed into place (a
// failed write never leaves half a file), or to stdout.
func writeOutput(c *cmdContext, b []byte) error {
	out := c.str("o")
	if out == "" {
		_, err := c.out.Write(b)
		return err
	}
	return writeFile(out, b)
}

// writeFile writes b to path whole or not at all, mode outputMode.
func writeFile(path string, b []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".strategytracker-*")
	if err != nil {
		return wrapf(model.EINVALID, err, "cannot write %s", path)
	}
	defer os.Remove(tmp.Name())
	_, err = tmp.Write(b)
	if err == nil {
		err = tmp.Chmod(outputMode)
	}
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		return wrapf(model.EINVALID, err, "cannot write %s", path)
	}
	return nil
}
