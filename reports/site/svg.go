package site

import (
	"fmt"
	"html"
	"html/template"
	"math"
	"strings"

	"strategytracker/model"
)

// Charts are inline SVG written here, every text escaped. Each one is
// role="img" with an aria-label and a <title> that say in words what it
// shows, so that it needs no colour and no sight to be understood.

func esc(s string) string { return html.EscapeString(s) }

// f1 writes a coordinate.
func f1(v float64) string { return fmt.Sprintf("%.1f", v) }

// progressBar draws progress (filled, in the status colour) against the
// expected progress (a dark tick).
func progressBar(progress, expected float64, status model.Status, label string) template.HTML {
	const w, h = 200.0, 14.0
	p := math.Max(0, math.Min(100, progress)) / 100 * w
	e := math.Max(0, math.Min(100, expected)) / 100 * w
	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="bar" viewBox="0 0 %s %s" width="%d" height="%d" role="img" aria-label="%s"><title>%s</title>`,
		f1(w), f1(h+6), int(w), int(h+6), esc(label), esc(label))
	fmt.Fprintf(&b, `<rect x="0" y="3" width="%s" height="%s" rx="3" fill="%s"/>`, f1(w), f1(h), colTrack)
	fill, ok := model.StatusHex[status]
	if !ok {
		fill = colLink
	}
	if p > 0 {
		fmt.Fprintf(&b, `<rect x="0" y="3" width="%s" height="%s" rx="3" fill="%s"/>`, f1(p), f1(h), fill)
	}
	fmt.Fprintf(&b, `<rect x="%s" y="0" width="2.5" height="%s" fill="%s"/>`, f1(math.Min(e, w-2.5)), f1(h+6), colText)
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

// kpiChart draws the baseline, the measured values and the target of k
// over time. label is the chart's text alternative.
func kpiChart(k *model.KPI, values []model.KPIValue, label, targetWord, baselineWord string) template.HTML {
	const w, h = 320.0, 160.0
	const left, right, top, bottom = 10.0, 10.0, 18.0, 26.0
	type pt struct {
		d model.Date
		v float64
	}
	var pts []pt
	if k.BaselineDate != 0 { // a KPI without a baseline date starts at its first value
		pts = append(pts, pt{k.BaselineDate, k.BaselineValue})
	}
	for _, v := range values {
		pts = append(pts, pt{v.Date, v.Value})
	}
	if len(pts) == 0 && k.TargetDate != 0 {
		pts = append(pts, pt{k.TargetDate, k.BaselineValue})
	}
	if len(pts) == 0 {
		pts = append(pts, pt{model.NewDate(2000, 1, 1), k.BaselineValue})
	}
	minD, maxD := pts[0].d, pts[0].d
	minV, maxV := math.Min(k.BaselineValue, k.TargetValue), math.Max(k.BaselineValue, k.TargetValue)
	for _, p := range pts {
		minD, maxD = min(minD, p.d), max(maxD, p.d)
		minV, maxV = math.Min(minV, p.v), math.Max(maxV, p.v)
	}
	if k.TargetDate != 0 {
		minD, maxD = min(minD, k.TargetDate), max(maxD, k.TargetDate)
	}
	spanD := float64(maxD - minD)
	if spanD <= 0 {
		spanD = 1
	}
	spanV := maxV - minV
	if spanV <= 0 || math.IsNaN(spanV) || math.IsInf(spanV, 0) {
		spanV = 1
	}
	x := func(d model.Date) float64 { return left + float64(d-minD)/spanD*(w-left-right) }
	y := func(v float64) float64 { return top + (1-(v-minV)/spanV)*(h-top-bottom) }

	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="chart" viewBox="0 0 %s %s" width="%d" height="%d" role="img" aria-label="%s"><title>%s</title>`,
		f1(w), f1(h), int(w), int(h), esc(label), esc(label))
	fmt.Fprintf(&b, `<rect x="0" y="0" width="%s" height="%s" fill="%s"/>`, f1(w), f1(h), colBackground)
	fmt.Fprintf(&b, `<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="%s"/>`, f1(left), f1(h-bottom), f1(w-right), f1(h-bottom), colRule)
	// Target: dashed line across, labelled by its value in the text alternative.
	fmt.Fprintf(&b, `<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="%s" stroke-width="1.5" stroke-dasharray="5 4"/>`,
		f1(left), f1(y(k.TargetValue)), f1(w-right), f1(y(k.TargetValue)), model.StatusHex[model.StatusCompleted])
	// Baseline: dotted grey line.
	fmt.Fprintf(&b, `<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="%s" stroke-dasharray="2 3"/>`,
		f1(left), f1(y(k.BaselineValue)), f1(w-right), f1(y(k.BaselineValue)), colMuted)
	// Words beside the two lines, so that they need no legend.
	// Above its line: the top padding leaves room, and the years below the axis stay clear.
	fmt.Fprintf(&b, `<text x="%s" y="%s" font-size="11" fill="%s" text-anchor="end">%s</text>`, f1(w-right), f1(y(k.TargetValue)-4), colLink, esc(targetWord))
	fmt.Fprintf(&b, `<text x="%s" y="%s" font-size="11" fill="%s" text-anchor="end">%s</text>`, f1(w-right), f1(y(k.BaselineValue)-4), colMuted, esc(baselineWord))
	var line strings.Builder
	for i, p := range pts {
		if i > 0 {
			line.WriteByte(' ')
		}
		line.WriteString(f1(x(p.d)) + "," + f1(y(p.v)))
	}
	fmt.Fprintf(&b, `<polyline points="%s" fill="none" stroke="%s" stroke-width="2.5"/>`, line.String(), colAccent)
	for _, p := range pts {
		fmt.Fprintf(&b, `<circle cx="%s" cy="%s" r="3.5" fill="%s"/>`, f1(x(p.d)), f1(y(p.v)), colAccent)
	}
	// Years at both ends of the time axis.
	fmt.Fprintf(&b, `<text x="%s" y="%s" font-size="11" fill="%s">%d</text>`, f1(left), f1(h-6), colMuted, minD.Year())
	fmt.Fprintf(&b, `<text x="%s" y="%s" font-size="11" fill="%s" text-anchor="end">%d</text>`, f1(w-right), f1(h-6), colMuted, maxD.Year())
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}
