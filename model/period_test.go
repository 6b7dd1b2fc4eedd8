package model

import (
	"slices"
	"strings"
	"testing"
)

func periodDoc() *Doc {
	d := &Doc{Format: Format}
	d.Units = []Unit{{ID: 1, Code: "IT", Kind: UnitDirectorate, Name: T("ИТ", "IT")}, {ID: 2, Code: "FIN", Kind: UnitDirectorate, Name: T("Финанси", "Finance")}, {ID: 3, Code: "X", Kind: UnitAgency, Name: T("Х", "X")}}
	d.Areas = []Area{{ID: 1, Code: "A1", Title: T("Област", "Area")}}
	d.Measures = []Measure{
		{ID: 1, Code: "1.1", Area: "A1", LeadUnit: "IT", Start: MustDate("2026-01-01"), End: MustDate("2026-12-31"), Weight: 1,
			Updates: []Update{{ID: 1, Date: MustDate("2026-10-05")}}},
		{ID: 2, Code: "1.2", Area: "A1", LeadUnit: "IT", Start: MustDate("2026-01-01"), End: MustDate("2026-12-31"), Weight: 1,
			Milestones: []Milestone{{ID: 1, Due: MustDate("2026-09-01"), Completed: MustDate("2026-09-20"), Weight: 1}}},
		{ID: 3, Code: "1.10", Area: "A1", LeadUnit: "FIN", Start: MustDate("2026-01-01"), End: MustDate("2026-12-31"), Weight: 1,
			KPIs: []KPI{{ID: 1, Values: []KPIValue{{ID: 1, Date: MustDate("2027-01-10")}}}}},
		{ID: 4, Code: "1.3", Area: "A1", LeadUnit: "FIN", Start: MustDate("2026-01-01"), End: MustDate("2026-12-31"), Weight: 1},
		{ID: 5, Code: "1.4", Area: "A1", LeadUnit: "X", Cancelled: true, Start: MustDate("2026-01-01"), End: MustDate("2026-12-31"), Weight: 1},
	}
	return d
}

func TestPeriodStatus(t *testing.T) {
	d := periodDoc()
	p := Period{ID: 1, Name: T("IV тримесечие 2026", "Q4 2026"), Start: MustDate("2026-10-01"), End: MustDate("2026-12-31"),
		Due: MustDate("2027-01-15"), State: PeriodOpen,
		Returns: []UnitReturn{{Unit: "IT", WrittenAt: "2026-12-01T10:00:00Z", ReturnedAt: "2026-12-05T10:00:00Z", ReturnedBy: 3, Changes: 4},
			{Unit: "FIN", WrittenAt: "2026-12-01T10:00:00Z"}}}
	d.Periods = []Period{p}
	st := d.Status(&d.Periods[0], nil)

	// X leads only a cancelled measure: it is not asked.
	if got, want := len(st.Units), 2; got != want {
		t.Fatalf("units: got %d, want %d (%+v)", got, want, st.Units)
	}
	if got, want := st.Units[0].Unit+":"+string(st.Units[0].State), "FIN:written"; got != want {
		t.Errorf("first unit: got %s, want %s", got, want)
	}
	if got, want := st.Units[1].Unit+":"+string(st.Units[1].State), "IT:returned"; got != want {
		t.Errorf("second unit: got %s, want %s", got, want)
	}
	if st.Units[1].Changes != 4 || st.Reported != 1 || st.Expected != 2 {
		t.Errorf("returned unit: %+v, reported %d of %d", st.Units[1], st.Reported, st.Expected)
	}
	// 1.2's milestone was completed before the period; 1.10's value is dated
	// after the end but before the due date, so it counts.
	if got, want := st.MeasuresWithoutUpdate, []string{"1.2", "1.3"}; !slices.Equal(got, want) {
		t.Errorf("measures without update: got %v, want %v", got, want)
	}
	// A milestone note edited in the period (from the audit log) counts.
	st = d.Status(&d.Periods[0], map[ID]bool{2: true})
	if got, want := st.MeasuresWithoutUpdate, []string{"1.3"}; !slices.Equal(got, want) {
		t.Errorf("with audit changes: got %v, want %v", got, want)
	}
	if got, want := st.Units[0].Measures, []string{"1.3"}; !slices.Equal(got, want) {
		t.Errorf("FIN's measures without update: got %v, want %v", got, want)
	}
}

func TestPeriodValidate(t *testing.T) {
	ok := Period{Name: T("Q", "Q"), Start: MustDate("2026-10-01"), End: MustDate("2026-12-31"), Due: MustDate("2027-01-15"), State: PeriodOpen}
	tests := []struct {
		name  string
		edit  func(p *Period)
		field string // "" when valid
	}{
		{"valid", func(p *Period) {}, ""},
		{"no name", func(p *Period) { p.Name = Text{} }, "name"},
		{"end before start", func(p *Period) { p.End = MustDate("2026-09-30") }, "end"},
		{"due before start", func(p *Period) { p.Due = MustDate("2026-09-30") }, "due"},
		{"no due", func(p *Period) { p.Due = 0 }, "due"},
		{"bad state", func(p *Period) { p.State = "half" }, "state"},
		{"reopen without reason", func(p *Period) { p.Reopened = []Reopening{{Reason: " "}} }, "reopen reason"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := ok
			tt.edit(&p)
			err := p.Validate()
			if tt.field == "" {
				if err != nil {
					t.Fatalf("got %v, want nil", err)
				}
				return
			}
			if err == nil || !strings.Contains(ErrorMessage(err), tt.field) {
				t.Fatalf("got %v, want an error naming %q", err, tt.field)
			}
		})
	}
}

func TestOnePeriodOpenAtATime(t *testing.T) {
	d := periodDoc()
	mk := func(id ID, name string, state PeriodState) Period {
		return Period{ID: id, Name: T(name, name), Start: MustDate("2026-10-01"), End: MustDate("2026-12-31"), Due: MustDate("2027-01-15"), State: state}
	}
	d.Periods = []Period{mk(1, "Q3", PeriodClosed), mk(2, "Q4", PeriodOpen)}
	if err := d.ValidatePeriods(); err != nil {
		t.Fatalf("one open: %v", err)
	}
	d.Periods = append(d.Periods, mk(3, "Q5", PeriodOpen))
	if err := d.ValidatePeriods(); err == nil || !strings.Contains(ErrorMessage(err), "one period is open at a time") {
		t.Fatalf("two open: got %v", err)
	}
	d.Periods = []Period{mk(1, "Q3", PeriodClosed), mk(2, "Q3", PeriodClosed)}
	if err := d.ValidatePeriods(); err == nil {
		t.Fatal("duplicate names accepted")
	}
}

func TestPeriodAt(t *testing.T) {
	q3 := Period{ID: 1, Start: MustDate("2026-07-01"), End: MustDate("2026-09-30"), Due: MustDate("2026-10-15"), State: PeriodClosed}
	q4 := Period{ID: 2, Start: MustDate("2026-10-01"), End: MustDate("2026-12-31"), Due: MustDate("2027-01-15"), State: PeriodOpen}
	d := &Doc{Periods: []Period{q3, q4}}
	tests := []struct {
		asOf string
		want ID // 0: none
	}{
		{"2026-01-01", 0}, // before every period
		{"2026-08-01", 1}, // inside Q3
		{"2026-10-10", 2}, // Q3's due days and Q4's start: the later period
		{"2027-01-10", 2}, // Q4's due days
		{"2027-05-01", 2}, // after every window: the latest started
		{"2026-07-01", 1}, // the first day
	}
	for _, tt := range tests {
		var got ID
		if p := d.PeriodAt(MustDate(tt.asOf)); p != nil {
			got = p.ID
		}
		if got != tt.want {
			t.Errorf("PeriodAt(%s) = period %d, want %d", tt.asOf, got, tt.want)
		}
	}
}
