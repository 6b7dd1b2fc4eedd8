package app

import (
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"strategytracker/model"
	"strategytracker/storage/postgres"
)

// Recent entries an older version kept with a server's password (as the
// address was typed, in a URL or the key=value form) are rewritten
// without it when the app starts, by the one function that makes a
// connection string safe (postgres.SafeToKeep, which main hands the app);
// files' paths stay as they are.
func TestOldRecentEntriesLoseTheirPasswords(t *testing.T) {
	a := test.NewTempApp(t)
	a.Preferences().SetStringList(prefRecent, []string{
		"/home/m/strategy.db",
		"postgres://m.georgieva%40sofia.example:s3cr3t@db.example/strategy",
		"postgres://m.georgieva%40sofia.example@db.example/strategy?password=s3cr3t&sslmode=require",
		"service=strategy password='s3 cr3t'",
		"host=db.example user=u password=s3cr3t dbname=strategy",
		"postgres://m.georgieva%40sofia.example@db.example/strategy",
		`C:\Users\m\Documents\plan=2026.db`,
	})
	u := New(a, newMemStore(testDoc()), Options{Lang: model.BG, Today: func() model.Date { return testAsOf }, Redact: postgres.SafeToKeep})
	u.useQueue()
	t.Cleanup(func() {
		u.settle()
		setLanguage(model.BG)
	})
	got := a.Preferences().StringList(prefRecent)
	want := []string{
		"/home/m/strategy.db",
		"postgres://m.georgieva%40sofia.example@db.example/strategy",
		"postgres://m.georgieva%40sofia.example@db.example/strategy?sslmode=require",
		"service=strategy",
		"host=db.example user=u dbname=strategy",
		`C:\Users\m\Documents\plan=2026.db`,
	}
	if !slices.Equal(got, want) {
		t.Errorf("recent entries after the start:\n got %q\nwant %q", got, want)
	}
	for _, p := range got {
		if strings.Contains(p, "cr3t") {
			t.Errorf("a password is still kept: %q", p)
		}
	}
}
