package app

import (
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"strategytracker/model"
)

// The funding sources of the measure form.

// readFunding reads the funding sources; an empty row is no source. The
// message is an amount that is not one; what the model refuses in a source
// (no name, a negative amount) the form shows from its errors
// (validateMeasure), by the rules every save applies.
func (t *fieldsTab) readFunding() ([]model.Funding, string) {
	var funding []model.Funding
	msg := ""
	for _, r := range t.funding {
		if strings.TrimSpace(r.nameBG.Text+r.nameEN.Text+r.amount.Text) == "" {
			continue
		}
		v, ok := parseMoney(r.amount.Text)
		if !ok {
			msg = tr("invalid.money")
		}
		funding = append(funding, model.Funding{Name: model.T(r.nameBG.Text, r.nameEN.Text), AmountCents: v})
	}
	return funding, msg
}

// checkFunding flags funding sources that do not add up to the planned
// budget, and a planned budget with no source (a warning: the sources may
// still be being entered), by the rule of the council report
// (model.CheckFunding).
func (t *fieldsTab) checkFunding() {
	funding, msg := t.readFunding()
	planned, ok := parseMoney(t.planned.Text)
	if msg != "" || !ok {
		if msg == "" {
			t.fundingCheck.Hide()
		}
		return
	}
	lang := t.d.u.lang
	switch funded, gap := model.CheckFunding(funding, planned); gap {
	case model.FundingMissing:
		t.fundingCheck.SetText(trf("funding.missing", model.FormatEUR(planned, lang)))
	case model.FundingMismatch:
		t.fundingCheck.SetText(trf("funding.mismatch", model.FormatEUR(funded, lang), model.FormatEUR(planned, lang)))
	default:
		t.fundingCheck.Hide()
		return
	}
	t.fundingCheck.Show()
}

// fundingRow is one funding source in the form.
type fundingRow struct {
	nameBG, nameEN, amount *widget.Entry
	remove                 *widget.Button
}

// onAddFunding adds a row for a funding source to the form.
func (t *fieldsTab) onAddFunding(f model.Funding) {
	r := &fundingRow{nameBG: widget.NewEntry(), nameEN: widget.NewEntry(), amount: widget.NewEntry()}
	r.nameBG.SetPlaceHolder(tr("field.name") + tr("suffix.bg"))
	r.nameEN.SetPlaceHolder(tr("field.name") + " (EN)")
	r.amount.SetPlaceHolder("€")
	r.nameBG.SetText(f.Name.BG)
	r.nameEN.SetText(f.Name.EN)
	if f.AmountCents != 0 || !f.Name.IsEmpty() {
		r.amount.SetText(formatMoneyInput(f.AmountCents))
	}
	r.amount.OnChanged = func(string) { t.checkFunding() }
	var row *fyne.Container
	r.remove = widget.NewButtonWithIcon("", theme.DeleteIcon(), func() {
		t.funding = slices.DeleteFunc(t.funding, func(x *fundingRow) bool { return x == r })
		t.fundingBox.Remove(row)
		t.checkFunding()
	})
	row = container.NewBorder(nil, nil, nil, container.NewHBox(container.New(fixedWidth(150), wheelThrough(r.amount)), r.remove),
		container.NewGridWithColumns(2, wheelThrough(r.nameBG), wheelThrough(r.nameEN)))
	t.funding = append(t.funding, r)
	t.fundingBox.Add(row)
	if t.scroll != nil {
		passWheel(t.scroll)
	}
}
