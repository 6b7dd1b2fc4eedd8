package model

import (
	"fmt"
	"testing"
)

// refEURCents converts stotinki to cents with plain integer arithmetic,
// independently of the big.Rat code under test: cents = s × 100000 / 195583,
// rounded half away from zero.
func refEURCents(s int64) int64 {
	neg := s < 0
	if neg {
		s = -s
	}
	q := (2*s*100000 + 195583) / (2 * 195583)
	if neg {
		return -q
	}
	return q
}

func TestBGNToEURCents(t *testing.T) {
	// 195583 is odd and prime to 100000, so s/1.95583 is never exactly x.5
	// cents; the rows below are the nearest cases on either side of a half.
	tests := []struct {
		stotinki int64
		want     int64
	}{
		{0, 0},
		{195583, 100000},       // 1 955,83 лв. = 1 000,00 €
		{-195583, -100000},     // exact, negative
		{350000000, 178952158}, // BGN 3.5 million (demo measure 4)
		{-350000000, -178952158},
		{1, 1},            // 0.511 cents
		{-1, -1},          // half away from zero: -0.511 → -1
		{2, 1},            // 1.0226
		{3, 2},            // 1.5339
		{-3, -2},          // -1.5339
		{75541, 38623},    // 38623.4999974: just below a half
		{-75541, -38623},  // symmetric
		{120042, 61377},   // 61376.5000026: just above a half
		{-120042, -61377}, // away from zero
		{97792, 50000},    // 50000.256
		{977915, 500000},  // exactly 5 × 195583
	}
	for _, tt := range tests {
		t.Run(fmt.Sprint(tt.stotinki), func(t *testing.T) {
			if got := BGNToEURCents(tt.stotinki); got != tt.want {
				t.Errorf("BGNToEURCents(%d) = %d, want %d", tt.stotinki, got, tt.want)
			}
		})
	}
}

func TestBGNToEURCentsMatchesIntegerReference(t *testing.T) {
	for s := int64(-300000); s <= 300000; s += 7 {
		if got, want := BGNToEURCents(s), refEURCents(s); got != want {
			t.Fatalf("BGNToEURCents(%d) = %d, want %d", s, got, want)
		}
	}
	for _, s := range []int64{1_000_000_000_00, 123_456_789_012, -987_654_321_098} {
		if got, want := BGNToEURCents(s), refEURCents(s); got != want {
			t.Errorf("BGNToEURCents(%d) = %d, want %d", s, got, want)
		}
	}
}

func TestFormatEUR(t *testing.T) {
	tests := []struct {
		cents  int64
		bg, en string
	}{
		{123456789, "1 234 567,89 €", "€1,234,567.89"},
		{0, "0,00 €", "€0.00"},
		{5, "0,05 €", "€0.05"},
		{10, "0,10 €", "€0.10"},
		{99999, "999,99 €", "€999.99"},
		{100000, "1 000,00 €", "€1,000.00"},
		{178952158, "1 789 521,58 €", "€1,789,521.58"},
		{100000000000, "1 000 000 000,00 €", "€1,000,000,000.00"},
		{-5, "-0,05 €", "-€0.05"},
		{-123456, "-1 234,56 €", "-€1,234.56"},
		{-123456789, "-1 234 567,89 €", "-€1,234,567.89"},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprint(tt.cents), func(t *testing.T) {
			if got := FormatEUR(tt.cents, BG); got != tt.bg {
				t.Errorf("FormatEUR(%d, bg) = %q, want %q", tt.cents, got, tt.bg)
			}
			if got := FormatEUR(tt.cents, EN); got != tt.en {
				t.Errorf("FormatEUR(%d, en) = %q, want %q", tt.cents, got, tt.en)
			}
		})
	}
}

func TestFormatNumber(t *testing.T) {
	tests := []struct {
		v        float64
		decimals int
		bg, en   string
	}{
		{41.66, 1, "41,7", "41.7"},
		{1234567.891, 2, "1 234 567,89", "1,234,567.89"},
		{1000, 0, "1 000", "1,000"},
		{999, 0, "999", "999"},
		{-1234.5, 1, "-1 234,5", "-1,234.5"},
		{0, 1, "0,0", "0.0"},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprint(tt.v), func(t *testing.T) {
			if got := FormatNumber(tt.v, tt.decimals, BG); got != tt.bg {
				t.Errorf("FormatNumber(%v, %d, bg) = %q, want %q", tt.v, tt.decimals, got, tt.bg)
			}
			if got := FormatNumber(tt.v, tt.decimals, EN); got != tt.en {
				t.Errorf("FormatNumber(%v, %d, en) = %q, want %q", tt.v, tt.decimals, got, tt.en)
			}
		})
	}
}
