package postgres

import (
	"fmt"
	"testing"

	"strategytracker/model"
)

// Schema 6 (DESIGN.md §1.2): a coordinator's login writes a milestone's
// English note exactly where it writes the Bulgarian one — of their own
// measures, within the same limit — and neither the English reason of a
// status override nor the report's submitter.
func TestCoordinatorWritesTheEnglishNoteWithPsql(t *testing.T) {
	s, url, d := grantedDemo(t)
	coord, own, foreign := ownAndForeign(t, d)
	as := withLogin(url, LoginName(coord))
	before := export(t, s)
	n, err := sqlExec(t, as, "UPDATE milestones SET note_en = 'not mine' WHERE measure_id = $1", foreign.ID)
	if err != nil || n != 0 {
		t.Errorf("coordinator writes the English note of another unit's milestones: %d rows, %v; want 0 rows", n, err)
	}
	for _, q := range []string{
		fmt.Sprintf("UPDATE milestones SET note_en = repeat('x', %d) WHERE id = %d", model.MaxNote+1, own.Milestones[0].ID),
		fmt.Sprintf("UPDATE measures SET override_reason_en = 'mine' WHERE id = %d", own.ID),
		fmt.Sprintf("UPDATE meta SET submitter_id = %d", coord.ID),
	} {
		if err := statementRefused(t, as, q); err == nil {
			t.Errorf("coordinator: %s: accepted", q)
		}
	}
	if string(export(t, s)) != string(before) {
		t.Error("the coordinator's refused statements changed the data")
	}
	// With its audit entry (schema 7 refuses the change without one).
	if err := inTransaction(t, as, audited(fmt.Sprintf("UPDATE milestones SET note_en = 'Accepted' WHERE id = %d", own.Milestones[0].ID),
		"milestone", own.Milestones[0].ID, "noteEn", `'"Accepted"'`)); err != nil {
		t.Errorf("coordinator writes and records the English note of their own milestone: %v", err)
	}
	got, _ := s.Doc(ctx)
	if ms, _ := got.MilestoneByID(own.Milestones[0].ID); ms.NoteEn != "Accepted" {
		t.Errorf("English note read back: %q", ms.NoteEn)
	}
	// Through the store, with the coordinator's login: the same.
	cs, err := Open(ctx, as, Options{Now: fixedClock})
	if err != nil {
		t.Fatal(err)
	}
	defer cs.Close()
	ms, _ := got.MilestoneByID(own.Milestones[1%len(own.Milestones)].ID)
	edit := *ms
	edit.Note, edit.NoteEn = "Прието", "Accepted too"
	if err := cs.Update(ctx, coord.ID, model.ActionUpdate, "", func(tx model.Tx) error { return tx.SaveMilestone(&edit) }); err != nil {
		t.Errorf("coordinator saves the note in both languages: %v", err)
	}
	if _, err := s.Check(ctx); err != nil {
		t.Errorf("check: %v", err)
	}
}

// An older server's schema (5) upgrades to 6 with `server init`: the
// English texts are empty, the submitter none, and they are kept after.
func TestInitUpgradesToEnglishNotesAndSubmitter(t *testing.T) {
	all := embeddedMigrations()
	if len(all) < 6 {
		t.Fatal("no schema step 6")
	}
	url := olderDatabase(t, 5)
	// A strategy as schema 5 held it, written with its columns.
	var rows int64
	for _, q := range []string{
		`INSERT INTO meta (id, database_id, title_bg, title_en, short_title_bg, short_title_en, vision_bg, vision_en,
		   council_decision_bg, council_decision_en, demo, version) VALUES (1, 'x', 'Стратегия', 'Strategy', '', '', '', '', '', '', false, 1)`,
		`INSERT INTO units (id, code, name_bg, name_en, kind, version) VALUES (1, 'IS', 'ИС', 'IS', 'directorate', 1)`,
		`INSERT INTO areas (id, code, title_bg, title_en, description_bg, description_en, ord, version) VALUES (1, 'A1', 'О', 'A', '', '', 1, 1)`,
		`INSERT INTO people (id, name_bg, name_en, position_bg, position_en, unit, email, phone, role, version)
		   VALUES (1, 'Мария', 'Maria', '', '', 'IS', 'm@sofia.bg', '', 'office', 1)`,
		`INSERT INTO measures (id, code, area, title_bg, title_en, description_bg, description_en, lead_unit, start_date, end_date, weight,
		   manual_progress, planned_cents, spent_cents, cancelled, override_status, override_reason, version)
		   VALUES (1, '1.1', 'A1', 'М', 'M', '', '', 'IS', '2026-01-01', '2026-12-31', 1, 0, 0, 0, false, 'at_risk', 'Забава', 1)`,
		`INSERT INTO milestones (id, measure_id, title_bg, title_en, due, cancelled, weight, note, evidence, version)
		   VALUES (1, 1, 'Е', 'S', '2026-06-30', false, 1, 'Бележка', '', 1)`,
	} {
		n, err := sqlExec(t, url, q)
		if err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		rows += n
	}
	migrations = embeddedMigrations
	rep, err := Init(ctx, url, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if rep.From != 5 || rep.To != len(all) {
		t.Errorf("upgrade: schema %d → %d, want 5 → %d", rep.From, rep.To, len(all))
	}
	s, err := Open(ctx, url, Options{Now: fixedClock})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	d, err := s.Doc(ctx)
	if err != nil {
		t.Fatal(err)
	}
	m := d.Measures[0]
	if got, want := fmt.Sprint(m.Override.ReasonText(), m.Milestones[0].NoteText(), d.Strategy.Submitter), fmt.Sprint(model.T("Забава", ""), model.T("Бележка", ""), model.Ref(0)); got != want {
		t.Errorf("after the upgrade: reason, note, submitter = %s, want %s", got, want)
	}
	m.Override.ReasonEn = "Delay"
	ms := m.Milestones[0]
	ms.NoteEn = "Note"
	st := d.Strategy
	st.Submitter = 1
	if err := s.Update(ctx, 1, model.ActionUpdate, "", func(tx model.Tx) error {
		if err := tx.SaveMeasure(&m); err != nil {
			return err
		}
		if err := tx.SaveMilestone(&ms); err != nil {
			return err
		}
		return tx.SaveStrategy(&st)
	}); err != nil {
		t.Fatal(err)
	}
	d, _ = s.Doc(ctx)
	if got, want := fmt.Sprint(d.Measures[0].Override.ReasonText(), d.Measures[0].Milestones[0].NoteText(), d.Strategy.Submitter), fmt.Sprint(model.T("Забава", "Delay"), model.T("Бележка", "Note"), model.Ref(1)); got != want {
		t.Errorf("after saving: reason, note, submitter = %s, want %s", got, want)
	}
	// The submitter is a person the database keeps while they submit.
	if _, err := sqlExec(t, url, "DELETE FROM people WHERE id = 1"); err == nil {
		t.Error("the database deleted the report's submitter")
	}
}
