package model

// StatusHex is the one status palette of DESIGN.md §2 ("#RRGGBB"), shared
// by the app, the workbook and the PDF report.
var StatusHex = map[Status]string{
	StatusCompleted:  "#1F6FB2", // blue
	StatusOnTrack:    "#2E9E4F", // green
	StatusAtRisk:     "#F2A900", // amber
	StatusDelayed:    "#D64541", // red
	StatusNotStarted: "#9AA0A6", // grey
	StatusCancelled:  "#5F6368", // dark grey, shown struck through
}

// DemoHex is the colour of the "demonstration data" mark.
const DemoHex = "#C0392B"

var statusLabels = map[Lang]map[Status]string{
	BG: {StatusCompleted: "изпълнена", StatusOnTrack: "в срок", StatusAtRisk: "с риск",
		StatusDelayed: "забавена", StatusNotStarted: "предстои", StatusCancelled: "прекратена"},
	EN: {StatusCompleted: "completed", StatusOnTrack: "on track", StatusAtRisk: "at risk",
		StatusDelayed: "delayed", StatusNotStarted: "not started", StatusCancelled: "cancelled"},
}

// Label is the status as people of lang call it (DEMO-FACTS words).
func (s Status) Label(lang Lang) string {
	if l, ok := statusLabels[lang][s]; ok {
		return l
	}
	return string(s)
}

var stateLabels = map[Lang]map[MilestoneState]string{
	BG: {StateDone: "изпълнен", StateOverdue: "просрочен", StateDueSoon: "наближава", StatePending: "предстои", StateCancelled: "отменен"},
	EN: {StateDone: "done", StateOverdue: "overdue", StateDueSoon: "due soon", StatePending: "pending", StateCancelled: "cancelled"},
}

// Label is the milestone state as people of lang call it.
func (s MilestoneState) Label(lang Lang) string {
	if l, ok := stateLabels[lang][s]; ok {
		return l
	}
	return string(s)
}

// DemoMark is the "demonstration data" mark in lang.
func DemoMark(lang Lang) string {
	if lang == EN {
		return "DEMONSTRATION DATA"
	}
	return "ДЕМОНСТРАЦИОННИ ДАННИ"
}

var narrativeLabels = map[Lang]map[NarrativeKind]string{
	BG: {NarrativeCommentary: "Коментар", NarrativeHighlights: "Постижения", NarrativeRisks: "Рискове",
		NarrativeActions: "Коригиращи действия", NarrativeDecisions: "Решения, които се искат от Съвета"},
	EN: {NarrativeCommentary: "Commentary", NarrativeHighlights: "Highlights", NarrativeRisks: "Risks",
		NarrativeActions: "Corrective actions", NarrativeDecisions: "Decisions requested from the council"},
}

// Label is the part of the narrative as the council report, the workbooks
// and the templates name it in lang (one name everywhere).
func (k NarrativeKind) Label(lang Lang) string {
	if l, ok := narrativeLabels[lang][k]; ok {
		return l
	}
	return string(k)
}
