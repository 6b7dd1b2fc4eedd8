package storetest

import (
	"slices"
	"strings"
	"testing"
	"time"

	"strategytracker/model"
)

// The cases of DESIGN.md §1–§3 beyond reading and writing rows: the
// adopted plan and its revisions, the reporting cycle, the narrative's
// lock, visibility by role and every permission of §3. Each refusal is
// checked to leave the strategy and the audit log as they were.

// refused runs fn as actor and wants it refused with code (and reason,
// when given), leaving everything as it was.
func (f *fixture) refused(actor *model.Person, code string, reason model.Reason, fn func(model.Tx) error) {
	f.t.Helper()
	before, entries := encode(f.t, f.doc()), len(f.audit())
	wantError(f.t, f.update(actor, fn), code, reason, "")
	f.unchanged(before, entries)
}

// saveMeasure saves a copy of measure id as it stands in tx, changed by edit.
func saveMeasure(id model.ID, edit func(m *model.Measure)) func(model.Tx) error {
	return func(tx model.Tx) error {
		m := *tx.Doc().Measure(id)
		edit(&m)
		return tx.SaveMeasure(&m)
	}
}

// saveMilestone saves a copy of milestone id as it stands in tx, changed by edit.
func saveMilestone(id model.ID, edit func(ms *model.Milestone)) func(model.Tx) error {
	return func(tx model.Tx) error {
		ms, _ := tx.Doc().MilestoneByID(id)
		if ms == nil {
			return model.NotFound(model.EntityMilestone, id)
		}
		c := *ms
		edit(&c)
		return tx.SaveMilestone(&c)
	}
}

func testAdoption(t *testing.T, open Open) {
	f := setUp(t, open)
	id := f.own.ID
	// Before the plan is adopted, its dates change without a reason.
	f.mustUpdate(f.office, saveMeasure(id, func(m *model.Measure) { m.End = m.End.AddDays(10) }))
	if n := len(f.doc().Revisions); n != 0 {
		t.Errorf("%d revisions before the plan was adopted, want 0", n)
	}
	adopt := func(tx model.Tx) error {
		return tx.Adopt(&model.Adoption{AdoptedOn: model.NewDate(2020, 6, 11), CouncilDecision: model.T("Решение № 338", "Decision 338")})
	}
	f.refused(f.coord, model.EFORBIDDEN, model.ReasonCoordinatorOnly, adopt)
	f.mustUpdate(f.office, adopt)
	if a := f.doc().Adoption; a == nil || a.AdoptedOn != model.NewDate(2020, 6, 11) || a.By != model.UserLabel(f.office) || a.At == "" {
		t.Fatalf("adoption read back: %+v", a)
	}
	f.refused(f.office, model.ECONFLICT, "", adopt)

	// A change of an adopted value needs a reason.
	orig := f.doc().Measure(id).End
	first, second := orig.AddDays(30), orig.AddDays(60)
	before, entries := encode(t, f.doc()), len(f.audit())
	err := f.update(f.office, saveMeasure(id, func(m *model.Measure) { m.End = first }))
	wantError(t, err, model.EINVALID, "", "")
	if !strings.Contains(model.ErrorMessage(err), model.ReasonNeeded) {
		t.Errorf("refusal %q does not ask for a reason (%q)", model.ErrorMessage(err), model.ReasonNeeded)
	}
	f.unchanged(before, entries)
	// Other fields need none.
	f.mustUpdate(f.office, saveMeasure(id, func(m *model.Measure) { m.Title.EN = "Retitled after adoption" }))

	revise := func(reason string, edit func(tx model.Tx) error) {
		t.Helper()
		f.mustUpdate(f.office, func(tx model.Tx) error {
			tx.SetRevisionReason(model.T(reason, reason))
			return edit(tx)
		})
	}
	revise("Забава", saveMeasure(id, func(m *model.Measure) { m.End = first }))
	revise("Още забава", saveMeasure(id, func(m *model.Measure) { m.End = second }))
	revise("Отмяна", saveMeasure(id, func(m *model.Measure) { m.End = orig })) // undo: back to the original
	d := f.doc()
	if got := d.Measure(id).End; got != orig {
		t.Errorf("end after the undo = %s, want %s (the current value)", got, orig)
	}
	want := []model.Revision{
		{Field: "end", Original: orig.String(), Previous: orig.String(), Current: first.String(), Reason: model.T("Забава", "Забава")},
		{Field: "end", Original: orig.String(), Previous: first.String(), Current: second.String(), Reason: model.T("Още забава", "Още забава")},
		{Field: "end", Original: orig.String(), Previous: second.String(), Current: orig.String(), Reason: model.T("Отмяна", "Отмяна")},
	}
	got := d.MeasureRevisions(id)
	if len(got) != len(want) {
		t.Fatalf("%d revisions of measure %d, want %d: %+v", len(got), id, len(want), got)
	}
	for i, r := range got {
		w := want[i]
		if r.Entity != model.EntityMeasure || r.EntityID != id || r.MeasureID != id || r.Field != w.Field || r.Original != w.Original ||
			r.Previous != w.Previous || r.Current != w.Current || r.Reason != w.Reason || r.By != model.UserLabel(f.office) || r.ID == 0 || r.At == "" {
			t.Errorf("revision %d = %+v, want %+v (the original kept)", i, r, w)
		}
	}
	// A milestone's due date is part of the plan too, counted with its measure.
	ms := f.own.Milestones[0].ID
	f.refused(f.office, model.EINVALID, "", saveMilestone(ms, func(x *model.Milestone) { x.Due = x.Due.AddDays(7) }))
	revise("Нов срок", saveMilestone(ms, func(x *model.Milestone) { x.Due = x.Due.AddDays(7) }))
	if got := f.doc().MeasureRevisions(id); len(got) != 4 || got[3].Entity != model.EntityMilestone || got[3].EntityID != ms {
		t.Errorf("the milestone's revision: %+v", got)
	}
	revisionEntries := 0
	for _, e := range f.audit() {
		if e.Entity == model.EntityRevision && e.Action == model.ActionCreate {
			revisionEntries++
		}
	}
	if revisionEntries != 4 {
		t.Errorf("%d audit entries of revisions, want 4", revisionEntries)
	}
}

func testPeriods(t *testing.T, open Open) {
	f := setUp(t, open)
	now := time.Now()
	np := model.NewPeriod{Name: model.T("IV тримесечие 2026", "Q4 2026"), Start: model.NewDate(2026, 10, 1), End: model.NewDate(2026, 12, 31), Due: model.NewDate(2027, 1, 15)}
	openIt := func(np model.NewPeriod, actor *model.Person) func(model.Tx) error {
		return func(tx model.Tx) error { _, err := model.OpenReportingPeriod(tx, np, actor.ID, now); return err }
	}
	f.refused(f.coord, model.EFORBIDDEN, "", openIt(np, f.coord))
	entries := len(f.audit())
	f.mustUpdate(f.office, openIt(np, f.office))
	d := f.doc()
	if len(d.Periods) != 1 || d.Periods[0].ID == 0 || d.Periods[0].Version != 1 || d.Periods[0].State != model.PeriodOpen {
		t.Fatalf("periods after opening one: %+v", d.Periods)
	}
	p := d.Periods[0]
	if added := f.audit()[entries:]; len(added) != 1 || added[0].Entity != model.EntityPeriod || added[0].Action != model.ActionCreate || added[0].EntityID != p.ID {
		t.Errorf("audit of opening a period: %+v", added)
	}
	// One open period at a time, whoever writes it.
	f.refused(f.office, model.EINVALID, "", openIt(model.NewPeriod{Name: model.T("I 2027", "Q1 2027"), Start: model.NewDate(2027, 1, 1), End: model.NewDate(2027, 3, 31), Due: model.NewDate(2027, 4, 15)}, f.office))
	f.refused(f.office, model.EINVALID, "", func(tx model.Tx) error {
		second := p.Clone()
		second.ID, second.Version, second.Name = 0, 0, model.T("Друг", "Another")
		return tx.SavePeriod(&second)
	})
	// Returns: a coordinator records their own unit's, no other's.
	ret := func(unit string) func(model.Tx) error {
		return func(tx model.Tx) error {
			return model.RecordReturn(tx, model.Return{PeriodID: p.ID, Unit: unit, Changes: 2, FilledBy: "Иван"}, f.coord.ID, now)
		}
	}
	f.refused(f.coord, model.EFORBIDDEN, "", ret(f.other.LeadUnit))
	f.mustUpdate(f.coord, ret(f.coord.Unit))
	got := f.doc().PeriodByID(p.ID)
	if len(got.Returns) != 1 || got.Returns[0].Unit != f.coord.Unit || got.Returns[0].ReturnedBy != model.Ref(f.coord.ID) || got.Version != 2 {
		t.Errorf("the period after the return: version %d, returns %+v", got.Version, got.Returns)
	}
	// A stale period is refused.
	f.refused(f.office, model.ECONFLICT, "", func(tx model.Tx) error {
		stale := p.Clone()
		stale.Due = stale.Due.AddDays(1)
		return tx.SavePeriod(&stale)
	})
	// The council runs nothing.
	f.refused(f.council, model.EFORBIDDEN, model.ReasonCouncil, ret(f.council.Unit))
}

func testNarrative(t *testing.T, open Open) {
	f := setUp(t, open)
	now := time.Now()
	var pid model.ID
	f.mustUpdate(f.office, func(tx model.Tx) error {
		p, err := model.OpenReportingPeriod(tx, model.NewPeriod{Name: model.T("IV 2026", "Q4 2026"), Start: model.NewDate(2026, 10, 1),
			End: model.NewDate(2026, 12, 31), Due: model.NewDate(2027, 1, 15)}, f.office.ID, now)
		if p != nil {
			pid = p.ID
		}
		return err
	})
	propose := func(area string) func(model.Tx) error {
		return func(tx model.Tx) error {
			return model.RecordReturn(tx, model.Return{PeriodID: pid, Unit: f.coord.Unit,
				Proposals: []model.Narrative{{Area: area, Kind: model.NarrativeRisks, Text: model.T("Риск", "A risk")}}}, f.coord.ID, now)
		}
	}
	if foreign := foreignArea(f); foreign != "" {
		f.refused(f.coord, model.EFORBIDDEN, "", propose(foreign))
	}
	f.refused(f.coord, model.EFORBIDDEN, "", propose("")) // the whole strategy's text is the office's
	f.mustUpdate(f.coord, propose(f.own.Area))
	f.mustUpdate(f.office, func(tx model.Tx) error {
		_, err := model.SetNarrative(tx, "", model.NarrativeCommentary, model.T("Обща оценка", "Overall"), f.office.ID)
		return err
	})
	rewrite := func(text string) func(model.Tx) error {
		return func(tx model.Tx) error {
			p := tx.Doc().PeriodByID(pid).Clone()
			for i := range p.Narrative {
				p.Narrative[i].Text.EN = text
			}
			return tx.SavePeriod(&p)
		}
	}
	f.refused(f.coord, model.EFORBIDDEN, "", rewrite("a coordinator's rewrite"))
	if n := len(f.doc().PeriodByID(pid).Narrative); n != 2 {
		t.Fatalf("%d narrative texts, want the proposal and the office's", n)
	}
	f.mustUpdate(f.office, func(tx model.Tx) error { _, _, err := model.CloseReportingPeriod(tx, f.office.ID, now); return err })
	// Closed: the narrative is locked, for the office too.
	f.refused(f.office, model.EINVALID, "", rewrite("after closing"))
	f.mustUpdate(f.office, func(tx model.Tx) error {
		_, err := model.ReopenReportingPeriod(tx, "Корекция на текста", f.office.ID, now)
		return err
	})
	f.mustUpdate(f.office, rewrite("after reopening"))
	for _, n := range f.doc().PeriodByID(pid).Narrative {
		if n.Text.EN != "after reopening" {
			t.Errorf("narrative %d after reopening: %q", n.ID, n.Text.EN)
		}
	}
}

// foreignArea is an area none of whose measures the coordinator
// coordinates ("" when there is none).
func foreignArea(f *fixture) string {
	d := f.doc()
	for _, a := range d.Areas {
		mine := false
		for i := range d.Measures {
			if d.Measures[i].Area == a.Code && f.coord.Coordinates(&d.Measures[i]) {
				mine = true
			}
		}
		if !mine {
			return a.Code
		}
	}
	return ""
}

func testVisibility(t *testing.T, open Open) {
	f := setUp(t, open)
	done := model.GeneratedAsOf
	k := f.addKPI(f.own)
	ms := f.own.Milestones[0].ID
	// What is published is the office's decision: a coordinator marks nothing internal.
	internal := model.Update{MeasureID: f.own.ID, Date: done, Author: model.Ref(f.coord.ID), Text: model.T("Вътрешно", "Internal"), Internal: true}
	f.refused(f.coord, model.EFORBIDDEN, model.ReasonCoordinatorOnly, func(tx model.Tx) error { u := internal; return tx.SaveUpdate(&u) })
	public := internal
	public.Internal = false
	f.mustUpdate(f.coord, func(tx model.Tx) error { return tx.SaveUpdate(&public) })
	f.refused(f.coord, model.EFORBIDDEN, model.ReasonCoordinatorOnly, func(tx model.Tx) error { u := public; u.Internal = true; return tx.SaveUpdate(&u) })
	f.refused(f.coord, model.EFORBIDDEN, model.ReasonCoordinatorOnly, saveMilestone(ms, func(x *model.Milestone) { x.NoteInternal = true }))
	f.refused(f.coord, model.EFORBIDDEN, model.ReasonCoordinatorOnly, saveMeasure(f.own.ID, func(m *model.Measure) { m.Internal = true }))
	f.refused(f.coord, model.EFORBIDDEN, model.ReasonCoordinatorOnly, func(tx model.Tx) error {
		c, _ := tx.Doc().KPIByID(k)
		x := *c
		x.Internal = true
		return tx.SaveKPI(&x)
	})
	// The office marks each of them internal, and they read back so.
	officeInternal := internal
	officeInternal.Author = model.Ref(f.office.ID)
	f.mustUpdate(f.office, func(tx model.Tx) error {
		u := public
		u.Internal = true
		if err := tx.SaveUpdate(&u); err != nil {
			return err
		}
		if err := tx.SaveUpdate(&officeInternal); err != nil {
			return err
		}
		if err := saveMilestone(ms, func(x *model.Milestone) { x.NoteInternal = true })(tx); err != nil {
			return err
		}
		c, _ := tx.Doc().KPIByID(k)
		x := *c
		x.Internal = true
		if err := tx.SaveKPI(&x); err != nil {
			return err
		}
		return saveMeasure(f.own.ID, func(m *model.Measure) { m.Internal = true })(tx)
	})
	m := f.doc().Measure(f.own.ID)
	var flags []bool
	for _, u := range m.Updates {
		if u.ID == public.ID || u.ID == officeInternal.ID {
			flags = append(flags, u.Internal)
		}
	}
	msBack, _ := f.doc().MilestoneByID(ms)
	kBack, _ := f.doc().KPIByID(k)
	flags = append(flags, msBack.NoteInternal, kBack.Internal, m.Internal)
	if len(flags) != 5 || slices.Contains(flags, false) {
		t.Errorf("internal flags read back (updates, milestone note, KPI, measure): %v, want 5 × true", flags)
	}
}

// addKPI gives m a KPI (as the office) and returns its id.
func (f *fixture) addKPI(m *model.Measure) model.ID {
	f.t.Helper()
	k := model.KPI{MeasureID: m.ID, Name: model.T("Показател", "Indicator"), Kind: model.KPIOutput,
		BaselineDate: model.NewDate(2026, 1, 1), TargetValue: 10, TargetDate: model.NewDate(2027, 1, 1)}
	f.mustUpdate(f.office, func(tx model.Tx) error { return tx.SaveKPI(&k) })
	return k.ID
}

// testPermissions goes through DESIGN.md §3: the office changes
// everything; a coordinator changes milestones (completion, note,
// evidence, cancellation), KPI values, updates and the manual progress of
// the measures their unit leads or they are responsible for, nothing else;
// the council changes nothing.
func testPermissions(t *testing.T, open Open) {
	f := setUp(t, open)
	done := model.GeneratedAsOf
	own, other := f.own, f.other
	// A third measure, another unit's, that the coordinator is responsible for.
	var third *model.Measure
	for _, m := range f.doc().Measures {
		if m.ID != own.ID && m.ID != other.ID && m.LeadUnit != f.coord.Unit && !m.Cancelled && len(m.Milestones) > 0 {
			third = &m
			break
		}
	}
	if third == nil {
		t.Fatal("no third measure")
	}
	f.mustUpdate(f.office, saveMeasure(third.ID, func(m *model.Measure) { m.Responsible = model.Ref(f.coord.ID) }))
	ownKPI, otherKPI, thirdKPI := f.addKPI(own), f.addKPI(other), f.addKPI(third)
	ownMs, otherMs, thirdMs := own.Milestones[0].ID, other.Milestones[0].ID, third.Milestones[0].ID
	value := func(kpi model.ID, day int) func(model.Tx) error {
		return func(tx model.Tx) error {
			v := model.KPIValue{KPIID: kpi, Date: model.NewDate(2026, 2, day), Value: float64(day)}
			return tx.SaveKPIValue(&v)
		}
	}
	update := func(measure model.ID, author *model.Person) func(model.Tx) error {
		return func(tx model.Tx) error {
			u := model.Update{MeasureID: measure, Date: done, Author: model.Ref(author.ID), Text: model.T("Напредък", "Progress")}
			return tx.SaveUpdate(&u)
		}
	}
	deleteRow := func(entity model.Entity, id func(d *model.Doc) model.ID) func(model.Tx) error {
		return func(tx model.Tx) error {
			d := tx.Doc()
			row, _ := d.FindRow(entity, id(d))
			if row == nil {
				return model.NotFound(entity, id(d))
			}
			return tx.Delete(entity, row.RowID(), row.RowVersion())
		}
	}
	lastValue := func(kpi model.ID) func(d *model.Doc) model.ID {
		return func(d *model.Doc) model.ID {
			k, _ := d.KPIByID(kpi)
			return k.Values[len(k.Values)-1].ID
		}
	}
	const allowed model.Reason = "allowed"
	const noReason model.Reason = "" // refused; AuthorizePeriod gives no reason
	tests := []struct {
		name   string
		actor  *model.Person
		fn     func(model.Tx) error
		reason model.Reason
	}{
		{"coordinator completes a milestone", f.coord, saveMilestone(ownMs, func(x *model.Milestone) { x.Completed = done }), allowed},
		{"coordinator writes a note", f.coord, saveMilestone(ownMs, func(x *model.Milestone) { x.Note = "Готово" }), allowed},
		{"coordinator writes the English note", f.coord, saveMilestone(ownMs, func(x *model.Milestone) { x.NoteEn = "Done" }), allowed},
		{"coordinator writes the note in both languages", f.coord, saveMilestone(ownMs, func(x *model.Milestone) { x.Note, x.NoteEn = "Прието", "Accepted" }), allowed},
		{"coordinator gives evidence", f.coord, saveMilestone(ownMs, func(x *model.Milestone) { x.Evidence = "https://example.org/protocol" }), allowed},
		{"coordinator cancels a milestone", f.coord, saveMilestone(own.Milestones[1].ID, func(x *model.Milestone) { x.Cancelled = true }), allowed},
		{"coordinator adds a KPI value", f.coord, value(ownKPI, 10), allowed},
		{"coordinator corrects a KPI value", f.coord, func(tx model.Tx) error {
			k, _ := tx.Doc().KPIByID(ownKPI)
			v := k.Values[0]
			v.Value++
			return tx.SaveKPIValue(&v)
		}, allowed},
		{"coordinator deletes a KPI value", f.coord, deleteRow(model.EntityKPIValue, lastValue(ownKPI)), allowed},
		{"coordinator writes an update", f.coord, update(own.ID, f.coord), allowed},
		{"coordinator sets manual progress", f.coord, saveMeasure(own.ID, func(m *model.Measure) { m.ManualProgress = 40 }), allowed},
		{"coordinator completes a milestone of a measure they are responsible for", f.coord, saveMilestone(thirdMs, func(x *model.Milestone) { x.Note = "Отговорник" }), allowed},
		{"coordinator adds a value to a KPI of a measure they are responsible for", f.coord, value(thirdKPI, 13), allowed},

		{"coordinator moves a due date", f.coord, saveMilestone(ownMs, func(x *model.Milestone) { x.Due = x.Due.AddDays(1) }), model.ReasonCoordinatorOnly},
		{"coordinator retitles a milestone", f.coord, saveMilestone(ownMs, func(x *model.Milestone) { x.Title.EN = "New" }), model.ReasonCoordinatorOnly},
		{"coordinator reweighs a milestone", f.coord, saveMilestone(ownMs, func(x *model.Milestone) { x.Weight = 3 }), model.ReasonCoordinatorOnly},
		{"coordinator adds a milestone", f.coord, func(tx model.Tx) error {
			ms := model.Milestone{MeasureID: own.ID, Title: model.T("Етап", "Step"), Due: model.NewDate(2026, 6, 30), Weight: 1}
			return tx.SaveMilestone(&ms)
		}, model.ReasonCoordinatorOnly},
		{"coordinator deletes a milestone", f.coord, deleteRow(model.EntityMilestone, func(*model.Doc) model.ID { return own.Milestones[2].ID }), model.ReasonCoordinatorOnly},
		{"coordinator changes a KPI target", f.coord, func(tx model.Tx) error {
			k, _ := tx.Doc().KPIByID(ownKPI)
			x := *k
			x.TargetValue = 20
			return tx.SaveKPI(&x)
		}, model.ReasonCoordinatorOnly},
		{"coordinator adds a KPI", f.coord, func(tx model.Tx) error {
			k := model.KPI{MeasureID: own.ID, Name: model.T("Още", "More"), Kind: model.KPIOutput, BaselineDate: model.NewDate(2026, 1, 1), TargetValue: 5, TargetDate: model.NewDate(2027, 1, 1)}
			return tx.SaveKPI(&k)
		}, model.ReasonCoordinatorOnly},
		{"coordinator deletes a KPI", f.coord, deleteRow(model.EntityKPI, func(*model.Doc) model.ID { return ownKPI }), model.ReasonCoordinatorOnly},
		{"coordinator retitles their measure", f.coord, saveMeasure(own.ID, func(m *model.Measure) { m.Title.EN = "Mine" }), model.ReasonCoordinatorOnly},
		{"coordinator changes the planned budget", f.coord, saveMeasure(own.ID, func(m *model.Measure) { m.PlannedCents += 100 }), model.ReasonCoordinatorOnly},
		{"coordinator reports spending", f.coord, saveMeasure(own.ID, func(m *model.Measure) { m.SpentCents += 100 }), model.ReasonCoordinatorOnly},
		{"coordinator cancels their measure", f.coord, saveMeasure(own.ID, func(m *model.Measure) { m.Cancelled = true }), model.ReasonCoordinatorOnly},
		{"coordinator overrides the status", f.coord, saveMeasure(own.ID, func(m *model.Measure) {
			m.Override = &model.Override{Status: model.StatusOnTrack, Reason: "Мое мнение"}
		}), model.ReasonCoordinatorOnly},
		{"coordinator adds a measure", f.coord, func(tx model.Tx) error {
			m := *tx.Doc().Measure(own.ID)
			m.ID, m.Version, m.Code = 0, 0, "99.9"
			return tx.SaveMeasure(&m)
		}, model.ReasonCoordinatorOnly},
		{"coordinator deletes their measure", f.coord, deleteRow(model.EntityMeasure, func(*model.Doc) model.ID { return own.ID }), model.ReasonCoordinatorOnly},
		{"coordinator renames a goal", f.coord, func(tx model.Tx) error { g := tx.Doc().Goals[0]; g.Title.EN = "G"; return tx.SaveGoal(&g) }, model.ReasonCoordinatorOnly},
		{"coordinator renames an area", f.coord, func(tx model.Tx) error { a := tx.Doc().Areas[0]; a.Title.EN = "A"; return tx.SaveArea(&a) }, model.ReasonCoordinatorOnly},
		{"coordinator renames their unit", f.coord, func(tx model.Tx) error {
			u := *tx.Doc().Unit(f.coord.Unit)
			u.Name.EN = "U"
			return tx.SaveUnit(&u)
		}, model.ReasonCoordinatorOnly},
		{"coordinator changes their own phone", f.coord, func(tx model.Tx) error {
			p := *tx.Doc().Person(f.coord.ID)
			p.Phone = "+359 2 000 0000"
			return tx.SavePerson(&p)
		}, model.ReasonCoordinatorOnly},
		{"coordinator changes the strategy's title", f.coord, func(tx model.Tx) error {
			s := tx.Doc().Strategy
			s.Title.EN = "T"
			return tx.SaveStrategy(&s)
		}, model.ReasonCoordinatorOnly},
		{"coordinator writes a note of another unit's milestone", f.coord, saveMilestone(otherMs, func(x *model.Milestone) { x.Note = "не мое" }), model.ReasonNotTheirMeasure},
		{"coordinator writes the English note of another unit's milestone", f.coord, saveMilestone(otherMs, func(x *model.Milestone) { x.NoteEn = "not mine" }), model.ReasonNotTheirMeasure},
		{"coordinator changes the English reason of a status override", f.coord, saveMeasure(own.ID, func(m *model.Measure) {
			m.Override = &model.Override{Status: model.StatusOnTrack, Reason: "Мое", ReasonEn: "Mine"}
		}), model.ReasonCoordinatorOnly},
		{"coordinator names the report's submitter", f.coord, func(tx model.Tx) error {
			s := tx.Doc().Strategy
			s.Submitter = model.Ref(f.coord.ID)
			return tx.SaveStrategy(&s)
		}, model.ReasonCoordinatorOnly},
		{"coordinator adds a value to another unit's KPI", f.coord, value(otherKPI, 11), model.ReasonNotTheirMeasure},
		{"coordinator writes an update of another unit's measure", f.coord, update(other.ID, f.coord), model.ReasonNotTheirMeasure},
		{"coordinator sets another unit's manual progress", f.coord, saveMeasure(other.ID, func(m *model.Measure) { m.ManualProgress = 10 }), model.ReasonNotTheirMeasure},
		{"coordinator writes an update in the office's name", f.coord, update(own.ID, f.office), model.ReasonOwnNameOnly},
		{"coordinator opens a reporting period", f.coord, func(tx model.Tx) error {
			_, err := model.OpenReportingPeriod(tx, model.NewPeriod{Name: model.T("П", "P"), Start: model.NewDate(2026, 10, 1), End: model.NewDate(2026, 12, 31), Due: model.NewDate(2027, 1, 15)}, f.coord.ID, time.Now())
			return err
		}, noReason},

		{"council writes a note", f.council, saveMilestone(ownMs, func(x *model.Milestone) { x.Note = "съвет" }), model.ReasonCouncil},
		{"council writes the English note", f.council, saveMilestone(ownMs, func(x *model.Milestone) { x.NoteEn = "council" }), model.ReasonCouncil},
		{"council adds a KPI value", f.council, value(ownKPI, 12), model.ReasonCouncil},
		{"council writes an update", f.council, update(own.ID, f.council), model.ReasonCouncil},

		{"office retitles another unit's measure", f.office, saveMeasure(other.ID, func(m *model.Measure) { m.Title.EN = "Office" }), allowed},
		{"office moves a due date", f.office, saveMilestone(otherMs, func(x *model.Milestone) { x.Due = x.Due.AddDays(1) }), allowed},
		{"office changes a KPI target", f.office, func(tx model.Tx) error {
			k, _ := tx.Doc().KPIByID(otherKPI)
			x := *k
			x.TargetValue = 30
			return tx.SaveKPI(&x)
		}, allowed},
		{"office writes an update in a coordinator's name", f.office, update(other.ID, f.coord), allowed},
		{"office deletes a milestone", f.office, deleteRow(model.EntityMilestone, func(*model.Doc) model.ID { return other.Milestones[len(other.Milestones)-1].ID }), allowed},
		{"office renames a goal", f.office, func(tx model.Tx) error { g := tx.Doc().Goals[0]; g.Title.EN = "Office goal"; return tx.SaveGoal(&g) }, allowed},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f.t = t
			if tt.reason != allowed {
				f.refused(tt.actor, model.EFORBIDDEN, tt.reason, tt.fn)
				return
			}
			entries := len(f.audit())
			f.mustUpdate(tt.actor, tt.fn)
			if len(f.audit()) == entries {
				t.Error("an allowed change left no audit entry")
			}
		})
	}
	f.t = t
	_, err := f.s.CreateSnapshot(ctx, f.council.ID, "council", done)
	wantError(t, err, model.EFORBIDDEN, model.ReasonCouncil, "")
	_, err = f.s.CreateSnapshot(ctx, f.coord.ID, "coordinator", done)
	wantError(t, err, model.EFORBIDDEN, model.ReasonCoordinatorOnly, "")
}

// testCompletingInTheFuture: a milestone is not completed after the day
// of the change (DESIGN.md §1).
func testCompletingInTheFuture(t *testing.T, open Open) {
	f := setUp(t, open)
	future := model.DateOf(time.Now()).AddDays(400)
	before, entries := encode(t, f.doc()), len(f.audit())
	err := f.update(f.office, saveMilestone(f.own.Milestones[0].ID, func(x *model.Milestone) { x.Completed = future }))
	wantError(t, err, model.EINVALID, "", "completed")
	f.unchanged(before, entries)
}
