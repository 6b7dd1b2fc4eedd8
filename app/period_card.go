package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"strategytracker/model"
)

// cycleCard is the dashboard's card of the reporting cycle: "7 от 12
// звена са се отчели; 9 мерки без актуализация в IV тримесечие 2026",
// opening the status list. It is hidden while the file has no period.
// The period screen keeps it up to date (it computes the same status).
type cycleCard struct {
	u    *UI
	s    *periodScreen
	root *fyne.Container
	text *widget.Label
	note *widget.Label // "closed" for a period no longer open
	open *widget.Button
}

func newCycleCard(u *UI, s *periodScreen) *cycleCard {
	c := &cycleCard{u: u, s: s}
	c.text = widget.NewLabel("")
	c.text.TextStyle = fyne.TextStyle{Bold: true}
	c.text.Wrapping = fyne.TextWrapWord
	c.note = hint("")
	c.note.Hide()
	c.open = widget.NewButtonWithIcon(tr("period.card.open"), theme.NavigateNextIcon(), c.onOpen)
	c.open.Importance = widget.LowImportance
	c.open.IconPlacement = widget.ButtonIconTrailingText
	body := container.NewVBox(c.text, container.NewBorder(nil, nil, nil, c.open, c.note)) // compact: the dashboard's figures stay in view
	c.root = container.NewStack(card(tr("period.card.title"), body))
	c.root.Hide()
	return c
}

// onOpen shows the status list of the period.
func (c *cycleCard) onOpen() {
	c.u.showScreen(screenPeriod)
	c.s.tabs.SelectIndex(0)
}

// refresh shows the period screen's status; hidden without a period.
func (c *cycleCard) refresh() {
	p := c.s.period
	if p == nil || c.s.status.Period == nil {
		c.root.Hide()
		return
	}
	c.text.SetText(cycleSummary(c.s.status, c.u.lang))
	if p.State == model.PeriodClosed {
		c.note.SetText(tr("period.card.closed"))
		c.note.Show()
	} else {
		c.note.SetText(trf("period.card.due", p.Due.Format(c.u.lang)))
		c.note.Show()
	}
	c.root.Show()
	c.root.Refresh()
}
