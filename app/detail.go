package app

import (
	"context"
	"encoding/json"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"strategytracker/model"
)

// detailScreen is one measure: its fields (every one editable, with
// validation messages beside them), milestones, KPI values, progress
// updates and its audit history.
type detailScreen struct {
	u         *UI
	measureID model.ID
	root      fyne.CanvasObject
	tabs      *container.AppTabs

	back    *widget.Button
	title   *widget.Label
	chip    *statusChip
	figures *widget.Label
	banner  *widget.Label

	// The fields tab. base is the row the form was filled from; a save
	// sends the form's values with base's version.
	base           *model.Measure
	code           *widget.Entry
	titleBG        *widget.Entry
	titleEN        *widget.Entry
	descBG         *widget.Entry
	descEN         *widget.Entry
	area           *widget.Select
	lead           *widget.Select
	responsible    *widget.Select
	goals          *widget.CheckGroup
	partners       []*widget.Check // one per unit, in unitCodes order
	partnerBox     *fyne.Container
	start          *widget.Entry
	end            *widget.Entry
	weight         *widget.Entry
	manual         *widget.Entry
	planned        *widget.Entry
	spent          *widget.Entry
	cancelled      *widget.Check
	overrideStatus *widget.Select
	overrideReason *widget.Entry
	funding        []*fundingRow
	fundingBox     *fyne.Container
	addFunding     *widget.Button
	fields         map[string]*field // by JSON name
	saveBtn        *widget.Button
	revertBtn      *widget.Button
	formErr        *widget.Label
	formNote       *widget.Label
	fieldsScroll   *container.Scroll

	areaCodes, unitCodes, goalCodes []string
	people                          []model.ID

	milestones *milestonesTab
	kpis       *kpisTab
	updates    *updatesTab
	history    *historyTab
}

func newDetailScreen(u *UI, id model.ID) *detailScreen {
	d := &detailScreen{u: u, measureID: id, fields: map[string]*field{}}
	d.root = d.buildUI()
	return d
}

func (d *detailScreen) content() fyne.CanvasObject { return d.root }

func (d *detailScreen) measure() *model.Measure { return d.u.doc.Measure(d.measureID) }

func (d *detailScreen) buildUI() fyne.CanvasObject {
	d.back = widget.NewButtonWithIcon(tr("action.back"), theme.NavigateBackIcon(), d.onBack)
	d.title = widget.NewLabel("")
	d.title.TextStyle = fyne.TextStyle{Bold: true}
	d.title.SizeName = theme.SizeNameSubHeadingText
	d.title.Wrapping = fyne.TextWrapWord
	d.chip = newStatusChip()
	d.figures = widget.NewLabel("")
	d.banner = lockBanner()

	d.milestones = newMilestonesTab(d)
	d.kpis = newKPIsTab(d)
	d.updates = newUpdatesTab(d)
	d.history = newHistoryTab(d)
	d.tabs = container.NewAppTabs(
		container.NewTabItemWithIcon(tr("detail.fields"), theme.DocumentCreateIcon(), d.buildFields()),
		container.NewTabItemWithIcon(tr("detail.milestones"), theme.ConfirmIcon(), d.milestones.root),
		container.NewTabItemWithIcon(tr("detail.kpis"), theme.InfoIcon(), d.kpis.root),
		container.NewTabItemWithIcon(tr("detail.updates"), theme.MailComposeIcon(), d.updates.root),
		container.NewTabItemWithIcon(tr("detail.history"), theme.HistoryIcon(), d.history.root),
	)
	d.tabs.Append(d.revisionsTab()) // the adopted plan's revisions (measureactions_revisions.go)
	d.tabs.OnSelected = func(t *container.TabItem) {
		if t == d.tabs.Items[4] {
			d.history.load()
		}
	}
	head := container.NewVBox(
		container.NewBorder(nil, nil, d.back, container.NewCenter(d.chip), d.title),
		d.figures, d.banner, d.measureActionsBar())
	return container.NewBorder(container.NewPadded(head), nil, nil, nil, d.tabs)
}

func (d *detailScreen) buildFields() fyne.CanvasObject {
	mk := func(name, label string, input fyne.CanvasObject) *field {
		f := newField(label, input)
		d.fields[name] = f
		return f
	}
	d.code = widget.NewEntry()
	d.titleBG = widget.NewEntry()
	d.titleEN = widget.NewEntry()
	d.descBG = widget.NewMultiLineEntry()
	d.descBG.Wrapping = fyne.TextWrapWord
	d.descBG.SetMinRowsVisible(3)
	d.descEN = widget.NewMultiLineEntry()
	d.descEN.Wrapping = fyne.TextWrapWord
	d.descEN.SetMinRowsVisible(3)
	d.area = widget.NewSelect(nil, nil)
	d.lead = widget.NewSelect(nil, nil)
	d.responsible = widget.NewSelect(nil, nil)
	d.goals = widget.NewCheckGroup(nil, nil)
	d.goals.Horizontal = true
	d.partnerBox = container.NewGridWithColumns(2)
	d.start = dateEntry()
	d.end = dateEntry()
	d.weight = widget.NewEntry()
	d.manual = widget.NewEntry()
	d.planned = widget.NewEntry()
	d.spent = widget.NewEntry()
	d.cancelled = widget.NewCheck(tr("field.cancelled.check"), nil)
	statusOpts := []string{tr("override.none")}
	for _, s := range model.Statuses {
		if s != model.StatusCancelled {
			statusOpts = append(statusOpts, s.Label(currentLang()))
		}
	}
	d.overrideStatus = widget.NewSelect(statusOpts, nil)
	d.overrideReason = widget.NewEntry()
	d.fundingBox = container.NewVBox()
	d.addFunding = widget.NewButtonWithIcon(tr("funding.add"), theme.ContentAddIcon(), func() { d.onAddFunding(model.Funding{}) })

	grid := formGrid(
		mk("code", tr("field.code"), d.code),
		mk("title", tr("field.title")+" (БГ)", d.titleBG),
		mk("title_en", tr("field.title")+" (EN)", d.titleEN),
		mk("description", tr("field.description")+" (БГ)", d.descBG),
		mk("description_en", tr("field.description")+" (EN)", d.descEN),
		mk("area", tr("field.area"), d.area),
		mk("goals", tr("field.goals"), d.goals),
		mk("leadUnit", tr("field.leadUnit"), d.lead),
		mk("responsible", tr("field.responsible"), d.responsible),
		mk("partners", tr("field.partners"), d.partnerBox),
		mk("start", tr("field.start"), d.start),
		mk("end", tr("field.end"), d.end),
		mk("weight", tr("field.weight"), d.weight),
		mk("manualProgress", tr("field.manualProgress"), container.NewVBox(d.manual, hint(tr("field.manualProgress.hint")))),
		mk("plannedCents", tr("field.plannedCents"), d.planned),
		mk("spentCents", tr("field.spentCents"), d.spent),
		mk("funding", tr("field.funding"), container.NewVBox(d.fundingBox, container.NewHBox(d.addFunding))),
		mk("cancelled", tr("field.cancelled"), d.cancelled),
		mk("override", tr("field.override"), container.NewGridWithColumns(2, d.overrideStatus, d.overrideReason)),
	)
	d.overrideReason.SetPlaceHolder(tr("field.override.reason"))

	d.saveBtn = widget.NewButtonWithIcon(tr("action.save"), theme.DocumentSaveIcon(), d.onSave)
	d.saveBtn.Importance = widget.HighImportance
	d.revertBtn = widget.NewButtonWithIcon(tr("action.revert"), theme.ContentUndoIcon(), d.onRevert)
	d.formErr = widget.NewLabel("")
	d.formErr.Importance = widget.DangerImportance
	d.formErr.Wrapping = fyne.TextWrapWord
	d.formErr.Hide()
	d.formNote = widget.NewLabel("")
	d.formNote.Importance = widget.SuccessImportance
	d.formNote.Hide()
	buttons := container.NewHBox(d.saveBtn, d.revertBtn, d.formNote)
	d.fieldsScroll = container.NewVScroll(container.NewPadded(grid))
	return container.NewBorder(nil, container.NewVBox(d.formErr, buttons), nil, nil, d.fieldsScroll)
}

// refresh shows the measure as it now stands. A form with unsaved changes
// keeps them; their save will meet the newer version (ECONFLICT).
func (d *detailScreen) refresh() {
	u := d.u
	m := d.measure()
	if m == nil {
		return
	}
	lang := u.lang
	f := m.Evaluate(u.today)
	d.title.SetText(m.Code + " · " + m.Title.In(lang))
	d.chip.Set(f.Status, f.Overridden)
	fig := trf("detail.figures", FormatPercent(f.Progress, lang), FormatPercent(f.Expected, lang),
		m.Start.Format(lang), m.End.Format(lang), u.unitName(m.LeadUnit))
	if f.Overdue > 0 {
		fig += " · " + trf("detail.overdue", f.Overdue)
	}
	if f.Overridden && m.Override != nil {
		fig += "\n" + trf("detail.override", f.Computed.Label(lang), m.Override.Reason)
	}
	d.figures.SetText(fig)

	if d.base == nil || !d.dirty() {
		d.fill(m)
	}
	d.lock(m)
	d.milestones.refresh()
	d.kpis.refresh()
	d.updates.refresh()
	d.refreshPlan() // measureactions_revisions.go
	if d.tabs.Selected() == d.tabs.Items[4] {
		d.history.load()
	}
}

// fill puts m's values in the form.
func (d *detailScreen) fill(m *model.Measure) {
	u, lang := d.u, d.u.lang
	d.base = measureRowCopy(m)
	d.code.SetText(m.Code)
	d.titleBG.SetText(m.Title.BG)
	d.titleEN.SetText(m.Title.EN)
	d.descBG.SetText(m.Description.BG)
	d.descEN.SetText(m.Description.EN)

	d.areaCodes = nil
	var areaOpts []string
	for _, a := range model.SortedAreas(u.doc.Areas) {
		d.areaCodes = append(d.areaCodes, a.Code)
		areaOpts = append(areaOpts, a.Code+" · "+a.Title.In(lang))
	}
	d.area.SetOptions(areaOpts)
	d.area.SetSelectedIndex(slices.Index(d.areaCodes, m.Area))

	d.unitCodes = nil
	var unitOpts []string
	for _, un := range u.doc.Units {
		d.unitCodes = append(d.unitCodes, un.Code)
		unitOpts = append(unitOpts, un.Name.In(lang))
	}
	d.lead.SetOptions(unitOpts)
	d.lead.SetSelectedIndex(slices.Index(d.unitCodes, m.LeadUnit))
	d.partners = nil
	d.partnerBox.RemoveAll()
	for i, code := range d.unitCodes {
		c := widget.NewCheck(unitOpts[i], nil)
		c.SetChecked(slices.Contains(m.Partners, code))
		d.partners = append(d.partners, c)
		d.partnerBox.Add(c)
	}

	d.goalCodes = nil
	var goalOpts, goalSel []string
	for _, g := range u.doc.Goals {
		d.goalCodes = append(d.goalCodes, g.Code)
		goalOpts = append(goalOpts, g.Code)
		if slices.Contains(m.Goals, g.Code) {
			goalSel = append(goalSel, g.Code)
		}
	}
	d.goals.Options = goalOpts
	d.goals.SetSelected(goalSel)

	d.people = []model.ID{0}
	peopleOpts := []string{tr("value.nobody")}
	for _, p := range u.doc.People {
		d.people = append(d.people, p.ID)
		peopleOpts = append(peopleOpts, p.Name.In(lang))
	}
	d.responsible.SetOptions(peopleOpts)
	d.responsible.SetSelectedIndex(max(0, slices.Index(d.people, model.ID(m.Responsible))))

	d.start.SetText(m.Start.Format(lang))
	d.end.SetText(m.End.Format(lang))
	d.weight.SetText(formatNumber(m.Weight))
	d.manual.SetText(formatNumber(m.ManualProgress))
	d.planned.SetText(formatMoneyInput(m.PlannedCents))
	d.spent.SetText(formatMoneyInput(m.SpentCents))
	d.funding = nil
	d.fundingBox.RemoveAll()
	for _, f := range m.Funding {
		d.onAddFunding(f)
	}
	d.cancelled.SetChecked(m.Cancelled)
	if m.Override != nil {
		d.overrideStatus.SetSelected(m.Override.Status.Label(lang))
		d.overrideReason.SetText(m.Override.Reason)
	} else {
		d.overrideStatus.SetSelectedIndex(0)
		d.overrideReason.SetText("")
	}
	for _, f := range d.fields {
		f.setError("")
	}
	d.formErr.Hide()
}

// lock disables what the user may not change and says why.
func (d *detailScreen) lock(m *model.Measure) {
	u := d.u
	reasons := []string{}
	check := func(name string, ws ...fyne.Disableable) {
		why := u.denial(model.EntityMeasure, model.OpUpdate, m, name)
		for _, w := range ws {
			enable(w, why == "")
		}
		if why != "" && !slices.Contains(reasons, why) {
			reasons = append(reasons, why)
		}
	}
	check("code", d.code)
	check("title", d.titleBG, d.titleEN)
	check("description", d.descBG, d.descEN)
	check("area", d.area)
	check("goals", d.goals)
	check("leadUnit", d.lead)
	check("responsible", d.responsible)
	partners := make([]fyne.Disableable, len(d.partners))
	for i, c := range d.partners {
		partners[i] = c
	}
	check("partners", partners...)
	check("start", d.start)
	check("end", d.end)
	check("weight", d.weight)
	check("manualProgress", d.manual)
	check("plannedCents", d.planned)
	check("spentCents", d.spent)
	fundingWidgets := []fyne.Disableable{d.addFunding}
	for _, r := range d.funding {
		fundingWidgets = append(fundingWidgets, r.nameBG, r.nameEN, r.amount, r.remove)
	}
	check("funding", fundingWidgets...)
	check("cancelled", d.cancelled)
	check("override", d.overrideStatus, d.overrideReason)
	anyField := u.denial(model.EntityMeasure, model.OpUpdate, m, "manualProgress") == "" ||
		u.denial(model.EntityMeasure, model.OpUpdate, m, "title") == ""
	enable(d.saveBtn, anyField)
	enable(d.revertBtn, anyField)
	setBanner(d.banner, strings.Join(reasons, "\n"))
}

// dirty reports whether the form holds values that differ from base.
func (d *detailScreen) dirty() bool {
	mine, errs := d.read()
	if len(errs) > 0 {
		return true
	}
	return len(changedFields(d.base, mine)) > 0
}

// read builds the measure the form describes, on top of base, with a
// message per field that cannot be read or is not valid.
func (d *detailScreen) read() (*model.Measure, map[string]string) {
	errs := map[string]string{}
	m := measureRowCopy(d.base)
	m.Code = strings.TrimSpace(d.code.Text)
	m.Title = model.T(d.titleBG.Text, d.titleEN.Text)
	m.Description = model.T(d.descBG.Text, d.descEN.Text)
	if i := d.area.SelectedIndex(); i >= 0 && i < len(d.areaCodes) {
		m.Area = d.areaCodes[i]
	}
	if i := d.lead.SelectedIndex(); i >= 0 && i < len(d.unitCodes) {
		m.LeadUnit = d.unitCodes[i]
	}
	if i := d.responsible.SelectedIndex(); i >= 0 && i < len(d.people) {
		m.Responsible = model.Ref(d.people[i])
	}
	var goals []string
	for _, g := range d.goals.Selected {
		goals = append(goals, g)
	}
	if !sameSet(goals, d.base.Goals) {
		m.Goals = sortedCodes(goals)
	}
	var partners []string
	for i, c := range d.partners {
		if c.Checked {
			partners = append(partners, d.unitCodes[i])
		}
	}
	if !sameSet(partners, d.base.Partners) {
		m.Partners = sortedCodes(partners)
	}
	var msg string
	if m.Start, msg = parseRequiredDate(d.start.Text); msg != "" {
		errs["start"] = msg
	}
	if m.End, msg = parseRequiredDate(d.end.Text); msg != "" {
		errs["end"] = msg
	}
	if v, ok := parseNumber(d.weight.Text); ok {
		m.Weight = v
	} else {
		errs["weight"] = tr("invalid.number")
	}
	if v, ok := parseNumber(d.manual.Text); ok {
		m.ManualProgress = v
	} else {
		errs["manualProgress"] = tr("invalid.number")
	}
	if v, ok := parseMoney(d.planned.Text); ok {
		m.PlannedCents = v
	} else {
		errs["plannedCents"] = tr("invalid.money")
	}
	if v, ok := parseMoney(d.spent.Text); ok {
		m.SpentCents = v
	} else {
		errs["spentCents"] = tr("invalid.money")
	}
	var funding []model.Funding
	for _, r := range d.funding {
		if strings.TrimSpace(r.nameBG.Text+r.nameEN.Text+r.amount.Text) == "" {
			continue // an empty row is no source
		}
		f := model.Funding{Name: model.T(r.nameBG.Text, r.nameEN.Text)}
		v, ok := parseMoney(r.amount.Text)
		switch {
		case !ok:
			errs["funding"] = tr("invalid.money")
		case v < 0:
			errs["funding"] = tr("invalid.negative")
		case f.Name.IsEmpty():
			errs["funding"] = tr("invalid.fundingname")
		}
		f.AmountCents = v
		funding = append(funding, f)
	}
	if !sameValue(reflect.ValueOf(funding), reflect.ValueOf(d.base.Funding)) {
		m.Funding = funding
		if m.Funding == nil {
			m.Funding = []model.Funding{}
		}
	}
	m.Cancelled = d.cancelled.Checked
	if i := d.overrideStatus.SelectedIndex(); i > 0 {
		var statuses []model.Status
		for _, s := range model.Statuses {
			if s != model.StatusCancelled {
				statuses = append(statuses, s)
			}
		}
		o := &model.Override{Status: statuses[i-1], Reason: d.overrideReason.Text}
		if d.base.Override != nil && *d.base.Override == *o {
			o = d.base.Override
		}
		m.Override = o
	} else {
		m.Override = nil
	}
	return m, errs
}

// validateMeasure checks what DESIGN.md §1 refuses, field by field, in the
// user's language; doc is used for duplicate codes.
func validateMeasure(m *model.Measure, doc *model.Doc, errs map[string]string) {
	set := func(name, msg string) {
		if _, ok := errs[name]; !ok {
			errs[name] = msg
		}
	}
	switch {
	case m.Code == "":
		set("code", tr("invalid.required"))
	case utf8.RuneCountInString(m.Code) > model.MaxCode:
		set("code", trf("invalid.toolong", model.MaxCode))
	default:
		if other := doc.MeasureByCode(m.Code); other != nil && other.ID != m.ID {
			set("code", tr("invalid.duplicate"))
		}
	}
	if m.Title.IsEmpty() {
		set("title", tr("invalid.title"))
	}
	if utf8.RuneCountInString(m.Title.BG) > model.MaxTitle {
		set("title", trf("invalid.toolong", model.MaxTitle))
	}
	if utf8.RuneCountInString(m.Title.EN) > model.MaxTitle {
		set("title_en", trf("invalid.toolong", model.MaxTitle))
	}
	if utf8.RuneCountInString(m.Description.BG) > model.MaxNote {
		set("description", trf("invalid.toolong", model.MaxNote))
	}
	if utf8.RuneCountInString(m.Description.EN) > model.MaxNote {
		set("description_en", trf("invalid.toolong", model.MaxNote))
	}
	if m.Area == "" {
		set("area", tr("invalid.required"))
	}
	if m.LeadUnit == "" {
		set("leadUnit", tr("invalid.required"))
	}
	if m.Start != 0 && m.End != 0 && m.End < m.Start {
		set("end", tr("invalid.endbeforestart"))
	}
	if !(m.Weight > 0) {
		set("weight", tr("invalid.weight"))
	}
	if m.ManualProgress < 0 || m.ManualProgress > 100 {
		set("manualProgress", tr("invalid.progress"))
	}
	if m.PlannedCents < 0 {
		set("plannedCents", tr("invalid.negative"))
	}
	if m.SpentCents < 0 {
		set("spentCents", tr("invalid.negative"))
	}
	if m.Override != nil && strings.TrimSpace(m.Override.Reason) == "" {
		set("override", tr("invalid.reason"))
	}
}

// onSave saves the form as one step of undo.
func (d *detailScreen) onSave() {
	u := d.u
	d.formNote.Hide()
	d.formErr.Hide()
	mine, errs := d.read()
	validateMeasure(mine, u.doc, errs)
	for name, f := range d.fields {
		f.setError(errs[name])
	}
	if len(errs) > 0 {
		d.formErr.SetText(tr("invalid.form"))
		d.formErr.Show()
		return
	}
	if err := mine.Validate(); err != nil {
		d.formErr.SetText(model.ErrorMessage(err))
		d.formErr.Show()
		return
	}
	if len(changedFields(d.base, mine)) == 0 {
		d.formNote.SetText(tr("detail.nochange"))
		d.formNote.Show()
		return
	}
	d.saveMeasure(d.base, mine)
}

// saveMeasure writes row (whose version is that of base).
func (d *detailScreen) saveMeasure(base, row *model.Measure) {
	u := d.u
	d.saveBtn.Disable()
	u.save(trf("undo.measure", row.Code), func(tx model.Tx) error {
		return tx.SaveMeasure(measureRowCopy(row))
	}, func(err error) {
		d.saveBtn.Enable()
		switch {
		case err == nil:
			if m := d.measure(); m != nil {
				d.fill(m)
				d.lock(m)
			}
			d.formNote.SetText(tr("detail.saved"))
			d.formNote.Show()
		case model.ErrorCode(err) == model.ECONFLICT:
			u.showConflict(base, row, func(merged any) {
				d.saveMeasure(base, merged.(*model.Measure))
			}, func() {
				if m := d.measure(); m != nil {
					d.fill(m)
				}
			})
		default:
			msg := model.ErrorMessage(err)
			if !showFieldError(d.fields, msg) {
				d.formErr.SetText(msg)
				d.formErr.Show()
			}
		}
	})
}

// fundingRow is one funding source in the form.
type fundingRow struct {
	nameBG, nameEN, amount *widget.Entry
	remove                 *widget.Button
}

// onAddFunding adds a row for a funding source to the form.
func (d *detailScreen) onAddFunding(f model.Funding) {
	r := &fundingRow{nameBG: widget.NewEntry(), nameEN: widget.NewEntry(), amount: widget.NewEntry()}
	r.nameBG.SetPlaceHolder(tr("field.name") + " (БГ)")
	r.nameEN.SetPlaceHolder(tr("field.name") + " (EN)")
	r.amount.SetPlaceHolder("€")
	r.nameBG.SetText(f.Name.BG)
	r.nameEN.SetText(f.Name.EN)
	if f.AmountCents != 0 || !f.Name.IsEmpty() {
		r.amount.SetText(formatMoneyInput(f.AmountCents))
	}
	var row *fyne.Container
	r.remove = widget.NewButtonWithIcon("", theme.DeleteIcon(), func() {
		d.funding = slices.DeleteFunc(d.funding, func(x *fundingRow) bool { return x == r })
		d.fundingBox.Remove(row)
	})
	row = container.NewBorder(nil, nil, nil, container.NewHBox(container.New(fixedWidth(130), r.amount), r.remove),
		container.NewGridWithColumns(2, r.nameBG, r.nameEN))
	d.funding = append(d.funding, r)
	d.fundingBox.Add(row)
}

// onRevert puts the saved values back in the form.
func (d *detailScreen) onRevert() {
	if m := d.measure(); m != nil {
		d.fill(m)
	}
	d.formNote.Hide()
}

func (d *detailScreen) onBack() { d.u.showScreen(screenMeasures) }

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

// historyTab lists the audit entries of the measure and its rows.
type historyTab struct {
	d       *detailScreen
	root    fyne.CanvasObject
	list    *widget.List
	entries []model.AuditEntry
	status  *widget.Label
}

func newHistoryTab(d *detailScreen) *historyTab {
	h := &historyTab{d: d}
	h.status = hint("")
	h.list = widget.NewList(func() int { return len(h.entries) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("template")
			l.Wrapping = fyne.TextWrapWord
			return l
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			o.(*widget.Label).SetText(auditLine(h.d.u, h.entries[i]))
			h.list.SetItemHeight(i, o.MinSize().Height)
		})
	h.root = container.NewBorder(h.status, nil, nil, nil, h.list)
	return h
}

// load reads the measure's audit entries, newest first.
func (h *historyTab) load() {
	u := h.d.u
	m := h.d.measure()
	if m == nil {
		return
	}
	type key struct {
		e  model.Entity
		id model.ID
	}
	keys := []key{{model.EntityMeasure, m.ID}}
	for _, ms := range m.Milestones {
		keys = append(keys, key{model.EntityMilestone, ms.ID})
	}
	for _, k := range m.KPIs {
		keys = append(keys, key{model.EntityKPI, k.ID})
		for _, v := range k.Values {
			keys = append(keys, key{model.EntityKPIValue, v.ID})
		}
	}
	for _, up := range m.Updates {
		keys = append(keys, key{model.EntityUpdate, up.ID})
	}
	store := u.store
	h.status.SetText(tr("label.loading"))
	u.background(func() func() {
		var all []model.AuditEntry
		var err error
		for _, k := range keys {
			var es []model.AuditEntry
			es, err = store.Audit(context.Background(), model.AuditFilter{Entity: k.e, EntityID: k.id})
			if err != nil {
				break
			}
			all = append(all, es...)
		}
		slices.SortFunc(all, func(a, b model.AuditEntry) int { return int(b.Seq - a.Seq) })
		return func() {
			if err != nil {
				h.status.SetText(tr("error.load") + ": " + model.ErrorMessage(err))
				return
			}
			h.entries = all
			h.status.SetText(trf("history.count", len(all)))
			h.list.Refresh()
		}
	})
}

// auditLine writes one audit entry for people.
func auditLine(u *UI, e model.AuditEntry) string {
	at := e.At
	if len(at) >= 16 {
		at = strings.Replace(at[:16], "T", " ", 1)
	}
	head := "#" + strconv.FormatInt(e.Seq, 10) + " · " + at + " · " + e.User + " · " +
		tr("audit.action."+string(e.Action)) + " " + entityName(e.Entity)
	if e.EntityID != 0 {
		head += " " + strconv.FormatInt(e.EntityID, 10)
	}
	switch {
	case e.Field != "":
		return head + "\n" + fieldName(e.Field) + ": " + shorten(auditValue(e.Old)) + " → " + shorten(auditValue(e.New))
	case e.New != "":
		return head + "\n" + shorten(e.New)
	case e.Old != "":
		return head + "\n" + shorten(e.Old)
	}
	return head
}

// auditValue writes a value of the audit log (canonical JSON) for people:
// strings without quotes, texts as "bg / en", nothing as "—".
func auditValue(s string) string {
	switch {
	case s == "" || s == "null" || s == `""`:
		return "—"
	case strings.HasPrefix(s, `"`):
		var v string
		if json.Unmarshal([]byte(s), &v) == nil {
			return v
		}
	case strings.HasPrefix(s, `{"bg":`):
		var t model.Text
		if json.Unmarshal([]byte(s), &t) == nil {
			if t.EN == "" || t.EN == t.BG {
				return t.BG
			}
			if t.BG == "" {
				return t.EN
			}
			return t.BG + " / " + t.EN
		}
	}
	return s
}

func shorten(s string) string {
	if utf8.RuneCountInString(s) > 160 {
		r := []rune(s)
		return string(r[:157]) + "…"
	}
	return s
}
