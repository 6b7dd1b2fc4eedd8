package app

import (
	"testing"

	"strategytracker/model"
)

// TestFundingWarning: the measure form warns on the cases the council
// report marks (model.CheckFunding; reports/pdf TestFundingGapsAgree): a
// planned budget with no source too, which it used to let pass.
func TestFundingWarning(t *testing.T) {
	h := newHarness(t, testDoc(), pOffice)
	d := h.open(mOpenData)
	eur := func(c int64) string { return model.FormatEUR(c, model.BG) }
	src := func(c int64) model.Funding {
		return model.Funding{Name: model.T("Общински бюджет", "Municipal budget"), AmountCents: c}
	}
	for _, tc := range []struct {
		name    string
		funding []model.Funding
		planned string
		want    string // the warning, "" for none
	}{
		{"sources equal to the budget", []model.Funding{src(120_000_00), src(3_456_00)}, "123 456,00", ""},
		{"no budget, no source", nil, "", ""},
		{"a budget and no source", nil, "234 567", trf("funding.missing", eur(234_567_00))},
		{"sources short of the budget", []model.Funding{src(300_000_00)}, "345 678", trf("funding.mismatch", eur(300_000_00), eur(345_678_00))},
		{"sources and no budget", []model.Funding{src(100_00)}, "0", trf("funding.mismatch", eur(100_00), eur(0))},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for len(d.fields.funding) > 0 {
				d.fields.funding[0].remove.OnTapped()
			}
			for _, f := range tc.funding {
				d.fields.onAddFunding(f)
			}
			retype(d.fields.planned, tc.planned)
			got := ""
			if d.fields.fundingCheck.Visible() {
				got = d.fields.fundingCheck.Text
			}
			if got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}
