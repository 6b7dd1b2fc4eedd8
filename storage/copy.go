package storage

import (
	"context"
	"fmt"
	"os"

	"strategytracker/model"
)

// CreateCopy makes a new strategy file at path holding d with every id it
// has and log, verbatim, as its audit log: the file end of copying a
// strategy from another store (storage/postgres), so that the copy's
// chain is the original's and Check replays it to the same data. It
// refuses to overwrite a file and removes the new file on any failure,
// including a Check that does not pass.
func CreateCopy(ctx context.Context, path string, d *model.Doc, log []model.AuditEntry, opts Options) (_ *Store, err error) {
	if len(log) == 0 || log[0].Action != model.ActionLoad {
		return nil, model.Errorf(model.EINVALID, "copy to %s: the audit log does not begin with a load", path)
	}
	ids := map[model.Entity]map[string]model.ID{model.EntityGoal: {}, model.EntityArea: {}, model.EntityUnit: {}}
	for _, g := range d.Goals {
		ids[model.EntityGoal][g.Code] = g.ID
	}
	for _, a := range d.Areas {
		ids[model.EntityArea][a.Code] = a.ID
	}
	for _, u := range d.Units {
		ids[model.EntityUnit][u.Code] = u.ID
	}
	s, err := Create(ctx, path, d, opts)
	if err != nil {
		return nil, err
	}
	defer func() {
		if err != nil {
			s.Close()
			for _, suffix := range []string{"", "-wal", "-shm", "-journal"} {
				os.Remove(path + suffix)
			}
		}
	}()
	tx, err := s.beginWrite(ctx) // carries the WAL guard (walguard.go)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	// Goals, areas and units are numbered by the file; give them the
	// original's ids (rows refer to them by code), in two steps so that
	// no two rows hold one id on the way.
	for _, table := range []string{"goals", "areas", "units"} {
		if _, err := tx.ExecContext(ctx, "UPDATE "+table+" SET id = -id"); err != nil {
			return nil, wrapSQL(err, "copy %s to %s", table, path)
		}
	}
	for entity, table := range map[model.Entity]string{model.EntityGoal: "goals", model.EntityArea: "areas", model.EntityUnit: "units"} {
		for code, id := range ids[entity] {
			if _, err := tx.ExecContext(ctx, "UPDATE "+table+" SET id = ? WHERE code = ?", id, code); err != nil {
				return nil, wrapSQL(err, "copy %s %s to %s", entity, code, path)
			}
		}
	}
	for _, sn := range d.Snapshots {
		if _, err := tx.ExecContext(ctx, "UPDATE snapshots SET id = ? WHERE name = ?", -sn.ID, sn.Name); err != nil {
			return nil, wrapSQL(err, "copy snapshot %q to %s", sn.Name, path)
		}
	}
	if _, err := tx.ExecContext(ctx, "UPDATE snapshots SET id = -id"); err != nil {
		return nil, wrapSQL(err, "copy the snapshots to %s", path)
	}
	if _, err := tx.ExecContext(ctx, "DELETE FROM audit"); err != nil {
		return nil, wrapSQL(err, "copy the audit log to %s", path)
	}
	for _, e := range log {
		if _, err := run(ctx, tx, fmt.Sprintf("copy audit entry %d to %s", e.Seq, path), dialect.AuditEntry(e)); err != nil {
			return nil, err
		}
	}
	if err := tx.Commit(); err != nil {
		return nil, wrapSQL(err, "copy to %s", path)
	}
	if _, err := s.Check(ctx); err != nil {
		return nil, model.Errorf(model.EINVALID, "the copy in %s does not pass the check: %s", path, model.ErrorMessage(err))
	}
	return s, nil
}
