package model

import (
	"fmt"
	"strings"
	"testing"
)

func TestApportionByYear(t *testing.T) {
	d := MustDate
	for _, c := range []struct {
		name       string
		cents      int64
		start, end Date
		want       string
	}{
		{"one year", 36600, d("2024-01-01"), d("2024-12-31"), "2024:36600"},
		{"two whole years", 1000, d("2025-01-01"), d("2026-12-31"), "2025:500 2026:500"},
		{"half a cent rounds away from zero", 3, d("2025-12-31"), d("2026-01-01"), "2025:2 2026:1"},
		{"the remainder in the last year", 100, d("2025-12-31"), d("2026-01-02"), "2025:33 2026:67"},
		// 2025-07-02..2025-12-31 is 183 days of 365: 1000×183/365 = 501.37 → 501
		{"a year from mid-2025", 1000, d("2025-07-02"), d("2026-07-01"), "2025:501 2026:499"},
		{"three years", 1000000, d("2020-07-01"), d("2022-06-30"), "2020:252055 2021:500000 2022:247945"},
		{"negative", -3, d("2025-12-31"), d("2026-01-01"), "2025:-2 2026:-1"},
		{"no dates", 500, 0, 0, "0:500"},
		{"no start", 500, 0, d("2027-03-01"), "2027:500"},
		{"no end", 700, d("2025-03-01"), 0, "2025:700"},
		{"end before start", 500, d("2027-03-01"), d("2026-01-01"), "2027:500"},
	} {
		var parts []string
		var sum int64
		for _, y := range ApportionByYear(c.cents, c.start, c.end) {
			parts = append(parts, fmt.Sprintf("%d:%d", y.Year, y.PlannedCents))
			sum += y.PlannedCents
		}
		if got := strings.Join(parts, " "); got != c.want || sum != c.cents {
			t.Errorf("%s: ApportionByYear(%d, %s, %s) = %s (sum %d), want %s", c.name, c.cents, c.start, c.end, got, sum, c.want)
		}
	}
}

func TestBudgetByYearAddsUpAndSpendsNothingInTheFuture(t *testing.T) {
	asOf := MustDate("2026-11-30")
	ms := []Measure{
		{Start: MustDate("2025-01-01"), End: MustDate("2027-12-31"), PlannedCents: 300000, SpentCents: 150000},
		{Start: MustDate("2026-06-01"), End: MustDate("2026-12-31"), PlannedCents: 1000, SpentCents: 999},
		{Start: MustDate("2024-01-01"), End: MustDate("2024-12-31"), PlannedCents: 5000, SpentCents: 5000, Cancelled: true},
	}
	var planned, spent int64
	for _, y := range BudgetByYear(ms, asOf) {
		planned += y.PlannedCents
		spent += y.SpentCents
		if y.Year > asOf.Year() && y.SpentCents != 0 {
			t.Errorf("money spent in %d, after the as-of date", y.Year)
		}
		if y.Year == 2024 {
			t.Error("a cancelled measure's budget is counted")
		}
	}
	if planned != 301000 || spent != 150999 {
		t.Errorf("by year: %d planned, %d spent; want 301000, 150999", planned, spent)
	}
}
