package cli

import (
	"fmt"
	"io"

	"strategytracker/model"
)

// writeSummaryText prints the summary for people.
func writeSummaryText(w io.Writer, d *model.Doc, s model.Summary, lang model.Lang) {
	bg := lang == model.BG
	pct := func(p model.Percent) string { return model.FormatPercent(float64(p), lang) }
	tr := func(b, e string) string {
		if bg {
			return b
		}
		return e
	}
	title := d.Strategy.Title.In(lang)
	if d.Strategy.Demo {
		title += tr(" [демонстрационни данни]", " [demonstration data]")
	}
	fmt.Fprintln(w, title)
	fmt.Fprintf(w, "%s %s: %s %s (%s %s)\n", tr("Към", "As of"), s.AsOf.Format(lang), tr("напредък", "progress"), pct(s.Progress), tr("очакван", "expected"), pct(s.Expected))
	fmt.Fprintf(w, "%s: %d\n", tr("Мерки", "Measures"), s.Measures)
	for _, st := range model.Statuses {
		fmt.Fprintf(w, "  %-14s %4d\n", st.Label(lang), s.Status[st])
	}
	fmt.Fprintf(w, "%s: %d (%s %d, %s %d, %s %d, %s %d, %s %d)\n", tr("Етапи", "Milestones"), s.Milestones,
		tr("изпълнени", "done"), s.MilestoneStates[model.StateDone], tr("просрочени", "overdue"), s.MilestoneStates[model.StateOverdue],
		tr("наближаващи", "due soon"), s.MilestoneStates[model.StateDueSoon], tr("предстоящи", "pending"), s.MilestoneStates[model.StatePending],
		tr("отменени", "cancelled"), s.MilestoneStates[model.StateCancelled])
	exec := tr("няма", "none")
	if e, ok := model.BudgetExecution(s.Budget.PlannedCents, s.Budget.SpentCents); ok {
		exec = model.FormatPercent(e, lang)
	}
	fmt.Fprintf(w, "%s: %s, %s %s (%s)\n", tr("Бюджет", "Budget"), model.FormatEUR(s.Budget.PlannedCents, lang),
		tr("изразходвани", "spent"), model.FormatEUR(s.Budget.SpentCents, lang), exec)
	fmt.Fprintln(w, tr("По области:", "By area:"))
	for _, a := range s.Areas {
		fmt.Fprintf(w, "  %-4s %-60s %s (%s %s)\n", a.Code, a.Title.In(lang), pct(a.Progress), tr("очакван", "expected"), pct(a.Expected))
	}
}
