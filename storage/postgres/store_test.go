package postgres

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"

	"strategytracker/model"
	"strategytracker/model/storetest"
)

// The behaviour of the SQLite store (storage/store_test.go), on the server.

// fixedClock is the injectable clock of every test store.
var fixedClock = storetest.FixedClock

func demoDoc(t testing.TB) *model.Doc { return storetest.ReadDoc(t, "../../assets/demo/strategy.json") }

// newDemo loads the demo into a new database as its administrator.
// The suite's helpers, for the driver's own tests.
var (
	export       = storetest.Export
	personByRole = storetest.PersonByRole
	auditCount   = storetest.AuditCount
)

func newDemo(t *testing.T) (*Store, string) {
	t.Helper()
	url := newDatabase(t)
	s, err := Create(ctx, url, demoDoc(t), Options{Now: fixedClock})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s, url
}

// sqlExec runs statements on url directly, as psql would.
func sqlExec(t *testing.T, url, query string, args ...any) (int64, error) {
	t.Helper()
	c, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close(ctx)
	tag, err := c.Exec(ctx, query, args...)
	return tag.RowsAffected(), err
}

func TestCreateThenExportEqualsInput(t *testing.T) {
	s, url := newDemo(t)
	want, err := os.ReadFile("../../assets/demo/strategy.json")
	if err != nil {
		t.Fatal(err)
	}
	if got := export(t, s); !bytes.Equal(got, want) {
		t.Errorf("export differs from the loaded demo (%d vs %d bytes)", len(got), len(want))
	}
	if got := auditCount(t, s); got != 1 {
		t.Errorf("audit entries after load = %d, want 1", got)
	}
	if _, err := s.Check(ctx); err != nil {
		t.Errorf("check of a fresh strategy: %v", err)
	}
	if _, err := Create(ctx, url, demoDoc(t), Options{}); model.ErrorCode(err) != model.ECONFLICT {
		t.Errorf("create over a strategy: %v, want conflict", err)
	}
	bad := demoDoc(t)
	bad.Measures[0].End = bad.Measures[0].Start.AddDays(-1)
	if _, err := Create(ctx, newDatabase(t), bad, Options{}); model.ErrorCode(err) != model.EINVALID {
		t.Errorf("create from an invalid doc: %v, want invalid", err)
	}
}

func TestOpenRefusesADatabaseWithoutSchemaOrStrategy(t *testing.T) {
	needServer(t)
	_, err := Open(ctx, dsn("postgres", "postgres"), Options{})
	if err == nil || !strings.Contains(err.Error(), "server init") {
		t.Errorf("open without schema: %v, want a hint at server init", err)
	}
	_, err = Open(ctx, newDatabase(t), Options{})
	if err == nil || !strings.Contains(err.Error(), "holds no strategy") {
		t.Errorf("open without strategy: %v, want 'holds no strategy'", err)
	}
	_, err = Open(ctx, dsn("postgres", "nobody-at-all"), Options{})
	if err == nil {
		t.Error("open as a login that does not exist succeeded")
	}
}

func TestStaleWriteIsRefusedAndChangesNothing(t *testing.T) {
	s, url := newDemo(t)
	other, err := Open(ctx, url, Options{Now: fixedClock})
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	storetest.StaleWriteFromAnotherClient(t, s, other)
}

// ownAndForeign finds a coordinator, a measure they coordinate and one
// they do not, both with milestones.
func ownAndForeign(t *testing.T, d *model.Doc) (coord *model.Person, own, foreign *model.Measure) {
	t.Helper()
	for i := range d.People {
		p := &d.People[i]
		if p.Role != model.RoleCoordinator {
			continue
		}
		for j := range d.Measures {
			m := &d.Measures[j]
			if len(m.Milestones) > 0 && !m.Cancelled && p.Coordinates(m) && own == nil {
				coord, own = p, m
			}
		}
		if coord != nil {
			break
		}
	}
	for j := range d.Measures {
		if coord != nil && !coord.Coordinates(&d.Measures[j]) && len(d.Measures[j].Milestones) > 0 {
			foreign = &d.Measures[j]
			break
		}
	}
	if coord == nil || foreign == nil {
		t.Fatal("the demo lacks a coordinator with own and foreign measures")
	}
	return coord, own, foreign
}

// The server computes the links of the chain (st_audit_append); they must
// be the ones model.AuditEntry.ComputeHash gives, whatever the text holds.
func TestServerHashesAreGoHashes(t *testing.T) {
	s, _ := newDemo(t)
	storetest.EditEverything(t, s)
	entries, err := s.Audit(ctx, model.AuditFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) < 20 {
		t.Fatalf("only %d audit entries after editing everything", len(entries))
	}
	for _, e := range entries {
		if got := e.ComputeHash(); got != e.Hash {
			t.Fatalf("entry %d (%s %s): server hash %s, Go hash %s", e.Seq, e.Entity, e.Field, e.Hash, got)
		}
	}
	rep, err := s.Check(ctx)
	if err != nil {
		t.Fatalf("check after editing everything: %v", err)
	}
	if rep.AuditEntries != len(entries) || rep.Integrity != "ok" {
		t.Errorf("check report %+v, want %d entries and ok", rep, len(entries))
	}
}

func TestCheckFindsTampering(t *testing.T) {
	tamper := []struct {
		name, sql, want string
	}{
		{"changed user", "UPDATE audit SET actor = 'mallory' WHERE seq = 2", "audit entry 2: its hash"},
		{"changed value", "UPDATE audit SET new = '\"x\"' WHERE seq = 3", "audit entry 3: its hash"},
		{"deleted entry", "DELETE FROM audit WHERE seq = 2", "audit entry 2 is missing"},
		{"rehashed entry", "UPDATE audit SET hash = 'abc' WHERE seq = 2", "audit entry 2"},
		{"changed snapshot", "UPDATE snapshots SET figures = replace(figures, 'completed', 'delayed')", "snapshot"},
		{"change without entry", "UPDATE milestones SET note = 'quietly' WHERE id = (SELECT min(id) FROM milestones)", "milestone"},
	}
	for _, tt := range tamper {
		t.Run(tt.name, func(t *testing.T) {
			s, url := newDemo(t)
			storetest.NotesAndASnapshot(t, s)
			// The administrator (the owner) can still do anything.
			if _, err := sqlExec(t, url, tt.sql); err != nil {
				t.Fatal(err)
			}
			_, err := s.Check(ctx)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("check after tampering: %v, want %q", err, tt.want)
			}
			if err != nil && strings.Contains(err.Error(), "file") {
				t.Errorf("check of a server speaks of a file: %v", err)
			}
		})
	}
}

func TestSnapshotsAndDeletions(t *testing.T) {
	s, _ := newDemo(t)
	d, _ := s.Doc(ctx)
	office := personByRole(t, d, model.RoleOffice)
	sn, err := s.CreateSnapshot(ctx, office.ID, "Q3", model.NewDate(2026, 9, 30))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.CreateSnapshot(ctx, office.ID, "Q3", model.NewDate(2026, 9, 30)); model.ErrorCode(err) != model.EINVALID {
		t.Errorf("second snapshot of the same name: %v, want invalid", err)
	}
	d, _ = s.Doc(ctx)
	if len(d.Snapshots) != 1 || d.Snapshots[0].SHA256 != sn.SHA256 {
		t.Fatalf("snapshots = %+v", d.Snapshots)
	}
	m := d.Measures[0]
	children := len(m.Milestones) + len(m.Updates)
	for _, k := range m.KPIs {
		children += 1 + len(k.Values)
	}
	before := auditCount(t, s)
	if err := s.Update(ctx, office.ID, model.ActionUpdate, "", func(tx model.Tx) error {
		return tx.Delete(model.EntityMeasure, m.ID, m.Version+1)
	}); model.ErrorCode(err) != model.ECONFLICT {
		t.Errorf("delete with a stale version: %v, want conflict", err)
	}
	if err := s.Update(ctx, office.ID, model.ActionUpdate, "", func(tx model.Tx) error {
		return tx.Delete(model.EntityMeasure, m.ID, m.Version)
	}); err != nil {
		t.Fatal(err)
	}
	d, _ = s.Doc(ctx)
	if d.Measure(m.ID) != nil {
		t.Error("deleted measure is still there")
	}
	if got := auditCount(t, s) - before; got != children+1 {
		t.Errorf("deletion added %d audit entries, want %d (children and the measure)", got, children+1)
	}
	if _, err := s.Check(ctx); err != nil {
		t.Errorf("check after deletion: %v", err)
	}
}
