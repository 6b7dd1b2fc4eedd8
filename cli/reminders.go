package cli

import (
	"bytes"
	"flag"
	"fmt"
	"path/filepath"
	"strings"

	"strategytracker/model"
	"strategytracker/reports/reminder"
)

// remindersCommand writes .eml drafts to the units that have not returned
// their template in the open period, each with the unit's template.
func remindersCommand() *command {
	var dir string
	return &command{
		name: "reminders", args: "-dir DIR [-lang bg|en]", help: "e-mail drafts (.eml) to the units that have not reported, template attached",
		flags: func(fs *flag.FlagSet, c *cmdContext) {
			fs.StringVar(&dir, "dir", "", "the folder to write the drafts into (made when missing)")
			c.addLang(fs)
			c.addUser(fs)
		},
		run: func(c *cmdContext) error {
			if dir == "" {
				return usageErr("reminders needs -dir DIR")
			}
			d, err := c.store.Doc(c.ctx)
			if err != nil {
				return err
			}
			p := d.OpenPeriod()
			if p == nil {
				return model.Errorf(model.EINVALID, "no reporting period is open in %s: reminders are for the open period", c.store.Path())
			}
			st, err := c.periodStatus(d)
			if err != nil {
				return err
			}
			actor, err := c.actor(d)
			if err != nil {
				return err
			}
			var late []model.UnitReport
			for _, u := range st.Units {
				if u.State != model.UnitReturned {
					late = append(late, u)
				}
			}
			if len(late) == 0 {
				fmt.Fprintf(c.out, "every unit has reported in %s: no reminder written\n", p.Name.In(c.lang))
				return nil
			}
			// The attached templates are written to the folder too and
			// recorded as written, like those of the templates command.
			var units []string
			for _, u := range late {
				if len(reminder.Recipients(d, u.Unit)) > 0 {
					units = append(units, u.Unit)
				}
			}
			if _, err := c.writeUnitTemplates(d, p, dir, units); err != nil {
				return err
			}
			written := 0
			for _, u := range late {
				to := reminder.Recipients(d, u.Unit)
				if len(to) == 0 {
					fmt.Fprintf(c.out, "unit %s has no coordinator with an e-mail address: no reminder written\n", u.Unit)
					continue
				}
				tmpl, err := c.unitTemplate(d, p, u.Unit)
				if err != nil {
					return err
				}
				msg := reminder.Message{Unit: d.Unit(u.Unit), To: to, From: actor, Period: p, Strategy: d.Strategy.Title,
					Lang: c.lang, Template: tmpl, FileName: model.TemplateFileName(p, u.Unit, c.lang), Date: c.now(),
					Missing: u.Measures, DemoMarker: d.Strategy.Demo}
				var buf bytes.Buffer
				if err := msg.Write(&buf); err != nil {
					return err
				}
				path := filepath.Join(dir, model.ReminderFileName(p, u.Unit, c.lang))
				if err := writeFile(path, buf.Bytes()); err != nil {
					return err
				}
				names := make([]string, len(to))
				for i, x := range to {
					names[i] = x.Email
				}
				fmt.Fprintf(c.out, "wrote %s (to %s)\n", path, strings.Join(names, ", "))
				written++
			}
			fmt.Fprintf(c.out, "%d reminders for %d units that have not reported\n", written, len(late))
			return nil
		},
	}
}
