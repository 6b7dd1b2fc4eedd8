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

// lightTextColors replace the light theme's green and orange, which
// labels of success and warning are written in ("returned on …", "awaiting
// answer"): Fyne's #43F436 and #FF9800 are 1.5:1 and 2.2:1 on white, too
// light to read (issue 22 screenshots, the reporting cycle); these are
// 5.3:1 each, above the 4.5:1 WCAG asks of text.
var lightTextColors = map[fyne.ThemeColorName]color.Color{
	theme.ColorNameSuccess: hexColor("#1E7B34"),
	theme.ColorNameWarning: hexColor("#A85400"),
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
