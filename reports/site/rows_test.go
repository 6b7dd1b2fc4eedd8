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
	if len(links) != 1 || links[0] != `https://example.org/a"onmouseover="x` {
		t.Errorf("links = %q, want only the https one, whole", links)
	}
	if !strings.Contains(out, "&lt;script&gt;") {
		t.Error("the title is not shown as text")
	}
}
