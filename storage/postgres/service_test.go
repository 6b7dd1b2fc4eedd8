package postgres

import (
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// -db service=NAME: the connection comes from PostgreSQL's service file,
// so that nobody types a server address (or a password) into the app.
func TestServiceName(t *testing.T) {
	_, dbURL := newDemo(t)
	u, err := url.Parse(dbURL)
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "pg_service.conf")
	conf := fmt.Sprintf("[strategy]\nhost=%s\nport=%s\ndbname=%s\nuser=m.georgieva@sofia.example\nsslmode=disable\n",
		u.Hostname(), u.Port(), strings.TrimPrefix(u.Path, "/"))
	if err := os.WriteFile(file, []byte(conf), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PGSERVICEFILE", file)
	if _, err := Grant(ctx, dbURL, Options{}); err != nil {
		t.Fatal(err)
	}
	if !IsURL("service=strategy") || IsURL("strategy.db") || !IsURL("postgres://x@y/z") || !IsURL("postgresql://y/z") {
		t.Fatal("IsURL does not tell servers from files")
	}
	s, err := Open(ctx, "service=strategy", Options{AskPassword: func(string) (string, error) {
		t.Error("asked for a password the server does not want")
		return "", nil
	}})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	d, err := s.Doc(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if p := d.Person(s.LoginPerson()); p == nil || p.Email != "m.georgieva@sofia.example" {
		t.Errorf("the service's login acts as %v, want m.georgieva", p)
	}
	if strings.Contains(Redact("postgres://a:secret@h/db"), "secret") {
		t.Error("Redact keeps the password")
	}
}
