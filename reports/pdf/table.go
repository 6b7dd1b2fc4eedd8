package pdf

import (
	"strings"

	"strategytracker/model"
)

// A table is drawn row by row. A row is prepared first (its cells wrapped
// to their widths once, its height known), then placed: when it does not fit
// above the bottom margin the page breaks, the caption and the column
// headers repeat, and the row goes whole onto the new page — a row is never
// split. A row too tall for any page is cut to fit, its last line ending
// with an ellipsis.

const (
	padX      = 1.6 // horizontal padding inside a cell
	padY      = 1.5 // vertical padding inside a cell
	tableSize = 7.8 // font size of table text
	headSize  = 6.8 // font size of column headers
	noteSize  = 7.0 // font size of notes under a row
)

// col is a table column.
type col struct {
	title string
	w     float64
	align string // "L", "C" or "R"
}

// tcell is one prepared cell: wrapped lines, or a painter for graphics.
type tcell struct {
	lines []string
	bold  bool
	muted bool
	// paint draws the cell's content; x, y is the top left corner of the
	// cell's first text line, w the inner width.
	paint func(x, y, w float64)
	h     float64 // content height for painted cells
	c     *rgb    // a colour of its own (overdue in red), else text or muted
	link  string  // a web address the cell's text opens
}

// tnote is a line of text under a row, spanning from a column to the right edge.
type tnote struct {
	lines []string
	c     rgb
	link  string // a web address the note opens
}

// trow is a prepared row.
type trow struct {
	cells []tcell
	notes []tnote
	h     float64
}

type table struct {
	r        *report
	cols     []col
	x        float64
	headH    float64
	head     [][]string
	caption  string // shown above the repeated header on a new page
	noteCol  int    // notes start at this column
	started  bool
	lh       float64
	noteLH   float64
	zebra    bool
	rowCount int
	py       float64 // vertical padding of the rows' cells
}

// newTable prepares a table whose columns fill the content width: the
// column of width 0, else the last, takes what the others leave.
func (r *report) newTable(caption string, cols ...col) *table {
	t := &table{r: r, cols: cols, x: marginL, caption: caption, lh: lineH(tableSize), noteLH: lineH(noteSize), py: padY}
	used, rest := 0.0, len(cols)-1
	for i, c := range cols {
		used += c.w
		if c.w == 0 {
			rest = i
		}
	}
	t.cols[rest].w += contentW - used
	r.setFont("B", headSize)
	// A column is at least as wide as the longest word of its header, so
	// that no header word is broken ("Measur/e"); the flexible column gives
	// up what the others need.
	for i, c := range t.cols {
		if i == rest {
			continue
		}
		need := 0.0
		for _, word := range strings.Fields(c.title) {
			need = max(need, r.width(word)+2*padX+0.2)
		}
		if need > c.w {
			t.cols[rest].w -= need - c.w
			t.cols[i].w = need
		}
	}
	lines := 1
	for _, c := range cols {
		ls := r.split(c.title, c.w-2*padX)
		t.head = append(t.head, ls)
		lines = max(lines, len(ls))
	}
	t.headH = float64(lines)*lineH(headSize) + 2*padY
	return t
}

// text prepares a text cell of column i.
func (t *table) text(i int, s string) tcell {
	t.r.setFont("", tableSize)
	return tcell{lines: t.r.split(s, t.cols[i].w-2*padX)}
}

// bold prepares a bold text cell of column i.
func (t *table) bold(i int, s string) tcell {
	t.r.setFont("B", tableSize)
	return tcell{lines: t.r.split(s, t.cols[i].w-2*padX), bold: true}
}

// red prepares a bold cell in the colour of delay (overdue milestones).
func (t *table) red(i int, s string) tcell {
	c := t.bold(i, s)
	red := statusColour[model.StatusDelayed]
	c.c = &red
	return c
}

// muted prepares a muted text cell of column i.
func (t *table) muted(i int, s string) tcell {
	c := t.text(i, s)
	c.muted = true
	return c
}

// stack prepares a cell of column i with a first line in the table's text
// and a muted second part under it.
func (t *table) stack(i int, first, second string, bold bool) tcell {
	var c tcell
	if bold {
		c = t.bold(i, first)
	} else {
		c = t.text(i, first)
	}
	if second == "" {
		return c
	}
	t.r.setFont("", tableSize)
	sub := t.r.split(second, t.cols[i].w-2*padX)
	top := c.lines
	c.lines = nil
	c.paint = func(x, y, w float64) {
		r := t.r
		if bold {
			r.setFont("B", tableSize)
		} else {
			r.setFont("", tableSize)
		}
		r.setText(cText)
		r.lines(x, y, w, t.lh, top, t.cols[i].align)
		r.setFont("", tableSize)
		r.setText(cMuted)
		r.lines(x, y+float64(len(top))*t.lh, w, t.lh, sub, t.cols[i].align)
	}
	c.h = float64(len(top)+len(sub)) * t.lh
	return c
}

// painted prepares a cell drawn by paint, h high.
func painted(h float64, paint func(x, y, w float64)) tcell { return tcell{paint: paint, h: h} }

// note prepares a note under the row, wrapped across the columns from noteCol.
func (t *table) note(s string, c rgb, maxLines int) tnote {
	w := t.noteW()
	t.r.setFont("", noteSize)
	ls := t.r.split(s, w)
	if maxLines > 0 {
		ls = t.r.clamp(ls, maxLines, w)
	}
	return tnote{lines: ls, c: c}
}

func (t *table) noteW() float64 {
	w := -2 * padX
	for _, c := range t.cols[t.noteCol:] {
		w += c.w
	}
	return w
}

// row prepares a row from its cells and notes.
func (t *table) row(cells []tcell, notes ...tnote) *trow {
	rw := &trow{cells: cells}
	h := 0.0
	for _, c := range cells {
		if c.paint != nil {
			h = max(h, c.h)
		} else {
			h = max(h, float64(len(c.lines))*t.lh)
		}
	}
	for _, n := range notes {
		if len(n.lines) > 0 {
			rw.notes = append(rw.notes, n)
			h += float64(len(n.lines)) * t.noteLH
		}
	}
	if len(rw.notes) > 0 {
		h += 0.6
	}
	rw.h = max(h, t.lh) + 2*t.py
	return rw
}

// capH is the height of the continuation caption.
func (t *table) capH() float64 {
	if t.caption == "" {
		return 0
	}
	t.r.setFont("B", 8.5)
	return float64(len(t.r.continued(t.caption)))*lineH(8.5) + 1.5
}

// fit cuts a row that no page could hold: its cells to the lines a page
// holds, then its notes to the room left, each cut ending with an ellipsis.
func (t *table) fit(rw *trow) {
	room := bodyBottom - bodyTop - t.headH - max(t.capH(), lineH(8.5)+1.5) - 2*t.py
	if rw.h-2*t.py <= room {
		return
	}
	maxLines := max(1, int(room/t.lh))
	cellH := t.lh
	for i := range rw.cells {
		c := &rw.cells[i]
		if c.paint != nil {
			cellH = max(cellH, c.h)
			continue
		}
		if len(c.lines) > maxLines {
			if c.bold {
				t.r.setFont("B", tableSize)
			} else {
				t.r.setFont("", tableSize)
			}
			c.lines = t.r.clamp(c.lines, maxLines, t.cols[i].w-2*padX)
		}
		cellH = max(cellH, float64(len(c.lines))*t.lh)
	}
	left := room - cellH - 0.6
	notes := rw.notes[:0]
	notesH := 0.0
	t.r.setFont("", noteSize)
	for _, n := range rw.notes {
		k := int(left / t.noteLH)
		if k <= 0 {
			break
		}
		n.lines = t.r.clamp(n.lines, k, t.noteW())
		notes = append(notes, n)
		left -= float64(len(n.lines)) * t.noteLH
		notesH += float64(len(n.lines)) * t.noteLH
	}
	rw.notes = notes
	rw.h = cellH + 2*t.py
	if len(notes) > 0 {
		rw.h += notesH + 0.6
	}
}

// place draws a prepared row, breaking the page first when it does not fit.
func (t *table) place(rw *trow) {
	r := t.r
	t.fit(rw)
	if !t.started || r.y+rw.h > bodyBottom {
		if r.y+t.headH+rw.h > bodyBottom {
			r.newPage()
			if t.started && t.caption != "" {
				r.setFont("B", 8.5)
				r.setText(cMuted)
				ls := r.continued(t.caption)
				r.lines(t.x, r.y, contentW, lineH(8.5), ls, "L")
				r.y += float64(len(ls))*lineH(8.5) + 1.5
			}
		}
		t.header()
		t.started = true
	}
	y := r.y
	if t.zebra && t.rowCount%2 == 1 {
		r.rect(t.x, y, contentW, rw.h, cCardFill)
	}
	t.rowCount++
	// Painted cells first, then the text cells a style at a time, so that
	// a row selects each font and colour once.
	x := t.x
	for i, c := range rw.cells {
		if c.paint != nil {
			c.paint(x+padX, y+t.py, t.cols[i].w-2*padX)
		}
		x += t.cols[i].w
	}
	for _, style := range [...]struct{ bold, muted bool }{{false, false}, {true, false}, {false, true}, {true, true}} {
		x = t.x
		for i, c := range rw.cells {
			if c.paint == nil && len(c.lines) > 0 && c.bold == style.bold && c.muted == style.muted {
				if c.bold {
					r.setFont("B", tableSize)
				} else {
					r.setFont("", tableSize)
				}
				switch {
				case c.c != nil:
					r.setText(*c.c)
				case c.muted:
					r.setText(cMuted)
				default:
					r.setText(cText)
				}
				r.lines(x+padX, y+t.py, t.cols[i].w-2*padX, t.lh, c.lines, t.cols[i].align)
				if c.link != "" {
					r.pdf.LinkString(x+padX, y+t.py, t.cols[i].w-2*padX, float64(len(c.lines))*t.lh, c.link)
				}
			}
			x += t.cols[i].w
		}
	}
	if len(rw.notes) > 0 {
		nx := t.x
		for _, c := range t.cols[:t.noteCol] {
			nx += c.w
		}
		ny := y + rw.h - t.py
		for _, n := range rw.notes {
			ny -= float64(len(n.lines)) * t.noteLH
		}
		r.setFont("", noteSize)
		for _, n := range rw.notes {
			r.setText(n.c)
			r.lines(nx+padX, ny, t.noteW(), t.noteLH, n.lines, "L")
			if n.link != "" {
				r.pdf.LinkString(nx+padX, ny, t.noteW(), float64(len(n.lines))*t.noteLH, n.link)
			}
			ny += float64(len(n.lines)) * t.noteLH
		}
	}
	r.hline(t.x, t.x+contentW, y+rw.h, 0.15, cRule)
	r.y = y + rw.h
}

// header draws the column headers at the current position.
func (t *table) header() {
	r := t.r
	r.rect(t.x, r.y, contentW, t.headH, cHeadFill)
	r.setFont("B", headSize)
	r.setText(cMuted)
	x := t.x
	for i, c := range t.cols {
		r.lines(x+padX, r.y+padY, c.w-2*padX, lineH(headSize), t.head[i], c.align)
		x += c.w
	}
	r.hline(t.x, t.x+contentW, r.y+t.headH, 0.3, cMuted)
	r.y += t.headH
	t.rowCount = 0
}

// keepRows is how much of a table its title keeps with it: the whole
// table when a page holds it (short tables are never split), else the
// header and the first rows.
func (r *report) keepRows(t *table, rows []*trow) float64 {
	h := t.headH
	for _, rw := range rows {
		h += rw.h
	}
	if h <= (bodyBottom-bodyTop)*0.6 {
		return h
	}
	first := t.headH
	for k := 0; k < len(rows) && k < 3; k++ {
		first += rows[k].h
	}
	return first
}

// placeRows places the rows of a table and ends it.
func (r *report) placeRows(t *table, rows []*trow) {
	for _, rw := range rows {
		t.place(rw)
	}
	t.end()
}

// end leaves space after the table.
func (t *table) end() { t.r.y += 4 }
