package app

import (
	"image/color"
	"strconv"

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
