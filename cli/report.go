package cli

import (
	"bytes"
	"flag"
	"io"
	"time"

	"strategytracker/model"
	"strategytracker/reports/pdf"
	"strategytracker/reports/xlsx"
)

func reportCommand() *command {
	var format string
	return &command{
		name: "report", args: "-format xlsx|pdf [-lang bg|en] [-asof DATE] [-o OUT]", help: "the progress workbook / council report",
		flags: func(fs *flag.FlagSet, c *cmdContext) {
			fs.StringVar(&format, "format", "", "xlsx (the progress workbook) or pdf (the council report)")
			c.addAsOf(fs)
			c.addLang(fs)
			c.addUser(fs)
			c.addOutput(fs, "the file to write (default: stdout)")
		},
		run: func(c *cmdContext) error {
			switch format {
			case "xlsx":
				return writeXLSX(c, xlsx.WriteWorkbook)
			case "pdf":
				return writeReport(c, func(w io.Writer, d *model.Doc, opt reportOptions) error {
					return pdf.Write(w, d, pdf.Options{Lang: opt.Lang, AsOf: opt.AsOf, PreparedBy: opt.PreparedBy, Created: opt.Created})
				})
			case "":
				return usageErr("report needs -format xlsx or -format pdf")
			default:
				return usageErr("-format %q: use xlsx or pdf", format)
			}
		},
	}
}

// reportOptions are what every report takes from the command line: the
// language, the as-of date, who prepared it (-user, if given) and now.
type reportOptions struct {
	Lang       model.Lang
	AsOf       model.Date
	PreparedBy string
	Created    time.Time
}

func (c *cmdContext) reportOptions(d *model.Doc) (reportOptions, error) {
	opt := reportOptions{Lang: c.lang, AsOf: c.asOf, Created: time.Now()}
	if c.user != "" {
		p, err := c.actor(d)
		if err != nil {
			return opt, err
		}
		opt.PreparedBy = p.Name.In(c.lang)
	}
	return opt, nil
}

func (o reportOptions) xlsx() xlsx.Options {
	return xlsx.Options{Lang: o.Lang, AsOf: o.AsOf, PreparedBy: o.PreparedBy, Created: o.Created}
}

// xlsxOptions are the workbook options of the command line.
func (c *cmdContext) xlsxOptions(d *model.Doc) (xlsx.Options, error) {
	o, err := c.reportOptions(d)
	return o.xlsx(), err
}

// writeReport writes the report that write makes of the file's strategy
// to -o (or stdout), whole or not at all.
func writeReport(c *cmdContext, write func(io.Writer, *model.Doc, reportOptions) error) error {
	d, err := c.store.Doc(c.ctx)
	if err != nil {
		return err
	}
	opt, err := c.reportOptions(d)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := write(&buf, d, opt); err != nil {
		return err
	}
	return writeOutput(c, buf.Bytes())
}

// writeXLSX writes the workbook that write makes of the file's strategy
// to -o (or stdout), whole or not at all.
func writeXLSX(c *cmdContext, write func(io.Writer, *model.Doc, xlsx.Options) error) error {
	return writeReport(c, func(w io.Writer, d *model.Doc, o reportOptions) error {
		return write(w, d, o.xlsx())
	})
}
