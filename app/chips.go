package app

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"strategytracker/model"
)

// Status chips and milestone state colours.

// statusChip shows a status as a coloured label of the one palette; a
// cancelled status is struck through, an overridden one marked with "*".
type statusChip struct {
	widget.BaseWidget
	status     model.Status
	text       string
	overridden bool
	tip        string // shown on hover (why the status is overridden)
}

func (c *statusChip) MouseIn(ev *desktop.MouseEvent) {
	if c.tip != "" {
		showTip(c, ev.AbsolutePosition, c.tip)
	}
}

func (c *statusChip) MouseMoved(*desktop.MouseEvent) {}

func (c *statusChip) MouseOut() { hideTip(c) }

func newStatusChip() *statusChip {
	c := &statusChip{}
	c.ExtendBaseWidget(c)
	return c
}

// Set shows status s with its label.
func (c *statusChip) Set(s model.Status, overridden bool) {
	c.status, c.overridden = s, overridden
	c.text = s.Label(currentLang())
	if overridden {
		c.text += " *"
	}
	c.Refresh()
}

func (c *statusChip) CreateRenderer() fyne.WidgetRenderer {
	r := &chipRenderer{chip: c, bg: canvas.NewRectangle(color.Transparent), text: canvas.NewText("", color.White),
		strike: canvas.NewLine(color.White)}
	r.bg.CornerRadius = 4
	r.text.TextSize = theme.CaptionTextSize() + 1
	r.text.TextStyle = fyne.TextStyle{Bold: true}
	r.strike.StrokeWidth = 1.5
	r.Refresh()
	return r
}

type chipRenderer struct {
	chip   *statusChip
	bg     *canvas.Rectangle
	text   *canvas.Text
	strike *canvas.Line
}

func (r *chipRenderer) Destroy() {}

func (r *chipRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{r.bg, r.text, r.strike}
}

func (r *chipRenderer) MinSize() fyne.Size {
	ts := fyne.MeasureText(r.text.Text, r.text.TextSize, r.text.TextStyle)
	return fyne.NewSize(ts.Width+16, ts.Height+6)
}

func (r *chipRenderer) Layout(size fyne.Size) {
	ms := r.MinSize()
	w := min(size.Width, max(ms.Width, 96))
	h := ms.Height
	y := (size.Height - h) / 2
	r.bg.Move(fyne.NewPos(0, y))
	r.bg.Resize(fyne.NewSize(w, h))
	ts := fyne.MeasureText(r.text.Text, r.text.TextSize, r.text.TextStyle)
	tx := (w - ts.Width) / 2
	r.text.Move(fyne.NewPos(tx, y+(h-ts.Height)/2))
	r.text.Resize(ts)
	// Through the middle of the small letters (the label is lower case):
	// the baseline lies at about three quarters of the text's box and the
	// small letters reach about a third of it above that.
	mid := y + (h-ts.Height)/2 + ts.Height*0.6
	r.strike.Position1 = fyne.NewPos(tx-2, mid)
	r.strike.Position2 = fyne.NewPos(tx+ts.Width+2, mid)
}

func (r *chipRenderer) Refresh() {
	c := r.chip
	if c.status == "" {
		r.bg.FillColor = color.Transparent
		r.text.Text = ""
		r.strike.Hide()
	} else {
		r.bg.FillColor = StatusColor(c.status)
		r.bg.StrokeWidth = 0
		fg := color.Color(color.White)
		if c.status == model.StatusAtRisk || c.status == model.StatusNotStarted {
			fg = color.NRGBA{R: 0x20, G: 0x20, B: 0x20, A: 0xFF}
		}
		if c.status == model.StatusCancelled {
			// Struck-through white on dark grey is hard to read: the dark
			// grey frames a light chip whose text it writes.
			dark := StatusColor(model.StatusCancelled)
			r.bg.FillColor = color.NRGBA{R: 0xEC, G: 0xEC, B: 0xEC, A: 0xFF}
			r.bg.StrokeColor = dark
			r.bg.StrokeWidth = 1.5
			fg = dark
		}
		r.text.Color = fg
		r.strike.StrokeColor = fg
		r.text.Text = c.text
		if c.status == model.StatusCancelled {
			r.strike.Show()
		} else {
			r.strike.Hide()
		}
	}
	r.Layout(c.Size())
	r.bg.Refresh()
	r.text.Refresh()
	r.strike.Refresh()
}

// stateChip is statusChip for a milestone state.
func stateColor(s model.MilestoneState) color.NRGBA {
	switch s {
	case model.StateDone:
		return StatusColor(model.StatusCompleted)
	case model.StateOverdue:
		return StatusColor(model.StatusDelayed)
	case model.StateDueSoon:
		return StatusColor(model.StatusAtRisk)
	case model.StateCancelled:
		return StatusColor(model.StatusCancelled)
	}
	return StatusColor(model.StatusNotStarted)
}
