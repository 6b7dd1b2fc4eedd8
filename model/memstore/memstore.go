// Package memstore is a model.Store held in memory: for the tests of
// packages that may not import storage (the app), and as the reference the
// store contract suite (model/storetest) is written against. Like storage
// it runs Update as one transaction on a copy of the document, through the
// same model.WriteTx as every store, so it refuses what storage refuses:
// validation (EINVALID, with Field), versions (ECONFLICT), roles through
// model.AuthorizeRow (EFORBIDDEN, with Reason), rows that do not exist
// (ENOTFOUND) and rows still referred to; it keeps the adopted plan and the
// reporting periods. It keeps an audit list, without the hash chain of a file.
package memstore

import (
	"context"
	"slices"
	"strings"
	"sync"
	"time"

	"strategytracker/model"
)

// Options adjust a store; the zero value is fine.
type Options struct {
	Path       string           // what Path returns; "memory" by default
	DatabaseID string           // what DatabaseID returns; "memory" by default
	Now        func() time.Time // the clock of audit entries and "today"; time.Now by default
	ReadOnly   bool
}

// Store is an in-memory model.Store.
type Store struct {
	mu     sync.Mutex
	opts   Options
	doc    *model.Doc
	audit  []model.AuditEntry
	nextID model.ID
}

var _ model.Store = (*Store)(nil)

// New returns a store holding a copy of d, which it trusts (as storage
// trusts a file it opens): validate d first when it comes from outside.
// The audit list begins with one load entry, as a file's does.
func New(d *model.Doc, opts Options) *Store {
	if opts.Path == "" {
		opts.Path = "memory"
	}
	if opts.DatabaseID == "" {
		opts.DatabaseID = "memory"
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	s := &Store{opts: opts, doc: CloneDoc(d)}
	// As a file numbers them when it is loaded: goals, areas and units get
	// ids in their order, and every row a version.
	numberRows(s.doc.Goals)
	numberRows(s.doc.Areas)
	numberRows(s.doc.Units)
	stamp := func(r model.Row) {
		if r.RowVersion() == 0 {
			r.SetStored(r.RowID(), 1)
		}
	}
	stamp(&s.doc.Strategy)
	eachRow(s.doc, stamp)
	for _, id := range allIDs(s.doc) {
		s.nextID = max(s.nextID, id)
	}
	s.audit = []model.AuditEntry{{Seq: 1, At: s.at(), User: "strategytracker load", Action: model.ActionLoad, Entity: model.EntityFile}}
	return s
}

func numberRows[T any, P interface {
	*T
	model.Row
}](list []T) {
	for i := range list {
		if r := P(&list[i]); r.RowID() == 0 {
			r.SetStored(model.ID(i+1), r.RowVersion())
		}
	}
}

// eachRow calls fn with every row of d but the strategy header.
func eachRow(d *model.Doc, fn func(model.Row)) {
	for i := range d.Goals {
		fn(&d.Goals[i])
	}
	for i := range d.Areas {
		fn(&d.Areas[i])
	}
	for i := range d.Units {
		fn(&d.Units[i])
	}
	for i := range d.People {
		fn(&d.People[i])
	}
	for i := range d.Measures {
		fn(&d.Measures[i])
		for _, c := range d.Measures[i].Children() {
			fn(c)
		}
	}
}

func allIDs(d *model.Doc) []model.ID {
	var ids []model.ID
	eachRow(d, func(r model.Row) { ids = append(ids, r.RowID()) })
	for i := range d.Snapshots {
		ids = append(ids, d.Snapshots[i].ID)
	}
	for i := range d.Revisions {
		ids = append(ids, d.Revisions[i].ID)
	}
	for i := range d.Periods {
		ids = append(ids, d.Periods[i].ID)
	}
	return ids
}

func (s *Store) at() string { return s.opts.Now().UTC().Format(model.AuditTimeLayout) }

func (s *Store) Path() string       { return s.opts.Path }
func (s *Store) ReadOnly() bool     { return s.opts.ReadOnly }
func (s *Store) DatabaseID() string { return s.opts.DatabaseID }
func (s *Store) Close() error       { return nil }

// Doc returns a copy of the strategy.
func (s *Store) Doc(context.Context) (*model.Doc, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return CloneDoc(s.doc), nil
}

// ReadAll returns a copy of the strategy and of the audit list; see model.Store.
func (s *Store) ReadAll(context.Context) (*model.Doc, []model.AuditEntry, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return CloneDoc(s.doc), slices.Clone(s.audit), nil
}

// SummaryDoc is Doc: memory is quick; see model.Store.
func (s *Store) SummaryDoc(ctx context.Context) (*model.Doc, error) { return s.Doc(ctx) }

// LoginPerson is 0: memory has no logins.
func (s *Store) LoginPerson() model.ID { return 0 }

// Watch reports nothing: only this store changes memory.
func (s *Store) Watch(context.Context) <-chan struct{} { return model.NoChanges() }

// Edit changes the stored document directly, as another program writing
// the same file would (no checks, no audit): for tests of conflicts.
func (s *Store) Edit(fn func(d *model.Doc)) {
	s.mu.Lock()
	defer s.mu.Unlock()
	fn(s.doc)
}

// AuditLog returns a copy of every audit entry, oldest first.
func (s *Store) AuditLog() []model.AuditEntry {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.audit)
}

// Update runs fn in one transaction as actor; see model.Store.
func (s *Store) Update(ctx context.Context, actor model.ID, action model.Action, source string, fn func(model.Tx) error) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.opts.ReadOnly {
		return model.ReadOnlyError(s.opts.Path)
	}
	w := &writer{s: s, nextID: s.nextID}
	doc := CloneDoc(s.doc)
	t, err := model.BeginWrite(doc, actor, s.opts.Path, s.opts.Now(), action, source, w)
	if err != nil {
		return err
	}
	if err := fn(t); err != nil {
		return err
	}
	s.doc, s.nextID = doc, w.nextID
	s.audit = append(s.audit, w.entries...)
	return nil
}

// CreateSnapshot freezes the figures at asOf under name; see model.Store.
func (s *Store) CreateSnapshot(ctx context.Context, actor model.ID, name string, asOf model.Date) (*model.Snapshot, error) {
	return model.CreateSnapshot(ctx, s, actor, name, asOf)
}

// Audit returns the entries that match f; see model.Store.
func (s *Store) Audit(ctx context.Context, f model.AuditFilter) ([]model.AuditEntry, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return FilterAudit(s.audit, f), nil
}

// FilterAudit returns the entries that match f, oldest first (newest
// first when f.Limit is set), as Store.Audit does.
func FilterAudit(entries []model.AuditEntry, f model.AuditFilter) []model.AuditEntry {
	var out []model.AuditEntry
	for _, e := range entries {
		if f.User != "" && !strings.Contains(strings.ToLower(e.User), strings.ToLower(f.User)) {
			continue
		}
		if f.Entity != "" && e.Entity != f.Entity {
			continue
		}
		if f.EntityID != 0 && e.EntityID != f.EntityID {
			continue
		}
		if f.From != 0 || f.To != 0 {
			d, err := model.ParseDate(e.At[:min(10, len(e.At))])
			if err != nil || (f.From != 0 && d < f.From) || (f.To != 0 && d > f.To) {
				continue
			}
		}
		out = append(out, e)
	}
	if f.Limit > 0 {
		slices.Reverse(out)
		out = out[:min(f.Limit, len(out))]
	}
	return out
}

// Check reports the audit entries; memory has no file to damage.
func (s *Store) Check(context.Context) (model.CheckReport, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return model.CheckReport{AuditEntries: len(s.audit), Integrity: "ok"}, nil
}

// Backup is not available in memory.
func (s *Store) Backup(ctx context.Context, path string) error {
	return model.Errorf(model.EINVALID, "%s is held in memory: there is no file to back up", s.opts.Path)
}

// writer keeps the writes of one transaction: the document is the
// transaction's copy, which model.WriteTx changes; the writer numbers new
// rows and keeps the audit entries until the commit.
type writer struct {
	s       *Store
	nextID  model.ID
	entries []model.AuditEntry
}

func (w *writer) newID() model.ID {
	w.nextID++
	return w.nextID
}

func (w *writer) InsertRow(model.Row) (model.ID, error)                         { return w.newID(), nil }
func (w *writer) UpdateRow(_, _ model.Row, _ []model.FieldChange) (bool, error) { return true, nil }
func (w *writer) DeleteRow(model.Row) (bool, error)                             { return true, nil }
func (w *writer) RewritePeriodLists(*model.Period) error                        { return nil }
func (w *writer) InsertRevision(*model.Revision) (model.ID, error)              { return w.newID(), nil }
func (w *writer) InsertAdoption(*model.Adoption) error                          { return nil }
func (w *writer) DeleteRevision(model.ID) error                                 { return nil }
func (w *writer) InsertSnapshot(*model.Snapshot) (model.ID, error)              { return w.newID(), nil }

func (w *writer) Append(e model.AuditEntry) error {
	e.Seq = int64(len(w.s.audit) + len(w.entries) + 1)
	w.entries = append(w.entries, e)
	return nil
}

// CloneDoc copies d deeply, versions included.
func CloneDoc(d *model.Doc) *model.Doc {
	c := *d
	c.Goals = slices.Clone(d.Goals)
	c.Areas = slices.Clone(d.Areas)
	c.Units = slices.Clone(d.Units)
	c.People = slices.Clone(d.People)
	c.Snapshots = slices.Clone(d.Snapshots)
	c.Revisions = slices.Clone(d.Revisions)
	c.Periods = slices.Clone(d.Periods)
	for i := range c.Periods {
		c.Periods[i] = c.Periods[i].Clone()
	}
	if d.Adoption != nil {
		a := *d.Adoption
		c.Adoption = &a
	}
	c.Measures = make([]model.Measure, len(d.Measures))
	for i := range d.Measures {
		src := &d.Measures[i]
		m := src.OwnFields()
		m.Milestones = slices.Clone(src.Milestones)
		m.Updates = slices.Clone(src.Updates)
		m.KPIs = make([]model.KPI, len(src.KPIs))
		for j := range src.KPIs {
			m.KPIs[j] = src.KPIs[j]
			m.KPIs[j].Values = slices.Clone(src.KPIs[j].Values)
		}
		c.Measures[i] = *m
	}
	return &c
}
