package cli

import (
	"fmt"

	"strategytracker/version"
)

func versionCommand() *command {
	return &command{
		name: "version", help: "print the build's version (from git describe, stamped at build time)",
		db: dbNone,
		run: func(c *cmdContext) error {
			fmt.Fprintln(c.out, version.String())
			return nil
		},
	}
}
