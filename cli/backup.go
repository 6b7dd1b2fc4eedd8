package cli

import (
	"flag"
	"fmt"
)

func backupCommand() *command {
	return &command{
		name: "backup", args: "-o OUT.db", help: "write a consistent copy while the file may be in use",
		flags: func(fs *flag.FlagSet, c *cmdContext) {
			c.addOutput(fs, "the copy to write")
		},
		run: func(c *cmdContext) error {
			out := c.str("o")
			if out == "" {
				return usageErr("backup needs -o OUT.db")
			}
			if err := c.store.Backup(c.ctx, out); err != nil {
				return err
			}
			fmt.Fprintf(c.out, "backed up %s to %s\n", c.store.Path(), out)
			return nil
		},
	}
}
