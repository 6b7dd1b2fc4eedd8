package model

import (
	"math/big"
	"strconv"
	"strings"
)

// BGNPerEUR is the fixed conversion rate of the Bulgarian lev to the euro
// (Bulgaria adopted the euro on 2026-01-01).
const BGNPerEUR = "1.95583"

// BGNToEURCents converts an amount in stotinki to euro cents at the fixed
// rate, rounded half away from zero. Exact rational arithmetic: no float error.
func BGNToEURCents(stotinki int64) int64 {
	rate, _ := new(big.Rat).SetString(BGNPerEUR)
	q := new(big.Rat).Quo(new(big.Rat).SetInt64(stotinki), rate)
	num, den := q.Num(), q.Denom() // den > 0
	abs := new(big.Int).Abs(num)
	twice := new(big.Int).Mul(abs, big.NewInt(2))
	twice.Add(twice, den)
	res := twice.Quo(twice, new(big.Int).Mul(den, big.NewInt(2))) // floor((2|n|+d)/2d) = round half up of |n|/d
	if num.Sign() < 0 {
		res.Neg(res)
	}
	return res.Int64()
}

// FormatEUR formats cents as people of lang write money:
// "1 234 567,89 €" in Bulgarian, "€1,234,567.89" in English.
func FormatEUR(cents int64, lang Lang) string {
	neg := cents < 0
	if neg {
		cents = -cents
	}
	whole := groupThousands(strconv.FormatInt(cents/100, 10), lang)
	frac := cents % 100
	var s string
	if lang == EN {
		s = "€" + whole + "." + twoDigits(frac)
	} else {
		s = whole + "," + twoDigits(frac) + " €"
	}
	if neg {
		s = "-" + s
	}
	return s
}

// FormatNumber formats v with the given decimals and the separators of lang.
func FormatNumber(v float64, decimals int, lang Lang) string {
	s := strconv.FormatFloat(v, 'f', decimals, 64)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	intPart, frac, _ := strings.Cut(s, ".")
	out := groupThousands(intPart, lang)
	if frac != "" {
		if lang == EN {
			out += "." + frac
		} else {
			out += "," + frac
		}
	}
	if neg {
		out = "-" + out
	}
	return out
}

func groupThousands(digits string, lang Lang) string {
	sep := " " // Bulgarian: a space groups thousands
	if lang == EN {
		sep = ","
	}
	var b strings.Builder
	for i, r := range digits {
		if i > 0 && (len(digits)-i)%3 == 0 {
			b.WriteString(sep)
		}
		b.WriteRune(r)
	}
	return b.String()
}

func twoDigits(n int64) string {
	if n < 10 {
		return "0" + strconv.FormatInt(n, 10)
	}
	return strconv.FormatInt(n, 10)
}

// CheckCents refuses an amount below 0 or above MaxCents, with the
// model's one message, for readers of other formats (the plan workbook).
func CheckCents(what, field string, c int64) error { return checkCents(what, field, c) }
