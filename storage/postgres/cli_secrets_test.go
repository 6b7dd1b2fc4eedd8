package postgres_test

import (
	"strings"
	"testing"

	"strategytracker/storage/postgres"
)

// A password given in the connection string appears in no output of the
// command line, whether the connection works (the test server trusts its
// logins and ignores it) or fails.
func TestCommandLineNeverShowsAPassword(t *testing.T) {
	url := postgres.NewTestDatabase(t)
	secret := strings.Replace(url, "sslmode=disable", "sslmode=disable&password=s3cr3t", 1)
	mustRun(t, "demo", "-db", secret)
	wrong := postgres.WithLogin(secret, "nobody_here")
	for _, args := range [][]string{
		{"check", "-db", secret},
		{"summary", "-db", secret},
		{"check", "-db", wrong},
		{"server", "init", "-db", secret},
		{"check", "-db", "service=nosuch host=127.0.0.1 port=1 user=u password=s3cr3t dbname=x"},
		{"check", "-db", "host=127.0.0.1 port=1 user=u password=s3cr3t dbname=x"},
		{"check", "-db", "password=s3cr3t host=127.0.0.1 port=1"},
		{"check", "-db", strings.Replace(wrong, "@127.0.0.1:", ":s3cr3t@127.0.0.1:1,127.0.0.1:", 1)},
	} {
		_, out, errOut := run(t, args...)
		if strings.Contains(out+errOut, "s3cr3t") {
			t.Errorf("%s %s: the password shows:\n%s%s", args[0], args[1], out, errOut)
		}
	}
	if _, out, _ := run(t, "check", "-db", secret); !strings.Contains(out, "ok:") {
		t.Errorf("check on the server: %q", out)
	}
}
