package cli

import (
	"flag"
	"fmt"
	"io"

	"strategytracker/model"
	"strategytracker/reports/xlsx"
)

func planTemplateCommand() *command {
	return &command{
		name: "plan-template", args: "[-lang bg|en] -o OUT.xlsx", help: "the plan workbook: header, goals, areas, units, people, measures, milestones, KPIs",
		flags: func(fs *flag.FlagSet, c *cmdContext) {
			c.addLang(fs)
			c.addUser(fs)
			c.addOutput(fs, "the workbook to write")
		},
		run: func(c *cmdContext) error {
			c.asOf = c.today()
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
		},
	}
}
