package pdf

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"strategytracker/model"
)

// TestFundingGapsAgree: the summary's list of the measures the two totals
// differ by and the measures' cards mark the same measures, by the one
// rule (model.CheckFunding). A planned budget with no source used to be in
// the summary's list and unmarked on its card.
func TestFundingGapsAgree(t *testing.T) {
	d := demoDoc(t, false)
	src := func(cents ...int64) []model.Funding {
		var out []model.Funding
		for _, c := range cents {
			out = append(out, model.Funding{Name: model.T("Общински бюджет", "Municipal budget"), AmountCents: c})
		}
		return out
	}
	cases := []struct {
		funding []model.Funding
		planned int64
		card    string // the mark on the card, "" for none
	}{
		{src(120_000_00, 3_456_00), 123_456_00, ""},
		{nil, 0, ""},
		{nil, 234_567_00, "no source given for the planned budget of €234,567.00"},
		{src(300_000_00), 345_678_00, "(€300,000.00 in all against a planned budget of €345,678.00)"},
		{src(100_00), 0, "(€100.00 in all against a planned budget of €0.00)"},
	}
	var live []*model.Measure
	for i := range d.Measures {
		if !d.Measures[i].Cancelled {
			live = append(live, &d.Measures[i])
		}
	}
	var wantListed []string
	for k, tc := range cases {
		m := live[k]
		m.Funding, m.PlannedCents, m.SpentCents = tc.funding, tc.planned, 0
		if tc.card != "" {
			wantListed = append(wantListed, m.Code)
		}
	}
	// Every other measure balanced, so that the list is the cases'.
	for _, m := range live[len(cases):] {
		m.Funding = src(m.PlannedCents)
	}
	path := filepath.Join(t.TempDir(), "funding.pdf")
	if err := os.WriteFile(path, writeReport(t, d, demoOptions(model.EN)), 0o644); err != nil {
		t.Fatal(err)
	}
	text := strings.Join(strings.Fields(nbsp(run(t, "pdftotext", path, "-"))), " ")
	if want := "The funding by source does not equal the planned budget for measures " + strings.Join(wantListed, ", ") + "."; !strings.Contains(text, want) {
		t.Errorf("the summary does not say %q", want)
	}
	for k, tc := range cases {
		if tc.card != "" && !strings.Contains(text, tc.card) {
			t.Errorf("measure %s: its card does not say %q", live[k].Code, tc.card)
		}
	}
	if n := strings.Count(text, "in all against a planned budget") + strings.Count(text, "no source given"); n != len(wantListed) {
		t.Errorf("got %d measures marked, want %d", n, len(wantListed))
	}
}

// TestOverdueDaysCounted: a card's overdue milestone says its days in the
// form for one or for many, by the counted-text rule (model.Counted), in
// the report's language.
func TestOverdueDaysCounted(t *testing.T) {
	d := demoDoc(t, false)
	var live []*model.Measure
	for i := range d.Measures {
		if m := &d.Measures[i]; !m.Cancelled && len(m.Milestones) > 0 {
			live = append(live, m)
		}
	}
	for k, days := range []int{1, 2, 21} {
		ms := &live[k].Milestones[0]
		ms.Due, ms.Completed = demoAsOf.AddDays(-days), 0
	}
	for _, tc := range []struct {
		lang model.Lang
		want []string
	}{
		{model.BG, []string{"(1 ден)", "(2 дни)", "(21 дни)"}},
		{model.EN, []string{"(1 day)", "(2 days)", "(21 days)"}},
	} {
		var text strings.Builder
		for _, x := range recordText(t, d, demoOptions(tc.lang)) {
			text.WriteString(nbsp(x.s) + "\n")
		}
		for _, want := range tc.want {
			if !strings.Contains(text.String(), want) {
				t.Errorf("%s: no card says %q", tc.lang, want)
			}
		}
		if bad := map[model.Lang]string{model.BG: "(1 дни)", model.EN: "(1 days)"}[tc.lang]; strings.Contains(text.String(), bad) {
			t.Errorf("%s: a card says %q", tc.lang, bad)
		}
	}
}
