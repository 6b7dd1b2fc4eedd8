package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"strategytracker/assets"
	"strategytracker/model"
	"strategytracker/reports/pdf"
	"strategytracker/reports/xlsx"
	"strategytracker/storage"
)

// errUsage marks a command-line mistake: exit status 2.
type errUsage struct{ msg string }

func (e errUsage) Error() string { return e.msg }

func usageErr(format string, args ...any) error { return errUsage{fmt.Sprintf(format, args...)} }

type command struct {
	name, args, help string
	run              func(c *cmdContext) error
	creates          bool // the -db file is created, never opened
}

var commands []command

// argsWanted is how many arguments after the flags the command takes.
func (c *command) argsWanted() int {
	if c.name == "load" || c.name == "import" {
		return 1
	}
	return 0
}

func init() {
	commands = []command{
		{"demo", "-db FILE", "create FILE holding the embedded demo strategy", cmdDemo, true},
		{"generate", "-db FILE -measures N [-seed S]", "create a synthetic strategy of N measures", cmdGenerate, true},
		{"load", "-db FILE IN.json", "create FILE from an export", cmdLoad, true},
		{"export", "[-o OUT.json]", "write the whole strategy as JSON (stdout without -o)", cmdExport, false},
		{"summary", "[-asof DATE] [-json] [-lang bg|en]", "print the computed figures", cmdSummary, false},
		{"report", "-format xlsx|pdf [-lang bg|en] [-asof DATE] [-o OUT]", "the progress workbook / council report", cmdReport, false},
		{"template", "[-unit CODE] [-lang bg|en] -o OUT.xlsx", "the update workbook for coordinators", cmdTemplate, false},
		{"import", "[-dry-run] -user NAME IN.xlsx", "apply a filled update workbook, all or nothing", cmdImport, false},
		{"snapshot", "-name NAME [-asof DATE]", "freeze the figures as of DATE", cmdSnapshot, false},
		{"check", "", "verify SQLite integrity, foreign keys and the audit chain", cmdCheck, false},
		{"backup", "-o OUT.db", "write a consistent copy while the file may be in use", cmdBackup, false},
	}
}

// cmdContext is what a command gets: its flags, the file and the streams.
type cmdContext struct {
	ctx    context.Context
	flags  *flag.FlagSet
	db     string
	user   string
	asOf   model.Date
	lang   model.Lang
	out    io.Writer
	store  *storage.Store
	values map[string]any
}

func (c *cmdContext) str(name string) string   { return *c.values[name].(*string) }
func (c *cmdContext) integer(name string) int  { return *c.values[name].(*int) }
func (c *cmdContext) boolean(name string) bool { return *c.values[name].(*bool) }

// runCLI runs one command and returns the exit status.
func runCLI(args []string, stdout, stderr io.Writer) int {
	if args[0] == "-help" || args[0] == "--help" || args[0] == "-h" || args[0] == "help" {
		printUsage(stdout)
		return 0
	}
	var cmd *command
	for i := range commands {
		if commands[i].name == args[0] {
			cmd = &commands[i]
		}
	}
	if cmd == nil {
		fmt.Fprintf(stderr, "strategytracker: unknown command %q\n", args[0])
		printUsage(stderr)
		return 2
	}
	c := &cmdContext{ctx: context.Background(), out: stdout, values: map[string]any{}}
	fs := flag.NewFlagSet(cmd.name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "usage: strategytracker %s %s\n  %s\n\nflags:\n", cmd.name, cmd.args, cmd.help)
		fs.PrintDefaults()
	}
	fs.StringVar(&c.db, "db", "", "the strategy file (default: $STRATEGYTRACKER_DB, else strategy.db in the app's folder)")
	fs.StringVar(&c.user, "user", "", "who acts: a person's name or email (demo files default to the demo's office user)")
	asOf := fs.String("asof", "", "the as-of date, YYYY-MM-DD or dd.mm.yyyy (default today)")
	lang := fs.String("lang", "bg", "language: bg or en")
	c.values["o"] = fs.String("o", "", "output file")
	c.values["json"] = fs.Bool("json", false, "print JSON for programs")
	c.values["measures"] = fs.Int("measures", 0, "number of measures to generate")
	c.values["seed"] = fs.Int("seed", 1, "random seed for generate")
	c.values["name"] = fs.String("name", "", "snapshot name")
	c.values["format"] = fs.String("format", "", "report format: xlsx or pdf")
	c.values["unit"] = fs.String("unit", "", "unit code")
	c.values["dry-run"] = fs.Bool("dry-run", false, "print the changes without writing them")
	c.flags = fs
	// The flag package would print its own unprefixed message: keep it quiet
	// while parsing and say what is wrong in the contract's form.
	fs.SetOutput(io.Discard)
	err := fs.Parse(args[1:])
	fs.SetOutput(stderr)
	if errors.Is(err, flag.ErrHelp) {
		fs.Usage()
		return 0
	} else if err != nil {
		fmt.Fprintf(stderr, "strategytracker: %s: %v\n", cmd.name, err)
		fs.Usage()
		return 2
	}
	if want := cmd.argsWanted(); fs.NArg() > want {
		fmt.Fprintf(stderr, "strategytracker: %s: unexpected argument %q\n", cmd.name, fs.Arg(want))
		fs.Usage()
		return 2
	}
	err = func() error {
		var err error
		if c.asOf, err = parseAsOf(*asOf); err != nil {
			return err
		}
		if c.lang, err = model.ParseLang(*lang); err != nil {
			return usageErr("%s", model.ErrorMessage(err))
		}
		if !cmd.creates {
			if c.store, err = openForCommand(c.ctx, c.db); err != nil {
				return err
			}
			defer c.store.Close()
		} else if c.db == "" {
			return usageErr("%s needs -db FILE: the file to create", cmd.name)
		}
		return cmd.run(c)
	}()
	if err != nil {
		var ue errUsage
		if errors.As(err, &ue) {
			fmt.Fprintf(stderr, "strategytracker: %s\n", ue.msg)
			fs.Usage()
			return 2
		}
		return fail(stderr, err)
	}
	return 0
}

func fail(stderr io.Writer, err error) int {
	var many errLines
	if errors.As(err, &many) {
		for _, l := range many.lines {
			fmt.Fprintln(stderr, l)
		}
		fmt.Fprintf(stderr, "strategytracker: %s\n", many.summary)
		return 1
	}
	fmt.Fprintf(stderr, "strategytracker: %s\n", model.ErrorMessage(err))
	return 1
}

func printUsage(w io.Writer) {
	fmt.Fprintln(w, "usage: strategytracker                   open the desktop app")
	fmt.Fprintln(w, "       strategytracker COMMAND [flags] [args]")
	fmt.Fprintln(w, "\ncommands:")
	for _, c := range commands {
		fmt.Fprintf(w, "  %-9s %s\n            %s\n", c.name, c.args, c.help)
	}
	fmt.Fprintln(w, "\nEvery command takes -db FILE and -help.")
}

func parseAsOf(s string) (model.Date, error) {
	if s == "" {
		return model.DateOf(time.Now()), nil
	}
	d, err := model.ParseDate(s)
	if err != nil {
		return 0, usageErr("-asof: %s", model.ErrorMessage(err))
	}
	return d, nil
}

// defaultPath is $STRATEGYTRACKER_DB, else strategy.db in the app's folder
// under os.UserConfigDir().
func defaultPath() (string, error) {
	if p := os.Getenv("STRATEGYTRACKER_DB"); p != "" {
		return p, nil
	}
	dir, err := os.UserConfigDir()
	if err != nil {
		return "", model.Errorf(model.EINVALID, "no folder for the default file (%v): use -db FILE", err)
	}
	return filepath.Join(dir, "strategytracker", "strategy.db"), nil
}

// openDefault opens the default file, creating it from the demo the first
// time it is needed.
func openDefault() (*storage.Store, error) {
	ctx := context.Background()
	path, err := defaultPath()
	if err != nil {
		return nil, err
	}
	if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return nil, model.Errorf(model.EINVALID, "cannot create %s: %v", filepath.Dir(path), err)
		}
		return createDemo(ctx, path)
	}
	return storage.Open(ctx, path, storage.Options{})
}

func openForCommand(ctx context.Context, db string) (*storage.Store, error) {
	if db == "" {
		return openDefault()
	}
	return storage.Open(ctx, db, storage.Options{})
}

func createDemo(ctx context.Context, path string) (*storage.Store, error) {
	d, err := model.DecodeBytes(assets.DemoStrategy)
	if err != nil {
		return nil, model.Errorf(model.EINTERNAL, "the embedded demo is damaged: %s", model.ErrorMessage(err))
	}
	return storage.Create(ctx, path, d, storage.Options{})
}

// actor resolves -user; on a demo file it defaults to the demo's first
// office person.
func (c *cmdContext) actor(d *model.Doc) (*model.Person, error) {
	if c.user != "" {
		p, err := d.FindPerson(c.user)
		if err != nil {
			return nil, model.Errorf(model.ErrorCode(err), "-user: %s in %s", model.ErrorMessage(err), c.store.Path())
		}
		return p, nil
	}
	if d.Strategy.Demo {
		for i := range d.People {
			if d.People[i].Role == model.RoleOffice {
				return &d.People[i], nil
			}
		}
	}
	return nil, usageErr("-user NAME is required: say who makes the change")
}

func cmdDemo(c *cmdContext) error {
	s, err := createDemo(c.ctx, c.db)
	if err != nil {
		return err
	}
	defer s.Close()
	fmt.Fprintf(c.out, "created %s with the demo strategy\n", c.db)
	return nil
}

func cmdGenerate(c *cmdContext) error {
	n, seed := c.integer("measures"), c.integer("seed")
	if n < 1 || n > 100000 {
		return usageErr("-measures must be between 1 and 100000")
	}
	// A fixed clock: the same seed gives the same file, whatever the day.
	clock := func() time.Time { return model.GeneratedAsOf.Time().Add(12 * time.Hour) }
	d := model.Generate(n, uint64(seed))
	s, err := storage.Create(c.ctx, c.db, d, storage.Options{Now: clock, DatabaseID: fmt.Sprintf("generated-%d-%d", n, seed)})
	if err != nil {
		return err
	}
	defer s.Close()
	// The load is one audit entry; the history brings the log to N×5.
	err = s.Update(c.ctx, d.People[0].ID, model.ActionUpdate, "", func(tx model.Tx) error {
		return model.GenerateHistory(tx, n*5-1, uint64(seed))
	})
	if err != nil {
		s.Close()
		os.Remove(c.db)
		return err
	}
	fmt.Fprintf(c.out, "created %s: %d measures, %d milestones\n", c.db, len(d.Measures), d.MilestoneCount())
	return nil
}

func cmdLoad(c *cmdContext) error {
	if c.flags.NArg() != 1 {
		return usageErr("load needs one IN.json")
	}
	b, err := os.ReadFile(c.flags.Arg(0))
	if err != nil {
		return model.Errorf(model.ENOTFOUND, "cannot read %s: %v", c.flags.Arg(0), err)
	}
	d, err := model.DecodeBytes(b)
	if err != nil {
		return model.Errorf(model.EINVALID, "%s: %s", c.flags.Arg(0), model.ErrorMessage(err))
	}
	s, err := storage.Create(c.ctx, c.db, d, storage.Options{})
	if err != nil {
		return err
	}
	defer s.Close()
	fmt.Fprintf(c.out, "created %s from %s\n", c.db, c.flags.Arg(0))
	return nil
}

func cmdExport(c *cmdContext) error {
	d, err := c.store.Doc(c.ctx)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := model.Encode(&buf, d); err != nil {
		return err
	}
	return writeOutput(c, buf.Bytes())
}

// writeOutput writes to -o through a temporary file renamed into place (a
// failed write never leaves half a file), or to stdout.
func writeOutput(c *cmdContext, b []byte) error {
	out := c.str("o")
	if out == "" {
		_, err := c.out.Write(b)
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(out), ".strategytracker-*")
	if err != nil {
		return model.Errorf(model.EINVALID, "cannot write %s: %v", out, err)
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(b); err != nil {
		tmp.Close()
		return model.Errorf(model.EINVALID, "cannot write %s: %v", out, err)
	}
	if err := tmp.Close(); err != nil {
		return model.Errorf(model.EINVALID, "cannot write %s: %v", out, err)
	}
	if err := os.Rename(tmp.Name(), out); err != nil {
		return model.Errorf(model.EINVALID, "cannot write %s: %v", out, err)
	}
	return nil
}

func cmdSummary(c *cmdContext) error {
	d, err := c.store.Doc(c.ctx)
	if err != nil {
		return err
	}
	s := model.Summarize(d, c.asOf)
	if c.boolean("json") {
		enc := json.NewEncoder(c.out)
		enc.SetEscapeHTML(false)
		return enc.Encode(s)
	}
	writeSummaryText(c.out, d, s, c.lang)
	return nil
}

// errLines is an error of several lines (the problems of an import, each
// SHEET!ROW: message), printed as they are and followed by one
// "strategytracker: " line that sums them up.
type errLines struct {
	lines   []string
	summary string
}

func (e errLines) Error() string { return strings.Join(append(e.lines, e.summary), "\n") }

// xlsxOptions are the workbook options of the command line: the language,
// the as-of date, the acting person if -user names one, and now.
func (c *cmdContext) xlsxOptions(d *model.Doc) (xlsx.Options, error) {
	opt := xlsx.Options{Lang: c.lang, AsOf: c.asOf, Created: time.Now()}
	if c.user != "" {
		p, err := c.actor(d)
		if err != nil {
			return opt, err
		}
		opt.PreparedBy = p.Name.In(c.lang)
	}
	return opt, nil
}

func cmdReport(c *cmdContext) error {
	switch format := c.str("format"); format {
	case "xlsx":
	case "pdf":
		return writeXLSX(c, func(w io.Writer, d *model.Doc, opt xlsx.Options) error {
			return pdf.Write(w, d, pdf.Options{Lang: opt.Lang, AsOf: opt.AsOf, PreparedBy: opt.PreparedBy, Created: opt.Created})
		})
	case "":
		return usageErr("report needs -format xlsx or -format pdf")
	default:
		return usageErr("-format %q: use xlsx or pdf", format)
	}
	return writeXLSX(c, xlsx.WriteWorkbook)
}

// writeXLSX writes the workbook (or report) that write makes of the
// file's strategy to -o (or stdout), whole or not at all.
func writeXLSX(c *cmdContext, write func(io.Writer, *model.Doc, xlsx.Options) error) error {
	d, err := c.store.Doc(c.ctx)
	if err != nil {
		return err
	}
	opt, err := c.xlsxOptions(d)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := write(&buf, d, opt); err != nil {
		return err
	}
	return writeOutput(c, buf.Bytes())
}

func cmdTemplate(c *cmdContext) error {
	if c.str("o") == "" {
		return usageErr("template needs -o OUT.xlsx")
	}
	err := writeXLSX(c, func(w io.Writer, d *model.Doc, opt xlsx.Options) error {
		return xlsx.WriteTemplate(w, d, c.store.DatabaseID(), c.str("unit"), opt)
	})
	if err != nil {
		return err
	}
	unit := "all units"
	if u := c.str("unit"); u != "" {
		unit = "unit " + u
	}
	fmt.Fprintf(c.out, "wrote the update template for %s to %s\n", unit, c.str("o"))
	return nil
}

// cmdImport runs the one import service (xlsx.Import): it reads and checks
// the whole workbook before it touches the database, and plans it again
// inside the write transaction; any problem refuses all of it.
func cmdImport(c *cmdContext) error {
	if c.flags.NArg() != 1 {
		return usageErr("import needs one IN.xlsx")
	}
	path := c.flags.Arg(0)
	name := filepath.Base(path)
	d, err := c.store.Doc(c.ctx)
	if err != nil {
		return err
	}
	actor, err := c.actor(d)
	if err != nil {
		return err
	}
	f, err := os.Open(path)
	if err != nil {
		return model.Errorf(model.ENOTFOUND, "cannot read %s: %v", path, err)
	}
	defer f.Close()
	dryRun := c.boolean("dry-run")
	res, err := xlsx.Import(c.ctx, c.store, f, name, actor.ID, model.DateOf(time.Now()), dryRun)
	var problems xlsx.Problems
	switch {
	case errors.As(err, &problems):
		return errLines{lines: problems.Lines(),
			summary: fmt.Sprintf("%s: %d problem(s); nothing was imported", name, len(problems))}
	case err != nil && model.ErrorCode(err) == model.EINVALID:
		return model.Errorf(model.EINVALID, "%s: %s", name, model.ErrorMessage(err))
	case err != nil:
		return err
	case dryRun:
		for _, ch := range res.Changes {
			fmt.Fprintln(c.out, ch)
		}
		fmt.Fprintf(c.out, "dry run: %d change(s) from %s would be made as %s; nothing was written\n", len(res.Changes), name, model.UserLabel(actor))
	case !res.Applied:
		fmt.Fprintf(c.out, "nothing to import: %s holds no change to the database\n", name)
	default:
		fmt.Fprintf(c.out, "imported %d change(s) from %s as %s\n", len(res.Changes), name, model.UserLabel(actor))
	}
	return nil
}

func cmdSnapshot(c *cmdContext) error {
	name := strings.TrimSpace(c.str("name"))
	if name == "" {
		return usageErr("snapshot needs -name NAME")
	}
	d, err := c.store.Doc(c.ctx)
	if err != nil {
		return err
	}
	p, err := c.actor(d)
	if err != nil {
		return err
	}
	sn, err := c.store.CreateSnapshot(c.ctx, p.ID, name, c.asOf)
	if err != nil {
		return err
	}
	fmt.Fprintf(c.out, "snapshot %q as of %s: sha256 %s\n", sn.Name, sn.AsOf, sn.SHA256)
	return nil
}

func cmdCheck(c *cmdContext) error {
	rep, err := c.store.Check(c.ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(c.out, "ok: %s: integrity ok, foreign keys ok, %d audit entries verified\n", c.store.Path(), rep.AuditEntries)
	return nil
}

func cmdBackup(c *cmdContext) error {
	out := c.str("o")
	if out == "" {
		return usageErr("backup needs -o OUT.db")
	}
	if err := c.store.Backup(c.ctx, out); err != nil {
		return err
	}
	fmt.Fprintf(c.out, "backed up %s to %s\n", c.store.Path(), out)
	return nil
}
