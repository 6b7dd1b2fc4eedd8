package site

import "strategytracker/model"

func scrubText(t model.Text) model.Text { return model.Text{BG: scrub(t.BG), EN: scrub(t.EN)} }

// PublicDoc returns a copy of d holding only what may be published:
//   - no internal measure, KPI or update, no internal milestone note (in
//     either language);
//   - people only when the office marked them public, and then without
//     e-mail or phone; references to other people (the report's
//     submitter too) become "none";
//   - no snapshots (their authors are people; their figures cover internal
//     measures), no reporting periods (the office's working data);
//   - the adopted plan's revisions of what is published, without who made them;
//   - no e-mail address anywhere in a text.
//
// d is not changed. The site, the CSV files and the JSON export are all made
// from this copy, so that nothing else can leak.
func PublicDoc(d *model.Doc) *model.Doc {
	p := &model.Doc{Format: model.Format, Strategy: d.Strategy}
	st := &p.Strategy
	st.Title, st.ShortTitle, st.Vision, st.CouncilDecision = scrubText(st.Title), scrubText(st.ShortTitle), scrubText(st.Vision), scrubText(st.CouncilDecision)
	for _, g := range d.Goals {
		g.Title, g.Description = scrubText(g.Title), scrubText(g.Description)
		p.Goals = append(p.Goals, g)
	}
	for _, a := range d.Areas {
		a.Title, a.Description = scrubText(a.Title), scrubText(a.Description)
		p.Areas = append(p.Areas, a)
	}
	for _, u := range d.Units {
		u.Name = scrubText(u.Name)
		p.Units = append(p.Units, u)
	}
	public := map[model.ID]bool{}
	for _, person := range d.People {
		if !person.Public {
			continue
		}
		public[person.ID] = true
		p.People = append(p.People, model.Person{ID: person.ID, Name: scrubText(person.Name), Position: scrubText(person.Position),
			Unit: person.Unit, Role: person.Role, Public: true})
	}
	ref := func(r model.Ref) model.Ref {
		if public[model.ID(r)] {
			return r
		}
		return 0
	}
	st.Submitter = ref(st.Submitter)
	for i := range d.Measures {
		src := &d.Measures[i]
		if src.Internal {
			continue
		}
		m := *src
		m.Title, m.Description = scrubText(m.Title), scrubText(m.Description)
		m.Responsible = ref(m.Responsible)
		m.Goals = append([]string(nil), src.Goals...)
		m.Partners = append([]string(nil), src.Partners...)
		m.Funding = nil
		for _, f := range src.Funding {
			f.Name = scrubText(f.Name)
			m.Funding = append(m.Funding, f)
		}
		if src.Override != nil {
			m.Override = &model.Override{Status: src.Override.Status, Reason: scrub(src.Override.Reason), ReasonEn: scrub(src.Override.ReasonEn)}
		}
		m.Milestones = nil
		for _, ms := range src.Milestones {
			ms.Title = scrubText(ms.Title)
			ms.Responsible = ref(ms.Responsible)
			if ms.NoteInternal {
				ms.Note, ms.NoteEn, ms.NoteInternal = "", "", false
			}
			ms.Note, ms.NoteEn = scrub(ms.Note), scrub(ms.NoteEn)
			ms.Evidence = scrub(ms.Evidence)
			m.Milestones = append(m.Milestones, ms)
		}
		m.KPIs = nil
		for _, k := range src.KPIs {
			if k.Internal {
				continue
			}
			k.Name, k.Unit = scrubText(k.Name), scrubText(k.Unit)
			values := k.Values
			k.Values = nil
			for _, v := range values {
				v.Note, v.Source = scrub(v.Note), scrub(v.Source)
				k.Values = append(k.Values, v)
			}
			m.KPIs = append(m.KPIs, k)
		}
		m.Updates = nil
		for _, u := range src.Updates {
			if u.Internal {
				continue
			}
			u.Author = ref(u.Author)
			u.Text = scrubText(u.Text)
			m.Updates = append(m.Updates, u)
		}
		p.Measures = append(p.Measures, m)
	}
	p.Adoption, p.Revisions = publicRevisions(d, p)
	p.Tidy()
	return p
}
