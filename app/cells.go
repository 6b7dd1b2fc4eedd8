package app

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Tooltips. Fyne 2.7 has none, and a pop-up overlay would take the
// pointer's events from what is under it; so the window's content carries
// a layer above the screens that only draws (tipLayer), where a widget
// under the pointer shows a line of text. Hover widgets find the layer of
// their window in its content (tipsOf); the UI owns it.

// tipLayer draws one tooltip at a position of the window's content.
type tipLayer struct {
	widget.BaseWidget
	root *fyne.Container // without a layout: the tip is placed by hand
	bg   *canvas.Rectangle
	text *canvas.Text
}

func newTipLayer() *tipLayer {
	t := &tipLayer{bg: canvas.NewRectangle(color.NRGBA{R: 0x30, G: 0x30, B: 0x30, A: 0xF0}),
		text: canvas.NewText("", color.White)}
	t.bg.CornerRadius = 4
	t.text.TextSize = theme.TextSize() - 1
	t.root = container.NewWithoutLayout(t.bg, t.text)
	t.bg.Hide()
	t.text.Hide()
	t.ExtendBaseWidget(t)
	return t
}

func (t *tipLayer) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(t.root) }

// tipsOf is the tooltip layer of the window that shows o; nil when there
// is none.
func tipsOf(o fyne.CanvasObject) *tipLayer {
	c := fyne.CurrentApp().Driver().CanvasForObject(o)
	if c == nil {
		return nil
	}
	if stack, ok := c.Content().(*fyne.Container); ok {
		for _, x := range stack.Objects {
			if t, ok := x.(*tipLayer); ok {
				return t
			}
		}
	}
	return nil
}

// show puts text near the absolute position at (the pointer's), inside the
// window.
func (t *tipLayer) show(at fyne.Position, text string) {
	if t == nil || text == "" {
		return
	}
	t.text.Text = text
	ts := fyne.MeasureText(text, t.text.TextSize, t.text.TextStyle)
	pad := float32(6)
	size := fyne.NewSize(ts.Width+2*pad, ts.Height+2*pad)
	area := t.root.Size()
	x := min(at.X+12, area.Width-size.Width-2)
	y := at.Y + 18
	if y+size.Height > area.Height {
		y = at.Y - size.Height - 6
	}
	x, y = max(0, x), max(0, y)
	t.bg.Move(fyne.NewPos(x, y))
	t.bg.Resize(size)
	t.text.Move(fyne.NewPos(x+pad, y+pad))
	t.text.Resize(ts)
	t.bg.Show()
	t.text.Show()
	t.root.Refresh()
}

func (t *tipLayer) hide() {
	if t == nil || !t.bg.Visible() {
		return
	}
	t.bg.Hide()
	t.text.Hide()
	t.root.Refresh()
}

// showTip shows text beside the pointer (at, absolute in the canvas) over
// o, the widget hovered.
func showTip(o fyne.CanvasObject, at fyne.Position, text string) {
	tips := tipsOf(o)
	if tips == nil {
		return
	}
	// The layer may not start at the canvas's origin (the main menu).
	tips.show(at.Subtract(fyne.CurrentApp().Driver().AbsolutePositionForObject(tips.root)), text)
}

// hideTip hides the tooltip of o's window.
func hideTip(o fyne.CanvasObject) { tipsOf(o).hide() }

// textCell is a line of text for tables: it shortens itself with "…" to
// its width and shows the whole text on hover. Rows of them are shorter
// than rows of labels, so a table shows more of them.
type textCell struct {
	widget.BaseWidget
	text      string
	bold      bool
	truncated bool
}

func newTextCell() *textCell {
	c := &textCell{}
	c.ExtendBaseWidget(c)
	return c
}

// SetText shows s.
func (c *textCell) SetText(s string) {
	if c.text != s {
		c.text = s
		c.Refresh()
	}
}

func (c *textCell) CreateRenderer() fyne.WidgetRenderer {
	r := &textCellRenderer{c: c, text: canvas.NewText("", theme.Color(theme.ColorNameForeground))}
	return r
}

func (c *textCell) MouseIn(ev *desktop.MouseEvent) {
	if c.truncated {
		showTip(c, ev.AbsolutePosition, c.text)
	}
}
func (c *textCell) MouseMoved(*desktop.MouseEvent) {}
func (c *textCell) MouseOut()                      { hideTip(c) }

type textCellRenderer struct {
	c    *textCell
	text *canvas.Text
}

const (
	cellPad  = 3 // above and below the text
	cellSide = 6 // left and right of it
)

func (r *textCellRenderer) Destroy() {}

func (r *textCellRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.text} }

func (r *textCellRenderer) MinSize() fyne.Size {
	h := fyne.MeasureText("Ag", theme.TextSize(), fyne.TextStyle{}).Height
	return fyne.NewSize(40, h+2*cellPad)
}

func (r *textCellRenderer) Layout(size fyne.Size) {
	r.text.TextSize = theme.TextSize()
	r.text.TextStyle = fyne.TextStyle{Bold: r.c.bold}
	avail := size.Width - 2*cellSide
	r.text.Text, r.c.truncated = ellipsize(r.c.text, avail, r.text.TextSize, r.text.TextStyle)
	ts := fyne.MeasureText(r.text.Text, r.text.TextSize, r.text.TextStyle)
	r.text.Move(fyne.NewPos(cellSide, (size.Height-ts.Height)/2))
	r.text.Resize(ts)
}

func (r *textCellRenderer) Refresh() {
	r.text.Color = theme.Color(theme.ColorNameForeground)
	r.Layout(r.c.Size())
	r.text.Refresh()
}

// ellipsize shortens s with "…" to fit width; true when it was shortened.
func ellipsize(s string, width, size float32, style fyne.TextStyle) (string, bool) {
	if fyne.MeasureText(s, size, style).Width <= width {
		return s, false
	}
	runes := []rune(s)
	lo, hi := 0, len(runes)
	for lo < hi { // the longest prefix that fits with "…"
		mid := (lo + hi + 1) / 2
		if fyne.MeasureText(string(runes[:mid])+"…", size, style).Width <= width {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return string(runes[:lo]) + "…", true
}

// progressCell writes a percentage in the text colour beside a thin bar:
// readable whatever the value, in either theme.
// On the dashboard it also marks the expected progress and takes the
// colour of a status.
type progressCell struct {
	widget.BaseWidget
	value    float64 // 0–100
	text     string
	expected float64     // the expected progress, marked on the bar; < 0: none
	fill     color.Color // nil: the theme's primary colour
	thick    bool        // a taller bar (the dashboard)
}

func newProgressCell() *progressCell {
	p := &progressCell{expected: -1}
	p.ExtendBaseWidget(p)
	return p
}

// SetExpected marks the expected progress (0–100; < 0 removes the mark)
// and colours the bar (nil: the primary colour).
func (p *progressCell) SetExpected(expected float64, fill color.Color) {
	p.expected, p.fill = expected, fill
	p.Refresh()
}

// Set shows value (0–100) written as text.
func (p *progressCell) Set(value float64, text string) {
	p.value, p.text = value, text
	p.Refresh()
}

func (p *progressCell) CreateRenderer() fyne.WidgetRenderer {
	r := &progressCellRenderer{p: p, track: canvas.NewRectangle(color.Transparent), fill: canvas.NewRectangle(color.Transparent),
		text: canvas.NewText("", color.Black), mark: canvas.NewRectangle(color.Black)}
	r.track.CornerRadius, r.fill.CornerRadius = 3, 3
	r.text.Alignment = fyne.TextAlignTrailing
	return r
}

type progressCellRenderer struct {
	p                 *progressCell
	track, fill, mark *canvas.Rectangle
	text              *canvas.Text
}

func (r *progressCellRenderer) Destroy() {}

func (r *progressCellRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{r.track, r.fill, r.mark, r.text}
}

func (r *progressCellRenderer) MinSize() fyne.Size {
	h := fyne.MeasureText("Ag", theme.TextSize(), fyne.TextStyle{}).Height
	return fyne.NewSize(100, h+2*cellPad)
}

func (r *progressCellRenderer) Layout(size fyne.Size) {
	tw := fyne.MeasureText("100,0 %", theme.TextSize(), fyne.TextStyle{}).Width
	r.text.TextSize = theme.TextSize()
	ts := fyne.MeasureText(r.text.Text, r.text.TextSize, r.text.TextStyle)
	r.text.Move(fyne.NewPos(cellSide, (size.Height-ts.Height)/2))
	r.text.Resize(fyne.NewSize(tw, ts.Height))
	x := cellSide + tw + 8
	w := max(10, size.Width-x-cellSide)
	h := float32(8)
	if r.p.thick {
		h = 14
	}
	r.track.Move(fyne.NewPos(x, size.Height/2-h/2))
	r.track.Resize(fyne.NewSize(w, h))
	r.fill.Move(fyne.NewPos(x, size.Height/2-h/2))
	r.fill.Resize(fyne.NewSize(w*float32(max(0, min(100, r.p.value)))/100, h))
	if r.p.expected >= 0 {
		mx := x + w*float32(min(100, r.p.expected))/100
		r.mark.Move(fyne.NewPos(mx-1, size.Height/2-h/2-4))
		r.mark.Resize(fyne.NewSize(3, h+8))
		r.mark.Show()
	} else {
		r.mark.Hide()
	}
}

func (r *progressCellRenderer) Refresh() {
	r.track.FillColor = theme.Color(theme.ColorNameInputBackground)
	r.fill.FillColor = theme.Color(theme.ColorNamePrimary)
	if r.p.fill != nil {
		r.fill.FillColor = r.p.fill
	}
	r.mark.FillColor = theme.Color(theme.ColorNameForeground)
	r.text.Color = theme.Color(theme.ColorNameForeground)
	r.text.Text = r.p.text
	r.Layout(r.p.Size())
	canvas.Refresh(r.p)
}

// headerCell is a column heading that sorts when tapped: bold text and
// the sort order's arrow, no taller than a textCell (a button heading
// would make every row of the table as tall as a button).
type headerCell struct {
	widget.BaseWidget
	text  string
	icon  fyne.Resource // the sort order, nil when unsorted by it
	onTap func()
}

func newHeaderCell() *headerCell {
	h := &headerCell{}
	h.ExtendBaseWidget(h)
	return h
}

// Set shows text with icon (nil: none); tapping runs onTap.
func (h *headerCell) Set(text string, icon fyne.Resource, onTap func()) {
	h.text, h.icon, h.onTap = text, icon, onTap
	h.Refresh()
}

// Tapped sorts by the column.
func (h *headerCell) Tapped(*fyne.PointEvent) {
	if h.onTap != nil {
		h.onTap()
	}
}

// Cursor shows that the heading can be clicked.
func (h *headerCell) Cursor() desktop.Cursor { return desktop.PointerCursor }

func (h *headerCell) CreateRenderer() fyne.WidgetRenderer {
	return &headerCellRenderer{h: h, text: canvas.NewText("", theme.Color(theme.ColorNameForeground)), icon: canvas.NewImageFromResource(nil)}
}

type headerCellRenderer struct {
	h    *headerCell
	text *canvas.Text
	icon *canvas.Image
}

func (r *headerCellRenderer) Destroy() {}

func (r *headerCellRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{r.text, r.icon}
}

func (r *headerCellRenderer) MinSize() fyne.Size {
	h := fyne.MeasureText("Ag", theme.TextSize(), fyne.TextStyle{Bold: true}).Height
	return fyne.NewSize(40, h+2*cellPad+4)
}

func (r *headerCellRenderer) Layout(size fyne.Size) {
	r.text.TextSize = theme.TextSize()
	r.text.TextStyle = fyne.TextStyle{Bold: true}
	iconSize := theme.IconInlineSize()
	avail := size.Width - 2*cellSide
	if r.h.icon != nil {
		avail -= iconSize + 2
	}
	r.text.Text, _ = ellipsize(r.h.text, avail, r.text.TextSize, r.text.TextStyle)
	ts := fyne.MeasureText(r.text.Text, r.text.TextSize, r.text.TextStyle)
	r.text.Move(fyne.NewPos(cellSide, (size.Height-ts.Height)/2))
	r.text.Resize(ts)
	r.icon.Move(fyne.NewPos(cellSide+ts.Width+2, (size.Height-iconSize)/2))
	r.icon.Resize(fyne.NewSquareSize(iconSize))
}

func (r *headerCellRenderer) Refresh() {
	r.text.Color = theme.Color(theme.ColorNameForeground)
	if r.h.icon != nil {
		r.icon.Resource = theme.NewThemedResource(r.h.icon)
		r.icon.Show()
		r.icon.Refresh() // a changed resource is drawn only once refreshed
	} else {
		r.icon.Hide()
	}
	r.Layout(r.h.Size())
	canvas.Refresh(r.h)
}
