package storage

import (
	"slices"
	"testing"

	"strategytracker/model"
)

// Schema 6 (DESIGN.md §1.2): a file of an older schema — the real schema-1
// demo — upgrades with its notes and reasons kept as the Bulgarian texts
// and no English ones, and then keeps a milestone's English note, a status
// override's English reason and the report's submitter across reopening.
func TestUpgradeToEnglishNotesAndSubmitter(t *testing.T) {
	path := schema1File(t)
	s, err := Open(ctx, path, Options{Now: fixedClock})
	if err != nil {
		t.Fatal(err)
	}
	var emptyNotes, noReasons, noSubmitter int
	for _, q := range []struct {
		sql string
		n   *int
	}{
		{"SELECT count(*) FROM milestones WHERE note_en = ''", &emptyNotes},
		{"SELECT count(*) FROM measures WHERE override_reason_en IS NULL", &noReasons},
		{"SELECT count(*) FROM meta WHERE submitter_id IS NULL", &noSubmitter},
	} {
		if err := s.reader.QueryRow(q.sql).Scan(q.n); err != nil {
			t.Fatalf("%s: %v", q.sql, err)
		}
	}
	d, _ := s.Doc(ctx)
	milestones := 0
	for _, m := range d.Measures {
		milestones += len(m.Milestones)
	}
	if got, want := []int{emptyNotes, noReasons, noSubmitter}, []int{milestones, len(d.Measures), 1}; !slices.Equal(got, want) {
		t.Errorf("after the upgrade: empty English notes, measures without English reason, headers without submitter = %v, want %v", got, want)
	}
	office := personByRole(t, d, model.RoleOffice)
	m := d.Measures[0]
	m.Override = &model.Override{Status: model.StatusAtRisk, Reason: "Забава", ReasonEn: "Delay"}
	ms := d.Measures[0].Milestones[0]
	ms.NoteEn = "English note"
	st := d.Strategy
	st.Submitter = model.Ref(office.ID)
	err = s.Update(ctx, office.ID, model.ActionUpdate, "", func(tx model.Tx) error {
		if err := tx.SaveMeasure(&m); err != nil {
			return err
		}
		if err := tx.SaveMilestone(&ms); err != nil {
			return err
		}
		return tx.SaveStrategy(&st)
	})
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	s, err = Open(ctx, path, Options{Now: fixedClock})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	d, _ = s.Doc(ctx)
	got := []string{d.Measures[0].Override.ReasonEn, d.Measures[0].Milestones[0].NoteEn}
	if want := []string{"Delay", "English note"}; !slices.Equal(got, want) || d.Strategy.Submitter != model.Ref(office.ID) {
		t.Errorf("reopened: English reason, note = %q, submitter %d; want %q, %d", got, d.Strategy.Submitter, want, office.ID)
	}
	if _, err := s.Check(ctx); err != nil {
		t.Errorf("check: %v", err)
	}
}

// The submitter is a person: the database refuses to delete them while
// they submit the report, even when the model is bypassed.
func TestSubmitterIsAPersonOfTheDatabase(t *testing.T) {
	s, _ := newDemo(t)
	defer s.Close()
	d, _ := s.Doc(ctx)
	office := personByRole(t, d, model.RoleOffice)
	var free model.ID // a person nothing else refers to
	for _, p := range d.People {
		if len(d.References(model.EntityPerson, p.ID)) == 0 && p.ID != office.ID {
			free = p.ID
		}
	}
	if free == 0 {
		t.Fatal("the demo has no person without references")
	}
	submit := func(who model.ID) {
		t.Helper()
		st := s.mustDoc(t).Strategy
		st.Submitter = model.Ref(who)
		if err := s.Update(ctx, office.ID, model.ActionUpdate, "", func(tx model.Tx) error { return tx.SaveStrategy(&st) }); err != nil {
			t.Fatal(err)
		}
	}
	submit(free)
	if _, err := s.writer.Exec("DELETE FROM people WHERE id = ?", free); err == nil {
		t.Fatal("the database deleted the report's submitter")
	}
	submit(0)
	if _, err := s.writer.Exec("DELETE FROM people WHERE id = ?", free); err != nil {
		t.Errorf("deleting the person once they no longer submit the report: %v", err)
	}
}

func (s *Store) mustDoc(t *testing.T) *model.Doc {
	t.Helper()
	d, err := s.Doc(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return d
}
