package cli

import "fmt"

func checkCommand() *command {
	return &command{
		name: "check", help: "verify SQLite integrity, foreign keys and the audit chain",
		run: func(c *cmdContext) error {
			rep, err := c.store.Check(c.ctx)
			if err != nil {
				return err
			}
			fmt.Fprintf(c.out, "ok: %s: integrity ok, foreign keys ok, %d audit entries verified\n", c.store.Path(), rep.AuditEntries)
			return nil
		},
	}
}
