// The narrative for the council through the reporting cycle's screens:
// written, accepted from a proposal, locked by closing, read-only to
// coordinators and the council, carried into the council report.

package app

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"strategytracker/model"
)

// The office writes the narrative, accepts a proposal, closes the period
// with a draft unsaved (warned), finds the narrative locked and reopens the
// period with a reason.
func TestNarrativeThenCloseLocksItThenReopen(t *testing.T) {
	h := newHarness(t, periodDoc(), pOffice)
	s := h.periodScreen()
	writeNarrative(t, h, s)
	acceptProposal(t, h, s)
	closeWithADraft(t, h, s)
	checkNarrativeLocked(t, h, s)
	reopenWithAReason(t, h, s)
}

// writeNarrative types the executive commentary and area A1's highlights
// and saves them; a draft survives switching areas.
func writeNarrative(t *testing.T, h *harness, s *periodScreen) {
	t.Helper()
	s.tabs.SelectIndex(1)
	n := s.narrative
	if got := len(n.codes); got != 3 {
		t.Fatalf("area choices = %v", n.codes)
	}
	// The executive commentary, then area A1's highlights.
	n.area.SetSelectedIndex(0)
	if len(n.entries) != 1 {
		t.Fatalf("the whole strategy should have the commentary only, has %d kinds", len(n.entries))
	}
	test.Type(n.entries[model.NarrativeCommentary][0], "Напредъкът е по план.")
	n.area.SetSelectedIndex(1)
	if len(n.entries) != len(model.NarrativeKinds) {
		t.Fatalf("area A1 has %d kinds, want %d", len(n.entries), len(model.NarrativeKinds))
	}
	test.Type(n.entries[model.NarrativeHighlights][0], "Публикувани 50 набора.")
	test.Type(n.entries[model.NarrativeHighlights][1], "50 datasets published.")
	n.area.SetSelectedIndex(0)
	if got := n.entries[model.NarrativeCommentary][0].Text; got != "Напредъкът е по план." {
		t.Errorf("the draft of the commentary was lost on switching areas: %q", got)
	}
	n.area.SetSelectedIndex(1)
	h.tap(n.save)
	if got := n.saved.Text; got != tr("period.narrative.saved") {
		t.Errorf("no confirmation after saving the narrative: %q", got)
	}
	p := h.storedPeriods()[0]
	if got := storedText(&p, "", model.NarrativeCommentary); got != model.T("Напредъкът е по план.", "") {
		t.Errorf("commentary = %+v", got)
	}
	if got := storedText(&p, "A1", model.NarrativeHighlights); got != model.T("Публикувани 50 набора.", "50 datasets published.") {
		t.Errorf("highlights = %+v", got)
	}
}

// acceptProposal accepts the coordinator's proposal on the risks of A1.
func acceptProposal(t *testing.T, h *harness, s *periodScreen) {
	t.Helper()
	n := s.narrative
	// The coordinator's proposal is listed and accepted.
	b := n.accept[1]
	if b == nil {
		t.Fatal("the proposal has no Accept button")
	}
	h.tap(b)
	p := h.storedPeriods()[0]
	if i := slices.IndexFunc(p.Narrative, func(x model.Narrative) bool { return x.ID == 1 }); i < 0 || p.Narrative[i].AcceptedBy != model.Ref(pOffice) {
		t.Errorf("proposal not accepted: %+v", p.Narrative)
	}
	if got := n.entries[model.NarrativeRisks][0].Text; got != "Забавяне на доставчика" {
		t.Errorf("risks after accepting = %q", got)
	}
}

// closeWithADraft closes the period with a draft unsaved: the dialog
// warns; the draft is not shown as if it were the locked narrative.
func closeWithADraft(t *testing.T, h *harness, s *periodScreen) {
	t.Helper()
	n := s.narrative
	// Close with a draft unsaved: the dialog warns; the draft is not shown
	// as if it were the locked narrative.
	test.Type(n.entries[model.NarrativeActions][0], "Чернова")
	h.tap(s.closeBtn)
	c := latest[*closePeriodDialog](h)
	if !c.err.Visible() || c.err.Text != tr("period.close.unsaved") {
		t.Errorf("no warning of the unsaved draft: %q", c.err.Text)
	}
	for _, want := range []string{"„IV тримесечие 2026“", "30.11.2026", "1 от 2 звена се е отчело"} {
		if !strings.Contains(c.text.Text, want) {
			t.Errorf("close dialog %q lacks %q", c.text.Text, want)
		}
	}
	h.tap(c.confirm)
	d, _ := h.store.Doc(context.Background())
	p := d.Periods[0]
	if p.State != model.PeriodClosed || p.ClosedBy != model.Ref(pOffice) {
		t.Errorf("period after closing = %+v", p)
	}
	if i := slices.IndexFunc(d.Snapshots, func(x model.Snapshot) bool { return x.Name == "IV тримесечие 2026" }); i < 0 || d.Snapshots[i].AsOf != testAsOf {
		t.Errorf("snapshots = %+v", d.Snapshots)
	}
}

// checkNarrativeLocked finds the closed period's narrative locked, even
// to a direct attempt.
func checkNarrativeLocked(t *testing.T, h *harness, s *periodScreen) {
	t.Helper()
	// The narrative is locked.
	n := s.narrative
	if !n.save.Disabled() || !n.banner.Visible() || n.banner.Text != trf("period.narrative.locked", "IV тримесечие 2026") {
		t.Errorf("closed narrative: save disabled %v, banner %q", n.save.Disabled(), n.banner.Text)
	}
	for kind, pair := range n.entries {
		if !pair[0].Disabled() || !pair[1].Disabled() {
			t.Errorf("%s is editable in a closed period", kind)
		}
	}
	if got := n.entries[model.NarrativeActions][0].Text; got != "" {
		t.Errorf("the closed narrative shows the unsaved draft %q", got)
	}
	if !s.closeBtn.Disabled() || s.reopenBtn.Disabled() || !s.templatesBtn.Disabled() || !s.remindersBtn.Disabled() {
		t.Error("a closed period: only reopen (and open a new one) should be enabled")
	}
	// Even a direct attempt is refused.
	s.cycleStep(func(tx model.Tx, actor model.ID) error {
		_, err := model.SetNarrative(tx, "A1", model.NarrativeRisks, model.T("x", "x"), actor)
		return err
	}, func(err error) {
		if model.ErrorCode(err) != model.EINVALID {
			t.Errorf("narrative of a closed period: %v, want EINVALID", err)
		}
	})
	h.u.settle()
}

// reopenWithAReason reopens the period, which asks for a reason.
func reopenWithAReason(t *testing.T, h *harness, s *periodScreen) {
	t.Helper()
	// Reopen asks for a reason.
	h.tap(s.reopenBtn)
	r := latest[*reopenForm](h)
	h.tap(r.f.save)
	if !r.reasonF.err.Visible() || h.storedPeriods()[0].State != model.PeriodClosed {
		t.Fatal("reopening without a reason was not refused")
	}
	test.Type(r.reason, "Късен отчет на ИТ")
	h.tap(r.f.save)
	p := h.storedPeriods()[0]
	if p.State != model.PeriodOpen || len(p.Reopened) != 1 || p.Reopened[0].Reason != "Късен отчет на ИТ" {
		t.Errorf("after reopening: %+v", p)
	}
	if s.narrative.save.Disabled() || s.narrative.banner.Visible() {
		t.Error("the reopened period's narrative is still locked")
	}
	if !strings.Contains(s.history.Text, "Късен отчет на ИТ") {
		t.Errorf("history = %q", s.history.Text)
	}
}

func TestCoordinatorAndCouncilSeeTheCycleReadOnly(t *testing.T) {
	for _, c := range []struct {
		who  model.ID
		want string
	}{
		{pCoordINNO, tr("period.lock.coordinator")},
		{pCouncil, trf("lock.council", "Виктория Маринова")},
	} {
		h := newHarness(t, periodDoc(), c.who)
		s := h.periodScreen()
		s.narrative.area.SetSelectedIndex(1) // A1, where the proposal is
		if s.narrative.accept[1] == nil {
			t.Fatalf("person %d: the proposal is not listed", c.who)
		}
		for name, b := range map[string]interface{ Visible() bool }{
			"open": s.openBtn, "close": s.closeBtn, "reopen": s.reopenBtn, "templates": s.templatesBtn, "reminders": s.remindersBtn,
			"save narrative": s.narrative.save, "accept": s.narrative.accept[1],
		} {
			if b == nil || b.Visible() {
				t.Errorf("person %d: %s is shown (roles: hidden, the banner says why)", c.who, name)
			}
		}
		if !s.banner.Visible() || s.banner.Text != c.want {
			t.Errorf("person %d: banner %q, want %q", c.who, s.banner.Text, c.want)
		}
		if s.narrative.banner.Visible() && strings.Contains(s.narrative.banner.Text, c.want) {
			t.Errorf("person %d: the narrative says the role's reason again: %q", c.who, s.narrative.banner.Text)
		}
		for kind, pair := range s.narrative.entries {
			if !pair[0].Disabled() {
				t.Errorf("person %d: %s is editable", c.who, kind)
			}
		}
		// They still see who has reported.
		if got := unitCodes(s); !slices.Equal(got, []string{"INNO", "IT"}) {
			t.Errorf("person %d: units %v", c.who, got)
		}
		// A direct attempt is refused by the store.
		s.cycleStep(func(tx model.Tx, actor model.ID) error {
			_, _, err := model.CloseReportingPeriod(tx, actor, testAsOf.Time())
			return err
		}, func(err error) {
			if model.ErrorCode(err) != model.EFORBIDDEN {
				t.Errorf("person %d closing: %v, want EFORBIDDEN", c.who, err)
			}
		})
		h.u.settle()
		if st := h.storedPeriods()[0].State; st != model.PeriodOpen {
			t.Errorf("person %d closed the period", c.who)
		}
	}
}

// The council report exported from the app carries the office's narrative
// of the period, as the CLI's does.
func TestCouncilReportCarriesTheNarrative(t *testing.T) {
	needPdftotext(t)
	d := periodDoc()
	d.Periods[0].Narrative = append(d.Periods[0].Narrative, model.Narrative{ID: 2, PeriodID: 7, Kind: model.NarrativeCommentary,
		Text: model.T("Напредъкът е по план според офиса.", "Progress is on plan, says the office.")})
	var pdfExport exporter
	for _, x := range reportExporters() {
		if x.key == "export.pdf" {
			pdfExport = x
		}
	}
	var buf bytes.Buffer
	if err := pdfExport.write(&buf, exportJob{doc: d, asOf: testAsOf, lang: model.BG, by: "Ивелина Петрова"}); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "report.pdf")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	if text := strings.Join(strings.Fields(string(out)), " "); !strings.Contains(text, "Напредъкът е по план според офиса.") {
		t.Errorf("the report lacks the office's commentary:\n%.600s", text)
	}
}

// A text of the whole strategy of another kind than the commentary
// (written with `period narrative`) is shown and editable too.
func TestWholeStrategyShowsEveryKindItHas(t *testing.T) {
	d := periodDoc()
	d.Periods[0].Narrative = append(d.Periods[0].Narrative, model.Narrative{ID: 2, PeriodID: 7, Kind: model.NarrativeDecisions,
		Text: model.T("Одобрете удължаването.", "Approve the extension.")})
	h := newHarness(t, d, pOffice)
	n := h.periodScreen().narrative
	n.area.SetSelectedIndex(0)
	if len(n.entries) != 2 || n.entries[model.NarrativeDecisions][1].Text != "Approve the extension." {
		t.Errorf("whole strategy kinds = %d, decisions %v", len(n.entries), n.entries[model.NarrativeDecisions])
	}
}
