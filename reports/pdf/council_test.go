package pdf

import (
	"bytes"
	"encoding/json"
	"regexp"
	"strings"
	"testing"

	"strategytracker/model"
)

// demoText is the demo report in lang as pdftotext reads it, no-break
// spaces as spaces.
func demoText(t *testing.T, lang model.Lang, edit func(*model.Doc, *Options)) string {
	t.Helper()
	d, o := demoDoc(t, true), demoOptions(lang)
	if edit != nil {
		edit(d, &o)
	}
	path := writeFileWith(t, d, o)
	return nbsp(run(t, "pdftotext", path, "-"))
}

func writeFileWith(t *testing.T, d *model.Doc, opt Options) string {
	t.Helper()
	path := t.TempDir() + "/report.pdf"
	if err := writeBytes(path, writeReport(t, d, opt)); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestNoTruncation: names are wrapped, never cut with "…", and no header
// word is broken inside (the English "Measure" column).
func TestNoTruncation(t *testing.T) {
	for _, lang := range []model.Lang{model.BG, model.EN} {
		text := demoText(t, lang, nil)
		if i := strings.Index(text, "…"); i >= 0 {
			t.Errorf("%s: a text is cut with …: %q", lang, text[max(0, i-80):i+3])
		}
		if lang == model.EN && regexp.MustCompile(`(?m)^Measur$`).MatchString(run(t, "pdftotext", "-layout", writeFileWith(t, demoDoc(t, true), demoOptions(lang)), "-")) {
			t.Error("the header Measure is broken")
		}
	}
	// Every header word fits its column, in every table of both reports.
	for _, lang := range []model.Lang{model.BG, model.EN} {
		for _, x := range recordText(t, demoDoc(t, true), demoOptions(lang)) {
			for _, w := range []string{"Measur", "Мярк", "Milesto", "Indicat", "Показате"} {
				if x.s == w {
					t.Errorf("%s p%d: a word is broken: %q", lang, x.page, x.s)
				}
			}
		}
	}
}

// TestHeadingsKeptWithNext: every heading has a line of text under it on
// its page, and none sits in the last 15 % of the body without one.
func TestHeadingsKeptWithNext(t *testing.T) {
	docs := map[string]*model.Doc{"demo": demoDoc(t, true), "generated": model.Generate(300, 3)}
	for name, d := range docs {
		for _, lang := range []model.Lang{model.BG, model.EN} {
			out := recordText(t, d, demoOptions(lang))
			for i, x := range out {
				if !x.heading || x.y < bodyTop-0.01 {
					continue
				}
				followed := false
				for _, y := range out[i+1:] {
					if y.page != x.page {
						break
					}
					if !y.heading && y.y > x.y && y.y < bodyBottom {
						followed = true
						break
					}
				}
				if !followed {
					low := ""
					if x.y > bodyBottom-0.15*(bodyBottom-bodyTop) {
						low = " in the last 15 % of the page"
					}
					t.Errorf("%s %s p%d: heading %q at %.0f mm%s has nothing under it on its page", name, lang, x.page, x.s, x.y, low)
				}
			}
		}
	}
}

// TestNoLoneContinuedPage: no page holds nothing but a "(continued)" line.
func TestNoLoneContinuedPage(t *testing.T) {
	for _, lang := range []model.Lang{model.BG, model.EN} {
		byPage := map[int][]string{}
		for _, x := range recordText(t, demoDoc(t, true), demoOptions(lang)) {
			if x.y > bodyTop-0.01 && x.y < bodyBottom {
				byPage[x.page] = append(byPage[x.page], x.s)
			}
		}
		for p, lines := range byPage {
			if p > 1 && len(lines) <= 2 && strings.Contains(strings.Join(lines, " "), wordsFor(lang).continued) {
				t.Errorf("%s p%d holds only %q", lang, p, lines)
			}
		}
	}
}

// TestCouncilDocument: no e-mail address, hash or command name, and no
// instruction to the operator, with or without a previous report; people
// are named by name and position.
func TestCouncilDocument(t *testing.T) {
	email := regexp.MustCompile(`[\w.+-]+@[\w-]+\.[\w.]+`)
	hash := regexp.MustCompile(`[0-9a-f]{40,}|SHA-?256`)
	command := regexp.MustCompile(`(?i)strategytracker|\bsnapshot\b|-asof|-user|\bкоманда\b|снимка`)
	for _, snap := range []bool{true, false} {
		for _, lang := range []model.Lang{model.BG, model.EN} {
			o := demoOptions(lang)
			o.PreparedBy = "" // the office user of the file
			text := nbsp(run(t, "pdftotext", writeFileWith(t, demoDoc(t, snap), o), "-"))
			for _, re := range []*regexp.Regexp{email, hash, command} {
				if m := re.FindString(text); m != "" {
					t.Errorf("%s (snapshot %v): the report shows %q", lang, snap, m)
				}
			}
			wantName := map[model.Lang]string{model.BG: "Ивелина Петрова, главен експерт в кабинета на заместник-кмета", // the position in lower case after the comma
				model.EN: "Ivelina Petrova, chief expert, Deputy Mayor's Office"}[lang]
			if !strings.Contains(strings.ReplaceAll(text, "\n", " "), wantName) {
				t.Errorf("%s: the cover does not name who prepared it as %q", lang, wantName)
			}
		}
	}
	bg := demoText(t, model.BG, nil)
	for _, want := range []string{"ДОКЛАД", "ОТНОСНО:", "в сравнение с", "предходния отчет към 30.06.2026 г.",
		"Решение № 338 по Протокол № 13 от 11.06.2020 г.", "Изготвил:", "Съгласували:", "Вносител:", "Приложение № 1"} {
		if !strings.Contains(strings.ToLower(bg), strings.ToLower(want)) {
			t.Errorf("the Bulgarian report lacks %q", want)
		}
	}
	if n := strings.Count(strings.ToLower(bg), "приета"); n != 1 {
		t.Errorf("the Bulgarian report says приета %d times, want once", n)
	}
}

// dataWords are the words of the document's texts: in Bulgarian (or
// English) fields when own, in fields that are only Bulgarian otherwise.
func dataWords(t *testing.T, d *model.Doc, key string) map[string]bool {
	t.Helper()
	b, err := json.Marshal(d)
	if err != nil {
		t.Fatal(err)
	}
	var v any
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatal(err)
	}
	words := map[string]bool{}
	word := regexp.MustCompile(`[\p{L}]+`)
	var walk func(k string, v any)
	walk = func(k string, v any) {
		switch x := v.(type) {
		case map[string]any:
			for kk, vv := range x {
				walk(kk, vv)
			}
		case []any:
			for _, vv := range x {
				walk(k, vv)
			}
		case string:
			if k != key {
				for _, w := range word.FindAllString(x, -1) {
					words[w] = true
				}
			}
		}
	}
	walk("", v)
	return words
}

// TestLanguagesNotMixed: the Bulgarian report has no English words but
// those of the data's Bulgarian texts (names such as "Policy Cloud", web
// addresses); the English report no Cyrillic word outside fields marked
// untranslated.
func TestLanguagesNotMixed(t *testing.T) {
	d := demoDoc(t, true)
	latin := regexp.MustCompile(`[A-Za-z]+`)
	bgData := dataWords(t, d, "en")
	for _, w := range latin.FindAllString(demoText(t, model.BG, nil), -1) {
		if !bgData[w] && w != "Стр" {
			t.Errorf("the Bulgarian report has the English word %q", w)
		}
	}
	en := demoText(t, model.EN, nil)
	marker := wordsFor(model.EN).untranslated
	cyr := regexp.MustCompile(`[\p{Cyrillic}]+`)
	for _, line := range strings.Split(en, "\n") {
		if cyr.MatchString(line) && !strings.Contains(line, marker) {
			// A marked text may wrap onto this line: its words are the
			// data's Bulgarian-only words.
			for _, w := range cyr.FindAllString(line, -1) {
				if !dataWords(t, d, "en")[w] {
					t.Errorf("the English report has the Bulgarian word %q: %q", w, line)
				}
			}
		}
	}
	// A note written in Bulgarian only is marked in the English report.
	d.Measures[0].Milestones[0].Note, d.Measures[0].Milestones[0].NoteEn = "Само на български", ""
	if text := nbsp(run(t, "pdftotext", writeFileWith(t, d, demoOptions(model.EN)), "-")); !strings.Contains(text, marker+" Само на български") {
		t.Error("a note in Bulgarian only is not marked as untranslated in the English report")
	}
	// A text filled in English only is marked in the Bulgarian report.
	d.Measures[0].Title = model.T("", "Digital document flow")
	text := nbsp(run(t, "pdftotext", writeFileWith(t, d, demoOptions(model.BG)), "-"))
	if !strings.Contains(text, "[без превод] Digital document flow") {
		t.Error("an English-only title is not marked as untranslated in the Bulgarian report")
	}
}

// TestFigures: a cancelled measure shows a dash, not a 0 % bar; units
// after numbers agree; dates in running text end with "г."; overdue days
// are written in red; evidence addresses are links.
func TestFigures(t *testing.T) {
	d := demoDoc(t, true)
	var cancelled string
	for _, m := range d.Measures {
		if m.Cancelled {
			cancelled = m.Code
		}
	}
	layout := nbsp(run(t, "pdftotext", "-layout", writeFileWith(t, d, demoOptions(model.BG)), "-"))
	if cancelled == "" {
		t.Fatal("the demo has no cancelled measure")
	}
	mustMatch(t, layout, `(?m)^\s*`+regexp.QuoteMeta(cancelled)+`\s.*\s—\s+прекратена`)
	if strings.Contains(layout, "очакван 100,0 %") && strings.Contains(layout, "прекратена") {
		// the card of the cancelled measure still states its figures; the tables must not
	}
	if regexp.MustCompile(`\d брой\b`).MatchString(layout) {
		t.Error(`a number is followed by "брой" instead of "броя"`)
	}
	if !strings.Contains(layout, "150 броя") {
		t.Error(`no "150 броя" in the report`)
	}
	if regexp.MustCompile(`към \d\d\.\d\d\.\d{4}[^ ]| към \d\d\.\d\d\.\d{4} [^г]`).MatchString(strings.ReplaceAll(layout, "\n", " ")) {
		t.Error(`a date in running text lacks "г."`)
	}
	b := writeReport(t, d, demoOptions(model.BG))
	if !bytes.Contains(b, []byte("/URI (https://sofia.example/")) {
		t.Error("evidence addresses are not links")
	}
	// Overdue days in red: the recorded colour of the day counts.
	r, err := newReport(d, demoOptions(model.BG))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.pdf.close() })
	var red bool
	r.hook = func(x drawn) {
		if x.s == "153" && r.textC == statusColour[model.StatusDelayed] {
			red = true
		}
	}
	r.build()
	if !red {
		t.Error("days overdue are not red")
	}
}

// TestBodyPages: the body of the report for the strategy of 2,000
// measures stays within 40 pages; the annex holds the rest.
func TestBodyPages(t *testing.T) {
	d := model.Generate(2000, 1)
	n, err := BodyPages(d, benchOptions())
	if err != nil {
		t.Fatal(err)
	}
	if n > 40 || n < 3 {
		t.Errorf("the body of the report of 2,000 measures has %d pages, want 3–40", n)
	}
	t.Logf("body: %d pages", n)
}

// withPeriod adds to d a reporting period holding the demo's as-of date,
// with the office's accepted narrative texts.
func withPeriod(d *model.Doc, texts ...model.Narrative) {
	d.Periods = append(d.Periods, model.Period{ID: 1, Name: model.T("IV тримесечие 2026", "Q4 2026"), Start: model.MustDate("2026-10-01"),
		End: model.MustDate("2026-12-31"), Due: model.MustDate("2027-01-15"), State: model.PeriodOpen, Narrative: texts})
}

// TestNarrativeAndRevisions: the office's commentary of the period the
// as-of date belongs to, the draft decision and the revisions of the
// adopted plan, all taken from the file, are shown when there and leave no
// trace when not.
func TestNarrativeAndRevisions(t *testing.T) {
	with := func(d *model.Doc, o *Options) {
		withPeriod(d,
			model.Narrative{ID: 1, Kind: model.NarrativeCommentary, Text: model.T("Периодът бе белязан от забавяне в транспорта.", "The period saw delays in transport.")},
			model.Narrative{ID: 2, Area: "A3", Kind: model.NarrativeRisks, Text: model.T("Ремонтите на улиците забавят свързването.", "")},
			model.Narrative{ID: 3, Area: "A3", Kind: model.NarrativeDecisions, Text: model.T("Съветът да одобри нов срок.", "The council to approve a new date.")})
		o.DraftDecision = model.T("Столичният общински съвет приема отчета.", "Sofia Municipal Council adopts the report.")
		d.Revisions = append(d.Revisions, model.Revision{ID: 1, Entity: model.EntityMeasure, EntityID: 17, MeasureID: 17, Field: "end",
			Original: "2026-06-30", Previous: "2026-06-30", Current: "2026-12-31", At: "2026-07-15T08:00:00Z",
			By: "Ивелина Петрова <i.petrova@sofia.example>", Reason: model.T("Ремонт на улиците.", "Road works.")})
	}
	bg := strings.ReplaceAll(demoText(t, model.BG, with), "\n", " ")
	for _, want := range []string{"Коментар на отчетния период", "Периодът бе белязан", "Рискове", "Ремонтите на улиците",
		"Решения, които се искат от Съвета", "Проект на решение", "приема отчета", "Промени в приетия план (1)", "Ремонт на улиците",
		"променени срокове, цели или бюджети на 1 мярка (1 промяна)"} {
		if !strings.Contains(bg, want) {
			t.Errorf("the report with commentary lacks %q", want)
		}
	}
	en := strings.ReplaceAll(demoText(t, model.EN, with), "\n", " ")
	if !strings.Contains(en, "[not translated] Ремонтите") {
		t.Error("a risk written only in Bulgarian is not marked in the English report")
	}
	plain := demoText(t, model.BG, nil)
	for _, absent := range []string{"Коментар на отчетния период", "Проект на решение", "Промени в приетия план", "Рискове"} {
		if strings.Contains(plain, absent) {
			t.Errorf("the report without commentary shows %q", absent)
		}
	}
}

func TestBudgetByYearIsTheBudget(t *testing.T) {
	// By year, the totals are the budget's.
	doc := demoDoc(t, false)
	s := model.Summarize(doc, demoAsOf)
	var planned, spent int64
	for _, y := range model.BudgetByYear(doc.Measures, demoAsOf) {
		planned += y.PlannedCents
		spent += y.SpentCents
		if y.Year > demoAsOf.Year() && y.SpentCents != 0 {
			t.Errorf("money spent in %d, after the report date", y.Year)
		}
	}
	if planned != s.Budget.PlannedCents || spent != s.Budget.SpentCents {
		t.Errorf("by year: %d planned, %d spent; the budget: %d, %d", planned, spent, s.Budget.PlannedCents, s.Budget.SpentCents)
	}
}

// TestLongCommentary: a commentary longer than the cover holds continues
// on the next page, whole, inside the body.
func TestLongCommentary(t *testing.T) {
	long := strings.Repeat("Периодът бе белязан от забавяне в транспорта и от напредък в електронното управление. ", 120)
	d := demoDoc(t, true)
	withPeriod(d, model.Narrative{ID: 1, Kind: model.NarrativeCommentary, Text: model.T(long, "")})
	var text strings.Builder
	for _, x := range recordText(t, d, demoOptions(model.BG)) {
		if x.width > x.w+0.01 || (x.page > 1 && x.y != 11 && x.y != 286.5 && (x.y < bodyTop-0.01 || x.y+x.h > bodyBottom+0.01)) ||
			(x.page == 1 && x.y < demoBandY && x.y+x.h > demoBandY-6) {
			t.Errorf("p%d: %q at %.1f mm is outside its box or the body", x.page, x.s, x.y)
		}
		if strings.HasPrefix(x.s, "Периодът") || strings.Contains(x.s, "транспорта") {
			text.WriteString(x.s + " ")
		}
	}
	if got := strings.Count(text.String(), "Периодът"); got != 120 {
		t.Errorf("the commentary shows %d of its 120 sentences", got)
	}
}

// TestShownFiguresAgree: a gap is the difference of the figures printed
// beside it (83,2 – 71,5 was shown as 11,6), a position follows a comma in
// lower case, and the cover says "на Стратегията".
func TestShownFiguresAgree(t *testing.T) {
	r := hooked(t, demoDoc(t, false), demoOptions(model.BG), new([]drawn))
	for _, c := range []struct{ got, want string }{
		{r.gapValue(83.16, 71.54), "11,7 п.п."},
		{r.gapValue(69.44, 55.96), "13,4 п.п."},
		{r.points(-0.5), "–0,5 п.п."},
		{nameAndPosition(model.BG, "Мария Георгиева", "Началник на отдел"), "Мария Георгиева, началник на отдел"},
		{nameAndPosition(model.EN, "Konstantin Iliev", "Deputy Mayor for Digitalisation"), "Konstantin Iliev, Deputy Mayor for Digitalisation"},
		{nameAndPosition(model.BG, "Иван Иванов", "ИТ директор"), "Иван Иванов, ИТ директор"},
		{r.definite("Стратегия за дигитална трансформация на София"), "Стратегията за дигитална трансформация на София"},
	} {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
}
