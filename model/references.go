package model

import (
	"fmt"
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
	var refs []Reference
	add := func(kind string, items []string) {
		if len(items) > 0 {
			refs = append(refs, Reference{Kind: kind, Items: items})
		}
	}
	switch entity {
	case EntityGoal:
		code := d.codeOf(entity, id)
		var ms []string
		for _, m := range d.Measures {
			if containsString(m.Goals, code) {
				ms = append(ms, m.Code)
			}
		}
		add("goal", ms)
	case EntityArea:
		code := d.codeOf(entity, id)
		var ms []string
		for _, m := range d.Measures {
			if m.Area == code {
				ms = append(ms, m.Code)
			}
		}
		add("area", ms)
	case EntityUnit:
		code := d.codeOf(entity, id)
		var lead, partner, people []string
		for _, m := range d.Measures {
			if m.LeadUnit == code {
				lead = append(lead, m.Code)
			}
			if containsString(m.Partners, code) {
				partner = append(partner, m.Code)
			}
		}
		for _, p := range d.People {
			if p.Unit == code {
				people = append(people, p.Name.In(lang))
			}
		}
		add("leads", lead)
		add("partner", partner)
		add("member", people)
	case EntityPerson:
		var resp, milestones, updates []string
		for _, m := range d.Measures {
			if ID(m.Responsible) == id {
				resp = append(resp, m.Code)
			}
			for _, ms := range m.Milestones {
				if ID(ms.Responsible) == id {
					milestones = append(milestones, m.Code+": "+ms.Title.In(lang))
				}
			}
			for _, u := range m.Updates {
				if ID(u.Author) == id {
					updates = append(updates, m.Code+" "+u.Date.Format(lang))
				}
			}
		}
		add("responsible", resp)
		add("milestone", milestones)
		add("author", updates)
		if ID(d.Strategy.Submitter) == id {
			add("submitter", []string{d.Strategy.Title.In(BG)})
		}
		if d.onlyOffice(id) {
			// Not a reference, but as much a reason to keep the row.
			add("office", []string{d.Person(id).Name.In(lang)})
		}
	}
	return refs
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
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
// deleted. Goals, areas and units are named by id; the rows are saved
// through tx, so the change is checked and audited like any other.
func Reassign(tx Tx, entity Entity, from, to ID) error {
	d := tx.Doc()
	if from == to {
		return Errorf(EINVALID, "reassign: choose another %s", entity)
	}
	if entity == EntityPerson {
		if d.Person(from) == nil || d.Person(to) == nil {
			return Errorf(ENOTFOUND, "reassign: person %d or %d does not exist", from, to)
		}
		return reassignPerson(tx, from, to)
	}
	oldCode, newCode := d.codeOf(entity, from), d.codeOf(entity, to)
	if oldCode == "" || newCode == "" {
		return Errorf(ENOTFOUND, "reassign: %s %d or %d does not exist", entity, from, to)
	}
	if entity == EntityUnit {
		if err := moveMembers(tx, oldCode, newCode); err != nil {
			return err
		}
	}
	for _, id := range measureIDs(d) {
		m := *tx.Doc().Measure(id)
		if m.recode(entity, oldCode, newCode) {
			if err := tx.SaveMeasure(&m); err != nil {
				return err
			}
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

// measureIDs are the ids of d's measures, in order: what to walk while
// saving through a Tx, which replaces the rows of its Doc.
func measureIDs(d *Doc) []ID {
	ids := make([]ID, len(d.Measures))
	for i := range d.Measures {
		ids[i] = d.Measures[i].ID
	}
	return ids
}

// moveMembers moves the people of the unit oldCode into the unit newCode.
func moveMembers(tx Tx, oldCode, newCode string) error {
	d := tx.Doc()
	for i := range d.People {
		if d.People[i].Unit == oldCode {
			p := d.People[i]
			p.Unit = newCode
			if err := tx.SavePerson(&p); err != nil {
				return err
			}
		}
	}
	return nil
}

// recode replaces the goal, area or unit oldCode by newCode where m refers
// to it, and says whether it changed anything.
func (m *Measure) recode(entity Entity, oldCode, newCode string) bool {
	changed := false
	switch entity {
	case EntityGoal:
		m.Goals, changed = replaceCode(m.Goals, oldCode, newCode)
	case EntityArea:
		if m.Area == oldCode {
			m.Area, changed = newCode, true
		}
	case EntityUnit:
		if m.LeadUnit == oldCode {
			m.LeadUnit, changed = newCode, true
		}
		var partner bool
		m.Partners, partner = replaceCode(m.Partners, oldCode, newCode)
		changed = changed || partner
	}
	return changed
}

// replaceCode is a new list with oldCode replaced by newCode, once each,
// and whether it held oldCode.
func replaceCode(list []string, oldCode, newCode string) ([]string, bool) {
	out, changed := []string{}, false
	for _, x := range list {
		if x == oldCode {
			x, changed = newCode, true
		}
		if !containsString(out, x) {
			out = append(out, x)
		}
	}
	return out, changed
}

// reassignPerson makes to responsible for the measures and milestones,
// and the author of the updates, of from: a measure's milestones and
// updates first, then the measure.
func reassignPerson(tx Tx, from, to ID) error {
	if s := tx.Doc().Strategy; ID(s.Submitter) == from {
		s.Submitter = Ref(to)
		if err := tx.SaveStrategy(&s); err != nil {
			return err
		}
	}
	for _, id := range measureIDs(tx.Doc()) {
		stored := tx.Doc().Measure(id)
		m := *stored
		for _, ms := range stored.Milestones {
			if ID(ms.Responsible) == from {
				ms.Responsible = Ref(to)
				if err := tx.SaveMilestone(&ms); err != nil {
					return err
				}
			}
		}
		for _, u := range stored.Updates {
			if ID(u.Author) == from {
				u.Author = Ref(to)
				if err := tx.SaveUpdate(&u); err != nil {
					return err
				}
			}
		}
		if ID(m.Responsible) == from {
			m.Responsible = Ref(to)
			m.Version = tx.Doc().Measure(id).Version
			if err := tx.SaveMeasure(&m); err != nil {
				return err
			}
		}
	}
	return nil
}
