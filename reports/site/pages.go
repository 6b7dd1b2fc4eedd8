package site

import (
	"bytes"
	"fmt"
	"html/template"
	"strconv"
	"strings"
	"sync"

	"strategytracker/model"
)

// page is what every template gets.
type page struct {
	Lang      model.Lang
	Root      string // from the page's folder to the site's folder: "../" or "../../"
	Title     string // <title>
	H1        string // the page's one heading of level 1
	H1Lang    string // lang of H1 when the heading is in the other language
	TitleLang string // lang of Title, when the whole of it is
	Site      string // the strategy's short title, linked to the home page
	SiteLang  string
	Demo      bool
	DemoMark  string
	W         map[string]string
	Switch    []langLink
	Nav       string // the current section: home, measures, data
	Home      string // hrefs of the sections
	List      string
	Data      string
	AsOf      string
	Licence   Licence
	// LicenceLang is "en" on pages in another language: the licences' titles are English.
	LicenceLang string
	Body        any
}

type langLink struct {
	Lang   model.Lang
	Name   string
	Href   string
	Choose string // "choose a language" in Lang
}

// status is a status shown by symbol, word and colour.
type statusView struct {
	Class, Symbol, Label string
	Note                 string // "overridden" mark
}

func (s *site) status(st model.Status, overridden bool, lang model.Lang) statusView {
	v := statusView{Class: "s-" + string(st), Symbol: statusSymbol[st], Label: st.Label(lang)}
	if overridden {
		v.Note = "*"
	}
	return v
}

func (s *site) state(st model.MilestoneState, lang model.Lang) statusView {
	return statusView{Class: "m-" + string(st), Symbol: stateSymbol[st], Label: st.Label(lang)}
}

func (s *site) newPage(lang model.Lang, rel, title, nav string, body any) *page {
	depth := strings.Count(rel, "/") + 1 // rel is relative to the language folder
	root := strings.Repeat("../", depth)
	w := words[lang]
	p := &page{Lang: lang, Root: root, Demo: s.doc.Strategy.Demo, DemoMark: model.DemoMark(lang),
		W: w, Nav: nav, AsOf: s.asOf.Display(lang), Licence: s.opts.Licence, Body: body,
		Home: root + string(lang) + "/index.html", List: root + string(lang) + "/measures.html", Data: root + string(lang) + "/data.html"}
	p.Site, p.SiteLang = inLang(s.doc.Strategy.ShortTitle, lang)
	if p.Site == "" {
		p.Site, p.SiteLang = inLang(s.doc.Strategy.Title, lang)
	}
	p.heading(title, "")
	if lang != model.EN {
		p.LicenceLang = string(model.EN)
	}
	for _, l := range s.opts.Langs {
		if l != lang {
			p.Switch = append(p.Switch, langLink{Lang: l, Name: words[l]["langName"], Href: root + string(l) + "/" + rel})
		}
	}
	return p
}

// titled gives p the heading code + t (in the page's language, or the
// other as a fallback, marked) and the matching <title>.
func (s *site) titled(p *page, code string, t model.Text) *page {
	text, l := inLang(t, p.Lang)
	h := text
	if code != "" {
		h = code + " " + text
	}
	p.heading(h, l)
	return p
}

// heading sets the page's heading h, written in the language l ("": the
// page's), and its <title>: the heading and the site's name.
func (p *page) heading(h, l string) {
	p.H1, p.H1Lang = h, l
	p.Title = h + " — " + p.Site
	if h == "" || h == p.Site {
		p.Title = p.Site
	}
	p.TitleLang = ""
	if p.Title == h || l == p.SiteLang {
		p.TitleLang = l
	}
}

// renderBuffers are the buffers pages are rendered into, reused: each page
// keeps an exact copy, not a buffer grown by doubling (the 4,000 pages of
// a large strategy are all held until they are written, so the slack of
// the growth was peak memory, and the growth itself a third of publish's
// allocations).
var renderBuffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

func (s *site) render(t *template.Template, path string, p *page) error {
	buf := renderBuffers.Get().(*bytes.Buffer)
	defer renderBuffers.Put(buf)
	buf.Reset()
	if err := t.ExecuteTemplate(buf, "layout", p); err != nil {
		return fmt.Errorf("publish %s: %w", path, err)
	}
	page := bytes.Clone(buf.Bytes())
	s.mu.Lock()
	s.files[path] = page
	s.mu.Unlock()
	s.progress.step()
	return nil
}

// Views of the pages.

type figureView struct {
	Progress, Expected string
	Bar                template.HTML
}

type countView struct {
	Status statusView
	Count  int
}

type areaRow struct {
	Code, Href string
	Title      template.HTML
	Measures   int
	Fig        figureView
}

type measureRow struct {
	Code, Title, Href, AreaCode, AreaTitle, Lead, End string
	TitleLang, AreaLang, LeadLang                     string // lang of a fallback (inLang)
	EndSort                                           string
	Status                                            statusView
	StatusKey                                         string
	Progress                                          string
	ProgressSort                                      string
}

type homeView struct {
	Vision, Decision           template.HTML
	PeriodStart, PeriodEnd     string
	Fig                        figureView
	Measures, Milestones, Done int
	Budget, Spent              string
	Counts                     []countView
	Areas                      []areaRow
}

type areaView struct {
	Code        string
	Description template.HTML
	Fig         figureView
	Counts      []countView
	Measures    []measureRow
}

// fact is a term and its value, escaped (text) or marked up (textHTML).
type fact struct{ Term, Value template.HTML }

// plainFact is a fact of two texts in the page's language.
func plainFact(term, value string) fact {
	return fact{template.HTML(esc(term)), template.HTML(esc(value))}
}

type milestoneRow struct {
	Title, Due, Completed, Note, Evidence string
	TitleLang                             string
	State                                 statusView
}

type kpiView struct {
	Name       string
	NameLang   string
	Facts      []fact
	Chart      template.HTML
	Values     []valueRow
	ValuesHTML template.HTML
	ID         string
}

type valueRow struct {
	Date, Note, Source string
	Value              template.HTML
}

type updateView struct {
	Date   string
	Author template.HTML
	Text   template.HTML
}

type revisionRow struct {
	Field                 template.HTML
	Original, Current, At string
	Reason                template.HTML
}

type measureView struct {
	AreaHref       string
	AreaTitle      template.HTML
	Description    template.HTML
	Status         statusView
	OverrideReason template.HTML
	Fig            figureView
	Facts          []fact
	Budget         []fact
	Funding        []fact
	Milestones     []milestoneRow
	MilestoneRows  template.HTML // the rows, written by milestoneRowsHTML
	KPIs           []kpiView
	Update         *updateView
	Revisions      []revisionRow
}

type option struct{ Value, Label, Lang string }

type listView struct {
	Rows     []measureRow
	Areas    []option
	Statuses []option
	Total    int
}

type columnView struct{ Name, Type, Description string }

type resourceView struct {
	Title, File, Href, PrimaryKey, ForeignKeys string
	Rows                                       int
	Columns                                    []columnView
}

type dataView struct {
	Zip, JSON, Package, Xlsx, Readme string
	ZipSize, XlsxSize                string
	Resources                        []resourceView
}

type landingView struct {
	Title     string
	TitleLang string
	Others    []langLink // the title in the other languages (Name)
	Langs     []langLink
}

func (s *site) figure(progress, expected float64, st model.Status, lang model.Lang) figureView {
	w := words[lang]
	label := fmt.Sprintf("%s %s; %s %s", w["progress"], model.FormatPercent(progress, lang), strings.ToLower(w["expected"]), model.FormatPercent(expected, lang))
	return figureView{Progress: model.FormatPercent(progress, lang), Expected: model.FormatPercent(expected, lang), Bar: progressBar(progress, expected, st, label)}
}

func (s *site) counts(c model.StatusCounts, lang model.Lang) []countView {
	var out []countView
	for _, st := range model.Statuses {
		out = append(out, countView{Status: s.status(st, false, lang), Count: c[st]})
	}
	return out
}

// rollupFigure is the progress of many measures: its bar is in the
// site's neutral blue, since no one status describes it.
func (s *site) rollupFigure(progress, expected float64, lang model.Lang) figureView {
	return s.figure(progress, expected, "", lang)
}

func (s *site) measureRow(i int, lang model.Lang, root string) measureRow {
	m := &s.doc.Measures[i]
	f := s.figures[i]
	r := measureRow{Code: m.Code, Href: root + "measures/" + s.measureFile[m.Code], AreaCode: m.Area,
		End: m.End.Display(lang), EndSort: m.End.String(), Status: s.status(f.Status, f.Overridden, lang), StatusKey: string(f.Status),
		Progress: model.FormatPercent(f.Progress, lang), ProgressSort: strconv.FormatFloat(model.Round1(f.Progress), 'f', 1, 64)}
	if a := s.doc.Area(m.Area); a != nil {
		r.AreaTitle, r.AreaLang = inLang(a.Title, lang)
	}
	r.Title, r.TitleLang = inLang(m.Title, lang)
	if u := s.units[m.LeadUnit]; u != nil {
		r.Lead, r.LeadLang = inLang(u.Name, lang)
	} else {
		r.Lead = m.LeadUnit
	}
	return r
}

func (s *site) buildPages() error {
	t, err := template.New("site").Funcs(funcs).Parse(layoutTemplate)
	if err != nil {
		return err
	}
	// The languages are independent: build them at once.
	errs := make([]error, len(s.opts.Langs))
	var wg sync.WaitGroup
	for i, lang := range s.opts.Langs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = s.buildLang(t, lang)
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	// The landing page: the site's own index, in the first language, linking to each.
	first := s.opts.Langs[0]
	lv := landingView{}
	lv.Title, lv.TitleLang = inLang(s.doc.Strategy.Title, first)
	for _, l := range s.opts.Langs {
		lv.Langs = append(lv.Langs, langLink{Lang: l, Name: words[l]["langName"], Href: string(l) + "/index.html", Choose: words[l]["chooseLang"]})
		if t := s.doc.Strategy.Title.In(l); l != first && t != lv.Title {
			lv.Others = append(lv.Others, langLink{Lang: l, Name: t})
		}
	}
	p := s.newPage(first, "index.html", "", "", lv)
	p.Root, p.Switch = "", nil
	p.Home, p.List, p.Data = string(first)+"/index.html", string(first)+"/measures.html", string(first)+"/data.html"
	return s.render(tmpl(t, "landing"), "index.html", p)
}

func (s *site) buildLang(t *template.Template, lang model.Lang) error {
	w := words[lang]
	L := string(lang) + "/"
	st := s.doc.Strategy
	sum := s.sum

	// Home.
	done := sum.MilestoneStates[model.StateDone]
	home := homeView{Vision: textHTML(st.Vision, lang), Decision: textHTML(st.CouncilDecision, lang),
		PeriodStart: st.PeriodStart.Display(lang), PeriodEnd: st.PeriodEnd.Display(lang),
		Fig:      s.rollupFigure(float64(sum.Progress), float64(sum.Expected), lang),
		Measures: sum.Measures, Milestones: sum.Milestones, Done: done,
		Budget: model.FormatEUR(sum.Budget.PlannedCents, lang), Spent: model.FormatEUR(sum.Budget.SpentCents, lang),
		Counts: s.counts(sum.Status, lang)}
	for _, a := range sum.Areas {
		home.Areas = append(home.Areas, areaRow{Code: a.Code, Title: textHTML(a.Title, lang), Href: "areas/" + s.areaFile[a.Code], Measures: a.Measures,
			Fig: s.rollupFigure(float64(a.Progress), float64(a.Expected), lang)})
	}
	if err := s.render(tmpl(t, "home"), L+"index.html", s.titled(s.newPage(lang, "index.html", "", "home", home), "", st.Title)); err != nil {
		return err
	}

	// Areas.
	byArea := map[string][]int{}
	for i := range s.doc.Measures {
		byArea[s.doc.Measures[i].Area] = append(byArea[s.doc.Measures[i].Area], i)
	}
	for _, a := range sum.Areas {
		ar := s.doc.Area(a.Code)
		v := areaView{Code: a.Code, Description: textHTML(ar.Description, lang),
			Fig: s.rollupFigure(float64(a.Progress), float64(a.Expected), lang), Counts: s.counts(a.Status, lang)}
		for _, i := range byArea[a.Code] {
			v.Measures = append(v.Measures, s.measureRow(i, lang, "../"))
		}
		rel := "areas/" + s.areaFile[a.Code]
		p := s.titled(s.newPage(lang, rel, "", "", v), a.Code, a.Title)
		if err := s.render(tmpl(t, "area"), L+rel, p); err != nil {
			return err
		}
	}

	// Measures.
	mt := tmpl(t, "measure")
	for i := range s.doc.Measures {
		rel := "measures/" + s.measureFile[s.doc.Measures[i].Code]
		m := &s.doc.Measures[i]
		if err := s.render(mt, L+rel, s.titled(s.newPage(lang, rel, "", "", s.measureView(i, lang)), m.Code, m.Title)); err != nil {
			return err
		}
	}

	if err := s.listPage(t, lang); err != nil {
		return err
	}

	// Open data.
	dv := dataView{Zip: "../data/" + zipName, JSON: "../data/strategy.json", Package: "../data/datapackage.json",
		Xlsx: "../data/" + xlsxName, Readme: "../data/" + readmeName, ZipSize: sizeText(s.zipSize, lang), XlsxSize: sizeText(s.xlsxSize(), lang)}
	for _, tb := range s.tableList {
		rv := resourceView{Title: pick(lang, tb.BG, tb.EN), File: tb.Name + ".csv", Href: "../data/" + tb.Name + ".csv", Rows: len(tb.Rows),
			PrimaryKey: strings.Join(tb.PrimaryKey, ", ")}
		var fks []string
		for _, fk := range tb.ForeignKeys {
			fks = append(fks, strings.Join(fk.Fields, ", ")+" → "+fk.Resource+"."+strings.Join(fk.RefFields, ", "))
		}
		rv.ForeignKeys = strings.Join(fks, "; ")
		for _, f := range tb.Fields {
			rv.Columns = append(rv.Columns, columnView{Name: f.Name, Type: f.Type, Description: pick(lang, f.BG, f.EN)})
		}
		dv.Resources = append(dv.Resources, rv)
	}
	return s.render(tmpl(t, "data"), L+"data.html", s.newPage(lang, "data.html", w["openData"], "data", dv))
}

// listPage is the list of every measure, lang/measures.html.
func (s *site) listPage(t *template.Template, lang model.Lang) error {
	lv := listView{Total: len(s.doc.Measures)}
	for i := range s.doc.Measures {
		lv.Rows = append(lv.Rows, s.measureRow(i, lang, ""))
	}
	for _, a := range s.sum.Areas {
		title, l := inLang(a.Title, lang)
		lv.Areas = append(lv.Areas, option{a.Code, a.Code + " " + title, l})
	}
	for _, stt := range model.Statuses {
		lv.Statuses = append(lv.Statuses, option{string(stt), stt.Label(lang), ""})
	}
	return s.render(tmpl(t, "list"), string(lang)+"/measures.html", s.newPage(lang, "measures.html", words[lang]["allMeasures"], "measures", lv))
}

func pick(lang model.Lang, bg, en string) string {
	if lang == model.EN {
		return en
	}
	return bg
}

// sizeText is a file's size as people of lang write it: "120 КБ", "1,1 MB".
func sizeText(n int, lang model.Lang) string {
	w := words[lang]
	kb := float64(n) / 1024
	if kb < 1024 {
		return model.FormatNumber(kb, 0, lang) + " " + w["kB"]
	}
	return model.FormatNumber(kb/1024, 1, lang) + " " + w["MB"]
}

// tmpl is the layout with the page kind's body.
func tmpl(t *template.Template, kind string) *template.Template {
	c := template.Must(t.Clone())
	return template.Must(c.New("body").Parse(bodies[kind]))
}

func (s *site) personName(r model.Ref, lang model.Lang) template.HTML {
	if p := s.doc.Person(model.ID(r)); p != nil { // only public people are in the public document
		return textHTML(p.Name, lang)
	}
	return ""
}

func (s *site) measureView(i int, lang model.Lang) measureView {
	w := words[lang]
	m := &s.doc.Measures[i]
	f := s.figures[i]
	v := measureView{AreaHref: "../areas/" + s.areaFile[m.Area], Description: textHTML(m.Description, lang),
		Status: s.status(f.Status, f.Overridden, lang), Fig: s.figure(f.Progress, f.Expected, f.Status, lang)}
	if a := s.doc.Area(m.Area); a != nil {
		v.AreaTitle = template.HTML(esc(a.Code)+" ") + textHTML(a.Title, lang)
	}
	if _, ok := s.areaFile[m.Area]; !ok {
		v.AreaHref = ""
	}
	if f.Overridden && m.Override != nil {
		v.OverrideReason = textHTML(m.Override.ReasonText(), lang)
	}
	unitName := func(code string) template.HTML {
		if u := s.units[code]; u != nil {
			return textHTML(u.Name, lang)
		}
		return template.HTML(esc(code))
	}
	var goals, partners []template.HTML
	for _, g := range m.Goals {
		for _, gg := range s.doc.Goals {
			if gg.Code == g {
				goals = append(goals, template.HTML(esc(g)+" ")+textHTML(gg.Title, lang))
			}
		}
	}
	for _, u := range m.Partners {
		partners = append(partners, unitName(u))
	}
	term := func(k string) template.HTML { return template.HTML(esc(w[k])) }
	v.Facts = append(v.Facts, fact{term("area"), v.AreaTitle}, fact{term("leadUnit"), unitName(m.LeadUnit)})
	if len(partners) > 0 {
		v.Facts = append(v.Facts, fact{term("partners"), joinHTML(partners, "; ")})
	}
	if len(goals) > 0 {
		v.Facts = append(v.Facts, fact{term("goals"), joinHTML(goals, "; ")})
	}
	if n := s.personName(m.Responsible, lang); n != "" {
		v.Facts = append(v.Facts, fact{term("responsible"), n})
	}
	v.Facts = append(v.Facts, plainFact(w["start"], m.Start.Display(lang)), plainFact(w["end"], m.End.Display(lang)))

	v.Budget = []fact{plainFact(w["planned"], model.FormatEUR(m.PlannedCents, lang)), plainFact(w["spent"], model.FormatEUR(m.SpentCents, lang))}
	if e, ok := model.BudgetExecution(m.PlannedCents, m.SpentCents); ok {
		v.Budget = append(v.Budget, plainFact(w["execution"], model.FormatPercent(e, lang)))
	}
	for _, fs := range m.Funding {
		v.Funding = append(v.Funding, fact{textHTML(fs.Name, lang), template.HTML(esc(model.FormatEUR(fs.AmountCents, lang)))})
	}
	for _, ms := range m.Milestones {
		row := milestoneRow{Due: ms.Due.Display(lang), Completed: ms.Completed.Display(lang),
			Note: ms.NoteText().In(lang), Evidence: ms.Evidence, State: s.state(ms.StateAt(m.Cancelled, s.asOf), lang)}
		row.Title, row.TitleLang = inLang(ms.Title, lang)
		v.Milestones = append(v.Milestones, row)
	}
	v.MilestoneRows = milestoneRowsHTML(v.Milestones, lang)
	for k := range m.KPIs {
		v.KPIs = append(v.KPIs, s.kpiView(&m.KPIs[k], lang))
	}
	// The latest public update (internal ones are not in the public document).
	if u := m.LatestUpdate(s.asOf); u != nil {
		v.Update = &updateView{Date: u.Date.Display(lang), Author: s.personName(u.Author, lang), Text: textHTML(u.Text, lang)}
	}
	v.Revisions = s.revisions(m, lang)
	return v
}

func (s *site) kpiView(k *model.KPI, lang model.Lang) kpiView {
	w := words[lang]
	unit, unitLang := inLang(k.Unit, lang)
	withUnit := func(v float64) string { return model.FormatKPIValue(v, unit, lang) }
	// The same, marked up: the unit may be a fallback in the other language.
	withUnitHTML := func(v float64, suffix string) template.HTML {
		before, n, after := model.ValueParts(v, unit, lang)
		sign := func(s string) template.HTML { // the unit's words, marked when they fall back
			if w := strings.TrimLeft(s, " "); w != "" {
				return template.HTML(esc(s[:len(s)-len(w)])) + langHTML(w, unitLang)
			}
			return template.HTML(esc(s))
		}
		return sign(before) + template.HTML(esc(n)) + sign(after) + template.HTML(esc(suffix))
	}
	kv := kpiView{ID: "kpi-" + strconv.FormatInt(k.ID, 10)}
	kv.Name, kv.NameLang = inLang(k.Name, lang)
	kv.Facts = []fact{plainFact(w["kind"], w[string(k.Kind)]),
		{template.HTML(esc(w["baseline"])), withUnitHTML(k.BaselineValue, " ("+k.BaselineDate.Display(lang)+")")},
		{template.HTML(esc(w["target"])), withUnitHTML(k.TargetValue, dateSuffix(k.TargetDate, lang))}}
	var shown []model.KPIValue
	for _, v := range k.Values {
		if v.Date <= s.asOf {
			shown = append(shown, v)
			kv.Values = append(kv.Values, valueRow{Date: v.Date.Display(lang), Value: withUnitHTML(v.Value, ""), Note: v.Note, Source: v.Source})
		}
	}
	label := fmt.Sprintf("%s — %s: %s %s (%s)", w["chartOf"], kv.Name, strings.ToLower(w["baseline"]), withUnit(k.BaselineValue), k.BaselineDate.Display(lang))
	if lv, ok := k.LatestValue(s.asOf); ok {
		kv.Facts = append(kv.Facts, fact{template.HTML(esc(w["latest"])), withUnitHTML(lv.Value, " ("+lv.Date.Display(lang)+")")})
		label += fmt.Sprintf(", %s %s (%s)", strings.ToLower(w["latest"]), withUnit(lv.Value), lv.Date.Display(lang))
		if a, ok := k.Attainment(s.asOf); ok {
			kv.Facts = append(kv.Facts, plainFact(w["attainment"], model.FormatPercent(a, lang)))
		}
	} else {
		kv.Facts = append(kv.Facts, plainFact(w["latest"], w["noValues"]))
	}
	label += fmt.Sprintf(", %s %s%s.", strings.ToLower(w["target"]), withUnit(k.TargetValue), dateSuffix(k.TargetDate, lang))
	kv.ValuesHTML = valueRowsHTML(kv.Values, lang)
	kv.Chart = kpiChart(k, shown, label, strings.ToLower(w["target"]), strings.ToLower(w["baseline"]))
	return kv
}

func dateSuffix(d model.Date, lang model.Lang) string {
	if d == 0 {
		return ""
	}
	return " (" + d.Display(lang) + ")"
}

type countsArgs struct {
	W      map[string]string
	Counts []countView
}

type tableArgs struct {
	W        map[string]string
	Caption  string
	ID       string
	ShowArea bool
	RowsHTML template.HTML
	Starred  bool // a status set by hand is shown: the footnote says what * means
}

var funcs = template.FuncMap{
	"countsArgs": func(w map[string]string, c []countView) countsArgs { return countsArgs{w, c} },
	"tableArgs": func(w map[string]string, caption, id string, showArea bool, rows []measureRow) tableArgs {
		a := tableArgs{W: w, Caption: caption, ID: id, ShowArea: showArea, RowsHTML: measureRowsHTML(rows, w, showArea)}
		for _, r := range rows {
			a.Starred = a.Starred || r.Status.Note != ""
		}
		return a
	},
}
