package pdf

import (
	"fmt"

	"codeberg.org/go-pdf/fpdf"
)

// canvas is the document the layout draws on: it hands each fpdf call, in
// the order made, to one goroutine that makes it, so that the layout of
// what follows (line breaking, measuring, formatting) runs on one core
// while fpdf writes what came before on the other. fpdf sees the same
// calls in the same order as if the layout made them itself: the same
// bytes (TestPagesCompressedAsFpdf, and the before/after comparison of
// issue 26). The layout asks fpdf for nothing but page and link numbers,
// which the canvas counts itself.
type canvas struct {
	f      *fpdf.Fpdf
	page   int // the current page, as fpdf's PageNo
	pages  int // the pages added, as fpdf's PageCount
	links  int // the internal links added (fpdf numbers them from 1)
	batch  []op
	todo   chan []op
	free   chan []op
	done   chan struct{}
	failed any // what fpdf panicked with, if it did
	closed bool
}

// opBatch is how many calls go to fpdf's goroutine at once.
const opBatch = 1024

type opKind uint8

const (
	opAddPage opKind = iota
	opSetPage
	opCell // SetXY, then CellFormat without border, fill or link
	opSetFont
	opTextColor
	opFillColor
	opDrawColor
	opLineWidth
	opRect
	opLine
	opRoundedRect
	opPolygon
	opMoveTo
	opLineTo
	opDrawPath
	opCircle
	opBookmark
	opAddLink
	opSetLink
	opLink
	opLinkString
)

// op is one fpdf call and its arguments.
type op struct {
	kind opKind
	n    int
	v    [5]float64
	s, t string
	pts  []fpdf.PointType
}

func newCanvas(f *fpdf.Fpdf) *canvas {
	c := &canvas{f: f, todo: make(chan []op, 4), free: make(chan []op, 6), done: make(chan struct{})}
	c.batch = make([]op, 0, opBatch)
	go c.run()
	return c
}

// run makes the calls handed over, until the canvas closes. After a panic
// of fpdf it only takes the batches, so that the layout never waits.
func (c *canvas) run() {
	defer close(c.done)
	for b := range c.todo {
		if c.failed == nil {
			c.apply(b)
		}
		clear(b)
		select {
		case c.free <- b[:0]:
		default:
		}
	}
}

func (c *canvas) apply(b []op) {
	defer func() {
		if p := recover(); p != nil {
			c.failed = p
		}
	}()
	f := c.f
	for i := range b {
		o := &b[i]
		v := &o.v
		switch o.kind {
		case opAddPage:
			f.AddPage()
		case opSetPage:
			f.SetPage(o.n)
		case opCell:
			f.SetXY(v[0], v[1])
			f.CellFormat(v[2], v[3], o.s, "", 0, o.t, false, 0, "")
		case opSetFont:
			f.SetFont(o.s, o.t, v[0])
		case opTextColor:
			f.SetTextColor(int(v[0]), int(v[1]), int(v[2]))
		case opFillColor:
			f.SetFillColor(int(v[0]), int(v[1]), int(v[2]))
		case opDrawColor:
			f.SetDrawColor(int(v[0]), int(v[1]), int(v[2]))
		case opLineWidth:
			f.SetLineWidth(v[0])
		case opRect:
			f.Rect(v[0], v[1], v[2], v[3], o.s)
		case opLine:
			f.Line(v[0], v[1], v[2], v[3])
		case opRoundedRect:
			f.RoundedRect(v[0], v[1], v[2], v[3], v[4], o.t, o.s)
		case opPolygon:
			f.Polygon(o.pts, o.s)
		case opMoveTo:
			f.MoveTo(v[0], v[1])
		case opLineTo:
			f.LineTo(v[0], v[1])
		case opDrawPath:
			f.DrawPath(o.s)
		case opCircle:
			f.Circle(v[0], v[1], v[2], o.s)
		case opBookmark:
			f.Bookmark(o.s, o.n, v[0])
		case opAddLink:
			f.AddLink()
		case opSetLink:
			f.SetLink(o.n, v[0], int(v[1]))
		case opLink:
			f.Link(v[0], v[1], v[2], v[3], o.n)
		case opLinkString:
			f.LinkString(v[0], v[1], v[2], v[3], o.s)
		}
	}
}

// put queues a call.
func (c *canvas) put(o op) {
	c.batch = append(c.batch, o)
	if len(c.batch) == opBatch {
		c.send()
	}
}

func (c *canvas) send() {
	if len(c.batch) == 0 {
		return
	}
	c.todo <- c.batch
	select {
	case c.batch = <-c.free:
	default:
		c.batch = make([]op, 0, opBatch)
	}
}

// close waits until fpdf has made every call; after it the document is
// c.f's alone. It reports a panic of fpdf as an error.
func (c *canvas) close() error {
	if !c.closed {
		c.closed = true
		c.send()
		close(c.todo)
		<-c.done
	}
	if c.failed != nil {
		return fmt.Errorf("%v", c.failed)
	}
	return nil
}

// PageNo is the current page.
func (c *canvas) PageNo() int { return c.page }

// PageCount is the number of pages.
func (c *canvas) PageCount() int { return c.pages }

func (c *canvas) AddPage() {
	c.pages++
	c.page = c.pages
	c.put(op{kind: opAddPage})
}

func (c *canvas) SetPage(n int) {
	if n >= 1 && n <= c.pages {
		c.page = n
	}
	c.put(op{kind: opSetPage, n: n})
}

// cell writes s in a box at (x, y), without border, fill or link.
func (c *canvas) cell(x, y, w, h float64, s, align string) {
	c.put(op{kind: opCell, v: [5]float64{x, y, w, h}, s: s, t: align})
}

func (c *canvas) SetFont(family, style string, size float64) {
	c.put(op{kind: opSetFont, s: family, t: style, v: [5]float64{size}})
}

func (c *canvas) colour(k opKind, r, g, b int) {
	c.put(op{kind: k, v: [5]float64{float64(r), float64(g), float64(b)}})
}

func (c *canvas) SetTextColor(r, g, b int) { c.colour(opTextColor, r, g, b) }
func (c *canvas) SetFillColor(r, g, b int) { c.colour(opFillColor, r, g, b) }
func (c *canvas) SetDrawColor(r, g, b int) { c.colour(opDrawColor, r, g, b) }

func (c *canvas) SetLineWidth(w float64) { c.put(op{kind: opLineWidth, v: [5]float64{w}}) }

func (c *canvas) Rect(x, y, w, h float64, style string) {
	c.put(op{kind: opRect, v: [5]float64{x, y, w, h}, s: style})
}

func (c *canvas) Line(x1, y1, x2, y2 float64) {
	c.put(op{kind: opLine, v: [5]float64{x1, y1, x2, y2}})
}

func (c *canvas) RoundedRect(x, y, w, h, r float64, corners, style string) {
	c.put(op{kind: opRoundedRect, v: [5]float64{x, y, w, h, r}, t: corners, s: style})
}

func (c *canvas) Polygon(points []fpdf.PointType, style string) {
	c.put(op{kind: opPolygon, pts: points, s: style})
}

func (c *canvas) MoveTo(x, y float64) { c.put(op{kind: opMoveTo, v: [5]float64{x, y}}) }
func (c *canvas) LineTo(x, y float64) { c.put(op{kind: opLineTo, v: [5]float64{x, y}}) }
func (c *canvas) DrawPath(style string) {
	c.put(op{kind: opDrawPath, s: style})
}

func (c *canvas) Circle(x, y, r float64, style string) {
	c.put(op{kind: opCircle, v: [5]float64{x, y, r}, s: style})
}

func (c *canvas) Bookmark(title string, level int, y float64) {
	c.put(op{kind: opBookmark, s: title, n: level, v: [5]float64{y}})
}

// AddLink adds an internal link and returns its number, as fpdf does.
func (c *canvas) AddLink() int {
	c.links++
	c.put(op{kind: opAddLink})
	return c.links
}

func (c *canvas) SetLink(link int, y float64, page int) {
	c.put(op{kind: opSetLink, n: link, v: [5]float64{y, float64(page)}})
}

func (c *canvas) Link(x, y, w, h float64, link int) {
	c.put(op{kind: opLink, v: [5]float64{x, y, w, h}, n: link})
}

func (c *canvas) LinkString(x, y, w, h float64, link string) {
	c.put(op{kind: opLinkString, v: [5]float64{x, y, w, h}, s: link})
}
