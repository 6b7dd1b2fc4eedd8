package cli

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"strategytracker/model"
	"strategytracker/reports/xlsx"
)

func planImportCommand() *command {
	var dryRun bool
	return &command{
		name: "plan-import", args: "[-dry-run] -user NAME IN.xlsx", help: "add or update the plan from a plan workbook, matched by code, all or nothing",
		nargs: 1,
		flags: func(fs *flag.FlagSet, c *cmdContext) {
			fs.BoolVar(&dryRun, "dry-run", false, "print every addition and change without writing them")
			c.addUser(fs)
		},
		run: func(c *cmdContext) error { return importPlan(c, dryRun) },
	}
}

// importPlan runs the one plan import (xlsx.ImportPlan): all or nothing,
// audited as one import; -dry-run does the same and rolls it back.
func importPlan(c *cmdContext, dryRun bool) error {
	if c.flags.NArg() != 1 {
		return usageErr("plan-import needs one IN.xlsx")
	}
	path := c.flags.Arg(0)
	name := filepath.Base(path)
	d, err := c.store.Doc(c.ctx)
	if err != nil {
		return err
	}
	actor, err := c.actor(d)
	if err != nil {
		return err
	}
	f, err := os.Open(path)
	if err != nil {
		return wrapf(model.ENOTFOUND, err, "cannot read %s", path)
	}
	defer f.Close()
	res, err := xlsx.ImportPlan(c.ctx, c.store, f, name, actor.ID, c.today(), dryRun)
	var problems xlsx.Problems
	switch {
	case errors.As(err, &problems):
		return errLines{lines: problems.Lines(),
			summary: fmt.Sprintf("%s: %d problem(s); nothing was imported", name, len(problems))}
	case err != nil:
		return wrapf(model.ErrorCode(err), err, "%s", path)
	case dryRun:
		for _, ch := range res.Changes {
			fmt.Fprintln(c.out, ch)
		}
		fmt.Fprintf(c.out, "dry run: %d change(s) from %s would be made as %s; nothing was written\n", len(res.Changes), name, model.UserLabel(actor))
	case !res.Applied:
		fmt.Fprintf(c.out, "nothing to import: %s holds no change to the plan\n", name)
	default:
		fmt.Fprintf(c.out, "imported %d change(s) from %s as %s\n", len(res.Changes), name, model.UserLabel(actor))
	}
	return nil
}
