package app

import (
	"image/color"
	"strconv"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"strategytracker/model"
)

// timelineLabelWidth is the width of the code and title column.
const timelineLabelWidth = 280

// timeline is the Gantt view of the measures the filter lets through: one
// bar from start to end in the status colour, a dot per milestone in the
// colour of its state, and a red line for today.
type timeline struct {
	s    *measuresScreen
	root fyne.CanvasObject
	axis *ganttAxis
	list *widget.List
	from model.Date
	to   model.Date
}

func newTimeline(s *measuresScreen) *timeline {
	t := &timeline{s: s}
	t.axis = newGanttAxis()
	t.list = widget.NewList(
		func() int { return len(s.visible) },
		func() fyne.CanvasObject {
			return container.NewBorder(nil, nil, container.New(fixedWidth(timelineLabelWidth), newTextCell()), nil, newGanttRow())
		},
		t.updateRow)
	t.list.OnSelected = func(id widget.ListItemID) {
		t.list.UnselectAll()
		if id < len(s.visible) {
			s.u.openMeasure(s.rows[s.visible[id]].id)
		}
	}
	legend := container.NewHBox()
	for _, st := range []model.MilestoneState{model.StateDone, model.StateOverdue, model.StateDueSoon, model.StatePending, model.StateCancelled} {
		dot := canvas.NewCircle(stateColor(st))
		if st == model.StateCancelled {
			dot.FillColor, dot.StrokeColor, dot.StrokeWidth = color.White, stateColor(st), 2
		}
		legend.Add(container.NewHBox(container.NewCenter(sized(dot, 10, 10)), widget.NewLabel(st.Label(currentLang()))))
	}
	todayLine := canvas.NewRectangle(todayColor)
	legend.Add(container.NewHBox(container.NewCenter(sized(todayLine, 3, 16)), widget.NewLabel(tr("timeline.today"))))
	header := container.NewBorder(nil, nil, container.New(fixedWidth(timelineLabelWidth), widget.NewLabel("")), nil, t.axis)
	t.root = container.NewBorder(container.NewVBox(legend, header), nil, nil, nil, t.list)
	return t
}

var todayColor = color.NRGBA{R: 0xD6, G: 0x20, B: 0x20, A: 0xFF}

func sized(o fyne.CanvasObject, w, h float32) fyne.CanvasObject {
	switch x := o.(type) {
	case *canvas.Circle:
		return container.New(fixedSize(fyne.NewSize(w, h)), x)
	case *canvas.Rectangle:
		x.SetMinSize(fyne.NewSize(w, h))
	}
	return o
}

func (t *timeline) updateRow(id widget.ListItemID, o fyne.CanvasObject) {
	s := t.s
	if id >= len(s.visible) {
		return
	}
	r := &s.rows[s.visible[id]]
	box := o.(*fyne.Container)
	var label *textCell
	var g *ganttRow
	for _, c := range box.Objects {
		switch x := c.(type) {
		case *ganttRow:
			g = x
		case *fyne.Container:
			label = x.Objects[0].(*textCell)
		}
	}
	lang := s.u.lang
	label.SetText(r.code + " " + r.title)
	g.from, g.to, g.today = t.from, t.to, s.u.today
	g.start, g.end, g.status = r.start, r.end, r.status
	g.tip = r.code + " " + r.title + ": " + r.start.Format(lang) + " – " + r.end.Format(lang) + " · " + r.status.Label(lang)
	g.marks = g.marks[:0]
	if m := s.u.doc.Measure(r.id); m != nil {
		for i := range m.Milestones {
			ms := &m.Milestones[i]
			st := ms.StateAt(m.Cancelled, s.u.today)
			g.marks = append(g.marks, ganttMark{date: ms.Due, color: stateColor(st), hollow: st == model.StateCancelled,
				tip: ms.Title.In(lang) + " · " + tr("milestone.due") + " " + ms.Due.Format(lang) + " · " + st.Label(lang)})
		}
	}
	g.Refresh()
}

// refresh recomputes the period shown and redraws.
func (t *timeline) refresh() {
	s := t.s
	if s.u.doc == nil {
		return
	}
	from, to := s.u.doc.Strategy.PeriodStart, s.u.doc.Strategy.PeriodEnd
	for _, r := range s.rows {
		if from == 0 || (r.start != 0 && r.start < from) {
			from = r.start
		}
		if r.end > to {
			to = r.end
		}
	}
	if from == 0 || to <= from {
		from, to = s.u.today.AddDays(-365), s.u.today.AddDays(365)
	}
	// Whole years.
	t.from = model.NewDate(from.Year(), time.January, 1)
	t.to = model.NewDate(to.Year()+1, time.January, 1)
	t.axis.from, t.axis.to, t.axis.today = t.from, t.to, s.u.today
	t.axis.Refresh()
	t.list.Refresh()
}

type ganttMark struct {
	date   model.Date
	color  color.Color
	hollow bool   // a cancelled milestone: a ring, not a dot
	tip    string // its title, due date and state
}

// ganttRow draws one measure on the timeline.
type ganttRow struct {
	widget.BaseWidget
	from, to, today model.Date
	start, end      model.Date
	status          model.Status
	marks           []ganttMark
	tip             string // the measure's dates and status
}

// ganttMargin keeps the end of the period clear of the list's scroll bar.
func ganttMargin() float32 { return theme.ScrollBarSize() + 2*theme.Padding() }

// MouseMoved shows what is under the pointer: a milestone, else the bar.
func (g *ganttRow) MouseMoved(ev *desktop.MouseEvent) {
	w := g.Size().Width - ganttMargin()
	mid := g.Size().Height / 2
	best, bestD := -1, float32(7)
	for i, m := range g.marks {
		if d := abs32(g.x(m.date, w) - ev.Position.X); d < bestD && abs32(ev.Position.Y-mid) < 9 {
			best, bestD = i, d
		}
	}
	switch {
	case best >= 0:
		showTip(g, ev.AbsolutePosition, g.marks[best].tip)
	case ev.Position.X >= g.x(g.start, w)-2 && ev.Position.X <= g.x(g.end, w)+2 && abs32(ev.Position.Y-mid) < 9:
		showTip(g, ev.AbsolutePosition, g.tip)
	default:
		hideTip(g)
	}
}

func (g *ganttRow) MouseIn(ev *desktop.MouseEvent) { g.MouseMoved(ev) }
func (g *ganttRow) MouseOut()                      { hideTip(g) }

func abs32(f float32) float32 {
	if f < 0 {
		return -f
	}
	return f
}

func newGanttRow() *ganttRow {
	g := &ganttRow{}
	g.ExtendBaseWidget(g)
	return g
}

func (g *ganttRow) CreateRenderer() fyne.WidgetRenderer {
	r := &ganttRenderer{g: g, track: canvas.NewRectangle(theme.Color(theme.ColorNameSeparator)),
		bar: canvas.NewRectangle(color.Transparent), today: canvas.NewRectangle(todayColor)}
	r.bar.CornerRadius = 3
	return r
}

type ganttRenderer struct {
	g     *ganttRow
	track *canvas.Rectangle
	bar   *canvas.Rectangle
	today *canvas.Rectangle
	dots  []*canvas.Circle
	size  fyne.Size
}

func (r *ganttRenderer) Destroy() {}

func (r *ganttRenderer) MinSize() fyne.Size { return fyne.NewSize(200, 28) }

func (r *ganttRenderer) Objects() []fyne.CanvasObject {
	objs := []fyne.CanvasObject{r.track, r.bar}
	for _, d := range r.dots[:min(len(r.dots), len(r.g.marks))] {
		objs = append(objs, d)
	}
	return append(objs, r.today)
}

// x is the horizontal position of date d.
func (g *ganttRow) x(d model.Date, width float32) float32 {
	return dateX(d, g.from, g.to, width)
}

func dateX(d, from, to model.Date, width float32) float32 {
	if to <= from {
		return 0
	}
	f := float32(d.DaysSince(from)) / float32(to.DaysSince(from))
	return max(0, min(1, f)) * width
}

func (r *ganttRenderer) Layout(full fyne.Size) {
	r.size = full
	g := r.g
	size := fyne.NewSize(max(10, full.Width-ganttMargin()), full.Height)
	mid := size.Height / 2
	r.track.Move(fyne.NewPos(0, mid-0.5)) // to the margin
	r.track.Resize(fyne.NewSize(size.Width, 1))
	x1, x2 := g.x(g.start, size.Width), g.x(g.end, size.Width)
	r.bar.Move(fyne.NewPos(x1, mid-6))
	r.bar.Resize(fyne.NewSize(max(2, x2-x1), 12))
	for i, m := range g.marks {
		if i >= len(r.dots) {
			break
		}
		d := r.dots[i]
		x := g.x(m.date, size.Width)
		d.Move(fyne.NewPos(x-5, mid-5))
		d.Resize(fyne.NewSize(10, 10))
	}
	tx := g.x(g.today, size.Width)
	r.today.Move(fyne.NewPos(tx-1, 0))
	r.today.Resize(fyne.NewSize(2, size.Height))
}

func (r *ganttRenderer) Refresh() {
	g := r.g
	for len(r.dots) < len(g.marks) {
		c := canvas.NewCircle(color.Black)
		c.StrokeColor = color.White
		c.StrokeWidth = 1
		r.dots = append(r.dots, c)
	}
	bar := StatusColor(g.status)
	bar.A = 0x99
	r.bar.FillColor = bar
	for i, m := range g.marks {
		d := r.dots[i]
		if m.hollow {
			d.FillColor, d.StrokeColor, d.StrokeWidth = theme.Color(theme.ColorNameBackground), m.color, 2
		} else {
			d.FillColor, d.StrokeColor, d.StrokeWidth = m.color, color.White, 1
		}
	}
	r.track.FillColor = theme.Color(theme.ColorNameSeparator)
	r.Layout(g.Size())
	canvas.Refresh(g)
}

// ganttAxis writes the years above the timeline.
type ganttAxis struct {
	widget.BaseWidget
	from, to, today model.Date
}

func newGanttAxis() *ganttAxis {
	a := &ganttAxis{}
	a.ExtendBaseWidget(a)
	return a
}

func (a *ganttAxis) CreateRenderer() fyne.WidgetRenderer {
	return &axisRenderer{a: a}
}

type axisRenderer struct {
	a     *ganttAxis
	texts []*canvas.Text
	ticks []*canvas.Rectangle
}

func (r *axisRenderer) Destroy() {}

func (r *axisRenderer) MinSize() fyne.Size { return fyne.NewSize(200, 24) }

func (r *axisRenderer) Objects() []fyne.CanvasObject {
	var out []fyne.CanvasObject
	for i := range r.texts {
		out = append(out, r.ticks[i], r.texts[i])
	}
	return out
}

func (r *axisRenderer) Layout(full fyne.Size) {
	a := r.a
	size := fyne.NewSize(max(10, full.Width-ganttMargin()), full.Height)
	for i := range r.texts {
		year := a.from.Year() + i
		x := dateX(model.NewDate(year, time.January, 1), a.from, a.to, size.Width)
		r.ticks[i].Move(fyne.NewPos(x, size.Height-6))
		r.ticks[i].Resize(fyne.NewSize(1, 6))
		r.texts[i].Move(fyne.NewPos(x+3, 0))
	}
}

func (r *axisRenderer) Refresh() {
	a := r.a
	years := 0
	if a.to > a.from {
		years = a.to.Year() - a.from.Year()
	}
	for len(r.texts) < years {
		t := canvas.NewText("", theme.Color(theme.ColorNameForeground))
		t.TextSize = theme.CaptionTextSize()
		r.texts = append(r.texts, t)
		r.ticks = append(r.ticks, canvas.NewRectangle(theme.Color(theme.ColorNameForeground)))
	}
	r.texts, r.ticks = r.texts[:years], r.ticks[:years]
	for i := range r.texts {
		r.texts[i].Text = strconv.Itoa(a.from.Year() + i)
		r.texts[i].Color = theme.Color(theme.ColorNameForeground)
		r.ticks[i].FillColor = theme.Color(theme.ColorNameForeground)
	}
	r.Layout(a.Size())
	canvas.Refresh(a)
}

// fixedWidth lays out its objects stacked, at least w wide.
type fixedWidth float32

func (f fixedWidth) MinSize(objs []fyne.CanvasObject) fyne.Size {
	h := float32(0)
	for _, o := range objs {
		h = max(h, o.MinSize().Height)
	}
	return fyne.NewSize(float32(f), h)
}

func (f fixedWidth) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
}

// fixedSize lays out its objects stacked at one size.
type fixedSize fyne.Size

func (f fixedSize) MinSize([]fyne.CanvasObject) fyne.Size { return fyne.Size(f) }

func (f fixedSize) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Move(fyne.NewPos((size.Width-f.Width)/2, (size.Height-f.Height)/2))
		o.Resize(fyne.Size(f))
	}
}
