package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestPublishCommand(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "demo.db")
	mustRun(t, "demo", "-db", db)
	site := filepath.Join(dir, "site")
	mustRun(t, "publish", "-db", db, "-asof", "2026-11-30", "-o", site)
	for _, f := range []string{"index.html", "bg/index.html", "en/measures.html", "data/measures.csv", "data/open-data.zip", "data/open-data.xlsx", "data/README.txt", "data/datapackage.json"} {
		if _, err := os.Stat(filepath.Join(site, f)); err != nil {
			t.Errorf("no %s: %v", f, err)
		}
	}
	dp, _ := os.ReadFile(filepath.Join(site, "data", "datapackage.json"))
	if !strings.Contains(string(dp), `"CC-BY-4.0"`) {
		t.Error("the default licence is not CC BY 4.0")
	}
	// Again, English only, another licence: replaces the earlier site.
	mustRun(t, "publish", "-db", db, "-asof", "2026-11-30", "-o", site, "-lang", "en", "-licence", "cc0-1.0", "-id", "https://data.sofia.bg/dataset/strategy")
	if _, err := os.Stat(filepath.Join(site, "bg")); !os.IsNotExist(err) {
		t.Error("the Bulgarian pages of the earlier site stayed")
	}
	dp, _ = os.ReadFile(filepath.Join(site, "data", "datapackage.json"))
	if !strings.Contains(string(dp), `"CC0-1.0"`) {
		t.Error("-licence cc0-1.0 not used")
	}
	if !strings.Contains(string(dp), `"id": "https://data.sofia.bg/dataset/strategy"`) {
		t.Error("-id not used as the data package's id")
	}
	tests := []struct {
		args     []string
		code     int
		contains string
	}{
		{[]string{"publish", "-db", db}, 2, "needs -o DIR"},
		{[]string{"publish", "-db", db, "-o", site, "-lang", "bg,de"}, 2, `unknown language "de"`},
		{[]string{"publish", "-db", db, "-o", site, "-licence", "MIT"}, 2, "unknown licence"},
		{[]string{"publish", "-db", db, "-o", dir}, 1, "not a published site"},
	}
	for _, tt := range tests {
		code, _, errOut := run(t, tt.args...)
		if code != tt.code || !strings.HasPrefix(errOut, "strategytracker: ") || !strings.Contains(errOut, tt.contains) {
			t.Errorf("%v: exit %d, stderr %q; want exit %d and %q", tt.args, code, errOut, tt.code, tt.contains)
		}
	}
	if _, err := os.Stat(db); err != nil {
		t.Error("the refused publish touched the database's folder")
	}
}
