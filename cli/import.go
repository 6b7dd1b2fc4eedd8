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
		name: "import", args: "[-dry-run] [-lang bg|en] -user NAME IN.xlsx", help: "apply a filled update workbook, all or nothing",
		nargs: 1,
		flags: func(fs *flag.FlagSet, c *cmdContext) {
			fs.BoolVar(&dryRun, "dry-run", false, "print the changes without writing them")
			c.addUser(fs)
			c.addLang(fs) // of the summary lines; the changes and problems are in the template's language
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
		return errLines{lines: problems.Lines(), summary: say(c.lang, "cli.import.problems", name, len(problems))}
	case err != nil && model.ErrorCode(err) == model.EINVALID:
		return wrapf(model.EINVALID, err, "%s", name)
	case err != nil:
		return err
	case dryRun:
		for _, ch := range res.Changes {
			fmt.Fprintln(c.out, ch)
		}
		fmt.Fprintln(c.out, sayN(c.lang, "cli.import.dry_run", len(res.Changes), name, model.UserLabel(actor)))
	case !res.Applied:
		fmt.Fprintln(c.out, say(c.lang, "cli.import.nothing", name))
	default:
		fmt.Fprintln(c.out, sayN(c.lang, "cli.import.done", len(res.Changes), name, model.UserLabel(actor)))
		if res.PeriodID != 0 {
			if p := d.PeriodByID(res.PeriodID); p != nil {
				fmt.Fprintln(c.out, say(c.lang, "cli.import.returned", p.Name.In(c.lang)))
			}
		}
	}
	return nil
}
