package xlsx

import (
	"context"
	"errors"
	"io"
	"time"

	"strategytracker/model"
)

// Result is what Import did, or in a dry run would do.
type Result struct {
	// Changes are the changes planned (dry run) or made. In a real run they
	// are those planned inside the transaction, against the file as it
	// stood when written: rows someone else made meanwhile are not counted.
	Changes []Change
	Applied bool // the changes were written
	// PeriodID is the reporting period whose return was recorded (0: the
	// template was made outside the reporting cycle).
	PeriodID model.ID
}

// errNothingLeft ends a transaction that has nothing left to write after
// planning again: no import entry is written to the audit log for it.
var errNothingLeft = errors.New("xlsx: nothing left to import")

// Import is the one import of a filled update template, used by the CLI
// and the app alike. It reads the workbook in r (source is its file name,
// for the audit log), plans it against the store's current document as
// actor on the day of now (the caller's clock, which also stamps the
// unit's return), and — unless dryRun — plans it again inside one
// Store.Update and applies that plan, so that what is written is checked
// against the file as it stands then: an import or an edit made between a
// preview and its apply is neither overwritten nor repeated (a KPI value
// or an update already there is skipped; a row changed meanwhile is
// refused as stale).
//
// A workbook that is not a template is refused with a model error; a
// template with problems with Problems (one per refused row); either way
// nothing is written. A dry run writes nothing and returns the plan.
func Import(ctx context.Context, store model.Store, r io.Reader, source string, actor model.ID, now time.Time, dryRun bool) (Result, error) {
	today := model.DateOf(now)
	u, err := ReadUpdate(r)
	if err != nil {
		return Result{}, err
	}
	pr := u.Period
	d, err := store.Doc(ctx)
	if err != nil {
		return Result{}, err
	}
	person := d.Person(actor)
	if person == nil {
		return Result{}, model.Errorf(model.ENOTFOUND, "person %d does not exist in this database", actor)
	}
	if pr.PeriodID != 0 {
		if err := model.CheckReturnPeriod(d, pr.PeriodID); err != nil {
			return Result{}, err
		}
	}
	changes, problems := Plan(d, u, person, store.DatabaseID(), today)
	if len(problems) > 0 {
		return Result{}, Problems(problems)
	}
	if dryRun || (len(changes) == 0 && pr.PeriodID == 0) {
		return Result{Changes: changes}, nil
	}
	err = store.Update(ctx, actor, model.ActionImport, source, func(tx model.Tx) error {
		d := tx.Doc()
		changes, problems = Plan(d, u, d.Person(actor), store.DatabaseID(), today)
		if len(problems) > 0 {
			return Problems(problems)
		}
		if len(changes) == 0 && pr.PeriodID == 0 {
			return errNothingLeft
		}
		if err := Apply(tx, changes); err != nil {
			return err
		}
		if pr.PeriodID == 0 {
			return nil
		}
		return model.RecordReturn(tx, model.Return{PeriodID: pr.PeriodID, Unit: pr.Unit, Changes: len(changes),
			FilledBy: pr.FilledBy, Proposals: pr.Proposals}, actor, now)
	})
	switch {
	case errors.Is(err, errNothingLeft):
		return Result{}, nil
	case err != nil:
		return Result{}, err
	}
	return Result{Changes: changes, Applied: true, PeriodID: pr.PeriodID}, nil
}
