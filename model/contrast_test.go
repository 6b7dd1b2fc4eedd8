package model

import (
	"math"
	"testing"
)

func TestContrast(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want float64
	}{
		{"#000000", "#FFFFFF", 21},
		{"#FFFFFF", "#000000", 21},
		{"#1F6FB2", "#1F6FB2", 1},
		{"#767676", "#FFFFFF", 4.54}, // the lightest grey that passes AA on white
	} {
		if got := Contrast(c.a, c.b); math.Abs(got-c.want) > 0.01 {
			t.Errorf("Contrast(%s, %s) = %.3f, want %.2f", c.a, c.b, got, c.want)
		}
	}
	for _, bad := range []string{"", "#FFF", "FFFFFFF", "#GGGGGG"} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("Contrast(%q) did not panic", bad)
				}
			}()
			Contrast(bad, "#FFFFFF")
		}()
	}
}
