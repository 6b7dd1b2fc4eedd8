// Package cli is the command line of DESIGN.md §4: every command, one file
// and one flag set each. It never imports the UI toolkit, so that the
// console binary (cmd/strategytracker-cli) starts fast and prints nothing
// but its own output; the desktop binary (main.go) calls Run too.
//
// Adding a command: a file NAME.go with a func nameCommand() *command, and
// its line in the table in commands.go.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"time"

	"strategytracker/model"
	"strategytracker/netfs"
	"strategytracker/storage/postgres"
)

// errUsage marks a command-line mistake: exit status 2.
type errUsage struct{ msg string }

func (e errUsage) Error() string { return e.msg }

func usageErr(format string, args ...any) error { return errUsage{fmt.Sprintf(format, args...)} }

// command is one command of the table: its name and help, its own flags and
// what it does. A constructor makes a fresh one for every Run, so the flag
// variables it closes over never leak between runs.
type command struct {
	name, args, help string
	// flags registers the command's own flags on fs. The common ones are
	// registered through c (c.addAsOf, c.addLang, c.addUser, c.addOutput);
	// -db comes with every command that uses a file.
	flags func(fs *flag.FlagSet, c *cmdContext)
	run   func(c *cmdContext) error
	nargs int   // arguments after the flags
	db    dbUse // how the command uses -db
}

// dbUse says what Run does with -db before the command runs.
type dbUse int

const (
	dbOpen   dbUse = iota // open the file (the default file without -db)
	dbCreate              // -db is required and names a file to create, never opened
	dbNone                // the command takes no -db (version)
)

// cmdContext is what a command gets: its flags, the file and the streams.
type cmdContext struct {
	ctx    context.Context
	name   string
	flags  *flag.FlagSet
	db     string
	user   string
	asOf   model.Date
	lang   model.Lang
	out    io.Writer
	stderr io.Writer
	store  model.Store // a file (storage) or a server (storage/postgres)
	// now is the command's one clock: "today" (the default -asof, the
	// dates of templates and returns), report times and the store's
	// audit times all come from it.
	now func() time.Time

	asOfText, langText *string // set when the command takes -asof / -lang
}

// str reads a flag of the command by name.
func (c *cmdContext) str(name string) string { return c.flags.Lookup(name).Value.String() }

// addAsOf registers -asof (default today); Run parses it into c.asOf.
func (c *cmdContext) addAsOf(fs *flag.FlagSet) {
	c.asOfText = fs.String("asof", "", "the as-of date, YYYY-MM-DD or dd.mm.yyyy (default today)")
}

// addLang registers -lang (default bg); Run parses it into c.lang.
func (c *cmdContext) addLang(fs *flag.FlagSet) {
	c.langText = fs.String("lang", "bg", "language: bg or en")
}

// addUser registers -user into c.user.
func (c *cmdContext) addUser(fs *flag.FlagSet) {
	fs.StringVar(&c.user, "user", "", "who acts: a person's name or email (demo files default to the demo's office user)")
}

// addOutput registers -o; writeOutput writes there (or to stdout).
func (c *cmdContext) addOutput(fs *flag.FlagSet, help string) {
	fs.String("o", "", help)
}

// Run runs one command line (without the program name) and returns the
// exit status: 0 done, 1 failed, 2 a usage error.
func Run(args []string, stdout, stderr io.Writer) int { return runAt(args, stdout, stderr, time.Now) }

// today is the date of the command's clock.
func (c *cmdContext) today() model.Date { return model.DateOf(c.now()) }

// runAt is Run with the clock now.
func runAt(args []string, stdout, stderr io.Writer, now func() time.Time) int {
	if len(args) == 0 || args[0] == "-help" || args[0] == "--help" || args[0] == "-h" || args[0] == "help" {
		printUsage(stdout)
		return 0
	}
	if args[0] == "-version" || args[0] == "--version" {
		args = append([]string{"version"}, args[1:]...)
	}
	cmd := lookup(args[0])
	if cmd == nil && len(args) > 1 {
		// Two-word commands: period open, server init, …
		if cmd = lookup(args[0] + " " + args[1]); cmd != nil {
			args = args[1:]
		}
	}
	if cmd == nil && isGroup(args[0]) {
		// "period -help", "period": the group's commands.
		if len(args) > 1 && (args[1] == "-help" || args[1] == "--help" || args[1] == "-h" || args[1] == "help") {
			printGroup(stdout, args[0])
			return 0
		}
		if len(args) == 1 {
			fmt.Fprintf(stderr, "strategytracker: %s needs a command\n", args[0])
		} else {
			fmt.Fprintf(stderr, "strategytracker: unknown command %q\n", args[0]+" "+args[1])
		}
		printGroup(stderr, args[0])
		return 2
	}
	if cmd == nil {
		fmt.Fprintf(stderr, "strategytracker: unknown command %q\n", args[0])
		printUsage(stderr)
		return 2
	}
	c := &cmdContext{ctx: context.Background(), name: cmd.name, out: stdout, stderr: stderr, now: now}
	fs := flag.NewFlagSet(cmd.name, flag.ContinueOnError)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "usage: %s\n  %s\n", strings.TrimSpace("strategytracker "+cmd.name+" "+cmd.args), cmd.help)
		if hasFlags(fs) {
			fmt.Fprintln(fs.Output(), "\nflags:")
			fs.PrintDefaults()
		}
	}
	if cmd.db != dbNone {
		fs.StringVar(&c.db, "db", "", "the strategy file, or a server: postgres://USER@HOST/DATABASE or service=NAME (default: $STRATEGYTRACKER_DB, else strategy.db in the app's folder)")
	}
	if cmd.flags != nil {
		cmd.flags(fs, c)
	}
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
	if fs.NArg() > cmd.nargs {
		fmt.Fprintf(stderr, "strategytracker: %s: unexpected argument %q\n", cmd.name, fs.Arg(cmd.nargs))
		fs.Usage()
		return 2
	}
	if err := c.prepareAndRun(cmd); err != nil {
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

// prepareAndRun parses the common flags, opens the file when the command
// needs it and runs the command.
func (c *cmdContext) prepareAndRun(cmd *command) error {
	var err error
	if c.asOfText != nil {
		if c.asOf, err = parseAsOf(*c.asOfText, c.today()); err != nil {
			return err
		}
	}
	if c.langText != nil {
		if c.lang, err = model.ParseLang(*c.langText); err != nil {
			return usageErr("%s", model.ErrorMessage(err))
		}
	} else {
		c.lang = model.BG
	}
	switch cmd.db {
	case dbOpen:
		if c.store, err = openForCommand(c.ctx, c.db, c.now); err != nil {
			return err
		}
		defer c.store.Close()
		warnIfNetwork(c.stderr, c.store.Path())
	case dbCreate:
		if c.db == "" {
			return usageErr("%s needs -db FILE: the file to create", cmd.name)
		}
	}
	return cmd.run(c)
}

// checkNetwork is netfs.Check; tests replace it.
var checkNetwork = netfs.Check

// warnIfNetwork warns on stderr when path lies on a network file system,
// where SQLite's locking is unreliable. The command still runs.
func warnIfNetwork(stderr io.Writer, path string) {
	if postgres.IsURL(path) {
		return // a server is where sharing belongs
	}
	if r, err := checkNetwork(path); err == nil && r.Network {
		fmt.Fprintf(stderr, "strategytracker: warning: %s\n", r.Warning(path))
	}
}

func hasFlags(fs *flag.FlagSet) bool {
	n := 0
	fs.VisitAll(func(*flag.Flag) { n++ })
	return n > 0
}

func lookup(name string) *command {
	for _, newCommand := range commands {
		if c := newCommand(); c.name == name {
			return c
		}
	}
	return nil
}

// Fail prints err as the contract wants it (one line beginning
// "strategytracker: ", or an import's problems one per line followed by
// that line) and returns the exit status 1.
func Fail(stderr io.Writer, err error) int { return fail(stderr, err) }

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
	for _, newCommand := range commands {
		c := newCommand()
		fmt.Fprintf(w, "  %s\n            %s\n", strings.TrimSpace(fmt.Sprintf("%-9s %s", c.name, c.args)), c.help)
	}
	fmt.Fprintln(w, "\nEvery command takes -help; those that use a strategy file take -db FILE.")
}

// isGroup reports whether word starts two-word commands (period, server).
func isGroup(word string) bool {
	for _, newCommand := range commands {
		if strings.HasPrefix(newCommand().name, word+" ") {
			return true
		}
	}
	return false
}

// printGroup lists the commands that start with word, as printUsage does.
func printGroup(w io.Writer, word string) {
	fmt.Fprintf(w, "usage: strategytracker %s COMMAND [flags]\n\ncommands:\n", word)
	for _, newCommand := range commands {
		if c := newCommand(); strings.HasPrefix(c.name, word+" ") {
			fmt.Fprintf(w, "  %s\n            %s\n", strings.TrimSpace(c.name+" "+c.args), c.help)
		}
	}
	fmt.Fprintf(w, "\nEach takes -help: strategytracker %s COMMAND -help.\n", word)
}

// errLines is an error of several lines (the problems of an import, each
// SHEET!ROW: message), printed as they are and followed by one
// "strategytracker: " line that sums them up.
type errLines struct {
	lines   []string
	summary string
}

func (e errLines) Error() string { return strings.Join(append(e.lines, e.summary), "\n") }

// wrapped is a *model.Error (code and message for the user) that keeps
// the error that caused it, so errors.Is / errors.As see both.
type wrapped struct {
	err   *model.Error
	cause error
}

func (w wrapped) Error() string   { return w.err.Message }
func (w wrapped) Unwrap() []error { return []error{w.err, w.cause} }

// wrapf returns an error with code whose message is the formatted text,
// ": ", and cause's message; cause stays reachable through errors.Is/As.
func wrapf(code string, cause error, format string, args ...any) error {
	msg := fmt.Sprintf(format, args...) + ": " + model.ErrorMessage(cause)
	var me *model.Error
	if !errors.As(cause, &me) {
		msg = fmt.Sprintf(format, args...) + ": " + cause.Error()
	}
	return wrapped{err: &model.Error{Code: code, Message: msg}, cause: cause}
}
