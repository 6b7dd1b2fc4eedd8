package app

import (
	"bytes"
	"regexp"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
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
