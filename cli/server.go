package cli

// The PostgreSQL server (storage/postgres): -db accepts a server wherever
// it accepts a file, `server init` / `server grant` set the server up, and
// `copy` moves a strategy between a file and a server.

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"time"

	"strategytracker/assets"
	"strategytracker/model"
	"strategytracker/storage"
	"strategytracker/storage/postgres"
)

// serverOptions are the options of every server connection of the CLI: a
// password the password file or service file does not give is asked for
// on the terminal, never stored.
func serverOptions() postgres.Options {
	return postgres.Options{AskPassword: askPassword, Backup: BackupToFile}
}

// askPassword reads a password from the terminal without echoing it.
func askPassword(prompt string) (string, error) {
	st, err := os.Stdin.Stat()
	if err != nil || st.Mode()&os.ModeCharDevice == 0 {
		return "", fmt.Errorf("the server wants a password and there is no terminal to ask it on: put it in your password file (PGPASSFILE, ~/.pgpass) or use a service file")
	}
	fmt.Fprint(os.Stderr, prompt)
	echo := func(on bool) {
		arg := "-echo"
		if on {
			arg = "echo"
		}
		cmd := exec.Command("stty", arg)
		cmd.Stdin = os.Stdin
		cmd.Run() // without stty (Windows) the password is echoed
	}
	echo(false)
	line, err := bufio.NewReader(os.Stdin).ReadString('\n')
	echo(true)
	fmt.Fprintln(os.Stderr)
	if err != nil && err != io.EOF {
		return "", err
	}
	return strings.TrimRight(line, "\r\n"), nil
}

// openStore opens a file or, for a postgres:// URL or service=NAME, a server.
func openStore(ctx context.Context, db string, now func() time.Time) (model.Store, error) {
	if postgres.IsURL(db) {
		o := serverOptions()
		o.Now = now
		return postgres.Open(ctx, db, o)
	}
	return storage.Open(ctx, db, storage.Options{Now: now})
}

// createStore creates db (a file, or the strategy of a server set up with
// `server init`) holding d.
func createStore(ctx context.Context, db string, d *model.Doc, now func() time.Time, databaseID string) (model.Store, error) {
	if postgres.IsURL(db) {
		o := serverOptions()
		o.Now, o.DatabaseID = now, databaseID
		return postgres.Create(ctx, db, d, o)
	}
	return storage.Create(ctx, db, d, storage.Options{Now: now, DatabaseID: databaseID})
}

// createDemoStore creates db holding the embedded demo.
func createDemoStore(ctx context.Context, db string, now func() time.Time) (model.Store, error) {
	d, err := model.DecodeBytes(assets.DemoStrategy)
	if err != nil {
		return nil, wrapf(model.EINTERNAL, err, "the embedded demo is damaged")
	}
	return createStore(ctx, db, d, now, "")
}

func serverInitCommand() *command {
	var db string
	var print bool
	return &command{
		name: "server init", args: "-db URL [-print]",
		help: "create or upgrade the schema, roles and policies on PostgreSQL (an administrator's connection), or print their SQL",
		db:   dbNone,
		flags: func(fs *flag.FlagSet, c *cmdContext) {
			fs.StringVar(&db, "db", "", "the server's database, as an administrator: postgres://ADMIN@HOST/DATABASE or service=NAME")
			fs.BoolVar(&print, "print", false, "print the SQL instead of running it")
		},
		run: func(c *cmdContext) error {
			if err := needServer("server init", db); err != nil {
				return err
			}
			return serverInit(c, db, print)
		},
	}
}

func serverGrantCommand() *command {
	var db string
	return &command{
		name: "server grant", args: "-db URL",
		help: "create or update the logins of the strategy's people on PostgreSQL (an administrator's connection)",
		db:   dbNone,
		flags: func(fs *flag.FlagSet, c *cmdContext) {
			fs.StringVar(&db, "db", "", "the server's database, as an administrator: postgres://ADMIN@HOST/DATABASE or service=NAME")
		},
		run: func(c *cmdContext) error {
			if err := needServer("server grant", db); err != nil {
				return err
			}
			return serverGrant(c, db)
		},
	}
}

func needServer(name, db string) error {
	if db == "" {
		return usageErr("%s needs -db URL: the server's database, as an administrator", name)
	}
	if !postgres.IsURL(db) {
		return usageErr("%s: -db must name a server (postgres://… or service=NAME), not %q", name, db)
	}
	return nil
}

func serverInit(c *cmdContext, db string, print bool) error {
	if print {
		name, err := postgres.DatabaseName(db)
		if err != nil {
			return err
		}
		fmt.Fprint(c.out, postgres.InitSQL(name, 0))
		return nil
	}
	rep, err := postgres.Init(c.ctx, db, serverOptions())
	if err != nil {
		return err
	}
	if rep.From == rep.To {
		fmt.Fprintf(c.out, "database %s: schema %d is current; grants and policies applied again\n", rep.Database, rep.To)
	} else {
		fmt.Fprintf(c.out, "database %s: schema %d → %d\n", rep.Database, rep.From, rep.To)
	}
	fmt.Fprintf(c.out, "group roles: %s, %s, %s\n", rep.Groups.Office, rep.Groups.Coordinator, rep.Groups.Council)
	fmt.Fprintln(c.out, "next: strategytracker copy -from FILE -to URL, then strategytracker server grant -db URL")
	return nil
}

func serverGrant(c *cmdContext, db string) error {
	rep, err := postgres.Grant(c.ctx, db, serverOptions())
	if err != nil {
		return err
	}
	for _, g := range rep.Granted {
		fmt.Fprintf(c.out, "login %s\n", g)
	}
	for _, r := range rep.Revoked {
		fmt.Fprintf(c.out, "revoked %s\n", r)
	}
	for _, n := range rep.NoEmail {
		fmt.Fprintf(c.out, "no login for %s: no e-mail\n", n)
	}
	if len(rep.Created) > 0 {
		fmt.Fprintf(c.out, "%d new logins have no password: give each one (psql: \\password LOGIN) or let the server authenticate them (pg_hba.conf)\n", len(rep.Created))
		for _, l := range rep.Created {
			fmt.Fprintf(c.out, "new login %s\n", l)
		}
	}
	return nil
}

func copyCommand() *command {
	var from, to string
	return &command{
		name: "copy", args: "-from A -to B", help: "move a strategy between a file and a server (postgres://…), audit log included",
		db: dbNone,
		flags: func(fs *flag.FlagSet, c *cmdContext) {
			fs.StringVar(&from, "from", "", "the strategy to copy: a file or a server")
			fs.StringVar(&to, "to", "", "where to: a new file, or a server set up with `server init` that holds no strategy")
		},
		run: func(c *cmdContext) error {
			if from == "" || to == "" {
				return usageErr("copy needs -from and -to")
			}
			if !postgres.IsURL(from) && !postgres.IsURL(to) {
				return usageErr("copy moves a strategy between a file and a server: -from or -to must be postgres://… or service=NAME (to copy a file, use backup)")
			}
			rep, err := Copy(c.ctx, from, to, serverOptions())
			if err != nil {
				return err
			}
			fmt.Fprintf(c.out, "copied %d measures and %d audit entries to %s; check passes on both ends\n", rep.Measures, rep.AuditEntries, postgres.Redact(to))
			return nil
		},
	}
}
