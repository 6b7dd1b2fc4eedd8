package cli

import (
	"encoding/json"
	"flag"

	"strategytracker/model"
)

func summaryCommand() *command {
	var asJSON bool
	return &command{
		name: "summary", args: "[-asof DATE] [-json] [-lang bg|en]", help: "print the computed figures",
		flags: func(fs *flag.FlagSet, c *cmdContext) {
			c.addAsOf(fs)
			c.addLang(fs)
			fs.BoolVar(&asJSON, "json", false, "print JSON for programs")
		},
		run: func(c *cmdContext) error {
			d, err := summaryDoc(c)
			if err != nil {
				return err
			}
			s := model.Summarize(d, c.asOf)
			if asJSON {
				enc := json.NewEncoder(c.out)
				enc.SetEscapeHTML(false)
				return enc.Encode(s)
			}
			writeSummaryText(c.out, d, s, c.lang)
			return nil
		},
	}
}

// summaryDoc reads only what the figures need (model.Store.SummaryDoc):
// summary is called by scripts and must be quick on a large file.
func summaryDoc(c *cmdContext) (*model.Doc, error) { return c.store.SummaryDoc(c.ctx) }
