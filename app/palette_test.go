package app

import (
	"image/color"
	"math"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// Text in the theme's success and warning colours ("returned on …",
// "awaiting answer" on the reporting screen) reads on the background of
// either theme: at least the 4.5:1 contrast WCAG asks of text (issue 22
// screenshots: Fyne's light green was 1.5:1 on white).
func TestStatusTextColoursReadOnTheirBackground(t *testing.T) {
	for _, v := range []fyne.ThemeVariant{theme.VariantLight, theme.VariantDark} {
		th := variantTheme{theme.DefaultTheme(), v}
		bg := th.Color(theme.ColorNameBackground, v)
		for _, n := range []fyne.ThemeColorName{theme.ColorNameSuccess, theme.ColorNameWarning} {
			if got := contrast(th.Color(n, v), bg); got < 4.5 {
				t.Errorf("variant %d: %s on the background: contrast %.1f:1, want at least 4.5:1", v, n, got)
			}
		}
	}
}

// contrast is the WCAG 2 contrast ratio of two colours.
func contrast(a, b color.Color) float64 {
	la, lb := luminance(a), luminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

func luminance(c color.Color) float64 {
	n := color.NRGBAModel.Convert(c).(color.NRGBA)
	lin := func(v uint8) float64 {
		s := float64(v) / 255
		if s <= 0.03928 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(n.R) + 0.7152*lin(n.G) + 0.0722*lin(n.B)
}
