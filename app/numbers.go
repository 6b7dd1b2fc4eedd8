package app

import (
	"math"
	"strconv"
	"strings"

	"strategytracker/model"
)

// Numbers, money and dates as people type and read them.

// parseOptionalDate reads a date; "" is no date.
func parseOptionalDate(s string) (model.Date, string) {
	if strings.TrimSpace(s) == "" {
		return 0, ""
	}
	d, err := model.ParseDate(s)
	if err != nil {
		return 0, tr("invalid.date")
	}
	return d, ""
}

// parseRequiredDate reads a date that must be there.
func parseRequiredDate(s string) (model.Date, string) {
	if strings.TrimSpace(s) == "" {
		return 0, tr("invalid.required")
	}
	return parseOptionalDate(s)
}

// parseNumber reads a decimal number written with "," or "." as the
// decimal separator, with spaces between thousands.
func parseNumber(s string) (float64, bool) {
	s = strings.NewReplacer(" ", "", "\u00a0", "", "\u202f", "", "%", "").Replace(strings.TrimSpace(s))
	if strings.Count(s, ",") == 1 && !strings.Contains(s, ".") {
		s = strings.Replace(s, ",", ".", 1)
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, false
	}
	return v, true
}

// inputNumber writes v for an entry to type over: exact, every decimal
// kept, without grouping, so that saving it unchanged changes nothing.
// What people read goes through model.FormatValue / model.FormatKPIValue.
func inputNumber(v float64) string {
	s := strconv.FormatFloat(v, 'f', -1, 64)
	if currentLang() == model.BG {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s
}

// parseMoney reads an amount in euro ("1 234,56", "€1,234.56", "1234.5")
// as cents, exactly.
func parseMoney(s string) (int64, bool) {
	s = strings.NewReplacer(" ", "", "\u00a0", "", "\u202f", "", "€", "", "EUR", "", "eur", "").Replace(strings.TrimSpace(s))
	if s == "" {
		return 0, true
	}
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	// The last separator followed by one or two digits is the decimal one;
	// any other separator groups thousands.
	intPart, frac := s, ""
	if i := strings.LastIndexAny(s, ",."); i >= 0 && len(s)-i-1 <= 2 {
		intPart, frac = s[:i], s[i+1:]
	}
	if groups := strings.FieldsFunc(intPart, func(r rune) bool { return r == ',' || r == '.' }); len(groups) > 1 {
		// Thousands come in groups of three digits.
		if strings.HasSuffix(intPart, ",") || strings.HasSuffix(intPart, ".") || len(groups[0]) > 3 {
			return 0, false
		}
		for _, g := range groups[1:] {
			if len(g) != 3 {
				return 0, false
			}
		}
	}
	intPart = strings.NewReplacer(",", "", ".", "").Replace(intPart)
	if intPart == "" {
		intPart = "0"
	}
	for _, part := range []string{intPart, frac} {
		for _, r := range part {
			if r < '0' || r > '9' {
				return 0, false
			}
		}
	}
	whole, err := strconv.ParseInt(intPart, 10, 64)
	if err != nil || whole > math.MaxInt64/100-1 {
		return 0, false
	}
	for len(frac) < 2 {
		frac += "0"
	}
	cents, _ := strconv.ParseInt(frac, 10, 64)
	v := whole*100 + cents
	if neg {
		v = -v
	}
	return v, true
}

// formatMoneyInput writes cents for an entry as everything else shows
// money, without the currency sign: "1 200 000,00" / "1,200,000.00".
func formatMoneyInput(cents int64) string {
	s := model.FormatEUR(cents, currentLang())
	return strings.TrimSpace(strings.NewReplacer("€", "").Replace(s))
}
