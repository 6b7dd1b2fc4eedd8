package model

import (
	"fmt"
	"slices"
	"strings"
)

// Reference is one way rows refer to a goal, area, unit or person that
// someone wants to delete: "unit ИС leads 4 measures: 1.1, 1.5 …".
type Reference struct {
	Kind  string   // leads, partner, member, area, goal, responsible, milestone, author, submitter, office
	Items []string // measure codes, people's names, "1.2: milestone title"
}

// References lists what refers to the goal, area, unit or person with the
// given id; none means it can be deleted. Names, titles and dates are in
// Bulgarian (ReferencesIn for another language).
func (d *Doc) References(entity Entity, id ID) []Reference {
	return d.ReferencesIn(entity, id, BG)
}

// ReferencesIn is References with the people's names, the milestones'
// titles and the dates in lang: the items a screen in lang shows.
func (d *Doc) ReferencesIn(entity Entity, id ID, lang Lang) []Reference {
	items := map[string][]string{}
	for _, r := range d.refRows(entity, id, lang) {
		for _, k := range r.kinds {
			items[k] = append(items[k], r.item)
		}
	}
	var refs []Reference
	for _, k := range refKinds {
		if len(items[k]) > 0 {
			refs = append(refs, Reference{Kind: k, Items: items[k]})
		}
	}
	if entity == EntityPerson && d.onlyOffice(id) {
		// Not a reference (Reassign leaves the roles alone), but as much a
		// reason to keep the row.
		refs = append(refs, Reference{Kind: "office", Items: []string{d.Person(id).Name.In(lang)}})
	}
	return refs
}

// refKinds are the kinds of reference a row can make, in the order
// References lists them.
var refKinds = []string{"goal", "area", "leads", "partner", "member", "responsible", "milestone", "author", "submitter"}

// refSlot is one field of a row that refers to a goal, area or unit (by
// its code) or to a person (by id).
type refSlot struct {
	entity Entity
	kind   string
	code   *string
	person *Ref
}

// refRow is a copy of a row that refers to the goal, area, unit or person
// walked for: how References lists it (item, under each of its kinds),
// the fields of the copy that hold the reference, and how Reassign saves
// the copy once it has changed them.
type refRow struct {
	item  string
	kinds []string
	slots []refSlot
	save  func(tx Tx) error
}

// refRows is the one walk of the references to the goal, area, unit or
// person id: References lists these rows and Reassign changes their slots
// and saves them, so that the refusal of a delete names exactly what
// reassigning moves. They come in the order Reassign saves them: the
// strategy, the people, and each measure's milestones and updates before
// the measure.
func (d *Doc) refRows(entity Entity, id ID, lang Lang) []refRow {
	code := d.codeOf(entity, id)
	refers := func(s refSlot) bool {
		if s.entity != entity {
			return false
		}
		if s.person != nil {
			return ID(*s.person) == id
		}
		return code != "" && *s.code == code
	}
	var rows []refRow
	visit := func(item string, save func(Tx) error, slots ...refSlot) {
		r := refRow{item: item, save: save}
		for _, s := range slots {
			if refers(s) {
				r.slots = append(r.slots, s)
				if !slices.Contains(r.kinds, s.kind) {
					r.kinds = append(r.kinds, s.kind)
				}
			}
		}
		if len(r.slots) > 0 {
			rows = append(rows, r)
		}
	}
	st := d.Strategy
	visit(st.Title.In(BG), func(tx Tx) error { return tx.SaveStrategy(&st) }, refSlot{EntityPerson, "submitter", nil, &st.Submitter})
	for _, p := range d.People {
		visit(p.Name.In(lang), func(tx Tx) error { return tx.SavePerson(&p) }, refSlot{EntityUnit, "member", &p.Unit, nil})
	}
	for i := range d.Measures {
		stored := &d.Measures[i]
		for _, ms := range stored.Milestones {
			visit(stored.Code+": "+ms.Title.In(lang), func(tx Tx) error { return tx.SaveMilestone(&ms) }, refSlot{EntityPerson, "milestone", nil, &ms.Responsible})
		}
		for _, u := range stored.Updates {
			visit(stored.Code+" "+u.Date.Format(lang), func(tx Tx) error { return tx.SaveUpdate(&u) }, refSlot{EntityPerson, "author", nil, &u.Author})
		}
		m := *stored
		m.Goals, m.Partners = slices.Clone(m.Goals), slices.Clone(m.Partners)
		visit(m.Code, func(tx Tx) error {
			m.Goals, m.Partners = firstOfEach(m.Goals), firstOfEach(m.Partners)
			m.Version = tx.Doc().Measure(m.ID).Version // after the saves of its milestones and updates
			return tx.SaveMeasure(&m)
		}, m.refSlots()...)
	}
	return rows
}

// refSlots are the fields of m that refer to goals, areas, units and
// people.
func (m *Measure) refSlots() []refSlot {
	slots := []refSlot{{EntityArea, "area", &m.Area, nil}, {EntityUnit, "leads", &m.LeadUnit, nil}, {EntityPerson, "responsible", nil, &m.Responsible}}
	for i := range m.Goals {
		slots = append(slots, refSlot{EntityGoal, "goal", &m.Goals[i], nil})
	}
	for i := range m.Partners {
		slots = append(slots, refSlot{EntityUnit, "partner", &m.Partners[i], nil})
	}
	return slots
}

// firstOfEach is list with each code once, where it first occurs (a
// measure with both the old and the new partner keeps one).
func firstOfEach(list []string) []string {
	var out []string
	for k, x := range list {
		if slices.Contains(list[:k], x) {
			continue
		}
		out = append(out, x)
	}
	if len(out) == len(list) {
		return list
	}
	return out
}

// Text says in lang what one reference is, naming the row (e.g. "unit ИС").
func (r Reference) Text(name string, lang Lang) string {
	n := len(r.Items)
	list := strings.Join(r.Items[:min(n, 5)], ", ")
	if n > 5 {
		list += " …"
	}
	pl := func(singular, plural string) string { return Counted(n, singular, plural) }
	bg, en := "", ""
	switch r.Kind {
	case "leads":
		bg, en = "ръководи мерки (%d): %s", "leads %d "+pl("measure", "measures")+": %s"
	case "partner":
		bg, en = "е партньор по мерки (%d): %s", "is a partner of %d "+pl("measure", "measures")+": %s"
	case "member":
		bg, en = "има хора (%d): %s", "has %d "+pl("person", "people")+": %s"
	case "area":
		bg, en = "съдържа мерки (%d): %s", "holds %d "+pl("measure", "measures")+": %s"
	case "goal":
		bg, en = "се преследва от мерки (%d): %s", "is pursued by %d "+pl("measure", "measures")+": %s"
	case "responsible":
		bg, en = "отговаря за мерки (%d): %s", "is responsible for %d "+pl("measure", "measures")+": %s"
	case "milestone":
		bg, en = "отговаря за етапи (%d): %s", "is responsible for %d "+pl("milestone", "milestones")+": %s"
	case "author":
		bg, en = "е автор на актуализации (%d): %s", "wrote %d "+pl("update", "updates")+": %s"
	case "submitter":
		if lang == EN {
			return name + " submits the council report: choose another submitter in the strategy's header first"
		}
		return name + " е вносител на отчета към Съвета: изберете първо друг вносител в заглавната част на стратегията"
	case "office":
		if lang == EN {
			return name + " is the strategy's only office user: give another person the office role first"
		}
		return name + " е единственият потребител с роля „офис“: дайте първо тази роля на друг"
	}
	if lang == EN {
		return name + " " + fmt.Sprintf(en, n, list)
	}
	return name + " " + fmt.Sprintf(bg, n, list)
}

// ReferencesError is the refusal of a delete that is still referred to.
func ReferencesError(name string, refs []Reference) error {
	parts := make([]string, len(refs))
	for i, r := range refs {
		parts[i] = r.Text(name, EN)
	}
	return Errorf(EINVALID, "%s cannot be deleted while it is referred to: %s; reassign these first", name, strings.Join(parts, "; "))
}

// RowName names a goal, area, unit or person for messages: "unit ИС".
func (d *Doc) RowName(entity Entity, id ID, lang Lang) string {
	kind := map[Entity][2]string{EntityGoal: {"цел", "goal"}, EntityArea: {"област", "area"}, EntityUnit: {"звено", "unit"}, EntityPerson: {"лицето", "person"}}[entity]
	k := kind[0]
	if lang == EN {
		k = kind[1]
	}
	if entity == EntityPerson {
		if p := d.Person(id); p != nil {
			return k + " " + p.Name.In(lang)
		}
	} else if code := d.codeOf(entity, id); code != "" {
		return k + " " + code
	}
	return fmt.Sprintf("%s %d", k, id)
}

// Reassign moves every reference to the goal, area, unit or person from
// onto the one with id to (same entity), inside tx, so that from can then be
// deleted: the rows References lists (refRows). Goals, areas and units are
// named by id; the rows are saved through tx, so the change is checked and
// audited like any other.
func Reassign(tx Tx, entity Entity, from, to ID) error {
	d := tx.Doc()
	if from == to {
		return Errorf(EINVALID, "reassign: choose another %s", entity)
	}
	newCode := d.codeOf(entity, to)
	if entity == EntityPerson {
		if d.Person(from) == nil || d.Person(to) == nil {
			return Errorf(ENOTFOUND, "reassign: person %d or %d does not exist", from, to)
		}
	} else if d.codeOf(entity, from) == "" || newCode == "" {
		return Errorf(ENOTFOUND, "reassign: %s %d or %d does not exist", entity, from, to)
	}
	for _, r := range d.refRows(entity, from, BG) {
		for _, s := range r.slots {
			if s.person != nil {
				*s.person = Ref(to)
			} else {
				*s.code = newCode
			}
		}
		if err := r.save(tx); err != nil {
			return err
		}
	}
	return nil
}

// codeOf is the code of the goal, area or unit with the given id; "" when
// there is none (and for a person, who has no code).
func (d *Doc) codeOf(entity Entity, id ID) string {
	switch entity {
	case EntityGoal:
		for _, g := range d.Goals {
			if g.ID == id {
				return g.Code
			}
		}
	case EntityArea:
		for _, a := range d.Areas {
			if a.ID == id {
				return a.Code
			}
		}
	case EntityUnit:
		for _, u := range d.Units {
			if u.ID == id {
				return u.Code
			}
		}
	}
	return ""
}
