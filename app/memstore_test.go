package app

import (
	"context"
	"sync"
	"time"

	"strategytracker/model"
	"strategytracker/model/memstore"
)

// memStore is the app's tests' model.Store: model/memstore (the in-memory
// store that passes the same contract suite as storage: transactions,
// validation, versions, roles through model.Authorize) with the knobs the
// tests turn: errors to return, a count of successful updates, the audit
// entries written since it was made (tests may add to them), and the path
// and database id it shows.
type memStore struct {
	*memstore.Store
	mu       sync.Mutex
	path     string
	dbID     string
	audit    []model.AuditEntry
	seen     int   // entries of the inner store already copied to audit
	updates  int   // successful Update calls
	docErr   error // returned by Doc when set
	checkErr error // returned by Check when set
	closed   bool
}

var _ model.Store = (*memStore)(nil)

// testClock is the time of every test change: 10:00 UTC on testAsOf.
func testClock() time.Time {
	return testAsOf.Time().Add(10 * time.Hour)
}

func newMemStore(d *model.Doc) *memStore {
	s := &memStore{path: "/tmp/test-strategy.db", dbID: "db-test"}
	s.Store = memstore.New(d, memstore.Options{Path: s.path, DatabaseID: s.dbID, Now: testClock})
	s.seen = len(s.Store.AuditLog()) // the load entry is not a test's
	return s
}

func (s *memStore) Path() string       { return s.path }
func (s *memStore) DatabaseID() string { return s.dbID }

func (s *memStore) Close() error {
	s.mu.Lock()
	s.closed = true
	s.mu.Unlock()
	return nil
}

func (s *memStore) Doc(ctx context.Context) (*model.Doc, error) {
	if s.docErr != nil {
		return nil, s.docErr
	}
	return s.Store.Doc(ctx)
}

// edit changes the stored document directly, as another instance of the
// app would.
func (s *memStore) edit(fn func(d *model.Doc)) { s.Store.Edit(fn) }

// sync copies the inner store's new audit entries.
func (s *memStore) sync() {
	log := s.Store.AuditLog()
	s.audit = append(s.audit, log[s.seen:]...)
	s.seen = len(log)
}

func (s *memStore) Update(ctx context.Context, actor model.ID, action model.Action, source string, fn func(model.Tx) error) error {
	err := s.Store.Update(ctx, actor, action, source, fn)
	s.mu.Lock()
	defer s.mu.Unlock()
	s.sync()
	if err == nil {
		s.updates++
	}
	return err
}

func (s *memStore) CreateSnapshot(ctx context.Context, actor model.ID, name string, asOf model.Date) (*model.Snapshot, error) {
	sn, err := s.Store.CreateSnapshot(ctx, actor, name, asOf)
	s.mu.Lock()
	defer s.mu.Unlock()
	s.sync()
	return sn, err
}

func (s *memStore) Audit(ctx context.Context, f model.AuditFilter) ([]model.AuditEntry, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return memstore.FilterAudit(s.audit, f), nil
}

func (s *memStore) Check(context.Context) (model.CheckReport, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.checkErr != nil {
		return model.CheckReport{}, s.checkErr
	}
	return model.CheckReport{AuditEntries: len(s.audit), Integrity: "ok"}, nil
}

func (s *memStore) Backup(ctx context.Context, path string) error { return nil }

// cloneDoc copies d deeply, versions included.
func cloneDoc(d *model.Doc) *model.Doc { return memstore.CloneDoc(d) }
