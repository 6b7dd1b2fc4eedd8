package app

import (
	"bytes"
	"encoding/json"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"strategytracker/assets"
	"strategytracker/model"
	"strategytracker/reports/xlsx"
)

// The forms of the English screen propose their dates as the English
// screen writes them ("30 Nov 2026"), not as the Bulgarian one; the audit
// log of the English screen quotes names with English quotation marks
// (issue 22 screenshots: "07.12.2026" in the English new-measure form,
// „Q4 2026“ in the English audit log).
func TestEnglishScreenWritesEnglishDatesAndQuotes(t *testing.T) {
	h := newHarness(t, periodDoc(), pOffice)
	h.u.onLanguage(model.EN)
	h.u.onNewMeasure("A1")
	mf := latest[*measureForm](h)
	if got, want := mf.start.Text, testAsOf.Format(model.EN); got != want {
		t.Errorf("new measure's start reads %q, want %q", got, want)
	}
	h.u.structure.onAdopt()
	if got, want := h.u.structure.ed.lastAdopt.date.Text, testAsOf.Format(model.EN); got != want {
		t.Errorf("adoption date reads %q, want %q", got, want)
	}

	v := newAuditView(periodDoc(), model.EN)
	got := v.line(model.AuditEntry{At: "2026-12-07T15:58:25.704036Z", Action: model.ActionUpdate, Entity: model.EntityPeriod, EntityID: 7,
		Field: "state", Old: `"closed"`, New: `"open"`})
	if !strings.Contains(got, "“Q4 2026”") || strings.Contains(got, "„") {
		t.Errorf("English audit line %q: want “Q4 2026”", got)
	}
}

// The preview of a plan workbook writes a change as the audit log does, in
// the screen's language: the row by its name, texts as texts, dates as
// dates (issue 22 screenshots: `change measure 1.1: title {"bg":…} →
// {"bg":…}; end "2026-12-31" → "2027-12-31"` in the Bulgarian screen).
func TestPlanImportPreviewInTheScreensLanguage(t *testing.T) {
	h := newHarness(t, testDoc(), pOffice)
	d := h.doc()
	m := d.Measure(mDocs)
	m.End = model.MustDate("2028-06-30")
	m.Title.BG += " (нова редакция)"
	var buf bytes.Buffer
	if err := xlsx.WritePlanTemplate(&buf, d, h.store.dbID, xlsx.Options{}); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		lang model.Lang
		want []string
	}{
		{model.BG, []string{"Мерки, ред 3 · промяна на мярка 1.1", "30.06.2028", "(нова редакция)"}},
		{model.EN, []string{"Мерки, row 3 · change of measure 1.1", "30 Jun 2028", "(нова редакция)"}},
	} {
		h.u.onLanguage(tt.lang)
		h.seen = nil
		h.u.importPlanBook("plan.xlsx", buf.Bytes())
		h.u.settle()
		p := latest[*planImportDialog](h)
		if p == nil || p.refused || len(p.lines) != 1 {
			t.Fatalf("%s: preview %+v", tt.lang, p)
		}
		got := p.lines[0]
		for _, w := range tt.want {
			if !strings.Contains(got, w) {
				t.Errorf("%s: %q lacks %q", tt.lang, got, w)
			}
		}
		for _, never := range []string{`{"bg"`, "2028-06-30", "change measure", "!3"} {
			if strings.Contains(got, never) {
				t.Errorf("%s: %q shows %q", tt.lang, got, never)
			}
		}
	}
}

// The snapshot panel says when and by whom a snapshot was made as the
// audit log does (issue 22 screenshots: "Създадена 2026-12-07 20:30 от
// Ивелина Петрова <i.petrova@sofia.example>").
func TestSnapshotDetailsAsPeopleWriteThem(t *testing.T) {
	setLanguage(model.BG)
	t.Cleanup(func() { setLanguage(model.BG) })
	sn := model.Snapshot{Name: "Q4", AsOf: testAsOf, CreatedAt: "2026-12-07T10:30:00.000000Z",
		CreatedBy: "Ивелина Петрова <ivelina@sofia.example>", SHA256: "33b4efc04598f1a0aa"}
	for _, tt := range []struct {
		lang       model.Lang
		want, name string
	}{{model.BG, "07.12.2026", "Ивелина Петрова"}, {model.EN, "7 Dec 2026", "Ivelina Petrova"}} {
		setLanguage(tt.lang)
		got := snapshotDetails(testDoc(), tt.lang, sn)
		if !strings.Contains(got, tt.want) || !strings.Contains(got, tt.name) || strings.Contains(got, "2026-12-07") || strings.Contains(got, "<") {
			t.Errorf("%s: %q, want %q and %q, no ISO time, no e-mail", tt.lang, got, tt.want, tt.name)
		}
	}
}

// The adoption's audit entry reads as the others (issue 22 screenshots:
// "създаде приемане на плана №1 … by: Ивелина Петрова <…>; at: …").
func TestAdoptionAuditEntryReadable(t *testing.T) {
	setLanguage(model.BG)
	t.Cleanup(func() { setLanguage(model.BG) })
	got := newAuditView(testDoc(), model.BG).line(model.AuditEntry{At: "2026-12-07T10:30:00.000000Z", Action: model.ActionCreate,
		Entity: model.EntityAdoption, EntityID: 1, User: "Ивелина Петрова <ivelina@sofia.example>",
		New: `{"adoptedOn":"2026-11-07","councilDecision":{"bg":"Решение № 412","en":"Decision No 412"},"by":"Ивелина Петрова <ivelina@sofia.example>","at":"2026-12-07T10:30:00.000000Z"}`})
	if !strings.Contains(got, "07.11.2026") || !strings.Contains(got, "Решение № 412") {
		t.Errorf("adoption entry %q lacks the date or the decision", got)
	}
	for _, never := range []string{"№1", "by:", "at:", "<ivelina"} {
		if strings.Contains(got, never) {
			t.Errorf("adoption entry %q shows %q", got, never)
		}
	}
}

// Each language file quotes with its own marks (model.Quote): „…“ in the
// Bulgarian texts, “…” in the English ones, never a straight "%s" (issue
// 22 screenshots: 'Closing "Q4 2026" freezes the snapshot …').
func TestTranslationsQuoteAsTheirLanguage(t *testing.T) {
	for _, tt := range []struct {
		lang  string
		never []string
	}{{"en", []string{"„", `"%`}}, {"bg", []string{`"%`, "“%s”"}}} {
		for key, text := range assets.Texts(tt.lang) {
			for _, n := range tt.never {
				if strings.Contains(text, n) {
					t.Errorf("%s.json %s = %q: quote with %s", tt.lang, key, text, model.Quote("…", model.Lang(tt.lang)))
				}
			}
		}
	}
}

// A Bulgarian text that counts with a plural noun ("%d мерки") has its
// form for one (key.one, trn), so that no screen says "1 мерки" or "1
// добавяния" (issue 22).
func TestCountedTextsHaveTheirSingular(t *testing.T) {
	plural := regexp.MustCompile(`%d (мерки|етапа|промени|записа|души|звена|стойности|актуализации|индикатора|цели|области|добавяния|реда|проблема|ревизии|дни|файла)`)
	always := map[string]bool{"audit.limit": true} // a limit: never one
	texts := assets.Texts("bg")
	for key, text := range texts {
		if strings.HasSuffix(key, ".one") || always[key] || !plural.MatchString(text) {
			continue
		}
		if _, ok := texts[key+".one"]; !ok {
			t.Errorf("bg.json %s = %q counts without a form for one (%s.one)", key, text, key)
		}
	}
}

// A refused row names its place as people do, not in the spreadsheet
// notation "Етапи!4" (issue 22 screenshots).
func TestProblemLineNamesTheRow(t *testing.T) {
	t.Cleanup(func() { setLanguage(model.BG) })
	for _, tt := range []struct {
		lang model.Lang
		want string
	}{{model.BG, "Етапи, ред 4: празна клетка"}, {model.EN, "Етапи, row 4: празна клетка"}} {
		setLanguage(tt.lang)
		if got := problemLine(xlsx.Problem{Sheet: "Етапи", Row: 4, Message: "празна клетка"}); got != tt.want {
			t.Errorf("%s: %q, want %q", tt.lang, got, tt.want)
		}
	}
}

// A field has one label: the forms that create or rename a row call its
// title as the detail, the milestone form and the audit log do ("Заглавие
// (БГ)"; issue 22 screenshots: "Наименование (БГ)" in the new-measure
// form beside "Заглавие (БГ)" in the measure's detail).
func TestTitleLabelsAgree(t *testing.T) {
	t.Cleanup(func() { setLanguage(model.BG) })
	for _, l := range []model.Lang{model.BG, model.EN} {
		setLanguage(l)
		for _, tt := range []struct{ key, want string }{
			{"measure.title_bg", tr("field.title") + tr("suffix.bg")},
			{"measure.title_en", tr("field.title") + " (EN)"},
			{"header.short_title_bg", tr("field.shortTitle") + tr("suffix.bg")},
			{"header.short_title_en", tr("field.shortTitle") + " (EN)"},
		} {
			if got := tr(tt.key); !strings.EqualFold(got, tt.want) {
				t.Errorf("%s: %s = %q, want %q", l, tt.key, got, tt.want)
			}
		}
	}
}

// Fyne's file dialog names its places in the screen's language: "Домашна
// папка", "Компютър", not "Home", "Computer" (issue 22 screenshots).
func TestFileDialogPlacesInTheScreensLanguage(t *testing.T) {
	h := newHarness(t, testDoc(), pOffice)
	h.u.opts.Opener = func(string) (model.Store, error) { return nil, nil }
	h.u.onOpen()
	overlays := h.u.win.Canvas().Overlays().List()
	if len(overlays) == 0 {
		t.Fatal("no file dialog")
	}
	var names []string
	eachList(overlays[len(overlays)-1], func(l *widget.List) {
		for i := 0; i < l.Length(); i++ {
			item := l.CreateItem()
			l.UpdateItem(i, item)
			for _, o := range item.(*fyne.Container).Objects {
				if label, ok := o.(*widget.Label); ok {
					names = append(names, label.Text)
				}
			}
		}
	})
	got := strings.Join(names, ", ")
	if !strings.Contains(got, "Домашна папка") || strings.Contains(got, "Home") || strings.Contains(got, "Computer") {
		t.Errorf("the file dialog's places read %q", got)
	}
}

// The Bulgarian texts write no English word: only the names of programs,
// formats and protocols (PDF, Excel, SQLite, http://…), codes shown as
// codes (EN, Ctrl) and examples of paths stay in Latin letters (issue 22
// screenshots: "име или e-mail" in the audit log's filter, "E-mail" in the
// new-strategy form).
func TestBulgarianTextsWriteNoEnglishWord(t *testing.T) {
	allowed := map[string]bool{}
	for _, w := range strings.Fields(`OK SQLite PDF Excel JSON CSV ZIP PostgreSQL postgres service Strategy Tracker
		EN Ctrl http https UTF SHA IV eml xlsx db datapackage json LICENSE txt home Users ivelina site`) {
		allowed[w] = true
	}
	verb := regexp.MustCompile(`%(\[\d+\])?[a-z]`)
	word := regexp.MustCompile(`[A-Za-z][A-Za-z-]*[A-Za-z]`)
	for key, text := range assets.Texts("bg") {
		for _, w := range word.FindAllString(verb.ReplaceAllString(text, " "), -1) {
			if !allowed[w] {
				t.Errorf("bg.json %s = %q: the English word %q", key, text, w)
			}
		}
	}
}

// A file refused as a whole (a strategy file of a newer program, a file
// that is no strategy file, a workbook that is no workbook) is said in the
// screen's language, under the heading naming the file, not in the
// English message of storage or xlsx, and not as "invalid data" (issue
// 22 screenshots: refused-newer-bg, refused-workbook-bg).
func TestRefusedFilesSaidInTheScreensLanguage(t *testing.T) {
	t.Cleanup(func() { setLanguage(model.BG) })
	h := newHarness(t, testDoc(), pOffice)
	for _, lang := range []model.Lang{model.BG, model.EN} {
		h.u.onLanguage(lang)
		for _, r := range []model.Reason{model.ReasonNotStrategyFile, model.ReasonDamagedFile, model.ReasonNewerFile, model.ReasonNotWorkbook, model.ReasonNotTemplate, model.ReasonFileBusy} {
			english := "/tmp/x.db was written by a newer Strategy Tracker (schema 99)"
			h.u.showError(trf("error.openfile", "/tmp/x.db"), model.Refused(model.EINVALID, r, "%s", english))
			got := latest[*notice](h).text.Text
			want, ok := currentTexts(model.ReasonKey(r))
			if !ok || !strings.Contains(got, want) {
				t.Errorf("%s, %s: %q, want the reason %q", lang, r, got, want)
			}
			if strings.Contains(got, english) || strings.Contains(got, tr("error.invalid")) {
				t.Errorf("%s, %s: %q says the English message or \"invalid data\"", lang, r, got)
			}
		}
	}
}

// The period's name is asked for as every other two-language name ("Име
// (БГ)", "Име (EN)"), and its dates are written as every other date, with
// nothing after them (issue 22 screenshots: "Име (български)" in the
// period form; "01.10.2026 г. – 31.12.2026 г." on the reporting screen
// beside "Период: 11.06.2020 – 31.12.2027" on the Structure screen).
func TestPeriodLabelsAndDatesAsElsewhere(t *testing.T) {
	t.Cleanup(func() { setLanguage(model.BG) })
	for _, l := range []model.Lang{model.BG, model.EN} {
		setLanguage(l)
		for _, tt := range []struct{ key, want string }{
			{"period.field.namebg", tr("structure.name_bg2")},
			{"period.field.nameen", tr("structure.name_en2")},
		} {
			if got := tr(tt.key); got != tt.want {
				t.Errorf("%s: %s = %q, want %q", l, tt.key, got, tt.want)
			}
		}
	}
	for key, text := range assets.Texts("bg") {
		if strings.Contains(text, "%s г.") {
			t.Errorf("bg.json %s = %q: a date is written as Date.Display writes it, without \"г.\"", key, text)
		}
	}
}

// The button that cancels a milestone does not read as the dialogs'
// Cancel (issue 22 screenshots: "✕ Cancel" on every milestone row of the
// English screen, beside the form's "✕ Cancel").
func TestCancelMilestoneIsNotCancel(t *testing.T) {
	t.Cleanup(func() { setLanguage(model.BG) })
	for _, l := range []model.Lang{model.BG, model.EN} {
		setLanguage(l)
		if got := tr("milestone.cancel"); got == tr("action.cancel") {
			t.Errorf("%s: milestone.cancel = %q, the same as the dialogs' Cancel", l, got)
		}
	}
}

// The new-strategy form proposes a file name in the screen's language
// (issue 22 screenshots: "strategy.db" in the Bulgarian form).
func TestNewStrategyFileNameInTheScreensLanguage(t *testing.T) {
	t.Cleanup(func() { setLanguage(model.BG) })
	h := newHarness(t, testDoc(), pOffice)
	h.u.opts.Creator = func(string, *model.Doc) (model.Store, error) { return nil, nil }
	for _, tt := range []struct {
		lang model.Lang
		want string
	}{{model.BG, "стратегия.db"}, {model.EN, "strategy.db"}} {
		h.u.onLanguage(tt.lang)
		h.u.onNewStrategy()
		if got := latest[*newStrategyForm](h).path.name.Text; got != tt.want {
			t.Errorf("%s: the proposed file name is %q, want %q", tt.lang, got, tt.want)
		}
	}
}

// Fyne's file dialog writes "(Parent)" on one line under the folder's
// icon, in a cell 80 wide (fyne/dialog fileIconCellWidth) less the
// label's padding (issue 22 screenshots: "(Горна п" / "апка)" broken over
// two lines).
func TestFileDialogParentFitsItsIcon(t *testing.T) {
	room := 80 - 2*theme.InnerPadding()
	for _, lang := range []string{"bg", "en"} {
		var raw map[string]any
		if err := json.Unmarshal(mustRead(t, "translations/"+lang+".json"), &raw); err != nil {
			t.Fatal(err)
		}
		word, _ := raw["file.parent"].(map[string]any)["other"].(string)
		if got := fyne.MeasureText("("+word+")", theme.TextSize(), fyne.TextStyle{}).Width; got > room {
			t.Errorf("%s: \"(%s)\" is %.0f wide, more than the %.0f under the icon", lang, word, got, room)
		}
	}
}

func mustRead(t *testing.T, name string) []byte {
	t.Helper()
	b, err := assets.Translations.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// The person form's last label is as short as the others: its choices
// already say what the public site shows ("Да — името се показва в
// публичния сайт"), and a long label halves the inputs' width (issue 22
// screenshots: structure-person-form at 1024×700, the unit cut to
// "INNO · Направление „Иновативна Соф…").
func TestPersonFormLabelsAreShort(t *testing.T) {
	t.Cleanup(func() { setLanguage(model.BG) })
	for _, l := range []model.Lang{model.BG, model.EN} {
		setLanguage(l)
		for _, key := range []string{"visibility.person", "structure.position_bg", "structure.position_en"} {
			if got := tr(key); len([]rune(got)) > 20 {
				t.Errorf("%s: %s = %q: longer than 20 characters", l, key, got)
			}
		}
	}
}

// A field's label begins with a capital, as it starts a line of the audit
// log, the conflict dialog and the import previews ("Крайна дата: … → …")
// (issue 22 screenshots: "отговори на звената: …", "units' returns: …"
// among "Приета на: …", "End date: …" in cycle-audit). field.public is also
// a mark after " · " and the override reasons are placeholders.
func TestFieldLabelsBeginWithACapital(t *testing.T) {
	lower := map[string]bool{"field.public": true, "field.override.reason": true, "field.override.reason_en": true}
	for _, lang := range []string{"bg", "en"} {
		for key, text := range assets.Texts(lang) {
			if !strings.HasPrefix(key, "field.") || lower[key] || text == "" {
				continue
			}
			if r := []rune(text)[0]; unicode.IsLower(r) {
				t.Errorf("%s.json %s = %q begins with a small letter", lang, key, text)
			}
		}
	}
}

// A dialog opened from a menu item is titled without the item's "…"
// ("Експорт", not "Експорт…"): the notices (File › Open in a build that
// cannot open files) and the exported file's dialog as the forms are
// (issue 22 screenshots: export-done "Експорт…", file-open "Отвори…").
func TestDialogTitlesWithoutEllipsis(t *testing.T) {
	h := newHarness(t, testDoc(), pOffice)
	h.u.opts.Opener = nil
	for _, tt := range []struct {
		name, title string
		show        func()
	}{
		{"notice", "Отвори", h.u.onOpen},
		{"exported", "Експорт", func() { h.u.showExported("/tmp/отчет.pdf") }},
	} {
		tt.show()
		lines := strings.Split(h.topDialogText(), "\n")
		if !slices.Contains(lines, tt.title) {
			t.Errorf("%s: no title %q in %q", tt.name, tt.title, lines)
		}
		for _, l := range lines {
			if strings.HasSuffix(l, "…") {
				t.Errorf("%s: %q ends with …", tt.name, l)
			}
		}
	}
}

// The Structure screen's banner for a coordinator is two sentences, not a
// sentence running on after a colon into a capital ("…the structure:
// Coordinators change only…"), and the Bulgarian texts call the office by
// its role's name, "стратегически офис", not also "офисът на стратегията"
// (issue 22 screenshots: coordinator-structure, period).
func TestStructureBannerAndTheOfficesName(t *testing.T) {
	t.Cleanup(func() { setLanguage(model.BG) })
	runOn := regexp.MustCompile(`: \p{Lu}`)
	for _, l := range []model.Lang{model.BG, model.EN} {
		h := newHarness(t, testDoc(), pCoordINNO)
		h.u.onLanguage(l)
		h.u.showScreen(screenStructure)
		if got := h.u.structure.ed.banner.Text; got == "" || runOn.MatchString(got) {
			t.Errorf("%s: the banner reads %q", l, got)
		}
	}
	other := regexp.MustCompile(`(?i)офис(а|ът)? на стратегията`)
	for key, text := range assets.Texts("bg") {
		if other.MatchString(text) {
			t.Errorf("bg.json %s = %q: the office is the \"стратегически офис\"", key, text)
		}
	}
}

// A button says what it does as the others do, in the imperative ("Запази",
// "Създай", "Отвори файла"), not as a noun of the action ("Свързване",
// "Публикуване", "Отваряне в браузъра"; issue 22 screenshots: connect,
// password, publish-form, publish-done beside export-done).
func TestButtonsInTheImperative(t *testing.T) {
	texts := assets.Texts("bg")
	for _, key := range []string{"connect.ok", "publish.action", "publish.browser", "action.save", "export.open"} {
		first := strings.Fields(texts[key] + " x")[0]
		if strings.HasSuffix(first, "не") {
			t.Errorf("bg.json %s = %q: a noun of the action, not the imperative", key, texts[key])
		}
	}
}
