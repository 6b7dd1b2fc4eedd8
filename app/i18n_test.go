package app

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2/lang"

	"strategytracker/assets"
	"strategytracker/model"
)

// Switching the language changes the interface and the content at once,
// and is remembered.
func TestSwitchLanguage(t *testing.T) {
	h := newHarness(t, testDoc(), pOffice)
	h.open(mOpenData)
	if got := h.u.detail.fields.titleBG.Text; got != "Платформа за открити данни" {
		t.Fatalf("title = %q", got)
	}
	if got := tr("nav.measures"); got != "Мерки" {
		t.Errorf("navigation in Bulgarian = %q", got)
	}

	h.u.onLanguage(model.EN)
	h.u.settle()
	if got, want := tr("nav.measures"), "Measures"; got != want {
		t.Errorf("navigation = %q, want %q", got, want)
	}
	if got, want := lang.X("nav.measures", "?"), "Measures"; got != want {
		t.Errorf("fyne's lang gives %q, want %q", got, want)
	}
	if got, want := lang.L("Cancel"), "Cancel"; got != want {
		t.Errorf("Fyne's own Cancel = %q, want %q", got, want)
	}
	d := h.u.detail
	if d == nil || h.u.current != screenDetail {
		t.Fatal("the open measure was closed by the switch")
	}
	if got, want := d.title.Text, "1.2 · Open data platform"; got != want {
		t.Errorf("detail title = %q, want %q", got, want)
	}
	if got, want := d.back.Text, "Back to measures"; got != want {
		t.Errorf("back button = %q, want %q", got, want)
	}
	if got := h.u.dash.asOf.Text; got != "As of: 30 Nov 2026" {
		t.Errorf("as-of = %q", got)
	}
	if got := h.u.measures.rows[2].title; got != "Smart intersections" {
		t.Errorf("measure list title = %q", got)
	}
	if got := h.u.win.Title(); got != "Strategy Tracker — Digital Sofia [DEMO]" {
		t.Errorf("window title = %q", got)
	}
	if got := h.u.menu.main.Items[0].Label; got != "File" {
		t.Errorf("first menu = %q", got)
	}
	if got := h.app.Preferences().String(prefLang); got != "en" {
		t.Errorf("remembered language = %q", got)
	}

	h.u.onLanguage(model.BG)
	if got, want := lang.L("Cancel"), "Отказ"; got != want {
		t.Errorf("Fyne's own Cancel in Bulgarian = %q, want %q", got, want)
	}
	if got := h.u.detail.title.Text; got != "1.2 · Платформа за открити данни" {
		t.Errorf("detail title back in Bulgarian = %q", got)
	}
	if got := h.u.menu.main.Items[0].Label; got != "Файл" {
		t.Errorf("first menu = %q", got)
	}
}

// Content falls back to the other language when its own is empty.
func TestContentFallsBackToTheOtherLanguage(t *testing.T) {
	doc := testDoc()
	doc.Measures[2].Title.EN = ""
	h := newHarness(t, doc, pOffice)
	h.u.onLanguage(model.EN)
	if got := h.u.measures.rows[2].title; got != "Интелигентни кръстовища" {
		t.Errorf("title with no English = %q, want the Bulgarian", got)
	}
}

// Both translation files hold the same keys, every key the code asks for,
// and the same formatting verbs per key.
func TestTranslationKeys(t *testing.T) {
	files := map[string]map[string]any{}
	for _, l := range []string{"bg", "en"} {
		b, err := assets.Translations.ReadFile("translations/" + l + ".json")
		if err != nil {
			t.Fatal(err)
		}
		var m map[string]any
		if err := json.Unmarshal(b, &m); err != nil {
			t.Fatalf("%s.json: %v", l, err)
		}
		files[l] = m
		// encoding/json keeps the last of two equal keys silently: a key
		// added twice by two merges would hide one text.
		dec := json.NewDecoder(bytes.NewReader(b))
		dec.Token() // {
		keys := map[string]bool{}
		for dec.More() {
			tok, err := dec.Token()
			if err != nil {
				t.Fatalf("%s.json: %v", l, err)
			}
			if k := tok.(string); keys[k] {
				t.Errorf("%s.json holds the key %q twice", l, k)
			} else {
				keys[k] = true
			}
			var skip json.RawMessage
			if err := dec.Decode(&skip); err != nil {
				t.Fatalf("%s.json: %v", l, err)
			}
		}
	}
	for k := range files["bg"] {
		if _, ok := files["en"][k]; !ok {
			t.Errorf("%q is in bg.json only", k)
		}
	}
	for k := range files["en"] {
		if _, ok := files["bg"][k]; !ok {
			t.Errorf("%q is in en.json only", k)
		}
	}
	verbs := regexp.MustCompile(`%[-+# 0-9.]*[a-zA-Z%]`)
	for k, v := range files["bg"] {
		bg, en := textOf(v), textOf(files["en"][k])
		if a, b := verbs.FindAllString(bg, -1), verbs.FindAllString(en, -1); !slices.Equal(a, b) {
			t.Errorf("%q: verbs %v in bg, %v in en", k, a, b)
		}
		if strings.TrimSpace(bg) == "" || strings.TrimSpace(en) == "" {
			t.Errorf("%q is empty in a language", k)
		}
	}
	// Every literal key of the code exists.
	src, _ := filepath.Glob("*.go")
	call := regexp.MustCompile(`\btr[fI]?n?\((?:lang, |l, )?"([a-z][a-zA-Z0-9_.]+)"`)
	dynamic := []string{"nav.", "role.", "entity.", "field.", "audit.action.", "kpi.kind.", "unitkind.", "period.state."}
	seen := 0
	for _, f := range src {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		b, _ := os.ReadFile(f)
		for _, m := range call.FindAllStringSubmatch(string(b), -1) {
			key := m[1]
			if slices.Contains(dynamic, key) {
				continue
			}
			seen++
			if _, ok := files["bg"][key]; !ok {
				t.Errorf("%s uses %q, which no translation file has", f, key)
			}
		}
	}
	if seen < 100 {
		t.Errorf("found only %d keys in the code: the pattern is wrong", seen)
	}
	// Keys made at run time.
	for _, s := range navScreens {
		need(t, files, "nav."+string(s))
	}
	for _, r := range model.Roles {
		need(t, files, "role."+string(r))
	}
	for _, e := range append(auditEntities, model.EntityKPIValue) {
		need(t, files, "entity."+string(e))
	}
	for _, a := range []model.Action{model.ActionCreate, model.ActionUpdate, model.ActionDelete, model.ActionImport, model.ActionSnapshot, model.ActionLoad} {
		need(t, files, "audit.action."+string(a))
	}
	for _, k := range model.KPIKinds {
		need(t, files, "kpi.kind."+string(k))
	}
	for _, s := range []model.PeriodState{model.PeriodOpen, model.PeriodClosed} {
		need(t, files, "period.state."+string(s))
	}
	for _, k := range model.UnitKinds {
		need(t, files, "unitkind."+string(k))
	}
	for _, k := range colKeys {
		need(t, files, k)
	}
}

func need(t *testing.T, files map[string]map[string]any, key string) {
	t.Helper()
	if _, ok := files["bg"][key]; !ok {
		t.Errorf("no translation of %q", key)
	}
}

func TestProgressText(t *testing.T) {
	for _, c := range []struct {
		p, e float64
		lang model.Lang
		want string
	}{
		{41.66, 63.24, model.BG, "41,7 % (очакван 63,2 %)"},
		{41.66, 63.24, model.EN, "41.7% (expected 63.2%)"},
		{0, 100, model.BG, "0,0 % (очакван 100,0 %)"},
	} {
		if got := ProgressText(c.p, c.e, c.lang); got != c.want {
			t.Errorf("ProgressText(%v, %v, %s) = %q, want %q", c.p, c.e, c.lang, got, c.want)
		}
	}
}

func TestWindowTitle(t *testing.T) {
	s := testDoc().Strategy
	if got, want := WindowTitle(&s, model.BG), "Strategy Tracker — Дигитална София [ДЕМО]"; got != want {
		t.Errorf("WindowTitle = %q, want %q", got, want)
	}
	s.Demo = false
	if got, want := WindowTitle(&s, model.EN), "Strategy Tracker — Digital Sofia"; got != want {
		t.Errorf("WindowTitle = %q, want %q", got, want)
	}
}

// textOf is a translation's text: a string, or the "other" form of one of
// Fyne's plural entries ("file.parent": {"other": "…"}).
func textOf(v any) string {
	if m, ok := v.(map[string]any); ok {
		v = m["other"]
	}
	s, _ := v.(string)
	return s
}
