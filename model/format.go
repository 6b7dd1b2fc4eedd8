package model

import "strings"

// The figures as reports write them, in one place for the council report,
// the workbooks and the site: a percentage, a measured value and a date.

// FormatPercent is a percentage with one decimal as people of lang write
// it: "41,7 %" in Bulgarian, "41.7%" in English.
func FormatPercent(v float64, lang Lang) string {
	n := FormatNumber(Round1(v), 1, lang)
	if lang == EN {
		return n + "%"
	}
	return n + " %"
}

// Quote puts s in the quotation marks of lang: „…“ in Bulgarian, “…” in
// English.
func Quote(s string, lang Lang) string {
	if lang == EN {
		return "“" + s + "”"
	}
	return "„" + s + "“"
}

// FormatValue is a measured value (a KPI's): no decimals for a whole
// number, else up to two, without trailing zeros.
func FormatValue(v float64, lang Lang) string {
	if v == float64(int64(v)) {
		return FormatNumber(v, 0, lang)
	}
	s := strings.TrimRight(FormatNumber(v, 2, lang), "0")
	return strings.TrimRight(strings.TrimRight(s, "."), ",")
}

// Display is d as a report writes it: 30.11.2026 in Bulgarian, 30 Nov
// 2026 in English (never the ISO form, which is for files); "" for zero.
// It is Format, the product's one form of a date (EnglishDateLayout).
func (d Date) Display(lang Lang) string { return d.Format(lang) }

// DisplayText is d in running text: "30.11.2026 г." in Bulgarian, as
// Display in English.
func (d Date) DisplayText(lang Lang) string {
	if d == 0 || lang == EN {
		return d.Display(lang)
	}
	return d.Display(lang) + " г."
}
