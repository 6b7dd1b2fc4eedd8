package model

import (
	"fmt"
	"math/rand/v2"
)

// GeneratedAsOf is the date a generated strategy is "current" at: nothing in
// it is completed later, so it never depends on the day it is generated.
var GeneratedAsOf = NewDate(2026, 11, 1)

// Generate makes a synthetic strategy for load and speed tests
// (DESIGN.md §4 `generate`): n measures in n/100 areas (at least one),
// 10 milestones each, one KPI per 10 measures with 60 values. The same n
// and seed give the same document.
func Generate(n int, seed uint64) *Doc {
	rng := rand.New(rand.NewPCG(seed, 0x5eed))
	d := &Doc{Format: Format}
	d.Strategy = Strategy{
		Title:           T(fmt.Sprintf("Синтетична стратегия (%d мерки)", n), fmt.Sprintf("Synthetic strategy (%d measures)", n)),
		ShortTitle:      T("Синтетична стратегия", "Synthetic strategy"),
		Vision:          T("Генерирани данни за изпитване на скоростта.", "Generated data for speed tests."),
		PeriodStart:     NewDate(2021, 1, 1),
		PeriodEnd:       NewDate(2028, 12, 31),
		AdoptedOn:       NewDate(2020, 12, 17),
		CouncilDecision: T("Решение № 1 (синтетично)", "Decision No. 1 (synthetic)"),
		Demo:            true,
	}
	for g := 1; g <= 3; g++ {
		d.Goals = append(d.Goals, Goal{Code: fmt.Sprintf("G%d", g), Title: T(fmt.Sprintf("Цел %d", g), fmt.Sprintf("Goal %d", g))})
	}
	areas := max(1, n/100)
	for a := 1; a <= areas; a++ {
		d.Areas = append(d.Areas, Area{Code: fmt.Sprintf("A%d", a), Order: a,
			Title: T(fmt.Sprintf("Област %d", a), fmt.Sprintf("Area %d", a))})
	}
	units := max(3, min(40, n/50))
	kinds := UnitKinds
	for u := 1; u <= units; u++ {
		d.Units = append(d.Units, Unit{Code: fmt.Sprintf("U%02d", u), Kind: kinds[u%len(kinds)],
			Name: T(fmt.Sprintf("Звено %d", u), fmt.Sprintf("Unit %d", u))})
	}
	people := 2 * units
	for p := 1; p <= people; p++ {
		role := RoleCoordinator
		switch {
		case p == 1 || p%10 == 2:
			role = RoleOffice
		case p%10 == 5:
			role = RoleCouncil
		}
		d.People = append(d.People, Person{ID: ID(p), Role: role,
			Name:     T(fmt.Sprintf("Служител %d", p), fmt.Sprintf("Officer %d", p)),
			Position: T("експерт", "expert"),
			Unit:     fmt.Sprintf("U%02d", (p-1)%units+1),
			Email:    fmt.Sprintf("officer%d@sofia.example", p)})
	}
	var msID, kpiID, valID, updID ID
	perArea := make([]int, areas+1)
	for i := 1; i <= n; i++ {
		area := (i-1)*areas/n + 1
		perArea[area]++
		start := NewDate(2021, 1, 1).AddDays(rng.IntN(6 * 365))
		end := start.AddDays(180 + rng.IntN(3*365))
		planned := int64(10_000+rng.IntN(2_000_000)) * 100
		m := Measure{
			ID: ID(i), Code: fmt.Sprintf("%d.%d", area, perArea[area]), Area: fmt.Sprintf("A%d", area),
			Goals:       []string{fmt.Sprintf("G%d", i%3+1)},
			Title:       T(fmt.Sprintf("Мярка %d: дигитална услуга", i), fmt.Sprintf("Measure %d: digital service", i)),
			Description: T("Синтетично описание на мярката.", "Synthetic description of the measure."),
			LeadUnit:    fmt.Sprintf("U%02d", rng.IntN(units)+1),
			Responsible: Ref(rng.IntN(people) + 1),
			Partners:    []string{fmt.Sprintf("U%02d", rng.IntN(units)+1)},
			Start:       start, End: end, Weight: float64(1 + rng.IntN(3)),
			PlannedCents: planned, SpentCents: planned * int64(rng.IntN(101)) / 100,
			Funding:   []Funding{{Name: T("Общински бюджет", "Municipal budget"), AmountCents: planned}},
			Cancelled: rng.IntN(100) == 0,
		}
		if m.Partners[0] == m.LeadUnit {
			m.Partners = nil
		}
		if rng.IntN(100) == 0 {
			m.Override = &Override{Status: StatusAtRisk, Reason: "Синтетична корекция на статуса"}
		}
		span := end.DaysSince(start)
		for k := 1; k <= 10; k++ {
			msID++
			due := start.AddDays(span * k / 10)
			ms := Milestone{ID: msID, MeasureID: m.ID, Due: due, Weight: 1,
				Title: T(fmt.Sprintf("Етап %d", k), fmt.Sprintf("Milestone %d", k))}
			if due <= GeneratedAsOf && rng.IntN(100) < 80 {
				ms.Completed = min(GeneratedAsOf, due.AddDays(rng.IntN(40)-10))
			}
			if rng.IntN(50) == 0 {
				ms.Cancelled = true
			}
			m.Milestones = append(m.Milestones, ms)
		}
		if i%10 == 0 {
			kpiID++
			base := float64(rng.IntN(100))
			k := KPI{ID: kpiID, MeasureID: m.ID, Kind: KPIKinds[i%3], BaselineValue: base, BaselineDate: start,
				TargetValue: base + 100, TargetDate: end,
				Name: T(fmt.Sprintf("Показател %d", kpiID), fmt.Sprintf("Indicator %d", kpiID)),
				Unit: T("бр.", "pcs")}
			for v := 0; v < 60; v++ {
				// Monthly values up to the generation date, then earlier
				// months filled in, so that every KPI has 60 values.
				valID++
				k.Values = append(k.Values, KPIValue{ID: valID, KPIID: k.ID, Date: valueDate(start, v),
					Value: base + float64(v*100/60) + float64(rng.IntN(5)), Source: "synthetic"})
			}
			m.KPIs = append(m.KPIs, k)
		}
		if start.AddDays(30) <= GeneratedAsOf {
			updID++
			m.Updates = append(m.Updates, Update{ID: updID, MeasureID: m.ID, Date: start.AddDays(30),
				Author: m.Responsible, Text: T("Работата започна.", "Work has started.")})
		}
		d.Measures = append(d.Measures, m)
	}
	d.fillEmptyLists()
	d.Normalize()
	return d
}

// valueDate spreads 60 monthly values from the baseline date without
// passing GeneratedAsOf: when there is less than 60 months of room they
// come closer together, but never two on one day (a KPI has one value a
// day), so with less than 60 days of room the last ones pass it.
func valueDate(baseline Date, v int) Date {
	room := GeneratedAsOf.DaysSince(baseline)
	step := 30
	if room < 60*30 {
		step = max(room/60, 1)
	}
	return baseline.AddDays(v * step)
}

// GenerateHistory makes `edits` audited edits through tx, as if people had
// been writing notes on milestones: the audit volume of a file in use.
// Each edit changes one field, so it leaves one audit entry.
func GenerateHistory(tx Tx, edits int, seed uint64) error {
	rng := rand.New(rand.NewPCG(seed, 0x415d17))
	d := tx.Doc()
	if len(d.Measures) == 0 {
		return nil
	}
	for e := 0; e < edits; e++ {
		m := &d.Measures[rng.IntN(len(d.Measures))]
		if len(m.Milestones) == 0 {
			continue
		}
		ms := m.Milestones[rng.IntN(len(m.Milestones))]
		ms.Note = fmt.Sprintf("Бележка %d", e+1)
		if err := tx.SaveMilestone(&ms); err != nil {
			return err
		}
	}
	return nil
}
