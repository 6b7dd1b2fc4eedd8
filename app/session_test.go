package app

import (
	"context"
	"strings"
	"sync/atomic"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"strategytracker/model"
)

// A window left open past midnight shows the new day's statuses: the
// as-of date follows the clock.
func TestAsOfFollowsTheClock(t *testing.T) {
	a := test.NewTempApp(t)
	store := newMemStore(testDoc())
	a.Preferences().SetInt(prefUser+store.dbID, int(pOffice))
	day := testAsOf
	u := New(a, store, Options{Lang: model.BG, Today: func() model.Date { return day }})
	u.useQueue()
	u.Start()
	u.settle()
	t.Cleanup(func() { setLanguage(model.BG) })

	if got := u.sum.Milestones; got == 0 {
		t.Fatal("no figures")
	}
	// 2.1's first milestone is due on 15.12.2026: due soon on 30.11.
	if got := u.sum.MilestoneStates[model.StateDueSoon]; got != 1 {
		t.Fatalf("due soon on %s = %d, want 1", day, got)
	}
	u.checkDay() // the same day: nothing moves
	if u.today != testAsOf {
		t.Fatalf("as-of moved to %s on the same day", u.today)
	}

	day = model.MustDate("2026-12-16") // the window stayed open
	u.checkDay()
	if u.today != day || u.sum.AsOf != day {
		t.Fatalf("as-of = %s (figures %s), want %s", u.today, u.sum.AsOf, day)
	}
	if got := u.sum.MilestoneStates[model.StateOverdue]; got != 2 {
		t.Errorf("overdue on 16.12.2026 = %d, want 2", got)
	}
	if got, want := u.dash.asOf.Text, tr("label.asof")+": 16.12.2026"; got != want {
		t.Errorf("dashboard says %q, want %q", got, want)
	}
}

// countingStore counts the reads of the audit log.
type countingStore struct {
	model.Store
	audits atomic.Int32
}

func (s *countingStore) Audit(ctx context.Context, f model.AuditFilter) ([]model.AuditEntry, error) {
	s.audits.Add(1)
	return s.Store.Audit(ctx, f)
}

// The history of a measure reads the audit log once, whatever the number of
// its rows, and not again until the file changes; it shows money, dates,
// rows and people as people write them.
func TestHistoryOneQueryAndReadable(t *testing.T) {
	a := test.NewTempApp(t)
	mem := newMemStore(testDoc())
	a.Preferences().SetInt(prefUser+mem.dbID, int(pOffice))
	store := &countingStore{Store: mem}
	u := newTestUI(a, store)
	u.Start()
	u.settle()
	t.Cleanup(func() { setLanguage(model.BG) })
	h := &harness{t: t, app: a, store: mem, u: u}
	h.u.observe = func(x any) { h.seen = append(h.seen, x) }

	d := h.open(mDocs) // 1.1: the measure, 3 milestones, a KPI and its value
	retype(d.fields.planned, "1 200 000,00")
	h.tap(d.fields.saveBtn)
	d = u.detail
	h.tap(d.milestones.complete[msOverdue])
	h.tap(latest[*completeForm](h).f.save)
	d = u.detail
	before := store.audits.Load()
	d.tabs.SelectIndex(tabHistory)
	u.settle()
	if got := store.audits.Load() - before; got != 1 {
		t.Errorf("the history read the audit log %d times, want once", got)
	}
	u.refreshAll() // a refresh without a change of the file reads nothing
	u.settle()
	d.tabs.SelectIndex(tabFields)
	d.tabs.SelectIndex(tabHistory)
	u.settle()
	if got := store.audits.Load() - before; got != 1 {
		t.Errorf("after refreshes the audit log was read %d times, want once", got)
	}
	text := strings.Join(d.history.lines, "\n")
	for _, want := range []string{
		"Планиран бюджет (€): 100 000,00 € → 1 200 000,00 €",
		"мярка 1.1",
		"етап „Пилот в два района“ (мярка 1.1)",
		"30.11.2026",
		"Ивелина Петрова",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("history lacks %q:\n%s", want, text)
		}
	}
	for _, bad := range []string{"120000000", "2026-11-30", "мярка 1 ", "етап 12"} {
		if strings.Contains(text, bad) {
			t.Errorf("history shows %q:\n%s", bad, text)
		}
	}
	if got := d.history.status.Text; !strings.HasPrefix(got, "2 записа") {
		t.Errorf("count = %q", got)
	}
}

// Bulgarian counts take the singular for one.
func TestPlural(t *testing.T) {
	setLanguage(model.BG)
	for n, want := range map[int]string{1: "1 мярка", 2: "2 мерки", 0: "0 мерки", 11: "11 мерки"} {
		if got := plural(n, "count.measures"); got != want {
			t.Errorf("plural(%d) = %q, want %q", n, got, want)
		}
	}
	if got := trn("history.count", 1, 1); got != "1 запис в одитния дневник" {
		t.Errorf("history.count of 1 = %q", got)
	}
}

// Without a display the app says so in one line instead of panicking.
func TestCheckDisplay(t *testing.T) {
	t.Setenv("WAYLAND_DISPLAY", "")
	t.Setenv("DISPLAY", "")
	err := CheckDisplay()
	if err == nil || strings.Contains(err.Error(), "\n") || !strings.Contains(err.Error(), "DISPLAY") {
		t.Errorf("no DISPLAY: %v", err)
	}
	t.Setenv("DISPLAY", ":4242")
	if err := CheckDisplay(); err == nil || !strings.Contains(err.Error(), ":4242") {
		t.Errorf("a display nobody serves: %v", err)
	}
}

// The window's size is remembered for the next start, and never exceeds
// the screen.
func TestWindowSizeRemembered(t *testing.T) {
	h := newHarness(t, testDoc(), pOffice)
	if got := h.u.windowSize(); got != defaultWindowSize {
		t.Errorf("first start: %v, want %v", got, defaultWindowSize)
	}
	h.u.win.Resize(fyne.NewSize(1100, 720))
	h.u.rememberSize()
	if got := h.u.windowSize(); got != fyne.NewSize(1100, 720) {
		t.Errorf("remembered %v", got)
	}
	if got := fitSize(defaultWindowSize, fyne.NewSize(1024, 768)); got.Width > 1024 || got.Height > 768 {
		t.Errorf("on a 1024×768 screen the window is %v", got)
	}
	if got := fitSize(fyne.NewSize(1100, 700), fyne.NewSize(1920, 1080)); got != fyne.NewSize(1100, 700) {
		t.Errorf("on a large screen the size changed to %v", got)
	}
}

// A model validation error lands beside the field it names.
func TestFormFieldOf(t *testing.T) {
	for key, want := range map[string]string{"title": "title", "title.en": "title_en", "title (en)": "title_en",
		"funding[1].amountCents": "funding", "override.status": "override", "plannedCents": "plannedCents"} {
		if got := formFieldOf(key); got != want {
			t.Errorf("formFieldOf(%q) = %q, want %q", key, got, want)
		}
	}
}

// The reasons model.Authorize gives are shown in the user's language.
func TestReasonText(t *testing.T) {
	setLanguage(model.BG)
	s := newSession(newMemStore(testDoc()), nil)
	doc := testDoc()
	s.doc, s.me = doc, doc.Person(pCoordINNO)
	m := doc.Measure(mCrossings)
	for reason, want := range map[model.Reason]string{
		model.ReasonNotTheirMeasure: trf("lock.otherunit", "2.1", "Информационни технологии", "Иновативна София"),
		model.ReasonCoordinatorOnly: tr("lock.coordinator"),
		model.ReasonOwnNameOnly:     tr("lock.reason.own_name_only"),
	} {
		err := &model.Error{Code: model.EFORBIDDEN, Message: "x", Reason: reason}
		if got := s.reasonText(err, m); got != want {
			t.Errorf("%s: %q, want %q", reason, got, want)
		}
	}
	if got := s.reasonText(model.Errorf(model.EFORBIDDEN, "x"), m); got != "" {
		t.Errorf("no reason: %q", got)
	}
}
