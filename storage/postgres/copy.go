package postgres

import (
	"context"
	"os"

	"github.com/jackc/pgx/v5"

	"strategytracker/model"
	"strategytracker/storage"
)

// snapshot reads the strategy and its whole audit log in one transaction.
func (s *Store) snapshot(ctx context.Context) (*model.Doc, []model.AuditEntry, error) {
	tx, err := s.pool.BeginTx(ctx, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly})
	if err != nil {
		return nil, nil, wrapSQL(err, "read %s", s.display)
	}
	defer tx.Rollback(ctx)
	d, err := readDocBatch(ctx, tx)
	if err != nil {
		return nil, nil, err
	}
	log, err := wholeLog(ctx, tx)
	return d, log, err
}

// Backup writes a consistent copy of the strategy, audit log included, to
// a new strategy file at path.
func (s *Store) Backup(ctx context.Context, path string) error {
	if _, err := os.Stat(path); err == nil {
		return model.Errorf(model.ECONFLICT, "%s already exists: refusing to overwrite it", path)
	}
	d, log, err := s.snapshot(ctx)
	if err != nil {
		return err
	}
	f, err := storage.CreateCopy(ctx, path, d, log, storage.Options{Now: s.now, DatabaseID: s.databaseID})
	if err != nil {
		return err
	}
	return f.Close()
}

// CopyReport says what Copy moved.
type CopyReport struct {
	Measures     int
	AuditEntries int
}

// Copy moves a strategy between a file and a server, either way (or
// between two servers): from and to are each a file's path or a server
// (IsURL). The source must pass its check; the target, a new file or a
// server whose schema holds no strategy, gets the same data with the same
// ids and the same audit log, entry for entry, and must pass its check
// too. A server target needs the administrator's connection.
func Copy(ctx context.Context, from, to string, opts Options) (CopyReport, error) {
	var rep CopyReport
	if !IsURL(from) && !IsURL(to) {
		return rep, model.Errorf(model.EINVALID, "copy moves a strategy between a file and a server: one of %s and %s must be a postgres:// URL (to copy a file, use backup)", from, to)
	}
	var databaseID string
	var d *model.Doc
	var log []model.AuditEntry
	if IsURL(from) {
		s, err := Open(ctx, from, Options{ReadOnly: true, AskPassword: opts.AskPassword})
		if err != nil {
			return rep, err
		}
		defer s.Close()
		databaseID = s.DatabaseID()
		if _, err := s.Check(ctx); err != nil {
			return rep, model.Errorf(model.EINVALID, "%s does not pass its check, so it is not copied: %s", s.Path(), model.ErrorMessage(err))
		}
		if d, log, err = s.snapshot(ctx); err != nil {
			return rep, err
		}
	} else {
		f, err := storage.Open(ctx, from, storage.Options{ReadOnly: true})
		if err != nil {
			return rep, err
		}
		defer f.Close()
		databaseID = f.DatabaseID()
		if _, err := f.Check(ctx); err != nil {
			return rep, model.Errorf(model.EINVALID, "%s does not pass its check, so it is not copied: %s", from, model.ErrorMessage(err))
		}
		// A file opened read-only is not written meanwhile by this
		// process; another writer would show in the check below.
		if d, err = f.Doc(ctx); err != nil {
			return rep, err
		}
		if log, err = f.Audit(ctx, model.AuditFilter{}); err != nil {
			return rep, err
		}
	}
	var dst model.Store
	if IsURL(to) {
		o := opts
		o.DatabaseID = databaseID
		s, err := createExact(ctx, to, d, log, o)
		if err != nil {
			return rep, err
		}
		defer s.Close()
		dst = s
		if _, err = dst.Check(ctx); err != nil {
			return rep, model.Errorf(model.EINVALID, "the copy in %s does not pass its check: %s", dst.Path(), model.ErrorMessage(err))
		}
	} else {
		// CreateCopy checks the new file itself and removes it when the
		// check fails.
		f, err := storage.CreateCopy(ctx, to, d, log, storage.Options{Now: opts.Now, DatabaseID: databaseID})
		if err != nil {
			return rep, err
		}
		defer f.Close()
		dst = f
	}
	rep.Measures, rep.AuditEntries = len(d.Measures), len(log)
	return rep, nil
}
