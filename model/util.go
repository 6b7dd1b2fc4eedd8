package model

import (
	"strconv"
	"strings"
)

// equalFold reports whether a and b are equal ignoring case and surrounding
// spaces; a blank a equals nothing.
func equalFold(a, b string) bool {
	a = strings.TrimSpace(a)
	return a != "" && strings.EqualFold(a, strings.TrimSpace(b))
}

func itoa(id ID) string { return strconv.FormatInt(id, 10) }

// CompareCodes orders codes part by part, numerically where both parts are
// numbers, so that "1.10" follows "1.9" and "A2" precedes "A10".
func CompareCodes(a, b string) int {
	pa, pb := splitCode(a), splitCode(b)
	for i := 0; i < len(pa) && i < len(pb); i++ {
		if c := comparePart(pa[i], pb[i]); c != 0 {
			return c
		}
	}
	switch {
	case len(pa) < len(pb):
		return -1
	case len(pa) > len(pb):
		return 1
	}
	return strings.Compare(a, b)
}

// splitCode cuts a code into runs of digits and runs of other characters.
func splitCode(s string) []string {
	var parts []string
	start := 0
	for i := 1; i <= len(s); i++ {
		if i == len(s) || isDigit(s[i]) != isDigit(s[i-1]) {
			parts = append(parts, s[start:i])
			start = i
		}
	}
	return parts
}

func comparePart(a, b string) int {
	if isDigit(a[0]) && isDigit(b[0]) {
		ta, tb := strings.TrimLeft(a, "0"), strings.TrimLeft(b, "0")
		if len(ta) != len(tb) {
			if len(ta) < len(tb) {
				return -1
			}
			return 1
		}
		return strings.Compare(ta, tb)
	}
	return strings.Compare(a, b)
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }
