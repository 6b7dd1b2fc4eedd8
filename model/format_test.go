package model

import (
	"testing"
	"time"
)

func TestReportFormatters(t *testing.T) {
	for _, c := range []struct {
		got, want string
	}{
		{FormatPercent(71.54, BG), "71,5 %"},
		{FormatPercent(71.55, EN), "71.6%"},
		{FormatPercent(0, BG), "0,0 %"},
		{FormatValue(1200, BG), "1 200"},
		{FormatValue(8.9, BG), "8,9"},
		{FormatValue(17.25, EN), "17.25"},
		{MustDate("2026-11-30").Display(BG), "30.11.2026"},
		{MustDate("2026-11-30").Display(EN), "30 Nov 2026"},
		{MustDate("2026-11-30").DisplayText(BG), "30.11.2026 г."},
		{MustDate("2026-11-30").DisplayText(EN), "30 Nov 2026"},
		{Date(0).Display(EN), ""},
		{FormatRevisionValue("due", "2025-12-31", EN), "31 Dec 2025"},
		{NarrativeHighlights.Label(BG), "Постижения"},
		{NarrativeDecisions.Label(BG), "Решения, които се искат от Съвета"},
	} {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
}

// A KPI's value with its unit reads as the percentage, the money and the
// counted nouns read everywhere else.
func TestFormatKPIValue(t *testing.T) {
	for _, c := range []struct {
		v    float64
		unit string
		lang Lang
		want string
	}{
		{75.6, "%", BG, "75,6 %"},
		{75.6, "%", EN, "75.6%"},
		{100, "%", EN, "100%"},
		{1200, "€", BG, "1 200 €"},
		{1200, "€", EN, "€1,200"},
		{1200.5, "EUR", EN, "€1,200.50"},
		{1200.5, "евро", BG, "1 200,50 €"},
		{5000, "брой", BG, "5 000 броя"},
		{1, "брой", BG, "1 брой"},
		{5000, "number", EN, "5,000"},
		{1, "дни", BG, "1 ден"},
		{3, "дни", BG, "3 дни"},
		{1, "working days", EN, "1 working day"},
		{2.5, "days", EN, "2.5 days"},
		{12.5, "км/ч", BG, "12,5 км/ч"},
		{3, "km²", EN, "3 km²"},
		{7, "", EN, "7"},
		{7, " % ", BG, "7 %"},
	} {
		if got := FormatKPIValue(c.v, c.unit, c.lang); got != c.want {
			t.Errorf("FormatKPIValue(%v, %q, %s): got %q, want %q", c.v, c.unit, c.lang, got, c.want)
		}
		before, n, after := ValueParts(c.v, c.unit, c.lang)
		if got := before + n + after; got != c.want {
			t.Errorf("ValueParts(%v, %q, %s) joined: got %q, want %q", c.v, c.unit, c.lang, got, c.want)
		}
	}
}

func TestFormatCountAndDateTime(t *testing.T) {
	at := time.Date(2026, 11, 30, 14, 5, 0, 0, time.UTC)
	for _, c := range []struct {
		got, want string
	}{
		{FormatCount(1, "мярка", "мерки", BG), "1 мярка"},
		{FormatCount(1200, "мерки", "мерки", BG), "1 200 мерки"},
		{FormatCount(0, "day", "days", EN), "0 days"},
		{FormatCount(1200, "day", "days", EN), "1,200 days"},
		{FormatDateTime(at, BG), "30.11.2026 14:05"},
		{FormatDateTime(at, EN), "30 Nov 2026 14:05"},
		{FormatPoints(4.24, BG), "4,2 п.п."},
		{FormatPoints(4.25, EN), "4.3 pts"},
		{FormatRevisionValue("targetValue", "8.9", BG), "8,9"},
		{SpreadsheetFormats(BG).Percent, "0.0 %"},
		{SpreadsheetFormats(EN).EUR, `"€"#,##0.00`},
	} {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
}
