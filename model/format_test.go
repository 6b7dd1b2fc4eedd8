package model

import "testing"

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
