package pdf

import (
	"fmt"

	"strategytracker/model"
)

// demoBandY is where the "demonstration data" band starts on the cover.
const demoBandY = 252.0

// cover writes page 1: title, report name, period, as-of date, the council
// decision, who prepared it and when, the vision and the demo band.
func (r *report) cover() {
	r.newPage()
	s := &r.d.Strategy
	r.setFont("", 9)
	r.applyFont()
	r.pdf.Bookmark(r.w.report, 0, 0)

	// A calm accent block down the left edge.
	r.rect(0, 0, 8, pageH, cAccent)

	y := 48.0
	r.setFont("B", 8.5)
	r.setText(cMuted)
	r.text(marginL, y, contentW, 5, upper(r.w.addressee), "L")
	y += 12

	r.setFont("B", 24)
	r.setText(cAccent)
	title := r.clamp(r.split(s.Title.In(r.lang), contentW), 4, contentW)
	r.lines(marginL, y, contentW, lineH(24)*1.05, title, "L")
	y += float64(len(title))*lineH(24)*1.05 + 6
	r.rect(marginL, y, 30, 1.2, cAccent)
	y += 9

	r.setFont("", 18)
	r.setText(cText)
	r.text(marginL, y, contentW, lineH(18), r.w.report, "L")
	y += lineH(18) + 1
	r.setFont("", 13)
	r.setText(cMuted)
	r.text(marginL, y, contentW, lineH(13), fmt.Sprintf(r.w.asOf, r.date(r.asOf)), "L")
	y += lineH(13) + 16

	decision := s.CouncilDecision.In(r.lang)
	if s.AdoptedOn != 0 {
		decision = joinNonEmpty(", ", decision, fmt.Sprintf(r.w.adoptedOn, r.date(s.AdoptedOn)))
	}
	compared := r.w.noSnapshot
	if sn := r.changes.Since; sn != nil {
		compared = fmt.Sprintf(r.w.snapshotRef, sn.Name, r.date(sn.AsOf))
	}
	rows := [][2]string{
		{r.w.period, r.period(s.PeriodStart, s.PeriodEnd)},
		{r.w.dataAsOf, r.date(r.asOf)},
		{r.w.adopted, orDash(decision, r.w.none)},
		{r.w.comparedWith, compared},
		{r.w.preparedBy, orDash(r.opt.PreparedBy, r.w.none)},
		{r.w.made, r.date(model.DateOf(r.created))},
	}
	labelW := 46.0
	valueW := contentW - labelW
	for _, kv := range rows {
		r.setFont("", 10)
		ls := r.clamp(r.split(kv[1], valueW), 3, valueW)
		h := float64(len(ls)) * lineH(10)
		r.setText(cText)
		r.lines(marginL+labelW, y, valueW, lineH(10), ls, "L")
		r.setFont("", 9)
		r.setText(cMuted)
		r.text(marginL, y, labelW, lineH(10), kv[0], "L")
		y += h + 2.2
		r.hline(marginL, marginL+contentW, y-1.1, 0.15, cRule)
	}

	bottom := pageH - 20.0 // the vision ends above the demo band, or the page's foot
	if s.Demo {
		bottom = demoBandY - 6
	}
	if v := s.Vision.In(r.lang); v != "" && y+16+lineH(10)*1.1 <= bottom {
		y += 10
		r.setFont("", 10)
		fit := int((bottom - y - 6) / (lineH(10) * 1.1))
		ls := r.clamp(r.split(v, contentW-8), fit, contentW-8)
		r.setFont("B", 8.5)
		r.setText(cMuted)
		r.text(marginL+6, y, contentW-6, 5, upper(r.w.vision), "L")
		y += 6
		h := float64(len(ls)) * lineH(10) * 1.1
		r.rect(marginL, y-5.5, 1.2, h+5.5, cRule)
		r.setFont("", 10)
		r.setText(cText)
		r.lines(marginL+6, y, contentW-6, lineH(10)*1.1, ls, "L")
	}

	if s.Demo {
		demo := hexColour(model.DemoHex)
		by := demoBandY
		r.rect(8, by, pageW-8, 18, demo)
		r.setFont("B", 14)
		r.setText(cWhite)
		r.text(marginL, by+2.5, contentW, 7, model.DemoMark(r.lang), "L")
		r.setFont("", 9)
		r.text(marginL, by+10, contentW, 5, r.w.demoNote, "L")
	}
	r.step()
}

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
	r.tocY = r.y
	// Summary, areas and each area, milestones, KPIs, changes, annex: closer
	// together when there are many areas, without the areas when there are
	// more than a page holds.
	entries, room := 6+len(r.areas), bodyBottom-r.y-8
	r.tocLH, r.tocAreas = 6.2, true
	if float64(entries)*r.tocLH > room {
		r.tocLH = max(4.6, room/float64(entries))
	}
	if float64(entries)*r.tocLH > room {
		entries, r.tocAreas = 6, false
	}
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
