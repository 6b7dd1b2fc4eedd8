package site

import (
	"html/template"

	"strategytracker/model"
)

// Revisions of the adopted plan (DESIGN.md §1.1): a measure's end date and
// planned budget, its milestones' due dates and its KPIs' targets, each with
// its original value, the current one, when and why it changed.

// publicRevisions keeps the revisions of what p publishes, without who made
// them (an audit label may hold an e-mail address).
func publicRevisions(d, p *model.Doc) (*model.Adoption, []model.Revision) {
	if d.Adoption == nil {
		return nil, nil
	}
	a := *d.Adoption
	a.CouncilDecision, a.By = scrubText(a.CouncilDecision), ""
	measures := map[model.ID]*model.Measure{}
	kpis, milestones := map[model.ID]bool{}, map[model.ID]bool{}
	for i := range p.Measures {
		m := &p.Measures[i]
		measures[m.ID] = m
		for _, k := range m.KPIs {
			kpis[k.ID] = true
		}
		for _, ms := range m.Milestones {
			milestones[ms.ID] = true
		}
	}
	var out []model.Revision
	for _, r := range d.Revisions {
		if measures[r.MeasureID] == nil {
			continue
		}
		switch r.Entity {
		case model.EntityMeasure:
			if r.EntityID != r.MeasureID {
				continue
			}
		case model.EntityKPI:
			if !kpis[r.EntityID] {
				continue
			}
		case model.EntityMilestone:
			if !milestones[r.EntityID] {
				continue
			}
		default:
			continue
		}
		r.By = ""
		r.Reason = scrubText(r.Reason)
		r.Original, r.Previous, r.Current = scrub(r.Original), scrub(r.Previous), scrub(r.Current)
		out = append(out, r)
	}
	return &a, out
}

// revisionsOf returns the revisions of m and its milestones and KPIs, in the order made.
func (s *site) revisionsOf(m *model.Measure) []model.Revision {
	return s.revByMeasure[m.ID]
}

// revisions lists m's revisions as people read them.
func (s *site) revisions(m *model.Measure, lang model.Lang) []revisionRow {
	w := words[lang]
	var rows []revisionRow
	for _, r := range s.revisionsOf(m) {
		row := revisionRow{Original: model.FormatRevisionValue(r.Field, r.Original, lang), Current: model.FormatRevisionValue(r.Field, r.Current, lang),
			Reason: textHTML(r.Reason, lang)}
		if d := model.StampDate(r.At); d != 0 {
			row.At = d.Display(lang)
		}
		switch r.Entity {
		case model.EntityMeasure:
			row.Field = template.HTML(esc(w["rev."+r.Field]))
		case model.EntityMilestone:
			for _, ms := range m.Milestones {
				if ms.ID == r.EntityID {
					row.Field = template.HTML(esc(w["rev.milestone"]+" ")) + quote(textHTML(ms.Title, lang), lang) + template.HTML(esc(": "+w["rev.due"]))
				}
			}
		case model.EntityKPI:
			for _, k := range m.KPIs {
				if k.ID == r.EntityID {
					row.Field = template.HTML(esc(w["rev.kpi"]+" ")) + quote(textHTML(k.Name, lang), lang) + template.HTML(esc(": "+w["rev."+r.Field]))
				}
			}
		}
		if row.Field == "" {
			row.Field = template.HTML(esc(r.Field))
		}
		rows = append(rows, row)
	}
	return rows
}

// quote puts s in the quotation marks of lang.
func quote(s template.HTML, lang model.Lang) template.HTML {
	return template.HTML(model.Quote(string(s), lang))
}
