package storetest

import (
	"bytes"
	"os"
	"testing"
	"time"

	"strategytracker/model"
)

// EditEverything makes one audited change of every kind in s (holding
// the demo strategy, or one like it): codes that cascade, new rows, a
// deletion, text with characters JSON escapes, a snapshot, visibility, the
// adopted plan with a revision and a reporting period. The drivers' tests
// of the audit log's replay and of copying run it.
func EditEverything(t *testing.T, s model.Store) {
	t.Helper()
	d, _ := s.Doc(ctx)
	office := officeOf(t, d)
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
			Start: model.NewDate(2026, 10, 1), End: model.NewDate(2026, 12, 31), Due: model.NewDate(2027, 1, 15)}, office.ID, time.Date(2026, 11, 29, 10, 0, 0, 0, time.UTC))
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	d, _ = s.Doc(ctx)
	if d.Adoption == nil || len(d.Revisions) != 1 || len(d.Periods) != 1 || !d.Measures[1].Internal {
		t.Fatalf("round-2 edits not kept: adoption %v, %d revisions, %d periods", d.Adoption, len(d.Revisions), len(d.Periods))
	}
	// Round 3: the English note and reason, the report's submitter.
	err = s.Update(ctx, office.ID, model.ActionUpdate, "", func(tx model.Tx) error {
		doc := tx.Doc()
		m := doc.Measures[5]
		m.Override = &model.Override{Status: model.StatusAtRisk, Reason: "Забава", ReasonEn: "Delay \u2028"}
		if err := tx.SaveMeasure(&m); err != nil {
			return err
		}
		ms := doc.Measures[5].Milestones[0]
		ms.NoteEn = "English note 😀"
		if err := tx.SaveMilestone(&ms); err != nil {
			return err
		}
		st := doc.Strategy
		st.Submitter = model.Ref(office.ID)
		return tx.SaveStrategy(&st)
	})
	if err != nil {
		t.Fatal(err)
	}
}

func officeOf(t *testing.T, d *model.Doc) *model.Person { return PersonByRole(t, d, model.RoleOffice) }

// PersonByRole is the first person of d with role.
func PersonByRole(t *testing.T, d *model.Doc, role model.Role) *model.Person {
	t.Helper()
	for i := range d.People {
		if d.People[i].Role == role {
			return &d.People[i]
		}
	}
	t.Fatalf("no %s in the strategy", role)
	return nil
}

// Export is the exchange format of the strategy s holds.
func Export(t *testing.T, s model.Store) []byte {
	t.Helper()
	d, err := s.Doc(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return encode(t, d)
}

// AuditCount is the number of s's audit entries.
func AuditCount(t *testing.T, s model.Store) int {
	t.Helper()
	entries, err := s.Audit(ctx, model.AuditFilter{})
	if err != nil {
		t.Fatal(err)
	}
	return len(entries)
}

// testCheckAfterEverything: after a change of every kind the store passes
// its check (the audit log replays to the data).
func testCheckAfterEverything(t *testing.T, open Open) {
	f := setUp(t, open)
	EditEverything(t, f.s)
	if _, err := f.s.Check(ctx); err != nil {
		t.Errorf("check after a change of every kind: %v", err)
	}
}

// NotesAndASnapshot writes three audited notes and a snapshot in s (a
// strategy whose first three measures have milestones) and wants the
// check to pass: what the drivers' tamper tests then tamper with.
func NotesAndASnapshot(t *testing.T, s model.Store) {
	t.Helper()
	d, err := s.Doc(ctx)
	if err != nil {
		t.Fatal(err)
	}
	office := officeOf(t, d)
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
}

// StaleWriteFromAnotherClient: other (a second connection to the strategy
// s holds) changes a milestone; s's change of the same milestone, read
// before, is refused and changes nothing: the first writer's note stays.
func StaleWriteFromAnotherClient(t *testing.T, s, other model.Store) {
	t.Helper()
	d, err := s.Doc(ctx)
	if err != nil {
		t.Fatal(err)
	}
	office := officeOf(t, d)
	mine := d.Measures[1].Milestones[0]
	theirs := mine
	theirs.Note = "their note"
	if err := other.Update(ctx, office.ID, model.ActionUpdate, "", func(tx model.Tx) error { return tx.SaveMilestone(&theirs) }); err != nil {
		t.Fatal(err)
	}
	before, entries := Export(t, s), AuditCount(t, s)
	mine.Note = "my note"
	err = s.Update(ctx, office.ID, model.ActionUpdate, "", func(tx model.Tx) error { return tx.SaveMilestone(&mine) })
	wantError(t, err, model.ECONFLICT, "", "")
	if !bytes.Equal(Export(t, s), before) || AuditCount(t, s) != entries {
		t.Error("a refused stale write changed the data or the audit log")
	}
	d2, _ := s.Doc(ctx)
	if ms, _ := d2.MilestoneByID(mine.ID); ms.Note != "their note" {
		t.Errorf("note = %q, want the first writer's", ms.Note)
	}
}

// FixedClock is the injectable clock of the drivers' test stores.
func FixedClock() time.Time { return time.Date(2026, 11, 29, 10, 0, 0, 0, time.UTC) }

// ReadDoc decodes the exchange file at path (the demo, for the drivers'
// own tests), failing the test when it cannot.
func ReadDoc(t testing.TB, path string) *model.Doc {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	d, err := model.DecodeBytes(b)
	if err != nil {
		t.Fatal(err)
	}
	return d
}
