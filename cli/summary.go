package cli

import (
	"context"
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

// summaryReader is a store that can read only what the figures need
// (storage.Store.SummaryDoc): summary is called by scripts and must be
// quick on a large file.
type summaryReader interface {
	SummaryDoc(ctx context.Context) (*model.Doc, error)
}

func summaryDoc(c *cmdContext) (*model.Doc, error) {
	if sr, ok := c.store.(summaryReader); ok {
		return sr.SummaryDoc(c.ctx)
	}
	return c.store.Doc(c.ctx)
}
