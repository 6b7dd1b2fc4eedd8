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

func importCommand() *command {
	var dryRun bool
	return &command{
		name: "import", args: "[-dry-run] -user NAME IN.xlsx", help: "apply a filled update workbook, all or nothing",
		nargs: 1,
		flags: func(fs *flag.FlagSet, c *cmdContext) {
			fs.BoolVar(&dryRun, "dry-run", false, "print the changes without writing them")
			c.addUser(fs)
		},
		run: func(c *cmdContext) error { return importUpdate(c, dryRun) },
	}
}

// importUpdate runs the one import service (xlsx.Import): it reads and
// checks the whole workbook before it touches the database, and plans it
// again inside the write transaction; any problem refuses all of it.
func importUpdate(c *cmdContext, dryRun bool) error {
	if c.flags.NArg() != 1 {
		return usageErr("import needs one IN.xlsx")
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
	res, err := xlsx.Import(c.ctx, c.store, f, name, actor.ID, c.now(), dryRun)
	var problems xlsx.Problems
	switch {
	case errors.As(err, &problems):
		return errLines{lines: problems.Lines(),
			summary: fmt.Sprintf("%s: %d problem(s); nothing was imported", name, len(problems))}
	case err != nil && model.ErrorCode(err) == model.EINVALID:
		return wrapf(model.EINVALID, err, "%s", name)
	case err != nil:
		return err
	case dryRun:
		for _, ch := range res.Changes {
			fmt.Fprintln(c.out, ch)
		}
		fmt.Fprintf(c.out, "dry run: %d change(s) from %s would be made as %s; nothing was written\n", len(res.Changes), name, model.UserLabel(actor))
	case !res.Applied:
		fmt.Fprintf(c.out, "nothing to import: %s holds no change to the database\n", name)
	default:
		fmt.Fprintf(c.out, "imported %d change(s) from %s as %s\n", len(res.Changes), name, model.UserLabel(actor))
		if res.PeriodID != 0 {
			if p := d.PeriodByID(res.PeriodID); p != nil {
				fmt.Fprintf(c.out, "recorded the return of the unit's template in period %q\n", p.Name.In(model.BG))
			}
		}
	}
	return nil
}
