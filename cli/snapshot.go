package cli

import (
	"flag"
	"fmt"
	"strings"
)

func snapshotCommand() *command {
	var name string
	return &command{
		name: "snapshot", args: "-name NAME [-asof DATE]", help: "freeze the figures as of DATE",
		flags: func(fs *flag.FlagSet, c *cmdContext) {
			fs.StringVar(&name, "name", "", "the snapshot's name")
			c.addAsOf(fs)
			c.addUser(fs)
		},
		run: func(c *cmdContext) error {
			name := strings.TrimSpace(name)
			if name == "" {
				return usageErr("snapshot needs -name NAME")
			}
			d, err := c.store.Doc(c.ctx)
			if err != nil {
				return err
			}
			p, err := c.actor(d)
			if err != nil {
				return err
			}
			sn, err := c.store.CreateSnapshot(c.ctx, p.ID, name, c.asOf)
			if err != nil {
				return err
			}
			fmt.Fprintf(c.out, "snapshot %q as of %s: sha256 %s\n", sn.Name, sn.AsOf, sn.SHA256)
			return nil
		},
	}
}
