package cli

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"strategytracker/model"
	"strategytracker/reports/xlsx"
)

// templatesCommand writes one update template per unit of the open period.
func templatesCommand() *command {
	var dir string
	return &command{
		name: "templates", args: "-dir DIR [-lang bg|en]", help: "one update template per unit for the open reporting period",
		flags: func(fs *flag.FlagSet, c *cmdContext) {
			fs.StringVar(&dir, "dir", "", "the folder to write the templates into (made when missing)")
			c.addLang(fs)
			c.addUser(fs)
		},
		run: func(c *cmdContext) error {
			if dir == "" {
				return usageErr("templates needs -dir DIR")
			}
			d, err := c.store.Doc(c.ctx)
			if err != nil {
				return err
			}
			p := d.OpenPeriod()
			if p == nil {
				return model.Errorf(model.EINVALID, "no reporting period is open in %s: open one with period open", c.store.Path())
			}
			return c.writeUnitTemplates(d, p, dir, d.ReportingUnits())
		},
	}
}

// unitTemplate is the template of one unit for period p, as bytes.
func (c *cmdContext) unitTemplate(d *model.Doc, p *model.Period, unit string) ([]byte, error) {
	opt, err := c.xlsxOptions(d)
	if err != nil {
		return nil, err
	}
	opt.AsOf = c.today()
	var buf bytes.Buffer
	if err := xlsx.WritePeriodTemplate(&buf, d, c.store.DatabaseID(), unit, p, opt); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// writeUnitTemplates writes the templates of units into dir, says each
// file written, and records them as written in the period (one audited
// change). Names that would collide are refused before anything is
// written; nothing is recorded when a file cannot be written.
func (c *cmdContext) writeUnitTemplates(d *model.Doc, p *model.Period, dir string, units []string) error {
	files, err := d.CycleFiles(p, units, c.lang)
	if err != nil {
		return err
	}
	actor, err := c.actor(d)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return wrapf(model.EINVALID, err, "cannot create %s", dir)
	}
	for _, f := range files {
		b, err := c.unitTemplate(d, p, f.Unit)
		if err != nil {
			return err
		}
		path := filepath.Join(dir, f.Template)
		if err := writeFile(path, b); err != nil {
			return err
		}
		fmt.Fprintf(c.out, "wrote %s\n", path)
	}
	return c.store.Update(c.ctx, actor.ID, model.ActionUpdate, "", func(tx model.Tx) error {
		_, err := model.RecordTemplatesWritten(tx, units, c.now())
		return err
	})
}
