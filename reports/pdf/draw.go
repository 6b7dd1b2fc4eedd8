package pdf

import (
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"strategytracker/model"
)

// Page geometry in millimetres: A4 portrait.
const (
	pageW      = 210.0
	pageH      = 297.0
	marginL    = 20.0
	marginR    = 20.0
	contentW   = pageW - marginL - marginR
	bodyTop    = 24.0
	bodyBottom = 280.0
	ptToMM     = 25.4 / 72
	family     = "NotoSans"
)

// rgb is a colour.
type rgb struct{ r, g, b int }

// The report's colours besides the status palette.
var (
	cText     = rgb{0x20, 0x21, 0x24}
	cMuted    = rgb{0x5F, 0x63, 0x68}
	cRule     = rgb{0xD5, 0xD9, 0xDE}
	cHeadFill = rgb{0xEE, 0xF1, 0xF5}
	cCardFill = rgb{0xF5, 0xF7, 0xF9}
	cAccent   = rgb{0x1F, 0x3A, 0x5F}
	cTrack    = rgb{0xE3, 0xE6, 0xEA}
	cWhite    = rgb{0xFF, 0xFF, 0xFF}
	cNote     = rgb{0x8A, 0x5A, 0x00}
)

// hexColour reads "#RRGGBB".
func hexColour(s string) rgb {
	v, err := strconv.ParseUint(strings.TrimPrefix(s, "#"), 16, 32)
	if err != nil {
		return cText
	}
	return rgb{int(v >> 16 & 0xFF), int(v >> 8 & 0xFF), int(v & 0xFF)}
}

var statusColour = func() map[model.Status]rgb {
	m := map[model.Status]rgb{}
	for s, h := range model.StatusHex {
		m[s] = hexColour(h)
	}
	return m
}()

// onColour is the text colour that reads on a fill of colour c.
func onColour(c rgb) rgb {
	// Relative luminance, roughly: light fills (amber, grey) take dark text.
	if 299*c.r+587*c.g+114*c.b > 150000 {
		return cText
	}
	return cWhite
}

// lineH is the line height for a font size in points.
func lineH(size float64) float64 { return size * ptToMM * 1.32 }

// setFont chooses the font for what follows. It is selected in the PDF
// only when text is written with it (applyFont), so that measuring costs
// nothing and no font is selected twice.
func (r *report) setFont(style string, size float64) {
	r.wantStyle, r.wantSize = style, size
}

// applyFont selects the chosen font in the PDF when it is not selected yet.
func (r *report) applyFont() {
	if r.fontStyle == r.wantStyle && r.fontSize == r.wantSize {
		return
	}
	r.fontStyle, r.fontSize = r.wantStyle, r.wantSize
	r.pdf.SetFont(family, r.wantStyle, r.wantSize)
}

func (r *report) setText(c rgb) {
	if r.textC != c || !r.textSet {
		r.textC, r.textSet = c, true
		r.pdf.SetTextColor(c.r, c.g, c.b)
	}
}

func (r *report) setFill(c rgb) {
	if r.fillC != c || !r.fillSet {
		r.fillC, r.fillSet = c, true
		r.pdf.SetFillColor(c.r, c.g, c.b)
	}
}

func (r *report) setDraw(c rgb) {
	if r.drawC != c || !r.drawSet {
		r.drawC, r.drawSet = c, true
		r.pdf.SetDrawColor(c.r, c.g, c.b)
	}
}

func (r *report) setLineWidth(w float64) {
	if r.lineW != w {
		r.lineW = w
		r.pdf.SetLineWidth(w)
	}
}

// text writes one line of s in a box of width w and height h at (x, y),
// vertically centred; align is "L", "C" or "R".
func (r *report) text(x, y, w, h float64, s, align string) {
	if s == "" {
		return
	}
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD") // fpdf cannot encode broken UTF-8
	}
	if r.hook != nil {
		r.hook(drawn{page: r.pdf.PageNo(), x: x, y: y, w: w, h: h, width: r.width(s), s: s, heading: r.inHeading})
	}
	r.applyFont()
	// Text takes the fill colour when the two are the same, so keeping them
	// the same spares fpdf a save, colour and restore around every cell.
	r.setFill(r.textC)
	r.pdf.cell(x, y, w, h, s, align)
}

// lines writes lines from (x, y) down, lh apart.
func (r *report) lines(x, y, w, lh float64, ls []string, align string) {
	for i, l := range ls {
		r.text(x, y+float64(i)*lh, w, lh, l, align)
	}
}

// clamp keeps at most n lines; when it drops some, the last one kept ends
// with an ellipsis and still fits w.
func (r *report) clamp(ls []string, n int, w float64) []string {
	if len(ls) <= n {
		return ls
	}
	ls = ls[:n:n]
	ls[n-1] = r.ellipsis(ls[n-1]+" …", w)
	return ls
}

// ellipsis shortens s with "…" until it fits w.
func (r *report) ellipsis(s string, w float64) string {
	if r.width(s) <= w {
		return s
	}
	s = strings.TrimSuffix(s, " …")
	for s != "" && r.width(s+"…") > w {
		_, n := utf8.DecodeLastRuneInString(s)
		s = strings.TrimRight(s[:len(s)-n], " ")
	}
	return s + "…"
}

// rect fills a rectangle.
func (r *report) rect(x, y, w, h float64, c rgb) {
	if w <= 0 || h <= 0 {
		return
	}
	r.setFill(c)
	r.pdf.Rect(x, y, w, h, "F")
}

// hline draws a horizontal rule.
func (r *report) hline(x1, x2, y, width float64, c rgb) {
	r.setDraw(c)
	r.setLineWidth(width)
	r.pdf.Line(x1, y, x2, y)
}

// progressBar draws a bar of progress p (0–100) with a tick at expected e
// (negative: none), width w, at (x, y) with height h.
func (r *report) progressBar(x, y, w, h, p, e float64, fill rgb) {
	r.rect(x, y, w, h, cTrack)
	r.rect(x, y, w*clamp01(p/100), h, fill)
	if e >= 0 {
		ex := x + w*clamp01(e/100)
		r.rect(ex-0.3, y-0.7, 0.6, h+1.4, cText)
	}
}

func clamp01(v float64) float64 { return max(0, min(1, v)) }

// chipSize is the font size of status chips.
const chipSize = 6.5

// chip draws a status chip with its label at (x, y) and returns its width.
func (r *report) chip(x, y float64, st model.Status, mark bool) float64 {
	label := st.Label(r.lang)
	if mark {
		label += " *"
	}
	style := "B"
	if st == model.StatusCancelled {
		style = "BS"
	}
	r.setFont(style, chipSize)
	w := r.width(label) + 3.2
	h := chipH
	c := statusColour[st]
	r.setFill(c)
	r.pdf.RoundedRect(x, y, w, h, 1.1, "1234", "F")
	r.setText(onColour(c))
	r.text(x, y, w, h, label, "C")
	return w
}

// stateColour is the colour of a milestone state, from the status palette.
var stateColour = map[model.MilestoneState]model.Status{
	model.StateDone: model.StatusCompleted, model.StateOverdue: model.StatusDelayed,
	model.StateDueSoon: model.StatusAtRisk, model.StatePending: model.StatusNotStarted,
	model.StateCancelled: model.StatusCancelled,
}

// stateChip draws a milestone state's chip at (x, y) and returns its width.
func (r *report) stateChip(x, y float64, st model.MilestoneState) float64 {
	label := st.Label(r.lang)
	r.setFont("B", chipSize)
	w := r.width(label) + 3.2
	c := statusColour[stateColour[st]]
	r.setFill(c)
	r.pdf.RoundedRect(x, y, w, chipH, 1.1, "1234", "F")
	r.setText(onColour(c))
	r.text(x, y, w, chipH, label, "C")
	return w
}

// chipH is the height of a status chip.
const chipH = 4.0

// pct formats a percentage with one decimal (model.FormatPercent).
func (r *report) pct(v float64) string { return model.FormatPercent(v, r.lang) }

// num formats a KPI value (model.FormatValue).
func (r *report) num(v float64) string { return model.FormatValue(v, r.lang) }

// count formats a whole number with the thousands separator of the language.
func (r *report) count(n int) string { return model.FormatNumber(float64(n), 0, r.lang) }

// date is a date as the report writes it in tables (model.Date.Display),
// a dash for none.
func (r *report) date(d model.Date) string { return orDash(d.Display(r.lang), r.w.none) }

// dateText is a date in running text: "30.11.2026 г." in Bulgarian.
func (r *report) dateText(d model.Date) string { return orDash(d.DisplayText(r.lang), r.w.none) }

// tr is a text of the data in the report's language. When only the other
// language is filled in, the text is shown marked as untranslated, so that
// a reader never takes it for a translation and no report mixes languages
// silently.
func (r *report) tr(t model.Text) string {
	own, other := t.BG, t.EN
	if r.lang == model.EN {
		own, other = t.EN, t.BG
	}
	if strings.TrimSpace(own) != "" || strings.TrimSpace(other) == "" {
		return own
	}
	return r.w.untranslated + " " + other
}

// name is the name of a person in the report's language; a name written
// in one script only is a name, not a text to translate.
func name(t model.Text, lang model.Lang) string { return t.In(lang) }

// period is "start – end", or a dash when neither is set.
func (r *report) period(start, end model.Date) string {
	if start == 0 && end == 0 {
		return r.w.none
	}
	return r.date(start) + " – " + r.date(end)
}

func (r *report) eur(c int64) string { return model.FormatEUR(c, r.lang) }

// personName is the name of a person, or a dash.
func (r *report) personName(ref model.Ref) string {
	if p := r.people[model.ID(ref)]; p != nil {
		return name(p.Name, r.lang)
	}
	return ""
}

// unitName is the name of a unit, or its code when unknown.
func (r *report) unitName(code string) string {
	if u := r.units[code]; u != nil {
		return r.tr(u.Name)
	}
	return code
}

func upper(s string) string { return strings.ToUpper(s) }

func orDash(s, dash string) string {
	if strings.TrimSpace(s) == "" {
		return dash
	}
	return s
}

// dateColW is the width of a table column of dates: the widest date of
// the year in the report's form, with the cell's padding.
func (r *report) dateColW() float64 {
	style, size := r.wantStyle, r.wantSize
	r.setFont("B", tableSize) // wide enough for dates in bold too
	w := 0.0
	for m := time.January; m <= time.December; m++ {
		w = max(w, r.width(r.date(model.NewDate(2026, m, 28))))
	}
	r.setFont(style, size)
	return w + 2*padX + 0.4
}
