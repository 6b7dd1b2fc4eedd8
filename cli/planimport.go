package cli

import (
	"bytes"
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

// importPlan reads the whole workbook, plans it against the file and,
// unless dry-run, plans it again and applies it inside one write
// transaction: all or nothing, audited as one import.
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
	if actor.Role != model.RoleOffice {
		return model.Errorf(model.EFORBIDDEN, "%s is a %s: only the strategy office imports a plan", model.UserLabel(actor), actor.Role)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return wrapf(model.ENOTFOUND, err, "cannot read %s", path)
	}
	book, err := xlsx.ReadPlanBook(bytes.NewReader(b))
	if err != nil {
		return wrapf(model.ErrorCode(err), err, "%s", name)
	}
	today := c.today()
	refused := func(problems []xlsx.Problem) error {
		return errLines{lines: xlsx.Problems(problems).Lines(),
			summary: fmt.Sprintf("%s: %d problem(s); nothing was imported", name, len(problems))}
	}
	changes, problems := xlsx.PlanPlanBook(d, book, c.store.DatabaseID(), today)
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
		fmt.Fprintf(c.out, "nothing to import: %s holds no change to the plan\n", name)
		return nil
	}
	err = c.store.Update(c.ctx, actor.ID, model.ActionImport, name, func(tx model.Tx) error {
		changes, err = xlsx.ApplyPlanBook(tx, book, c.store.DatabaseID(), today)
		return err
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
