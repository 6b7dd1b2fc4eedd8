package cli

import (
	"flag"
	"fmt"
	"io"

	"strategytracker/model"
	"strategytracker/reports/xlsx"
)

func templateCommand() *command {
	var unit string
	return &command{
		name: "template", args: "[-unit CODE] [-lang bg|en] -o OUT.xlsx", help: "the update workbook for coordinators",
		flags: func(fs *flag.FlagSet, c *cmdContext) {
			fs.StringVar(&unit, "unit", "", "only the measures of this unit (its code; default: all units)")
			c.addLang(fs)
			c.addUser(fs)
			c.addOutput(fs, "the workbook to write")
		},
		run: func(c *cmdContext) error {
			c.asOf = c.today()
			if c.str("o") == "" {
				return usageErr("template needs -o OUT.xlsx")
			}
			err := writeXLSX(c, func(w io.Writer, d *model.Doc, opt xlsx.Options) error {
				return xlsx.WriteTemplate(w, d, c.store.DatabaseID(), unit, opt)
			})
			if err != nil {
				return err
			}
			which := "all units"
			if unit != "" {
				which = "unit " + unit
			}
			fmt.Fprintf(c.out, "wrote the update template for %s to %s\n", which, c.str("o"))
			return nil
		},
	}
}
