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
			files, err := c.writeUnitTemplates(d, p, dir, d.ReportingUnits())
			if err != nil {
				return err
			}
			for _, f := range files {
				fmt.Fprintf(c.out, "wrote %s\n", f)
			}
			return nil
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

// writeUnitTemplates writes the templates of units into dir, records
// them as written in the period (one audited change), and returns the
// paths written. Nothing is recorded when a file cannot be written.
func (c *cmdContext) writeUnitTemplates(d *model.Doc, p *model.Period, dir string, units []string) ([]string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, wrapf(model.EINVALID, err, "cannot create %s", dir)
	}
	actor, err := c.actor(d)
	if err != nil {
		return nil, err
	}
	var paths []string
	for _, u := range units {
		b, err := c.unitTemplate(d, p, u)
		if err != nil {
			return nil, err
		}
		path := filepath.Join(dir, model.TemplateFileName(p, u, c.lang))
		if err := writeFile(path, b); err != nil {
			return nil, err
		}
		paths = append(paths, path)
	}
	err = c.store.Update(c.ctx, actor.ID, model.ActionUpdate, "", func(tx model.Tx) error {
		_, err := model.RecordTemplatesWritten(tx, units, c.now())
		return err
	})
	return paths, err
}
