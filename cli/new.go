package cli

import (
	"flag"
	"fmt"
	"strings"

	"strategytracker/model"
)

func newCommand() *command {
	var title, name, email string
	return &command{
		name: "new", args: "-db FILE -title T -name N -email E", help: "create an empty strategy whose only person is its office user",
		db: dbCreate,
		flags: func(fs *flag.FlagSet, c *cmdContext) {
			fs.StringVar(&title, "title", "", "the strategy's title")
			fs.StringVar(&name, "name", "", "the name of its office user (you)")
			fs.StringVar(&email, "email", "", "the e-mail of its office user")
		},
		run: func(c *cmdContext) error {
			title, name, email := strings.TrimSpace(title), strings.TrimSpace(name), strings.TrimSpace(email)
			if title == "" || name == "" || email == "" {
				return usageErr("new needs -title T -name N -email E")
			}
			d := model.NewStrategyDoc(model.T(title, title), name, email, "", c.today())
			s, err := createStore(c.ctx, c.db, d, nil, "")
			if err != nil {
				return err
			}
			defer s.Close()
			fmt.Fprintf(c.out, "created %s: an empty strategy whose office user is %s\n", s.Path(), model.UserLabel(&d.People[0]))
			return nil
		},
	}
}
