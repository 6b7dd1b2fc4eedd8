package site

import (
	"archive/zip"
	"bytes"
	"crypto/sha1"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"strconv"
	"time"

	"strategytracker/model"
)

// The open data: one CSV per table, described by datapackage.json
// (Frictionless Data Package, Table Schema), and the public JSON export.
// The description of each table and the rows come from one place (tables),
// so that the two cannot drift apart.

// field is one column of a table.
type field struct {
	Name, Type string // Table Schema type: string, integer, number, boolean, date
	BG, EN     string // description
	Required   bool
	Enum       []string
}

// foreignKey says that column(s) of a table refer to another table's key.
type foreignKey struct {
	Fields    []string
	Resource  string
	RefFields []string
}

// table is one CSV file.
type table struct {
	Name        string // resource name; the file is Name + ".csv"
	BG, EN      string // title
	Fields      []field
	PrimaryKey  []string
	ForeignKeys []foreignKey
	Rows        [][]string
}

func fText(name, bg, en string) field { return field{Name: name, Type: "string", BG: bg, EN: en} }

func fKey(name, typ, bg, en string) field {
	return field{Name: name, Type: typ, BG: bg, EN: en, Required: true}
}

func fNum(name, bg, en string) field  { return field{Name: name, Type: "number", BG: bg, EN: en} }
func fDate(name, bg, en string) field { return field{Name: name, Type: "date", BG: bg, EN: en} }
func fBool(name, bg, en string) field {
	return field{Name: name, Type: "boolean", BG: bg, EN: en, Required: true}
}

func two(name, bg, en string) []field {
	return []field{fText(name+"_bg", bg+" (на български)", en+" (in Bulgarian)"), fText(name+"_en", bg+" (на английски)", en+" (in English)")}
}

func cat(parts ...[]field) []field {
	var out []field
	for _, p := range parts {
		out = append(out, p...)
	}
	return out
}

// Cell formats.
func sDate(d model.Date) string { return d.String() }
func sBool(b bool) string       { return strconv.FormatBool(b) }
func sNum(v float64) string     { return strconv.FormatFloat(v, 'f', -1, 64) }
func sPct(v float64) string     { return strconv.FormatFloat(model.Round1(v), 'f', 1, 64) }
func sEUR(cents int64) string {
	neg := cents < 0
	if neg {
		cents = -cents
	}
	s := strconv.FormatInt(cents/100, 10) + "." + twoDigits(cents%100)
	if neg {
		s = "-" + s
	}
	return s
}

func twoDigits(n int64) string {
	if n < 10 {
		return "0" + strconv.FormatInt(n, 10)
	}
	return strconv.FormatInt(n, 10)
}

func statusEnum() []string {
	var out []string
	for _, s := range model.Statuses {
		out = append(out, string(s))
	}
	return out
}

func stateEnum() []string {
	var out []string
	for _, s := range model.MilestoneStates {
		out = append(out, string(s))
	}
	return out
}

// tables builds every table of the public document p at the site's as-of date.
func (s *site) tables() []table {
	p := s.doc
	goals := table{Name: "goals", BG: "Стратегически цели", EN: "Strategic goals",
		Fields:     cat([]field{fKey("code", "string", "Код на целта", "Goal code")}, two("title", "Наименование", "Title"), two("description", "Описание", "Description")),
		PrimaryKey: []string{"code"}}
	for _, g := range p.Goals {
		goals.Rows = append(goals.Rows, []string{g.Code, g.Title.BG, g.Title.EN, g.Description.BG, g.Description.EN})
	}

	areas := table{Name: "areas", BG: "Приоритетни области", EN: "Priority areas",
		Fields: cat([]field{fKey("code", "string", "Код на областта", "Area code"),
			{Name: "order", Type: "integer", BG: "Поредност при показване", EN: "Display order", Required: true}},
			two("title", "Наименование", "Title"), two("description", "Описание", "Description"),
			[]field{{Name: "measures", Type: "integer", BG: "Брой публикувани мерки", EN: "Number of published measures", Required: true},
				fNum("progress", "Напредък към датата на данните, % (среднопретеглен)", "Progress at the data's as-of date, % (weighted mean)"),
				fNum("expected_progress", "Очакван напредък към датата на данните, %", "Expected progress at the data's as-of date, %"),
				fNum("planned_eur", "Планиран бюджет на непрекратените мерки, евро", "Planned budget of the measures not cancelled, euro"),
				fNum("spent_eur", "Изразходвани средства, евро", "Amount spent, euro")}),
		PrimaryKey: []string{"code"}}
	for _, a := range s.sum.Areas {
		ar := p.Area(a.Code)
		areas.Rows = append(areas.Rows, []string{a.Code, strconv.Itoa(ar.Order), ar.Title.BG, ar.Title.EN, ar.Description.BG, ar.Description.EN,
			strconv.Itoa(a.Measures), sPct(float64(a.Progress)), sPct(float64(a.Expected)), sEUR(a.Budget.PlannedCents), sEUR(a.Budget.SpentCents)})
	}

	var kinds []string
	for _, k := range model.UnitKinds {
		kinds = append(kinds, string(k))
	}
	units := table{Name: "units", BG: "Организационни звена", EN: "Organisational units",
		Fields: cat([]field{fKey("code", "string", "Код на звеното", "Unit code")}, two("name", "Наименование", "Name"),
			[]field{{Name: "kind", Type: "string", BG: "Вид: дирекция, район, общинско дружество, агенция, външен партньор", EN: "Kind: directorate, district, municipal company, agency, external partner", Required: true, Enum: kinds}}),
		PrimaryKey: []string{"code"}}
	for _, u := range p.Units {
		units.Rows = append(units.Rows, []string{u.Code, u.Name.BG, u.Name.EN, string(u.Kind)})
	}

	measures := table{Name: "measures", BG: "Мерки", EN: "Measures",
		Fields: cat([]field{fKey("code", "string", "Код на мярката", "Measure code"),
			fKey("area", "string", "Код на приоритетната област", "Priority area code")},
			two("title", "Наименование", "Title"), two("description", "Описание", "Description"),
			[]field{fKey("lead_unit", "string", "Код на водещото звено", "Lead unit code"),
				fText("responsible_bg", "Отговорник (само ако е публичен)", "Responsible person (only when public)"),
				fText("responsible_en", "Отговорник, на английски (само ако е публичен)", "Responsible person, in English (only when public)"),
				fDate("start", "Начална дата", "Start date"), fDate("end", "Крайна дата", "End date"),
				fNum("weight", "Тежест в общия напредък", "Weight in the overall progress"),
				fNum("progress", "Напредък, %", "Progress, %"),
				fNum("expected_progress", "Очакван напредък според сроковете, %", "Expected progress by the dates, %"),
				{Name: "status", Type: "string", BG: "Състояние: completed изпълнена, on_track в срок, at_risk с риск, delayed забавена, not_started предстои, cancelled прекратена",
					EN: "Status: completed, on_track, at_risk, delayed, not_started, cancelled", Required: true, Enum: statusEnum()},
				fBool("status_overridden", "Състоянието е определено ръчно от кабинета", "The status was set by hand by the office"),
				fText("override_reason", "Основание за ръчно определеното състояние (на български)", "Reason for the status set by hand (in Bulgarian)"),
				fText("override_reason_en", "Основание за ръчно определеното състояние (на английски)", "Reason for the status set by hand (in English)"),
				fBool("cancelled", "Мярката е прекратена", "The measure is cancelled"),
				fNum("planned_eur", "Планиран бюджет, евро", "Planned budget, euro"),
				fNum("spent_eur", "Изразходвани средства, евро", "Amount spent, euro"),
				fNum("budget_execution", "Изпълнение на бюджета, % (празно при нулев план)", "Budget execution, % (empty when nothing is planned)")}),
		PrimaryKey:  []string{"code"},
		ForeignKeys: []foreignKey{{[]string{"area"}, "areas", []string{"code"}}, {[]string{"lead_unit"}, "units", []string{"code"}}}}
	measureGoals := table{Name: "measure_goals", BG: "Мерки и стратегически цели", EN: "Measures and strategic goals",
		Fields:      []field{fKey("measure", "string", "Код на мярката", "Measure code"), fKey("goal", "string", "Код на целта", "Goal code")},
		PrimaryKey:  []string{"measure", "goal"},
		ForeignKeys: []foreignKey{{[]string{"measure"}, "measures", []string{"code"}}, {[]string{"goal"}, "goals", []string{"code"}}}}
	partners := table{Name: "measure_partners", BG: "Партньори по мерките", EN: "Partners of the measures",
		Fields:      []field{fKey("measure", "string", "Код на мярката", "Measure code"), fKey("unit", "string", "Код на партньорското звено", "Partner unit code")},
		PrimaryKey:  []string{"measure", "unit"},
		ForeignKeys: []foreignKey{{[]string{"measure"}, "measures", []string{"code"}}, {[]string{"unit"}, "units", []string{"code"}}}}
	funding := table{Name: "funding", BG: "Бюджет: източници на финансиране", EN: "Budget: funding sources",
		Fields: cat([]field{fKey("measure", "string", "Код на мярката", "Measure code"),
			{Name: "position", Type: "integer", BG: "Пореден номер на източника в мярката", EN: "Number of the source within the measure", Required: true}},
			two("name", "Източник", "Source"), []field{fNum("amount_eur", "Сума, евро", "Amount, euro")}),
		PrimaryKey:  []string{"measure", "position"},
		ForeignKeys: []foreignKey{{[]string{"measure"}, "measures", []string{"code"}}}}
	milestones := table{Name: "milestones", BG: "Етапи", EN: "Milestones",
		Fields: cat([]field{fKey("id", "integer", "Номер на етапа", "Milestone number"), fKey("measure", "string", "Код на мярката", "Measure code")},
			two("title", "Наименование", "Title"),
			[]field{fDate("due", "Срок", "Due date"), fDate("completed", "Дата на изпълнение", "Date completed"),
				fBool("cancelled", "Етапът е отменен", "The milestone is cancelled"), fNum("weight", "Тежест в напредъка на мярката", "Weight in the measure's progress"),
				{Name: "state", Type: "string", BG: "Състояние към датата на данните: done изпълнен, overdue просрочен, due_soon наближава, pending предстои, cancelled отменен",
					EN: "State at the data's as-of date: done, overdue, due_soon, pending, cancelled", Required: true, Enum: stateEnum()},
				fText("note", "Бележка (публична, на български)", "Note (public, in Bulgarian)"), fText("note_en", "Бележка (публична, на английски)", "Note (public, in English)"),
				fText("evidence", "Връзка към доказателство", "Link to evidence")}),
		PrimaryKey:  []string{"id"},
		ForeignKeys: []foreignKey{{[]string{"measure"}, "measures", []string{"code"}}}}
	kpis := table{Name: "kpis", BG: "Индикатори", EN: "Indicators (KPIs)",
		Fields: cat([]field{fKey("id", "integer", "Номер на индикатора", "Indicator number"), fKey("measure", "string", "Код на мярката", "Measure code")},
			two("name", "Наименование", "Name"), two("unit", "Мерна единица", "Unit of measure"),
			[]field{{Name: "kind", Type: "string", BG: "Вид: output за продукт, result за резултат, impact за въздействие", EN: "Kind: output, result, impact", Required: true, Enum: []string{"output", "result", "impact"}},
				fNum("baseline_value", "Базова стойност", "Baseline value"), fDate("baseline_date", "Дата на базовата стойност", "Baseline date"),
				fNum("target_value", "Целева стойност", "Target value"), fDate("target_date", "Срок за целевата стойност", "Target date"),
				fNum("latest_value", "Последна стойност към датата на данните", "Latest value at the data's as-of date"),
				fDate("latest_date", "Дата на последната стойност", "Date of the latest value"),
				fNum("attainment", "Постигнато от пътя от базовата до целевата стойност, %", "Share of the way from baseline to target attained, %")}),
		PrimaryKey:  []string{"id"},
		ForeignKeys: []foreignKey{{[]string{"measure"}, "measures", []string{"code"}}}}
	values := table{Name: "kpi_values", BG: "Стойности на индикаторите", EN: "Indicator values",
		Fields: []field{fKey("id", "integer", "Номер на стойността", "Value number"), fKey("kpi", "integer", "Номер на индикатора", "Indicator number"),
			fDate("date", "Дата", "Date"), fNum("value", "Стойност", "Value"), fText("note", "Бележка", "Note"), fText("source", "Източник на данните", "Source of the data")},
		PrimaryKey:  []string{"id"},
		ForeignKeys: []foreignKey{{[]string{"kpi"}, "kpis", []string{"id"}}}}
	updates := table{Name: "updates", BG: "Информация за хода на мерките", EN: "Progress updates",
		Fields: cat([]field{fKey("id", "integer", "Номер", "Number"), fKey("measure", "string", "Код на мярката", "Measure code"), fDate("date", "Дата", "Date")},
			two("text", "Текст", "Text")),
		PrimaryKey:  []string{"id"},
		ForeignKeys: []foreignKey{{[]string{"measure"}, "measures", []string{"code"}}}}

	revisions := table{Name: "revisions", BG: "Промени в приетия план", EN: "Revisions of the adopted plan",
		Fields: cat([]field{fKey("id", "integer", "Номер на промяната", "Revision number"),
			fKey("measure", "string", "Код на мярката", "Measure code"),
			{Name: "entity", Type: "string", BG: "Какво е променено: measure мярка, milestone етап, kpi индикатор", EN: "What changed: measure, milestone, kpi", Required: true, Enum: []string{"measure", "milestone", "kpi"}},
			fKey("entity_id", "integer", "Номер на мярката, етапа или индикатора (kpis.id при индикатор)", "Number of the measure, milestone or indicator (kpis.id for an indicator)"),
			{Name: "field", Type: "string", BG: "Показател: end крайна дата, plannedCents планиран бюджет в евроцентове, due срок на етап, targetValue целева стойност, targetDate срок за целта",
				EN: "Field: end date, plannedCents planned budget in euro cents, due date of a milestone, targetValue, targetDate", Required: true, Enum: []string{"end", "plannedCents", "due", "targetValue", "targetDate"}},
			fText("original", "Стойност в приетия план", "Value in the adopted plan"),
			fText("previous", "Стойност преди тази промяна", "Value before this change"),
			fText("current", "Стойност след тази промяна", "Value after this change"),
			fDate("date", "Дата на промяната", "Date of the change")},
			two("reason", "Основание", "Reason")),
		PrimaryKey:  []string{"id"},
		ForeignKeys: []foreignKey{{[]string{"measure"}, "measures", []string{"code"}}}}
	for _, r := range p.Revisions {
		m := p.Measure(r.MeasureID)
		if m == nil {
			continue
		}
		date := ""
		if d := model.StampDate(r.At); d != 0 {
			date = d.String()
		}
		revisions.Rows = append(revisions.Rows, []string{strconv.FormatInt(r.ID, 10), m.Code, string(r.Entity), strconv.FormatInt(r.EntityID, 10),
			r.Field, r.Original, r.Previous, r.Current, date, r.Reason.BG, r.Reason.EN})
	}

	for i := range p.Measures {
		m := &p.Measures[i]
		f := s.figures[i]
		var respBG, respEN string
		if r := p.Person(model.ID(m.Responsible)); r != nil {
			respBG, respEN = r.Name.BG, r.Name.EN
		}
		var reason model.Text
		if f.Overridden && m.Override != nil {
			reason = m.Override.ReasonText()
		}
		exec := ""
		if e, ok := model.BudgetExecution(m.PlannedCents, m.SpentCents); ok {
			exec = sPct(e)
		}
		measures.Rows = append(measures.Rows, []string{m.Code, m.Area, m.Title.BG, m.Title.EN, m.Description.BG, m.Description.EN, m.LeadUnit,
			respBG, respEN, sDate(m.Start), sDate(m.End), sNum(m.Weight), sPct(f.Progress), sPct(f.Expected), string(f.Status),
			sBool(f.Overridden), reason.BG, reason.EN, sBool(m.Cancelled), sEUR(m.PlannedCents), sEUR(m.SpentCents), exec})
		for _, g := range m.Goals {
			measureGoals.Rows = append(measureGoals.Rows, []string{m.Code, g})
		}
		for _, u := range m.Partners {
			partners.Rows = append(partners.Rows, []string{m.Code, u})
		}
		for j, fs := range m.Funding {
			funding.Rows = append(funding.Rows, []string{m.Code, strconv.Itoa(j + 1), fs.Name.BG, fs.Name.EN, sEUR(fs.AmountCents)})
		}
		for _, ms := range m.Milestones {
			milestones.Rows = append(milestones.Rows, []string{strconv.FormatInt(ms.ID, 10), m.Code, ms.Title.BG, ms.Title.EN, sDate(ms.Due), sDate(ms.Completed),
				sBool(ms.Cancelled), sNum(ms.Weight), string(ms.StateAt(m.Cancelled, s.asOf)), ms.Note, ms.NoteEn, ms.Evidence})
		}
		for k := range m.KPIs {
			kp := &m.KPIs[k]
			var latest, latestDate, att string
			if v, ok := kp.LatestValue(s.asOf); ok {
				latest, latestDate = sNum(v.Value), sDate(v.Date)
			}
			if a, ok := kp.Attainment(s.asOf); ok {
				att = sPct(a)
			}
			kpis.Rows = append(kpis.Rows, []string{strconv.FormatInt(kp.ID, 10), m.Code, kp.Name.BG, kp.Name.EN, kp.Unit.BG, kp.Unit.EN, string(kp.Kind),
				sNum(kp.BaselineValue), sDate(kp.BaselineDate), sNum(kp.TargetValue), sDate(kp.TargetDate), latest, latestDate, att})
			for _, v := range kp.Values {
				values.Rows = append(values.Rows, []string{strconv.FormatInt(v.ID, 10), strconv.FormatInt(kp.ID, 10), sDate(v.Date), sNum(v.Value), v.Note, v.Source})
			}
		}
		for _, u := range m.Updates {
			updates.Rows = append(updates.Rows, []string{strconv.FormatInt(u.ID, 10), m.Code, sDate(u.Date), u.Text.BG, u.Text.EN})
		}
	}
	return []table{areas, goals, units, measures, measureGoals, partners, funding, milestones, kpis, values, updates, revisions}
}

// csvBytes writes t as RFC 4180 CSV, UTF-8 without a byte-order mark,
// header first, lines ending in LF (csvDialect), text cells through csvText.
func csvBytes(t *table) []byte {
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	header := make([]string, len(t.Fields))
	for i, f := range t.Fields {
		header[i] = f.Name
	}
	w.Write(header)
	text := make([]bool, len(t.Fields))
	for i, f := range t.Fields {
		text[i] = f.Type == "string"
	}
	row := make([]string, len(t.Fields))
	for _, r := range t.Rows {
		for i, v := range r {
			if text[i] {
				v = csvText(v)
			}
			row[i] = v
		}
		w.Write(row)
	}
	w.Flush() // a bytes.Buffer does not fail
	return buf.Bytes()
}

// csvText keeps a spreadsheet from running a text cell as a formula: a
// text that begins with =, +, -, @, a tab or a carriage return — or with an
// apostrophe, so that the rule can be undone — gets one apostrophe in front.
// Removing one leading apostrophe from a text cell gives the text back
// (data/README.txt says so). Numbers, dates and booleans are never changed.
func csvText(v string) string {
	if v == "" {
		return v
	}
	switch v[0] {
	case '=', '+', '-', '@', '\t', '\r', '\'':
		return "'" + v
	}
	return v
}

// Frictionless Data Package, in key order.
type dpField struct {
	Name         string            `json:"name"`
	Type         string            `json:"type"`
	Format       string            `json:"format,omitempty"`
	Description  string            `json:"description"`
	Descriptions map[string]string `json:"descriptions"`
	Constraints  *dpConstraints    `json:"constraints,omitempty"`
}

type dpConstraints struct {
	Required bool     `json:"required,omitempty"`
	Enum     []string `json:"enum,omitempty"`
}

type dpForeignKey struct {
	Fields    []string `json:"fields"`
	Reference struct {
		Resource string   `json:"resource"`
		Fields   []string `json:"fields"`
	} `json:"reference"`
}

type dpSchema struct {
	Fields        []dpField      `json:"fields"`
	PrimaryKey    []string       `json:"primaryKey"`
	ForeignKeys   []dpForeignKey `json:"foreignKeys,omitempty"`
	MissingValues []string       `json:"missingValues"`
}

type dpResource struct {
	Name      string            `json:"name"`
	Path      string            `json:"path"`
	Profile   string            `json:"profile"`
	Title     string            `json:"title"`
	Titles    map[string]string `json:"titles"`
	Format    string            `json:"format"`
	Mediatype string            `json:"mediatype"`
	Encoding  string            `json:"encoding"`
	Dialect   map[string]any    `json:"dialect"`
	Schema    dpSchema          `json:"schema"`
}

type dpLicense struct {
	Name  string `json:"name"`
	Path  string `json:"path,omitempty"`
	Title string `json:"title"`
}

type dataPackage struct {
	Profile     string            `json:"profile"`
	ID          string            `json:"id"`
	Name        string            `json:"name"`
	Title       string            `json:"title"`
	Titles      map[string]string `json:"titles"`
	Description string            `json:"description"`
	Licenses    []dpLicense       `json:"licenses"`
	Demo        bool              `json:"demo,omitempty"`
	Created     string            `json:"created"`
	AsOf        string            `json:"asOf"`
	Resources   []dpResource      `json:"resources"`
}

// csvDialect is how csvBytes writes (encoding/csv without UseCRLF), said
// whole: the Frictionless default line terminator is CRLF, these files use LF.
var csvDialect = map[string]any{"delimiter": ",", "lineTerminator": "\n", "quoteChar": "\"", "doubleQuote": true,
	"skipInitialSpace": false, "header": true}

// packageID identifies the data package: Options.ID when the publisher gave
// one, else a name-based UUID (RFC 4122 version 5) of the strategy's
// Bulgarian title and the start of its period — the same for every
// publication of the strategy, whatever the as-of date, and different for
// a later strategy of the same name.
func (s *site) packageID() string {
	if s.opts.ID != "" {
		return s.opts.ID
	}
	st := s.doc.Strategy
	h := sha1.Sum([]byte("strategytracker:" + st.Title.BG + "|" + st.PeriodStart.String()))
	h[6] = h[6]&0x0f | 0x50 // version 5
	h[8] = h[8]&0x3f | 0x80 // RFC 4122 variant
	return fmt.Sprintf("urn:uuid:%x-%x-%x-%x-%x", h[0:4], h[4:6], h[6:8], h[8:10], h[10:16])
}

func (s *site) datapackage(tables []table) []byte {
	st := s.doc.Strategy
	dp := dataPackage{Profile: "tabular-data-package", ID: s.packageID(), Name: "strategy-progress", Created: s.created().Format(time.RFC3339),
		Title:       st.Title.In(model.EN),
		Titles:      map[string]string{"bg": st.Title.In(model.BG), "en": st.Title.In(model.EN)},
		Description: "Progress of the strategy's measures, milestones and indicators as of " + s.asOf.String() + ". Only public information.",
		Licenses:    []dpLicense{{Name: s.opts.Licence.ID, Path: s.opts.Licence.URL, Title: s.opts.Licence.Title}},
		Demo:        st.Demo, AsOf: s.asOf.String()}
	for i := range tables {
		t := &tables[i]
		r := dpResource{Name: t.Name, Path: t.Name + ".csv", Profile: "tabular-data-resource", Title: t.EN,
			Titles: map[string]string{"bg": t.BG, "en": t.EN}, Format: "csv", Mediatype: "text/csv", Encoding: "utf-8",
			Dialect: csvDialect,
			Schema:  dpSchema{PrimaryKey: t.PrimaryKey, MissingValues: []string{""}}}
		for _, f := range t.Fields {
			df := dpField{Name: f.Name, Type: f.Type, Description: f.EN, Descriptions: map[string]string{"bg": f.BG, "en": f.EN}}
			if f.Required || len(f.Enum) > 0 {
				df.Constraints = &dpConstraints{Required: f.Required, Enum: f.Enum}
			}
			r.Schema.Fields = append(r.Schema.Fields, df)
		}
		for _, fk := range t.ForeignKeys {
			var k dpForeignKey
			k.Fields, k.Reference.Resource, k.Reference.Fields = fk.Fields, fk.Resource, fk.RefFields
			r.Schema.ForeignKeys = append(r.Schema.ForeignKeys, k)
		}
		dp.Resources = append(dp.Resources, r)
	}
	b, _ := json.MarshalIndent(dp, "", "  ") // maps marshal with sorted keys: deterministic
	return append(b, '\n')
}

// zipBytes packs the named files in the given order with a fixed time, so
// that the same data gives the same archive.
func zipBytes(names []string, files map[string][]byte, modified time.Time) ([]byte, error) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, n := range names {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: n, Method: zip.Deflate, Modified: modified})
		if err != nil {
			return nil, err
		}
		if _, err := w.Write(files[n]); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
