package cli

import "fmt"

func demoCommand() *command {
	return &command{
		name: "demo", args: "-db FILE", help: "create FILE holding the embedded demo strategy",
		db: dbCreate,
		run: func(c *cmdContext) error {
			s, err := createDemoStore(c.ctx, c.db, c.now)
			if err != nil {
				return err
			}
			defer s.Close()
			fmt.Fprintf(c.out, "created %s with the demo strategy\n", s.Path())
			return nil
		},
	}
}
