// The reporting cycle's screens (issue 13) are tested here step by step, as
// the office runs a cycle: opening a period, who has reported, the summary.

package app

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"strategytracker/model"
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

// Closing the period in English names the snapshot it freezes in English —
// the period's English name — in the dialog, the reports' snapshot list
// and the dashboard (issue 22: the English dialog said it freezes the
// snapshot “IV тримесечие 2026”). The stored name stays the Bulgarian one.
func TestClosingSnapshotNamedInTheScreensLanguage(t *testing.T) {
	h := newHarness(t, periodDoc(), pOffice)
	h.u.onLanguage(model.EN)
	s := h.periodScreen()
	h.tap(s.closeBtn)
	c := latest[*closePeriodDialog](h)
	if !strings.Contains(c.text.Text, "freezes the snapshot “Q4 2026”") || strings.Contains(c.text.Text, "тримесечие") {
		t.Errorf("close dialog: %q", c.text.Text)
	}
	h.tap(c.confirm)
	d := h.doc()
	if len(d.Snapshots) != 1 || d.Snapshots[0].Name != "IV тримесечие 2026" {
		t.Fatalf("snapshots = %+v", d.Snapshots)
	}
	h.u.showScreen(screenReports)
	h.u.settle()
	row := h.u.reports.snapList.CreateItem()
	h.u.reports.snapList.UpdateItem(0, row)
	if got := row.(*fyne.Container).Objects[0].(*widget.Label).Text; !strings.HasPrefix(got, "Q4 2026 — ") {
		t.Errorf("the reports' snapshot list reads %q", got)
	}
	h.u.showScreen(screenDashboard)
	h.u.settle()
	var shown []string
	for _, o := range h.u.dash.changes.Objects {
		if l, ok := o.(*widget.Label); ok {
			shown = append(shown, l.Text)
		}
	}
	if got := strings.Join(shown, "\n"); !strings.Contains(got, "Q4 2026") || strings.Contains(got, "тримесечие") {
		t.Errorf("the dashboard's changes card reads %q", got)
	}
}
