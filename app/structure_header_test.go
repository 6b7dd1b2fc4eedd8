package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"strategytracker/model"
)

// The header's dates have their calendars, as every other date field: the
// one picked is written in the field.
func TestHeaderDatesHavePickers(t *testing.T) {
	h := newHarness(t, testDoc(), pOffice)
	s := h.u.structure
	s.onEditHeader()
	sf := s.ed.lastForm
	for _, name := range []string{"adoptedOn", "periodStart", "periodEnd"} {
		e := sf.entries[name]
		pick, ok := e.ActionItem.(*widget.Button)
		if !ok {
			t.Errorf("%s has no calendar", name)
			continue
		}
		test.Tap(pick)
		cal := h.calendar()
		cal.OnChanged(testAsOf.Time())
		if got, want := e.Text, testAsOf.Format(currentLang()); got != want {
			t.Errorf("%s after picking: %q, want %q", name, got, want)
		}
	}
}

// A new unit's code is proposed, as a goal's and an area's are: the next
// free U1, U2…
func TestUnitCodeIsProposed(t *testing.T) {
	h := newHarness(t, emptyStrategy(), 1)
	h.u.showScreen(screenStructure)
	for _, want := range []string{"U2", "U3"} { // the new strategy's office is one unit
		h.u.structure.onAdd(model.EntityUnit)
		sf := h.u.structure.ed.lastForm
		if got := sf.entries["code"].Text; got != want {
			t.Errorf("proposed unit code %q, want %q", got, want)
		}
		retype(sf.entries["name"], "Звено "+want)
		h.tap(sf.f.save)
	}
	if n := len(h.doc().Units); n != 3 {
		t.Errorf("%d units, want 3", n)
	}
}

// The strike line of a cancelled status runs through the middle of its
// small letters (the label is lower case), not along their tops.
func TestCancelledChipStrikesTheSmallLetters(t *testing.T) {
	test.NewTempApp(t)
	c := newStatusChip()
	c.Set(model.StatusCancelled, false)
	w := test.NewWindow(c)
	defer w.Close()
	w.Resize(fyne.NewSize(160, 40))
	r := test.WidgetRenderer(c).(*chipRenderer)
	top, height := r.text.Position().Y, r.text.Size().Height
	at := (r.strike.Position1.Y - top) / height
	if !r.strike.Visible() || at < 0.55 || at > 0.7 {
		t.Errorf("the strike line lies at %.2f of the text's height, want the middle of the small letters (0.55–0.7)", at)
	}
}

// File › Plan workbook… writes through the export form, as every other
// export: the plan workbook chosen, the name proposed.
func TestPlanWorkbookUsesTheExportForm(t *testing.T) {
	h := newHarness(t, testDoc(), pOffice)
	h.u.onPlanTemplate()
	e := latest[*exportForm](h)
	if got, want := e.kind.Selected, tr("export.plan"); got != want {
		t.Errorf("the export form chose %q, want %q", got, want)
	}
	if !strings.Contains(e.path.name.Text, tr("export.plan.file")) || !strings.HasSuffix(e.path.name.Text, ".xlsx") {
		t.Errorf("proposed name %q", e.path.name.Text)
	}
}

// A duplicate of a measure begun long ago offers to move its dates: taken,
// the copy begins today with its milestones as far apart as before, and
// is not delayed at once; refused, the dates stay.
func TestDuplicateOffersToMoveTheDates(t *testing.T) {
	for _, take := range []bool{true, false} {
		h := newHarness(t, testDoc(), pOffice)
		src := *h.doc().Measure(mDocs)
		h.u.onDuplicateMeasure(mDocs)
		mf := latest[*measureForm](h)
		if mf.shift == nil || !mf.shift.check.Checked {
			t.Fatal("no offer to move the dates of a copy whose milestones lie in the past")
		}
		mf.shift.check.SetChecked(take)
		h.tap(mf.f.save)
		m := h.doc().MeasureByCode(mf.code.Text)
		if m == nil {
			t.Fatalf("no copy: %s", mf.f.err.Text)
		}
		days := 0
		if take {
			days = testAsOf.DaysSince(src.Start)
		}
		if m.Start != src.Start.AddDays(days) || m.End != src.End.AddDays(days) || m.Milestones[1].Due != src.Milestones[1].Due.AddDays(days) {
			t.Errorf("moved %v: start %s end %s due %s; want each moved by %d days", take, m.Start, m.End, m.Milestones[1].Due, days)
		}
		if got := m.Evaluate(testAsOf).Status; take && got == model.StatusDelayed {
			t.Errorf("the copy with moved dates is %s at once", got)
		}
	}
}

// The window's size is at least as wide as its content needs: centred at
// that width it stays on a 1024-wide screen (it was centred for a narrower
// size, then widened by the driver past the screen's edge).
func TestWindowAtLeastItsContent(t *testing.T) {
	wide := widget.NewLabel(strings.Repeat("ж", 10))
	least := wide.MinSize().Width
	for _, tc := range []struct {
		size fyne.Size
		want float32
	}{
		{fyne.NewSize(least-20, 600), least},
		{fyne.NewSize(least+20, 600), least + 20},
	} {
		if got := atLeastContent(tc.size, wide); got.Width != tc.want || got.Height != tc.size.Height {
			t.Errorf("atLeastContent(%v) = %v, want width %v", tc.size, got, tc.want)
		}
	}
}

// The offer writes the number of days as people write it, grouped in
// thousands in the screen's language: "2 164 дни", "2,164 days".
func TestDuplicateOfferGroupsTheDays(t *testing.T) {
	for _, tc := range []struct {
		lang model.Lang
		want string
	}{
		{model.BG, "с 2 164 дни"},
		{model.EN, "by 2,164 days"},
	} {
		h := newHarness(t, testDoc(), pOffice)
		h.u.onLanguage(tc.lang)
		from := testAsOf.AddDays(-2164)
		src := &model.Measure{Start: from, Milestones: []model.Milestone{{Due: from}}}
		s := h.u.offerShift(src)
		if s == nil {
			t.Fatal("no offer for a measure begun 2164 days ago")
		}
		if got := s.check.Text; !strings.Contains(got, tc.want) {
			t.Errorf("%s offer %q, want it to contain %q", tc.lang, got, tc.want)
		}
	}
}
