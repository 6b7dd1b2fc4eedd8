package app

import (
	"image/color"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"strategytracker/model"
)

// The one status palette of DESIGN.md §2 is model.StatusHex, shared with
// the workbook and the PDF report; the app only turns it into colours.

// StatusColor returns the palette colour of s; unknown statuses are grey.
func StatusColor(s model.Status) color.NRGBA {
	h, ok := model.StatusHex[s]
	if !ok {
		h = model.StatusHex[model.StatusNotStarted]
	}
	return hexColor(h)
}

// lightTextColors replace the light theme's green, orange and red, which
// labels of success, warning and danger are written in ("returned on …",
// "awaiting answer", the lock banners, the error lines): Fyne's #43F436,
// #FF9800 and #F44336 are 1.5:1, 2.2:1 and 3.7:1 on white, too light to
// read (issue 22 screenshots, the reporting cycle); these are above the
// 4.5:1 WCAG asks of text, on the background and under the white text of a
// button of that importance.
var lightTextColors = map[fyne.ThemeColorName]color.Color{
	theme.ColorNameSuccess: hexColor("#1E7B34"),
	theme.ColorNameWarning: hexColor("#A85400"),
	theme.ColorNameError:   hexColor("#C62828"),
}

// DemoColor is the colour of the "demonstration data" mark.
func DemoColor() color.NRGBA { return hexColor(model.DemoHex) }

// hexColor parses "#RRGGBB"; anything else is a programming error in the
// palette constants and shows as magenta.
func hexColor(h string) color.NRGBA {
	v, err := strconv.ParseUint(h[min(1, len(h)):], 16, 32)
	if len(h) != 7 || h[0] != '#' || err != nil {
		return color.NRGBA{R: 0xFF, B: 0xFF, A: 0xFF}
	}
	return color.NRGBA{R: uint8(v >> 16), G: uint8(v >> 8), B: uint8(v), A: 0xFF}
}

// withAlpha returns c with alpha a.
func withAlpha(c color.NRGBA, a uint8) color.NRGBA {
	c.A = a
	return c
}
