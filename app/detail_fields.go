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

// fieldsTab is the form of a measure's own fields. base is the row the
// form was filled from; a save sends the form's values with base's version.
type fieldsTab struct {
	d    *detailScreen
	root fyne.CanvasObject

	base             *model.Measure
	code             *widget.Entry
	titleBG          *widget.Entry
	titleEN          *widget.Entry
	descBG           *widget.Entry
	descEN           *widget.Entry
	area             *widget.Select
	lead             *widget.Select
	responsible      *widget.Select
	goals            *widget.CheckGroup
	partners         []*widget.Check // one per unit, in unitCodes order
	partnerBox       *fyne.Container
	start            *widget.Entry
	end              *widget.Entry
	weight           *widget.Entry
	manual           *widget.Entry
	planned          *widget.Entry
	spent            *widget.Entry
	cancelled        *widget.Check
	overrideStatus   *widget.Select
	overrideReason   *widget.Entry // in Bulgarian
	overrideReasonEN *widget.Entry
	funding          []*fundingRow
	fundingBox       *fyne.Container
	fundingCheck     *widget.Label // the sources do not add up to the planned budget
	addFunding       *widget.Button
	fields           fieldSet // by JSON name
	saveBtn          *widget.Button
	revertBtn        *widget.Button
	formErr          *widget.Label
	formNote         *widget.Label
	scroll           *container.Scroll

	areaCodes, unitCodes, goalCodes []string
	people                          []model.ID
}

func newFieldsTab(d *detailScreen) *fieldsTab {
	t := &fieldsTab{d: d, fields: fieldSet{}}
	t.root = t.buildUI()
	return t
}

func (t *fieldsTab) buildUI() fyne.CanvasObject {
	t.code = widget.NewEntry()
	t.titleBG = widget.NewEntry()
	t.titleEN = widget.NewEntry()
	t.descBG = widget.NewMultiLineEntry()
	t.descBG.Wrapping = fyne.TextWrapWord
	t.descBG.SetMinRowsVisible(3)
	t.descEN = widget.NewMultiLineEntry()
	t.descEN.Wrapping = fyne.TextWrapWord
	t.descEN.SetMinRowsVisible(3)
	t.area = widget.NewSelect(nil, nil)
	t.lead = widget.NewSelect(nil, nil)
	t.responsible = widget.NewSelect(nil, nil)
	t.goals = widget.NewCheckGroup(nil, nil)
	t.partnerBox = container.NewVBox() // one column: unit names are long
	t.start = t.d.u.dateEntry()
	t.end = t.d.u.dateEntry()
	t.weight = widget.NewEntry()
	t.manual = widget.NewEntry()
	t.planned = widget.NewEntry()
	t.planned.OnChanged = func(string) { t.checkFunding() }
	t.spent = widget.NewEntry()
	t.cancelled = widget.NewCheck(tr("field.cancelled.check"), nil)
	statusOpts := []string{tr("override.none")}
	for _, s := range overrideStatuses() {
		statusOpts = append(statusOpts, s.Label(currentLang()))
	}
	t.overrideStatus = widget.NewSelect(statusOpts, nil)
	t.overrideReason = widget.NewEntry()
	t.overrideReason.SetPlaceHolder(tr("field.override.reason"))
	t.overrideReasonEN = widget.NewEntry()
	t.overrideReasonEN.SetPlaceHolder(tr("field.override.reason_en"))
	t.fundingBox = container.NewVBox()
	t.fundingCheck = widget.NewLabel("")
	t.fundingCheck.Importance = widget.WarningImportance
	t.fundingCheck.Wrapping = fyne.TextWrapWord
	t.fundingCheck.Hide()
	t.addFunding = widget.NewButtonWithIcon(tr("funding.add"), theme.ContentAddIcon(), func() { t.onAddFunding(model.Funding{}) })

	add := t.fields.add
	grid := formGrid(
		add("code", tr("field.code"), t.code),
		add("title", tr("field.title")+tr("suffix.bg"), t.titleBG),
		add("title_en", tr("field.title")+" (EN)", t.titleEN),
		add("description", tr("field.description")+tr("suffix.bg"), t.descBG),
		add("description_en", tr("field.description")+" (EN)", t.descEN),
		add("area", tr("field.area"), t.area),
		add("goals", tr("field.goals"), t.goals),
		add("leadUnit", tr("field.leadUnit"), t.lead),
		add("responsible", tr("field.responsible"), t.responsible),
		add("partners", tr("field.partners"), t.partnerBox),
		add("start", tr("field.start"), t.start),
		add("end", tr("field.end"), t.end),
		add("weight", tr("field.weight"), t.weight),
		add("manualProgress", tr("field.manualProgress"), t.manual).withNote(tr("field.manualProgress.hint")),
		add("plannedCents", tr("field.plannedCents"), t.planned),
		add("spentCents", tr("field.spentCents"), t.spent),
		add("funding", tr("field.funding"), container.NewVBox(t.fundingBox, t.fundingCheck, container.NewHBox(t.addFunding))),
		add("cancelled", tr("field.cancelled"), t.cancelled),
		add("override", tr("field.override"), container.NewVBox(t.overrideStatus, container.NewGridWithColumns(2, t.overrideReason, t.overrideReasonEN))),
	)
	t.fields["partners"].display = func() string {
		var names []string
		for _, c := range t.partners {
			if c.Checked {
				names = append(names, c.Text)
			}
		}
		return strings.Join(names, ", ")
	}
	t.fields["funding"].display = func() string {
		var parts []string
		for _, r := range t.funding {
			name := r.nameBG.Text
			if currentLang() == model.EN && r.nameEN.Text != "" || name == "" {
				name = r.nameEN.Text
			}
			amount := r.amount.Text
			if v, ok := parseMoney(amount); ok {
				amount = model.FormatEUR(v, currentLang())
			}
			parts = append(parts, name+": "+amount)
		}
		return strings.Join(parts, "\n")
	}
	t.fields["override"].display = func() string {
		if t.overrideStatus.SelectedIndex() <= 0 {
			return tr("override.none")
		}
		return t.overrideStatus.Selected + ": " + t.overrideReason.Text
	}
	for _, name := range []string{"plannedCents", "spentCents"} {
		e := t.fields[name].input.(*widget.Entry)
		t.fields[name].display = func() string {
			if v, ok := parseMoney(e.Text); ok {
				return model.FormatEUR(v, currentLang())
			}
			return e.Text
		}
	}

	t.saveBtn = widget.NewButtonWithIcon(tr("action.save"), theme.DocumentSaveIcon(), t.onSave)
	t.saveBtn.Importance = widget.HighImportance
	t.revertBtn = widget.NewButtonWithIcon(tr("action.revert"), theme.ContentUndoIcon(), t.onRevert)
	t.formErr = widget.NewLabel("")
	t.formErr.Importance = widget.DangerImportance
	t.formErr.Wrapping = fyne.TextWrapWord
	t.formErr.Hide()
	t.formNote = widget.NewLabel("")
	t.formNote.Importance = widget.SuccessImportance
	t.formNote.Hide()
	buttons := container.NewHBox(t.saveBtn, t.revertBtn, t.formNote)
	t.scroll = container.NewVScroll(container.NewPadded(grid))
	passWheel(t.scroll)
	return container.NewBorder(nil, container.NewVBox(t.formErr, buttons), nil, nil, t.scroll)
}

// overrideStatuses are the statuses an override may set.
func overrideStatuses() []model.Status {
	var out []model.Status
	for _, s := range model.Statuses {
		if s != model.StatusCancelled {
			out = append(out, s)
		}
	}
	return out
}

// refresh shows m unless the form holds unsaved changes, then locks what
// the user may not change.
func (t *fieldsTab) refresh(m *model.Measure) {
	if t.base == nil || !t.dirty() {
		t.fill(m)
	}
	t.lock(m)
}

// fill puts m's values in the form.
func (t *fieldsTab) fill(m *model.Measure) {
	u, lang := t.d.u, t.d.u.lang
	t.base = m.OwnFields()
	t.code.SetText(m.Code)
	t.titleBG.SetText(m.Title.BG)
	t.titleEN.SetText(m.Title.EN)
	t.descBG.SetText(m.Description.BG)
	t.descEN.SetText(m.Description.EN)

	t.areaCodes = nil
	var areaOpts []string
	for _, a := range model.SortedAreas(u.doc.Areas) {
		t.areaCodes = append(t.areaCodes, a.Code)
		areaOpts = append(areaOpts, a.Code+" · "+a.Title.In(lang))
	}
	t.area.SetOptions(areaOpts)
	t.area.SetSelectedIndex(slices.Index(t.areaCodes, m.Area))

	var unitOpts []string
	unitOpts, t.unitCodes = unitChoices(u.doc, lang)
	setChoices(t.lead, unitOpts, t.unitCodes, m.LeadUnit)
	t.partners = nil
	t.partnerBox.RemoveAll()
	for i, code := range t.unitCodes {
		c := widget.NewCheck(unitOpts[i], nil)
		c.SetChecked(slices.Contains(m.Partners, code))
		t.partners = append(t.partners, c)
		t.partnerBox.Add(c)
	}

	// Goals show with their titles; the selection maps back by position.
	t.goalCodes = nil
	var goalOpts, goalSel []string
	for _, g := range u.doc.Goals {
		t.goalCodes = append(t.goalCodes, g.Code)
		label := g.Code + " · " + g.Title.In(lang)
		goalOpts = append(goalOpts, label)
		if slices.Contains(m.Goals, g.Code) {
			goalSel = append(goalSel, label)
		}
	}
	t.goals.Options = goalOpts
	t.goals.SetSelected(goalSel)

	var peopleOpts []string
	peopleOpts, t.people = personChoices(u.doc, lang)
	setChoices(t.responsible, peopleOpts, t.people, model.ID(m.Responsible))

	t.start.SetText(m.Start.Format(lang))
	t.end.SetText(m.End.Format(lang))
	t.weight.SetText(inputNumber(m.Weight))
	t.manual.SetText(inputNumber(m.ManualProgress))
	t.planned.SetText(formatMoneyInput(m.PlannedCents))
	t.spent.SetText(formatMoneyInput(m.SpentCents))
	t.funding = nil
	t.fundingBox.RemoveAll()
	for _, f := range m.Funding {
		t.onAddFunding(f)
	}
	t.cancelled.SetChecked(m.Cancelled)
	if m.Override != nil {
		t.overrideStatus.SetSelected(m.Override.Status.Label(lang))
		t.overrideReason.SetText(m.Override.Reason)
		t.overrideReasonEN.SetText(m.Override.ReasonEn)
	} else {
		t.overrideStatus.SetSelectedIndex(0)
		t.overrideReason.SetText("")
		t.overrideReasonEN.SetText("")
	}
	t.fields.show(nil)
	t.checkFunding()
	t.formErr.Hide()
	t.formNote.Hide() // "Saved." belongs to the values it was said of
}

// lock shows what the user may not change as text and says why.
func (t *fieldsTab) lock(m *model.Measure) {
	u := t.d.u
	var l locks
	for _, name := range []string{"code", "title", "title_en", "description", "description_en", "area", "goals", "leadUnit",
		"responsible", "partners", "start", "end", "weight", "manualProgress", "plannedCents", "spentCents", "funding",
		"cancelled", "override"} {
		rule := strings.TrimSuffix(name, "_en")
		l.field(t.fields[name], u.denial(model.EntityMeasure, model.OpUpdate, m, rule))
	}
	anyField := u.denial(model.EntityMeasure, model.OpUpdate, m, "manualProgress") == "" ||
		u.denial(model.EntityMeasure, model.OpUpdate, m, "title") == ""
	why := ""
	if !anyField {
		why = u.denial(model.EntityMeasure, model.OpUpdate, m, "title")
	}
	l.action(why, t.saveBtn, t.revertBtn)
	l.banner(t.d.banner)
}

// dirty reports whether the form holds values that differ from base.
func (t *fieldsTab) dirty() bool {
	mine, errs := t.read()
	if len(errs) > 0 {
		return true
	}
	return len(changedFields(t.base, mine)) > 0
}

// read builds the measure the form describes, on top of base, with a
// message per field that cannot be read.
func (t *fieldsTab) read() (*model.Measure, formErrs) {
	errs := formErrs{}
	m := t.base.OwnFields()
	m.Code = strings.TrimSpace(t.code.Text)
	m.Title = model.T(t.titleBG.Text, t.titleEN.Text)
	m.Description = model.T(t.descBG.Text, t.descEN.Text)
	if i := t.area.SelectedIndex(); i >= 0 && i < len(t.areaCodes) {
		m.Area = t.areaCodes[i]
	}
	if code, ok := chosen(t.lead, t.unitCodes); ok {
		m.LeadUnit = code
	}
	if id, ok := chosen(t.responsible, t.people); ok {
		m.Responsible = model.Ref(id)
	}
	var goals []string
	for i, label := range t.goals.Options {
		if slices.Contains(t.goals.Selected, label) && i < len(t.goalCodes) {
			goals = append(goals, t.goalCodes[i])
		}
	}
	if !sameSet(goals, t.base.Goals) {
		m.Goals = sortedCodes(goals)
	}
	var partners []string
	for i, c := range t.partners {
		if c.Checked {
			partners = append(partners, t.unitCodes[i])
		}
	}
	if !sameSet(partners, t.base.Partners) {
		m.Partners = sortedCodes(partners)
	}
	m.Start = errs.date("start", t.start.Text)
	m.End = errs.date("end", t.end.Text)
	m.Weight = errs.number("weight", t.weight.Text)
	m.ManualProgress = errs.number("manualProgress", t.manual.Text)
	m.PlannedCents = errs.money("plannedCents", t.planned.Text)
	m.SpentCents = errs.money("spentCents", t.spent.Text)
	funding, msg := t.readFunding()
	errs.set("funding", msg)
	if model.Changed(&model.Measure{Funding: funding}, &model.Measure{Funding: t.base.Funding}) {
		m.Funding = funding
		if m.Funding == nil {
			m.Funding = []model.Funding{}
		}
	}
	m.Cancelled = t.cancelled.Checked
	if i := t.overrideStatus.SelectedIndex(); i > 0 {
		o := &model.Override{Status: overrideStatuses()[i-1], Reason: t.overrideReason.Text, ReasonEn: t.overrideReasonEN.Text}
		if t.base.Override != nil && *t.base.Override == *o {
			o = t.base.Override
		}
		m.Override = o
	} else {
		m.Override = nil
	}
	return m, errs
}

// onSave saves the form as one step of undo.
func (t *fieldsTab) onSave() {
	u := t.d.u
	t.formNote.Hide()
	t.formErr.Hide()
	mine, errs := t.read()
	validateMeasure(mine, u.doc, errs)
	t.fields.show(errs)
	if len(errs) > 0 {
		t.formErr.SetText(tr("invalid.form"))
		t.formErr.Show()
		return
	}
	t.checkFunding()
	if err := mine.Validate(); err != nil {
		t.formErr.SetText(errorMessage(err))
		t.formErr.Show()
		return
	}
	if len(changedFields(t.base, mine)) == 0 {
		t.formNote.SetText(tr("detail.nochange"))
		t.formNote.Show()
		return
	}
	t.saveBtn.Disable()
	u.commit(trf("undo.measure", mine.Code), t.base, mine, func(err error) {
		t.saveBtn.Enable()
		switch {
		case err == nil:
			if m := t.d.measure(); m != nil {
				t.fill(m)
				t.lock(m)
			}
			t.formNote.SetText(tr("detail.saved"))
			t.formNote.Show()
		case conflictShown(err):
		case !t.fields.showModelError(err):
			t.formErr.SetText(errorMessage(err))
			t.formErr.Show()
		}
	}, t.onRevert)
}

// onRevert puts the saved values back in the form.
func (t *fieldsTab) onRevert() {
	if m := t.d.measure(); m != nil {
		t.fill(m)
		t.lock(m)
	}
	t.formNote.Hide()
}

func sameSet(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for _, x := range a {
		if !slices.Contains(b, x) {
			return false
		}
	}
	return true
}

func sortedCodes(s []string) []string {
	out := slices.Clone(s)
	slices.SortFunc(out, model.CompareCodes)
	if out == nil {
		out = []string{}
	}
	return out
}
