// The reporting cycle's screens (issue 13) are tested here step by step, as
// the office runs a cycle; the file is long because a cycle has many steps.

package app

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/mail"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"strategytracker/model"
	"strategytracker/reports/xlsx"
)

// periodDoc is testDoc with the period "IV тримесечие 2026" open: INNO has
// returned its template (3 changes), IT's was written and not returned;
// measure 1.2 has an update in the period, 1.1 and 2.1 none. A coordinator
// of INNO proposed a text on the risks of area A1.
func periodDoc() *model.Doc {
	d := testDoc()
	d.Measures[1].Updates = append(d.Measures[1].Updates, model.Update{ID: 62, MeasureID: mOpenData, Date: model.MustDate("2026-11-15"),
		Author: model.Ref(pCoordINNO), Text: model.T("Още 10 набора.", "10 more datasets."), Version: 1})
	d.Periods = []model.Period{{ID: 7, Name: model.T("IV тримесечие 2026", "Q4 2026"),
		Start: model.MustDate("2026-10-01"), End: model.MustDate("2026-12-31"), Due: model.MustDate("2027-01-15"),
		State: model.PeriodOpen, OpenedAt: "2026-10-01T08:00:00Z", OpenedBy: model.Ref(pOffice), Version: 1,
		Reopened: []model.Reopening{},
		Returns: []model.UnitReturn{
			{ID: 1, PeriodID: 7, Unit: "INNO", WrittenAt: "2026-10-05T09:00:00Z", ReturnedAt: "2026-11-20T10:00:00Z",
				ReturnedBy: model.Ref(pCoordINNO), Changes: 3, FilledBy: "М. Георгиева"},
			{ID: 2, PeriodID: 7, Unit: "IT", WrittenAt: "2026-10-05T09:00:00Z"},
		},
		Narrative: []model.Narrative{{ID: 1, PeriodID: 7, Area: "A1", Kind: model.NarrativeRisks,
			Text: model.T("Забавяне на доставчика", "Supplier delay"), ProposedBy: model.Ref(pCoordINNO)}},
	}}
	return d
}

func (h *harness) storedPeriods() []model.Period {
	h.t.Helper()
	d, err := h.store.Doc(context.Background())
	if err != nil {
		h.t.Fatal(err)
	}
	return d.Periods
}

func (h *harness) periodScreen() *periodScreen {
	h.u.showScreen(screenPeriod)
	h.u.settle()
	return h.u.period
}

func TestOpenPeriodThroughTheDialog(t *testing.T) {
	h := newHarness(t, testDoc(), pOffice)
	if h.u.period.card.root.Visible() {
		t.Error("the dashboard's cycle card is shown though the file has no period")
	}
	s := h.periodScreen()
	if !s.none.Visible() || s.tabs.Visible() {
		t.Error("without a period the screen should say so and hide the status")
	}
	h.tap(s.openBtn)
	o := latest[*openPeriodForm](h)
	// The quarter of today is suggested.
	for name, got := range map[string][2]string{
		"name bg": {o.nameBG.Text, "IV тримесечие 2026"}, "name en": {o.nameEN.Text, "Q4 2026"},
		"start": {o.start.Text, "01.10.2026"}, "end": {o.end.Text, "31.12.2026"}, "due": {o.due.Text, "15.01.2027"},
	} {
		if got[0] != got[1] {
			t.Errorf("%s = %q, want %q", name, got[0], got[1])
		}
	}

	// Bad input is refused beside its field, nothing written.
	retype(o.end, "30.09.2026")
	retype(o.due, "утре")
	retype(o.nameBG, "")
	retype(o.nameEN, "")
	h.tap(o.f.save)
	for name, c := range map[string]struct {
		f    *field
		want string
	}{
		"name": {o.nameF, tr("invalid.required")}, "end": {o.endF, tr("period.invalid.endbefore")},
		"due": {o.dueF, tr("invalid.date")}, "start": {o.startF, ""},
	} {
		if got := c.f.err.Text; c.f.err.Visible() != (c.want != "") || (c.want != "" && got != c.want) {
			t.Errorf("%s: message %q (shown %v), want %q", name, got, c.f.err.Visible(), c.want)
		}
	}
	if n := len(h.storedPeriods()); n != 0 {
		t.Fatalf("%d periods stored after refused input", n)
	}

	retype(o.nameBG, "IV тримесечие 2026")
	retype(o.nameEN, "Q4 2026")
	retype(o.end, "31.12.2026")
	retype(o.due, "15.01.2027")
	h.tap(o.f.save)
	ps := h.storedPeriods()
	if len(ps) != 1 {
		t.Fatalf("%d periods stored, want 1", len(ps))
	}
	p := ps[0]
	if p.Name != model.T("IV тримесечие 2026", "Q4 2026") || p.Start != model.MustDate("2026-10-01") ||
		p.End != model.MustDate("2026-12-31") || p.Due != model.MustDate("2027-01-15") ||
		p.State != model.PeriodOpen || p.OpenedBy != model.Ref(pOffice) {
		t.Errorf("stored period = %+v", p)
	}
	if o.f.dlg != nil && h.u.win.Canvas().Overlays().Top() != nil {
		t.Error("the dialog is still open after a successful save")
	}
	if got := s.title.Text; got != "IV тримесечие 2026" {
		t.Errorf("title = %q", got)
	}
	if !s.openBtn.Disabled() || s.closeBtn.Disabled() || s.templatesBtn.Disabled() || !s.reopenBtn.Disabled() {
		t.Error("with a period open only close, templates and reminders should be enabled")
	}
	// Audited.
	audit, _ := h.store.Audit(context.Background(), model.AuditFilter{Entity: model.EntityPeriod})
	if len(audit) != 1 || audit[0].Action != model.ActionCreate || audit[0].User == "" {
		t.Errorf("audit = %+v", audit)
	}
	// The dashboard's card appears: nobody has reported yet.
	if got, want := h.u.period.card.text.Text, "0 от 2 звена са се отчели; 3 мерки без актуализация в IV тримесечие 2026"; got != want {
		t.Errorf("card = %q, want %q", got, want)
	}
	if !h.u.period.card.root.Visible() {
		t.Error("the card is hidden with a period open")
	}
}

func TestOpenPeriodRefusesADuplicateName(t *testing.T) {
	d := periodDoc()
	d.Periods[0].State, d.Periods[0].ClosedAt, d.Periods[0].ClosedBy = model.PeriodClosed, "2027-01-20T10:00:00Z", model.Ref(pOffice)
	h := newHarness(t, d, pOffice)
	s := h.periodScreen()
	h.tap(s.openBtn)
	o := latest[*openPeriodForm](h)
	if o.nameBG.Text != "I тримесечие 2027" {
		t.Errorf("suggested %q: the next quarter without a period was expected", o.nameBG.Text)
	}
	retype(o.nameBG, "iv тримесечие 2026")
	h.tap(o.f.save)
	if got := o.nameF.err.Text; !o.nameF.err.Visible() || got != tr("period.invalid.nameused") {
		t.Errorf("name message = %q", got)
	}
	if n := len(h.storedPeriods()); n != 1 {
		t.Errorf("%d periods stored", n)
	}
}

func unitCodes(s *periodScreen) []string {
	var out []string
	for code := range s.unitRows {
		out = append(out, code)
	}
	slices.Sort(out)
	return out
}

func measureCodes(r *unitRow) []string {
	var out []string
	for code := range r.measures {
		out = append(out, code)
	}
	slices.Sort(out)
	return out
}

func TestStatusListShowsWhoHasReported(t *testing.T) {
	h := newHarness(t, periodDoc(), pOffice)
	s := h.periodScreen()
	if got, want := unitCodes(s), []string{"INNO", "IT"}; !slices.Equal(got, want) {
		t.Fatalf("units = %v, want %v", got, want)
	}
	for unit, want := range map[string]string{
		"INNO": "върнат на 20.11.2026 от Мария Георгиева, 3 промени · попълнил: М. Георгиева",
		"IT":   "чакаме отговор (шаблон от 05.10.2026)",
	} {
		if got := s.unitRows[unit].state.Text; got != want {
			t.Errorf("%s: %q, want %q", unit, got, want)
		}
	}
	for unit, want := range map[string][]string{"INNO": {"1.1"}, "IT": {"2.1"}} {
		if got := measureCodes(s.unitRows[unit]); !slices.Equal(got, want) {
			t.Errorf("%s: measures without update %v, want %v", unit, got, want)
		}
	}
	if got, want := h.u.period.card.text.Text, "1 от 2 звена се е отчело; 2 мерки без актуализация в IV тримесечие 2026"; got != want {
		t.Errorf("card = %q, want %q", got, want)
	}
	if got := s.summary.Text; got != h.u.period.card.text.Text {
		t.Errorf("summary %q differs from the card", got)
	}

	// A measure opens from the list.
	h.tap(s.unitRows["INNO"].measures["1.1"])
	if h.u.current != screenDetail || h.u.detail == nil || h.u.detail.measureID != mDocs {
		t.Fatal("tapping 1.1 did not open the measure")
	}

	// A milestone note edited in the period counts as an update (audit log).
	h.u.save("note", func(tx model.Tx) error {
		ms, _ := tx.Doc().MilestoneByID(msDueSoon)
		c := *ms
		c.Note = "Доставени са 30 контролера."
		return tx.SaveMilestone(&c)
	}, func(err error) {
		if err != nil {
			t.Errorf("note: %v", err)
		}
	})
	h.u.settle()
	s = h.periodScreen()
	if got := measureCodes(s.unitRows["IT"]); len(got) != 0 {
		t.Errorf("IT still lists %v after a milestone edit in the period", got)
	}
	if got, want := h.u.period.card.text.Text, "1 от 2 звена се е отчело; 1 мярка без актуализация в IV тримесечие 2026"; got != want {
		t.Errorf("card = %q, want %q", got, want)
	}

	// The card speaks English too, and opens the list.
	h.u.onLanguage(model.EN)
	h.u.settle()
	if got, want := h.u.period.card.text.Text, "1 of 2 units has reported; 1 measure has no update in Q4 2026"; got != want {
		t.Errorf("card = %q, want %q", got, want)
	}
	if got, want := h.u.period.unitRows["INNO"].state.Text, "returned on 20 Nov 2026 by Maria Georgieva with 3 changes · filled in by М. Георгиева"; got != want {
		t.Errorf("INNO = %q, want %q", got, want)
	}
	h.u.showScreen(screenDashboard)
	h.tap(h.u.period.card.open)
	if h.u.current != screenPeriod || h.u.period.tabs.SelectedIndex() != 0 {
		t.Error("the card did not open the status list")
	}
}

func TestCycleSummaryPlurals(t *testing.T) {
	p := &model.Period{Name: model.T("IV тримесечие 2026", "Q4 2026")}
	for _, c := range []struct {
		reported, expected, measures int
		lang                         model.Lang
		want                         string
	}{
		{7, 12, 9, model.BG, "7 от 12 звена са се отчели; 9 мерки без актуализация в IV тримесечие 2026"},
		{1, 12, 1, model.BG, "1 от 12 звена се е отчело; 1 мярка без актуализация в IV тримесечие 2026"},
		{0, 1, 0, model.BG, "0 от 1 звена са се отчели; 0 мерки без актуализация в IV тримесечие 2026"},
		{7, 12, 9, model.EN, "7 of 12 units have reported; 9 measures have no update in Q4 2026"},
		{1, 1, 1, model.EN, "1 of 1 units has reported; 1 measure has no update in Q4 2026"},
	} {
		st := model.PeriodStatus{Period: p, Reported: c.reported, Expected: c.expected, MeasuresWithoutUpdate: make([]string, c.measures)}
		if got := cycleSummary(st, c.lang); got != c.want {
			t.Errorf("got  %q\nwant %q", got, c.want)
		}
	}
	for _, c := range []struct {
		n    int
		lang model.Lang
		want string
	}{{1, model.BG, "1 промяна"}, {3, model.BG, "3 промени"}, {0, model.BG, "0 промени"}, {1, model.EN, "1 change"}, {2, model.EN, "2 changes"}} {
		if got := countChanges(c.n, c.lang); got != c.want {
			t.Errorf("countChanges(%d, %s) = %q, want %q", c.n, c.lang, got, c.want)
		}
	}
}

func TestNarrativeThenCloseLocksItThenReopen(t *testing.T) {
	h := newHarness(t, periodDoc(), pOffice)
	s := h.periodScreen()
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

	// The coordinator's proposal is listed and accepted.
	b := n.accept[1]
	if b == nil {
		t.Fatal("the proposal has no Accept button")
	}
	h.tap(b)
	p = h.storedPeriods()[0]
	if i := slices.IndexFunc(p.Narrative, func(x model.Narrative) bool { return x.ID == 1 }); i < 0 || p.Narrative[i].AcceptedBy != model.Ref(pOffice) {
		t.Errorf("proposal not accepted: %+v", p.Narrative)
	}
	if got := n.entries[model.NarrativeRisks][0].Text; got != "Забавяне на доставчика" {
		t.Errorf("risks after accepting = %q", got)
	}

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
	p = d.Periods[0]
	if p.State != model.PeriodClosed || p.ClosedBy != model.Ref(pOffice) {
		t.Errorf("period after closing = %+v", p)
	}
	if i := slices.IndexFunc(d.Snapshots, func(x model.Snapshot) bool { return x.Name == "IV тримесечие 2026" }); i < 0 || d.Snapshots[i].AsOf != testAsOf {
		t.Errorf("snapshots = %+v", d.Snapshots)
	}

	// The narrative is locked.
	n = s.narrative
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

	// Reopen asks for a reason.
	h.tap(s.reopenBtn)
	r := latest[*reopenForm](h)
	h.tap(r.f.save)
	if !r.reasonF.err.Visible() || h.storedPeriods()[0].State != model.PeriodClosed {
		t.Fatal("reopening without a reason was not refused")
	}
	test.Type(r.reason, "Късен отчет на ИТ")
	h.tap(r.f.save)
	p = h.storedPeriods()[0]
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

func TestWriteTemplatesAndReminders(t *testing.T) {
	doc := periodDoc()
	doc.Periods[0].Returns = doc.Periods[0].Returns[:1] // IT: no template yet
	doc.People[2].Email = "georgi@sofia.example"        // IT's coordinator
	h := newHarness(t, doc, pOffice)
	s := h.periodScreen()
	if got := s.unitRows["IT"].state.Text; got != "няма шаблон" {
		t.Errorf("IT = %q", got)
	}
	dir := filepath.Join(t.TempDir(), "шаблони")
	s.writeTemplates(dir)
	h.u.settle()
	if res := latest[*filesResult](h); res.err != nil {
		t.Fatalf("templates: %+v", res)
	}
	files, err := h.u.doc.CycleFiles(h.u.doc.OpenPeriod(), []string{"INNO", "IT"}, model.BG)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		name := f.Template
		if fi, err := os.Stat(filepath.Join(dir, name)); err != nil || fi.Size() == 0 {
			t.Errorf("%s: %v", name, err)
		}
	}
	p := h.storedPeriods()[0]
	for _, r := range p.Returns {
		if r.WrittenAt == "" {
			t.Errorf("unit %s: template not recorded as written", r.Unit)
		}
	}
	if got := h.u.period.unitRows["IT"].state.Text; !strings.HasPrefix(got, "чакаме отговор") {
		t.Errorf("IT after writing = %q", got)
	}

	// Reminders: only IT has not returned.
	out := filepath.Join(t.TempDir(), "mail")
	h.u.period.writeReminders(out)
	h.u.settle()
	res := latest[*filesResult](h)
	if res == nil || res.err != nil {
		t.Fatalf("reminders: %+v", res)
	}
	entries, _ := os.ReadDir(out)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	cf := files[1]
	if want := []string{cf.Reminder, cf.Template}; !slices.Equal(names, want) || !strings.HasPrefix(cf.Reminder, "напомняне-IV-тримесечие-2026-IT-") {
		t.Fatalf("files = %v, want %v", names, want)
	}
	// Again into the same folder: the template is written over, and the
	// result says so (issue 22: reminders silently rewrote templates).
	h.u.period.writeReminders(out)
	h.u.settle()
	if again := latest[*filesResult](h); again == nil || again.rewrote != 1 {
		t.Errorf("the reminders again: %+v, want one template said to be written over", again)
	}
	f, _ := os.Open(filepath.Join(out, names[0]))
	defer f.Close()
	msg, err := mail.ReadMessage(f)
	if err != nil {
		t.Fatalf("the reminder is not an RFC 5322 message: %v", err)
	}
	if to := msg.Header.Get("To"); !strings.Contains(to, "georgi@sofia.example") {
		t.Errorf("To = %q", to)
	}
	mt, params, err := mime.ParseMediaType(msg.Header.Get("Content-Type"))
	if err != nil || mt != "multipart/mixed" {
		t.Fatalf("Content-Type %q: %v", mt, err)
	}
	mr := multipart.NewReader(msg.Body, params["boundary"])
	found := false
	for {
		part, err := mr.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		if part.FileName() == cf.Template {
			found = true
		}
	}
	if !found {
		t.Error("the reminder has no template attached")
	}
}

func TestPeriodTranslationKeys(t *testing.T) {
	trOnce.Do(loadTranslations)
	var keys []string
	for _, st := range []model.PeriodState{model.PeriodOpen, model.PeriodClosed} {
		keys = append(keys, "period.state."+string(st))
	}
	for _, k := range model.NarrativeKinds {
		keys = append(keys, "period.narrative.kind."+string(k))
	}
	keys = append(keys, "period.narrative.lang.bg", "period.narrative.lang.en", "nav.period", "entity.period")
	for _, l := range []model.Lang{model.BG, model.EN} {
		for _, k := range keys {
			if trTexts[l][k] == "" {
				t.Errorf("%s.json has no %q", l, k)
			}
		}
	}
}

// A unit with many measures without update lists the first ones and says
// how many more there are, rather than making a widget for each.
func TestStatusListCapsAUnitsMeasures(t *testing.T) {
	d := periodDoc()
	for i := 0; i < unitMeasureLimit+5; i++ {
		m := model.Measure{ID: model.ID(100 + i), Code: fmt.Sprintf("9.%d", i+1), Area: "A1", LeadUnit: "IT",
			Title: model.T("Мярка", "Measure"), Start: model.MustDate("2026-01-01"), End: model.MustDate("2027-12-31"), Weight: 1, Version: 1}
		d.Measures = append(d.Measures, m)
	}
	h := newHarness(t, d, pOffice)
	s := h.periodScreen()
	if got := len(s.unitRows["IT"].measures); got != unitMeasureLimit {
		t.Errorf("IT lists %d measures, want %d", got, unitMeasureLimit)
	}
	if got, want := len(s.status.MeasuresWithoutUpdate), unitMeasureLimit+5+2; got != want {
		t.Errorf("measures without update = %d, want %d", got, want)
	}
	found := false
	for _, o := range test.LaidOutObjects(s.units) {
		if l, ok := o.(*widget.Label); ok && l.Text == trf("dash.more", 6) {
			found = true
		}
	}
	if !found {
		t.Error("no line saying how many more measures the unit has")
	}
}

// The council report exported from the app carries the office's narrative
// of the period, as the CLI's does.
func TestCouncilReportCarriesTheNarrative(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("pdftotext is missing (make deps installs poppler-utils)")
		}
		t.Skip("pdftotext is missing; make deps installs poppler-utils")
	}
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

// A unit whose coordinators have no e-mail address gets no reminder, and
// the office is told so.
func TestRemindersSayWhichUnitsHaveNoAddress(t *testing.T) {
	h := newHarness(t, periodDoc(), pOffice) // IT's coordinator has no e-mail address
	s := h.periodScreen()
	out := filepath.Join(t.TempDir(), "mail")
	s.writeReminders(out)
	h.u.settle()
	res := latest[*filesResult](h)
	if res == nil || res.err != nil || len(res.paths) != 0 || !slices.Equal(res.skipped, []string{"IT"}) {
		t.Fatalf("reminders: %+v", res)
	}
	if entries, _ := os.ReadDir(out); len(entries) != 0 {
		t.Errorf("files written: %v", entries)
	}
	if got, want := h.topDialogText(), trf("period.files.noemail", "IT · Информационни технологии"); !strings.Contains(got, want) {
		t.Errorf("dialog = %q, want it to say %q", got, want)
	}
}

// The whole cycle in the app: the office writes the units' templates; IT's
// coordinator fills theirs outside the app and imports it; the status
// list and the card show IT returned; once the period is closed, a
// template of it is refused and nothing is written.
func TestCycleTemplateImportedRecordsTheReturn(t *testing.T) {
	doc := periodDoc()
	doc.Periods[0].Returns = doc.Periods[0].Returns[:1] // IT: no template yet
	h := newHarness(t, doc, pOffice)
	s := h.periodScreen()
	dir := t.TempDir()
	s.writeTemplates(dir)
	h.u.settle()
	if res := latest[*filesResult](h); res.err != nil || len(res.paths) != 2 {
		t.Fatalf("templates: %+v", res)
	}

	// IT's coordinator fills the template: a note on milestone 31. (The
	// file is written from the document as they changed it, with the
	// stored versions, as templateWith does.)
	stored, _ := h.store.Doc(context.Background())
	filled := cloneDoc(stored)
	ms, _ := filled.MilestoneByID(msDueSoon)
	ms.Note = "Доставени са 30 контролера."
	var buf bytes.Buffer
	p := stored.OpenPeriod()
	if err := xlsx.WritePeriodTemplate(&buf, filled, h.store.dbID, "IT", p, xlsx.Options{Lang: model.BG, AsOf: testAsOf}); err != nil {
		t.Fatal(err)
	}
	h.u.setUser(pCoordIT)
	h.u.settle()
	h.u.importWorkbook("шаблон-IV-тримесечие-2026-IT.xlsx", buf.Bytes())
	h.u.settle()
	imp := latest[*importDialog](h)
	if imp.refused || imp.apply == nil {
		t.Fatalf("the import was refused: %q", imp.lines)
	}
	h.tap(imp.apply)
	var it model.UnitReturn
	for _, r := range h.storedPeriods()[0].Returns {
		if r.Unit == "IT" {
			it = r
		}
	}
	if it.ReturnedAt == "" || it.ReturnedBy != model.Ref(pCoordIT) || it.Changes != 1 || it.WrittenAt == "" {
		t.Errorf("IT's return = %+v", it)
	}
	s = h.periodScreen()
	if got := s.unitRows["IT"].state.Text; !strings.HasPrefix(got, "върнат на ") || !strings.Contains(got, "Георги Димитров, 1 промяна") {
		t.Errorf("IT = %q", got)
	}
	if got, want := s.card.text.Text, "2 от 2 звена са се отчели; 1 мярка без актуализация в IV тримесечие 2026"; got != want {
		t.Errorf("card = %q, want %q", got, want)
	}

	// Closed: the same template is refused, nothing written.
	h.u.setUser(pOffice)
	h.u.settle()
	h.tap(s.closeBtn)
	h.tap(latest[*closePeriodDialog](h).confirm)
	if h.storedPeriods()[0].State != model.PeriodClosed {
		t.Fatal("the period did not close")
	}
	before := h.store.updates
	h.u.importWorkbook("шаблон-IV-тримесечие-2026-IT.xlsx", buf.Bytes())
	h.u.settle()
	if got := h.topDialogText(); !strings.Contains(got, "IV тримесечие 2026") || !strings.Contains(got, "closed") {
		t.Errorf("a template of a closed period: dialog %q", got)
	}
	if h.store.updates != before {
		t.Error("a template of a closed period wrote to the file")
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
