package site

import (
	"fmt"
	"strings"

	"strategytracker/model"
)

// The site's colours: the status palette of the app (model.StatusHex) and
// the sober greys and blue of the PDF report. Every pair of text and
// background colours the stylesheet uses is listed in textPairs, and a test
// computes their contrast (WCAG 2.1: at least 4.5:1).
const (
	colText       = "#202124"
	colMuted      = "#4F5358" // darker than the PDF's #5F6368: small text on the tinted header
	colBackground = "#FFFFFF"
	colHeadFill   = "#EEF1F5"
	colRule       = "#D5D9DE"
	colTrack      = "#E3E6EA"
	colAccent     = "#1F3A5F" // header band, links
	colOnAccent   = "#FFFFFF"
	colLink       = "#1A4F8B"
	colFocus      = "#B35C00" // focus ring: stands out from both the blue links and the white page
	colDemoText   = "#FFFFFF"
	colFocusDark  = "#FFD166" // the focus ring on the dark header band
)

// textPair is a foreground on a background, named for the test's message.
type textPair struct{ name, fg, bg string }

// textPairs lists every text colour the stylesheet puts on a background.
func textPairs() []textPair {
	p := []textPair{
		{"body text", colText, colBackground},
		{"muted text", colMuted, colBackground},
		{"muted text on table heads", colMuted, colHeadFill},
		{"text on table heads", colText, colHeadFill},
		{"links", colLink, colBackground},
		{"links on table heads", colLink, colHeadFill},
		{"header band", colOnAccent, colAccent},
		{"demonstration mark", colDemoText, model.DemoHex},
	}
	for _, s := range model.Statuses {
		p = append(p, textPair{"status " + string(s), onColour(model.StatusHex[s]), model.StatusHex[s]})
	}
	for _, st := range model.MilestoneStates {
		p = append(p, textPair{"milestone " + string(st), onColour(stateHex(st)), stateHex(st)})
	}
	return p
}

// nonTextPairs lists the focus rings and what they are drawn on: WCAG 2.1
// asks 3:1 of such user-interface indicators.
func nonTextPairs() []textPair {
	return []textPair{
		{"focus ring on the page", colFocus, colBackground},
		{"focus ring on table heads", colFocus, colHeadFill},
		{"focus ring in the header band", colFocusDark, colAccent},
	}
}

// stateHex colours a milestone state with the status it resembles.
func stateHex(s model.MilestoneState) string {
	switch s {
	case model.StateDone:
		return model.StatusHex[model.StatusCompleted]
	case model.StateOverdue:
		return model.StatusHex[model.StatusDelayed]
	case model.StateDueSoon:
		return model.StatusHex[model.StatusAtRisk]
	case model.StateCancelled:
		return model.StatusHex[model.StatusCancelled]
	}
	return model.StatusHex[model.StatusNotStarted]
}

// onColour is black or white, whichever reads better on bg.
func onColour(bg string) string {
	if contrast("#000000", bg) >= contrast("#FFFFFF", bg) {
		return "#000000"
	}
	return "#FFFFFF"
}

// contrast is the WCAG 2.1 contrast ratio of two colours (1–21).
func contrast(a, b string) float64 { return model.Contrast(a, b) }

// stylesheet is style.css: small, no external fonts (the system's sans-serif).
func stylesheet() string {
	var b strings.Builder
	fmt.Fprintf(&b, `*{box-sizing:border-box}
[hidden]{display:none!important}
html{-webkit-text-size-adjust:100%%}
body{margin:0;font-family:"Noto Sans","Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;font-size:1rem;line-height:1.5;color:%[1]s;background:%[2]s}
a{color:%[3]s}
a:hover{text-decoration-thickness:2px}
a:focus-visible,button:focus-visible,input:focus-visible,select:focus-visible,[tabindex]:focus-visible,summary:focus-visible{outline:3px solid %[4]s;outline-offset:2px}
.skip{position:absolute;left:-10000px;top:0}
.skip:focus{left:.5rem;top:.5rem;z-index:10;background:%[2]s;padding:.5rem 1rem}
.demo{background:%[5]s;color:%[6]s;text-align:center;font-weight:700;letter-spacing:.05em;padding:.35rem 1rem;margin:0;max-width:none}
header.site{background:%[7]s;color:%[8]s}
header.site a{color:%[8]s}
header.site a:focus-visible{outline-color:%[12]s}
.bar-in{max-width:72rem;margin:0 auto;padding:.6rem 1rem;display:flex;flex-wrap:wrap;gap:.4rem 1.5rem;align-items:center;justify-content:space-between}
.brand{font-weight:700;font-size:1.1rem;text-decoration:none}
nav ul{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:.25rem 1.1rem}
nav a[aria-current=page]{font-weight:700;text-decoration-thickness:3px}
main{max-width:72rem;margin:0 auto;padding:1rem 1rem 2rem}
h1{font-size:1.7rem;line-height:1.25;margin:.6rem 0 1rem}
h2{font-size:1.3rem;margin:2rem 0 .6rem;padding-bottom:.2rem;border-bottom:1px solid %[9]s}
h3{font-size:1.1rem;margin:1.4rem 0 .4rem}
p,dl,ul{max-width:48rem}
.muted{color:%[10]s}
.crumbs{margin:.4rem 0 0;font-size:.95rem}
.figures{display:grid;grid-template-columns:repeat(auto-fill,minmax(14rem,1fr));gap:1rem;margin:1rem 0;max-width:none}
.figure{border:1px solid %[9]s;border-radius:6px;padding:.8rem 1rem}
.figure .big{font-size:1.6rem;font-weight:700;display:block}
dl.facts{display:grid;grid-template-columns:minmax(8rem,max-content) 1fr;gap:.3rem 1rem}
dl.facts dt{font-weight:700}
dl.facts dd{margin:0}
.table-wrap{overflow-x:auto;max-width:100%%;margin:.5rem 0 1rem}
.table-wrap.narrow{max-width:28rem}
table{border-collapse:collapse;width:100%%}
caption{text-align:left;font-weight:700;padding:.3rem 0}
th,td{text-align:left;vertical-align:top;padding:.4rem .5rem;border-bottom:1px solid %[9]s}
thead th{background:%[11]s;white-space:nowrap}
td.num,th.num{text-align:right;white-space:nowrap}
th button{font:inherit;font-weight:700;color:%[3]s;background:none;border:0;padding:0;cursor:pointer;text-decoration:underline}
.status{display:inline-block;padding:.05rem .5rem;border-radius:4px;font-weight:700;font-size:.9rem;white-space:nowrap}
.status .sym{margin-right:.3rem}
svg.bar{display:block;width:100%%;max-width:16rem;height:auto}
svg.chart{display:block;width:100%%;max-width:30rem;height:auto;margin:.4rem 0}
.filters{display:flex;flex-wrap:wrap;gap:.6rem 1rem;align-items:end;margin:1rem 0}
.filters label{display:flex;flex-direction:column;font-weight:700;font-size:.95rem}
.filters input,.filters select{font:inherit;padding:.3rem;border:1px solid %[10]s;border-radius:4px;min-width:10rem;max-width:100%%}
.update{border-left:4px solid %[9]s;padding:.2rem 0 .2rem 1rem}
footer{border-top:1px solid %[9]s;margin-top:2rem}
footer .bar-in{display:block;font-size:.9rem}
.nw{white-space:nowrap}
.text{white-space:pre-line}
abbr[title]{text-decoration:none}
@media (max-width:40rem){h1{font-size:1.4rem}
table.stack thead{position:absolute;left:-10000px;width:1px;height:1px;overflow:hidden}
table.stack tr{display:block;border-bottom:1px solid %[9]s;padding:.5rem 0}
table.stack td{display:block;border:0;padding:.1rem 0;text-align:left}
table.stack td:empty{display:none}
table.stack td[data-label]::before{content:attr(data-label) ": ";font-weight:700}
table.stack.sortable thead{position:static;width:auto;height:auto;overflow:visible;display:block}
table.stack.sortable thead tr{display:flex;flex-wrap:wrap;gap:.3rem 1rem;padding:0 0 .5rem}
table.stack.sortable thead th{display:block;border:0;padding:.2rem 0;background:none}
dl.facts{grid-template-columns:1fr}dl.facts dd{margin-bottom:.4rem}.filters input,.filters select{min-width:0;width:100%%}.filters label{width:100%%}}
`, colText, colBackground, colLink, colFocus, model.DemoHex, colDemoText, colAccent, colOnAccent, colRule, colMuted, colHeadFill, colFocusDark)
	for _, s := range model.Statuses {
		fmt.Fprintf(&b, ".s-%s{background:%s;color:%s}\n", s, model.StatusHex[s], onColour(model.StatusHex[s]))
	}
	for _, st := range model.MilestoneStates {
		fmt.Fprintf(&b, ".m-%s{background:%s;color:%s}\n", st, stateHex(st), onColour(stateHex(st)))
	}
	return b.String()
}
