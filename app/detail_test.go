package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"strategytracker/model"
)

// The office edits a measure's fields: one save, one audited transaction,
// one step of undo, and the new values everywhere.
func TestEditMeasure(t *testing.T) {
	h := newHarness(t, testDoc(), pOffice)
	d := h.open(mOpenData)

	if got, want := d.fields.titleBG.Text, "Платформа за открити данни"; got != want {
		t.Fatalf("title in the form = %q, want %q", got, want)
	}
	retype(d.fields.titleBG, "Портал за открити данни")
	retype(d.fields.end, "30.06.2028")
	retype(d.fields.planned, "1 234 567,89")
	h.tap(d.fields.saveBtn)

	m := h.stored(mOpenData)
	if got, want := m.Title.BG, "Портал за открити данни"; got != want {
		t.Errorf("stored title = %q, want %q", got, want)
	}
	if got, want := m.End, model.MustDate("2028-06-30"); got != want {
		t.Errorf("stored end = %s, want %s", got, want)
	}
	if got, want := m.PlannedCents, int64(123456789); got != want {
		t.Errorf("stored planned = %d, want %d", got, want)
	}
	if got, want := m.Title.EN, "Open data platform"; got != want {
		t.Errorf("English title = %q, want it untouched (%q)", got, want)
	}
	if got, want := h.store.updates, 1; got != want {
		t.Errorf("transactions = %d, want %d (a whole save is one)", got, want)
	}
	if got, want := len(h.u.hist.undo), 1; got != want {
		t.Errorf("undo steps = %d, want %d", got, want)
	}
	if !d.fields.formNote.Visible() || d.fields.formNote.Text != tr("detail.saved") {
		t.Errorf("no saved note: %q", d.fields.formNote.Text)
	}
	if got := d.title.Text; !strings.Contains(got, "Портал за открити данни") {
		t.Errorf("detail title = %q, want the new title", got)
	}
	var users []string
	for _, e := range h.store.audit {
		users = append(users, e.User)
	}
	if len(users) != 3 || users[0] != "Ивелина Петрова <ivelina@sofia.example>" {
		t.Errorf("audit users = %q, want three changes by the office user", users)
	}
	h.u.showScreen(screenMeasures)
	if got := h.u.measures.rows[1].title; got != "Портал за открити данни" {
		t.Errorf("measure list title = %q", got)
	}
}

// Invalid values are refused beside their fields and nothing is written.
func TestMeasureValidationBesideFields(t *testing.T) {
	for _, c := range []struct {
		name  string
		field string
		edit  func(d *detailScreen)
		want  string
	}{
		{"empty title", "title", func(d *detailScreen) { retype(d.fields.titleBG, ""); retype(d.fields.titleEN, "") }, tr("invalid.title")},
		{"end before start", "end", func(d *detailScreen) { retype(d.fields.end, "01.01.2020") }, tr("invalid.endbeforestart")},
		{"not a date", "start", func(d *detailScreen) { retype(d.fields.start, "31.02.2026") }, tr("invalid.date")},
		{"zero weight", "weight", func(d *detailScreen) { retype(d.fields.weight, "0") }, tr("invalid.weight")},
		{"progress over 100", "manualProgress", func(d *detailScreen) { retype(d.fields.manual, "120") }, tr("invalid.progress")},
		{"negative money", "spentCents", func(d *detailScreen) { retype(d.fields.spent, "-5") }, tr("invalid.negative")},
		{"duplicate code", "code", func(d *detailScreen) { retype(d.fields.code, "1.1") }, tr("invalid.duplicate")},
		{"override without reason", "override", func(d *detailScreen) { d.fields.overrideStatus.SetSelectedIndex(1) }, tr("invalid.reason")},
	} {
		t.Run(c.name, func(t *testing.T) {
			h := newHarness(t, testDoc(), pOffice)
			d := h.open(mOpenData)
			c.edit(d)
			h.tap(d.fields.saveBtn)
			f := d.fields.fields[c.field]
			if !f.err.Visible() || f.err.Text != c.want {
				t.Errorf("message beside %s = %q (visible %v), want %q", c.field, f.err.Text, f.err.Visible(), c.want)
			}
			if h.store.updates != 0 {
				t.Error("an invalid form was saved")
			}
		})
	}
}

// A stale edit (someone else saved the row meanwhile) shows both values,
// loses nothing, and can be applied on top of the other change.
func TestStaleEditShowsBothValues(t *testing.T) {
	h := newHarness(t, testDoc(), pOffice)
	d := h.open(mOpenData)
	retype(d.fields.titleBG, "Моето заглавие")

	// Another instance changes the title and the budget.
	h.store.edit(func(doc *model.Doc) {
		m := doc.Measure(mOpenData)
		m.Title.BG = "Тяхното заглавие"
		m.PlannedCents = 500_00
		m.Version++
	})
	h.tap(d.fields.saveBtn)

	c := latest[*conflictDialog](h)
	if c == nil {
		t.Fatal("no conflict dialog after a stale save")
	}
	var title [3]string
	for _, r := range c.rows {
		if r[0] == fieldName("title") {
			title = r
		}
	}
	// Values read as the history writes them (auditformat.go), in the UI's language.
	if title[1] != "Моето заглавие" || title[2] != "Тяхното заглавие" {
		t.Errorf("conflict row of the title = %q, want yours and the saved one", title)
	}
	if got := d.fields.titleBG.Text; got != "Моето заглавие" {
		t.Errorf("form title after the conflict = %q: the user's value was lost", got)
	}
	if got := h.stored(mOpenData).Title.BG; got != "Тяхното заглавие" {
		t.Errorf("stored title = %q: the conflict overwrote without asking", got)
	}

	h.tap(c.applyMine)
	m := h.stored(mOpenData)
	if m.Title.BG != "Моето заглавие" || m.PlannedCents != 500_00 {
		t.Errorf("after applying mine: title %q, planned %d; want my title and their budget", m.Title.BG, m.PlannedCents)
	}
}

// "Back to the form" keeps the user's values; "take the saved" shows them.
func TestStaleEditBackAndDiscard(t *testing.T) {
	h := newHarness(t, testDoc(), pOffice)
	d := h.open(mOpenData)
	retype(d.fields.titleBG, "Моето заглавие")
	h.store.edit(func(doc *model.Doc) {
		m := doc.Measure(mOpenData)
		m.Title.BG = "Тяхното заглавие"
		m.Version++
	})
	h.tap(d.fields.saveBtn)
	h.tap(latest[*conflictDialog](h).back)
	if got := d.fields.titleBG.Text; got != "Моето заглавие" {
		t.Errorf("after Back the form holds %q", got)
	}
	h.tap(d.fields.saveBtn)
	h.tap(latest[*conflictDialog](h).takeTheirs)
	if got := d.fields.titleBG.Text; got != "Тяхното заглавие" {
		t.Errorf("after taking the saved values the form holds %q", got)
	}
	if got := h.stored(mOpenData).Title.BG; got != "Тяхното заглавие" {
		t.Errorf("stored title = %q", got)
	}
}

// A coordinator completes a milestone of their measure with a date.
func TestCompleteMilestone(t *testing.T) {
	h := newHarness(t, testDoc(), pCoordINNO)
	d := h.open(mDocs)
	tab := d.milestones
	before := h.stored(mDocs).Evaluate(testAsOf).Progress

	h.tap(tab.complete[msOverdue])
	form := latest[*completeForm](h)
	if got, want := form.date.Text, "30.11.2026"; got != want {
		t.Errorf("completion date offered = %q, want today %q", got, want)
	}
	retype(form.date, "01.12.2026")
	h.tap(form.f.save)
	if got := form.field.err.Text; got != tr("invalid.future") {
		t.Errorf("a future date gave %q, want %q", got, tr("invalid.future"))
	}
	retype(form.date, "25.11.2026")
	h.tap(form.f.save)

	ms := h.storedMilestone(msOverdue)
	if got, want := ms.Completed, model.MustDate("2026-11-25"); got != want {
		t.Errorf("completed = %s, want %s", got, want)
	}
	after := h.stored(mDocs).Evaluate(testAsOf).Progress
	if !(after > before) {
		t.Errorf("progress %v → %v: completing did not count", before, after)
	}
	if b := tab.complete[msOverdue]; b == nil || b.Text != tr("milestone.reopen") {
		t.Errorf("the completed milestone does not offer Reopen")
	}
}

// Adding a milestone, editing it and cancelling it, as the office.
func TestMilestoneAddEditCancel(t *testing.T) {
	h := newHarness(t, testDoc(), pOffice)
	d := h.open(mOpenData)
	tab := d.milestones
	h.tap(tab.add)
	f := latest[*milestoneForm](h)
	retype(f.titleBG, "")
	h.tap(f.f.save)
	if f.fields["title"].err.Text != tr("invalid.title") {
		t.Errorf("empty title: %q", f.fields["title"].err.Text)
	}
	retype(f.titleBG, "Публикуване на 100 набора")
	retype(f.due, "31.03.2027")
	retype(f.evidence, "ftp://example")
	h.tap(f.f.save)
	if f.fields["evidence"].err.Text != tr("invalid.link") {
		t.Errorf("ftp link: %q", f.fields["evidence"].err.Text)
	}
	retype(f.evidence, "https://data.sofia.bg")
	h.tap(f.f.save)
	m := h.stored(mOpenData)
	if len(m.Milestones) != 1 || m.Milestones[0].Title.BG != "Публикуване на 100 набора" || m.Milestones[0].Due != model.MustDate("2027-03-31") {
		t.Fatalf("milestones after add = %+v", m.Milestones)
	}
	id := m.Milestones[0].ID

	h.tap(tab.edit[id])
	retype(latest[*milestoneForm](h).note, "Отложено с месец")
	h.tap(latest[*milestoneForm](h).f.save)
	if got := h.storedMilestone(id).Note; got != "Отложено с месец" {
		t.Errorf("note = %q", got)
	}

	test.Tap(tab.cancel[id])
	// A confirmation comes first.
	if h.u.win.Canvas().Overlays().Top() == nil {
		t.Fatal("cancelling did not ask first")
	}
	h.tap(latest[*cancelQuestion](h).yes)
	if !h.storedMilestone(id).Cancelled {
		t.Error("the milestone is not cancelled")
	}
	if got, want := len(h.u.hist.undo), 3; got != want {
		t.Errorf("undo steps = %d, want %d", got, want)
	}
}

// KPI values and updates: added through their forms.
func TestKPIValueAndUpdate(t *testing.T) {
	h := newHarness(t, testDoc(), pCoordINNO)
	d := h.open(mDocs)
	h.tap(d.kpis.addValue[kpiDocs])
	vf := latest[*valueForm](h)
	retype(vf.date, "01.01.2020")
	retype(vf.value, "61,5")
	h.tap(vf.f.save)
	if !strings.HasPrefix(vf.fields["date"].err.Text, strings.Split(tr("invalid.beforebaseline"), "(")[0]) {
		t.Errorf("a value before the baseline date: %q", vf.fields["date"].err.Text)
	}
	retype(vf.date, "30.11.2026")
	h.tap(vf.f.save)
	k := h.stored(mDocs).KPIs[0]
	if len(k.Values) != 2 || k.Values[1].Value != 61.5 {
		t.Fatalf("values = %+v", k.Values)
	}
	if usable(d.kpis.add) {
		t.Error("a coordinator may add indicators")
	}

	h.tap(d.updates.add)
	uf := latest[*updateForm](h)
	retype(uf.textBG, "Пилотът приключи.")
	h.tap(uf.f.save)
	ups := h.stored(mDocs).Updates
	if len(ups) != 1 || ups[0].Text.BG != "Пилотът приключи." || ups[0].Author != model.Ref(pCoordINNO) {
		t.Errorf("updates = %+v, want one by the coordinator", ups)
	}
}

// The history tab lists the measure's audit entries.
func TestMeasureHistory(t *testing.T) {
	h := newHarness(t, testDoc(), pOffice)
	d := h.open(mOpenData)
	retype(d.fields.titleEN, "Open data portal")
	h.tap(d.fields.saveBtn)
	d = h.u.detail
	d.tabs.SelectIndex(4)
	h.u.settle()
	if got := len(d.history.lines); got != 1 {
		t.Fatalf("history entries = %d, want 1", got)
	}
	if line := d.history.lines[0]; !strings.Contains(line, "Open data portal") || !strings.Contains(line, fieldName("title")) {
		t.Errorf("history line = %q", line)
	}
}

// Funding sources are edited in the form: added, changed, removed.
func TestEditFunding(t *testing.T) {
	h := newHarness(t, testDoc(), pOffice)
	d := h.open(mOpenData)
	if len(d.fields.funding) != 0 {
		t.Fatalf("funding rows = %d, want none", len(d.fields.funding))
	}
	test.Tap(d.fields.addFunding)
	r := d.fields.funding[0]
	test.Type(r.nameBG, "Общински бюджет")
	test.Type(r.amount, "-1")
	h.tap(d.fields.saveBtn)
	if got := d.fields.fields["funding"].err.Text; got != tr("invalid.negative") {
		t.Errorf("a negative amount: %q", got)
	}
	retype(r.amount, "250 000,00")
	retype(r.nameBG, "")
	h.tap(d.fields.saveBtn)
	if got := d.fields.fields["funding"].err.Text; got != tr("invalid.fundingname") {
		t.Errorf("a source without a name: %q", got)
	}
	retype(r.nameBG, "Общински бюджет")
	h.tap(d.fields.saveBtn)
	f := h.stored(mOpenData).Funding
	if len(f) != 1 || f[0].Name.BG != "Общински бюджет" || f[0].AmountCents != 250_000_00 {
		t.Fatalf("funding = %+v", f)
	}
	d = h.u.detail
	test.Tap(d.fields.funding[0].remove)
	h.tap(d.fields.saveBtn)
	if f := h.stored(mOpenData).Funding; len(f) != 0 {
		t.Errorf("funding after removing = %+v", f)
	}
}

// Ctrl+S saves the measure's fields from any tab of the detail, and does
// nothing for a council member, who may not save.
func TestSaveKeySavesTheMeasure(t *testing.T) {
	for _, c := range []struct {
		who  model.ID
		want string
	}{
		{pOffice, "Портал за открити данни"},
		{pCouncil, "Платформа за открити данни"},
	} {
		h := newHarness(t, testDoc(), c.who)
		d := h.open(mOpenData)
		d.fields.titleBG.SetText("Портал за открити данни")
		d.showTab(tabKPIs)
		h.u.onSaveKey()
		h.u.settle()
		if got := h.stored(mOpenData).Title.BG; got != c.want {
			t.Errorf("person %d: title %q after Ctrl+S, want %q", c.who, got, c.want)
		}
	}
}

// Hovering the status chip of a measure shows its tip on the window's
// tooltip layer, and leaving it hides it.
func TestChipTipOnTheWindowsLayer(t *testing.T) {
	h := newHarness(t, testDoc(), pOffice)
	d := h.open(mDocs)
	d.chip.tip = "Ръчно: чака решение"
	d.chip.MouseIn(&desktop.MouseEvent{PointEvent: fyne.PointEvent{AbsolutePosition: fyne.NewPos(200, 100)}})
	if got := h.u.tips.text.Text; got != d.chip.tip || !h.u.tips.bg.Visible() {
		t.Errorf("tip %q shown %v, want %q shown", got, h.u.tips.bg.Visible(), d.chip.tip)
	}
	d.chip.MouseOut()
	if h.u.tips.bg.Visible() {
		t.Error("the tip stayed after the pointer left")
	}
}
