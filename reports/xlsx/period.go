package xlsx

import (
	"bytes"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"strategytracker/model"
)

// The reporting cycle's template (issue 13): the update template of one
// unit for a period, with the period and its due date on the instructions
// sheet, a "filled in by / date" field, and a sheet where coordinators
// propose texts for the office's narrative of their measures' areas. It
// is the update template made by WriteTemplate with these added, so the
// format of the template keeps working and an import reads both.

const (
	proposalsKind = "proposals"
	// Meta keys of the period template.
	metaPeriod   = "period"
	metaFilledBy = "filledBy" // the cell of "filled in by" on the instructions sheet
	metaFilledOn = "filledOn" // the cell of its date
)

var (
	sheetProposals   = t("Коментар", "Commentary")
	msgPeriod        = t("Отчетен период", "Reporting period")
	msgReturnBy      = t("Срок за връщане", "Return by")
	msgFilledBy      = t("Попълнил (име, длъжност)", "Filled in by (name, position)")
	msgFilledOn      = t("Дата на попълване", "Date filled in")
	msgPeriodDates   = t("От – до", "From – to")
	msgPeriodFill    = t("Впишете името си и датата по-горе, попълнете листовете и върнете книгата на стратегическия офис до посочения срок.", "Write your name and the date above, fill in the sheets and return the workbook to the strategy office by the date shown.")
	msgPeriodPropose = t("В лист „Коментар“ можете да предложите текст за отчета към Съвета за областите на вашите мерки; офисът решава дали да го включи.", "On the Commentary sheet you may propose text for the council report on the areas of your measures; the office decides whether to use it.")
	msgProposalArea  = t("Област", "Area")
	msgProposalKind  = t("Вид", "Kind")
	msgProposalBG    = t("Предложение (на български)", "Proposal (in Bulgarian)")
	msgProposalEN    = t("Предложение (на английски)", "Proposal (in English)")
)

// proposalKinds are the narrative kinds a coordinator may propose.
var proposalKinds = []model.NarrativeKind{model.NarrativeHighlights, model.NarrativeRisks, model.NarrativeActions, model.NarrativeDecisions}

// WritePeriodTemplate writes the update template of unit for period p.
func WritePeriodTemplate(w io.Writer, d *model.Doc, databaseID, unit string, p *model.Period, opt Options) error {
	if p == nil {
		return model.Errorf(model.EINVALID, "no reporting period: write the plain update template instead")
	}
	if d.Unit(unit) == nil {
		return model.Errorf(model.ENOTFOUND, "there is no unit %q", unit)
	}
	var buf bytes.Buffer
	if err := WriteTemplate(&buf, d, databaseID, unit, opt); err != nil {
		return err
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		return fmt.Errorf("period template: %w", err)
	}
	defer f.Close()
	lang := opt.Lang
	if lang == "" {
		lang = model.BG
	}
	pw := periodWriter{f: f, d: d, p: p, lang: lang, unit: unit}
	if err := pw.instructions(); err != nil {
		return err
	}
	if err := pw.proposals(); err != nil {
		return err
	}
	if err := pw.meta(); err != nil {
		return err
	}
	_, err = f.WriteTo(w)
	return err
}

type periodWriter struct {
	f        *excelize.File
	d        *model.Doc
	p        *model.Period
	lang     model.Lang
	unit     string
	filledBy string // cell of "filled in by"
	filledOn string // cell of its date
}

// styles makes the label and input styles of the added cells: labels
// bold, inputs unlocked with a light fill as in the rest of the template.
func (pw *periodWriter) styles() (label, text, date int, err error) {
	font := &excelize.Font{Family: "Calibri", Size: 11}
	bold := &excelize.Font{Family: "Calibri", Size: 11, Bold: true}
	fill := excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"FFF7D6"}}
	border := []excelize.Border{{Type: "bottom", Color: "B0B0B0", Style: 1}}
	if label, err = pw.f.NewStyle(&excelize.Style{Font: bold, Alignment: &excelize.Alignment{Vertical: "top"}}); err != nil {
		return
	}
	unlocked := &excelize.Protection{Locked: false}
	if text, err = pw.f.NewStyle(&excelize.Style{Font: font, Fill: fill, Border: border, Protection: unlocked,
		Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}}); err != nil {
		return
	}
	format := model.SpreadsheetFormats(pw.lang).TypedDate
	date, err = pw.f.NewStyle(&excelize.Style{Font: font, Fill: fill, Border: border, Protection: unlocked, CustomNumFmt: &format})
	return
}

// instructions adds the period, the due date and the "filled in by"
// fields under what the instructions sheet already says.
func (pw *periodWriter) instructions() error {
	name := sheetInstructions.In(pw.lang)
	rows, err := pw.f.GetRows(name)
	if err != nil {
		return fmt.Errorf("period template: %w", err)
	}
	label, text, date, err := pw.styles()
	if err != nil {
		return err
	}
	wrap, err := pw.f.NewStyle(&excelize.Style{Font: &excelize.Font{Family: "Calibri", Size: 11}, Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	if err != nil {
		return err
	}
	r := len(rows) + 2
	set := func(col string, row int, v any, style int) error {
		ref := col + strconv.Itoa(row)
		if err := pw.f.SetCellValue(name, ref, v); err != nil {
			return err
		}
		return pw.f.SetCellStyle(name, ref, ref, style)
	}
	p, lang := pw.p, pw.lang
	steps := []struct {
		label model.Text
		value any
		style int
	}{
		{msgPeriod, p.Name.In(lang), label},
		{msgPeriodDates, dateText(p.Start, lang) + " – " + dateText(p.End, lang), label},
		{msgReturnBy, dateText(p.Due, lang), label},
		{msgFilledBy, nil, text},
		{msgFilledOn, nil, date},
	}
	for i, s := range steps {
		if err := set("A", r+i, s.label.In(lang), label); err != nil {
			return err
		}
		if err := set("B", r+i, s.value, s.style); err != nil {
			return err
		}
	}
	pw.filledBy, pw.filledOn = "B"+strconv.Itoa(r+3), "B"+strconv.Itoa(r+4)
	// The day it is filled in: from the period's start to three months
	// after its answers are due (it accepted any day up to 2100).
	filled := dateValidation(pw.filledOn, lang)
	last := p.Due.AddDays(92)
	_ = filled.SetRange(strconv.Itoa(serial(p.Start)), strconv.Itoa(serial(last)), excelize.DataValidationTypeDate, excelize.DataValidationOperatorBetween)
	filled.SetError(excelize.DataValidationErrorStyleStop, msgFilledOn.In(lang),
		fmt.Sprintf(t("Въведете дата между %s и %s.", "Enter a date from %s to %s.").In(lang), p.Start.Display(lang), last.Display(lang)))
	if err := pw.f.AddDataValidation(name, filled); err != nil {
		return err
	}
	// The texts wrap in column A; rows written here do not grow by
	// themselves, so each gets the height of its lines.
	widthA, _ := pw.f.GetColWidth(name, "A")
	for i, m := range []model.Text{msgPeriodFill, msgPeriodPropose} {
		row := r + 6 + i
		if err := set("A", row, m.In(lang), wrap); err != nil {
			return err
		}
		lines := 1 + len([]rune(m.In(lang)))*11/10/max(int(widthA), 20)
		if err := pw.f.SetRowHeight(name, row, float64(15*lines+2)); err != nil {
			return err
		}
	}
	if w, _ := pw.f.GetColWidth(name, "B"); w < 40 {
		return pw.f.SetColWidth(name, "B", "B", 40)
	}
	return nil
}

func dateText(d model.Date, lang model.Lang) string { return d.DisplayText(lang) }

func dateValidation(ref string, lang model.Lang) *excelize.DataValidation {
	dv := excelize.NewDataValidation(true)
	dv.Sqref = ref
	_ = dv.SetRange("36526", "73415", excelize.DataValidationTypeDate, excelize.DataValidationOperatorBetween)
	dv.SetError(excelize.DataValidationErrorStyleStop, t("Дата", "Date").In(lang), t("Въведете дата, например 15.01.2027.", "Enter a date, for example 15.01.2027.").In(lang))
	return dv
}

// areasOfUnit are the areas of the unit's measures (led or partnered), in order.
func areasOfUnit(d *model.Doc, unit string) []model.Area {
	has := map[string]bool{}
	for _, m := range d.Measures {
		if m.Cancelled {
			continue
		}
		if m.LeadUnit == unit {
			has[m.Area] = true
		}
	}
	var out []model.Area
	for _, a := range model.SortedAreas(d.Areas) {
		if has[a.Code] {
			out = append(out, a)
		}
	}
	return out
}

// proposals adds the sheet where coordinators propose narrative texts:
// one row per area of the unit's measures and kind, text in bg and en.
func (pw *periodWriter) proposals() error {
	name := sheetProposals.In(pw.lang)
	if _, err := pw.f.NewSheet(name); err != nil {
		return err
	}
	label, text, _, err := pw.styles()
	if err != nil {
		return err
	}
	lang := pw.lang
	keys := []any{kindPrefix + proposalsKind, "area", "kind", "text_bg", "text_en"}
	heads := []any{"", msgProposalArea.In(lang), msgProposalKind.In(lang), msgProposalBG.In(lang), msgProposalEN.In(lang)}
	if err := pw.f.SetSheetRow(name, "A1", &keys); err != nil {
		return err
	}
	if err := pw.f.SetSheetRow(name, "A2", &heads); err != nil {
		return err
	}
	if err := pw.f.SetCellStyle(name, "B2", "E2", label); err != nil {
		return err
	}
	row := firstDataRow
	for _, a := range areasOfUnit(pw.d, pw.unit) {
		for _, k := range proposalKinds {
			vals := []any{a.Code + "|" + string(k), a.Code + " " + a.Title.In(lang), k.Label(lang)}
			if err := pw.f.SetSheetRow(name, "A"+strconv.Itoa(row), &vals); err != nil {
				return err
			}
			if err := pw.f.SetCellStyle(name, "D"+strconv.Itoa(row), "E"+strconv.Itoa(row), text); err != nil {
				return err
			}
			row++
		}
	}
	for col, w := range map[string]float64{"B": 36, "C": 26, "D": 60, "E": 60} {
		if err := pw.f.SetColWidth(name, col, col, w); err != nil {
			return err
		}
	}
	if err := pw.f.SetColVisible(name, "A", false); err != nil {
		return err
	}
	if err := pw.f.SetRowVisible(name, keyRow, false); err != nil {
		return err
	}
	if err := pw.f.SetPanes(name, &excelize.Panes{Freeze: true, YSplit: 2, TopLeftCell: "B3", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	orientation, one, zero := "landscape", 1, 0
	size := 9 // A4
	if err := pw.f.SetPageLayout(name, &excelize.PageLayoutOptions{Orientation: &orientation, Size: &size, FitToWidth: &one, FitToHeight: &zero}); err != nil {
		return err
	}
	fit := true
	if err := pw.f.SetSheetProps(name, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return err
	}
	if err := pw.f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", RefersTo: "'" + name + "'!$2:$2", Scope: name}); err != nil {
		return err
	}
	// The header and footer of every other sheet of the template (its
	// title, the sheet's name, the as-of date, "Стр. X от Y").
	hf, err := pw.f.GetHeaderFooter(sheetInstructions.In(lang))
	if err != nil {
		return err
	}
	if err := pw.f.SetHeaderFooter(name, hf); err != nil {
		return err
	}
	return pw.f.ProtectSheet(name, &excelize.SheetProtectionOptions{SelectLockedCells: true, SelectUnlockedCells: true, FormatColumns: true, FormatRows: true})
}

// meta records the period and where the "filled in by" fields are.
func (pw *periodWriter) meta() error {
	rows, err := pw.f.GetRows(metaSheet)
	if err != nil {
		return err
	}
	r := len(rows) + 1
	for _, kv := range [][]any{
		{metaPeriod, strconv.FormatInt(pw.p.ID, 10)},
		{metaFilledBy, pw.filledBy},
		{metaFilledOn, pw.filledOn},
	} {
		if err := pw.f.SetSheetRow(metaSheet, "A"+strconv.Itoa(r), &kv); err != nil {
			return err
		}
		r++
	}
	return nil
}

// PeriodReturn is what a period template adds to an update: the period it
// was written for, who filled it in and when, and the coordinators'
// proposals. PeriodID is 0 for a template outside the cycle.
type PeriodReturn struct {
	PeriodID  model.ID
	Unit      string
	FilledBy  string
	FilledOn  string
	Proposals []model.Narrative
}

// readPeriodReturn reads the period parts of a template, from the file
// ReadUpdate opened (with its size limits and UTF-8 marks), its hidden
// sheet meta and its language. A plain template gives a zero
// PeriodReturn; a damaged period part is refused as SHEET!ROW problems.
func readPeriodReturn(f *excelize.File, meta metaRows, lang model.Lang) (PeriodReturn, error) {
	pr, err := readPeriodMeta(f, meta, lang)
	if err != nil || pr.PeriodID == 0 {
		return pr, err
	}
	pr.Proposals, err = readProposals(f, lang)
	return pr, err
}

// readPeriodMeta reads the period's part of the hidden sheet meta: the
// period, the unit, and who filled the template in and when (from the
// cells of the instructions' sheet in lang that meta names).
func readPeriodMeta(f *excelize.File, meta metaRows, lang model.Lang) (PeriodReturn, error) {
	var pr PeriodReturn
	var err error
	meta.each(func(key string, vals []string, _ int) {
		if err != nil || len(vals) == 0 {
			return
		}
		switch key {
		case metaPeriod:
			id, e := strconv.ParseInt(vals[0], 10, 64)
			if e != nil || id <= 0 {
				err = model.Errorf(model.EINVALID, "%s: the template's reporting period %q is damaged: make a new template", meta.sheet, vals[0])
			}
			pr.PeriodID = id
		case metaUnit:
			pr.Unit = vals[0]
		case metaFilledBy:
			pr.FilledBy, err = filledInField(f, lang, key, vals[0])
		case metaFilledOn:
			pr.FilledOn, err = filledInField(f, lang, key, vals[0])
		}
	})
	return pr, err
}

// filledInField is the value of the "filled in by" or "filled in on"
// field, in the cell ref of the instructions' sheet in lang.
func filledInField(f *excelize.File, lang model.Lang, field, ref string) (string, error) {
	ref = strings.TrimSpace(ref)
	v, err := f.GetCellValue(sheetInstructions.In(lang), ref)
	if err != nil {
		return "", model.Errorf(model.EINVALID, "%s: the template's field %s is damaged: make a new template", metaSheet, field)
	}
	if err := checkMarkedUTF8(sheetInstructions.In(lang)+"!"+ref, v); err != nil {
		return "", err
	}
	return strings.TrimSpace(v), nil
}

// readProposals reads the coordinators' proposals from the template's
// sheet of them in lang, after checking its key row. The valid ones come
// back with the problems of the others.
func readProposals(f *excelize.File, lang model.Lang) ([]model.Narrative, error) {
	name := sheetProposals.In(lang)
	rows, err := f.GetRows(name)
	if err != nil || len(rows) == 0 || len(rows[0]) == 0 || rows[0][0] != kindPrefix+proposalsKind {
		return nil, lacksSheet(name)
	}
	want := []string{kindPrefix + proposalsKind, "area", "kind", "text_bg", "text_en"}
	for i, k := range want {
		if i >= len(rows[0]) || rows[0][i] != k {
			return nil, Problems{{Sheet: name, Row: keyRow, Message: "the hidden key row was changed: make a new template"}}
		}
	}
	var proposals []model.Narrative
	var problems Problems
	for i, row := range rows {
		if i < firstDataRow-1 || len(row) == 0 {
			continue
		}
		n, ok, rowProblems := readProposal(name, i+1, row)
		problems = append(problems, rowProblems...)
		if ok {
			proposals = append(proposals, n)
		}
	}
	if len(problems) > 0 {
		return proposals, problems
	}
	return proposals, nil
}

// readProposal reads the proposal in row number n of the sheet name; ok
// is false for an empty row and one with problems.
func readProposal(name string, n int, row []string) (p model.Narrative, ok bool, problems Problems) {
	cell := func(c int) string {
		if c < len(row) {
			return strings.TrimSpace(row[c])
		}
		return ""
	}
	bg, en := cell(3), cell(4)
	if bg == "" && en == "" {
		return p, false, nil
	}
	area, kind, found := strings.Cut(cell(0), "|")
	k := model.NarrativeKind(kind)
	if !found || area == "" || !slices.Contains(model.NarrativeKinds, k) || k == model.NarrativeCommentary {
		return p, false, Problems{{Sheet: name, Row: n, Message: "the row's hidden key was changed: make a new template"}}
	}
	p = model.Narrative{Area: area, Kind: k, Text: model.T(bg, en)}
	for _, s := range []string{bg, en} {
		if err := checkMarkedUTF8(fmt.Sprintf("%s!%d", name, n), s); err != nil {
			problems = append(problems, Problem{Sheet: name, Row: n, Message: model.ErrorMessage(err)})
		}
	}
	if err := p.Validate(); err != nil {
		return p, false, append(problems, Problem{Sheet: name, Row: n, Message: model.ErrorMessage(err)})
	}
	return p, true, problems
}
