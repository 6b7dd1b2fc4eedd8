package cli

import (
	"bytes"
	"flag"

	"strategytracker/model"
)

func exportCommand() *command {
	return &command{
		name: "export", args: "[-o OUT.json]", help: "write the whole strategy as JSON (stdout without -o)",
		flags: func(fs *flag.FlagSet, c *cmdContext) {
			c.addOutput(fs, "the JSON file to write (default: stdout)")
		},
		run: func(c *cmdContext) error {
			d, err := c.store.Doc(c.ctx)
			if err != nil {
				return err
			}
			var buf bytes.Buffer
			if err := model.Encode(&buf, d); err != nil {
				return err
			}
			return writeOutput(c, buf.Bytes())
		},
	}
}
