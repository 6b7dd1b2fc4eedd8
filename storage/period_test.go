package storage

import (
	"bytes"
	"database/sql"
	"path/filepath"
	"strings"
	"testing"

	"strategytracker/model"
)

// TestReportingCycle runs a whole cycle through the store: open, templates
// written, a coordinator's return with a proposal, the office's narrative,
// close (snapshot under the period's name), reopen with a reason — each
// audited so that check's replay of the log agrees with the file.
func TestReportingCycle(t *testing.T) {
	s, _ := newDemo(t)
	d, _ := s.Doc(ctx)
	office := personByRole(t, d, model.RoleOffice)
	coord := personByRole(t, d, model.RoleCoordinator)
	at := fixedClock()
	q4 := model.NewPeriod{Name: model.T("IV тримесечие 2026", "Q4 2026"), Start: model.MustDate("2026-10-01"),
		End: model.MustDate("2026-12-31"), Due: model.MustDate("2027-01-15")}

	update := func(actor model.ID, fn func(model.Tx) error) error {
		return s.Update(ctx, actor, model.ActionUpdate, "", fn)
	}
	if err := update(office.ID, func(tx model.Tx) error { _, err := model.OpenReportingPeriod(tx, q4, office.ID, at); return err }); err != nil {
		t.Fatal(err)
	}
	// A second open period is refused and writes nothing.
	before := auditCount(t, s)
	err := update(office.ID, func(tx model.Tx) error {
		_, err := model.OpenReportingPeriod(tx, model.NewPeriod{Name: model.T("Друг", "Other"), Start: q4.Start, End: q4.End, Due: q4.Due}, office.ID, at)
		return err
	})
	if err == nil || !strings.Contains(model.ErrorMessage(err), "one period is open at a time") {
		t.Fatalf("second open period: got %v", err)
	}
	if got := auditCount(t, s); got != before {
		t.Fatalf("refused open wrote %d audit entries", got-before)
	}
	// A coordinator may not open, close or write templates for the cycle.
	if err := update(coord.ID, func(tx model.Tx) error { _, _, err := model.CloseReportingPeriod(tx, coord.ID, at); return err }); model.ErrorCode(err) != model.EFORBIDDEN {
		t.Fatalf("coordinator closing: got %v, want forbidden", err)
	}
	units := d.ReportingUnits()
	if err := update(office.ID, func(tx model.Tx) error { _, err := model.RecordTemplatesWritten(tx, units, at); return err }); err != nil {
		t.Fatal(err)
	}
	d, _ = s.Doc(ctx)
	area := ""
	for _, m := range d.Measures {
		if coord.Coordinates(&m) {
			area = m.Area
		}
	}
	ret := model.Return{PeriodID: d.OpenPeriod().ID, Unit: coord.Unit, Changes: 3, FilledBy: "Иван Иванов",
		Proposals: []model.Narrative{{Area: area, Kind: model.NarrativeHighlights, Text: model.T("Пуснахме порталa.", "")}}}
	if err := update(coord.ID, func(tx model.Tx) error { return model.RecordReturn(tx, ret, coord.ID, at) }); err != nil {
		t.Fatalf("coordinator's return: %v", err)
	}
	// ... but not another unit's.
	other := ret
	other.Unit, other.Proposals = "НЕ-НЕГОВА", nil
	for _, u := range units {
		if u != coord.Unit {
			other.Unit = u
		}
	}
	if err := update(coord.ID, func(tx model.Tx) error { return model.RecordReturn(tx, other, coord.ID, at) }); model.ErrorCode(err) != model.EFORBIDDEN {
		t.Fatalf("coordinator recording another unit's return: got %v, want forbidden", err)
	}
	if err := update(office.ID, func(tx model.Tx) error {
		_, err := model.SetNarrative(tx, "", model.NarrativeCommentary, model.T("Напредък по плана.", "Progress as planned."), office.ID)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	d, _ = s.Doc(ctx)
	st := d.Status(d.OpenPeriod(), nil)
	var got *model.UnitReport
	for i := range st.Units {
		if st.Units[i].Unit == coord.Unit {
			got = &st.Units[i]
		}
	}
	if got == nil || got.State != model.UnitReturned || got.Changes != 3 {
		t.Fatalf("coordinator's unit in the status: %+v", got)
	}
	if st.Reported != 1 || st.Expected != len(units) {
		t.Fatalf("reported %d of %d, want 1 of %d", st.Reported, st.Expected, len(units))
	}

	var sn *model.Snapshot
	if err := update(office.ID, func(tx model.Tx) error {
		var err error
		_, sn, err = model.CloseReportingPeriod(tx, office.ID, at)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	if sn == nil || sn.Name != "IV тримесечие 2026" || sn.AsOf != model.DateOf(at) {
		t.Fatalf("closing snapshot: %+v", sn)
	}
	// Closing twice, and writing the narrative of a closed period, are refused.
	before = auditCount(t, s)
	if err := update(office.ID, func(tx model.Tx) error { _, _, err := model.CloseReportingPeriod(tx, office.ID, at); return err }); err == nil || !strings.Contains(model.ErrorMessage(err), "already closed") {
		t.Fatalf("closing twice: got %v", err)
	}
	if err := update(office.ID, func(tx model.Tx) error {
		_, err := model.SetNarrative(tx, "", model.NarrativeRisks, model.T("Късно.", ""), office.ID)
		return err
	}); err == nil || !strings.Contains(model.ErrorMessage(err), "locked") {
		t.Fatalf("narrative of a closed period: got %v", err)
	}
	// A template of the closed period is refused at import.
	d, _ = s.Doc(ctx)
	if err := model.CheckReturnPeriod(d, d.Periods[0].ID); err == nil || !strings.Contains(model.ErrorMessage(err), "closed") {
		t.Fatalf("template of a closed period: got %v", err)
	}
	if got := auditCount(t, s); got != before {
		t.Fatalf("refused steps wrote %d audit entries", got-before)
	}
	if err := update(office.ID, func(tx model.Tx) error { _, err := model.ReopenReportingPeriod(tx, " ", office.ID, at); return err }); err == nil {
		t.Fatal("reopen without a reason accepted")
	}
	if err := update(office.ID, func(tx model.Tx) error {
		_, err := model.ReopenReportingPeriod(tx, "Липсва отчет на район Младост", office.ID, at)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	// Closing again freezes a second snapshot under a distinct name.
	if err := update(office.ID, func(tx model.Tx) error {
		var err error
		_, sn, err = model.CloseReportingPeriod(tx, office.ID, at)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	if sn.Name != "IV тримесечие 2026 (2)" {
		t.Fatalf("second closing snapshot: %q", sn.Name)
	}
	d, _ = s.Doc(ctx)
	p := d.Periods[0]
	if p.State != model.PeriodClosed || len(p.Reopened) != 1 || p.Reopened[0].Reason != "Липсва отчет на район Младост" || len(p.Narrative) != 2 {
		t.Fatalf("period after the cycle: %+v", p)
	}
	if _, err := s.Check(ctx); err != nil {
		t.Fatalf("check after the cycle: %v", err)
	}

	// The exchange format carries the periods: export → load → export.
	first := export(t, s)
	loaded, err := model.DecodeBytes(first)
	if err != nil {
		t.Fatal(err)
	}
	s2, err := Create(ctx, filepath.Join(t.TempDir(), "copy.db"), loaded, Options{Now: fixedClock})
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	if second := export(t, s2); !bytes.Equal(first, second) {
		t.Fatal("export → load → export differs with periods")
	}
	if !bytes.Contains(first, []byte(`"periods": [`)) || !bytes.Contains(first, []byte("Липсва отчет на район Младост")) {
		t.Fatal("the export does not hold the period")
	}
}

// TestCheckNamesAPeriodChangedOutsideTheApp: the replay covers periods.
func TestCheckNamesAPeriodChangedOutsideTheApp(t *testing.T) {
	s, path := newDemo(t)
	d, _ := s.Doc(ctx)
	office := personByRole(t, d, model.RoleOffice)
	q := model.NewPeriod{Name: model.T("I тримесечие 2027", "Q1 2027"), Start: model.MustDate("2027-01-01"), End: model.MustDate("2027-03-31"), Due: model.MustDate("2027-04-15")}
	if err := s.Update(ctx, office.ID, model.ActionUpdate, "", func(tx model.Tx) error {
		_, err := model.OpenReportingPeriod(tx, q, office.ID, fixedClock())
		return err
	}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Check(ctx); err != nil {
		t.Fatalf("check: %v", err)
	}
	s.Close()
	db := rawOpen(t, path)
	if _, err := db.Exec(`UPDATE periods SET due = '2027-06-30'`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	s, err := Open(ctx, path, Options{Now: fixedClock})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	_, err = s.Check(ctx)
	if err == nil || !strings.Contains(model.ErrorMessage(err), "period") || !strings.Contains(model.ErrorMessage(err), "due") {
		t.Fatalf("check after an outside change: got %v, want the period's due named", err)
	}
}

func rawOpen(t *testing.T, path string) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	return db
}
