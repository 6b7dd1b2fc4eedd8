package app

import (
	"context"
	"errors"
	"fmt"
	"image/color"
	"strconv"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"strategytracker/assets"
	"strategytracker/model"
)

// fakeStore is an in-memory model.Store: Doc returns doc or err, and every
// method the overview does not use fails.
type fakeStore struct {
	doc *model.Doc
	err error
}

var errUnused = errors.New("fakeStore: not used by the overview")

func (f *fakeStore) Path() string       { return "/tmp/fake.db" }
func (f *fakeStore) ReadOnly() bool     { return false }
func (f *fakeStore) DatabaseID() string { return "fake" }
func (f *fakeStore) Doc(context.Context) (*model.Doc, error) {
	if f.err != nil {
		return nil, f.err
	}
	return f.doc, nil
}
func (f *fakeStore) Update(context.Context, model.ID, model.Action, string, func(model.Tx) error) error {
	return errUnused
}
func (f *fakeStore) CreateSnapshot(context.Context, model.ID, string, model.Date) (*model.Snapshot, error) {
	return nil, errUnused
}
func (f *fakeStore) Audit(context.Context, model.AuditFilter) ([]model.AuditEntry, error) {
	return nil, errUnused
}
func (f *fakeStore) Check(context.Context) (model.CheckReport, error) {
	return model.CheckReport{}, errUnused
}
func (f *fakeStore) Backup(context.Context, string) error { return errUnused }
func (f *fakeStore) Close() error                         { return nil }

var _ model.Store = (*fakeStore)(nil)

var testAsOf = model.MustDate("2026-11-30")

// testDoc has one measure of each status at testAsOf, two on track.
func testDoc(demo bool) *model.Doc {
	d := model.MustDate
	measure := func(code string, start, end string, manual float64) model.Measure {
		return model.Measure{
			ID: int64(len(code)), Code: code, Area: "A1", LeadUnit: "U1",
			Title: model.T("Мярка "+code, "Measure "+code),
			Start: d(start), End: d(end), Weight: 1, ManualProgress: manual,
		}
	}
	completed := measure("1.1", "2025-01-01", "2027-12-31", 0)
	completed.Milestones = []model.Milestone{
		{ID: 1, Title: model.T("Етап", "Step"), Due: d("2026-03-01"), Completed: d("2026-02-20"), Weight: 1},
		{ID: 2, Title: model.T("Етап 2", "Step 2"), Due: d("2026-06-01"), Completed: d("2026-05-20"), Weight: 3},
	}
	onTrack := measure("1.2", "2026-01-01", "2027-12-31", 50)
	onTrack2 := measure("1.3", "2026-01-01", "2027-12-31", 40)
	atRisk := measure("1.4", "2026-01-01", "2027-12-31", 5)
	delayed := measure("1.5", "2025-01-01", "2026-06-30", 20)
	notStarted := measure("1.6", "2027-01-01", "2027-12-31", 0)
	cancelled := measure("1.7", "2025-01-01", "2027-12-31", 10)
	cancelled.Cancelled = true
	return &model.Doc{
		Format: model.Format,
		Strategy: model.Strategy{
			Title:       model.T("Стратегия за дигитална трансформация на София", ""),
			ShortTitle:  model.T("Дигитална София", "Digital Sofia"),
			PeriodStart: d("2021-01-01"), PeriodEnd: d("2030-12-31"),
			Demo: demo,
		},
		Areas:    []model.Area{{ID: 1, Code: "A1", Title: model.T("Област", "Area"), Order: 1}},
		Units:    []model.Unit{{ID: 1, Code: "U1", Name: model.T("Дирекция", "Directorate"), Kind: model.UnitDirectorate}},
		Measures: []model.Measure{completed, onTrack, onTrack2, atRisk, delayed, notStarted, cancelled},
	}
}

func wait(t *testing.T, done <-chan struct{}) {
	t.Helper()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("Refresh did not finish")
	}
}

func TestOverviewShowsSummary(t *testing.T) {
	test.NewTempApp(t)
	doc := testDoc(true)
	o := NewOverview(&fakeStore{doc: doc}, model.BG, testAsOf)
	w := test.NewTempWindow(t, o.Content())
	o.SetWindow(w)
	var loaded bool
	o.OnLoaded = func(*model.Doc, model.Summary) { loaded = true }
	wait(t, o.Refresh(context.Background()))

	if !loaded {
		t.Error("OnLoaded was not called")
	}
	if got, want := o.title.Text, "Стратегия за дигитална трансформация на София"; got != want {
		t.Errorf("title = %q, want %q", got, want)
	}
	if !o.demo.Visible() {
		t.Error("demo mark hidden on demo data")
	}
	if got := o.demoText.Text; got != "ДЕМОНСТРАЦИОННИ ДАННИ" {
		t.Errorf("demo mark = %q", got)
	}
	if got := o.asOfLabel.Text; !strings.Contains(got, "30.11.2026") {
		t.Errorf("as-of label = %q, want the date as dd.mm.yyyy", got)
	}

	sum := model.Summarize(doc, testAsOf)
	want := map[model.Status]int{
		model.StatusCompleted: 1, model.StatusOnTrack: 2, model.StatusAtRisk: 1,
		model.StatusDelayed: 1, model.StatusNotStarted: 1, model.StatusCancelled: 1,
	}
	for _, s := range model.Statuses {
		if sum.Status[s] != want[s] {
			t.Fatalf("fixture: Summarize gives %d %s, the test expects %d", sum.Status[s], s, want[s])
		}
		if got := o.counts[s].Text; got != strconv.Itoa(sum.Status[s]) {
			t.Errorf("count of %s = %q, want %d", s, got, sum.Status[s])
		}
	}
	if got, want := o.progressText.Text, ProgressText(float64(sum.Progress), float64(sum.Expected), model.BG); got != want {
		t.Errorf("progress text = %q, want %q", got, want)
	}
	if !strings.Contains(o.progressText.Text, "очакван") || !strings.Contains(o.progressText.Text, ",") {
		t.Errorf("progress text %q is not Bulgarian", o.progressText.Text)
	}
	if o.progress.Value != float64(sum.Progress) {
		t.Errorf("progress bar = %v, want %v", o.progress.Value, sum.Progress)
	}
	if got := o.totals.Text; got != "7 мерки · 2 етапа" {
		t.Errorf("totals = %q", got)
	}
	if o.errorLabel.Visible() {
		t.Errorf("error label visible: %q", o.errorLabel.Text)
	}
	if top := w.Canvas().Overlays().Top(); top != nil {
		t.Error("a dialog is open after a successful load")
	}
}

func TestOverviewEnglishFallbackNoDemo(t *testing.T) {
	test.NewTempApp(t)
	o := NewOverview(&fakeStore{doc: testDoc(false)}, model.EN, testAsOf)
	test.NewTempWindow(t, o.Content())
	wait(t, o.Refresh(context.Background()))

	// The English title is empty: the Bulgarian one is shown.
	if got, want := o.title.Text, "Стратегия за дигитална трансформация на София"; got != want {
		t.Errorf("title = %q, want the Bulgarian fallback %q", got, want)
	}
	if o.demo.Visible() {
		t.Error("demo mark shown on real data")
	}
	if got := o.asOfLabel.Text; got != "As of: 2026-11-30" {
		t.Errorf("as-of label = %q", got)
	}
	if got := o.counts[model.StatusOnTrack].Text; got != "2" {
		t.Errorf("on track = %q, want 2", got)
	}
}

func TestOverviewDocError(t *testing.T) {
	test.NewTempApp(t)
	o := NewOverview(&fakeStore{err: model.Errorf(model.ENOTFOUND, "the strategy file is gone")}, model.BG, testAsOf)
	w := test.NewTempWindow(t, o.Content())
	o.SetWindow(w)
	wait(t, o.Refresh(context.Background()))

	if !o.errorLabel.Visible() {
		t.Fatal("error label hidden after a failed load")
	}
	if got := o.errorLabel.Text; !strings.Contains(got, "the strategy file is gone") || !strings.HasPrefix(got, "Грешка") {
		t.Errorf("error label = %q", got)
	}
	if w.Canvas().Overlays().Top() == nil {
		t.Error("no error dialog shown")
	}
	if o.title.Text != AppName {
		t.Errorf("title after a failed first load = %q, want %q", o.title.Text, AppName)
	}
	if got := o.counts[model.StatusCompleted].Text; got != "–" {
		t.Errorf("count shown without data: %q", got)
	}
}

func TestProgressText(t *testing.T) {
	for _, c := range []struct {
		p, e float64
		lang model.Lang
		want string
	}{
		{41.66, 63.24, model.BG, "41,7 % (очакван 63,2 %)"},
		{41.66, 63.24, model.EN, "41.7% (expected 63.2%)"},
		{0, 100, model.BG, "0,0 % (очакван 100,0 %)"},
	} {
		if got := ProgressText(c.p, c.e, c.lang); got != c.want {
			t.Errorf("ProgressText(%v, %v, %s) = %q, want %q", c.p, c.e, c.lang, got, c.want)
		}
	}
}

func TestWindowTitle(t *testing.T) {
	s := testDoc(true).Strategy
	if got, want := WindowTitle(&s, model.BG), "Strategy Tracker — Дигитална София [ДЕМО]"; got != want {
		t.Errorf("WindowTitle = %q, want %q", got, want)
	}
	s.Demo = false
	if got, want := WindowTitle(&s, model.EN), "Strategy Tracker — Digital Sofia"; got != want {
		t.Errorf("WindowTitle = %q, want %q", got, want)
	}
}

func TestStatusPalette(t *testing.T) {
	seen := map[color.NRGBA]model.Status{}
	for _, s := range model.Statuses {
		h, ok := model.StatusHex[s]
		if !ok {
			t.Fatalf("no colour for %s", s)
		}
		c := StatusColor(s)
		if got := fmt.Sprintf("#%02X%02X%02X", c.R, c.G, c.B); got != strings.ToUpper(h) || c.A != 0xFF {
			t.Errorf("StatusColor(%s) = %s (alpha %d), want %s", s, got, c.A, h)
		}
		if other, dup := seen[c]; dup {
			t.Errorf("%s and %s share %s", s, other, h)
		}
		seen[c] = s
		if StatusName(s, model.BG) == string(s) {
			t.Errorf("no Bulgarian label for %s", s)
		}
	}
	if got := StatusColor(model.StatusCompleted); got != (color.NRGBA{R: 0x1F, G: 0x6F, B: 0xB2, A: 0xFF}) {
		t.Errorf("completed is %v, want Sofia blue #1F6FB2", got)
	}
	if got := StatusName(model.StatusAtRisk, model.BG); got != "с риск" {
		t.Errorf("at_risk in Bulgarian = %q", got)
	}
}

// TestOverviewDemo shows the embedded demo strategy at the demo's as-of date.
func TestOverviewDemo(t *testing.T) {
	test.NewTempApp(t)
	doc, err := model.DecodeBytes(assets.DemoStrategy)
	if err != nil {
		t.Skipf("the demo strategy does not decode yet: %v", err)
	}
	if !doc.Strategy.Demo {
		t.Error("the demo strategy is not flagged demo")
	}
	o := NewOverview(&fakeStore{doc: doc}, model.BG, testAsOf)
	test.NewTempWindow(t, o.Content())
	wait(t, o.Refresh(context.Background()))
	if !o.demo.Visible() {
		t.Error("demo mark hidden on the demo strategy")
	}
	if o.title.Text != doc.Strategy.Title.BG {
		t.Errorf("title = %q, want %q", o.title.Text, doc.Strategy.Title.BG)
	}
	sum := model.Summarize(doc, testAsOf)
	for _, s := range model.Statuses {
		if got := o.counts[s].Text; got != strconv.Itoa(sum.Status[s]) {
			t.Errorf("count of %s = %q, want %d", s, got, sum.Status[s])
		}
	}
	t.Logf("demo at %s: %s; %v", testAsOf, o.progressText.Text, sum.Status)
}
