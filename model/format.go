package model

import (
	"strings"
	"time"
)

// The one form of each kind of value people read — a percentage, a KPI's
// value with its unit, an amount of money (FormatEUR), a count with its
// noun, a date and a date with its time — shared by the app, the council
// report, the workbooks and the site, so that the same value reads the
// same everywhere. formatguard_test.go fails when a format
// of these kinds is written anywhere else.

// FormatPercent is a percentage with one decimal as people of lang write
// it: "41,7 %" in Bulgarian, "41.7%" in English.
func FormatPercent(v float64, lang Lang) string {
	return percentSign(FormatNumber(Round1(v), 1, lang), lang)
}

// percentSign puts the percent sign after a number written in lang:
// Bulgarian writes a space before it ("41,7 %"), English none ("41.7%").
func percentSign(n string, lang Lang) string {
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

// FormatValue is a measured value (a KPI's) without its unit: no decimals
// for a whole number, else up to two, without trailing zeros.
func FormatValue(v float64, lang Lang) string {
	if v == float64(int64(v)) {
		return FormatNumber(v, 0, lang)
	}
	s := strings.TrimRight(FormatNumber(v, 2, lang), "0")
	return strings.TrimRight(strings.TrimRight(s, "."), ",")
}

// FormatKPIValue is a KPI's value with its unit of measure as people of
// lang write it (ValueParts): "75,6 %" / "75.6%" (as FormatPercent writes
// the sign), "1 200 €" / "€1,200", "5 000 броя", "1 ден", "3 days", and
// no unit where the unit only says "number".
func FormatKPIValue(v float64, unit string, lang Lang) string {
	before, n, after := ValueParts(v, unit, lang)
	return before + n + after
}

// ValueParts is FormatKPIValue in three parts — what stands before the
// number (the euro sign in English), the number, and what follows it
// with its space (" броя", " %", "%") — for writers that mark the unit up
// (the site marks a unit shown in the other language).
func ValueParts(v float64, unit string, lang Lang) (before, number, after string) {
	unit = strings.TrimSpace(unit)
	number = FormatValue(v, lang)
	switch {
	case unit == "":
		return "", number, ""
	case unit == "%":
		return "", number, percentSign("", lang)
	case isEuro(unit):
		if v != float64(int64(v)) {
			number = FormatNumber(v, 2, lang) // money has cents or none
		}
		if lang == EN {
			return "€", number, ""
		}
		return "", number, " €"
	case strings.EqualFold(unit, "number"):
		return "", number, ""
	}
	return "", number, " " + countedForm(v, unit)
}

func isEuro(unit string) bool {
	return unit == "€" || strings.EqualFold(unit, "EUR") || strings.EqualFold(unit, "евро")
}

// unitForms are units of measure whose noun changes with the number: the
// form after one, then the form after any other number.
var unitForms = [][2]string{
	{"брой", "броя"}, {"ден", "дни"}, {"работен ден", "работни дни"}, {"месец", "месеца"}, {"час", "часа"},
	{"day", "days"}, {"working day", "working days"}, {"month", "months"}, {"hour", "hours"},
}

// countedForm is unit in its form after v: "1 ден", "3 дни", "5 броя".
func countedForm(v float64, unit string) string {
	for _, f := range unitForms {
		if unit == f[0] || unit == f[1] {
			if v == 1 {
				return f[0]
			}
			return f[1]
		}
	}
	return unit
}

// FormatCount is a count with its noun in the form for n, the number
// grouped as lang groups thousands: "1 мярка", "1 200 мерки", "3 days".
func FormatCount(n int, one, many string, lang Lang) string {
	return FormatNumber(float64(n), 0, lang) + " " + Counted(n, one, many)
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

// FormatDateTime is a moment as people of lang read it, in t's location:
// its date (Date.Display) and the time of day on the 24-hour clock,
// "30.11.2026 14:05" / "30 Nov 2026 14:05".
func FormatDateTime(t time.Time, lang Lang) string {
	return DateOf(t).Display(lang) + " " + t.Format("15:04")
}

// SheetFormats are the spreadsheet number formats of the workbooks in
// lang, the forms above in a spreadsheet's notation (where "," groups
// thousands and "." marks decimals whatever the reader's locale shows).
type SheetFormats struct {
	Date    string // 30.11.2026 / 30 Nov 2026
	EUR     string // 1 200 000,00 € / €1,200,000.00
	Percent string // of a fraction: 71,5 % / 71.5%
	Whole   string // a whole number, grouped: 1 200
	Value   string // a measured value with one or two decimals: 8,9
	Money   string // an amount without the sign, to type over: 1 200 000,00
	// TypedDate is a date to type over in the workbooks that are filled
	// in and read back (the plan, a period's return): dd.mm.yyyy in both
	// languages, as their instructions say.
	TypedDate string
}

// SpreadsheetFormats are the SheetFormats of lang.
func SpreadsheetFormats(lang Lang) SheetFormats {
	f := SheetFormats{Date: "dd.mm.yyyy", EUR: `#,##0.00 "€"`, Percent: "0.0 %", Whole: "#,##0", Value: "#,##0.0#", Money: "#,##0.00", TypedDate: "dd.mm.yyyy"}
	if lang == EN {
		f.Date, f.EUR, f.Percent = "d mmm yyyy", `"€"#,##0.00`, "0.0%"
	}
	return f
}

// FormatPoints is a difference of two percentages in percentage points,
// with one decimal and no sign: "4,2 п.п." / "4.2 pts".
func FormatPoints(v float64, lang Lang) string {
	if lang == EN {
		return FormatNumber(Round1(v), 1, lang) + " pts"
	}
	return FormatNumber(Round1(v), 1, lang) + " п.п."
}
