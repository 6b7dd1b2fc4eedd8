package site

import (
	"bytes"
	"fmt"
	"html/template"
	"strconv"
	"strings"
	"sync"
	"unicode"

	"strategytracker/model"
)

// page is what every template gets.
type page struct {
	Lang     model.Lang
	Root     string // from the page's folder to the site's folder: "../" or "../../"
	Title    string // <title>
	H1       string // the page's one heading of level 1
	Site     string // the strategy's short title, linked to the home page
	Demo     bool
	DemoMark string
	W        map[string]string
	Switch   []langLink
	Nav      string // the current section: home, measures, data
	Home     string // hrefs of the sections
	List     string
	Data     string
	AsOf     string
	Licence  Licence
	Body     any
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
	Strike               bool
	Note                 string // "overridden" mark
}

func (s *site) status(st model.Status, overridden bool, lang model.Lang) statusView {
	v := statusView{Class: "s-" + string(st), Symbol: statusSymbol[st], Label: st.Label(lang), Strike: st == model.StatusCancelled}
	if overridden {
		v.Note = "*"
	}
	return v
}

func (s *site) state(st model.MilestoneState, lang model.Lang) statusView {
	return statusView{Class: "m-" + string(st), Symbol: stateSymbol[st], Label: st.Label(lang), Strike: st == model.StateCancelled}
}

// pct formats a percentage as people of lang write it.
func pct(v float64, lang model.Lang) string {
	n := model.FormatNumber(model.Round1(v), 1, lang)
	if lang == model.BG {
		return n + " %"
	}
	return n + "%"
}

// num formats a measured value with the decimals it has (at most 6).
func num(v float64, lang model.Lang) string {
	s := strconv.FormatFloat(v, 'f', -1, 64)
	dec := 0
	if i := strings.IndexByte(s, '.'); i >= 0 {
		dec = min(len(s)-i-1, 6)
	}
	return model.FormatNumber(v, dec, lang)
}

func (s *site) newPage(lang model.Lang, rel, title, nav string, body any) *page {
	depth := strings.Count(rel, "/") + 1 // rel is relative to the language folder
	root := strings.Repeat("../", depth)
	w := words[lang]
	p := &page{Lang: lang, Root: root, Site: s.doc.Strategy.ShortTitle.In(lang), Demo: s.doc.Strategy.Demo, DemoMark: model.DemoMark(lang),
		W: w, Nav: nav, AsOf: s.asOf.Format(lang), Licence: s.opts.Licence, Body: body,
		Home: root + string(lang) + "/index.html", List: root + string(lang) + "/measures.html", Data: root + string(lang) + "/data.html"}
	if p.Site == "" {
		p.Site = s.doc.Strategy.Title.In(lang)
	}
	p.H1 = title
	p.Title = title + " — " + p.Site
	if title == "" || title == p.Site {
		p.Title = p.Site
	}
	for _, l := range s.opts.Langs {
		if l != lang {
			p.Switch = append(p.Switch, langLink{Lang: l, Name: words[l]["langName"], Href: root + string(l) + "/" + rel})
		}
	}
	return p
}

func (s *site) render(t *template.Template, path string, p *page) error {
	var buf bytes.Buffer
	buf.Grow(16 << 10)
	if err := t.ExecuteTemplate(&buf, "layout", p); err != nil {
		return fmt.Errorf("publish %s: %w", path, err)
	}
	s.mu.Lock()
	s.files[path] = buf.Bytes()
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
	Code, Title, Href string
	Measures          int
	Fig               figureView
}

type measureRow struct {
	Code, Title, Href, AreaCode, AreaTitle, Lead, End string
	EndSort                                           string
	Status                                            statusView
	StatusKey                                         string
	Progress                                          string
	ProgressSort                                      string
}

type homeView struct {
	Vision, Decision           string
	PeriodStart, PeriodEnd     string
	Fig                        figureView
	Measures, Milestones, Done int
	Budget, Spent              string
	Counts                     []countView
	Areas                      []areaRow
}

type areaView struct {
	Code, Description string
	Fig               figureView
	Counts            []countView
	Measures          []measureRow
}

type fact struct{ Term, Value string }

type milestoneRow struct {
	Title, Due, Completed, Note, Evidence string
	State                                 statusView
}

type kpiView struct {
	Name       string
	Facts      []fact
	Chart      template.HTML
	Values     []valueRow
	ValuesHTML template.HTML
	ID         string
}

type valueRow struct{ Date, Value, Note, Source string }

type updateView struct{ Date, Author, Text string }

type revisionRow struct{ Field, Original, Current, At, Reason string }

type measureView struct {
	AreaHref, AreaTitle string
	Description         string
	Status              statusView
	OverrideReason      string
	Fig                 figureView
	Facts               []fact
	Budget              []fact
	Funding             []fact
	Milestones          []milestoneRow
	MilestoneRows       template.HTML // the rows, written by milestoneRowsHTML
	KPIs                []kpiView
	Update              *updateView
	Revisions           []revisionRow
}

type option struct{ Value, Label string }

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
	Zip, JSON, Package string
	ZipSize            string
	Resources          []resourceView
}

type landingView struct {
	Title  string
	Others []langLink // the title in the other languages (Name)
	Langs  []langLink
}

func (s *site) figure(progress, expected float64, st model.Status, lang model.Lang) figureView {
	w := words[lang]
	label := fmt.Sprintf("%s %s; %s %s", w["progress"], pct(progress, lang), strings.ToLower(w["expected"]), pct(expected, lang))
	return figureView{Progress: pct(progress, lang), Expected: pct(expected, lang), Bar: progressBar(progress, expected, st, label)}
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
	r := measureRow{Code: m.Code, Title: m.Title.In(lang), Href: root + "measures/" + s.measureFile[m.Code], AreaCode: m.Area,
		End: m.End.Format(lang), EndSort: m.End.String(), Status: s.status(f.Status, f.Overridden, lang), StatusKey: string(f.Status),
		Progress: pct(f.Progress, lang), ProgressSort: strconv.FormatFloat(model.Round1(f.Progress), 'f', 1, 64)}
	if a := s.doc.Area(m.Area); a != nil {
		r.AreaTitle = a.Title.In(lang)
	}
	if u := s.units[m.LeadUnit]; u != nil {
		r.Lead = u.Name.In(lang)
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
	lv := landingView{Title: s.doc.Strategy.Title.In(first)}
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
	home := homeView{Vision: st.Vision.In(lang), Decision: st.CouncilDecision.In(lang),
		PeriodStart: st.PeriodStart.Format(lang), PeriodEnd: st.PeriodEnd.Format(lang),
		Fig:      s.rollupFigure(float64(sum.Progress), float64(sum.Expected), lang),
		Measures: sum.Measures, Milestones: sum.Milestones, Done: done,
		Budget: model.FormatEUR(sum.Budget.PlannedCents, lang), Spent: model.FormatEUR(sum.Budget.SpentCents, lang),
		Counts: s.counts(sum.Status, lang)}
	for _, a := range sum.Areas {
		home.Areas = append(home.Areas, areaRow{Code: a.Code, Title: a.Title.In(lang), Href: "areas/" + s.areaFile[a.Code], Measures: a.Measures,
			Fig: s.rollupFigure(float64(a.Progress), float64(a.Expected), lang)})
	}
	if err := s.render(tmpl(t, "home"), L+"index.html", s.newPage(lang, "index.html", st.Title.In(lang), "home", home)); err != nil {
		return err
	}

	// Areas.
	byArea := map[string][]int{}
	for i := range s.doc.Measures {
		byArea[s.doc.Measures[i].Area] = append(byArea[s.doc.Measures[i].Area], i)
	}
	for _, a := range sum.Areas {
		ar := s.doc.Area(a.Code)
		v := areaView{Code: a.Code, Description: ar.Description.In(lang),
			Fig: s.rollupFigure(float64(a.Progress), float64(a.Expected), lang), Counts: s.counts(a.Status, lang)}
		for _, i := range byArea[a.Code] {
			v.Measures = append(v.Measures, s.measureRow(i, lang, "../"))
		}
		rel := "areas/" + s.areaFile[a.Code]
		p := s.newPage(lang, rel, a.Code+" "+a.Title.In(lang), "", v)
		if err := s.render(tmpl(t, "area"), L+rel, p); err != nil {
			return err
		}
	}

	// Measures.
	mt := tmpl(t, "measure")
	for i := range s.doc.Measures {
		rel := "measures/" + s.measureFile[s.doc.Measures[i].Code]
		m := &s.doc.Measures[i]
		if err := s.render(mt, L+rel, s.newPage(lang, rel, m.Code+" "+m.Title.In(lang), "", s.measureView(i, lang))); err != nil {
			return err
		}
	}

	// The list of every measure.
	lv := listView{Total: len(s.doc.Measures)}
	for i := range s.doc.Measures {
		lv.Rows = append(lv.Rows, s.measureRow(i, lang, ""))
	}
	for _, a := range sum.Areas {
		lv.Areas = append(lv.Areas, option{a.Code, a.Code + " " + a.Title.In(lang)})
	}
	for _, stt := range model.Statuses {
		lv.Statuses = append(lv.Statuses, option{string(stt), stt.Label(lang)})
	}
	if err := s.render(tmpl(t, "list"), L+"measures.html", s.newPage(lang, "measures.html", w["allMeasures"], "measures", lv)); err != nil {
		return err
	}

	// Open data.
	dv := dataView{Zip: "../data/" + zipName, JSON: "../data/strategy.json", Package: "../data/datapackage.json",
		ZipSize: sizeText(s.zipSize, lang)}
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

func pick(lang model.Lang, bg, en string) string {
	if lang == model.EN {
		return en
	}
	return bg
}

func sizeText(n int, lang model.Lang) string {
	kb := float64(n) / 1024
	if kb < 1024 {
		return model.FormatNumber(kb, 0, lang) + " KB"
	}
	return model.FormatNumber(kb/1024, 1, lang) + " MB"
}

// tmpl is the layout with the page kind's body.
func tmpl(t *template.Template, kind string) *template.Template {
	c := template.Must(t.Clone())
	return template.Must(c.New("body").Parse(bodies[kind]))
}

func (s *site) personName(r model.Ref, lang model.Lang) string {
	if p := s.doc.Person(model.ID(r)); p != nil { // only public people are in the public document
		return p.Name.In(lang)
	}
	return ""
}

func (s *site) measureView(i int, lang model.Lang) measureView {
	w := words[lang]
	m := &s.doc.Measures[i]
	f := s.figures[i]
	v := measureView{AreaHref: "../areas/" + s.areaFile[m.Area], Description: m.Description.In(lang),
		Status: s.status(f.Status, f.Overridden, lang), Fig: s.figure(f.Progress, f.Expected, f.Status, lang)}
	if a := s.doc.Area(m.Area); a != nil {
		v.AreaTitle = a.Code + " " + a.Title.In(lang)
	}
	if _, ok := s.areaFile[m.Area]; !ok {
		v.AreaHref = ""
	}
	if f.Overridden && m.Override != nil {
		v.OverrideReason = m.Override.Reason
	}
	unitName := func(code string) string {
		if u := s.units[code]; u != nil {
			return u.Name.In(lang)
		}
		return code
	}
	var goals, partners []string
	for _, g := range m.Goals {
		for _, gg := range s.doc.Goals {
			if gg.Code == g {
				goals = append(goals, g+" "+gg.Title.In(lang))
			}
		}
	}
	for _, u := range m.Partners {
		partners = append(partners, unitName(u))
	}
	v.Facts = append(v.Facts, fact{w["area"], v.AreaTitle}, fact{w["leadUnit"], unitName(m.LeadUnit)})
	if len(partners) > 0 {
		v.Facts = append(v.Facts, fact{w["partners"], strings.Join(partners, "; ")})
	}
	if len(goals) > 0 {
		v.Facts = append(v.Facts, fact{w["goals"], strings.Join(goals, "; ")})
	}
	if n := s.personName(m.Responsible, lang); n != "" {
		v.Facts = append(v.Facts, fact{w["responsible"], n})
	}
	v.Facts = append(v.Facts, fact{w["start"], m.Start.Format(lang)}, fact{w["end"], m.End.Format(lang)})

	v.Budget = []fact{{w["planned"], model.FormatEUR(m.PlannedCents, lang)}, {w["spent"], model.FormatEUR(m.SpentCents, lang)}}
	if e, ok := model.BudgetExecution(m.PlannedCents, m.SpentCents); ok {
		v.Budget = append(v.Budget, fact{w["execution"], pct(e, lang)})
	}
	for _, fs := range m.Funding {
		v.Funding = append(v.Funding, fact{fs.Name.In(lang), model.FormatEUR(fs.AmountCents, lang)})
	}
	for _, ms := range m.Milestones {
		v.Milestones = append(v.Milestones, milestoneRow{Title: ms.Title.In(lang), Due: ms.Due.Format(lang), Completed: ms.Completed.Format(lang),
			Note: ms.Note, Evidence: ms.Evidence, State: s.state(ms.StateAt(m.Cancelled, s.asOf), lang)})
	}
	v.MilestoneRows = milestoneRowsHTML(v.Milestones, lang)
	for k := range m.KPIs {
		v.KPIs = append(v.KPIs, s.kpiView(&m.KPIs[k], lang))
	}
	// The latest public update (internal ones are not in the public document).
	if u := m.LatestUpdate(s.asOf); u != nil {
		v.Update = &updateView{Date: u.Date.Format(lang), Author: s.personName(u.Author, lang), Text: u.Text.In(lang)}
	}
	v.Revisions = s.revisions(m, lang)
	return v
}

func (s *site) kpiView(k *model.KPI, lang model.Lang) kpiView {
	w := words[lang]
	unit := k.Unit.In(lang)
	withUnit := func(v float64) string {
		if unit == "" {
			return num(v, lang)
		}
		return num(v, lang) + " " + unit
	}
	kv := kpiView{Name: k.Name.In(lang), ID: "kpi-" + strconv.FormatInt(k.ID, 10)}
	kv.Facts = []fact{{w["kind"], w[string(k.Kind)]},
		{w["baseline"], withUnit(k.BaselineValue) + " (" + k.BaselineDate.Format(lang) + ")"},
		{w["target"], withUnit(k.TargetValue) + dateSuffix(k.TargetDate, lang)}}
	var shown []model.KPIValue
	for _, v := range k.Values {
		if v.Date <= s.asOf {
			shown = append(shown, v)
			kv.Values = append(kv.Values, valueRow{Date: v.Date.Format(lang), Value: withUnit(v.Value), Note: v.Note, Source: v.Source})
		}
	}
	label := fmt.Sprintf("%s — %s: %s %s (%s)", w["chartOf"], kv.Name, strings.ToLower(w["baseline"]), withUnit(k.BaselineValue), k.BaselineDate.Format(lang))
	if lv, ok := k.LatestValue(s.asOf); ok {
		kv.Facts = append(kv.Facts, fact{w["latest"], withUnit(lv.Value) + " (" + lv.Date.Format(lang) + ")"})
		label += fmt.Sprintf(", %s %s (%s)", strings.ToLower(w["latest"]), withUnit(lv.Value), lv.Date.Format(lang))
		if a, ok := k.Attainment(s.asOf); ok {
			kv.Facts = append(kv.Facts, fact{w["attainment"], pct(a, lang)})
		}
	} else {
		kv.Facts = append(kv.Facts, fact{w["latest"], w["noValues"]})
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
	return " (" + d.Format(lang) + ")"
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
}

// partLang is the lang attribute of a text written in one language only
// (notes, sources, reasons): "bg" for Cyrillic on a page in English.
func partLang(page model.Lang, s string) string {
	if page == model.BG {
		return ""
	}
	for _, r := range s {
		if unicode.Is(unicode.Cyrillic, r) {
			return "bg"
		}
	}
	return ""
}

var funcs = template.FuncMap{
	"partLang":   partLang,
	"countsArgs": func(w map[string]string, c []countView) countsArgs { return countsArgs{w, c} },
	"tableArgs": func(w map[string]string, caption, id string, showArea bool, rows []measureRow) tableArgs {
		return tableArgs{w, caption, id, showArea, measureRowsHTML(rows, w, showArea)}
	},
}
