package app

import (
	"context"
	"slices"
	"strings"
	"sync"

	"strategytracker/model"
)

// memStore is an in-memory model.Store for the app's tests (the app may
// not import storage, not even in tests). Like storage it runs Update as
// one transaction on a copy of the document, checks versions (ECONFLICT),
// validation (EINVALID) and model.Authorize (EFORBIDDEN), and keeps an
// audit list.
type memStore struct {
	mu       sync.Mutex
	doc      *model.Doc
	path     string
	dbID     string
	readOnly bool
	today    model.Date
	audit    []model.AuditEntry
	nextID   model.ID
	updates  int   // successful Update calls
	docErr   error // returned by Doc when set
	checkErr error // returned by Check when set
	closed   bool
}

var _ model.Store = (*memStore)(nil)

func newMemStore(d *model.Doc) *memStore {
	return &memStore{doc: cloneDoc(d), path: "/tmp/test-strategy.db", dbID: "db-test", today: testAsOf, nextID: 10000}
}

func (s *memStore) Path() string       { return s.path }
func (s *memStore) ReadOnly() bool     { return s.readOnly }
func (s *memStore) DatabaseID() string { return s.dbID }
func (s *memStore) Close() error {
	s.mu.Lock()
	s.closed = true
	s.mu.Unlock()
	return nil
}

func (s *memStore) Doc(context.Context) (*model.Doc, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.docErr != nil {
		return nil, s.docErr
	}
	return cloneDoc(s.doc), nil
}

// edit changes the stored document directly, as another instance of the
// app would: fn's changes bump the versions of the rows it names.
func (s *memStore) edit(fn func(d *model.Doc)) {
	s.mu.Lock()
	defer s.mu.Unlock()
	fn(s.doc)
}

func (s *memStore) Update(ctx context.Context, actor model.ID, action model.Action, source string, fn func(model.Tx) error) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.readOnly {
		return model.Errorf(model.EFORBIDDEN, "%s is open read-only", s.path)
	}
	t := &memTx{s: s, doc: cloneDoc(s.doc), nextID: s.nextID}
	t.actor = t.doc.Person(actor)
	if t.actor == nil {
		return model.Errorf(model.EFORBIDDEN, "person %d does not exist", actor)
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
	s.updates++
	return nil
}

func (s *memStore) CreateSnapshot(ctx context.Context, actor model.ID, name string, asOf model.Date) (*model.Snapshot, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	p := s.doc.Person(actor)
	if err := model.Authorize(p, model.EntitySnapshot, model.OpCreate, nil, nil); err != nil {
		return nil, err
	}
	content, sum, err := model.EncodeFigures(model.ComputeSnapshotFigures(s.doc, asOf))
	if err != nil {
		return nil, err
	}
	s.nextID++
	sn := model.Snapshot{ID: s.nextID, Name: name, AsOf: asOf, CreatedAt: "2026-11-30T10:00:00Z",
		CreatedBy: model.UserLabel(p), SHA256: sum, Figures: content}
	s.doc.Snapshots = append(s.doc.Snapshots, sn)
	s.audit = append(s.audit, model.AuditEntry{Seq: int64(len(s.audit) + 1), User: model.UserLabel(p),
		Action: model.ActionSnapshot, Entity: model.EntitySnapshot, EntityID: sn.ID, New: name})
	return &sn, nil
}

func (s *memStore) Audit(ctx context.Context, f model.AuditFilter) ([]model.AuditEntry, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []model.AuditEntry
	for _, e := range s.audit {
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
	return out, nil
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

// memTx is one transaction of memStore.
type memTx struct {
	s       *memStore
	doc     *model.Doc
	actor   *model.Person
	nextID  model.ID
	entries []model.AuditEntry
}

func (t *memTx) Doc() *model.Doc { return t.doc }

func (t *memTx) log(action model.Action, entity model.Entity, id model.ID, field, old, new string) {
	t.entries = append(t.entries, model.AuditEntry{Seq: int64(len(t.s.audit) + len(t.entries) + 1),
		At: "2026-11-30T10:00:00.000000Z", User: model.UserLabel(t.actor), Action: action,
		Entity: entity, EntityID: id, Field: field, Old: old, New: new})
}

func (t *memTx) newID() model.ID {
	t.nextID++
	return t.nextID
}

// write is the shared path of every save: stored is the row as it stands
// (nil to create), row the new values; put stores them.
func (t *memTx) write(entity model.Entity, m *model.Measure, stored, row any, put func()) error {
	if stored == nil {
		if err := model.Authorize(t.actor, entity, model.OpCreate, m, nil); err != nil {
			return err
		}
		setRowID(row, t.newID())
		setRowVersion(row, 1)
		put()
		t.log(model.ActionCreate, entity, rowID(row), "", "", model.RowJSON(row))
		return nil
	}
	if rowVersion(stored) != rowVersion(row) {
		return model.Errorf(model.ECONFLICT, "%s %d was changed by someone else since you read it (version %d, yours %d)",
			entity, rowID(row), rowVersion(stored), rowVersion(row))
	}
	changes := model.Diff(stored, row)
	if len(changes) == 0 {
		return nil
	}
	if err := model.Authorize(t.actor, entity, model.OpUpdate, m, model.Fields(changes)); err != nil {
		return err
	}
	setRowVersion(row, rowVersion(stored)+1)
	put()
	for _, c := range changes {
		t.log(model.ActionUpdate, entity, rowID(row), c.Field, c.Old, c.New)
	}
	return nil
}

func (t *memTx) SaveStrategy(s *model.Strategy) error {
	if err := s.Validate(); err != nil {
		return err
	}
	return t.write(model.EntityStrategy, nil, &t.doc.Strategy, s, func() { t.doc.Strategy = *s })
}

func saveTop[T any](t *memTx, entity model.Entity, list *[]T, row *T) error {
	id := rowID(row)
	if id == 0 {
		return t.write(entity, nil, nil, row, func() { *list = append(*list, *row) })
	}
	i := slices.IndexFunc(*list, func(x T) bool { return rowID(&x) == id })
	if i < 0 {
		return model.Errorf(model.ENOTFOUND, "%s %d does not exist", entity, id)
	}
	oldCode := codeOfRow(&(*list)[i])
	return t.write(entity, nil, &(*list)[i], row, func() {
		(*list)[i] = *row
		if c := codeOfRow(row); c != oldCode { // as storage's ON UPDATE CASCADE
			t.doc.RenameCode(entity, oldCode, c)
		}
	})
}

// codeOfRow is the code of a goal, area or unit ("" for others).
func codeOfRow(row any) string {
	switch r := row.(type) {
	case *model.Goal:
		return r.Code
	case *model.Area:
		return r.Code
	case *model.Unit:
		return r.Code
	}
	return ""
}

func (t *memTx) SaveGoal(g *model.Goal) error {
	if err := g.Validate(); err != nil {
		return err
	}
	return saveTop(t, model.EntityGoal, &t.doc.Goals, g)
}

func (t *memTx) SaveArea(a *model.Area) error {
	if err := a.Validate(); err != nil {
		return err
	}
	return saveTop(t, model.EntityArea, &t.doc.Areas, a)
}

func (t *memTx) SaveUnit(u *model.Unit) error {
	if err := u.Validate(); err != nil {
		return err
	}
	return saveTop(t, model.EntityUnit, &t.doc.Units, u)
}

func (t *memTx) SavePerson(p *model.Person) error {
	if err := p.Validate(); err != nil {
		return err
	}
	return saveTop(t, model.EntityPerson, &t.doc.People, p)
}

func (t *memTx) SaveMeasure(m *model.Measure) error {
	if err := m.Validate(); err != nil {
		return err
	}
	if other := t.doc.MeasureByCode(m.Code); other != nil && other.ID != m.ID {
		return model.Errorf(model.EINVALID, "measure %q: code is already used", m.Code)
	}
	if m.ID == 0 {
		return t.write(model.EntityMeasure, nil, nil, m, func() {
			c := *measureRowCopy(m)
			t.doc.Measures = append(t.doc.Measures, c)
		})
	}
	stored := t.doc.Measure(m.ID)
	if stored == nil {
		return model.Errorf(model.ENOTFOUND, "measure %d does not exist", m.ID)
	}
	return t.write(model.EntityMeasure, stored, stored, m, func() {
		c := *measureRowCopy(m)
		c.Milestones, c.KPIs, c.Updates = stored.Milestones, stored.KPIs, stored.Updates
		*stored = c
	})
}

func (t *memTx) SaveMilestone(ms *model.Milestone) error {
	if err := ms.Validate(t.s.today); err != nil {
		return err
	}
	if ms.ID == 0 {
		m := t.doc.Measure(ms.MeasureID)
		if m == nil {
			return model.Errorf(model.ENOTFOUND, "measure %d does not exist", ms.MeasureID)
		}
		return t.write(model.EntityMilestone, m, nil, ms, func() { m.Milestones = append(m.Milestones, *ms) })
	}
	stored, m := t.doc.MilestoneByID(ms.ID)
	if stored == nil {
		return model.Errorf(model.ENOTFOUND, "milestone %d does not exist", ms.ID)
	}
	ms.MeasureID = m.ID
	return t.write(model.EntityMilestone, m, stored, ms, func() { *stored = *ms })
}

func (t *memTx) SaveKPI(k *model.KPI) error {
	if err := k.Validate(); err != nil {
		return err
	}
	if k.ID == 0 {
		m := t.doc.Measure(k.MeasureID)
		if m == nil {
			return model.Errorf(model.ENOTFOUND, "measure %d does not exist", k.MeasureID)
		}
		return t.write(model.EntityKPI, m, nil, k, func() {
			c := *k
			c.Values = nil
			m.KPIs = append(m.KPIs, c)
		})
	}
	stored, m := t.doc.KPIByID(k.ID)
	if stored == nil {
		return model.Errorf(model.ENOTFOUND, "KPI %d does not exist", k.ID)
	}
	k.MeasureID = m.ID
	return t.write(model.EntityKPI, m, stored, k, func() {
		values := stored.Values
		*stored = *k
		stored.Values = values
	})
}

func (t *memTx) SaveKPIValue(v *model.KPIValue) error {
	var k *model.KPI
	var m *model.Measure
	var stored *model.KPIValue
	for i := range t.doc.Measures {
		for j := range t.doc.Measures[i].KPIs {
			kk := &t.doc.Measures[i].KPIs[j]
			if v.ID == 0 && kk.ID == v.KPIID {
				k, m = kk, &t.doc.Measures[i]
			}
			for n := range kk.Values {
				if v.ID != 0 && kk.Values[n].ID == v.ID {
					k, m, stored = kk, &t.doc.Measures[i], &kk.Values[n]
				}
			}
		}
	}
	if k == nil {
		return model.Errorf(model.ENOTFOUND, "KPI value %d of KPI %d does not exist", v.ID, v.KPIID)
	}
	v.KPIID = k.ID
	if err := v.Validate(k); err != nil {
		return err
	}
	if stored == nil {
		return t.write(model.EntityKPIValue, m, nil, v, func() { k.Values = append(k.Values, *v) })
	}
	return t.write(model.EntityKPIValue, m, stored, v, func() { *stored = *v })
}

func (t *memTx) SaveUpdate(u *model.Update) error {
	if err := u.Validate(); err != nil {
		return err
	}
	if u.ID == 0 {
		m := t.doc.Measure(u.MeasureID)
		if m == nil {
			return model.Errorf(model.ENOTFOUND, "measure %d does not exist", u.MeasureID)
		}
		return t.write(model.EntityUpdate, m, nil, u, func() { m.Updates = append(m.Updates, *u) })
	}
	for i := range t.doc.Measures {
		m := &t.doc.Measures[i]
		for j := range m.Updates {
			if m.Updates[j].ID == u.ID {
				stored := &m.Updates[j]
				u.MeasureID = m.ID
				return t.write(model.EntityUpdate, m, stored, u, func() { *stored = *u })
			}
		}
	}
	return model.Errorf(model.ENOTFOUND, "update %d does not exist", u.ID)
}

func (t *memTx) Delete(entity model.Entity, id model.ID, version int64) error {
	row := findRow(t.doc, entity, id)
	if row == nil {
		return model.Errorf(model.ENOTFOUND, "%s %d does not exist", entity, id)
	}
	if rowVersion(row) != version {
		return model.Errorf(model.ECONFLICT, "%s %d was changed by someone else", entity, id)
	}
	if err := model.Authorize(t.actor, entity, model.OpDelete, measureOf(t.doc, row), nil); err != nil {
		return err
	}
	for i := range t.doc.Measures {
		m := &t.doc.Measures[i]
		switch entity {
		case model.EntityMilestone:
			m.Milestones = slices.DeleteFunc(m.Milestones, func(x model.Milestone) bool { return x.ID == id })
		case model.EntityUpdate:
			m.Updates = slices.DeleteFunc(m.Updates, func(x model.Update) bool { return x.ID == id })
		case model.EntityKPI:
			m.KPIs = slices.DeleteFunc(m.KPIs, func(x model.KPI) bool { return x.ID == id })
		case model.EntityKPIValue:
			for j := range m.KPIs {
				m.KPIs[j].Values = slices.DeleteFunc(m.KPIs[j].Values, func(x model.KPIValue) bool { return x.ID == id })
			}
		}
	}
	if refs := t.doc.References(entity, id); len(refs) > 0 { // as storage's foreign keys
		return model.ReferencesError(t.doc.RowName(entity, id, model.EN), refs)
	}
	switch entity {
	case model.EntityMeasure:
		t.doc.Measures = slices.DeleteFunc(t.doc.Measures, func(x model.Measure) bool { return x.ID == id })
	case model.EntityGoal:
		t.doc.Goals = slices.DeleteFunc(t.doc.Goals, func(x model.Goal) bool { return x.ID == id })
	case model.EntityArea:
		t.doc.Areas = slices.DeleteFunc(t.doc.Areas, func(x model.Area) bool { return x.ID == id })
	case model.EntityUnit:
		t.doc.Units = slices.DeleteFunc(t.doc.Units, func(x model.Unit) bool { return x.ID == id })
	case model.EntityPerson:
		t.doc.People = slices.DeleteFunc(t.doc.People, func(x model.Person) bool { return x.ID == id })
	}
	t.log(model.ActionDelete, entity, id, "", model.RowJSON(row), "")
	return nil
}

// cloneDoc copies d deeply, versions included.
func cloneDoc(d *model.Doc) *model.Doc {
	c := *d
	c.Goals = slices.Clone(d.Goals)
	c.Areas = slices.Clone(d.Areas)
	c.Units = slices.Clone(d.Units)
	c.People = slices.Clone(d.People)
	c.Snapshots = slices.Clone(d.Snapshots)
	c.Measures = make([]model.Measure, len(d.Measures))
	for i := range d.Measures {
		m := measureRowCopy(&d.Measures[i])
		src := &d.Measures[i]
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
