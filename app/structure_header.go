package app

import (
	"strings"

	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"strategytracker/model"
)

// The strategy's header and marking the plan adopted (issue 11).

// onEditHeader edits the strategy's titles, vision, period and decision.
func (s *structureScreen) onEditHeader() {
	u := s.u
	base := u.doc.Strategy
	date := func(d model.Date) string {
		if d == 0 {
			return ""
		}
		return d.Format(model.BG)
	}
	sf := s.newStructForm(u.say("Заглавна информация на стратегията", "The strategy's header"), []formInput{
		{name: "title", label: u.say("Наименование (БГ)", "Title (BG)"), value: base.Title.BG},
		{name: "titleEN", label: u.say("Наименование (EN)", "Title (EN)"), value: base.Title.EN},
		{name: "shortTitle", label: u.say("Кратко наименование (БГ)", "Short title (BG)"), value: base.ShortTitle.BG},
		{name: "shortTitleEN", label: u.say("Кратко наименование (EN)", "Short title (EN)"), value: base.ShortTitle.EN},
		{name: "vision", label: u.say("Визия (БГ)", "Vision (BG)"), value: base.Vision.BG, multiline: true},
		{name: "visionEN", label: u.say("Визия (EN)", "Vision (EN)"), value: base.Vision.EN, multiline: true},
		{name: "councilDecision", label: u.say("Решение на СОС (БГ)", "Council decision (BG)"), value: base.CouncilDecision.BG},
		{name: "councilDecisionEN", label: u.say("Решение на СОС (EN)", "Council decision (EN)"), value: base.CouncilDecision.EN},
		{name: "adoptedOn", label: u.say("Приета на", "Adopted on"), value: date(base.AdoptedOn)},
		{name: "periodStart", label: u.say("Начало на периода", "Period start"), value: date(base.PeriodStart)},
		{name: "periodEnd", label: u.say("Край на периода", "Period end"), value: date(base.PeriodEnd)},
	}, nil)
	sf.f.save.OnTapped = func() {
		row := base
		row.Title = model.T(sf.text("title"), sf.text("titleEN"))
		row.ShortTitle = model.T(sf.text("shortTitle"), sf.text("shortTitleEN"))
		row.Vision = model.T(sf.raw("vision"), sf.raw("visionEN"))
		row.CouncilDecision = model.T(sf.text("councilDecision"), sf.text("councilDecisionEN"))
		sf.clearErrors()
		bad := false
		for name, dst := range map[string]*model.Date{"adoptedOn": &row.AdoptedOn, "periodStart": &row.PeriodStart, "periodEnd": &row.PeriodEnd} {
			d, msg := parseOptionalDate(sf.text(name))
			if msg != "" {
				sf.fail(name, msg)
				bad = true
			}
			*dst = d
		}
		if bad {
			return
		}
		s.saveRow(sf, model.EntityStrategy, &base, &row, row.Validate, "", func(tx model.Tx, r any) error { return tx.SaveStrategy(r.(*model.Strategy)) })
	}
	sf.f.dlg.Show()
}

// adoptForm marks the plan adopted.
type adoptForm struct {
	f        *formDialog
	date     *widget.Entry
	decision *widget.Entry
	dateF    *field
}

// onAdopt asks for the adoption date and decision and marks the plan
// adopted: from then on a change of an adopted date, target or planned
// budget needs a reason and is kept as a revision.
func (s *structureScreen) onAdopt() {
	u := s.u
	st := u.doc.Strategy
	af := &adoptForm{date: dateEntry(), decision: widget.NewEntry()}
	if st.AdoptedOn != 0 {
		af.date.SetText(st.AdoptedOn.Format(model.BG))
	} else {
		af.date.SetText(u.today.Format(model.BG))
	}
	af.decision.SetText(st.CouncilDecision.In(u.lang))
	af.dateF = newField(u.say("Приет на", "Adopted on"), af.date)
	decF := newField(u.say("Решение на СОС", "Council decision"), af.decision)
	intro := hint(u.say("След приемането всяка промяна на краен срок, срок на етап, целева стойност или срок на индикатор, или планиран бюджет изисква причина и се пази като ревизия: първоначалната стойност остава видима.",
		"Once adopted, every change of an end date, a milestone's due date, a KPI's target value or date, or a planned budget needs a reason and is kept as a revision: the original value stays visible."))
	af.f = u.newFormDialog(u.say("Отбележи плана като приет", "Mark the plan adopted"), container.NewVBox(intro, formGrid(af.dateF, decF)), func() {
		d, msg := parseRequiredDate(af.date.Text)
		af.dateF.setError(msg)
		if msg != "" {
			return
		}
		a := &model.Adoption{AdoptedOn: d, CouncilDecision: model.T(strings.TrimSpace(af.decision.Text), "")}
		if u.lang == model.EN {
			a.CouncilDecision = model.T("", strings.TrimSpace(af.decision.Text))
		}
		if err := a.Validate(); err != nil {
			af.f.setError(model.ErrorMessage(err))
			return
		}
		af.f.save.Disable()
		u.save(u.say("Приемане на плана", "Adopt the plan"), func(tx model.Tx) error {
			return tx.Adopt(a)
		}, func(err error) {
			af.f.save.Enable()
			if err != nil {
				af.f.setError(model.ErrorMessage(err))
				return
			}
			af.f.dlg.Hide()
		})
	})
	af.f.save.SetText(u.say("Отбележи като приет", "Mark adopted"))
	af.f.dlg.Show()
	s.ed.lastAdopt = af
}
