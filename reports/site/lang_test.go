package site

import (
	"bytes"
	"strings"
	"testing"
	"unicode"

	"golang.org/x/net/html"

	"strategytracker/model"
)

// TestLangMarksTextsInTheOtherLanguage: on the English pages every text in
// Cyrillic, and on the Bulgarian pages every English fallback, stands in an
// element whose lang says so (WCAG 2.1, 3.1.2 language of parts).
func TestLangMarksTextsInTheOtherLanguage(t *testing.T) {
	d := demoDoc(t)
	markSecrets(t, d)
	const only = "ENGLISH ONLY"
	m := &d.Measures[0]
	// Missing English: the Bulgarian text is shown on the English pages.
	d.Strategy.ShortTitle.EN, d.Strategy.Title.EN = "", ""
	m.Title.EN, m.Description.EN = "", ""
	for i := range d.Areas {
		if d.Areas[i].Code == m.Area {
			d.Areas[i].Title.EN, d.Areas[i].Description.EN = "", ""
		}
	}
	for i := range d.Units {
		d.Units[i].Name.EN = ""
	}
	for i := range d.Goals {
		d.Goals[i].Title.EN = ""
	}
	m.Milestones[0].Title.EN = ""
	if len(m.KPIs) > 0 {
		m.KPIs[0].Name.EN, m.KPIs[0].Unit.EN = "", ""
	}
	for i := range m.Funding {
		m.Funding[i].Name.EN = ""
	}
	for i := range m.Updates {
		m.Updates[i].Text.EN = ""
	}
	d.Revisions[0].Reason.EN = ""
	// Missing Bulgarian: the English text is shown on the Bulgarian pages.
	m2 := &d.Measures[1]
	m2.Title.BG, m2.Title.EN = "", only+" title"
	m2.Description.BG, m2.Description.EN = "", only+" description"
	m2.Milestones[0].Title.BG, m2.Milestones[0].Title.EN = "", only+" milestone"
	m2.Milestones[0].Note = only + " note written in English"
	files := readTree(t, publish(t, d, Options{}))
	checked := 0
	for name, b := range files {
		if !strings.HasSuffix(name, ".html") || name == "index.html" {
			continue
		}
		page := model.Lang(name[:2])
		doc, err := html.Parse(bytes.NewReader(b))
		if err != nil {
			t.Fatal(err)
		}
		walk(doc, func(n *html.Node) {
			if n.Type != html.TextNode || n.Parent == nil || n.Parent.Data == "script" || n.Parent.Data == "style" {
				return
			}
			other := false
			if page == model.EN {
				other = strings.ContainsFunc(n.Data, func(r rune) bool { return unicode.Is(unicode.Cyrillic, r) })
			} else {
				other = strings.Contains(n.Data, only) || n.Data == CCBY4.Title
			}
			if !other {
				return
			}
			if n.Parent.Data == "title" && strings.ContainsFunc(n.Data, func(r rune) bool { return unicode.Is(unicode.Latin, r) }) &&
				strings.ContainsFunc(n.Data, func(r rune) bool { return unicode.Is(unicode.Cyrillic, r) }) {
				return // the page's heading and the site's name in two languages: a <title> has no parts to mark
			}
			checked++
			want := map[model.Lang]string{model.EN: "bg", model.BG: "en"}[page]
			if got := langOf(n); got != want {
				t.Errorf("%s: %q in <%s> is in lang %q, want %q", name, strings.TrimSpace(n.Data), n.Parent.Data, got, want)
			}
		})
	}
	if checked < 50 {
		t.Errorf("only %d texts in the other language found: the test data lost its fallbacks", checked)
	}
}

// langOf is the language an element's text is in: its nearest lang.
func langOf(n *html.Node) string {
	for p := n.Parent; p != nil; p = p.Parent {
		if l, ok := attr(p, "lang"); ok {
			return l
		}
	}
	return ""
}
