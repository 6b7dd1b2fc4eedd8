package pdf

import (
	"fmt"
	"strings"

	"strategytracker/model"
)

// The council report's inputs that the file holds beside the figures: the
// office's narrative of the reporting period and the revisions of the
// adopted plan. The CLI and the app fill Options from them the same way.

// NarrativeOf is the office's narrative of p for the report: only the
// texts the office wrote or accepted, not the coordinators' open
// proposals. Texts for the whole strategy go to the executive commentary
// (its other kinds as paragraphs after it, each named); an area's
// commentary comes first, without a label, then its other kinds. Nil when p is nil or has no accepted text.
func NarrativeOf(p *model.Period) *Narrative {
	if p == nil {
		return nil
	}
	n := &Narrative{PerArea: map[string]AreaNarrative{}}
	join := func(a, b model.Text) model.Text {
		j := func(x, y string) string {
			if strings.TrimSpace(x) == "" {
				return y
			}
			if strings.TrimSpace(y) == "" {
				return x
			}
			return x + "\n\n" + y
		}
		return model.Text{BG: j(a.BG, b.BG), EN: j(a.EN, b.EN)}
	}
	any := false
	for _, kind := range model.NarrativeKinds {
		for _, t := range p.Narrative {
			if t.Kind != kind || !t.Accepted() || t.Text.IsEmpty() {
				continue
			}
			any = true
			if t.Area == "" {
				text := t.Text
				if kind != model.NarrativeCommentary {
					if text.BG != "" {
						text.BG = kind.Label(model.BG) + ": " + text.BG
					}
					if text.EN != "" {
						text.EN = kind.Label(model.EN) + ": " + text.EN
					}
				}
				n.Executive = join(n.Executive, text)
				continue
			}
			a := n.PerArea[t.Area]
			switch kind {
			case model.NarrativeCommentary:
				a.Commentary = join(a.Commentary, t.Text)
			case model.NarrativeHighlights:
				a.Highlights = join(a.Highlights, t.Text)
			case model.NarrativeRisks:
				a.Risks = join(a.Risks, t.Text)
			case model.NarrativeActions:
				a.Actions = join(a.Actions, t.Text)
			case model.NarrativeDecisions:
				a.Decisions = join(a.Decisions, t.Text)
			}
			n.PerArea[t.Area] = a
		}
	}
	if !any {
		return nil
	}
	return n
}

// RevisionsOf lists the revisions of the adopted plan for the report, in
// the order they were made, with fields and values as people read them
// and the author by name (never an e-mail address).
func RevisionsOf(d *model.Doc, lang model.Lang) []Revision {
	var out []Revision
	for _, r := range d.Revisions {
		m := d.Measure(r.MeasureID)
		if m == nil {
			continue
		}
		rev := Revision{Measure: m.Code, Field: model.RevisionFieldLabel(r.Entity, r.Field, lang),
			Original: model.FormatRevisionValue(r.Field, r.Original, lang), Current: model.FormatRevisionValue(r.Field, r.Current, lang),
			By: authorRef(r.By), Reason: r.Reason}
		// Name what was revised: a measure has one end, but many milestones.
		var what model.Text
		switch r.Entity {
		case model.EntityMilestone:
			rev.Milestone = r.EntityID
			if ms, _ := d.MilestoneByID(r.EntityID); ms != nil {
				what = ms.Title
			}
		case model.EntityKPI:
			if k, _ := d.KPIByID(r.EntityID); k != nil {
				what = k.Name
			}
		}
		if t := what.In(lang); t != "" {
			q := "„%s“"
			if lang == model.EN {
				q = "“%s”"
			}
			rev.Field += " " + fmt.Sprintf(q, t)
		}
		rev.At = model.StampDate(r.At)
		out = append(out, rev)
	}
	return out
}

// authorRef is the e-mail of an audit label "Name <email>", which the
// report resolves to the person's name; a bare name stays.
func authorRef(label string) string {
	name, email := model.SplitUserLabel(label)
	if email != "" {
		return email
	}
	return name
}
