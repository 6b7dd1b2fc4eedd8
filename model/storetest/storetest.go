// Package storetest is the contract every model.Store passes: the SQLite
// file (storage), the PostgreSQL server (storage/postgres) and the
// in-memory store (model/memstore). It speaks only through model.Store, so
// nothing in it assumes a file or an engine.
//
//	func TestContract(t *testing.T) {
//		storetest.Run(t, func(t *testing.T, d *model.Doc) model.Store {
//			s, err := Create(ctx, filepath.Join(t.TempDir(), "s.db"), d, Options{})
//			if err != nil {
//				t.Fatal(err)
//			}
//			t.Cleanup(func() { s.Close() })
//			return s
//		})
//	}
package storetest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"strategytracker/model"
)

// Open returns a new, writable store holding d (valid, with ids), which
// it may change (tidy) on the way; it closes the store when t ends.
type Open func(t *testing.T, d *model.Doc) model.Store

var ctx = context.Background()

// seed makes the suite's strategy: 30 generated measures in 3 units.
const seed = 11

func newDoc() *model.Doc {
	d := model.Generate(30, seed)
	d.Strategy.Demo = false
	// The texts in two languages and the submitter (DESIGN.md §1.2), so
	// that every store is seen to keep them.
	for i := range d.Measures {
		m := &d.Measures[i]
		if m.Override != nil {
			m.Override.ReasonEn = "Synthetic status override " + m.Code
		}
		for j := range m.Milestones {
			if ms := &m.Milestones[j]; ms.Note != "" && j%2 == 0 {
				ms.NoteEn = "Note " + m.Code + " \u2028 😀"
			}
		}
	}
	d.Strategy.Submitter = model.Ref(d.People[0].ID)
	return d
}

// fixture is one store with the people and measures the tests act on.
type fixture struct {
	t              *testing.T
	s              model.Store
	office         *model.Person
	coord, council *model.Person
	own, other     *model.Measure // a measure coord leads, and one coord has nothing to do with
}

func setUp(t *testing.T, open Open) *fixture {
	t.Helper()
	f := &fixture{t: t, s: open(t, newDoc())}
	d := f.doc()
	for i := range d.People {
		p := &d.People[i]
		switch {
		case p.Role == model.RoleOffice && f.office == nil:
			f.office = p
		case p.Role == model.RoleCouncil && f.council == nil:
			f.council = p
		}
	}
	for i := range d.People {
		p := &d.People[i]
		if p.Role != model.RoleCoordinator {
			continue
		}
		var own, other *model.Measure
		for j := range d.Measures {
			m := &d.Measures[j]
			if m.Cancelled || len(m.Milestones) == 0 {
				continue
			}
			if m.LeadUnit == p.Unit && own == nil {
				own = m
			} else if !p.Coordinates(m) && other == nil {
				other = m
			}
		}
		if own != nil && other != nil {
			f.coord, f.own, f.other = p, own, other
			break
		}
	}
	if f.office == nil || f.council == nil || f.coord == nil {
		t.Fatal("storetest: the generated strategy lacks an office user, a council member or a coordinator with a measure")
	}
	return f
}

func (f *fixture) doc() *model.Doc {
	f.t.Helper()
	d, err := f.s.Doc(ctx)
	if err != nil {
		f.t.Fatalf("Doc: %v", err)
	}
	return d
}

func (f *fixture) update(actor *model.Person, fn func(model.Tx) error) error {
	return f.s.Update(ctx, actor.ID, model.ActionUpdate, "", fn)
}

func (f *fixture) mustUpdate(actor *model.Person, fn func(model.Tx) error) {
	f.t.Helper()
	if err := f.update(actor, fn); err != nil {
		f.t.Fatalf("Update as %s: %v", actor.Name.In(model.EN), err)
	}
}

func (f *fixture) audit() []model.AuditEntry {
	f.t.Helper()
	entries, err := f.s.Audit(ctx, model.AuditFilter{})
	if err != nil {
		f.t.Fatalf("Audit: %v", err)
	}
	return entries
}

func encode(t *testing.T, d *model.Doc) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := model.Encode(&b, d); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// unchanged fails t when the strategy or the audit log differ from before.
func (f *fixture) unchanged(before []byte, entries int) {
	f.t.Helper()
	if !bytes.Equal(encode(f.t, f.doc()), before) {
		f.t.Error("a refused change changed the strategy")
	}
	if got := len(f.audit()); got != entries {
		f.t.Errorf("a refused change left %d audit entries, want %d", got-entries, 0)
	}
}

// wantError fails t unless err has the code (and reason, field when given).
func wantError(t *testing.T, err error, code string, reason model.Reason, field string) {
	t.Helper()
	var e *model.Error
	if !errors.As(err, &e) {
		t.Fatalf("error %v, want a *model.Error with code %s", err, code)
	}
	if e.Code != code || e.Reason != reason || (field != "" && e.Field != field) || e.Message == "" {
		t.Errorf("error %q: code %q reason %q field %q; want %q %q %q", e.Message, e.Code, e.Reason, e.Field, code, reason, field)
	}
}

// Run runs the contract suite against stores made by open.
func Run(t *testing.T, open Open) {
	tests := []struct {
		name string
		test func(t *testing.T, open Open)
	}{
		{"TheStrategyReadsBackAsGiven", testReadsBack},
		{"AnEditIsSavedVersionedAndAudited", testEditSaved},
		{"AStaleVersionIsRefused", testStaleVersion},
		{"AllOrNothing", testAllOrNothing},
		{"RoleRules", testRoleRules},
		{"NewRowsGetIDsAndVersionOne", testNewRows},
		{"ValidationNamesTheField", testValidation},
		{"MissingRows", testMissingRows},
		{"DeletionCascadesAndIsAudited", testDelete},
		{"RowsInUseAreNotDeleted", testInUse},
		{"ACodeChangeReachesTheRowsThatUseIt", testRename},
		{"NilAndEmptyListsAreNoChange", testNilEmpty},
		{"Snapshots", testSnapshots},
		{"AuditFilter", testAuditFilter},
		{"AdoptionAndRevisions", testAdoption},
		{"AnUndoTakesItsRevisionBack", testTakeBack},
		{"PeriodsAndReturns", testPeriods},
		{"NarrativeLocking", testNarrative},
		{"VisibilityByRole", testVisibility},
		{"EveryPermission", testPermissions},
		{"NoCompletingInTheFuture", testCompletingInTheFuture},
		{"ADeletedRowIsGoneForTheRestOfTheTransaction", testDeleteThenSave},
		{"MeasureDeletionKeepsItsChildrenInTheLog", testMeasureDeletion},
		{"SnapshotNames", testSnapshotNames},
		{"EmailsAreUnique", testEmailsAreUnique},
		{"CheckPassesAfterAChangeOfEveryKind", testCheckAfterEverything},
		{"NotesAndReasonsInTwoLanguagesAndTheSubmitter", testTwoLanguages},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { tt.test(t, open) })
	}
}

func testReadsBack(t *testing.T, open Open) {
	s := open(t, newDoc())
	d, err := s.Doc(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(encode(t, d), encode(t, newDoc())) {
		t.Error("the strategy read back differs from the one stored")
	}
	for _, m := range d.Measures {
		if m.Version < 1 {
			t.Fatalf("measure %s has version %d, want ≥ 1", m.Code, m.Version)
		}
	}
	if s.ReadOnly() {
		t.Error("a new store is read-only")
	}
}

func testEditSaved(t *testing.T, open Open) {
	f := setUp(t, open)
	before := len(f.audit())
	m := *f.own
	m.Title.EN = "A new title"
	m.PlannedCents += 100
	f.mustUpdate(f.office, func(tx model.Tx) error { return tx.SaveMeasure(&m) })
	if m.Version != f.own.Version+1 {
		t.Errorf("version after the save = %d, want %d", m.Version, f.own.Version+1)
	}
	got := f.doc().Measure(m.ID)
	if got.Title.EN != "A new title" || got.PlannedCents != m.PlannedCents || got.Version != m.Version {
		t.Errorf("read back: %q %d v%d", got.Title.EN, got.PlannedCents, got.Version)
	}
	if len(got.Milestones) != len(f.own.Milestones) {
		t.Errorf("saving a measure changed its milestones: %d, want %d", len(got.Milestones), len(f.own.Milestones))
	}
	added := f.audit()[before:]
	var fields []string
	for _, e := range added {
		if e.Action != model.ActionUpdate || e.Entity != model.EntityMeasure || e.EntityID != m.ID || e.User != model.UserLabel(f.office) {
			t.Errorf("audit entry %+v does not name the change and who made it", e)
		}
		fields = append(fields, e.Field)
	}
	slices.Sort(fields)
	if !slices.Equal(fields, []string{"plannedCents", "title"}) {
		t.Errorf("audited fields %v, want plannedCents and title", fields)
	}
	// Saving the same values again changes nothing.
	entries := len(f.audit())
	f.mustUpdate(f.office, func(tx model.Tx) error { return tx.SaveMeasure(&m) })
	if len(f.audit()) != entries || f.doc().Measure(m.ID).Version != m.Version {
		t.Error("saving unchanged values wrote something")
	}
}

func testStaleVersion(t *testing.T, open Open) {
	f := setUp(t, open)
	ms := f.own.Milestones[0]
	first := ms
	first.Note = "first"
	f.mustUpdate(f.office, func(tx model.Tx) error { return tx.SaveMilestone(&first) })
	before, entries := encode(t, f.doc()), len(f.audit())
	ms.Note = "second, from an old copy"
	err := f.update(f.office, func(tx model.Tx) error { return tx.SaveMilestone(&ms) })
	wantError(t, err, model.ECONFLICT, "", "")
	f.unchanged(before, entries)
}

func testAllOrNothing(t *testing.T, open Open) {
	f := setUp(t, open)
	before, entries := encode(t, f.doc()), len(f.audit())
	boom := errors.New("boom")
	err := f.update(f.office, func(tx model.Tx) error {
		ms := f.own.Milestones[0]
		ms.Note = "kept only if all goes well"
		if err := tx.SaveMilestone(&ms); err != nil {
			return err
		}
		g := model.Goal{Code: "G99", Title: model.T("Цел", "Goal")}
		if err := tx.SaveGoal(&g); err != nil {
			return err
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("Update = %v, want fn's error", err)
	}
	f.unchanged(before, entries)
	// A refused save inside the transaction undoes the ones before it.
	err = f.update(f.office, func(tx model.Tx) error {
		ms := f.own.Milestones[0]
		ms.Note = "kept?"
		if err := tx.SaveMilestone(&ms); err != nil {
			return err
		}
		bad := *f.other
		bad.Weight = 0
		return tx.SaveMeasure(&bad)
	})
	wantError(t, err, model.EINVALID, "", "weight")
	f.unchanged(before, entries)
}

func testRoleRules(t *testing.T, open Open) {
	f := setUp(t, open)
	done := model.GeneratedAsOf
	tests := []struct {
		name   string
		actor  *model.Person
		fn     func(tx model.Tx) error
		reason model.Reason // "" allowed
	}{
		{"a coordinator completes a milestone of their measure", f.coord, func(tx model.Tx) error {
			ms := f.own.Milestones[0]
			ms.Completed, ms.Note = done, "done"
			return tx.SaveMilestone(&ms)
		}, ""},
		{"a coordinator sets the manual progress of their measure", f.coord, func(tx model.Tx) error {
			m := *tx.Doc().Measure(f.own.ID)
			m.ManualProgress = 55
			return tx.SaveMeasure(&m)
		}, ""},
		{"a coordinator writes an update in their own name", f.coord, func(tx model.Tx) error {
			u := model.Update{MeasureID: f.own.ID, Date: done, Author: model.Ref(f.coord.ID), Text: model.T("Напредък", "Progress")}
			return tx.SaveUpdate(&u)
		}, ""},
		{"a coordinator completes another unit's milestone", f.coord, func(tx model.Tx) error {
			ms := f.other.Milestones[0]
			ms.Completed = done
			return tx.SaveMilestone(&ms)
		}, model.ReasonNotTheirMeasure},
		{"a coordinator moves a due date", f.coord, func(tx model.Tx) error {
			ms := f.own.Milestones[1]
			ms.Due = ms.Due.AddDays(30)
			return tx.SaveMilestone(&ms)
		}, model.ReasonCoordinatorOnly},
		{"a coordinator renames a goal", f.coord, func(tx model.Tx) error {
			g := tx.Doc().Goals[0]
			g.Title.EN = "Renamed"
			return tx.SaveGoal(&g)
		}, model.ReasonCoordinatorOnly},
		{"a coordinator writes an update in someone else's name", f.coord, func(tx model.Tx) error {
			u := model.Update{MeasureID: f.own.ID, Date: done, Author: model.Ref(f.office.ID), Text: model.T("Напредък", "Progress")}
			return tx.SaveUpdate(&u)
		}, model.ReasonOwnNameOnly},
		{"a council member changes a note", f.council, func(tx model.Tx) error {
			ms := f.own.Milestones[0]
			ms.Note = "council"
			return tx.SaveMilestone(&ms)
		}, model.ReasonCouncil},
		{"the office moves a due date", f.office, func(tx model.Tx) error {
			ms := f.other.Milestones[1]
			ms.Due = ms.Due.AddDays(30)
			return tx.SaveMilestone(&ms)
		}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f.t = t
			before, entries := encode(t, f.doc()), len(f.audit())
			err := f.update(tt.actor, tt.fn)
			if tt.reason == "" {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				if len(f.audit()) == entries {
					t.Error("an allowed change left no audit entry")
				}
				return
			}
			wantError(t, err, model.EFORBIDDEN, tt.reason, "")
			f.unchanged(before, entries)
		})
	}
	t.Run("a coordinator changes who wrote an update", func(t *testing.T) {
		f.t = t
		var u model.Update
		for _, x := range f.doc().Measure(f.own.ID).Updates {
			if x.Author == model.Ref(f.coord.ID) {
				u = x
			}
		}
		if u.ID == 0 {
			t.Fatal("the coordinator's update of the earlier subtest is missing")
		}
		before, entries := encode(t, f.doc()), len(f.audit())
		u.Author = model.Ref(f.office.ID)
		wantError(t, f.update(f.coord, func(tx model.Tx) error { return tx.SaveUpdate(&u) }), model.EFORBIDDEN, model.ReasonAuthorFixed, "")
		f.unchanged(before, entries)
	})
	t.Run("nobody", func(t *testing.T) {
		err := f.s.Update(ctx, 1<<40, model.ActionUpdate, "", func(model.Tx) error { return nil })
		wantError(t, err, model.EFORBIDDEN, model.ReasonNoActor, "")
	})
}

func testNewRows(t *testing.T, open Open) {
	f := setUp(t, open)
	d := f.doc()
	m := model.Measure{Code: "9.1", Area: d.Areas[0].Code, LeadUnit: d.Units[0].Code, Goals: []string{d.Goals[0].Code},
		Title: model.T("Нова мярка", "New measure"), Start: model.NewDate(2026, 1, 1), End: model.NewDate(2027, 1, 1), Weight: 1}
	var ms model.Milestone
	var k model.KPI
	var v model.KPIValue
	var u model.Update
	f.mustUpdate(f.office, func(tx model.Tx) error {
		if err := tx.SaveMeasure(&m); err != nil {
			return err
		}
		ms = model.Milestone{MeasureID: m.ID, Title: model.T("Етап", "Step"), Due: model.NewDate(2026, 6, 30), Weight: 1}
		if err := tx.SaveMilestone(&ms); err != nil {
			return err
		}
		k = model.KPI{MeasureID: m.ID, Name: model.T("Показател", "Indicator"), Kind: model.KPIOutput,
			BaselineDate: model.NewDate(2026, 1, 1), TargetValue: 10, TargetDate: model.NewDate(2027, 1, 1)}
		if err := tx.SaveKPI(&k); err != nil {
			return err
		}
		v = model.KPIValue{KPIID: k.ID, Date: model.NewDate(2026, 3, 1), Value: 4}
		if err := tx.SaveKPIValue(&v); err != nil {
			return err
		}
		u = model.Update{MeasureID: m.ID, Date: model.NewDate(2026, 3, 2), Author: model.Ref(f.office.ID), Text: model.T("Начало", "Start")}
		return tx.SaveUpdate(&u)
	})
	ids := map[model.ID]bool{}
	for _, r := range []model.Row{&m, &ms, &k, &v, &u} {
		if r.RowID() <= 0 || r.RowVersion() != 1 {
			t.Errorf("new %s: id %d version %d, want an id and version 1", r.Entity(), r.RowID(), r.RowVersion())
		}
		ids[r.RowID()] = true
		got, _ := f.doc().FindRow(r.Entity(), r.RowID())
		if got == nil {
			t.Errorf("new %s %d is not in the strategy read back", r.Entity(), r.RowID())
		} else if got.RowVersion() != 1 {
			t.Errorf("new %s %d reads back at version %d", r.Entity(), r.RowID(), got.RowVersion())
		}
	}
	back := f.doc().Measure(m.ID)
	if len(back.Milestones) != 1 || len(back.KPIs) != 1 || len(back.KPIs[0].Values) != 1 || len(back.Updates) != 1 {
		t.Errorf("the new measure reads back with %d milestones, %d KPIs, %d updates", len(back.Milestones), len(back.KPIs), len(back.Updates))
	}
	creates := 0
	for _, e := range f.audit() {
		if e.Action == model.ActionCreate && ids[e.EntityID] {
			creates++
		}
	}
	if creates != 5 {
		t.Errorf("%d create entries in the audit log, want 5", creates)
	}
}

func testValidation(t *testing.T, open Open) {
	f := setUp(t, open)
	before, entries := encode(t, f.doc()), len(f.audit())
	m := *f.own
	m.Weight = 0
	wantError(t, f.update(f.office, func(tx model.Tx) error { return tx.SaveMeasure(&m) }), model.EINVALID, "", "weight")
	m = *f.own
	m.Area = "NO-SUCH-AREA"
	wantError(t, f.update(f.office, func(tx model.Tx) error { return tx.SaveMeasure(&m) }), model.EINVALID, "", "area")
	// One KPI value a day.
	var k *model.KPI
	d := f.doc()
	for i := range d.Measures {
		for j := range d.Measures[i].KPIs {
			if len(d.Measures[i].KPIs[j].Values) > 0 && k == nil {
				k = &d.Measures[i].KPIs[j]
			}
		}
	}
	if k == nil {
		t.Fatal("no KPI with values")
	}
	second := model.KPIValue{KPIID: k.ID, Date: k.Values[0].Date, Value: k.Values[0].Value + 1}
	wantError(t, f.update(f.office, func(tx model.Tx) error { return tx.SaveKPIValue(&second) }), model.EINVALID, "", "date")
	f.unchanged(before, entries)
}

func testMissingRows(t *testing.T, open Open) {
	f := setUp(t, open)
	const missing = 1 << 40
	ms := f.own.Milestones[0]
	ms.ID = missing
	wantError(t, f.update(f.office, func(tx model.Tx) error { return tx.SaveMilestone(&ms) }), model.ENOTFOUND, "", "")
	ms = model.Milestone{MeasureID: missing, Title: model.T("Етап", "Step"), Due: model.NewDate(2026, 6, 30), Weight: 1}
	wantError(t, f.update(f.office, func(tx model.Tx) error { return tx.SaveMilestone(&ms) }), model.ENOTFOUND, "", "")
	wantError(t, f.update(f.office, func(tx model.Tx) error { return tx.Delete(model.EntityUpdate, missing, 1) }), model.ENOTFOUND, "", "")
}

func testDelete(t *testing.T, open Open) {
	f := setUp(t, open)
	var k model.KPI
	for _, m := range f.doc().Measures {
		for _, x := range m.KPIs {
			if len(x.Values) > 0 && k.ID == 0 {
				k = x
			}
		}
	}
	if k.ID == 0 {
		t.Fatal("no KPI with values")
	}
	wantError(t, f.update(f.office, func(tx model.Tx) error { return tx.Delete(model.EntityKPI, k.ID, k.Version+1) }), model.ECONFLICT, "", "")
	before := len(f.audit())
	f.mustUpdate(f.office, func(tx model.Tx) error { return tx.Delete(model.EntityKPI, k.ID, k.Version) })
	if row, _ := f.doc().FindRow(model.EntityKPI, k.ID); row != nil {
		t.Error("the deleted KPI is still there")
	}
	for _, v := range k.Values {
		if row, _ := f.doc().FindRow(model.EntityKPIValue, v.ID); row != nil {
			t.Errorf("value %d of the deleted KPI is still there", v.ID)
		}
	}
	added := f.audit()[before:]
	if len(added) != len(k.Values)+1 {
		t.Fatalf("%d audit entries for deleting a KPI with %d values, want %d", len(added), len(k.Values), len(k.Values)+1)
	}
	for i, e := range added {
		want := model.EntityKPIValue
		if i == len(added)-1 {
			want = model.EntityKPI
		}
		if e.Action != model.ActionDelete || e.Entity != want || e.Old == "" {
			t.Errorf("audit entry %d: %s %s old %q, want the deletion of a %s with its values", i, e.Action, e.Entity, e.Old, want)
		}
	}
}

func testInUse(t *testing.T, open Open) {
	f := setUp(t, open)
	d := f.doc()
	a := d.Area(f.own.Area)
	before, entries := encode(t, d), len(f.audit())
	wantError(t, f.update(f.office, func(tx model.Tx) error { return tx.Delete(model.EntityArea, a.ID, a.Version) }), model.EINVALID, "", "")
	u := d.Unit(f.own.LeadUnit)
	wantError(t, f.update(f.office, func(tx model.Tx) error { return tx.Delete(model.EntityUnit, u.ID, u.Version) }), model.EINVALID, "", "")
	f.unchanged(before, entries)
}

func testRename(t *testing.T, open Open) {
	f := setUp(t, open)
	a := *f.doc().Area(f.own.Area)
	a.Code = "A-NEW"
	f.mustUpdate(f.office, func(tx model.Tx) error { return tx.SaveArea(&a) })
	if got := f.doc().Measure(f.own.ID).Area; got != "A-NEW" {
		t.Errorf("the measure's area after renaming it: %q", got)
	}
	// The renamed area is usable inside the same kind of transaction.
	m := *f.doc().Measure(f.own.ID)
	m.Title.EN = "Still in A-NEW"
	f.mustUpdate(f.office, func(tx model.Tx) error { return tx.SaveMeasure(&m) })
	g := model.Goal{Code: f.doc().Goals[1].Code, Title: model.T("Дубликат", "Duplicate")}
	wantError(t, f.update(f.office, func(tx model.Tx) error { return tx.SaveGoal(&g) }), model.EINVALID, "", "")
}

func testNilEmpty(t *testing.T, open Open) {
	f := setUp(t, open)
	m := *f.own
	if len(m.Partners) == 0 {
		m.Partners = nil
	}
	m.Funding = slices.Clip(m.Funding)
	if m.Partners != nil {
		// A measure with partners: empty them once, then compare nil with [].
		m.Partners = []string{}
		f.mustUpdate(f.office, func(tx model.Tx) error { return tx.SaveMeasure(&m) })
		m.Partners = nil
	}
	entries, version := len(f.audit()), m.Version
	f.mustUpdate(f.office, func(tx model.Tx) error { return tx.SaveMeasure(&m) })
	if len(f.audit()) != entries || f.doc().Measure(m.ID).Version != version {
		t.Error("saving nil for an empty list counted as a change")
	}
}

func testSnapshots(t *testing.T, open Open) {
	f := setUp(t, open)
	asOf := model.GeneratedAsOf
	sn, err := f.s.CreateSnapshot(ctx, f.office.ID, "Q4", asOf)
	if err != nil {
		t.Fatal(err)
	}
	want, sum, _ := model.EncodeFigures(model.ComputeSnapshotFigures(f.doc(), asOf))
	if sn.SHA256 != sum || !bytes.Equal(sn.Figures, want) || sn.CreatedBy != model.UserLabel(f.office) {
		t.Errorf("snapshot %s by %s does not hold the figures of the strategy", sn.SHA256, sn.CreatedBy)
	}
	// Frozen: a later change does not reach it.
	ms := f.own.Milestones[0]
	ms.Completed = asOf
	f.mustUpdate(f.office, func(tx model.Tx) error { return tx.SaveMilestone(&ms) })
	snaps := f.doc().Snapshots
	if len(snaps) != 1 || snaps[0].SHA256 != sum || model.FiguresSHA256(snaps[0].Figures) != sum {
		t.Errorf("the snapshot read back: %d snapshots, sum %v", len(snaps), snaps)
	}
	_, err = f.s.CreateSnapshot(ctx, f.office.ID, "Q4", asOf)
	wantError(t, err, model.EINVALID, "", "")
	_, err = f.s.CreateSnapshot(ctx, f.council.ID, "Q5", asOf)
	wantError(t, err, model.EFORBIDDEN, model.ReasonCouncil, "")
	_, err = f.s.CreateSnapshot(ctx, f.office.ID, "  ", asOf)
	wantError(t, err, model.EINVALID, "", "name")
}

func testAuditFilter(t *testing.T, open Open) {
	f := setUp(t, open)
	for i := 0; i < 3; i++ {
		ms := *mustMilestone(t, f.doc(), f.own.Milestones[0].ID)
		ms.Note = fmt.Sprintf("note %d", i)
		f.mustUpdate(f.office, func(tx model.Tx) error { return tx.SaveMilestone(&ms) })
	}
	id := f.own.Milestones[0].ID
	got, err := f.s.Audit(ctx, model.AuditFilter{Entity: model.EntityMilestone, EntityID: id})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 3 {
		t.Fatalf("%d entries for milestone %d, want 3", len(got), id)
	}
	for i, e := range got {
		if e.Entity != model.EntityMilestone || e.EntityID != id || !strings.Contains(e.New, fmt.Sprintf("note %d", i)) {
			t.Errorf("entry %d: %+v, want note %d, oldest first", i, e, i)
		}
	}
	latest, err := f.s.Audit(ctx, model.AuditFilter{Entity: model.EntityMilestone, EntityID: id, Limit: 2})
	if err != nil {
		t.Fatal(err)
	}
	if len(latest) != 2 || !strings.Contains(latest[0].New, "note 2") || !strings.Contains(latest[1].New, "note 1") {
		t.Errorf("Limit 2: %+v, want the two newest, newest first", latest)
	}
	byUser, _ := f.s.Audit(ctx, model.AuditFilter{User: f.office.Email})
	if len(byUser) < 3 {
		t.Errorf("filter by the office user's e-mail: %d entries, want ≥ 3", len(byUser))
	}
}

func mustMilestone(t *testing.T, d *model.Doc, id model.ID) *model.Milestone {
	t.Helper()
	ms, _ := d.MilestoneByID(id)
	if ms == nil {
		t.Fatalf("milestone %d is missing", id)
	}
	return ms
}
