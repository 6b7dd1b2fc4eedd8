package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// Columns of the measure table.
const (
	colCode = iota
	colTitle
	colArea
	colUnit
	colEnd
	colProgress
	colStatus
	numCols
)

var colKeys = [numCols]string{"col.code", "col.title", "col.area", "col.unit", "col.end", "col.progress", "col.status"}

// colWidths are the widths of the columns at which the table fills its
// area exactly; wider windows give the room to the title, the area and the
// unit (colGrow shares), and narrower ones take it from them down to
// colFloor, so that the end, the progress and the status stay in sight at
// 1024×700 (issue 22 screenshots: the status column was scrolled off).
// Below the floors the table scrolls sideways.
var colWidths = [numCols]float32{70, 220, 130, 160, 100, 150, 124}
var colGrow = [numCols]float32{0, 0.5, 0.2, 0.3, 0, 0, 0}
var colFloor = [numCols]float32{70, 130, 80, 100, 100, 150, 124}

// tableFit lays the table over its whole area and fits the title, area
// and unit columns to the room the window leaves.
type tableFit struct{ s *measuresScreen }

func (l tableFit) MinSize(objs []fyne.CanvasObject) fyne.Size { return fyne.NewSize(300, 200) }

func (l tableFit) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	extra := size.Width - tableWidth(colWidths)
	if extra != l.s.extraWidth {
		l.s.extraWidth = extra
		for c, w := range fitColumns(size.Width) {
			l.s.table.SetColumnWidth(c, w)
		}
	}
	for _, o := range objs {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
}

// fitColumns are the widths of the columns in a table width wide.
func fitColumns(width float32) (ws [numCols]float32) {
	extra := width - tableWidth(colWidths)
	for c, w := range colWidths {
		ws[c] = max(colFloor[c], w+extra*colGrow[c])
	}
	return ws
}

// tableWidth is the width a table with columns ws needs: the columns, the
// padding between them and the scroll bar.
func tableWidth(ws [numCols]float32) float32 {
	total := theme.ScrollBarSize() + float32(numCols)*theme.Padding()
	for _, w := range ws {
		total += w
	}
	return total
}
