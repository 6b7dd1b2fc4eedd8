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
		return d.Format(u.lang)
	}
	// Who submits the council report ("Вносител", "ОТ"): a person, or nobody.
	people, submitter := []string{tr("value.nobody")}, tr("value.nobody")
	for _, p := range u.doc.People {
		label := p.Name.In(u.lang)
		if pos := p.Position.In(u.lang); pos != "" {
			label += ", " + pos
		}
		people = append(people, label)
		if model.Ref(p.ID) == base.Submitter {
			submitter = label
		}
	}
	sf := s.newStructForm(tr("header.strategys_header"), []formInput{
		{name: "title", label: tr("measure.title_bg"), value: base.Title.BG},
		{name: "titleEN", label: tr("measure.title_en"), value: base.Title.EN},
		{name: "shortTitle", label: tr("header.short_title_bg"), value: base.ShortTitle.BG},
		{name: "shortTitleEN", label: tr("header.short_title_en"), value: base.ShortTitle.EN},
		{name: "vision", label: tr("header.vision_bg"), value: base.Vision.BG, multiline: true},
		{name: "visionEN", label: tr("header.vision_en"), value: base.Vision.EN, multiline: true},
		{name: "councilDecision", label: tr("header.council_decision_bg"), value: base.CouncilDecision.BG},
		{name: "councilDecisionEN", label: tr("header.council_decision_en"), value: base.CouncilDecision.EN},
		{name: "adoptedOn", label: tr("field.adoptedOn"), value: date(base.AdoptedOn), date: true},
		{name: "periodStart", label: tr("field.periodStart"), value: date(base.PeriodStart), date: true},
		{name: "periodEnd", label: tr("field.periodEnd"), value: date(base.PeriodEnd), date: true},
		{name: "submitter", label: tr("header.submitter"), value: submitter, options: people},
	}, nil)
	sf.f.save.OnTapped = func() {
		row := base
		row.Title = model.T(sf.text("title"), sf.text("titleEN"))
		row.ShortTitle = model.T(sf.text("shortTitle"), sf.text("shortTitleEN"))
		row.Vision = model.T(sf.raw("vision"), sf.raw("visionEN"))
		row.CouncilDecision = model.T(sf.text("councilDecision"), sf.text("councilDecisionEN"))
		row.Submitter = 0
		if i := sf.selects["submitter"].SelectedIndex(); i > 0 {
			row.Submitter = model.Ref(u.doc.People[i-1].ID)
		}
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
	af := &adoptForm{date: s.u.dateEntry(), decision: widget.NewEntry()}
	if st.AdoptedOn != 0 {
		af.date.SetText(st.AdoptedOn.Format(u.lang))
	} else {
		af.date.SetText(u.today.Format(u.lang))
	}
	af.decision.SetText(st.CouncilDecision.In(u.lang))
	af.dateF = newField(tr("header.adopted"), af.date)
	decF := newField(tr("field.councilDecision"), af.decision)
	intro := hint(tr("header.once_adopted_every_change_end"))
	af.f = u.newFormDialog(tr("structure.mark_plan_adopted"), container.NewVBox(intro, formGrid(af.dateF, decF)), func() {
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
			af.f.setError(errorMessage(err))
			return
		}
		af.f.save.Disable()
		u.save(tr("header.adopt_plan"), func(tx model.Tx) error {
			return tx.Adopt(a)
		}, func(err error) {
			af.f.save.Enable()
			if err != nil {
				af.f.setError(errorMessage(err))
				return
			}
			af.f.dlg.Hide()
		})
	})
	af.f.save.SetText(tr("header.mark_adopted"))
	af.f.dlg.Show()
	s.ed.lastAdopt = af
}
