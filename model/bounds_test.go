package model

import (
	"encoding/json"
	"errors"
	"io/fs"
	"math"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
)

// extremeDoc is a generated strategy whose numbers are pushed to the edges
// of what Validate accepts: the smallest and largest weights, the largest
// amounts, KPI baselines and targets a hair apart or at ± the limit.
func extremeDoc(seed uint64) *Doc {
	d := Generate(60, seed)
	rng := rand.New(rand.NewPCG(seed, 7))
	pick := func(xs ...float64) float64 { return xs[rng.IntN(len(xs))] }
	weight := func() float64 {
		return pick(MinWeight, MaxWeight, 1, math.Pow(10, rng.Float64()*12-6), math.Nextafter(MaxWeight, 0))
	}
	cents := func() int64 {
		return []int64{0, 1, MaxCents, MaxCents - 1, rng.Int64N(MaxCents + 1)}[rng.IntN(5)]
	}
	kpiNumber := func() float64 {
		return pick(0, MaxKPIValue, -MaxKPIValue, 5e-324, -5e-324, math.SmallestNonzeroFloat64*3, 1e-300, rng.NormFloat64()*1e14)
	}
	for i := range d.Measures {
		m := &d.Measures[i]
		m.Weight = weight()
		m.ManualProgress = pick(0, 100, rng.Float64()*100, math.Nextafter(100, 0), 5e-324)
		m.PlannedCents, m.SpentCents = cents(), cents()
		m.Funding = nil
		left := int64(MaxCents)
		for f := 0; f < rng.IntN(4); f++ {
			amount := rng.Int64N(left + 1)
			if rng.IntN(3) == 0 {
				amount = left
			}
			left -= amount
			m.Funding = append(m.Funding, Funding{Name: T("Източник", "Source"), AmountCents: amount})
		}
		m.Cancelled = rng.IntN(8) == 0
		if rng.IntN(4) == 0 {
			m.Milestones = m.Milestones[:0] // manual progress decides
		}
		for j := range m.Milestones {
			m.Milestones[j].Weight = weight()
		}
		for j := range m.KPIs {
			k := &m.KPIs[j]
			k.BaselineValue = kpiNumber()
			for k.TargetValue = kpiNumber(); k.TargetValue == k.BaselineValue; k.TargetValue = kpiNumber() {
			}
			for n := range k.Values {
				k.Values[n].Value = kpiNumber()
			}
		}
	}
	return d
}

// finite reports the path of the first NaN or infinite float in v.
func finite(v reflect.Value, path string) string {
	switch v.Kind() {
	case reflect.Float32, reflect.Float64:
		if f := v.Float(); math.IsNaN(f) || math.IsInf(f, 0) {
			return path
		}
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			if p := finite(v.Field(i), path+"."+v.Type().Field(i).Name); p != "" {
				return p
			}
		}
	case reflect.Slice, reflect.Array:
		for i := 0; i < v.Len(); i++ {
			if p := finite(v.Index(i), path+"[]"); p != "" {
				return p
			}
		}
	case reflect.Map:
		for _, k := range v.MapKeys() {
			if p := finite(v.MapIndex(k), path+"[key]"); p != "" {
				return p
			}
		}
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			return finite(v.Elem(), path)
		}
	}
	return ""
}

func TestNoFigureOfAValidDocumentIsNaNOrInfinite(t *testing.T) {
	const seeds = 200
	dates := []Date{NewDate(2000, 1, 1), NewDate(2021, 6, 30), GeneratedAsOf, NewDate(2100, 12, 31)}
	for seed := uint64(1); seed <= seeds; seed++ {
		d := extremeDoc(seed)
		if err := d.Validate(GeneratedAsOf); err != nil {
			t.Fatalf("seed %d: the extreme document is not valid: %v", seed, err)
		}
		for _, asOf := range dates {
			figures := ComputeSnapshotFigures(d, asOf)
			if p := finite(reflect.ValueOf(figures), "figures"); p != "" {
				t.Fatalf("seed %d, as of %s: %s is not finite", seed, asOf, p)
			}
			if _, _, err := EncodeFigures(figures); err != nil {
				t.Fatalf("seed %d, as of %s: the figures do not encode: %v", seed, asOf, err)
			}
			if _, err := json.Marshal(Summarize(d, asOf)); err != nil {
				t.Fatalf("seed %d, as of %s: summary: %v", seed, asOf, err)
			}
			s := figures.Summary
			if s.Budget.PlannedCents < 0 || s.Budget.SpentCents < 0 {
				t.Fatalf("seed %d: budget totals overflowed: %+v", seed, s.Budget)
			}
			for _, f := range s.Funding {
				if f.AmountCents < 0 {
					t.Fatalf("seed %d: funding total overflowed: %+v", seed, f)
				}
			}
			for i := range d.Measures {
				m := &d.Measures[i]
				if p := finite(reflect.ValueOf(m.Evaluate(asOf)), "measure "+m.Code); p != "" {
					t.Fatalf("seed %d: %s is not finite", seed, p)
				}
				if e, ok := BudgetExecution(m.PlannedCents, m.SpentCents); ok && (math.IsNaN(e) || math.IsInf(e, 0)) {
					t.Fatalf("seed %d: budget execution of %s is %v", seed, m.Code, e)
				}
				for j := range m.KPIs {
					if a, ok := m.KPIs[j].Attainment(asOf); ok && !(a >= 0 && a <= 100) {
						t.Fatalf("seed %d: attainment of KPI %d is %v", seed, m.KPIs[j].ID, a)
					}
				}
			}
		}
	}
}

// The sums of the summary stay in int64 however many measures hold the
// largest amounts.
func TestBoundsKeepSumsInRange(t *testing.T) {
	if MaxCents > math.MaxInt64/MaxMeasures {
		t.Errorf("MaxMeasures × MaxCents = %d × %d overflows int64", MaxMeasures, int64(MaxCents))
	}
	if MaxMeasures*MaxWeight*100 > 1e300 {
		t.Error("Σ weight × progress could overflow")
	}
}

func TestNumbersOutsideTheBoundsAreRefused(t *testing.T) {
	tests := []struct {
		name, field string
		edit        func(d *Doc)
	}{
		{"enormous measure weight", "weight", func(d *Doc) { d.Measures[0].Weight = 1e308 }},
		{"measure weight over the limit", "weight", func(d *Doc) { d.Measures[0].Weight = MaxWeight * 2 }},
		{"tiny measure weight", "weight", func(d *Doc) { d.Measures[0].Weight = 5e-324 }},
		{"enormous milestone weight", "weight", func(d *Doc) { d.Measures[0].Milestones[0].Weight = 1e300 }},
		{"planned over the limit", "plannedCents", func(d *Doc) { d.Measures[0].PlannedCents = MaxCents + 1 }},
		{"spent over the limit", "spentCents", func(d *Doc) { d.Measures[0].SpentCents = math.MaxInt64 }},
		{"funding over the limit", "funding 1 amountCents", func(d *Doc) {
			d.Measures[0].Funding = []Funding{{Name: T("а", "a"), AmountCents: MaxCents + 1}}
		}},
		{"funding adding up over the limit", "funding", func(d *Doc) {
			d.Measures[0].Funding = []Funding{{Name: T("а", "a"), AmountCents: MaxCents}, {Name: T("б", "b"), AmountCents: 1}}
		}},
		{"KPI baseline over the limit", "baselineValue", func(d *Doc) { firstKPI(d).BaselineValue = -1e16 }},
		{"KPI target over the limit", "targetValue", func(d *Doc) { firstKPI(d).TargetValue = 1e300 }},
		{"KPI value over the limit", "value", func(d *Doc) { firstKPI(d).Values[0].Value = math.MaxFloat64 }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := Generate(10, 1)
			tt.edit(d)
			err := d.Validate(GeneratedAsOf)
			if ErrorCode(err) != EINVALID || !strings.Contains(err.Error(), tt.field) {
				t.Errorf("Validate = %v, want invalid naming %s", err, tt.field)
			}
		})
	}
}

func firstKPI(d *Doc) *KPI {
	for i := range d.Measures {
		if len(d.Measures[i].KPIs) > 0 {
			return &d.Measures[i].KPIs[0]
		}
	}
	panic("no KPI")
}

func TestOneKPIValueADayInValidation(t *testing.T) {
	d := Generate(10, 1)
	k := firstKPI(d)
	v := k.Values[0]
	v.ID = 0
	if err := v.Validate(k); ErrorCode(err) != EINVALID || !strings.Contains(err.Error(), "one value a day") {
		t.Errorf("a new value on a day that has one: %v", err)
	}
	v.ID = k.Values[0].ID
	if err := v.Validate(k); err != nil {
		t.Errorf("the value itself: %v", err)
	}
	k.Values[1].Date = k.Values[0].Date
	if err := d.Validate(GeneratedAsOf); ErrorCode(err) != EINVALID || !strings.Contains(err.Error(), "one value a day") {
		t.Errorf("a document with two values on a day: %v", err)
	}
}

func TestErrorfWrapsWithW(t *testing.T) {
	cause := fs.ErrPermission
	err := Errorf(EINTERNAL, "read %s: %w", "x.db", cause)
	if !errors.Is(err, fs.ErrPermission) || err.Message != "read x.db: permission denied" || ErrorCode(err) != EINTERNAL {
		t.Errorf("Errorf with %%w = %#v", err)
	}
}
