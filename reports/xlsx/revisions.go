package xlsx

import (
	"fmt"

	"strategytracker/model"
)

// The revisions of the adopted plan (issue 11): one row per change of a
// measure's end date or planned budget, a milestone's due date or a KPI's
// target, with the value adopted beside the current one, who changed it,
// when and why. The sheet is written once the plan is adopted.

var (
	msgRevAdopted    = t("Планът е приет на %s (%s).", "The plan was adopted on %s (%s).")
	msgRevWhat       = t("Какво", "What")
	msgRevOriginal   = t("Прието", "Adopted")
	msgRevCurrent    = t("Сега", "Now")
	msgRevBy         = t("Променил", "Changed by")
	msgRevWhy        = t("Причина", "Reason")
	msgRevStatusNote = t("Статусът и напредъкът се изчисляват по текущите стойности; приетите са дадени за сравнение.",
		"Status and progress use the current values; the adopted ones are shown for comparison.")
)

// revisionSheet lists the revisions in the order they were made, once the
// plan is adopted.
func (wb *workbook) revisionSheet() error {
	lang, st, d := wb.lang, wb.st, wb.d
	g := st.grid()
	if a := d.Adoption; a != nil {
		g.addLoose(st.styled(st.bold, fmt.Sprintf(msgRevAdopted.In(lang), a.AdoptedOn.Display(lang), a.CouncilDecision.In(lang))))
	}
	// Notes run over the empty cells to their right, unwrapped: wrapped in
	// column A they printed as a vertical strip.
	g.addLoose(cell{Value: msgRevStatusNote.In(lang)})
	if len(d.Revisions) == 0 {
		g.addLoose(cell{Value: t("Няма промени в приетия план.", "The adopted plan has not been changed.").In(lang)})
	}
	g.capWidths(0, 40, 0, 0, 0, 0, 40)
	headRow := g.header(lang, msgMeasure, msgRevWhat, msgRevOriginal, msgRevCurrent, msgDate, msgRevBy, msgRevWhy)
	for _, r := range d.Revisions {
		m := d.Measure(r.MeasureID)
		if m == nil {
			continue
		}
		at := model.StampDate(r.At)
		what := model.RevisionFieldLabel(r.Entity, r.Field, lang)
		switch r.Entity {
		case model.EntityMilestone:
			if ms, _ := d.MilestoneByID(r.EntityID); ms != nil {
				what += " — " + ms.Title.In(lang)
			}
		case model.EntityKPI:
			if k, _ := d.KPIByID(r.EntityID); k != nil {
				what += " — " + k.Name.In(lang)
			}
		}
		g.add(st.str(m.Code), st.str(what),
			st.str(model.FormatRevisionValue(r.Field, r.Original, lang)), st.str(model.FormatRevisionValue(r.Field, r.Current, lang)),
			st.date(at), st.str(authorName(d, r.By, lang)), st.str(r.Reason.In(lang)))
	}
	return wb.dataSheet(sheetRevisions, g, headRow)
}

// authorName is the person's name in lang for an audit label "Name
// <email>"; the address is not shown.
func authorName(d *model.Doc, label string, lang model.Lang) string {
	name, email := model.SplitUserLabel(label)
	if email != "" {
		if p, err := d.FindPerson(email); err == nil {
			return p.Name.In(lang)
		}
	}
	return name
}
