package app

import (
	"context"
	"net/url"
	"strings"
	"sync"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"strategytracker/model"
)

var testAsOf = model.MustDate("2026-11-30")

// People of testDoc.
const (
	pOffice      model.ID = 1 // strategy office
	pCoordINNO   model.ID = 2 // coordinator of unit INNO
	pCoordIT     model.ID = 3 // coordinator of unit IT
	pCouncil     model.ID = 4 // council member
	mDocs        model.ID = 1 // measure 1.1, led by INNO, three milestones, a KPI
	mOpenData    model.ID = 2 // measure 1.2, led by INNO, no milestones
	mCrossings   model.ID = 3 // measure 2.1, led by IT
	mRideSharing model.ID = 4 // measure 2.2, cancelled
	msDone       model.ID = 11
	msOverdue    model.ID = 12
	msPending    model.ID = 13
	msDueSoon    model.ID = 31
	kpiDocs      model.ID = 21
)

// testDoc is a small strategy with every role and the statuses the tests
// need at testAsOf.
func testDoc() *model.Doc {
	d := model.MustDate
	return &model.Doc{
		Format: model.Format,
		Strategy: model.Strategy{
			Title:       model.T("Стратегия за дигитална трансформация на София", "Digital Transformation Strategy for Sofia"),
			ShortTitle:  model.T("Дигитална София", "Digital Sofia"),
			PeriodStart: d("2021-01-01"), PeriodEnd: d("2027-12-31"), Demo: true, Version: 1,
		},
		Goals: []model.Goal{
			{ID: 1, Code: "G1", Title: model.T("Дигитални решения", "Digital solutions"), Version: 1},
			{ID: 2, Code: "G2", Title: model.T("Пазари за услуги", "Markets for services"), Version: 1},
		},
		Areas: []model.Area{
			{ID: 1, Code: "A1", Title: model.T("Електронно управление", "e-Government"), Order: 1, Version: 1},
			{ID: 2, Code: "A2", Title: model.T("Транспорт", "Transport"), Order: 2, Version: 1},
		},
		Units: []model.Unit{
			{ID: 1, Code: "DMO", Name: model.T("Кабинет по дигитализация", "Digitalisation office"), Kind: model.UnitDirectorate, Version: 1},
			{ID: 2, Code: "INNO", Name: model.T("Иновативна София", "Innovative Sofia"), Kind: model.UnitDirectorate, Version: 1},
			{ID: 3, Code: "IT", Name: model.T("Информационни технологии", "Information technology"), Kind: model.UnitDirectorate, Version: 1},
			{ID: 4, Code: "SOS", Name: model.T("Столичен общински съвет", "Sofia Municipal Council"), Kind: model.UnitAgency, Version: 1},
		},
		People: []model.Person{
			{ID: pOffice, Name: model.T("Ивелина Петрова", "Ivelina Petrova"), Unit: "DMO", Role: model.RoleOffice, Email: "ivelina@sofia.example", Version: 1},
			{ID: pCoordINNO, Name: model.T("Мария Георгиева", "Maria Georgieva"), Unit: "INNO", Role: model.RoleCoordinator, Version: 1},
			{ID: pCoordIT, Name: model.T("Георги Димитров", "Georgi Dimitrov"), Unit: "IT", Role: model.RoleCoordinator, Version: 1},
			{ID: pCouncil, Name: model.T("Виктория Маринова", "Viktoria Marinova"), Unit: "SOS", Role: model.RoleCouncil, Version: 1},
		},
		Measures: []model.Measure{
			{ID: mDocs, Code: "1.1", Area: "A1", Goals: []string{"G1"}, LeadUnit: "INNO", Responsible: model.Ref(pCoordINNO),
				Title: model.T("Дигитален документооборот", "Digital document flow"),
				Start: d("2025-01-01"), End: d("2027-12-31"), Weight: 1, PlannedCents: 100_000_00, SpentCents: 40_000_00, Version: 1,
				Milestones: []model.Milestone{
					{ID: msDone, MeasureID: mDocs, Title: model.T("Анализ", "Analysis"), Due: d("2026-03-01"), Completed: d("2026-02-20"), Weight: 1, Version: 1},
					{ID: msOverdue, MeasureID: mDocs, Title: model.T("Пилот в два района", "Pilot in two districts"), Due: d("2026-10-01"), Weight: 1, Version: 1},
					{ID: msPending, MeasureID: mDocs, Title: model.T("Внедряване", "Roll-out"), Due: d("2027-06-01"), Weight: 2, Version: 1},
				},
				KPIs: []model.KPI{{ID: kpiDocs, MeasureID: mDocs, Name: model.T("Дял на е-документите", "Share of e-documents"),
					Unit: model.T("%", "%"), Kind: model.KPIResult, BaselineValue: 20, BaselineDate: d("2025-01-01"),
					TargetValue: 80, TargetDate: d("2027-12-31"), Version: 1,
					Values: []model.KPIValue{{ID: 51, KPIID: kpiDocs, Date: d("2026-06-30"), Value: 50, Version: 1}}}},
			},
			{ID: mOpenData, Code: "1.2", Area: "A1", LeadUnit: "INNO", Title: model.T("Платформа за открити данни", "Open data platform"),
				Start: d("2026-01-01"), End: d("2027-12-31"), Weight: 1, ManualProgress: 50, Version: 1,
				Updates: []model.Update{{ID: 61, MeasureID: mOpenData, Date: d("2026-09-01"), Author: model.Ref(pCoordINNO),
					Text: model.T("Публикувани са 40 набора.", "40 datasets published."), Version: 1}}},
			{ID: mCrossings, Code: "2.1", Area: "A2", LeadUnit: "IT", Responsible: model.Ref(pCoordIT),
				Title: model.T("Интелигентни кръстовища", "Smart intersections"),
				Start: d("2026-01-01"), End: d("2027-12-31"), Weight: 2, Version: 1,
				Milestones: []model.Milestone{
					{ID: msDueSoon, MeasureID: mCrossings, Title: model.T("Първите 50 кръстовища", "The first 50 intersections"), Due: d("2026-12-15"), Weight: 1, Version: 1},
					{ID: 32, MeasureID: mCrossings, Title: model.T("Всички кръстовища", "Every intersection"), Due: d("2027-10-01"), Weight: 1, Version: 1},
				}},
			{ID: mRideSharing, Code: "2.2", Area: "A2", LeadUnit: "IT", Title: model.T("Пилот за споделено пътуване", "Ride-sharing pilot"),
				Start: d("2021-01-01"), End: d("2021-06-30"), Weight: 1, Cancelled: true, Version: 1},
		},
	}
}

// harness is the app on a memStore, with no display.
type harness struct {
	t     *testing.T
	app   fyne.App
	store *memStore
	u     *UI
	seen  []any // the dialogs and forms the app opened (observe), in order
}

// latest returns the dialog or form of type T the app opened last.
func latest[T any](h *harness) T {
	h.t.Helper()
	for i := len(h.seen) - 1; i >= 0; i-- {
		if x, ok := h.seen[i].(T); ok {
			return x
		}
	}
	var zero T
	h.t.Fatalf("no %T was opened", zero)
	return zero
}

// opened reports whether the app opened a T since the last reset.
func opened[T any](h *harness) bool {
	for _, x := range h.seen {
		if _, ok := x.(T); ok {
			return true
		}
	}
	return false
}

// newHarness opens doc as person user (0: nobody chosen yet).
func newHarness(t *testing.T, doc *model.Doc, user model.ID) *harness {
	t.Helper()
	a := test.NewTempApp(t)
	store := newMemStore(doc)
	if user != 0 {
		a.Preferences().SetInt(prefUser+store.dbID, int(user))
	}
	u := newTestUI(a, store)
	t.Cleanup(func() {
		u.settle()
		setLanguage(model.BG)
	})
	h := &harness{t: t, app: a, store: store, u: u}
	h.u.observe = func(x any) { h.seen = append(h.seen, x) }
	u.Start()
	u.settle()
	return h
}

// newTestUI is New with the options of the tests and the queue that keeps
// every widget call on the test's goroutine.
func newTestUI(a fyne.App, store model.Store) *UI {
	u := New(a, store, Options{Lang: model.BG, Today: func() model.Date { return testAsOf },
		OpenURL: func(*url.URL) error { return nil }}) // no xdg-open from the tests
	u.useQueue()
	return u
}

// stored returns the measure id as the store holds it.
func (h *harness) stored(id model.ID) *model.Measure {
	h.t.Helper()
	d, err := h.store.Doc(context.Background())
	if err != nil {
		h.t.Fatal(err)
	}
	m := d.Measure(id)
	if m == nil {
		h.t.Fatalf("measure %d is not stored", id)
	}
	return m
}

func (h *harness) storedMilestone(id model.ID) *model.Milestone {
	h.t.Helper()
	d, _ := h.store.Doc(context.Background())
	ms, _ := d.MilestoneByID(id)
	if ms == nil {
		h.t.Fatalf("milestone %d is not stored", id)
	}
	return ms
}

// open shows the detail of measure id.
func (h *harness) open(id model.ID) *detailScreen {
	h.t.Helper()
	h.u.openMeasure(id)
	h.u.settle()
	if h.u.detail == nil || h.u.current != screenDetail {
		h.t.Fatalf("measure %d did not open", id)
	}
	return h.u.detail
}

// tap taps a button and waits for the work it started.
func (h *harness) tap(b *widget.Button) {
	h.t.Helper()
	if b == nil {
		h.t.Fatal("no such button")
	}
	if b.Disabled() {
		h.t.Fatalf("button %q is disabled", b.Text)
	}
	test.Tap(b)
	h.u.settle()
}

// retype replaces the text of an entry as a user would.
func retype(e *widget.Entry, s string) {
	e.SetText("")
	test.Type(e, s)
}

// topDialogText returns the texts of the top overlay, joined.
func (h *harness) topDialogText() string {
	top := h.u.win.Canvas().Overlays().Top()
	if top == nil {
		return ""
	}
	var texts []string
	for _, o := range test.LaidOutObjects(top) {
		if l, ok := o.(*widget.Label); ok {
			texts = append(texts, l.Text)
		}
		if l, ok := o.(*widget.RichText); ok {
			texts = append(texts, l.String())
		}
	}
	return strings.Join(texts, "\n")
}

// funcQueue holds what background work hands to the UI goroutine in tests.
type funcQueue struct {
	mu  sync.Mutex
	fns []func()
}

// queues are the queues useQueue installed, by window.
var queues = map[*UI]*funcQueue{}

// useQueue makes background results wait in a queue that settle runs on
// the caller's goroutine: the test driver of Fyne would otherwise run them
// on the worker's goroutine, beside the test's own widget calls.
func (u *UI) useQueue() {
	q := &funcQueue{}
	queues[u] = q
	u.do = func(f func(), _ bool) {
		q.mu.Lock()
		q.fns = append(q.fns, f)
		q.mu.Unlock()
	}
}

// settle waits until no background work is in flight and its results are
// shown.
func (u *UI) settle() {
	q := queues[u]
	for {
		u.tasks.Wait()
		if q == nil {
			return
		}
		q.mu.Lock()
		fns := q.fns
		q.fns = nil
		q.mu.Unlock()
		if len(fns) == 0 {
			return
		}
		for _, f := range fns {
			f()
		}
	}
}

// usable reports whether the user can act on o: it is shown (not replaced
// by read-only text, not hidden) and enabled.
func usable(o fyne.CanvasObject) bool {
	if !o.Visible() {
		return false
	}
	if d, ok := o.(fyne.Disableable); ok && d.Disabled() {
		return false
	}
	return true
}
