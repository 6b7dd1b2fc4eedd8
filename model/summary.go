package model

import (
	"math"
	"strconv"
)

// Percent is a percentage kept exact in memory and rounded to one decimal
// only when written out (DESIGN.md §4).
type Percent float64

// MarshalJSON writes the value with exactly one decimal.
func (p Percent) MarshalJSON() ([]byte, error) {
	return []byte(strconv.FormatFloat(Round1(float64(p)), 'f', 1, 64)), nil
}

// Round1 rounds half away from zero to one decimal.
func Round1(v float64) float64 { return math.Round(v*10) / 10 }

// StatusCounts counts measures per status; every status is present.
type StatusCounts map[Status]int

// MarshalJSON writes every status in report order, zero included.
func (c StatusCounts) MarshalJSON() ([]byte, error) { return marshalCounts(Statuses, c), nil }

// StateCounts counts milestones per state; every state is present.
type StateCounts map[MilestoneState]int

// MarshalJSON writes every state in report order, zero included.
func (c StateCounts) MarshalJSON() ([]byte, error) { return marshalCounts(MilestoneStates, c), nil }

// marshalCounts writes the counts c as a JSON object with every key of
// order, in that order, zero included.
func marshalCounts[K ~string](order []K, c map[K]int) []byte {
	b := []byte{'{'}
	for i, k := range order {
		if i > 0 {
			b = append(b, ',')
		}
		b = strconv.AppendQuote(b, string(k))
		b = append(b, ':')
		b = strconv.AppendInt(b, int64(c[k]), 10)
	}
	return append(b, '}')
}

// Budget is a budget total.
type Budget struct {
	PlannedCents int64 `json:"plannedCents"`
	SpentCents   int64 `json:"spentCents"`
}

// FundingTotal is the budget planned from one funding source, with the
// planned and spent totals of the measures it funds.
type FundingTotal struct {
	Name        Text  `json:"name"`
	AmountCents int64 `json:"amountCents"`
	Measures    int   `json:"measures"`
}

// AreaSummary is the roll-up of one priority area.
type AreaSummary struct {
	Code     string       `json:"code"`
	Progress Percent      `json:"progress"`
	Expected Percent      `json:"expected"`
	Status   StatusCounts `json:"status"`
	Title    Text         `json:"title"`
	Measures int          `json:"measures"`
	Budget   Budget       `json:"budget"`
}

// Summary is the computed figures of a strategy at an as-of date; its JSON
// is the output of `summary -json` (DESIGN.md §4).
type Summary struct {
	AsOf            Date           `json:"asOf"`
	Measures        int            `json:"measures"`
	Milestones      int            `json:"milestones"`
	Progress        Percent        `json:"progress"`
	Expected        Percent        `json:"expected"`
	Status          StatusCounts   `json:"status"`
	MilestoneStates StateCounts    `json:"milestoneStates"`
	Budget          Budget         `json:"budget"`
	Areas           []AreaSummary  `json:"areas"`
	Funding         []FundingTotal `json:"funding"`
	Demo            bool           `json:"demo"`
}

// rollup accumulates Σ(weight × value) / Σ weight over non-cancelled measures.
type rollup struct{ w, progress, expected float64 }

func (r *rollup) add(m *Measure, f Figures) {
	if m.Cancelled {
		return
	}
	r.w += m.Weight
	r.progress += m.Weight * f.Progress
	r.expected += m.Weight * f.Expected
}

func (r rollup) values() (progress, expected Percent) {
	if r.w == 0 {
		return 0, 0
	}
	return Percent(r.progress / r.w), Percent(r.expected / r.w)
}

// Summarize computes the figures of DESIGN.md §2 for the whole document.
// Areas come in their order, then by code; measures of an unknown area are
// counted in the totals only.
func Summarize(d *Doc, asOf Date) Summary {
	s := Summary{
		AsOf:            asOf,
		Measures:        len(d.Measures),
		Status:          StatusCounts{},
		MilestoneStates: StateCounts{},
		Funding:         []FundingTotal{},
		Demo:            d.Strategy.Demo,
	}
	areas := SortedAreas(d.Areas)
	areaIndex := make(map[string]int, len(areas))
	s.Areas = make([]AreaSummary, len(areas))
	areaRollups := make([]rollup, len(areas))
	for i, a := range areas {
		areaIndex[a.Code] = i
		s.Areas[i] = AreaSummary{Code: a.Code, Title: a.Title, Status: StatusCounts{}}
	}
	var funding FundingSums
	var total rollup
	for i := range d.Measures {
		m := &d.Measures[i]
		f := m.Evaluate(asOf)
		s.Status[f.Status]++
		for j := range m.Milestones {
			s.MilestoneStates[m.Milestones[j].StateAt(m.Cancelled, asOf)]++
		}
		s.Milestones += len(m.Milestones)
		total.add(m, f)
		funding.Add(m)
		if !m.Cancelled {
			s.Budget.PlannedCents += m.PlannedCents
			s.Budget.SpentCents += m.SpentCents
		}
		if k, ok := areaIndex[m.Area]; ok {
			a := &s.Areas[k]
			a.Measures++
			a.Status[f.Status]++
			areaRollups[k].add(m, f)
			if !m.Cancelled {
				a.Budget.PlannedCents += m.PlannedCents
				a.Budget.SpentCents += m.SpentCents
			}
		}
	}
	s.Progress, s.Expected = total.values()
	s.Funding = append(s.Funding, funding.Totals...)
	for k := range s.Areas {
		s.Areas[k].Progress, s.Areas[k].Expected = areaRollups[k].values()
	}
	return s
}
