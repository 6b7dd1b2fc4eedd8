package storage

import (
	"bytes"
	"database/sql"
	"strings"
	"testing"
	"time"

	"strategytracker/model"
)

// TestReportingCycle runs a whole cycle through the store: open, templates
// written, a coordinator's return with a proposal, the office's narrative,
// close (snapshot under the period's name), reopen with a reason — each
// audited so that check's replay of the log agrees with the file. Each
// refused step writes nothing.
func TestReportingCycle(t *testing.T) {
	c := newScenario(t)
	office, coord := c.person(model.RoleOffice), c.person(model.RoleCoordinator)
	at := fixedClock()
	q4 := model.NewPeriod{Name: model.T("IV тримесечие 2026", "Q4 2026"), Start: model.MustDate("2026-10-01"),
		End: model.MustDate("2026-12-31"), Due: model.MustDate("2027-01-15")}
	other := model.NewPeriod{Name: model.T("Друг", "Other"), Start: q4.Start, End: q4.End, Due: q4.Due}

	c.do(office.ID, openPeriod(q4, office.ID, at))
	c.refuses(
		refusal{name: "a second open period", actor: office.ID, step: openPeriod(other, office.ID, at), message: "one period is open at a time"},
		refusal{name: "a coordinator closing", actor: coord.ID, step: closePeriod(coord.ID, at, nil), code: model.EFORBIDDEN},
	)
	units := c.doc().ReportingUnits()
	c.do(office.ID, func(tx model.Tx) error { _, err := model.RecordTemplatesWritten(tx, units, at); return err })
	coordinatorReturns(c, coord, units, at)
	c.do(office.ID, setNarrative(model.NarrativeCommentary, model.T("Напредък по плана.", "Progress as planned."), office.ID))
	wantReturned(t, c.doc(), coord.Unit, len(units))

	var sn *model.Snapshot
	c.do(office.ID, closePeriod(office.ID, at, &sn))
	if sn == nil || sn.Name != "IV тримесечие 2026" || sn.AsOf != model.DateOf(at) {
		t.Fatalf("closing snapshot: %+v", sn)
	}
	c.refuses(
		refusal{name: "closing twice", actor: office.ID, step: closePeriod(office.ID, at, nil), message: "already closed"},
		refusal{name: "the narrative of a closed period", actor: office.ID, step: setNarrative(model.NarrativeRisks, model.T("Късно.", ""), office.ID), message: "locked"},
		refusal{name: "reopening without a reason", actor: office.ID, step: reopenPeriod(" ", office.ID, at), message: "the reason is empty"},
	)
	d := c.doc()
	if err := model.CheckReturnPeriod(d, d.Periods[0].ID); err == nil || !strings.Contains(model.ErrorMessage(err), "closed") {
		t.Fatalf("a template of the closed period at import: got %v", err)
	}
	const reason = "Липсва отчет на район Младост"
	c.do(office.ID, reopenPeriod(reason, office.ID, at))
	// Closing again freezes a second snapshot under a distinct name.
	c.do(office.ID, closePeriod(office.ID, at, &sn))
	if sn.Name != "IV тримесечие 2026 (2)" {
		t.Fatalf("second closing snapshot: %q", sn.Name)
	}
	p := c.doc().Periods[0]
	if p.State != model.PeriodClosed || len(p.Reopened) != 1 || p.Reopened[0].Reason != reason || len(p.Narrative) != 2 {
		t.Fatalf("period after the cycle: %+v", p)
	}
	// The exchange format carries the periods.
	first := exportLoadExport(t, c.s)
	if !bytes.Contains(first, []byte(`"periods": [`)) || !bytes.Contains(first, []byte(reason)) {
		t.Fatal("the export does not hold the period")
	}
}

// coordinatorReturns records coord's return with a proposal for an area
// of theirs; the return of another of units is refused.
func coordinatorReturns(c *scenario, coord *model.Person, units []string, at time.Time) {
	c.t.Helper()
	d := c.doc()
	area := ""
	for _, m := range d.Measures {
		if coord.Coordinates(&m) {
			area = m.Area
		}
	}
	ret := model.Return{PeriodID: d.OpenPeriod().ID, Unit: coord.Unit, Changes: 3, FilledBy: "Иван Иванов",
		Proposals: []model.Narrative{{Area: area, Kind: model.NarrativeHighlights, Text: model.T("Пуснахме порталa.", "")}}}
	record := func(r model.Return) func(model.Tx) error {
		return func(tx model.Tx) error { return model.RecordReturn(tx, r, coord.ID, at) }
	}
	c.do(coord.ID, record(ret))
	other := ret
	other.Unit, other.Proposals = "НЕ-НЕГОВА", nil
	for _, u := range units {
		if u != coord.Unit {
			other.Unit = u
		}
	}
	c.refuses(refusal{name: "a coordinator recording another unit's return", actor: coord.ID, step: record(other), code: model.EFORBIDDEN})
}

// wantReturned wants the open period's status to show unit returned with
// its 3 changes, the only one of expected units.
func wantReturned(t *testing.T, d *model.Doc, unit string, expected int) {
	t.Helper()
	st := d.Status(d.OpenPeriod(), nil)
	var got *model.UnitReport
	for i := range st.Units {
		if st.Units[i].Unit == unit {
			got = &st.Units[i]
		}
	}
	if got == nil || got.State != model.UnitReturned || got.Changes != 3 {
		t.Fatalf("the coordinator's unit in the status: %+v", got)
	}
	if st.Reported != 1 || st.Expected != expected {
		t.Fatalf("reported %d of %d, want 1 of %d", st.Reported, st.Expected, expected)
	}
}

// The steps of the cycle, as an actor takes them at a time.

func openPeriod(np model.NewPeriod, actor model.ID, at time.Time) func(model.Tx) error {
	return func(tx model.Tx) error { _, err := model.OpenReportingPeriod(tx, np, actor, at); return err }
}

// closePeriod closes the open period; the snapshot it freezes goes to sn
// when sn is not nil.
func closePeriod(actor model.ID, at time.Time, sn **model.Snapshot) func(model.Tx) error {
	return func(tx model.Tx) error {
		_, s, err := model.CloseReportingPeriod(tx, actor, at)
		if sn != nil {
			*sn = s
		}
		return err
	}
}

func reopenPeriod(reason string, actor model.ID, at time.Time) func(model.Tx) error {
	return func(tx model.Tx) error { _, err := model.ReopenReportingPeriod(tx, reason, actor, at); return err }
}

// setNarrative writes the narrative of kind of the whole strategy.
func setNarrative(kind model.NarrativeKind, text model.Text, actor model.ID) func(model.Tx) error {
	return func(tx model.Tx) error { _, err := model.SetNarrative(tx, "", kind, text, actor); return err }
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
