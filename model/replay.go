package model

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"strings"
)

// The audit log is complete: replaying it from the document that was
// loaded gives the data as it stands. Check uses that to find a change
// made outside the app that left no audit entry.

// LoadRecord is what the audit entry of a load holds: the loaded document.
type LoadRecord struct {
	SHA256 string `json:"sha256"`
	Doc    *Doc   `json:"doc"`
}

// AuditRow is the canonical JSON of a row created or deleted, with the id
// of the row it belongs to (a milestone's measure, a value's KPI) as
// "parent" so that the log alone can place it.
func AuditRow(row any, parent ID) string {
	s := RowJSON(row)
	if parent == 0 {
		return s
	}
	return fmt.Sprintf(`{"parent":%d,%s`, parent, s[1:])
}

// Replay applies the audit entries after the load (entries[0]) to the
// loaded document and returns the result.
func Replay(entries []AuditEntry) (*Doc, error) {
	if len(entries) == 0 || entries[0].Action != ActionLoad {
		return nil, Errorf(EINVALID, "the audit log does not begin with the load of the file")
	}
	var rec LoadRecord
	if err := json.Unmarshal([]byte(entries[0].New), &rec); err != nil || rec.Doc == nil {
		return nil, Errorf(EINVALID, "audit entry %d: the loaded document cannot be read", entries[0].Seq)
	}
	d := rec.Doc
	d.Tidy()
	// The file numbered goals, areas and units in this order when it was loaded.
	for i := range d.Goals {
		d.Goals[i].ID = ID(i + 1)
	}
	for i := range d.Areas {
		d.Areas[i].ID = ID(i + 1)
	}
	for i := range d.Units {
		d.Units[i].ID = ID(i + 1)
	}
	for _, e := range entries[1:] {
		if err := replayEntry(d, e); err != nil {
			return nil, Errorf(EINVALID, "audit entry %d (%s %s %d %s): %s", e.Seq, e.Action, e.Entity, e.EntityID, e.Field, ErrorMessage(err))
		}
	}
	d.Tidy()
	return d, nil
}

func replayEntry(d *Doc, e AuditEntry) error {
	switch e.Action {
	case ActionImport, ActionLoad:
		return nil
	case ActionSnapshot:
		var sn struct {
			Name   string `json:"name"`
			AsOf   Date   `json:"asOf"`
			SHA256 string `json:"sha256"`
		}
		if err := json.Unmarshal([]byte(e.New), &sn); err != nil {
			return err
		}
		d.Snapshots = append(d.Snapshots, Snapshot{ID: e.EntityID, Name: sn.Name, AsOf: sn.AsOf, SHA256: sn.SHA256})
		return nil
	case ActionCreate:
		if e.Entity == EntityAdoption || e.Entity == EntityRevision {
			return replayPlan(d, e)
		}
		return replayCreate(d, e)
	case ActionUpdate:
		row := findRow(d, e.Entity, e.EntityID)
		if row == nil {
			return fmt.Errorf("no such row")
		}
		return replaySet(d, e.Entity, row, e.Field, e.New)
	case ActionDelete:
		if e.Entity == EntityRevision {
			return replayPlan(d, e)
		}
		if !deleteRow(d, e.Entity, e.EntityID) {
			return fmt.Errorf("no such row")
		}
		return nil
	}
	return fmt.Errorf("unknown action")
}

func replayCreate(d *Doc, e AuditEntry) error {
	var parent struct {
		Parent ID `json:"parent"`
	}
	if err := json.Unmarshal([]byte(e.New), &parent); err != nil {
		return err
	}
	un := func(v any) error { return json.Unmarshal([]byte(e.New), v) }
	switch e.Entity {
	case EntityGoal:
		g := Goal{ID: e.EntityID}
		d.Goals = append(d.Goals, g)
		return un(&d.Goals[len(d.Goals)-1])
	case EntityArea:
		d.Areas = append(d.Areas, Area{ID: e.EntityID})
		return un(&d.Areas[len(d.Areas)-1])
	case EntityUnit:
		d.Units = append(d.Units, Unit{ID: e.EntityID})
		return un(&d.Units[len(d.Units)-1])
	case EntityPerson:
		d.People = append(d.People, Person{})
		return un(&d.People[len(d.People)-1])
	case EntityMeasure:
		d.Measures = append(d.Measures, Measure{})
		return un(&d.Measures[len(d.Measures)-1])
	case EntityMilestone, EntityKPI, EntityUpdate:
		m := d.Measure(parent.Parent)
		if m == nil {
			return fmt.Errorf("measure %d does not exist", parent.Parent)
		}
		switch e.Entity {
		case EntityMilestone:
			m.Milestones = append(m.Milestones, Milestone{MeasureID: m.ID})
			return un(&m.Milestones[len(m.Milestones)-1])
		case EntityKPI:
			m.KPIs = append(m.KPIs, KPI{MeasureID: m.ID})
			return un(&m.KPIs[len(m.KPIs)-1])
		default:
			m.Updates = append(m.Updates, Update{MeasureID: m.ID})
			return un(&m.Updates[len(m.Updates)-1])
		}
	case EntityPeriod:
		d.Periods = append(d.Periods, Period{ID: e.EntityID})
		return un(&d.Periods[len(d.Periods)-1])
	case EntityKPIValue:
		k, _ := d.KPIByID(parent.Parent)
		if k == nil {
			return fmt.Errorf("KPI %d does not exist", parent.Parent)
		}
		k.Values = append(k.Values, KPIValue{KPIID: k.ID})
		return un(&k.Values[len(k.Values)-1])
	}
	return fmt.Errorf("cannot create %s rows", e.Entity)
}

// findRow returns a pointer to the row, or nil.
func findRow(d *Doc, entity Entity, id ID) any {
	switch entity {
	case EntityStrategy:
		return &d.Strategy
	case EntityPeriod:
		if p := d.PeriodByID(id); p != nil {
			return p
		}
	case EntityGoal:
		if i := slices.IndexFunc(d.Goals, func(x Goal) bool { return x.ID == id }); i >= 0 {
			return &d.Goals[i]
		}
	case EntityArea:
		if i := slices.IndexFunc(d.Areas, func(x Area) bool { return x.ID == id }); i >= 0 {
			return &d.Areas[i]
		}
	case EntityUnit:
		if i := slices.IndexFunc(d.Units, func(x Unit) bool { return x.ID == id }); i >= 0 {
			return &d.Units[i]
		}
	case EntityPerson:
		if p := d.Person(id); p != nil {
			return p
		}
	case EntityMeasure:
		if m := d.Measure(id); m != nil {
			return m
		}
	case EntityMilestone:
		if ms, _ := d.MilestoneByID(id); ms != nil {
			return ms
		}
	case EntityKPI:
		if k, _ := d.KPIByID(id); k != nil {
			return k
		}
	case EntityKPIValue:
		for i := range d.Measures {
			for j := range d.Measures[i].KPIs {
				k := &d.Measures[i].KPIs[j]
				if n := slices.IndexFunc(k.Values, func(x KPIValue) bool { return x.ID == id }); n >= 0 {
					return &k.Values[n]
				}
			}
		}
	case EntityUpdate:
		for i := range d.Measures {
			m := &d.Measures[i]
			if n := slices.IndexFunc(m.Updates, func(x Update) bool { return x.ID == id }); n >= 0 {
				return &m.Updates[n]
			}
		}
	}
	return nil
}

// replaySet sets the field with JSON name field of row, cascading code
// changes as the file's foreign keys do (ON UPDATE CASCADE).
func replaySet(d *Doc, entity Entity, row any, field, value string) error {
	before := FieldJSON(row, field)
	if err := SetField(row, field, value); err != nil {
		return err
	}
	old, new, renamed, err := renamedCode([]FieldChange{{Field: field, Old: before, New: value}})
	if renamed && old != "" {
		d.RenameCode(entity, old, new)
	}
	return err
}

// SetField sets the field of row (a pointer to a row) with the JSON name
// field to the canonical JSON value, as a Diff gives it: applying the
// changes of Diff(a, b) to a copy of a gives b's values.
func SetField(row any, field, value string) error {
	rv := reflect.ValueOf(row).Elem()
	t := rv.Type()
	for i := 0; i < t.NumField(); i++ {
		if name, ok := auditedField(t.Field(i)); !ok || name != field {
			continue
		}
		target := reflect.New(t.Field(i).Type)
		if err := json.Unmarshal([]byte(value), target.Interface()); err != nil {
			return err
		}
		rv.Field(i).Set(target.Elem())
		return nil
	}
	return fmt.Errorf("no field %q", field)
}

// FieldJSON is the canonical JSON of the field of row with the JSON name
// field, as Diff writes values; "" when there is no such field.
func FieldJSON(row any, field string) string {
	rv := reflect.Indirect(reflect.ValueOf(row))
	t := rv.Type()
	for i := 0; i < t.NumField(); i++ {
		if name, ok := auditedField(t.Field(i)); ok && name == field {
			b, _ := CanonicalJSON(emptyForNil(rv.Field(i)).Interface())
			return string(b)
		}
	}
	return ""
}

// RenameCode follows a goal's, area's or unit's change of code through
// the rows that refer to it, as the file's ON UPDATE CASCADE does.
func (d *Doc) RenameCode(entity Entity, old, new string) {
	replace := func(list []string) {
		for i := range list {
			if list[i] == old {
				list[i] = new
			}
		}
	}
	for i := range d.Measures {
		m := &d.Measures[i]
		switch entity {
		case EntityArea:
			if m.Area == old {
				m.Area = new
			}
		case EntityUnit:
			if m.LeadUnit == old {
				m.LeadUnit = new
			}
			replace(m.Partners)
		case EntityGoal:
			replace(m.Goals)
		}
	}
	d.renamePeriodCodes(entity, old, new)
	if entity == EntityUnit {
		for i := range d.People {
			if d.People[i].Unit == old {
				d.People[i].Unit = new
			}
		}
	}
}

func deleteRow(d *Doc, entity Entity, id ID) bool {
	del := func(n int, remove func(int)) bool {
		if n < 0 {
			return false
		}
		remove(n)
		return true
	}
	switch entity {
	case EntityGoal:
		return del(slices.IndexFunc(d.Goals, func(x Goal) bool { return x.ID == id }), func(n int) { d.Goals = slices.Delete(d.Goals, n, n+1) })
	case EntityArea:
		return del(slices.IndexFunc(d.Areas, func(x Area) bool { return x.ID == id }), func(n int) { d.Areas = slices.Delete(d.Areas, n, n+1) })
	case EntityUnit:
		return del(slices.IndexFunc(d.Units, func(x Unit) bool { return x.ID == id }), func(n int) { d.Units = slices.Delete(d.Units, n, n+1) })
	case EntityPerson:
		return del(slices.IndexFunc(d.People, func(x Person) bool { return x.ID == id }), func(n int) { d.People = slices.Delete(d.People, n, n+1) })
	case EntityMeasure:
		return del(slices.IndexFunc(d.Measures, func(x Measure) bool { return x.ID == id }), func(n int) { d.Measures = slices.Delete(d.Measures, n, n+1) })
	}
	for i := range d.Measures {
		m := &d.Measures[i]
		switch entity {
		case EntityMilestone:
			if del(slices.IndexFunc(m.Milestones, func(x Milestone) bool { return x.ID == id }), func(n int) { m.Milestones = slices.Delete(m.Milestones, n, n+1) }) {
				return true
			}
		case EntityKPI:
			if del(slices.IndexFunc(m.KPIs, func(x KPI) bool { return x.ID == id }), func(n int) { m.KPIs = slices.Delete(m.KPIs, n, n+1) }) {
				return true
			}
		case EntityUpdate:
			if del(slices.IndexFunc(m.Updates, func(x Update) bool { return x.ID == id }), func(n int) { m.Updates = slices.Delete(m.Updates, n, n+1) }) {
				return true
			}
		case EntityKPIValue:
			for j := range m.KPIs {
				k := &m.KPIs[j]
				if del(slices.IndexFunc(k.Values, func(x KPIValue) bool { return x.ID == id }), func(n int) { k.Values = slices.Delete(k.Values, n, n+1) }) {
					return true
				}
			}
		}
	}
	return false
}

// FirstDifference names the first row and field where got differs from
// want (the replayed log), or returns "" when they agree. Versions and
// snapshot figures (checked by their hash) are not compared.
func FirstDifference(want, got *Doc) string {
	if msg := diffRow("the strategy", &want.Strategy, &got.Strategy); msg != "" {
		return msg
	}
	key := func(code string) string { return code }
	if msg := diffLists("goal", want.Goals, got.Goals, func(g Goal) string { return key(g.Code) }); msg != "" {
		return msg
	}
	if msg := diffLists("area", want.Areas, got.Areas, func(a Area) string { return a.Code }); msg != "" {
		return msg
	}
	if msg := diffLists("unit", want.Units, got.Units, func(u Unit) string { return u.Code }); msg != "" {
		return msg
	}
	if msg := diffLists("person", want.People, got.People, func(p Person) string { return itoa(p.ID) }); msg != "" {
		return msg
	}
	if msg := diffLists("measure", want.Measures, got.Measures, func(m Measure) string { return m.Code }); msg != "" {
		return msg
	}
	for i := range want.Measures {
		w := &want.Measures[i]
		g := got.MeasureByCode(w.Code)
		what := fmt.Sprintf("measure %s", w.Code)
		if msg := diffLists(what+" milestone", w.Milestones, g.Milestones, func(x Milestone) string { return itoa(x.ID) }); msg != "" {
			return msg
		}
		if msg := diffLists(what+" KPI", w.KPIs, g.KPIs, func(x KPI) string { return itoa(x.ID) }); msg != "" {
			return msg
		}
		for j := range w.KPIs {
			k := &w.KPIs[j]
			gk, _ := got.KPIByID(k.ID)
			if msg := diffLists(fmt.Sprintf("%s KPI %d value", what, k.ID), k.Values, gk.Values, func(x KPIValue) string { return itoa(x.ID) }); msg != "" {
				return msg
			}
		}
		if msg := diffLists(what+" update", w.Updates, g.Updates, func(x Update) string { return itoa(x.ID) }); msg != "" {
			return msg
		}
	}
	if msg := diffPlan(want, got); msg != "" {
		return msg
	}
	if msg := diffLists("period", want.Periods, got.Periods, func(p Period) string { return itoa(p.ID) }); msg != "" {
		return msg
	}
	type snap struct {
		Name   string `json:"name"`
		AsOf   Date   `json:"asOf"`
		SHA256 string `json:"sha256"`
	}
	return diffLists("snapshot", mapSlice(want.Snapshots, func(s Snapshot) snap { return snap{s.Name, s.AsOf, s.SHA256} }),
		mapSlice(got.Snapshots, func(s Snapshot) snap { return snap{s.Name, s.AsOf, s.SHA256} }), func(s snap) string { return s.Name })
}

func mapSlice[T, U any](in []T, f func(T) U) []U {
	out := make([]U, len(in))
	for i := range in {
		out[i] = f(in[i])
	}
	return out
}

func diffLists[T any](kind string, want, got []T, key func(T) string) string {
	index := make(map[string]int, len(got))
	for i := range got {
		index[key(got[i])] = i
	}
	for i := range want {
		k := key(want[i])
		j, ok := index[k]
		if !ok {
			return fmt.Sprintf("%s %s is in the audit log but not in the data (deleted outside the app)", kind, k)
		}
		if msg := diffRow(kind+" "+k, &want[i], &got[j]); msg != "" {
			return msg
		}
		delete(index, k)
	}
	for i := range got {
		if _, extra := index[key(got[i])]; extra {
			return fmt.Sprintf("%s %s is in the data but not in the audit log (added outside the app)", kind, key(got[i]))
		}
	}
	return ""
}

func diffRow(what string, want, got any) string {
	for _, c := range Diff(want, got) {
		return fmt.Sprintf("%s: %s is %s in the data, but the audit log says %s (changed outside the app)", what, c.Field, shorten(c.New), shorten(c.Old))
	}
	return ""
}

func shorten(s string) string {
	if r := []rune(s); len(r) > 80 {
		return string(r[:80]) + "…"
	}
	return s
}

// LoadRecordJSON is the New of a load's audit entry.
func LoadRecordJSON(d *Doc) (string, error) {
	var buf bytes.Buffer
	if err := Encode(&buf, d); err != nil {
		return "", err
	}
	doc, err := CanonicalJSON(d)
	if err != nil {
		return "", err
	}
	return fmt.Sprintf(`{"sha256":%q,"doc":%s}`, FiguresSHA256(buf.Bytes()), strings.TrimSpace(string(doc))), nil
}
