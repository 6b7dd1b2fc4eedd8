package postgres

import (
	"bytes"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"strategytracker/model"
)

// The behaviour of the SQLite store (storage/store_test.go), on the server.

func fixedClock() time.Time { return time.Date(2026, 11, 29, 10, 0, 0, 0, time.UTC) }

func demoDoc(t testing.TB) *model.Doc {
	t.Helper()
	b, err := os.ReadFile("../../assets/demo/strategy.json")
	if err != nil {
		t.Fatal(err)
	}
	d, err := model.DecodeBytes(b)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// newDemo loads the demo into a new database as its administrator.
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

func export(t *testing.T, s model.Store) []byte {
	t.Helper()
	d, err := s.Doc(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := model.Encode(&buf, d); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func personByRole(t *testing.T, d *model.Doc, role model.Role) *model.Person {
	t.Helper()
	for i := range d.People {
		if d.People[i].Role == role {
			return &d.People[i]
		}
	}
	t.Fatalf("no %s in the demo", role)
	return nil
}

func auditCount(t *testing.T, s model.Store) int {
	t.Helper()
	entries, err := s.Audit(ctx, model.AuditFilter{})
	if err != nil {
		t.Fatal(err)
	}
	return len(entries)
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

func TestOfficeEditIsSavedAndAudited(t *testing.T) {
	s, url := newDemo(t)
	d, _ := s.Doc(ctx)
	office := personByRole(t, d, model.RoleOffice)
	m := d.Measures[0]
	m.Title.EN = "A new title"
	m.PlannedCents += 100
	before := auditCount(t, s)
	if err := s.Update(ctx, office.ID, model.ActionUpdate, "", func(tx model.Tx) error { return tx.SaveMeasure(&m) }); err != nil {
		t.Fatal(err)
	}
	if m.Version != 2 {
		t.Errorf("version after save = %d, want 2", m.Version)
	}
	s2, err := Open(ctx, url, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	d2, _ := s2.Doc(ctx)
	got := d2.MeasureByCode(m.Code)
	if got.Title.EN != "A new title" || got.PlannedCents != m.PlannedCents || got.Version != 2 {
		t.Errorf("reopened measure = %q %d v%d", got.Title.EN, got.PlannedCents, got.Version)
	}
	if len(got.Milestones) != len(d.Measures[0].Milestones) || len(got.Goals) != len(d.Measures[0].Goals) {
		t.Error("saving a measure changed its milestones or goals")
	}
	entries, _ := s.Audit(ctx, model.AuditFilter{})
	added := entries[before:]
	if len(added) != 2 {
		t.Fatalf("audit entries added = %d, want 2 (title, plannedCents)", len(added))
	}
	for _, e := range added {
		if e.User != model.UserLabel(office) || e.Entity != model.EntityMeasure || e.EntityID != m.ID || e.Action != model.ActionUpdate {
			t.Errorf("audit entry %+v does not name the change and its user", e)
		}
	}
	if added[0].Field != "title" || !strings.Contains(added[0].New, "A new title") {
		t.Errorf("first entry = %s %s, want the title change", added[0].Field, added[0].New)
	}
	if _, err := s.Check(ctx); err != nil {
		t.Errorf("check after edits: %v", err)
	}
}

func TestStaleWriteIsRefusedAndChangesNothing(t *testing.T) {
	s, url := newDemo(t)
	other, err := Open(ctx, url, Options{Now: fixedClock})
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	d, _ := s.Doc(ctx)
	office := personByRole(t, d, model.RoleOffice)
	mine := d.Measures[1].Milestones[0]
	theirs := mine
	theirs.Note = "their note"
	if err := other.Update(ctx, office.ID, model.ActionUpdate, "", func(tx model.Tx) error { return tx.SaveMilestone(&theirs) }); err != nil {
		t.Fatal(err)
	}
	before := export(t, s)
	entries := auditCount(t, s)
	mine.Note = "my note"
	err = s.Update(ctx, office.ID, model.ActionUpdate, "", func(tx model.Tx) error { return tx.SaveMilestone(&mine) })
	if model.ErrorCode(err) != model.ECONFLICT {
		t.Fatalf("stale write: %v, want conflict", err)
	}
	if got := export(t, s); !bytes.Equal(got, before) {
		t.Error("a refused stale write changed the data")
	}
	if got := auditCount(t, s); got != entries {
		t.Errorf("a refused stale write added %d audit entries", got-entries)
	}
}

func TestAllOrNothing(t *testing.T) {
	s, _ := newDemo(t)
	d, _ := s.Doc(ctx)
	office := personByRole(t, d, model.RoleOffice)
	before := export(t, s)
	entries := auditCount(t, s)
	good := d.Measures[0].Milestones[0]
	good.Note = "kept?"
	bad := d.Measures[1]
	bad.Weight = 0
	err := s.Update(ctx, office.ID, model.ActionUpdate, "", func(tx model.Tx) error {
		if err := tx.SaveMilestone(&good); err != nil {
			return err
		}
		return tx.SaveMeasure(&bad)
	})
	if model.ErrorCode(err) != model.EINVALID || !strings.Contains(err.Error(), "weight") {
		t.Fatalf("invalid second write: %v, want invalid naming weight", err)
	}
	if !bytes.Equal(export(t, s), before) || auditCount(t, s) != entries {
		t.Error("the first write of a failed transaction was kept")
	}
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

func TestPermissions(t *testing.T) {
	s, _ := newDemo(t)
	d, _ := s.Doc(ctx)
	council := personByRole(t, d, model.RoleCouncil)
	coord, own, foreign := ownAndForeign(t, d)
	complete := func(m *model.Measure) func(model.Tx) error {
		return func(tx model.Tx) error {
			ms := m.Milestones[len(m.Milestones)-1]
			ms.Completed = model.NewDate(2026, 11, 20)
			ms.Note = "done"
			return tx.SaveMilestone(&ms)
		}
	}
	tests := []struct {
		name  string
		actor model.ID
		fn    func(model.Tx) error
		want  string
	}{
		{"council completes a milestone", council.ID, complete(own), model.EFORBIDDEN},
		{"coordinator completes another unit's milestone", coord.ID, complete(foreign), model.EFORBIDDEN},
		{"coordinator edits a goal", coord.ID, func(tx model.Tx) error {
			g := tx.Doc().Goals[0]
			g.Title.EN = "x"
			return tx.SaveGoal(&g)
		}, model.EFORBIDDEN},
		{"unknown person", 9999, complete(own), model.EFORBIDDEN},
		{"coordinator completes own milestone", coord.ID, complete(own), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := export(t, s)
			entries := auditCount(t, s)
			err := s.Update(ctx, tt.actor, model.ActionUpdate, "", tt.fn)
			if got := model.ErrorCode(err); got != tt.want {
				t.Fatalf("error %v (code %q), want code %q", err, got, tt.want)
			}
			if tt.want != "" {
				if !bytes.Equal(export(t, s), before) || auditCount(t, s) != entries {
					t.Error("a forbidden write changed the data")
				}
			} else if auditCount(t, s) != entries+2 {
				t.Errorf("allowed write added %d audit entries, want 2", auditCount(t, s)-entries)
			}
		})
	}
}

// editEverything makes one change of every kind, as storage's replay test.
func editEverything(t *testing.T, s model.Store) {
	t.Helper()
	d, _ := s.Doc(ctx)
	office := personByRole(t, d, model.RoleOffice)
	err := s.Update(ctx, office.ID, model.ActionUpdate, "", func(tx model.Tx) error {
		doc := tx.Doc()
		area := doc.Areas[0]
		area.Code = "A1x" // cascades to its measures
		if err := tx.SaveArea(&area); err != nil {
			return err
		}
		unit := doc.Units[0]
		unit.Code = unit.Code + "X"
		if err := tx.SaveUnit(&unit); err != nil {
			return err
		}
		g := model.Goal{Code: "G9", Title: model.T("Нова цел", "New goal")}
		if err := tx.SaveGoal(&g); err != nil {
			return err
		}
		m := doc.Measures[2]
		m.Goals = append(m.Goals, "G9")
		m.Title.BG = "Ново заглавие <&> \u2028 \"кавички\" \t\x01"
		if err := tx.SaveMeasure(&m); err != nil {
			return err
		}
		ms := model.Milestone{MeasureID: m.ID, Title: model.T("Етап", "Step"), Due: model.NewDate(2027, 1, 1), Weight: 2}
		if err := tx.SaveMilestone(&ms); err != nil {
			return err
		}
		ms.Note = "бележка \\ \b\f\u2029 😀"
		if err := tx.SaveMilestone(&ms); err != nil {
			return err
		}
		var k *model.KPI
		for i := range doc.Measures {
			if len(doc.Measures[i].KPIs) > 0 {
				k = &doc.Measures[i].KPIs[0]
				break
			}
		}
		v := model.KPIValue{KPIID: k.ID, Date: model.NewDate(2026, 11, 1), Value: 42}
		if err := tx.SaveKPIValue(&v); err != nil {
			return err
		}
		nm := model.Measure{Code: "9.9", Area: "A1x", LeadUnit: unit.Code, Title: model.T("Нова", "New"),
			Start: model.NewDate(2027, 1, 1), End: model.NewDate(2027, 12, 31), Weight: 1}
		if err := tx.SaveMeasure(&nm); err != nil {
			return err
		}
		u := doc.Measures[0].Updates[0]
		return tx.Delete(model.EntityUpdate, u.ID, u.Version)
	})
	if err != nil {
		t.Fatal(err)
	}
	d, _ = s.Doc(ctx)
	m := d.Measures[3]
	if err := s.Update(ctx, office.ID, model.ActionUpdate, "", func(tx model.Tx) error {
		return tx.Delete(model.EntityMeasure, m.ID, m.Version)
	}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.CreateSnapshot(ctx, office.ID, "after edits", model.NewDate(2026, 11, 29)); err != nil {
		t.Fatal(err)
	}
	// Round 2: visibility, the adopted plan and a revision, a reporting period.
	err = s.Update(ctx, office.ID, model.ActionUpdate, "", func(tx model.Tx) error {
		doc := tx.Doc()
		m := doc.Measures[1]
		m.Internal = true
		if err := tx.SaveMeasure(&m); err != nil {
			return err
		}
		p := doc.People[2]
		p.Public = true
		if err := tx.SavePerson(&p); err != nil {
			return err
		}
		if err := tx.Adopt(&model.Adoption{AdoptedOn: model.NewDate(2026, 6, 11), CouncilDecision: model.T("Решение № 1", "Decision 1")}); err != nil {
			return err
		}
		tx.SetRevisionReason(model.T("Забавена доставка", "Late delivery"))
		m = doc.Measures[4]
		m.End = m.End.AddDays(90)
		if err := tx.SaveMeasure(&m); err != nil {
			return err
		}
		_, err = model.OpenReportingPeriod(tx, model.NewPeriod{Name: model.T("Q4 2026", "Q4 2026"),
			Start: model.NewDate(2026, 10, 1), End: model.NewDate(2026, 12, 31), Due: model.NewDate(2027, 1, 15)}, office.ID, fixedClock())
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	d, _ = s.Doc(ctx)
	if d.Adoption == nil || len(d.Revisions) != 1 || len(d.Periods) != 1 || !d.Measures[1].Internal {
		t.Fatalf("round-2 edits not kept: adoption %v, %d revisions, %d periods", d.Adoption, len(d.Revisions), len(d.Periods))
	}
}

// The server computes the links of the chain (st_audit_append); they must
// be the ones model.AuditEntry.ComputeHash gives, whatever the text holds.
func TestServerHashesAreGoHashes(t *testing.T) {
	s, _ := newDemo(t)
	editEverything(t, s)
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
			d, _ := s.Doc(ctx)
			office := personByRole(t, d, model.RoleOffice)
			for i := 0; i < 3; i++ {
				ms := d.Measures[i].Milestones[0]
				ms.Note = "note"
				if err := s.Update(ctx, office.ID, model.ActionUpdate, "", func(tx model.Tx) error { return tx.SaveMilestone(&ms) }); err != nil {
					t.Fatal(err)
				}
			}
			if _, err := s.CreateSnapshot(ctx, office.ID, "Q3", model.NewDate(2026, 9, 30)); err != nil {
				t.Fatal(err)
			}
			if _, err := s.Check(ctx); err != nil {
				t.Fatalf("check before tampering: %v", err)
			}
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
