package app

import (
	"slices"
	"strconv"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"strategytracker/model"
)

// Search matches Cyrillic without regard to case, and every filter narrows.
func TestFilterAndSearchInCyrillic(t *testing.T) {
	h := newHarness(t, testDoc(), pOffice)
	s := h.u.measures
	h.u.showScreen(screenMeasures)

	if got, want := s.visibleCodes(), []string{"1.1", "1.2", "2.1", "2.2"}; !slices.Equal(got, want) {
		t.Fatalf("unfiltered = %v, want %v", got, want)
	}
	for _, c := range []struct {
		query string
		want  []string
	}{
		{"ОТКРИТИ", []string{"1.2"}},
		{"открити", []string{"1.2"}},
		{"Открити Данни", []string{"1.2"}},
		{"OPEN DATA", []string{"1.2"}},
		{"транспорт", []string{"2.1", "2.2"}},  // the area's title
		{"иновативна", []string{"1.1", "1.2"}}, // the lead unit's name
		{"2.1", []string{"2.1"}},
		{"няма такава", []string{}},
	} {
		retype(s.search, c.query)
		if got := s.visibleCodes(); !slices.Equal(got, c.want) {
			t.Errorf("search %q = %v, want %v", c.query, got, c.want)
		}
	}
	test.Tap(s.clear)
	if got := len(s.visible); got != 4 {
		t.Errorf("after Clear %d measures shown, want 4", got)
	}

	s.area.SetSelectedIndex(2) // A2
	if got, want := s.visibleCodes(), []string{"2.1", "2.2"}; !slices.Equal(got, want) {
		t.Errorf("area A2 = %v, want %v", got, want)
	}
	s.area.SetSelectedIndex(0)
	s.unit.SetSelected("Иновативна София")
	if got, want := s.visibleCodes(), []string{"1.1", "1.2"}; !slices.Equal(got, want) {
		t.Errorf("unit INNO = %v, want %v", got, want)
	}
	s.unit.SetSelectedIndex(0)
	s.status.SetSelected(model.StatusCancelled.Label(model.BG))
	if got, want := s.visibleCodes(), []string{"2.2"}; !slices.Equal(got, want) {
		t.Errorf("cancelled = %v, want %v", got, want)
	}
	s.status.SetSelectedIndex(0)
	test.Tap(s.overdue)
	if got, want := s.visibleCodes(), []string{"1.1"}; !slices.Equal(got, want) {
		t.Errorf("overdue only = %v, want %v", got, want)
	}
	if got := s.count.Text; got != "1 от 4" {
		t.Errorf("count = %q, want %q", got, "1 от 4")
	}
}

// Tapping a column header sorts by it; tapping again reverses.
func TestSortByColumn(t *testing.T) {
	h := newHarness(t, testDoc(), pOffice)
	s := h.u.measures
	h.u.showScreen(screenMeasures)
	w := h.u.win
	w.Resize(w.Canvas().Size().Max(s.root.MinSize()))

	s.onSort(colProgress)
	// Progress: 2.2 (cancelled, 0), 2.1 (0), 1.1 (25), 1.2 (50).
	if got, want := s.visibleCodes(), []string{"2.1", "2.2", "1.1", "1.2"}; !slices.Equal(got, want) {
		t.Errorf("by progress = %v, want %v", got, want)
	}
	s.onSort(colProgress)
	if got, want := s.visibleCodes(), []string{"1.2", "1.1", "2.2", "2.1"}; !slices.Equal(got, want) {
		t.Errorf("by progress, descending = %v, want %v", got, want)
	}
	if b := s.headers[colTitle]; b != nil {
		test.Tap(b)
		if got, want := s.visibleCodes(), []string{"1.1", "2.1", "2.2", "1.2"}; !slices.Equal(got, want) {
			t.Errorf("tapping the title header = %v, want %v", got, want)
		}
	} else {
		t.Error("the title header was not drawn")
	}
}

// Choosing a row opens the measure.
func TestOpenMeasureFromTable(t *testing.T) {
	h := newHarness(t, testDoc(), pOffice)
	s := h.u.measures
	retype(s.search, "кръстовища")
	s.table.Select(widget.TableCellID{Row: 0, Col: colTitle})
	h.u.settle()
	if h.u.current != screenDetail || h.u.detail.measureID != mCrossings {
		t.Fatalf("screen %s, measure %v; want the detail of 2.1", h.u.current, h.u.detail)
	}
	if got, want := s.timeline.list.Length(), 1; got != want {
		t.Errorf("timeline rows = %d, want %d (the filtered measures)", got, want)
	}
	h.tap(h.u.detail.back)
	if h.u.current != screenMeasures {
		t.Errorf("Back went to %s", h.u.current)
	}
	if got := s.search.Text; got != "кръстовища" {
		t.Errorf("the search was lost: %q", got)
	}
}

// The dashboard's status counts open the filtered measure list.
func TestDashboardStatusOpensFilteredList(t *testing.T) {
	h := newHarness(t, testDoc(), pOffice)
	d := h.u.dash
	sum := model.Summarize(testDoc(), testAsOf)
	for _, st := range model.Statuses {
		if got, want := d.statusCounts[st].Text, itoa(sum.Status[st]); got != want {
			t.Errorf("count of %s = %q, want %q", st, got, want)
		}
	}
	test.Tap(d.statusTaps[model.StatusCancelled])
	if h.u.current != screenMeasures {
		t.Fatalf("screen = %s, want measures", h.u.current)
	}
	if got, want := h.u.measures.visibleCodes(), []string{"2.2"}; !slices.Equal(got, want) {
		t.Errorf("measures shown = %v, want %v", got, want)
	}
	if got := h.u.measures.status.Selected; got != model.StatusCancelled.Label(model.BG) {
		t.Errorf("status filter shows %q", got)
	}
	// Overdue and soon-due milestones are listed and open their measure.
	if d.milestoneTaps[msOverdue] == nil || d.milestoneTaps[msDueSoon] == nil {
		t.Fatalf("milestone lists lack the overdue or the soon-due milestone: %v", d.milestoneTaps)
	}
	test.Tap(d.milestoneTaps[msDueSoon])
	h.u.settle()
	if h.u.current != screenDetail || h.u.detail.measureID != mCrossings {
		t.Error("the soon-due milestone did not open its measure")
	}
	if got := d.budgetText.Text; got != "Планиран: 100 000,00 €\nИзразходван: 40 000,00 €\nОстава: 60 000,00 €" {
		t.Errorf("budget = %q", got)
	}
	if got := d.budget.text; got != "40,0 %" {
		t.Errorf("budget bar = %q", got)
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

// BenchmarkFilterMeasures filters and sorts the measure list of a
// 2,000-measure strategy, as each key typed in the search box does.
func BenchmarkFilterMeasures(b *testing.B) {
	d := model.Generate(2000, 1)
	rows := buildRows(d, model.GeneratedAsOf, model.BG)
	var out []int
	for _, c := range []struct {
		name string
		f    measureFilter
		col  int
	}{
		{"search", measureFilter{query: "МЯРКА 1"}, colCode},
		{"search+status+sort", measureFilter{query: "услуга", status: model.StatusAtRisk}, colProgress},
		{"everything by title", measureFilter{}, colTitle},
	} {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				out = filterRows(rows, c.f, out[:0])
				sortRows(rows, out, c.col, false)
			}
		})
	}
}

// BenchmarkBuildRows is the work done once per load of the document.
func BenchmarkBuildRows(b *testing.B) {
	d := model.Generate(2000, 1)
	for b.Loop() {
		buildRows(d, model.GeneratedAsOf, model.BG)
	}
}

// The sort arrow of the sorted column points up, then down after a second
// tap (it stayed ▲ both ways).
func TestSortArrowFollowsTheOrder(t *testing.T) {
	h := newHarness(t, testDoc(), pOffice)
	s := h.u.measures
	h.u.showScreen(screenMeasures)
	s.onSort(1)
	if s.desc || s.headers[1] == nil || s.headers[1].icon != theme.MenuDropUpIcon() {
		t.Fatalf("ascending: desc %v, arrow %v", s.desc, s.headers[1])
	}
	s.onSort(1)
	if !s.desc || s.headers[1].icon != theme.MenuDropDownIcon() {
		t.Errorf("descending: desc %v, arrow %v", s.desc, s.headers[1].icon)
	}
	if s.headers[0] != nil && s.headers[0].icon != nil {
		t.Error("the column no longer sorted by keeps its arrow")
	}
}

// A tap on a row opens its measure once the tap is over: Fyne's table
// focuses itself after OnSelected, and a table already gone with its
// screen made Fyne log "Failed to focus object which is not part of the
// canvas" (issue 22) — here the table's focus would not take. The screen
// that opens then does not keep the gone table's focus (keys typed would
// go to it).
func TestTapOnRowOpensMeasureAfterTheTap(t *testing.T) {
	h := newHarness(t, testDoc(), pOffice)
	h.u.win.Resize(fyne.NewSize(1366, 768))
	h.u.showScreen(screenMeasures)
	s := h.u.measures
	retype(s.search, "кръстовища")
	c := h.u.win.Canvas()
	c.Unfocus()
	// Tap down the title column until the tap lands on the row (under the
	// header): the table then either has the focus or has opened the measure.
	for y := float32(0); y < s.table.Size().Height; y += 4 {
		s.table.Tapped(&fyne.PointEvent{Position: fyne.NewPos(150, y)})
		if c.Focused() != nil || h.u.current != screenMeasures {
			break
		}
	}
	if got := c.Focused(); got != fyne.Focusable(s.table) {
		t.Errorf("after the tap the focus is on %T, want the table (its screen still shown: %s)", got, h.u.current)
	}
	h.u.settle()
	if h.u.current != screenDetail || h.u.detail.measureID != mCrossings {
		t.Fatalf("screen %s; want the detail of 2.1", h.u.current)
	}
	if got := c.Focused(); got != nil {
		t.Errorf("the detail screen kept the measure list's focus (%T)", got)
	}
}
