package app

import (
	"encoding/json"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"strategytracker/model"
)

// auditView writes audit entries for people: money as "1 200 000,00 €",
// dates as the language writes them, rows by their code or title instead
// of their ids, people by their name in the user's language, the loaded
// document summarised. doc is the document the rows are looked up in.
type auditView struct {
	doc  *model.Doc
	lang model.Lang
	// people by the label audit entries name them with ("Name <email>").
	people map[string]*model.Person
}

func newAuditView(doc *model.Doc, lang model.Lang) *auditView {
	v := &auditView{doc: doc, lang: lang, people: map[string]*model.Person{}}
	if doc != nil {
		for i := range doc.People {
			p := &doc.People[i]
			v.people[model.UserLabel(p)] = p
		}
	}
	return v
}

// line is one entry in two lines: when, who, what happened to which row;
// then the change.
func (v *auditView) line(e model.AuditEntry) string {
	head := v.when(e.At) + " · " + v.who(e.User) + " · " + tr("audit.action."+string(e.Action))
	if subj := v.subject(e); subj != "" {
		head += " " + subj
	}
	body := ""
	switch {
	case e.Action == model.ActionLoad:
		body = v.loadSummary(e.New)
	case e.Action == model.ActionImport:
		body = trf("audit.importfile", e.New)
	case e.Action == model.ActionSnapshot:
		body = v.snapshotSummary(e.New)
	case e.Entity == model.EntityRevision:
		body = v.revisionSummary(firstNonEmpty(e.New, e.Old))
	case e.Field != "":
		body = v.change(e.Field, e.Old, e.New)
	case e.New != "":
		body = v.rowSummary(e.New)
	case e.Old != "":
		body = v.rowSummary(e.Old)
	}
	if body == "" {
		return head
	}
	return head + "\n" + body
}

// when writes an audit time (UTC, AuditTimeLayout or any RFC 3339 time)
// as the local date and time.
func (v *auditView) when(at string) string {
	t, err := time.Parse(time.RFC3339, at)
	if err != nil {
		return at
	}
	t = t.Local()
	return model.FormatDateTime(t, v.lang)
}

// who names the person of an audit entry in the user's language.
func (v *auditView) who(user string) string {
	if p := v.people[user]; p != nil {
		return p.Name.In(v.lang)
	}
	if strings.HasPrefix(user, "strategytracker") {
		return tr("audit.program")
	}
	if name, _, ok := strings.Cut(user, " <"); ok {
		return name
	}
	return user
}

// subject names the row of an entry: "мярка 1.1", "етап „Анализ“ (мярка 1.1)".
func (v *auditView) subject(e model.AuditEntry) string {
	ent := entityName(e.Entity)
	if v.doc != nil {
		if name, ok := v.rowName(e, ent); ok {
			return name
		}
	}
	// A row deleted since: its name from the entry itself.
	for _, s := range []string{e.Old, e.New} {
		var row map[string]json.RawMessage
		if json.Unmarshal([]byte(s), &row) != nil {
			continue
		}
		for _, k := range []string{"code", "title", "name"} {
			if raw, ok := row[k]; ok {
				if t := v.value(k, string(raw)); t != "—" {
					if k == "code" {
						return ent + " " + t
					}
					return ent + " " + model.Quote(t, v.lang)
				}
			}
		}
	}
	if unnumbered[e.Entity] || e.EntityID == 0 {
		return ent
	}
	return ent + " №" + strconv.FormatInt(e.EntityID, 10)
}

// rowName names the row of an entry as the document holds it; false
// when the document no longer has it.
func (v *auditView) rowName(e model.AuditEntry, ent string) (string, bool) {
	switch e.Entity {
	case model.EntityMeasure:
		if m := v.doc.Measure(e.EntityID); m != nil {
			return ent + " " + m.Code, true
		}
	case model.EntityMilestone:
		if ms, m := v.doc.MilestoneByID(e.EntityID); ms != nil {
			return ent + " " + model.Quote(ms.Title.In(v.lang), v.lang) + " (" + entityName(model.EntityMeasure) + " " + m.Code + ")", true
		}
	case model.EntityKPI:
		if k, m := v.doc.KPIByID(e.EntityID); k != nil {
			return ent + " " + model.Quote(k.Name.In(v.lang), v.lang) + " (" + entityName(model.EntityMeasure) + " " + m.Code + ")", true
		}
	case model.EntityKPIValue:
		if kv, ok := findRow(v.doc, model.EntityKPIValue, e.EntityID).(*model.KPIValue); ok {
			if k, m := v.doc.KPIByID(kv.KPIID); k != nil {
				return trf("audit.kpivalue", k.Name.In(v.lang), kv.Date.Format(v.lang), m.Code), true
			}
		}
	case model.EntityUpdate:
		if up, ok := findRow(v.doc, model.EntityUpdate, e.EntityID).(*model.Update); ok {
			if m := v.doc.Measure(up.MeasureID); m != nil {
				return trf("audit.update", up.Date.Format(v.lang), m.Code), true
			}
		}
	case model.EntityPerson:
		if p := v.doc.Person(e.EntityID); p != nil {
			return ent + " " + p.Name.In(v.lang), true
		}
	case model.EntityGoal, model.EntityArea, model.EntityUnit:
		if r := findRow(v.doc, e.Entity, e.EntityID); r != nil {
			if c := codeOf(r); c != "" {
				return ent + " " + c, true
			}
		}
	case model.EntityPeriod:
		if p := v.doc.PeriodByID(e.EntityID); p != nil {
			return ent + " " + model.Quote(p.Name.In(v.lang), v.lang), true
		}
	case model.EntityStrategy, model.EntityRevision, model.EntityFile, model.EntitySnapshot:
		if e.Entity == model.EntityStrategy || e.Entity == model.EntityRevision {
			return ent, true // a revision's body names its row
		}
		return "", true // a snapshot: the action names it, its summary says which
	}
	return "", false
}

// unnumbered are the rows an entry names without their number: a
// snapshot (its summary names it) and the adoption (one a file).
var unnumbered = map[model.Entity]bool{model.EntitySnapshot: true, model.EntityAdoption: true}

// codeOf is the code of a goal, area or unit.
func codeOf(row any) string {
	switch r := row.(type) {
	case *model.Goal:
		return r.Code
	case *model.Area:
		return r.Code
	case *model.Unit:
		return r.Code + " · " + r.Name.In(currentLang())
	}
	return ""
}

// change writes a field's change "Field: old → new". Of a text in two
// languages it shows the language that changed, the user's first.
func (v *auditView) change(name, old, new string) string {
	label := fieldName(name)
	var a, b model.Text
	if strings.HasPrefix(old, `{"bg":`) && strings.HasPrefix(new, `{"bg":`) &&
		json.Unmarshal([]byte(old), &a) == nil && json.Unmarshal([]byte(new), &b) == nil {
		first, second := a.BG != b.BG, a.EN != b.EN
		if v.lang == model.EN {
			first, second = second, first
		}
		if !first && second {
			l := other(v.lang)
			x, y := a.BG, b.BG
			if l == model.EN {
				x, y = a.EN, b.EN
			}
			return label + " (" + strings.ToUpper(string(l)) + "): " + shorten(orDash(x)) + " → " + shorten(orDash(y))
		}
	}
	if name == "returns" || name == "narrative" {
		if added := v.periodAdded(name, old, new); added != "" {
			return label + ": " + shorten(added) // what is new, not the whole list twice
		}
	}
	return label + ": " + shorten(v.value(name, old)) + " → " + shorten(v.value(name, new))
}

func orDash(s string) string {
	if strings.TrimSpace(s) == "" {
		return "—"
	}
	return s
}

// value writes the canonical JSON s of field name as people read it.
func (v *auditView) value(name, s string) string {
	s = strings.TrimSpace(s)
	if s == "" || s == "null" || s == `""` || s == "[]" {
		return "—"
	}
	var x any
	if json.Unmarshal([]byte(s), &x) != nil {
		return s
	}
	switch val := x.(type) {
	case bool:
		if val {
			return tr("value.yes")
		}
		return tr("value.no")
	case float64:
		return v.numberValue(name, val)
	case string:
		return v.stringValue(name, val)
	case map[string]any:
		if t, ok := v.objectValue(s, val); ok {
			return t
		}
	case []any:
		return v.listValue(name, s, val)
	}
	return s
}

// numberValue writes a number: an amount in cents, a person's id, else
// the number.
func (v *auditView) numberValue(name string, val float64) string {
	switch {
	case strings.HasSuffix(name, "Cents"):
		return model.FormatEUR(int64(val), v.lang)
	case name == "responsible" || name == "author" || name == "submitter" || strings.HasSuffix(name, "By"):
		if v.doc != nil {
			if p := v.doc.Person(model.ID(val)); p != nil {
				return p.Name.In(v.lang)
			}
		}
		return "№" + strconv.FormatFloat(val, 'f', -1, 64)
	}
	return model.FormatValue(val, v.lang)
}

// stringValue writes a string: a date, a time, or a code named in words.
func (v *auditView) stringValue(name, val string) string {
	if d, err := model.ParseDate(val); err == nil && len(val) == 10 {
		return d.Format(v.lang)
	}
	if model.StampDate(val) != 0 {
		return v.when(val)
	}
	switch name {
	case "state":
		return tr("period.state." + val)
	case "area":
		if v.doc != nil {
			for _, a := range v.doc.Areas {
				if a.Code == val {
					return a.Code + " · " + a.Title.In(v.lang)
				}
			}
		}
	case "leadUnit", "unit":
		if v.doc != nil {
			if un := v.doc.Unit(val); un != nil {
				return un.Name.In(v.lang)
			}
		}
	case "kind":
		for _, key := range []string{"kpi.kind." + val, "unitkind." + val} {
			if t := tr(key); t != key {
				return t
			}
		}
	case "role":
		return roleName(model.Role(val))
	}
	return val
}

// objectValue writes a text in two languages or a manual status; false
// for another object.
func (v *auditView) objectValue(s string, val map[string]any) (string, bool) {
	if _, ok := val["bg"]; ok {
		var t model.Text
		if json.Unmarshal([]byte(s), &t) == nil {
			return t.In(v.lang), true
		}
	}
	if st, ok := val["status"].(string); ok {
		reason, _ := val["reason"].(string)
		return model.Status(st).Label(v.lang) + ": " + reason, true
	}
	return "", false
}

// listValue writes a list: a period's parts, strings, fundings.
func (v *auditView) listValue(name, s string, val []any) string {
	switch name {
	case "returns", "narrative", "reopened":
		return v.periodPart(name, s)
	}
	var parts []string
	for _, it := range val {
		switch y := it.(type) {
		case string:
			parts = append(parts, y)
		case map[string]any:
			b, _ := json.Marshal(y)
			var f model.Funding
			if json.Unmarshal(b, &f) == nil {
				parts = append(parts, f.Name.In(v.lang)+": "+model.FormatEUR(f.AmountCents, v.lang))
			}
		}
	}
	return strings.Join(parts, "; ")
}

// rowSummary writes a created or deleted row as "field: value; …",
// without its bookkeeping.
func (v *auditView) rowSummary(s string) string {
	var row map[string]json.RawMessage
	dec := json.NewDecoder(strings.NewReader(s))
	if dec.Decode(&row) != nil {
		return shorten(s)
	}
	// The canonical JSON keeps the fields in their order; read it again
	// for the order of the keys.
	var parts []string
	for _, k := range jsonKeys(s) {
		switch k {
		case "id", "version", "parent", "measureId", "kpiId", "by", "at": // who and when: the entry's head says it
			continue
		}
		val := v.value(k, string(row[k]))
		if val == "—" {
			continue
		}
		parts = append(parts, fieldName(k)+": "+val)
	}
	return shorten(strings.Join(parts, "; "))
}

// jsonKeys lists the keys of a JSON object in their order.
func jsonKeys(s string) []string {
	dec := json.NewDecoder(strings.NewReader(s))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return nil
	}
	var keys []string
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return keys
		}
		k, _ := t.(string)
		keys = append(keys, k)
		var skip json.RawMessage
		if dec.Decode(&skip) != nil {
			return keys
		}
	}
	return keys
}

// loadSummary tells what a loaded document held instead of its JSON.
func (v *auditView) loadSummary(s string) string {
	var rec model.LoadRecord
	if json.Unmarshal([]byte(s), &rec) != nil || rec.Doc == nil {
		return tr("audit.load.unreadable")
	}
	d := rec.Doc
	milestones := 0
	for _, m := range d.Measures {
		milestones += len(m.Milestones)
	}
	title := d.Strategy.ShortTitle.In(v.lang)
	if title == "" {
		title = d.Strategy.Title.In(v.lang)
	}
	return trf("audit.load.summary", title, plural(len(d.Measures), "count.measures"), plural(milestones, "count.milestones"),
		plural(len(d.People), "count.people"))
}

// snapshotSummary names a snapshot and its as-of date.
func (v *auditView) snapshotSummary(s string) string {
	var sn struct {
		Name string `json:"name"`
		AsOf string `json:"asOf"`
	}
	if json.Unmarshal([]byte(s), &sn) != nil {
		return shorten(s)
	}
	name := sn.Name
	if v.doc != nil {
		name = v.doc.SnapshotName(name, v.lang)
	}
	return model.Quote(name, v.lang) + " · " + tr("label.asof") + " " + v.value("asOf", strconv.Quote(sn.AsOf))
}

// plural writes n with the noun of key in its form for n: key+".one" for
// one, key for the other numbers ("1 мярка", "5 мерки").
func plural(n int, key string) string {
	return trn(key, n, n)
}

// trn is trf with the key's singular form (key+".one") when n is 1.
func trn(key string, n int, args ...any) string {
	return trf(model.CountedKey(key, n, func(k string) bool { return tr(k) != k }), args...)
}

func shorten(s string) string {
	if utf8.RuneCountInString(s) > 200 {
		r := []rune(s)
		return string(r[:197]) + "…"
	}
	return s
}
