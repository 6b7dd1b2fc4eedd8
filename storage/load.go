package storage

import (
	"context"

	"strategytracker/model"
)

// load writes a whole validated document into the empty schema in one
// transaction, ids preserved (goals, areas, units and snapshots are
// numbered by the file), with one audit entry.
func (s *Store) load(ctx context.Context, d *model.Doc, databaseID string) error {
	tx, err := s.beginWrite(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := run(ctx, tx, "load", dialect.Load(d, databaseID, false)...); err != nil {
		return err
	}
	// One audit entry records the load with the whole loaded document, the
	// starting point from which Check replays the log.
	record, err := model.LoadRecordJSON(d)
	if err != nil {
		return model.Errorf(model.EINTERNAL, "load: %w", err)
	}
	c := chain{hash: model.GenesisHash}
	if err := c.append(ctx, tx, model.AuditEntry{At: s.now().UTC().Format(model.AuditTimeLayout), User: "strategytracker load",
		Action: model.ActionLoad, Entity: model.EntityFile, New: record}); err != nil {
		return err
	}
	return wrapSQL(tx.Commit(), "load")
}

// CreateSnapshot freezes the figures at asOf; see model.Store.
func (s *Store) CreateSnapshot(ctx context.Context, actor model.ID, name string, asOf model.Date) (*model.Snapshot, error) {
	return model.CreateSnapshot(ctx, s, actor, name, asOf)
}
