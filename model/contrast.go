package model

import (
	"math"
	"strconv"
	"strings"
)

// Contrast is the WCAG 2.1 contrast ratio (1–21) of two colours written
// "#RRGGBB", as the palettes are (StatusHex): the public site chooses its
// text colours by it and the app's tests check its theme with it. A
// malformed colour is a programming error in a palette constant: it panics.
func Contrast(a, b string) float64 {
	la, lb := luminance(a), luminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

// luminance is the WCAG 2.1 relative luminance of "#RRGGBB".
func luminance(hex string) float64 {
	v, err := strconv.ParseUint(strings.TrimPrefix(hex, "#"), 16, 32)
	if err != nil || len(hex) != 7 || hex[0] != '#' {
		panic("model: bad colour " + hex)
	}
	ch := func(c uint64) float64 {
		s := float64(c) / 255
		if s <= 0.04045 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*ch(v>>16&0xFF) + 0.7152*ch(v>>8&0xFF) + 0.0722*ch(v&0xFF)
}
