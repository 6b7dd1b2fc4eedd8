// File › Connect and the live updates (issue 15) are tested here with fake
// servers; the file is long because each error path of the connection has its
// own case.

package app

import (
	"context"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"strategytracker/model"
)

const testServer = "postgres://maria%40sofia.example@db.sofia.bg/strategy"

// serverStore is a memStore as storage/postgres's Store looks to the app:
// its login is a person, and it reports other clients' saved changes.
type serverStore struct {
	*memStore
	login   model.ID
	changes chan struct{} // another client committed
	active  atomic.Int32  // watches running
	watches atomic.Int32  // Watch calls
	reads   atomic.Int32  // Doc calls
	council bool          // the login may not write (a council member's)
}

func newServerStore(d *model.Doc, login model.ID) *serverStore {
	s := &serverStore{memStore: newMemStore(d), login: login, changes: make(chan struct{}, 1)}
	s.path = testServer
	s.dbID = "db-server"
	return s
}

func (s *serverStore) LoginPerson() model.ID { return s.login }

func (s *serverStore) ReadOnly() bool { return s.council || s.memStore.ReadOnly() }

func (s *serverStore) Doc(ctx context.Context) (*model.Doc, error) {
	s.reads.Add(1)
	return s.memStore.Doc(ctx)
}

// Watch behaves as storage/postgres's: signals coalesce, the channel
// closes when ctx ends.
func (s *serverStore) Watch(ctx context.Context) <-chan struct{} {
	s.watches.Add(1)
	s.active.Add(1)
	out := make(chan struct{}, 1)
	go func() {
		defer s.active.Add(-1)
		defer close(out)
		for {
			select {
			case <-ctx.Done():
				return
			case <-s.changes:
				select {
				case out <- struct{}{}:
				default:
				}
			}
		}
	}()
	return out
}

// commit is another client's saved change: fn edits the stored document
// (bumping the versions it changes), then the server notifies.
func (s *serverStore) commit(fn func(d *model.Doc)) {
	s.edit(fn)
	select {
	case s.changes <- struct{}{}:
	default:
	}
}

// newServerHarness opens the app on a server's store as login.
func newServerHarness(t *testing.T, login model.ID) (*harness, *serverStore) {
	t.Helper()
	a := test.NewTempApp(t)
	s := newServerStore(testDoc(), login)
	u := newTestUI(a, s)
	t.Cleanup(func() {
		u.settle()
		u.stopWatch()
		setLanguage(model.BG)
	})
	h := &harness{t: t, app: a, store: s.memStore, u: u}
	h.u.observe = func(x any) { h.seen = append(h.seen, x) }
	u.Start()
	u.settle()
	return h, s
}

// eventually settles the UI until cond holds (background work started by
// the watcher is not counted by settle), failing after 5 s.
func eventually(t *testing.T, u *UI, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		u.settle()
		if cond() {
			return
		}
	}
	t.Fatalf("%s: not within 5 s", what)
}

// pump runs what background work handed to the UI goroutine, without
// waiting for the work itself (which may be waiting for the user).
func (u *UI) pump() {
	q := queues[u]
	q.mu.Lock()
	fns := q.fns
	q.fns = nil
	q.mu.Unlock()
	for _, f := range fns {
		f()
	}
}

// pumpUntil pumps until cond holds, failing after 5 s.
func pumpUntil(t *testing.T, u *UI, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
		u.pump()
		if cond() {
			return
		}
	}
	t.Fatalf("%s: not within 5 s", what)
}

// A server's login is its person: no "who are you" choice, the status bar
// and the title name the server.
func TestServerLoginIsTheUser(t *testing.T) {
	h, _ := newServerHarness(t, pCoordINNO)
	u := h.u
	if u.me == nil || u.me.ID != pCoordINNO {
		t.Fatalf("user = %v, want the login's person %d", u.me, pCoordINNO)
	}
	if u.identity != nil {
		t.Error("the app asked who the user is, though the login says it")
	}
	if got, want := u.fileLabel.Text, "Сървър: "+testServer; got != want {
		t.Errorf("status bar = %q, want %q", got, want)
	}
	if got := u.win.Title(); !strings.Contains(got, testServer) || !strings.Contains(got, "Дигитална София") {
		t.Errorf("window title = %q, want the strategy and the server", got)
	}
	// The same screens, with the login's rights: a coordinator edits
	// their own unit's measure and not another's.
	if why := u.denial(model.EntityMeasure, model.OpUpdate, u.doc.Measure(mDocs), "manualProgress"); why != "" {
		t.Errorf("coordinator may not change their own measure: %s", why)
	}
	if why := u.denial(model.EntityMeasure, model.OpUpdate, u.doc.Measure(mCrossings), "manualProgress"); why == "" {
		t.Error("coordinator may change another unit's measure")
	}
}

// Another client's save reloads the document within a moment; a form
// being typed in keeps its values, and saving it over a changed row still
// meets the conflict dialog.
func TestLiveUpdateKeepsTypedValues(t *testing.T) {
	h, s := newServerHarness(t, pOffice)
	u := h.u
	d := h.open(mOpenData)
	retype(d.fields.titleBG, "Моето заглавие")

	// A change to another measure: shown, the form untouched.
	s.commit(func(doc *model.Doc) {
		m := doc.Measure(mDocs)
		m.Title.BG = "Документооборот (нов)"
		m.Version++
	})
	eventually(t, u, "the other client's change shown", func() bool {
		return u.doc.Measure(mDocs).Title.BG == "Документооборот (нов)"
	})
	if u.detail != d {
		t.Fatal("the reload closed the open measure")
	}
	if got := d.fields.titleBG.Text; got != "Моето заглавие" {
		t.Errorf("typed title after the reload = %q, want the user's", got)
	}

	// A change to this very measure: the form still keeps the user's
	// values; the save is stale and gets the conflict dialog.
	s.commit(func(doc *model.Doc) {
		m := doc.Measure(mOpenData)
		m.Title.BG = "Тяхното заглавие"
		m.PlannedCents = 500_00
		m.Version++
	})
	eventually(t, u, "the change to the open measure loaded", func() bool {
		return u.doc.Measure(mOpenData).Title.BG == "Тяхното заглавие"
	})
	if got := d.fields.titleBG.Text; got != "Моето заглавие" {
		t.Errorf("typed title after the reload = %q, want the user's", got)
	}
	h.tap(d.fields.saveBtn)
	if !opened[*conflictDialog](h) {
		t.Fatal("a stale save did not show the conflict dialog")
	}
	if got := h.stored(mOpenData).Title.BG; got != "Тяхното заглавие" {
		t.Errorf("stored title = %q: the stale save overwrote the other client's", got)
	}
}

// Without changes nothing is read; a burst of changes is read once or
// twice, not once per change.
func TestLiveUpdateIdleAndBurst(t *testing.T) {
	h, s := newServerHarness(t, pOffice)
	u := h.u
	before := s.reads.Load()
	time.Sleep(4 * watchDebounce)
	u.settle()
	if got := s.reads.Load(); got != before {
		t.Errorf("an idle app read the store %d times", got-before)
	}
	for i := range 5 {
		s.commit(func(doc *model.Doc) {
			doc.Measure(mDocs).SpentCents = int64(i+1) * 1000_00
			doc.Measure(mDocs).Version++
		})
	}
	eventually(t, u, "the burst loaded", func() bool { return u.doc.Measure(mDocs).SpentCents == 5000_00 })
	time.Sleep(2 * watchDebounce)
	u.settle()
	if n := s.reads.Load() - before; n < 1 || n > 2 {
		t.Errorf("a burst of 5 changes made %d reads, want 1 or 2", n)
	}
	if s.watches.Load() != 1 {
		t.Errorf("Watch called %d times, want once", s.watches.Load())
	}
}

// Opening another file stops watching the server; closing the window
// stops watching the next.
func TestWatchStopsOnSwitchAndClose(t *testing.T) {
	h, first := newServerHarness(t, pOffice)
	u := h.u
	eventually(t, u, "watching", func() bool { return first.active.Load() == 1 })
	second := newServerStore(testDoc(), pOffice)
	u.switchStore(second)
	u.settle()
	eventually(t, u, "the first store unwatched, the second watched", func() bool {
		return first.active.Load() == 0 && second.active.Load() == 1
	})
	file := newMemStore(testDoc())
	u.switchStore(file)
	u.settle()
	eventually(t, u, "a file is not watched", func() bool { return second.active.Load() == 0 })
	u.switchStore(second)
	u.settle()
	eventually(t, u, "watched again", func() bool { return second.active.Load() == 1 })
	u.win.Close()
	eventually(t, u, "unwatched on close", func() bool { return second.active.Load() == 0 })
}

// fakeConnector records the addresses and answers with a result per call.
type fakeConnector struct {
	mu        sync.Mutex
	addresses []string
	passwords []string
	connect   func(address string, ask func(string) (string, error)) (model.Store, error)
}

func (f *fakeConnector) fn(address string, ask func(string) (string, error)) (model.Store, error) {
	f.mu.Lock()
	f.addresses = append(f.addresses, address)
	f.mu.Unlock()
	return f.connect(address, ask)
}

func (f *fakeConnector) calls() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.addresses)
}

// topText is the text of the top dialog.
func topText(u *UI) string {
	h := &harness{u: u}
	return h.topDialogText()
}

// A council member's login opens the server read-only, and says so.
func TestCouncilLoginReadOnly(t *testing.T) {
	a := test.NewTempApp(t)
	s := newServerStore(testDoc(), pCouncil)
	s.council = true
	u := newTestUI(a, s)
	t.Cleanup(func() { u.settle(); u.stopWatch(); setLanguage(model.BG) })
	u.Start()
	u.settle()
	if u.me == nil || u.me.ID != pCouncil || u.canEdit() {
		t.Errorf("user %v, may edit %v; want the council member, read-only", u.me, u.canEdit())
	}
	if got, want := u.fileLabel.Text, "Сървър: "+testServer+" ("+tr("label.readonly")+")"; got != want {
		t.Errorf("status bar = %q, want %q", got, want)
	}
}
