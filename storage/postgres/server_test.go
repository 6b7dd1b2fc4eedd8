package postgres

import (
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// The tests run against a real PostgreSQL from the Debian package
// (postgresql): TestMain makes a cluster in a temporary folder (initdb
// refuses root, so it runs as the postgres user), starts it on a free
// port of 127.0.0.1 and stops and removes it after the tests. Each test
// gets its own database.

var (
	server     string // "host=… port=…" of the test cluster; "" when none
	skipReason string
	databases  atomic.Int64
)

var ctx = context.Background()

func TestMain(m *testing.M) {
	stop, err := startServer()
	if err != nil {
		if os.Getenv("CI") != "" {
			fmt.Fprintln(os.Stderr, "storage/postgres: cannot start PostgreSQL:", err)
			os.Exit(1)
		}
		skipReason = "no PostgreSQL for the tests (apt-get install postgresql; CI is unset, so the tests are skipped): " + err.Error()
	}
	code := m.Run()
	if stop != nil {
		stop()
	}
	os.Exit(code)
}

func postgresBin() (string, error) {
	dirs, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
	sort.Slice(dirs, func(i, j int) bool { return version(dirs[i]) > version(dirs[j]) })
	for _, d := range dirs {
		if _, err := os.Stat(filepath.Join(d, "initdb")); err == nil {
			return d, nil
		}
	}
	if p, err := exec.LookPath("initdb"); err == nil {
		return filepath.Dir(p), nil
	}
	return "", fmt.Errorf("initdb not found under /usr/lib/postgresql/*/bin or on PATH")
}

func version(dir string) int {
	n, _ := strconv.Atoi(filepath.Base(filepath.Dir(dir)))
	return n
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// asPostgres runs a server program, as the postgres user when we are root.
func asPostgres(bin string, args ...string) *exec.Cmd {
	if os.Geteuid() == 0 {
		return exec.Command("runuser", append([]string{"-u", "postgres", "--", bin}, args...)...)
	}
	return exec.Command(bin, args...)
}

func startServer() (stop func(), err error) {
	bin, err := postgresBin()
	if err != nil {
		return nil, err
	}
	base := ""
	if os.Geteuid() == 0 {
		base = "/tmp" // the postgres user must reach it; $TMPDIR may be under /root
	}
	dir, err := os.MkdirTemp(base, "strategytracker-pg-")
	if err != nil {
		return nil, err
	}
	cleanup := func() { os.RemoveAll(dir) }
	if os.Geteuid() == 0 {
		u, err := user.Lookup("postgres")
		if err != nil {
			cleanup()
			return nil, fmt.Errorf("no postgres user to run the server as: %v", err)
		}
		uid, _ := strconv.Atoi(u.Uid)
		gid, _ := strconv.Atoi(u.Gid)
		if err := os.Chown(dir, uid, gid); err != nil {
			cleanup()
			return nil, err
		}
	}
	data := filepath.Join(dir, "data")
	if out, err := asPostgres(filepath.Join(bin, "initdb"), "-D", data, "-U", "postgres", "--auth=trust",
		"-E", "UTF8", "--locale=C", "--no-sync").CombinedOutput(); err != nil {
		cleanup()
		return nil, fmt.Errorf("initdb: %v: %s", err, out)
	}
	port, err := freePort()
	if err != nil {
		cleanup()
		return nil, err
	}
	opts := fmt.Sprintf("-p %d -k %s -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200", port, dir)
	if out, err := asPostgres(filepath.Join(bin, "pg_ctl"), "-D", data, "-l", filepath.Join(dir, "log"), "-o", opts, "-w", "start").CombinedOutput(); err != nil {
		log, _ := os.ReadFile(filepath.Join(dir, "log"))
		cleanup()
		return nil, fmt.Errorf("pg_ctl start: %v: %s %s", err, out, log)
	}
	server = fmt.Sprintf("host=127.0.0.1 port=%d", port)
	return func() {
		asPostgres(filepath.Join(bin, "pg_ctl"), "-D", data, "-m", "immediate", "-w", "stop").Run()
		cleanup()
	}, nil
}

func needServer(t testing.TB) {
	t.Helper()
	if skipReason != "" {
		t.Skip(skipReason)
	}
}

// dsn is the URL of database as login (no password: the test cluster trusts).
func dsn(database, login string) string {
	host, port := "127.0.0.1", strings.TrimPrefix(strings.Fields(server)[1], "port=")
	return fmt.Sprintf("postgres://%s@%s:%s/%s?sslmode=disable", urlUser(login), host, port, database)
}

func urlUser(login string) string { return strings.ReplaceAll(login, "@", "%40") }

// newDatabase makes an empty database with the schema, roles and policies
// of `server init`, and returns its administrator's URL.
func newDatabase(t testing.TB) string {
	t.Helper()
	needServer(t)
	name := fmt.Sprintf("st_test_%d_%d", os.Getpid(), databases.Add(1))
	admin, err := pgx.Connect(ctx, dsn("postgres", "postgres"))
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close(ctx)
	if _, err := admin.Exec(ctx, "CREATE DATABASE "+name+" ENCODING 'UTF8'"); err != nil {
		t.Fatal(err)
	}
	url := dsn(name, "postgres")
	if _, err := Init(ctx, url, Options{}); err != nil {
		t.Fatal(err)
	}
	return url
}

// withLogin is url with another login.
func withLogin(url, login string) string {
	return strings.Replace(url, "postgres://postgres@", "postgres://"+urlUser(login)+"@", 1)
}

func TestServerStartsAndStops(t *testing.T) {
	needServer(t)
	c, err := pgx.Connect(ctx, dsn("postgres", "postgres"))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close(ctx)
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	var v string
	if err := c.QueryRow(ctx, "SHOW server_version").Scan(&v); err != nil {
		t.Fatal(err)
	}
	t.Logf("PostgreSQL %s at %s", v, server)
}
