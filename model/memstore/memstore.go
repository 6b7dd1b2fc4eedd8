// Package memstore is a model.Store held in memory: for the tests of
// packages that may not import storage (the app), and as the reference the
// store contract suite (model/storetest) is written against. Like storage
// it runs Update as one transaction on a copy of the document, and refuses
// what storage refuses: validation (EINVALID, with Field), versions
// (ECONFLICT), roles through model.AuthorizeRow (EFORBIDDEN, with Reason),
// rows that do not exist (ENOTFOUND) and rows still referred to. It keeps
// an audit list, without the hash chain of a file.
package memstore

import (
	"context"
	"encoding/json"
	"fmt"
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
		return model.Forbidden(model.ReasonReadOnlyFile, "%s is open read-only: nothing can be changed", s.opts.Path)
	}
	t := &tx{s: s, doc: CloneDoc(s.doc), nextID: s.nextID, at: s.at(), today: model.DateOf(s.opts.Now())}
	t.actor = t.doc.Person(actor)
	if t.actor == nil {
		return model.Forbidden(model.ReasonNoActor, "person %d does not exist in %s: say who makes the change", actor, s.opts.Path)
	}
	if !t.actor.CanEdit() {
		return model.Authorize(t.actor, model.EntityStrategy, model.OpUpdate, nil, nil)
	}
	if action == model.ActionImport {
		t.log(model.ActionImport, model.EntityFile, 0, "", "", source)
	}
	if err := fn(t); err != nil {
		return err
	}
	s.doc, s.nextID = t.doc, t.nextID
	s.audit = append(s.audit, t.entries...)
	return nil
}

// CreateSnapshot freezes the figures at asOf under name; see model.Store.
func (s *Store) CreateSnapshot(ctx context.Context, actor model.ID, name string, asOf model.Date) (*model.Snapshot, error) {
	if err := model.ValidateSnapshotName(name); err != nil {
		return nil, err
	}
	var sn *model.Snapshot
	err := s.Update(ctx, actor, model.ActionSnapshot, "", func(mt model.Tx) error {
		t := mt.(*tx)
		var record string
		var err error
		if sn, record, err = t.doc.NewSnapshot(t.actor, name, asOf, t.at); err != nil {
			return err
		}
		sn.ID = t.newID()
		t.doc.Snapshots = append(t.doc.Snapshots, *sn)
		t.log(model.ActionSnapshot, model.EntitySnapshot, sn.ID, "", "", record)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return sn, nil
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

// tx is one transaction of Store, on a copy of the document.
type tx struct {
	s       *Store
	doc     *model.Doc
	actor   *model.Person
	at      string
	today   model.Date
	nextID  model.ID
	entries []model.AuditEntry
}

func (t *tx) Doc() *model.Doc { return t.doc }

// Actor is the person the transaction acts as.
func (t *tx) Actor() *model.Person { return t.actor }

func (t *tx) log(action model.Action, entity model.Entity, id model.ID, field, old, new string) {
	t.entries = append(t.entries, model.AuditEntry{Seq: int64(len(t.s.audit) + len(t.entries) + 1),
		At: t.at, User: model.UserLabel(t.actor), Action: action,
		Entity: entity, EntityID: id, Field: field, Old: old, New: new})
}

func (t *tx) newID() model.ID {
	t.nextID++
	return t.nextID
}

func notFound(entity model.Entity, id model.ID) error {
	return model.Errorf(model.ENOTFOUND, "%s %d does not exist", entity, id)
}

// write is the one path of every save (as in storage): create row when
// stored is nil, else check the version, diff, authorise and audit. put
// stores the row. It returns the changes of an update.
func (t *tx) write(row, stored model.Row, m *model.Measure, parent model.ID, put func()) ([]model.FieldChange, error) {
	entity := row.Entity()
	if stored == nil {
		if err := model.AuthorizeRow(t.actor, model.OpCreate, m, row, nil); err != nil {
			return nil, err
		}
		row.SetStored(t.newID(), 1)
		put()
		t.log(model.ActionCreate, entity, row.RowID(), "", "", model.AuditRow(row, parent))
		return nil, nil
	}
	if stored.RowVersion() != row.RowVersion() {
		return nil, model.Errorf(model.ECONFLICT, "%s %d was changed by someone else since you read it (version %d, yours %d): reload it; your values are kept so you can apply them again",
			entity, row.RowID(), stored.RowVersion(), row.RowVersion())
	}
	changes := model.Diff(stored, row)
	if len(changes) == 0 {
		return nil, nil
	}
	if err := model.AuthorizeRow(t.actor, model.OpUpdate, m, row, model.Fields(changes)); err != nil {
		return nil, err
	}
	row.SetStored(row.RowID(), stored.RowVersion()+1)
	put()
	for _, c := range changes {
		t.log(model.ActionUpdate, entity, row.RowID(), c.Field, c.Old, c.New)
	}
	return changes, nil
}

// saveIn saves a row that lives in list. put copies a row into its place,
// keeping what the row does not carry (a KPI's values).
func saveIn[T any, P interface {
	*T
	model.Row
}](t *tx, row P, list *[]T, m *model.Measure, parent model.ID, put func(dst, src *T)) ([]model.FieldChange, error) {
	if row.RowID() == 0 {
		return t.write(row, nil, m, parent, func() {
			var fresh T
			put(&fresh, row)
			*list = append(*list, fresh)
		})
	}
	id := row.RowID()
	i := slices.IndexFunc(*list, func(x T) bool { return P(&x).RowID() == id })
	if i < 0 {
		return nil, notFound(row.Entity(), id)
	}
	return t.write(row, P(&(*list)[i]), m, parent, func() { put(&(*list)[i], row) })
}

func copyRow[T any](dst, src *T) { *dst = *src }

// saveCoded saves a goal, area or unit: codes are unique, and a changed
// code changes in the rows that refer to it.
func saveCoded[T any, P interface {
	*T
	model.Row
}](t *tx, row P, list *[]T, code func(*T) string) error {
	for i := range *list {
		if other := P(&(*list)[i]); other.RowID() != row.RowID() && code(&(*list)[i]) == code(row) {
			return model.InvalidField("code", "%s %q: code is already used", row.Entity(), code(row))
		}
	}
	changes, err := saveIn(t, row, list, nil, 0, copyRow[T])
	for _, c := range changes {
		if c.Field == "code" {
			var old, new string
			json.Unmarshal([]byte(c.Old), &old)
			json.Unmarshal([]byte(c.New), &new)
			t.doc.RenameCode(row.Entity(), old, new)
		}
	}
	return err
}

func (t *tx) SaveStrategy(s *model.Strategy) error {
	if err := s.Validate(); err != nil {
		return err
	}
	_, err := t.write(s, &t.doc.Strategy, nil, 0, func() { t.doc.Strategy = *s })
	return err
}

func (t *tx) SaveGoal(g *model.Goal) error {
	if err := g.Validate(); err != nil {
		return err
	}
	return saveCoded(t, g, &t.doc.Goals, func(x *model.Goal) string { return x.Code })
}

func (t *tx) SaveArea(a *model.Area) error {
	if err := a.Validate(); err != nil {
		return err
	}
	return saveCoded(t, a, &t.doc.Areas, func(x *model.Area) string { return x.Code })
}

func (t *tx) SaveUnit(u *model.Unit) error {
	if err := u.Validate(); err != nil {
		return err
	}
	return saveCoded(t, u, &t.doc.Units, func(x *model.Unit) string { return x.Code })
}

func (t *tx) SavePerson(p *model.Person) error {
	if err := p.Validate(); err != nil {
		return err
	}
	if err := t.doc.CheckPerson(p); err != nil {
		return err
	}
	_, err := saveIn(t, p, &t.doc.People, nil, 0, copyRow[model.Person])
	return err
}

func (t *tx) SaveMeasure(m *model.Measure) error {
	if err := m.Validate(); err != nil {
		return err
	}
	if err := t.doc.CheckMeasureRefs(m); err != nil {
		return err
	}
	// A measure's Save keeps its stored child rows: they are rows of their own.
	put := func(dst, src *model.Measure) {
		ms, ks, us := dst.Milestones, dst.KPIs, dst.Updates
		*dst = *ownFields(src)
		dst.Milestones, dst.KPIs, dst.Updates = nonNil(ms), nonNil(ks), nonNil(us)
	}
	_, err := saveIn(t, m, &t.doc.Measures, t.doc.Measure(m.ID), 0, put)
	return err
}

// childOf returns the measure of a new child row (parentID) or of a
// stored one (whose parent does not change), and sets *parentID to it.
func (t *tx) childOf(row model.Row, parentID *model.ID) (*model.Measure, error) {
	if row.RowID() != 0 {
		_, m := t.doc.FindRow(row.Entity(), row.RowID())
		if m == nil {
			return nil, notFound(row.Entity(), row.RowID())
		}
		*parentID = m.ID
	}
	m := t.doc.Measure(*parentID)
	if m == nil {
		return nil, notFound(model.EntityMeasure, *parentID)
	}
	return m, nil
}

func (t *tx) SaveMilestone(ms *model.Milestone) error {
	m, err := t.childOf(ms, &ms.MeasureID)
	if err != nil {
		return err
	}
	if err := ms.Validate(t.today); err != nil {
		return err
	}
	if err := t.doc.CheckPersonRef(fmt.Sprintf("milestone %d", ms.ID), "responsible", ms.Responsible); err != nil {
		return err
	}
	_, err = saveIn(t, ms, &m.Milestones, m, m.ID, copyRow[model.Milestone])
	return err
}

func (t *tx) SaveKPI(k *model.KPI) error {
	m, err := t.childOf(k, &k.MeasureID)
	if err != nil {
		return err
	}
	if err := k.Validate(); err != nil {
		return err
	}
	if stored, _ := t.doc.KPIByID(k.ID); stored != nil && k.ID != 0 {
		if err := k.CheckValuesUnder(stored.Values); err != nil {
			return err
		}
	}
	put := func(dst, src *model.KPI) {
		values := dst.Values
		*dst = *src
		dst.Values = nonNil(values)
	}
	_, err = saveIn(t, k, &m.KPIs, m, m.ID, put)
	return err
}

func (t *tx) SaveKPIValue(v *model.KPIValue) error {
	if v.ID != 0 {
		row, _ := t.doc.FindRow(model.EntityKPIValue, v.ID)
		if row == nil {
			return notFound(model.EntityKPIValue, v.ID)
		}
		v.KPIID = row.(model.ChildRow).ParentID()
	}
	k, m := t.doc.KPIByID(v.KPIID)
	if k == nil {
		return notFound(model.EntityKPI, v.KPIID)
	}
	if err := v.Validate(k); err != nil {
		return err
	}
	_, err := saveIn(t, v, &k.Values, m, k.ID, copyRow[model.KPIValue])
	return err
}

func (t *tx) SaveUpdate(u *model.Update) error {
	m, err := t.childOf(u, &u.MeasureID)
	if err != nil {
		return err
	}
	if err := u.Validate(); err != nil {
		return err
	}
	if err := t.doc.CheckPersonRef(fmt.Sprintf("update %d", u.ID), "author", u.Author); err != nil {
		return err
	}
	_, err = saveIn(t, u, &m.Updates, m, m.ID, copyRow[model.Update])
	return err
}

// Delete removes a row and its children; a row still referred to (an area
// with measures, a unit, goal or person in use) is refused, as storage
// refuses it (model.Doc.References).
func (t *tx) Delete(entity model.Entity, id model.ID, version int64) error {
	if entity == model.EntityStrategy {
		return model.Errorf(model.EINVALID, "%s rows cannot be deleted", entity)
	}
	row, m := t.doc.FindRow(entity, id)
	if row == nil {
		return notFound(entity, id)
	}
	if row.RowVersion() != version {
		return model.Errorf(model.ECONFLICT, "%s %d was changed by someone else since you read it (version %d, yours %d): reload it", entity, id, row.RowVersion(), version)
	}
	if err := model.AuthorizeRow(t.actor, model.OpDelete, m, row, nil); err != nil {
		return err
	}
	if refs := t.doc.References(entity, id); len(refs) > 0 {
		return model.ReferencesError(t.doc.RowName(entity, id, model.EN), refs)
	}
	old := model.RowJSON(row)
	if parent, ok := row.(interface{ Children() []model.ChildRow }); ok {
		for _, c := range parent.Children() {
			t.log(model.ActionDelete, c.Entity(), c.RowID(), "", model.AuditRow(c, c.ParentID()), "")
		}
	}
	remove := func(r model.Row) bool { return r.Entity() == entity && r.RowID() == id }
	t.doc.Goals = deleteRows(t.doc.Goals, remove)
	t.doc.Areas = deleteRows(t.doc.Areas, remove)
	t.doc.Units = deleteRows(t.doc.Units, remove)
	t.doc.People = deleteRows(t.doc.People, remove)
	t.doc.Measures = deleteRows(t.doc.Measures, remove)
	for i := range t.doc.Measures {
		x := &t.doc.Measures[i]
		x.Milestones = deleteRows(x.Milestones, remove)
		x.KPIs = deleteRows(x.KPIs, remove)
		x.Updates = deleteRows(x.Updates, remove)
		for j := range x.KPIs {
			x.KPIs[j].Values = deleteRows(x.KPIs[j].Values, remove)
		}
	}
	t.log(model.ActionDelete, entity, id, "", old, "")
	return nil
}

func deleteRows[T any, P interface {
	*T
	model.Row
}](list []T, remove func(model.Row) bool) []T {
	return slices.DeleteFunc(list, func(x T) bool { return remove(P(&x)) })
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// ownFields copies m's own fields: its lists of codes and funding are
// copied, its child rows left out.
func ownFields(m *model.Measure) *model.Measure {
	c := *m
	c.Goals = slices.Clone(m.Goals)
	c.Partners = slices.Clone(m.Partners)
	c.Funding = slices.Clone(m.Funding)
	if m.Override != nil {
		o := *m.Override
		c.Override = &o
	}
	c.Milestones, c.KPIs, c.Updates = nil, nil, nil
	return &c
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
	if d.Adoption != nil {
		a := *d.Adoption
		c.Adoption = &a
	}
	c.Measures = make([]model.Measure, len(d.Measures))
	for i := range d.Measures {
		src := &d.Measures[i]
		m := ownFields(src)
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
