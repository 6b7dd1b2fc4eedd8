package xlsx

import (
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"strategytracker/model"
)

// The plan workbook (`plan-template` / `plan-import`): the whole plan of a
// strategy — header, goals, areas, units, people, measures, funding,
// milestones and KPIs — in sheets the office fills in, and reads back
// with ImportPlan (planimport.go): ReadPlanBook decodes it, then it is
// planned and applied once, inside the store's transaction.
//
// Layout of every data sheet: row 1 (hidden) holds machine keys — A1 names
// the sheet's kind, the other cells the columns' keys — so that the import
// depends neither on the language nor on the order of columns; row 2 the
// headings; data from row 3. Column A (hidden) holds the row's id in the
// file the workbook was made from: people, milestones and KPIs, which have
// no code, are matched by it when the workbook comes back to that file,
// else by e-mail (people) or by measure and title (milestones, KPIs).
// Goals, areas, units and measures are matched by code. The import adds
// and changes rows; it never deletes one.

const (
	planFormat    = "strategytracker-plan/1"
	planMetaSheet = "_plan"
	planMaxRows   = 5000 // drop-down ranges reach this row
)

// Plan sheet kinds.
const (
	pkHeader     = "plan-header"
	pkGoals      = "plan-goals"
	pkAreas      = "plan-areas"
	pkUnits      = "plan-units"
	pkPeople     = "plan-people"
	pkMeasures   = "plan-measures"
	pkFunding    = "plan-funding"
	pkMilestones = "plan-milestones"
	pkKPIs       = "plan-kpis"
	pkMeta       = "plan-meta"
)

// pcKind is what a plan column holds.
type pcKind int

const (
	pcText pcKind = iota
	pcCode
	pcDate
	pcNumber
	pcMoney
	pcYesNo
	pcList  // one value of a drop-down list
	pcCodes // codes separated by commas
)

type planCol struct {
	key   string
	label model.Text
	kind  pcKind
	width int
	list  string // the list (a sheet's code column or fixed values) of a pcList / pcCodes column
	req   bool   // the cell must not be empty
	// later: workbooks made before the column existed lack it and are
	// read without it (see bookRow.has).
	later bool
}

type planSheet struct {
	kind string
	name model.Text
	cols []planCol
	help model.Text
}

// Names of drop-down lists.
const (
	listAreas    = "areas"
	listUnits    = "units"
	listPeople   = "people"
	listGoals    = "goals"
	listMeasures = "measures"
	listRoles    = "roles"
	listKinds    = "unitKinds"
	listKPIKinds = "kpiKinds"
	listStatuses = "statuses"
	listYesNo    = "yesNo"
)

var planSheets = []planSheet{
	{pkGoals, t("Цели", "Goals"), []planCol{
		{key: "code", label: t("Код", "Code"), kind: pcCode, width: 8, req: true},
		{key: "titleBG", label: t("Наименование (BG)", "Title (BG)"), width: 50},
		{key: "titleEN", label: t("Наименование (EN)", "Title (EN)"), width: 50},
		{key: "descriptionBG", label: t("Описание (BG)", "Description (BG)"), width: 50},
		{key: "descriptionEN", label: t("Описание (EN)", "Description (EN)"), width: 50},
	}, t("Стратегическите цели: код (напр. G1) и наименование.", "The strategic goals: a code (e.g. G1) and a title.")},
	{pkAreas, t("Области", "Areas"), []planCol{
		{key: "code", label: t("Код", "Code"), kind: pcCode, width: 8, req: true},
		{key: "titleBG", label: t("Наименование (BG)", "Title (BG)"), width: 50},
		{key: "titleEN", label: t("Наименование (EN)", "Title (EN)"), width: 50},
		{key: "descriptionBG", label: t("Описание (BG)", "Description (BG)"), width: 50},
		{key: "descriptionEN", label: t("Описание (EN)", "Description (EN)"), width: 50},
		{key: "order", label: t("Ред", "Order"), kind: pcNumber, width: 8},
	}, t("Приоритетните области: код (напр. A1), наименование и ред на показване.", "The priority areas: a code (e.g. A1), a title and the order they are shown in.")},
	{pkUnits, t("Звена", "Units"), []planCol{
		{key: "code", label: t("Код", "Code"), kind: pcCode, width: 10, req: true},
		{key: "nameBG", label: t("Наименование (BG)", "Name (BG)"), width: 45},
		{key: "nameEN", label: t("Наименование (EN)", "Name (EN)"), width: 45},
		{key: "kind", label: t("Вид", "Kind"), kind: pcList, list: listKinds, width: 22, req: true},
	}, t("Организационните звена: код, наименование и вид (от списъка).", "The organisational units: a code, a name and a kind (from the list).")},
	{pkPeople, t("Хора", "People"), []planCol{
		{key: "nameBG", label: t("Име (BG)", "Name (BG)"), width: 28},
		{key: "nameEN", label: t("Име (EN)", "Name (EN)"), width: 28},
		{key: "positionBG", label: t("Длъжност (BG)", "Position (BG)"), width: 28},
		{key: "positionEN", label: t("Длъжност (EN)", "Position (EN)"), width: 28},
		{key: "unit", label: t("Звено", "Unit"), kind: pcList, list: listUnits, width: 10, req: true},
		{key: "email", label: t("Е-поща", "E-mail"), width: 30},
		{key: "phone", label: t("Телефон", "Phone"), width: 16},
		{key: "role", label: t("Роля", "Role"), kind: pcList, list: listRoles, width: 18, req: true},
	}, t("Хората: име, звено, е-поща и роля (офис, координатор, общински съвет). Мерките и етапите ги посочват с е-пощата им.", "The people: name, unit, e-mail and role (office, coordinator, council). Measures and milestones name them by their e-mail.")},
	{pkMeasures, t("Мерки", "Measures"), append([]planCol{
		{key: "code", label: t("Код", "Code"), kind: pcCode, width: 8, req: true},
		{key: "area", label: t("Област", "Area"), kind: pcList, list: listAreas, width: 8, req: true},
		{key: "goals", label: t("Цели (кодове, със запетая)", "Goals (codes, comma-separated)"), kind: pcCodes, list: listGoals, width: 14},
		{key: "titleBG", label: t("Наименование (BG)", "Title (BG)"), width: 50},
		{key: "titleEN", label: t("Наименование (EN)", "Title (EN)"), width: 50},
		{key: "descriptionBG", label: t("Описание (BG)", "Description (BG)"), width: 40},
		{key: "descriptionEN", label: t("Описание (EN)", "Description (EN)"), width: 40},
		{key: "leadUnit", label: t("Водещо звено", "Lead unit"), kind: pcList, list: listUnits, width: 10, req: true},
		{key: "responsible", label: t("Отговорник (е-поща)", "Responsible (e-mail)"), kind: pcList, list: listPeople, width: 28},
		{key: "partners", label: t("Партньори (кодове, със запетая)", "Partners (codes, comma-separated)"), kind: pcCodes, list: listUnits, width: 16},
		{key: "start", label: t("Начало", "Start"), kind: pcDate, width: 12, req: true},
		{key: "end", label: t("Край", "End"), kind: pcDate, width: 12, req: true},
		{key: "weight", label: t("Тежест", "Weight"), kind: pcNumber, width: 8},
		{key: "manualProgress", label: t("Ръчен напредък, %", "Manual progress, %"), kind: pcNumber, width: 10},
		{key: "planned", label: t("Планиран бюджет, €", "Planned budget, €"), kind: pcMoney, width: 16},
		{key: "spent", label: t("Изразходвани, €", "Spent, €"), kind: pcMoney, width: 16},
		{key: "cancelled", label: t("Отменена", "Cancelled"), kind: pcYesNo, list: listYesNo, width: 10},
		{key: "overrideStatus", label: t("Ръчен статус", "Status override"), kind: pcList, list: listStatuses, width: 14},
		{key: "overrideReason", label: t("Причина за ръчния статус (BG)", "Reason for the override (BG)"), width: 30},
		{key: "overrideReasonEN", label: t("Причина за ръчния статус (EN)", "Reason for the override (EN)"), width: 30, later: true},
	}, reasonCols...), t("Мерките: код (напр. 1.2), област, цели, водещо звено, срокове, бюджет. След приемане на плана промяната на краен срок или планиран бюджет изисква причина в последните две колони (на български и на английски).", "The measures: a code (e.g. 1.2), area, goals, lead unit, dates, budget. Once the plan is adopted, a change of the end date or the planned budget needs a reason in the last two columns (in Bulgarian and in English).")},
	{pkFunding, t("Финансиране", "Funding"), []planCol{
		{key: "measure", label: t("Мярка", "Measure"), kind: pcList, list: listMeasures, width: 8, req: true},
		{key: "nameBG", label: t("Източник (BG)", "Source (BG)"), width: 40},
		{key: "nameEN", label: t("Източник (EN)", "Source (EN)"), width: 40},
		{key: "amount", label: t("Сума, €", "Amount, €"), kind: pcMoney, width: 16, req: true},
	}, t("Източниците на финансиране: по един ред на източник. Източниците на всяка мярка от листа „Мерки“ се заменят с редовете ѝ тук.", "The funding sources, one row each. The sources of every measure of the Measures sheet are replaced by its rows here.")},
	{pkMilestones, t("Етапи", "Milestones"), append([]planCol{
		{key: "measure", label: t("Мярка", "Measure"), kind: pcList, list: listMeasures, width: 8, req: true},
		{key: "titleBG", label: t("Етап (BG)", "Milestone (BG)"), width: 45},
		{key: "titleEN", label: t("Етап (EN)", "Milestone (EN)"), width: 45},
		{key: "due", label: t("Срок", "Due"), kind: pcDate, width: 12, req: true},
		{key: "completed", label: t("Изпълнен на", "Completed on"), kind: pcDate, width: 12},
		{key: "cancelled", label: t("Отменен", "Cancelled"), kind: pcYesNo, list: listYesNo, width: 10},
		{key: "weight", label: t("Тежест", "Weight"), kind: pcNumber, width: 8},
		{key: "responsible", label: t("Отговорник (е-поща)", "Responsible (e-mail)"), kind: pcList, list: listPeople, width: 28},
		{key: "note", label: t("Бележка (BG)", "Note (BG)"), width: 30},
		{key: "noteEN", label: t("Бележка (EN)", "Note (EN)"), width: 30, later: true},
		{key: "evidence", label: t("Доказателство (връзка)", "Evidence (link)"), width: 30},
	}, reasonCols...), t("Етапите на мерките. След приемане на плана промяната на срок изисква причина в последните две колони (на български и на английски).", "The measures' milestones. Once the plan is adopted, a change of a due date needs a reason in the last two columns (in Bulgarian and in English).")},
	{pkKPIs, t("Индикатори", "KPIs"), append([]planCol{
		{key: "measure", label: t("Мярка", "Measure"), kind: pcList, list: listMeasures, width: 8, req: true},
		{key: "nameBG", label: t("Индикатор (BG)", "Indicator (BG)"), width: 40},
		{key: "nameEN", label: t("Индикатор (EN)", "Indicator (EN)"), width: 40},
		{key: "unitBG", label: t("Мярка (BG)", "Unit (BG)"), width: 12},
		{key: "unitEN", label: t("Мярка (EN)", "Unit (EN)"), width: 12},
		{key: "kind", label: t("Вид", "Kind"), kind: pcList, list: listKPIKinds, width: 12, req: true},
		{key: "baselineValue", label: t("Базова стойност", "Baseline value"), kind: pcNumber, width: 12, req: true},
		{key: "baselineDate", label: t("Базова дата", "Baseline date"), kind: pcDate, width: 12, req: true},
		{key: "targetValue", label: t("Целева стойност", "Target value"), kind: pcNumber, width: 12, req: true},
		{key: "targetDate", label: t("Срок за целта", "Target date"), kind: pcDate, width: 12},
	}, reasonCols...), t("Индикаторите на мерките (стойностите им се въвеждат от координаторите). След приемане на плана промяната на целева стойност или срок изисква причина.", "The measures' indicators (their values are entered by the coordinators). Once the plan is adopted, a change of a target value or date needs a reason.")},
}

// reasonCols are the last two columns of the sheets of the adopted plan's
// rows: the reason for changing it, in both languages.
var reasonCols = []planCol{
	{key: "reason", label: t("Причина за промяна на приетия план (BG)", "Reason for changing the adopted plan (BG)"), width: 30},
	{key: "reasonEN", label: t("Причина за промяна на приетия план (EN)", "Reason for changing the adopted plan (EN)"), width: 30, later: true},
}

var headerFields = []planCol{
	{key: "titleBG", label: t("Наименование (BG)", "Title (BG)")},
	{key: "titleEN", label: t("Наименование (EN)", "Title (EN)")},
	{key: "shortTitleBG", label: t("Кратко наименование (BG)", "Short title (BG)")},
	{key: "shortTitleEN", label: t("Кратко наименование (EN)", "Short title (EN)")},
	{key: "visionBG", label: t("Визия (BG)", "Vision (BG)")},
	{key: "visionEN", label: t("Визия (EN)", "Vision (EN)")},
	{key: "periodStart", label: t("Начало на периода", "Period start"), kind: pcDate},
	{key: "periodEnd", label: t("Край на периода", "Period end"), kind: pcDate},
	{key: "adoptedOn", label: t("Приета на", "Adopted on"), kind: pcDate},
	{key: "councilDecisionBG", label: t("Решение на СОС (BG)", "Council decision (BG)")},
	{key: "councilDecisionEN", label: t("Решение на СОС (EN)", "Council decision (EN)")},
	{key: "submitter", label: t("Вносител на отчета към СОС (е-поща)", "Submits the report to the council (e-mail)")},
}

var (
	sheetPlanHeader = t("Стратегия", "Strategy")
	msgPlanTitle    = t("План на стратегията — работна книга", "Strategy plan — workbook")
	msgPlanHelp     = []model.Text{
		t("Тази книга съдържа целия план: попълнете или променете редовете и я внесете с „Внасяне на план“ (plan-import). Внасянето проверява всичко и записва всичко или нищо.",
			"This workbook holds the whole plan: fill in or change rows and bring it in with Import plan (plan-import). The import checks everything and keeps all or nothing."),
		t("Редовете се разпознават по код (цели, области, звена, мерки), по е-поща (хора) и по мярка и наименование (етапи, индикатори): повторното внасяне на същата книга не променя нищо. Редове не се изтриват.",
			"Rows are matched by code (goals, areas, units, measures), by e-mail (people) and by measure and title (milestones, KPIs): importing the same workbook again changes nothing. Rows are never deleted."),
		t("Дати: дд.мм.гггг. Суми: в евро, с до два знака след десетичната запетая. Да/Не: „да“ или „не“. Падащите списъци показват допустимите стойности.",
			"Dates: dd.mm.yyyy. Amounts: in euro, with at most two decimals. Yes/No: \"yes\" or \"no\". The drop-down lists show the allowed values."),
		t("Не променяйте скритите ред 1 и колона A: по тях внасянето разпознава листовете и редовете.",
			"Do not change the hidden row 1 and column A: the import recognises the sheets and rows by them."),
	}
	roleLabels = map[model.Role]model.Text{
		model.RoleOffice: t("офис", "office"), model.RoleCoordinator: t("координатор", "coordinator"), model.RoleCouncil: t("общински съвет", "council"),
	}
	unitKindLabels = map[model.UnitKind]model.Text{
		model.UnitDirectorate: t("дирекция", "directorate"), model.UnitDistrict: t("район", "district"),
		model.UnitMunicipalCompany: t("общинско дружество", "municipal company"), model.UnitAgency: t("агенция", "agency"),
		model.UnitExternalPartner: t("външен партньор", "external partner"),
	}
	kpiKindLabels = map[model.KPIKind]model.Text{
		model.KPIOutput: t("продукт", "output"), model.KPIResult: t("резултат", "result"), model.KPIImpact: t("въздействие", "impact"),
	}
)

// WritePlanTemplate writes the plan workbook of d, filled with its current
// plan. databaseID is the store's DatabaseID: rows without codes are
// matched by their id when the workbook comes back to the same file.
func WritePlanTemplate(w io.Writer, d *model.Doc, databaseID string, opt Options) error {
	lang := opt.lang()
	d.Tidy()
	f, err := newFile(sheetInstructions.In(lang), msgPlanTitle.In(lang)+" — "+d.Strategy.Title.In(lang), opt)
	if err != nil {
		return err
	}
	defer f.Close()
	pw := &planWriter{f: f, d: d, lang: lang}
	if err := pw.styles(); err != nil {
		return err
	}
	pw.prepareLists()
	steps := []func() error{pw.instructions, pw.header}
	for _, s := range planSheets {
		s := s
		steps = append(steps, func() error { return pw.sheet(s) })
	}
	steps = append(steps, func() error { return WriteRevisionsSheet(f, d, lang) }, func() error { return pw.meta(databaseID) })
	for _, step := range steps {
		if err := step(); err != nil {
			return model.Errorf(model.EINTERNAL, "plan workbook: %v", err)
		}
	}
	f.SetActiveSheet(0)
	if _, err := f.WriteTo(w); err != nil {
		return model.Errorf(model.EINTERNAL, "write the plan workbook: %v", err)
	}
	return nil
}

type planWriter struct {
	f                              *excelize.File
	d                              *model.Doc
	lang                           model.Lang
	head, bold, title, date, money int
	wrap, number                   int
	lists                          map[string]string // list name → formula of its range
}

func (pw *planWriter) styles() error {
	var err error
	mk := func(s *excelize.Style) int {
		if err != nil {
			return 0
		}
		var id int
		id, err = pw.f.NewStyle(s)
		return id
	}
	pw.head = mk(&excelize.Style{Font: &excelize.Font{Bold: true, Color: "FFFFFF"}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"1F4E79"}},
		Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	pw.bold = mk(&excelize.Style{Font: &excelize.Font{Bold: true}})
	pw.title = mk(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}})
	sf := model.SpreadsheetFormats(pw.lang)
	pw.date = mk(&excelize.Style{CustomNumFmt: ptr(sf.TypedDate)})
	pw.money = mk(&excelize.Style{CustomNumFmt: ptr(sf.Money)})
	pw.number = mk(&excelize.Style{CustomNumFmt: ptr("General")})
	pw.wrap = mk(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	return err
}

func (pw *planWriter) instructions() error {
	name := sheetInstructions.In(pw.lang)
	f := pw.f
	f.SetColWidth(name, "A", "A", 110)
	f.SetCellValue(name, "A1", msgPlanTitle.In(pw.lang))
	f.SetCellStyle(name, "A1", "A1", pw.title)
	f.SetCellValue(name, "A2", pw.d.Strategy.Title.In(pw.lang))
	f.SetCellStyle(name, "A2", "A2", pw.bold)
	row := 4
	// Wrapped text needs its row's height: not every program computes it.
	put := func(text string) {
		c := "A" + itoa(row)
		f.SetCellValue(name, c, text)
		f.SetCellStyle(name, c, c, pw.wrap)
		lines := (utf8.RuneCountInString(text) + 99) / 100
		f.SetRowHeight(name, row, float64(max(1, lines))*15+2)
		row++
	}
	for _, m := range msgPlanHelp {
		put(m.In(pw.lang))
	}
	row++
	for _, s := range append([]planSheet{{name: sheetPlanHeader, help: t("Заглавната информация на стратегията: наименование, период, решение на Столичния общински съвет.", "The strategy's header: title, period, the council's decision.")}}, planSheets...) {
		put(s.name.In(pw.lang) + ": " + s.help.In(pw.lang))
	}
	return nil
}

func (pw *planWriter) header() error {
	name := sheetPlanHeader.In(pw.lang)
	f := pw.f
	if _, err := f.NewSheet(name); err != nil {
		return err
	}
	st := &pw.d.Strategy
	values := map[string]any{
		"titleBG": st.Title.BG, "titleEN": st.Title.EN, "shortTitleBG": st.ShortTitle.BG, "shortTitleEN": st.ShortTitle.EN,
		"visionBG": st.Vision.BG, "visionEN": st.Vision.EN, "periodStart": st.PeriodStart, "periodEnd": st.PeriodEnd,
		"adoptedOn": st.AdoptedOn, "councilDecisionBG": st.CouncilDecision.BG, "councilDecisionEN": st.CouncilDecision.EN,
		"submitter": personKey(pw.d.Person(model.ID(st.Submitter))),
	}
	f.SetSheetRow(name, "A1", &[]any{kindPrefix + pkHeader, "", ""})
	f.SetSheetRow(name, "A2", &[]any{"", t("Поле", "Field").In(pw.lang), t("Стойност", "Value").In(pw.lang)})
	f.SetCellStyle(name, "B2", "C2", pw.head)
	for i, c := range headerFields {
		row := itoa(firstDataRow + i)
		f.SetSheetRow(name, "A"+row, &[]any{c.key, c.label.In(pw.lang)})
		if err := pw.put(name, "C"+row, c.kind, values[c.key]); err != nil {
			return err
		}
	}
	f.SetRowVisible(name, 1, false)
	f.SetColVisible(name, "A", false)
	f.SetColWidth(name, "B", "B", 28)
	f.SetColWidth(name, "C", "C", 90)
	return nil
}

// put writes one value in its column's form.
func (pw *planWriter) put(sheet, ref string, kind pcKind, v any) error {
	f := pw.f
	switch kind {
	case pcDate:
		if d, _ := v.(model.Date); d != 0 {
			if err := f.SetCellValue(sheet, ref, serial(d)); err != nil {
				return err
			}
		}
		return f.SetCellStyle(sheet, ref, ref, pw.date)
	case pcMoney:
		if c, ok := v.(int64); ok {
			if err := f.SetCellFloat(sheet, ref, float64(c)/100, 2, 64); err != nil {
				return err
			}
		}
		return f.SetCellStyle(sheet, ref, ref, pw.money)
	case pcNumber:
		switch x := v.(type) {
		case float64:
			return f.SetCellFloat(sheet, ref, x, -1, 64)
		case int:
			return f.SetCellInt(sheet, ref, int64(x))
		}
		return nil
	}
	if s, ok := v.(string); ok && s != "" {
		return f.SetCellStr(sheet, ref, s)
	}
	return nil
}

func (pw *planWriter) yesNo(b bool) string {
	if b {
		return msgYes.In(pw.lang)
	}
	return msgNo.In(pw.lang)
}

// personKey is how the workbook names a person: the e-mail, else the name.
func personKey(p *model.Person) string {
	if p == nil {
		return ""
	}
	if p.Email != "" {
		return p.Email
	}
	return p.Name.In(model.BG)
}

func (pw *planWriter) rows(kind string) [][]any {
	d, lang := pw.d, pw.lang
	person := func(r model.Ref) string { return personKey(d.Person(model.ID(r))) }
	var out [][]any
	switch kind {
	case pkGoals:
		for _, g := range d.Goals {
			out = append(out, []any{g.ID, g.Code, g.Title.BG, g.Title.EN, g.Description.BG, g.Description.EN})
		}
	case pkAreas:
		for _, a := range d.Areas {
			out = append(out, []any{a.ID, a.Code, a.Title.BG, a.Title.EN, a.Description.BG, a.Description.EN, a.Order})
		}
	case pkUnits:
		for _, u := range d.Units {
			out = append(out, []any{u.ID, u.Code, u.Name.BG, u.Name.EN, unitKindLabels[u.Kind].In(lang)})
		}
	case pkPeople:
		for _, p := range d.People {
			out = append(out, []any{p.ID, p.Name.BG, p.Name.EN, p.Position.BG, p.Position.EN, p.Unit, p.Email, p.Phone, roleLabels[p.Role].In(lang)})
		}
	case pkMeasures:
		for _, m := range d.Measures {
			ovStatus, ovReason := "", model.Text{}
			if m.Override != nil {
				ovStatus, ovReason = m.Override.Status.Label(lang), m.Override.ReasonText()
			}
			out = append(out, []any{m.ID, m.Code, m.Area, strings.Join(m.Goals, ", "), m.Title.BG, m.Title.EN, m.Description.BG, m.Description.EN,
				m.LeadUnit, person(m.Responsible), strings.Join(m.Partners, ", "), m.Start, m.End, m.Weight, m.ManualProgress,
				m.PlannedCents, m.SpentCents, pw.yesNo(m.Cancelled), ovStatus, ovReason.BG, ovReason.EN, "", ""})
		}
	case pkFunding:
		for _, m := range d.Measures {
			for _, fu := range m.Funding {
				out = append(out, []any{"", m.Code, fu.Name.BG, fu.Name.EN, fu.AmountCents})
			}
		}
	case pkMilestones:
		for _, m := range d.Measures {
			for _, ms := range m.Milestones {
				out = append(out, []any{ms.ID, m.Code, ms.Title.BG, ms.Title.EN, ms.Due, ms.Completed, pw.yesNo(ms.Cancelled), ms.Weight,
					person(ms.Responsible), ms.Note, ms.NoteEn, ms.Evidence, "", ""})
			}
		}
	case pkKPIs:
		for _, m := range d.Measures {
			for _, k := range m.KPIs {
				out = append(out, []any{k.ID, m.Code, k.Name.BG, k.Name.EN, k.Unit.BG, k.Unit.EN, kpiKindLabels[k.Kind].In(lang),
					k.BaselineValue, k.BaselineDate, k.TargetValue, k.TargetDate, "", ""})
			}
		}
	}
	return out
}

// listRange is the formula of a drop-down list: a fixed list is written on
// the hidden sheet; a list of codes is the code column of its own sheet,
// so that rows added in the workbook can be chosen too.
func (pw *planWriter) listRange(list string) string {
	own := func(kind, key string) string {
		for _, s := range planSheets {
			if s.kind == kind {
				for i, c := range s.cols {
					if c.key == key {
						col := colName(i + 2)
						return fmt.Sprintf("%s!$%s$%d:$%s$%d", quoted(s.name.In(pw.lang)), col, firstDataRow, col, planMaxRows)
					}
				}
			}
		}
		return ""
	}
	switch list {
	case listAreas:
		return own(pkAreas, "code")
	case listUnits:
		return own(pkUnits, "code")
	case listGoals:
		return own(pkGoals, "code")
	case listMeasures:
		return own(pkMeasures, "code")
	case listPeople:
		return own(pkPeople, "email")
	}
	return pw.lists[list]
}

func (pw *planWriter) fixedLists() map[string][]string {
	lang := pw.lang
	lists := map[string][]string{listYesNo: {msgYes.In(lang), msgNo.In(lang)}}
	for _, r := range model.Roles {
		lists[listRoles] = append(lists[listRoles], roleLabels[r].In(lang))
	}
	for _, k := range model.UnitKinds {
		lists[listKinds] = append(lists[listKinds], unitKindLabels[k].In(lang))
	}
	for _, k := range model.KPIKinds {
		lists[listKPIKinds] = append(lists[listKPIKinds], kpiKindLabels[k].In(lang))
	}
	for _, s := range model.Statuses {
		lists[listStatuses] = append(lists[listStatuses], s.Label(lang))
	}
	return lists
}

func (pw *planWriter) sheet(s planSheet) error {
	f, name := pw.f, s.name.In(pw.lang)
	if _, err := f.NewSheet(name); err != nil {
		return err
	}
	keys := []any{kindPrefix + s.kind}
	heads := []any{"id"}
	for _, c := range s.cols {
		keys = append(keys, c.key)
		label := c.label.In(pw.lang)
		if c.req {
			label += " *"
		}
		heads = append(heads, label)
	}
	f.SetSheetRow(name, "A1", &keys)
	f.SetSheetRow(name, "A2", &heads)
	f.SetCellStyle(name, "A2", cellName(len(s.cols)+1, 2), pw.head)
	rows := pw.rows(s.kind)
	for i, row := range rows {
		r := firstDataRow + i
		if id, ok := row[0].(model.ID); ok && id > 0 {
			if err := f.SetCellValue(name, cellName(1, r), id); err != nil {
				return err
			}
		}
		for j, c := range s.cols {
			if err := pw.put(name, cellName(j+2, r), c.kind, row[j+1]); err != nil {
				return err
			}
		}
	}
	// Empty rows below keep the formats of dates and money for new rows.
	last := firstDataRow + len(rows) + 200
	for j, c := range s.cols {
		col := colName(j + 2)
		f.SetColWidth(name, col, col, float64(max(c.width, 8)))
		switch c.kind {
		case pcDate:
			f.SetColStyle(name, col, pw.date)
		case pcMoney:
			f.SetColStyle(name, col, pw.money)
		}
		dv := excelize.NewDataValidation(true)
		dv.Sqref = fmt.Sprintf("%s%d:%s%d", col, firstDataRow, col, last)
		var err error
		switch c.kind {
		case pcDate:
			first, last := model.MinDate, model.MaxDate // model's ranges (DESIGN.md §1.2)
			if c.key == "due" || c.key == "completed" {
				first, last = model.MinDue, model.MaxDue
			}
			err = dv.SetRange(serial(first), serial(last), excelize.DataValidationTypeDate, excelize.DataValidationOperatorBetween)
			dv.SetError(excelize.DataValidationErrorStyleStop, msgInvalidTitle.In(pw.lang), msgBadDate.In(pw.lang))
		case pcMoney:
			err = dv.SetRange(0, 1e13, excelize.DataValidationTypeDecimal, excelize.DataValidationOperatorBetween)
			dv.SetError(excelize.DataValidationErrorStyleStop, msgInvalidTitle.In(pw.lang), msgBadNumber.In(pw.lang))
		case pcList, pcYesNo:
			dv.SetSqrefDropList(pw.listRange(c.list))
			dv.SetError(excelize.DataValidationErrorStyleStop, msgInvalidTitle.In(pw.lang), t("Изберете стойност от списъка.", "Choose a value from the list.").In(pw.lang))
		default:
			continue
		}
		if err != nil {
			return err
		}
		if err := f.AddDataValidation(name, dv); err != nil {
			return err
		}
	}
	f.SetColWidth(name, "A", "A", 6)
	f.SetRowVisible(name, 1, false)
	f.SetColVisible(name, "A", false)
	f.SetRowHeight(name, 2, 32)
	return f.SetPanes(name, &excelize.Panes{Freeze: true, Split: false, XSplit: 2, YSplit: 2, TopLeftCell: "C3", ActivePane: "bottomRight"})
}

// meta writes the hidden sheet (format, database, language) and the fixed
// lists the drop-downs refer to.
func (pw *planWriter) meta(databaseID string) error {
	f := pw.f
	if _, err := f.NewSheet(planMetaSheet); err != nil {
		return err
	}
	f.SetSheetRow(planMetaSheet, "A1", &[]any{kindPrefix + pkMeta})
	for i, row := range metaHead(planFormat, databaseID, pw.lang) {
		f.SetSheetRow(planMetaSheet, "A"+strconv.Itoa(i+2), &row)
	}
	lists := pw.fixedLists()
	for i, n := range listNames(lists) {
		col := colName(4 + i)
		f.SetCellValue(planMetaSheet, col+"1", n)
		for j, v := range lists[n] {
			f.SetCellValue(planMetaSheet, fmt.Sprintf("%s%d", col, j+2), v)
		}
	}
	return f.SetSheetVisible(planMetaSheet, false)
}

func listNames(lists map[string][]string) []string {
	names := make([]string, 0, len(lists))
	for n := range lists {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}

// prepareLists sets the ranges of the fixed lists that meta writes on the
// hidden sheet, so that the data sheets written before it can refer to them.
func (pw *planWriter) prepareLists() {
	lists := pw.fixedLists()
	pw.lists = map[string]string{}
	for i, n := range listNames(lists) {
		col := colName(4 + i)
		pw.lists[n] = fmt.Sprintf("%s!$%s$2:$%s$%d", quoted(planMetaSheet), col, col, len(lists[n])+1)
	}
}

// cents turns euros read from a cell into cents, refusing more than two
// decimals and amounts beyond what a cent count can hold.
func cents(v float64) (int64, error) {
	c := math.Round(v * 100)
	if math.Abs(c-v*100) > 1e-6*math.Max(1, math.Abs(v*100)) {
		return 0, fmt.Errorf("%s has more than two decimals: amounts are in euro and cents", strconv.FormatFloat(v, 'f', -1, 64))
	}
	// Past ±1e18 cents (far over the limit) int64 would overflow: clamp.
	n := int64(math.Max(-1e18, math.Min(c, 1e18)))
	if err := model.CheckCents("amount", "value", n); err != nil {
		return 0, err
	}
	return n, nil
}
