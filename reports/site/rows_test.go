package site

import (
	"strings"
	"testing"

	"golang.org/x/net/html"

	"strategytracker/model"
)

// Hostile texts in a milestone stay text, and only http(s) evidence becomes a link.
func TestMilestoneRowsEscapeEverything(t *testing.T) {
	rows := []milestoneRow{
		{Title: `<script>alert(1)</script>`, Due: "1", Note: `"><img src=x onerror=alert(1)>`, Evidence: "javascript:alert(1)",
			State: statusView{Class: "m-done", Symbol: "✔", Label: "<b>"}},
		{Title: "ok", Due: "2", Evidence: `https://example.org/a"onmouseover="x`},
	}
	out := string(milestoneRowsHTML(rows, model.EN))
	doc, err := html.Parse(strings.NewReader("<table><tbody>" + out + "</tbody></table>"))
	if err != nil {
		t.Fatal(err)
	}
	var links []string
	walk(doc, func(n *html.Node) {
		if n.Type != html.ElementNode {
			return
		}
		switch n.Data {
		case "script", "img", "b":
			t.Errorf("a <%s> element came through", n.Data)
		case "a":
			href, _ := attr(n, "href")
			links = append(links, href)
		}
		if _, ok := attr(n, "onmouseover"); ok {
			t.Error("an event attribute came through")
		}
	})
	if len(links) != 0 {
		t.Errorf("links = %q, want none: neither is a link model.CheckLink takes", links)
	}
	if !strings.Contains(out, "&lt;script&gt;") {
		t.Error("the title is not shown as text")
	}
}

// An evidence link is published as a link only when model.CheckLink takes it
// and the scrubbing left it whole; else it is shown as text, scrubbed.
func TestEvidenceLinkIsPublishedWholeOrAsText(t *testing.T) {
	tests := []struct {
		evidence, wantHref, wantText string
	}{
		{"https://www.sofia.bg/documents/reshenie-12.pdf", "https://www.sofia.bg/documents/reshenie-12.pdf", ""},
		{"https://www.sofia.bg/documents/20182/02981234/reshenie.pdf", "", "https://www.sofia.bg/documents/20182/[tel.]/reshenie.pdf"},
		{"https://example.org/contact?to=ivan.petrov@sofia.bg", "", "https:[e-mail]"},
		{"https://example.org/a b", "", "https://example.org/a b"},
		{"javascript:alert(1)", "", "javascript:alert(1)"},
	}
	for _, tt := range tests {
		d := &model.Doc{Measures: []model.Measure{{Milestones: []model.Milestone{{Evidence: tt.evidence}}}}}
		ev := PublicDoc(d).Measures[0].Milestones[0].Evidence
		out := string(milestoneRowsHTML([]milestoneRow{{Title: "m", Evidence: ev}}, model.EN))
		doc, err := html.Parse(strings.NewReader("<table><tbody>" + out + "</tbody></table>"))
		if err != nil {
			t.Fatal(err)
		}
		var hrefs []string
		text := ""
		walk(doc, func(n *html.Node) {
			if n.Type == html.ElementNode && n.Data == "a" {
				href, _ := attr(n, "href")
				hrefs = append(hrefs, href)
			}
			if n.Type == html.TextNode && strings.HasPrefix(n.Data, "Evidence: ") {
				text = strings.TrimPrefix(n.Data, "Evidence: ")
			}
		})
		if tt.wantHref == "" && len(hrefs) != 0 || tt.wantHref != "" && (len(hrefs) != 1 || hrefs[0] != tt.wantHref) {
			t.Errorf("%q: links %q, want %q", tt.evidence, hrefs, tt.wantHref)
		}
		if text != tt.wantText {
			t.Errorf("%q: text %q, want %q", tt.evidence, text, tt.wantText)
		}
	}
}
