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

// importUpdate reads and checks the whole workbook before it touches the
// database; any problem refuses all of it. The changes are planned again
// inside the transaction, so that what is written is checked against the
// file as it stands then.
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
	u, err := xlsx.ReadUpdate(f)
	f.Close()
	if err != nil {
		return wrapf(model.ErrorCode(err), err, "%s", name)
	}
	today := model.DateOf(nowFunc())
	refused := func(problems []xlsx.Problem) error {
		return errLines{lines: xlsx.Problems(problems).Lines(),
			summary: fmt.Sprintf("%s: %d problem(s); nothing was imported", name, len(problems))}
	}
	changes, problems := xlsx.Plan(d, u, actor, c.store.DatabaseID(), today)
	if len(problems) > 0 {
		return refused(problems)
	}
	if dryRun {
		for _, ch := range changes {
			fmt.Fprintln(c.out, ch)
		}
		fmt.Fprintf(c.out, "dry run: %d change(s) from %s would be made as %s; nothing was written\n", len(changes), name, model.UserLabel(actor))
		return nil
	}
	if len(changes) == 0 {
		fmt.Fprintf(c.out, "nothing to import: %s holds no change to the database\n", name)
		return nil
	}
	err = c.store.Update(c.ctx, actor.ID, model.ActionImport, name, func(tx model.Tx) error {
		changes, problems = xlsx.Plan(tx.Doc(), u, tx.Doc().Person(actor.ID), c.store.DatabaseID(), today)
		if len(problems) > 0 {
			return refused(problems)
		}
		return xlsx.Apply(tx, changes)
	})
	var rowErr xlsx.Problems
	if errors.As(err, &rowErr) {
		return refused(rowErr)
	} else if err != nil {
		return err
	}
	fmt.Fprintf(c.out, "imported %d change(s) from %s as %s\n", len(changes), name, model.UserLabel(actor))
	return nil
}
