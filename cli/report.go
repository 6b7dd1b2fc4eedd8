package cli

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode/utf8"

	"strategytracker/model"
	"strategytracker/reports/pdf"
	"strategytracker/reports/xlsx"
	"strategytracker/version"
)

func reportCommand() *command {
	var format, preparedBy, agreed, submitter, decision string
	var maxExceptions int
	return &command{
		name: "report", args: "-format xlsx|pdf [-lang bg|en] [-asof DATE] [-o OUT]", help: "the progress workbook / council report",
		flags: func(fs *flag.FlagSet, c *cmdContext) {
			fs.StringVar(&format, "format", "", "xlsx (the progress workbook) or pdf (the council report)")
			c.addAsOf(fs)
			c.addLang(fs)
			c.addUser(fs)
			c.addOutput(fs, "the file to write (default: stdout)")
			fs.StringVar(&preparedBy, "prepared-by", "", "pdf: who prepared the report (Изготвил), a name or e-mail (default: the file's office user)")
			fs.StringVar(&agreed, "agreed", "", "pdf: who agreed it (Съгласували), names or e-mails separated by commas (default: the other office people)")
			fs.StringVar(&submitter, "submitter", "", "pdf: who submits it to the council (Вносител), a name or e-mail (default: the strategy's submitter, else the office user's unit)")
			fs.StringVar(&decision, "decision", "", "pdf: a text file (UTF-8) with the draft decision of the council (проект на решение)")
			fs.IntVar(&maxExceptions, "max-exceptions", 0, fmt.Sprintf("pdf: how many of the most serious exceptions each list of the body shows (default %d; the annex has all)", pdf.DefaultMaxExceptions))
		},
		run: func(c *cmdContext) error {
			switch format {
			case "xlsx":
				return writeXLSX(c, xlsx.WriteWorkbook)
			case "pdf":
				if maxExceptions < 0 {
					return usageErr("-max-exceptions must be 0 or more")
				}
				var draft model.Text
				if decision != "" {
					b, err := model.ReadFileBounded(decision, model.MaxTextFileSize)
					if err != nil {
						return wrapf(model.ErrorCode(err), err, "-decision")
					}
					if !utf8.Valid(b) {
						return model.Errorf(model.EINVALID, "-decision: %s is not UTF-8 text", decision)
					}
					draft.BG = strings.TrimSpace(string(b))
				}
				return writeReport(c, func(w io.Writer, d *model.Doc, opt reportOptions) error {
					if c.lang == model.EN {
						// The file is written in the report's language.
						draft.BG, draft.EN = "", draft.BG
					}
					po := pdf.Options{Lang: opt.Lang, AsOf: opt.AsOf, PreparedBy: opt.PreparedBy, Created: opt.Created, Version: version.String(),
						Submitter: submitter, DraftDecision: draft, MaxExceptions: maxExceptions}
					if preparedBy != "" {
						po.PreparedBy = preparedBy
					}
					for _, a := range strings.Split(agreed, ",") {
						if a = strings.TrimSpace(a); a != "" {
							po.Agreed = append(po.Agreed, a)
						}
					}
					return pdf.Write(w, d, po)
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
	opt := reportOptions{Lang: c.lang, AsOf: c.asOf, Created: c.now()}
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
	return xlsx.Options{Lang: o.Lang, AsOf: o.AsOf, PreparedBy: o.PreparedBy, Created: o.Created, Version: version.String()}
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
