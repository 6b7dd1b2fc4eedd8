package postgres

import (
	"strings"
	"testing"

	"strategytracker/model"
)

// A server set up by an older build is refused with a hint, and `server
// init` with this build applies the missing steps, after which the
// strategy loads and checks.
func TestInitUpgradesAnOlderSchema(t *testing.T) {
	all := embeddedMigrations()
	if len(all) < 2 {
		t.Skip("one schema step: nothing to upgrade yet")
	}
	migrations = func() []string { return all[:1] }
	url := newDatabase(t) // schema 1, as the older build made it
	migrations = embeddedMigrations
	t.Cleanup(func() { migrations = embeddedMigrations })

	if _, err := Create(ctx, url, demoDoc(t), Options{}); err == nil || !strings.Contains(err.Error(), "older schema (1") {
		t.Errorf("load into an older schema: %v, want a hint to upgrade", err)
	}
	rep, err := Init(ctx, url, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if rep.From != 1 || rep.To != len(all) {
		t.Errorf("upgrade: schema %d → %d, want 1 → %d", rep.From, rep.To, len(all))
	}
	s, err := Create(ctx, url, demoDoc(t), Options{Now: fixedClock})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	d, _ := s.Doc(ctx)
	office := personByRole(t, d, model.RoleOffice)
	m := d.Measures[0]
	m.Internal = true // a column of schema 2
	if err := s.Update(ctx, office.ID, model.ActionUpdate, "", func(tx model.Tx) error { return tx.SaveMeasure(&m) }); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Check(ctx); err != nil {
		t.Errorf("check after the upgrade: %v", err)
	}
}
