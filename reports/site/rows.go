package site

import (
	"html/template"
	"strings"

	"strategytracker/model"
)

// milestoneRowsHTML writes the rows of a measure's milestone table. They
// are the bulk of the site (ten per measure page), so they are written here
// rather than by html/template, whose escaping by reflection cost most of
// the publishing time. Every value is escaped with esc (text and quoted
// attributes alike); the evidence link must be http(s) to become a link.
func milestoneRowsHTML(rows []milestoneRow, lang model.Lang) template.HTML {
	w := words[lang]
	var b strings.Builder
	b.Grow(len(rows) * 400)
	for _, r := range rows {
		b.WriteString(`<tr><td data-label="`)
		b.WriteString(esc(w["title"]))
		b.WriteString(`">`)
		b.WriteString(string(langHTML(r.Title, r.TitleLang)))
		b.WriteString(`</td><td class="nw" data-label="`)
		b.WriteString(esc(w["due"]))
		b.WriteString(`">`)
		b.WriteString(esc(r.Due))
		b.WriteString(`</td><td class="nw"`)
		if r.Completed != "" {
			b.WriteString(` data-label="`)
			b.WriteString(esc(w["completed"]))
			b.WriteString(`"`)
		}
		b.WriteString(`>`)
		b.WriteString(esc(r.Completed))
		b.WriteString(`</td><td data-label="`)
		b.WriteString(esc(w["state"]))
		b.WriteString(`">`)
		writeStatus(&b, r.State)
		b.WriteString(`</td><td`)
		link := isWebLink(r.Evidence)
		if r.Note != "" || link {
			b.WriteString(` data-label="`)
			b.WriteString(esc(w["note"]))
			b.WriteString(`"`)
		}
		b.WriteString(`>`)
		b.WriteString(string(oneHTML(r.Note, lang)))
		if link {
			if r.Note != "" {
				b.WriteString(`<br>`)
			}
			b.WriteString(`<a class="evidence" rel="external noopener" href="`)
			b.WriteString(esc(r.Evidence))
			b.WriteString(`">`)
			b.WriteString(esc(w["evidence"]))
			b.WriteString(`</a>`)
		}
		b.WriteString("</td></tr>\n")
	}
	return template.HTML(b.String())
}

// writeStatus writes a status badge as the "status" template does.
func writeStatus(b *strings.Builder, v statusView) {
	b.WriteString(`<span class="status `)
	b.WriteString(esc(v.Class))
	b.WriteString(`"><span class="sym" aria-hidden="true">`)
	b.WriteString(esc(v.Symbol))
	b.WriteString(`</span>`)
	b.WriteString(esc(v.Label))
	b.WriteString(esc(v.Note))
	b.WriteString(`</span>`)
}

// isWebLink: only http(s) links are published as links (a hostile file
// could hold javascript: or data: ones).
func isWebLink(s string) bool {
	l := strings.ToLower(strings.TrimSpace(s))
	return strings.HasPrefix(l, "https://") || strings.HasPrefix(l, "http://")
}

// measureRowsHTML writes the rows of a table of measures (an area's, and
// the list of all of them with its area column), as the milestones are written.
func measureRowsHTML(rows []measureRow, w map[string]string, showArea bool) template.HTML {
	var b strings.Builder
	b.Grow(len(rows) * 600)
	cell := func(attrs, label, content string) {
		b.WriteString(`<td` + attrs + ` data-label="` + esc(label) + `">` + content + `</td>`)
	}
	for _, r := range rows {
		b.WriteString(`<tr data-area="` + esc(r.AreaCode) + `" data-status="` + esc(r.StatusKey) + `">`)
		cell(` data-v="`+esc(r.Code)+`"`, w["code"], esc(r.Code))
		cell("", w["title"], `<a href="`+esc(r.Href)+`"`+langAttr(r.TitleLang)+`>`+esc(r.Title)+`</a>`)
		if showArea {
			cell("", w["area"], `<abbr title="`+esc(r.AreaTitle)+`"`+langAttr(r.AreaLang)+`>`+esc(r.AreaCode)+`</abbr>`)
		}
		cell(langAttr(r.LeadLang), w["leadUnit"], esc(r.Lead))
		var st strings.Builder
		writeStatus(&st, r.Status)
		cell(` data-v="`+esc(r.Status.Label)+`"`, w["status"], st.String()) // sorted by the word shown
		cell(` class="num" data-v="`+esc(r.ProgressSort)+`"`, w["progress"], esc(r.Progress))
		cell(` class="nw" data-v="`+esc(r.EndSort)+`"`, w["end"], esc(r.End))
		b.WriteString("</tr>\n")
	}
	return template.HTML(b.String())
}

// valueRowsHTML writes the rows of a KPI's table of values.
func valueRowsHTML(rows []valueRow, lang model.Lang) template.HTML {
	var b strings.Builder
	for _, r := range rows {
		b.WriteString(`<tr><td class="nw">` + esc(r.Date) + `</td><td class="num">` + string(r.Value) + `</td><td` + langAttr(partLang(lang, r.Note)) + `>` +
			esc(r.Note) + `</td><td` + langAttr(partLang(lang, r.Source)) + `>` + esc(r.Source) + "</td></tr>\n")
	}
	return template.HTML(b.String())
}

// langAttr is ` lang="l"`, or nothing when l is empty.
func langAttr(l string) string {
	if l == "" {
		return ""
	}
	return ` lang="` + l + `"`
}
