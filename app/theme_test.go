package app

import (
	"fmt"
	"image/color"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"strategytracker/model"
)

// The texts coloured by their importance — a unit's "returned on …"
// (success), the lock banners (warning), the error lines (danger) — read
// on the window's background in both variants: a contrast of at least
// 4.5:1 (WCAG AA). Fyne's light success green had 1.5:1 (issue 22).
func TestImportanceColoursAreReadable(t *testing.T) {
	for _, v := range []fyne.ThemeVariant{theme.VariantLight, theme.VariantDark} {
		th := variantTheme{theme.DefaultTheme(), v}
		bg := th.Color(theme.ColorNameBackground, v)
		for _, n := range []fyne.ThemeColorName{theme.ColorNameSuccess, theme.ColorNameWarning, theme.ColorNameError} {
			if got := contrast(th.Color(n, v), bg); got < 4.5 {
				t.Errorf("variant %d: %s on the background has a contrast of %.2f:1, want at least 4.5:1", v, n, got)
			}
		}
	}
	// A button of that importance writes its text on it: readable too.
	th := variantTheme{theme.DefaultTheme(), theme.VariantLight}
	for n, on := range map[fyne.ThemeColorName]fyne.ThemeColorName{theme.ColorNameSuccess: theme.ColorNameForegroundOnSuccess,
		theme.ColorNameWarning: theme.ColorNameForegroundOnWarning, theme.ColorNameError: theme.ColorNameForegroundOnError} {
		if got := contrast(th.Color(n, theme.VariantLight), th.Color(on, theme.VariantLight)); got < 4.5 {
			t.Errorf("%s on %s: %.2f:1", on, n, got)
		}
	}
}

// contrast is model.Contrast of two theme colours.
func contrast(a, b color.Color) float64 { return model.Contrast(hexOf(a), hexOf(b)) }

func hexOf(c color.Color) string {
	n := color.NRGBAModel.Convert(c).(color.NRGBA)
	return fmt.Sprintf("#%02X%02X%02X", n.R, n.G, n.B)
}
