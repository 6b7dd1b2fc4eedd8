package xlsx

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"strategytracker/model"
)

// Change is one row of an update workbook that changes the database: a
// milestone or a measure's manual progress changed, or a KPI value or a
// progress update added.
type Change struct {
	At
	Entity  model.Entity
	Op      model.Op // OpUpdate or OpCreate
	Measure string   // the code of the measure the row belongs to
	What    string   // the row, for people: `milestone 12 "Title"`
	Fields  []model.FieldChange

	lang      model.Lang // of the template: String's language
	version   int64      // of the row when planned: Apply refuses it if it moved since
	milestone *model.Milestone
	value     *model.KPIValue
	update    *model.Update
	progress  float64
}

// String is the change for -dry-run, in the template's language: SHEET!ROW:
// what: field old → new; … with the sheet's column names and the values
// as people write them (dates 17.11.2026, "—" for none).
func (c Change) String() string {
	lang := c.lang
	var parts []string
	for _, f := range c.Fields {
		name := c.fieldLabel(f.Field)
		if c.Op == model.OpCreate {
			parts = append(parts, name+" "+changeValue(f.New, lang))
		} else {
			parts = append(parts, name+" "+changeValue(f.Old, lang)+" → "+changeValue(f.New, lang))
		}
	}
	verb := t("промяна на", "change")
	if c.Op == model.OpCreate {
		verb = t("добавяне на", "add")
	}
	return fmt.Sprintf("%s!%d: %s %s%s: %s", c.Sheet, c.Row, verb.In(lang), c.What,
		fmt.Sprintf(t(" (мярка %s)", " of measure %s").In(lang), c.Measure), strings.Join(parts, "; "))
}

// fieldLabel is a changed field as the template's column names it.
func (c Change) fieldLabel(field string) string {
	key := field
	if field == "manualProgress" {
		key = "progress"
	}
	for _, s := range templateSheets {
		if s.name.In(c.lang) != c.Sheet {
			continue
		}
		for _, col := range s.cols {
			if col.key == key {
				l := []rune(col.label.In(c.lang))
				l[0] = unicode.ToLower(l[0])
				return string(l)
			}
		}
	}
	return field
}

// changeValue is a field's value (JSON) as people write it in lang.
func changeValue(raw string, lang model.Lang) string {
	v := model.RevisionValue(raw)
	switch {
	case v == "": // null or empty
		return "—"
	case raw == "true":
		return t("да", "yes").In(lang)
	case raw == "false":
		return t("не", "no").In(lang)
	}
	if d, err := model.ParseDate(v); err == nil && len(v) == 10 {
		return d.Display(lang)
	}
	if n, err := strconv.ParseFloat(v, 64); err == nil && !strings.HasPrefix(raw, `"`) {
		return model.FormatNumber(n, -1, lang)
	}
	return quoteIn(lang, v)
}

// quoteIn quotes a text as lang does: "…" in English, „…“ in Bulgarian.
func quoteIn(lang model.Lang, s string) string {
	if lang == model.EN {
		return strconv.Quote(s)
	}
	return "„" + s + "“"
}

// Plan checks u against d as actor on today and returns the changes it
// would make, or every problem that refuses it (then no change may be
// applied). Rows whose values already equal the database's are skipped
// silently — importing the same file twice changes nothing the second
// time — as are KPI values and updates that are already there. A changed
// row is refused when: its id is unknown or was not in the template; the
// actor may not make the change (DESIGN.md §3); its row changed in the
// database since the template was made; the result fails validation.
func Plan(d *model.Doc, u *Update, actor *model.Person, databaseID string, today model.Date) ([]Change, []Problem) {
	if u.DatabaseID != databaseID {
		return nil, []Problem{{Sheet: metaSheet, Row: u.dbRow, Message: say(u.Lang, msgOtherDB, clip(u.DatabaseID), databaseID)}}
	}
	p := &planner{d: d, u: u, actor: actor, lang: u.Lang, today: today, problems: slices.Clone(u.problems)}
	for _, r := range distinct(p, u.Milestones) {
		p.milestone(r)
	}
	for _, r := range distinct(p, u.KPIValues) {
		p.kpiValue(r)
	}
	for _, r := range distinct(p, u.Updates) {
		p.newUpdate(r)
	}
	for _, r := range distinct(p, u.Progress) {
		p.manualProgress(r)
	}
	if len(p.problems) > 0 {
		sheetOrder := map[string]int{}
		for i, s := range templateSheets {
			sheetOrder[s.name.In(p.lang)] = i
		}
		slices.SortStableFunc(p.problems, func(a, b Problem) int {
			return cmp.Or(cmp.Compare(sheetOrder[a.Sheet], sheetOrder[b.Sheet]), strings.Compare(a.Sheet, b.Sheet), cmp.Compare(a.Row, b.Row))
		})
		return nil, p.problems
	}
	for i := range p.changes {
		p.changes[i].lang = p.lang
	}
	return p.changes, nil
}

type planner struct {
	d        *model.Doc
	u        *Update
	actor    *model.Person
	lang     model.Lang
	today    model.Date
	changes  []Change
	problems []Problem
}

func (p *planner) problem(at At, m model.Text, args ...any) {
	p.problems = append(p.problems, Problem{Sheet: at.Sheet, Row: at.Row, Message: say(p.lang, m, args...)})
}

// refused reports a model error (validation, permission) on the row at.
func (p *planner) refused(at At, err error) {
	p.problems = append(p.problems, Problem{Sheet: at.Sheet, Row: at.Row, Message: modelMessage(err, p.lang)})
}

func (a At) at() At { return a }

// distinct returns the rows of one sheet but those whose id appears on an
// earlier row, which it refuses: each row of the template may appear once.
func distinct[R interface{ at() At }](p *planner, rows []R) []R {
	first := map[model.ID]int{}
	out := make([]R, 0, len(rows))
	for _, r := range rows {
		at := r.at()
		if row, ok := first[at.ID]; ok {
			p.problem(at, msgRepeats, row, at.ID)
			continue
		}
		first[at.ID] = at.Row
		out = append(out, r)
	}
	return out
}

// templateVersion returns the version the template recorded for a row.
func (p *planner) templateVersion(at At, entity string, what string) (int64, bool) {
	v, ok := p.u.versions[versionKey{entity, at.ID}]
	if !ok {
		p.problem(at, msgNotInTemplate, what)
	}
	return v, ok
}

// allowed checks the permission, the version and validation of a change
// of an existing row; false when a problem was reported.
func (p *planner) allowed(at At, entity model.Entity, m *model.Measure, fields []string, stored, planned int64, validate func() error) bool {
	if err := model.Authorize(p.actor, entity, model.OpUpdate, m, fields); err != nil {
		p.refused(at, err)
		return false
	}
	if stored != planned {
		p.problem(at, msgStale, entityName(entity, p.lang), at.ID, stored, planned)
		return false
	}
	if err := validate(); err != nil {
		p.refused(at, err)
		return false
	}
	return true
}

func quote(s string) string { return strconv.Quote(s) }

func (p *planner) milestone(r MilestoneRow) {
	ms, m := p.d.MilestoneByID(r.ID)
	if ms == nil {
		p.problem(r.At, msgNoMilestone, r.ID)
		return
	}
	// what names the row in the template's language.
	what := say(p.lang, msgWhatMilestone, ms.ID, quoteIn(p.lang, ms.Title.In(p.lang)))
	planned, ok := p.templateVersion(r.At, versionMilestone, say(p.lang, msgWhatMilestone, ms.ID, quote(ms.Title.In(p.lang))))
	if !ok {
		return
	}
	next := *ms
	next.Completed, next.Cancelled, next.Note, next.Evidence = r.Completed, r.Cancelled, r.Note, r.Evidence
	if r.HasNoteEn {
		next.NoteEn = r.NoteEn
	}
	changes := model.Diff(ms, &next)
	if len(changes) == 0 {
		return // as in the database: nothing to do, even if the row moved on
	}
	if !p.allowed(r.At, model.EntityMilestone, m, model.Fields(changes), ms.Version, planned, func() error { return next.Validate(p.today) }) {
		return
	}
	p.changes = append(p.changes, Change{At: r.At, Entity: model.EntityMilestone, Op: model.OpUpdate, Measure: m.Code,
		What: what, Fields: changes, version: ms.Version, milestone: &next})
}

func (p *planner) manualProgress(r ProgressRow) {
	m := p.d.Measure(r.ID)
	if m == nil {
		p.problem(r.At, msgNoMeasure, r.ID)
		return
	}
	planned, ok := p.templateVersion(r.At, versionMeasure, say(p.lang, msgWhatMeasure, m.Code))
	if !ok {
		return
	}
	next := *m
	next.ManualProgress = r.Progress
	changes := model.Diff(m, &next)
	if len(changes) == 0 {
		return
	}
	if len(m.Milestones) > 0 {
		p.problem(r.At, msgHasMilestones, m.Code)
		return
	}
	if !p.allowed(r.At, model.EntityMeasure, m, model.Fields(changes), m.Version, planned, next.Validate) {
		return
	}
	p.changes = append(p.changes, Change{At: r.At, Entity: model.EntityMeasure, Op: model.OpUpdate, Measure: m.Code,
		What: t("ръчния напредък", "manual progress").In(p.lang), Fields: changes, version: m.Version, progress: r.Progress})
}

// created checks a new row; false after a problem.
func (p *planner) created(at At, entity model.Entity, m *model.Measure, validate func() error) bool {
	if err := model.Authorize(p.actor, entity, model.OpCreate, m, nil); err != nil {
		p.refused(at, err)
		return false
	}
	if err := validate(); err != nil {
		p.refused(at, err)
		return false
	}
	return true
}

// fields are the values of a new row for people: name, value, … pairs;
// empty values are left out.
func fields(pairs ...any) []model.FieldChange {
	var out []model.FieldChange
	for i := 0; i+1 < len(pairs); i += 2 {
		var v string
		switch x := pairs[i+1].(type) {
		case string:
			if x == "" {
				continue
			}
			v = quote(x)
		case model.Date: // a JSON string like every value of a change, which readers format (not a bare ISO date)
			v = quote(x.String())
		case float64:
			v = strconv.FormatFloat(x, 'f', -1, 64)
		}
		out = append(out, model.FieldChange{Field: pairs[i].(string), New: v})
	}
	return out
}

func (p *planner) kpiValue(r KPIValueRow) {
	k, m := p.d.KPIByID(r.ID)
	if k == nil {
		p.problem(r.At, msgNoKPI, r.ID)
		return
	}
	for _, v := range k.Values {
		if v.Date != r.Date {
			continue
		}
		if v.Value == r.Value {
			return // already imported
		}
		p.problem(r.At, msgOneValueADay, k.ID, quote(k.Name.In(p.lang)), r.Date.Display(p.lang), model.FormatNumber(v.Value, -1, p.lang), model.FormatNumber(r.Value, -1, p.lang))
		return
	}
	v := &model.KPIValue{KPIID: k.ID, Date: r.Date, Value: r.Value, Note: r.Note, Source: r.Source}
	if !p.created(r.At, model.EntityKPIValue, m, func() error { return v.Validate(k) }) {
		return
	}
	p.changes = append(p.changes, Change{At: r.At, Entity: model.EntityKPIValue, Op: model.OpCreate, Measure: m.Code,
		What:   fmt.Sprintf(t("стойност на показател %d %s", "a value of KPI %d %s").In(p.lang), k.ID, quoteIn(p.lang, k.Name.In(p.lang))),
		Fields: fields("date", v.Date, "value", v.Value, "note", v.Note, "source", v.Source), value: v})
}

func (p *planner) newUpdate(r UpdateRow) {
	m := p.d.Measure(r.ID)
	if m == nil {
		p.problem(r.At, msgNoMeasure, r.ID)
		return
	}
	for _, x := range m.Updates {
		if x.Date == r.Date && (x.Text.BG == r.Text || x.Text.EN == r.Text) {
			return // already imported
		}
	}
	text := model.Text{BG: r.Text}
	if p.lang == model.EN {
		text = model.Text{EN: r.Text}
	}
	up := &model.Update{MeasureID: m.ID, Date: r.Date, Text: text}
	if p.actor != nil {
		up.Author = model.Ref(p.actor.ID)
	}
	if !p.created(r.At, model.EntityUpdate, m, up.Validate) {
		return
	}
	p.changes = append(p.changes, Change{At: r.At, Entity: model.EntityUpdate, Op: model.OpCreate, Measure: m.Code,
		What: t("актуализация", "a progress update").In(p.lang), Fields: fields("date", up.Date, "text", r.Text), update: up})
}

// Apply makes the planned changes in tx, each checked again by the store
// (version, permission, validation). A refusal names the row it came from.
// Run it inside one Store.Update with model.ActionImport, so that the
// import is one audited transaction that keeps all or nothing.
func Apply(tx model.Tx, changes []Change) error {
	for _, c := range changes {
		if err := apply(tx, c); err != nil {
			return Problems{{Sheet: c.Sheet, Row: c.Row, Message: model.ErrorMessage(err)}}
		}
	}
	return nil
}

func apply(tx model.Tx, c Change) error {
	d := tx.Doc()
	switch {
	case c.milestone != nil:
		cur, _ := d.MilestoneByID(c.ID)
		if cur == nil {
			return model.Errorf(model.ENOTFOUND, "milestone %d does not exist", c.ID)
		}
		next := *cur
		next.Version = c.version
		next.Completed, next.Cancelled, next.Note, next.NoteEn, next.Evidence = c.milestone.Completed, c.milestone.Cancelled, c.milestone.Note, c.milestone.NoteEn, c.milestone.Evidence
		return tx.SaveMilestone(&next)
	case c.value != nil:
		v := *c.value
		return tx.SaveKPIValue(&v)
	case c.update != nil:
		u := *c.update
		return tx.SaveUpdate(&u)
	case c.Entity == model.EntityMeasure:
		cur := d.Measure(c.ID)
		if cur == nil {
			return model.Errorf(model.ENOTFOUND, "measure %d does not exist", c.ID)
		}
		next := *cur
		next.Version = c.version
		next.ManualProgress = c.progress
		return tx.SaveMeasure(&next)
	}
	return model.Errorf(model.EINTERNAL, "%s!%d: nothing to apply", c.Sheet, c.Row)
}
