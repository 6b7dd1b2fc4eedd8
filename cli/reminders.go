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
			// Every draft is made before any file is written: an address
			// the rule refuses, or names that would collide, write nothing.
			var units []string
			for _, u := range late {
				if len(reminder.Recipients(d, u.Unit)) == 0 {
					fmt.Fprintf(c.out, "unit %s has no coordinator with an e-mail address: no reminder written\n", u.Unit)
					continue
				}
				units = append(units, u.Unit)
			}
			files, err := d.CycleFiles(p, units, c.lang)
			if err != nil {
				return err
			}
			drafts := make([][]byte, len(files))
			for i, f := range files {
				tmpl, err := c.unitTemplate(d, p, f.Unit)
				if err != nil {
					return err
				}
				var missing []string
				for _, u := range late {
					if u.Unit == f.Unit {
						missing = u.Measures
					}
				}
				msg := reminder.Message{Unit: d.Unit(f.Unit), To: reminder.Recipients(d, f.Unit), From: actor, Period: p, Strategy: d.Strategy.Title,
					Lang: c.lang, Template: tmpl, FileName: f.Template, Date: c.now(), Missing: missing, DemoMarker: d.Strategy.Demo}
				var buf bytes.Buffer
				if err := msg.Write(&buf); err != nil {
					return err
				}
				drafts[i] = buf.Bytes()
			}
			// The attached templates are written to the folder too and
			// recorded as written, like those of the templates command.
			if err := c.writeUnitTemplates(d, p, dir, units); err != nil {
				return err
			}
			written := 0
			for i, f := range files {
				path := filepath.Join(dir, f.Reminder)
				if err := writeFile(path, drafts[i]); err != nil {
					return err
				}
				to := reminder.Recipients(d, f.Unit)
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
