package postgres

import (
	"context"
	"os"

	"github.com/jackc/pgx/v5"

	"strategytracker/model"
)

// ReadAll reads the strategy and its whole audit log in one transaction:
// what copy and backup move to another store; see model.Store.
func (s *Store) ReadAll(ctx context.Context) (*model.Doc, []model.AuditEntry, error) {
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
// a new strategy file at path, through Options.Backup (the file driver is
// the program's, not this package's).
func (s *Store) Backup(ctx context.Context, path string) error {
	if s.backup == nil {
		return model.Errorf(model.EINVALID, "%s cannot be backed up to a file by this program: use `strategytracker copy -from URL -to FILE`", s.display)
	}
	if _, err := os.Stat(path); err == nil {
		return model.Errorf(model.ECONFLICT, "%s already exists: refusing to overwrite it", path)
	}
	d, log, err := s.ReadAll(ctx)
	if err != nil {
		return err
	}
	return s.backup(ctx, path, d, log, s.databaseID)
}
