package cli

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"strategytracker/model"
	"strategytracker/reports/xlsx"
	"strategytracker/storage"
)

// The plan commands (issue 11): new, plan-template, plan-import. Kept in
// their own file so that they move easily into the cli package.
func newCommand() *command {
	var title, name, email string
	return &command{
		name: "new", args: "-db FILE -title T -name N -email E", help: "create an empty strategy whose only person is its office user",
		db: dbCreate,
		flags: func(fs *flag.FlagSet, c *cmdContext) {
			fs.StringVar(&title, "title", "", "the strategy's title")
			fs.StringVar(&name, "name", "", "the office user's name")
			fs.StringVar(&email, "email", "", "the office user's e-mail")
		},
		run: func(c *cmdContext) error { return cmdNew(c, title, name, email) },
	}
}

func planTemplateCommand() *command {
	return &command{
		name: "plan-template", args: "[-lang bg|en] -o OUT.xlsx", help: "the plan workbook: header, goals, areas, units, people, measures, milestones, KPIs",
		flags: func(fs *flag.FlagSet, c *cmdContext) {
			c.addLang(fs)
			c.addUser(fs)
			c.addOutput(fs, "the workbook to write")
		},
		run: cmdPlanTemplate,
	}
}

func planImportCommand() *command {
	var dryRun bool
	return &command{
		name: "plan-import", args: "[-dry-run] -user NAME IN.xlsx", help: "add or update the plan from a plan workbook, matched by code, all or nothing",
		nargs: 1,
		flags: func(fs *flag.FlagSet, c *cmdContext) {
			fs.BoolVar(&dryRun, "dry-run", false, "print the changes without writing them")
			c.addUser(fs)
		},
		run: func(c *cmdContext) error { return cmdPlanImport(c, dryRun) },
	}
}

func cmdNew(c *cmdContext, title, name, email string) error {
	title, name, email = strings.TrimSpace(title), strings.TrimSpace(name), strings.TrimSpace(email)
	if title == "" || name == "" || email == "" {
		return usageErr("new needs -title T -name N -email E")
	}
	d := model.NewStrategyDoc(model.T(title, title), name, email, "", model.DateOf(time.Now()))
	s, err := storage.Create(c.ctx, c.db, d, storage.Options{})
	if err != nil {
		return err
	}
	defer s.Close()
	fmt.Fprintf(c.out, "created %s: an empty strategy whose office user is %s\n", c.db, model.UserLabel(&d.People[0]))
	return nil
}

func cmdPlanTemplate(c *cmdContext) error {
	if c.str("o") == "" {
		return usageErr("plan-template needs -o OUT.xlsx")
	}
	err := writeXLSX(c, func(w io.Writer, d *model.Doc, opt xlsx.Options) error {
		return xlsx.WritePlanTemplate(w, d, c.store.DatabaseID(), opt)
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(c.out, "wrote the plan workbook to %s\n", c.str("o"))
	return nil
}

// cmdPlanImport reads the whole workbook, plans it against the file and,
// unless -dry-run, plans it again and applies it inside one write
// transaction: all or nothing, audited as one import.
func cmdPlanImport(c *cmdContext, dryRun bool) error {
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
	b, err := os.ReadFile(path)
	if err != nil {
		return model.Errorf(model.ENOTFOUND, "cannot read %s: %v", path, err)
	}
	book, err := xlsx.ReadPlanBook(bytes.NewReader(b))
	if err != nil {
		return model.Errorf(model.ErrorCode(err), "%s: %s", name, model.ErrorMessage(err))
	}
	today := model.DateOf(time.Now())
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
