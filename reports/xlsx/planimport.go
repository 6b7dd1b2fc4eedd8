package xlsx

import (
	"context"
	"errors"
	"io"

	"strategytracker/model"
)

// PlanResult is what ImportPlan did, or in a dry run would do.
type PlanResult struct {
	Changes []PlanChange // made, or in a dry run those the import would make
	Applied bool         // the changes were written
}

// errDryRun ends the transaction of a dry run: everything was applied and
// is rolled back.
var errDryRun = errors.New("xlsx: dry run")

// ImportPlan is the one import of a plan workbook, used by the CLI and the
// app alike. It reads the workbook in r (source is its file name, for the
// audit log), checks that actor may import a plan (model.AuthorizePlanImport),
// and plans and applies it inside one Store.Update against the strategy as
// it stands there: all or nothing, audited as one import. A dry run does
// exactly the same and rolls the transaction back, so that its answer —
// the changes, or every problem — is the import's answer.
//
// A file that is not a plan workbook is refused with a model error; a
// workbook with problems with Problems (one per refused row or cell);
// either way nothing is written.
func ImportPlan(ctx context.Context, store model.Store, r io.Reader, source string, actor model.ID, today model.Date, dryRun bool) (PlanResult, error) {
	book, err := ReadPlanBook(r)
	if err != nil {
		return PlanResult{}, err
	}
	d, err := store.Doc(ctx)
	if err != nil {
		return PlanResult{}, err
	}
	if err := model.AuthorizePlanImport(d.Person(actor)); err != nil {
		return PlanResult{}, err
	}
	var res PlanResult
	err = store.Update(ctx, actor, model.ActionImport, source, func(tx model.Tx) error {
		changes, problems := planBook(tx.Doc(), book, store.DatabaseID(), today)
		if len(problems) > 0 {
			return problems
		}
		problems, err := applyPlan(tx, book, changes)
		switch {
		case err != nil:
			return err
		case len(problems) > 0:
			return problems
		}
		res.Changes = changes
		if dryRun {
			return errDryRun
		}
		if len(changes) == 0 {
			return errNothingLeft // no import entry in the audit log
		}
		return nil
	})
	switch {
	case errors.Is(err, errDryRun), errors.Is(err, errNothingLeft):
		return res, nil
	case err != nil:
		return PlanResult{}, err
	}
	res.Applied = true
	return res, nil
}
