package pdf

import (
	"strings"
	"unicode"

	"strategytracker/model"
)

// demoBandY is where the "demonstration data" band starts on the cover.
const demoBandY = 252.0

// tocEntries is how many entries of the contents the report can have
// besides its areas: the ten sections of the body (dashboard, areas,
// milestones, indicators, budget, changes, revisions, draft decision,
// signatures, annex) and the annex's three parts.
const tocEntries = 13

// contentsPage writes page 2: room for the contents, filled in at the end,
// and how to read the report.
func (r *report) contentsPage() {
	r.newPage()
	r.setFont("B", 16)
	r.setText(cAccent)
	r.text(marginL, r.y, contentW, lineH(16), r.w.contents, "L")
	r.y += lineH(16) + 1
	r.hline(marginL, marginL+contentW, r.y, 0.5, cAccent)
	r.y += 5
	r.tocY, r.tocPage = r.y, r.pdf.PageNo()
	// Room for every entry the report can have (tocEntries): closer
	// together when there are many areas, without the areas when there
	// are more than a page holds.
	entries, room := tocEntries+len(r.areas), bodyBottom-r.y-8
	r.tocLH, r.tocAreas = 6.2, true
	if float64(entries)*r.tocLH > room {
		r.tocLH = max(4.6, room/float64(entries))
	}
	if float64(entries)*r.tocLH > room {
		entries, r.tocAreas = tocEntries, false
	}
	r.tocRoom = entries
	r.y += float64(entries)*r.tocLH + 8
	r.howToRead()
}

// howToRead explains statuses, bars and figures; it is kept on one page.
func (r *report) howToRead() {
	r.setFont("", 8.5)
	lh := lineH(8.5)
	n := func(s string) float64 { return float64(len(r.split(s, contentW-30))) * lh }
	h := lineH(11.5) + 4 + lineH(9) + 1 + 3 + n(r.w.barLegend) + 1.5 + n(r.w.overrideMark) + 3
	for _, st := range model.Statuses {
		h += n(r.w.statusMeaning[st]) + 1.6
	}
	for _, s := range r.w.howNotes {
		h += n(s) + 1.2
	}
	if r.y+h > bodyBottom {
		r.newPage()
	}
	r.subsection(r.w.howToRead, -1, 40)
	r.minor(r.w.howStatuses, 6)
	for _, st := range model.Statuses {
		r.setFont("", 8.5)
		ls := r.split(r.w.statusMeaning[st], contentW-30)
		h := float64(len(ls))*lineH(8.5) + 1.6
		r.ensure(h)
		r.chip(marginL, r.y+(lineH(8.5)-chipH)/2, st, false)
		r.setFont("", 8.5)
		r.setText(cText)
		r.lines(marginL+30, r.y, contentW-30, lineH(8.5), ls, "L")
		r.y += h
	}
	r.y += 3
	r.ensure(12)
	r.progressBar(marginL, r.y+1.2, 22, 2.6, 60, 75, cAccent)
	r.para(marginL+30, contentW-30, r.w.barLegend, "", 8.5, cText)
	r.y += 1.5
	r.para(marginL+30, contentW-30, r.w.overrideMark, "", 8.5, cText)
	r.y += 3
	for _, n := range r.w.howNotes {
		r.ensure(lineH(8.5))
		r.setFont("", 8.5)
		r.setText(cMuted)
		r.text(marginL+26, r.y, 4, lineH(8.5), "•", "L")
		r.para(marginL+30, contentW-30, n, "", 8.5, cText)
		r.y += 1.2
	}
}

func joinNonEmpty(sep string, parts ...string) string {
	out := ""
	for _, p := range parts {
		if p == "" {
			continue
		}
		if out != "" {
			out += sep
		}
		out += p
	}
	return out
}

// nameAndPosition is "Мария Георгиева, началник на отдел …": the position
// after the comma in lower case, as in running text (an abbreviation such
// as "ИТ" or "CDO" stays as it is). An English position written in title
// case keeps its capitals ("Konstantin Iliev, Deputy Mayor for …", not
// "deputy Mayor").
func nameAndPosition(lang model.Lang, name, position string) string {
	rs := []rune(position)
	if name != "" && len(rs) > 1 && unicode.IsUpper(rs[0]) && !unicode.IsUpper(rs[1]) && !(lang == model.EN && titleCased(position)) {
		rs[0] = unicode.ToLower(rs[0])
		position = string(rs)
	}
	return joinNonEmpty(", ", name, position)
}

// titleCased reports whether a word after the first of s, up to a comma
// (after which a unit may follow), begins with a capital followed by a
// small letter ("Deputy Mayor for Digitalisation"; not "Chief expert,
// Deputy Mayor's Office").
func titleCased(s string) bool {
	s, _, _ = strings.Cut(s, ",")
	for i, w := range strings.Fields(s) {
		rs := []rune(w)
		if i == 0 {
			continue
		}
		if len(rs) > 1 && unicode.IsUpper(rs[0]) && unicode.IsLower(rs[1]) {
			return true
		}
	}
	return false
}
