package cli

import (
	"context"

	"strategytracker/model"
	"strategytracker/storage"
	"strategytracker/storage/postgres"
)

// Copying a strategy between stores lives here, above both drivers: each
// driver reads a strategy with its whole audit log (model.Store.ReadAll)
// and creates one exactly as read (storage.CreateCopy,
// postgres.CreateExact); neither knows the other.

// CopyReport says what Copy moved.
type CopyReport struct {
	Measures     int
	AuditEntries int
}

// Copy moves a strategy between a file and a server, either way (or
// between two servers): from and to are each a file's path or a server
// (postgres.IsURL). The source must pass its check; the target, a new file
// or a server whose schema holds no strategy, gets the same data with the
// same ids and the same audit log, entry for entry, and must pass its
// check too. A server target needs the administrator's connection.
func Copy(ctx context.Context, from, to string, opts postgres.Options) (CopyReport, error) {
	var rep CopyReport
	if !postgres.IsURL(from) && !postgres.IsURL(to) {
		return rep, model.Errorf(model.EINVALID, "copy moves a strategy between a file and a server: one of %s and %s must be a postgres:// URL (to copy a file, use backup)", from, to)
	}
	var src model.Store
	var err error
	if postgres.IsURL(from) {
		src, err = postgres.Open(ctx, from, postgres.Options{ReadOnly: true, AskPassword: opts.AskPassword})
	} else {
		src, err = storage.Open(ctx, from, storage.Options{ReadOnly: true})
	}
	if err != nil {
		return rep, err
	}
	defer src.Close()
	if _, err := src.Check(ctx); err != nil {
		return rep, model.Errorf(model.EINVALID, "%s does not pass its check, so it is not copied: %s", src.Path(), model.ErrorMessage(err))
	}
	// A file opened read-only is not written meanwhile by this process;
	// another writer would show in the checks.
	d, log, err := src.ReadAll(ctx)
	if err != nil {
		return rep, err
	}
	if postgres.IsURL(to) {
		o := opts
		o.DatabaseID = src.DatabaseID()
		dst, err := postgres.CreateExact(ctx, to, d, log, o)
		if err != nil {
			return rep, err
		}
		defer dst.Close()
		if _, err = dst.Check(ctx); err != nil {
			return rep, model.Errorf(model.EINVALID, "the copy in %s does not pass its check: %s", dst.Path(), model.ErrorMessage(err))
		}
	} else {
		// CreateCopy checks the new file itself and removes it when the
		// check fails.
		dst, err := storage.CreateCopy(ctx, to, d, log, storage.Options{Now: opts.Now, DatabaseID: src.DatabaseID()})
		if err != nil {
			return rep, err
		}
		defer dst.Close()
	}
	rep.Measures, rep.AuditEntries = len(d.Measures), len(log)
	return rep, nil
}

// BackupToFile writes d with its audit log to a new, checked strategy
// file at path: a server's Backup (postgres.Options.Backup).
func BackupToFile(ctx context.Context, path string, d *model.Doc, log []model.AuditEntry, databaseID string) error {
	f, err := storage.CreateCopy(ctx, path, d, log, storage.Options{DatabaseID: databaseID})
	if err != nil {
		return err
	}
	return f.Close()
}
