package netfs

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestIsUNC(t *testing.T) {
	tests := []struct {
		path string
		want bool
	}{
		{`\\server\share\strategy.db`, true},
		{`//server/share/strategy.db`, true},
		{`\\?\UNC\server\share\strategy.db`, true},
		{`\\?\unc\server\share`, true},
		{`\\?\C:\Users\me\strategy.db`, false},
		{`\\.\pipe\x`, false},
		{`C:\Users\me\Documents\strategy.db`, false},
		{`Z:\strategy.db`, false},
		{`/home/me/strategy.db`, false},
		{`\\`, false},
		{`\\\x`, false},
		{`strategy.db`, false},
	}
	for _, tt := range tests {
		if got := IsUNC(tt.path); got != tt.want {
			t.Errorf("IsUNC(%q) = %v, want %v", tt.path, got, tt.want)
		}
	}
}

// A file in a temporary folder, existing or not yet, is local.
func TestCheckLocal(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "x.db")
	if err := os.WriteFile(file, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{file, filepath.Join(dir, "not", "yet", "there.db"), dir} {
		r, err := Check(p)
		if err != nil || r.Network || r.Kind != "" {
			t.Errorf("Check(%s) = %+v, %v; want local", p, r, err)
		}
	}
}

func TestNearestExisting(t *testing.T) {
	dir := t.TempDir()
	got, err := nearestExisting(filepath.Join(dir, "a", "b", "c.db"))
	if err != nil || got != dir {
		t.Errorf("nearestExisting = %q, %v; want %q", got, err, dir)
	}
}

func TestWarningNamesFileAndWay(t *testing.T) {
	w := Result{Network: true, Kind: "cifs"}.Warning("/mnt/share/strategy.db")
	for _, want := range []string{"/mnt/share/strategy.db", "cifs", "locking", "postgres://"} {
		if !strings.Contains(w, want) {
			t.Errorf("warning %q lacks %q", w, want)
		}
	}
}
