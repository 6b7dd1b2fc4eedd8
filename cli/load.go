package cli

import (
	"fmt"

	"strategytracker/model"
)

func loadCommand() *command {
	return &command{
		name: "load", args: "-db FILE IN.json", help: "create FILE from an export",
		db: dbCreate, nargs: 1,
		run: func(c *cmdContext) error {
			if c.flags.NArg() != 1 {
				return usageErr("load needs one IN.json")
			}
			in := c.flags.Arg(0)
			b, err := model.ReadFileBounded(in, model.MaxJSONSize)
			if err != nil {
				return err
			}
			d, err := model.DecodeBytes(b)
			if err != nil {
				return wrapf(model.EINVALID, err, "%s", in)
			}
			s, err := createStore(c.ctx, c.db, d, nil, "")
			if err != nil {
				return err
			}
			defer s.Close()
			fmt.Fprintf(c.out, "created %s from %s\n", s.Path(), in)
			return nil
		},
	}
}
