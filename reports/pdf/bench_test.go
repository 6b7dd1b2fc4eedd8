package pdf

import (
	"bytes"
	"io"
	"testing"
	"time"

	"codeberg.org/go-pdf/fpdf"

	"strategytracker/assets"
	"strategytracker/model"
)

// The benchmarks of issue 4: the full report of a generated strategy of
// 2,000 measures, and the floor it is measured against — the same text
// cells, on the same number of pages, written raw with fpdf (same fonts,
// one CellFormat per cell, no layout).

var benchAsOf = model.MustDate("2026-11-30")

func benchOptions() Options {
	return Options{Lang: model.BG, AsOf: benchAsOf, PreparedBy: "Служител 1", Created: time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)}
}

func BenchmarkReport(b *testing.B) {
	d := model.Generate(2000, 1)
	b.ReportAllocs()
	cpuPerOp(b, func() {
		if err := Write(io.Discard, d, benchOptions()); err != nil {
			b.Fatal(err)
		}
	})
}

// cpuPerOp runs op in the benchmark's loop and reports, besides the
// wall time, the process's CPU time per op (cpu-ns/op): on a busy machine
// the wall times of the report and of its raw floor are not comparable,
// their CPU times are (BENCHMARKS.md compares those).
func cpuPerOp(b *testing.B, op func()) {
	start, n := processCPU(), 0
	for b.Loop() {
		op()
		n++
	}
	if used := processCPU() - start; used > 0 && n > 0 {
		b.ReportMetric(float64(used.Nanoseconds())/float64(n), "cpu-ns/op")
	}
}

// recordCells lays out the report of d and returns the text of every cell
// it writes, page by page.
func recordCells(tb testing.TB, d *model.Doc, opt Options) [][]string {
	r, err := newReport(d, opt)
	if err != nil {
		tb.Fatal(err)
	}
	var pages [][]string
	r.hook = func(t drawn) {
		for len(pages) < t.page {
			pages = append(pages, nil)
		}
		pages[t.page-1] = append(pages[t.page-1], t.s)
	}
	r.build()
	if err := r.finish(io.Discard); err != nil {
		tb.Fatal(err)
	}
	return pages
}

// writeRaw writes the cells with fpdf alone: a page per page of cells,
// one CellFormat per cell, rows 4 mm apart, and the PDF through the
// report's own output stage (its page streams compressed on every core,
// compress.go), so that the floor is what the report would cost without
// its layout.
func writeRaw(w io.Writer, pages [][]string, created time.Time) error {
	p := fpdf.New("P", "mm", "A4", "")
	p.SetCompression(false)
	p.SetCatalogSort(true)
	p.SetCreationDate(created)
	p.SetAutoPageBreak(false, 0)
	p.SetCellMargin(0)
	p.AddUTF8FontFromBytes(family, "", assets.FontRegular)
	p.AddUTF8FontFromBytes(family, "B", assets.FontBold)
	p.SetFont(family, "", tableSize)
	for _, cells := range pages {
		p.AddPage()
		for k, s := range cells {
			p.SetXY(marginL, bodyTop+float64(k%60)*4)
			p.CellFormat(contentW, 4, s, "", 0, "L", false, 0, "")
		}
	}
	pw := &pageWriter{w: w, pages: len(pages)}
	if err := p.Output(pw); err != nil {
		return err
	}
	return pw.flush()
}

func BenchmarkReportRawFloor(b *testing.B) {
	d := model.Generate(2000, 1)
	pages := recordCells(b, d, benchOptions())
	cells := 0
	for _, p := range pages {
		cells += len(p)
	}
	b.ReportMetric(float64(len(pages)), "pages")
	b.ReportMetric(float64(cells), "cells")
	b.ReportAllocs()
	cpuPerOp(b, func() {
		if err := writeRaw(io.Discard, pages, benchOptions().Created); err != nil {
			b.Fatal(err)
		}
	})
}

// The floor is a floor of this report: the same pages, the same fonts
// embedded, the same output stage (its page streams compressed), and no
// more bytes than the report.
func TestRawFloorIsHonest(t *testing.T) {
	d := model.Generate(150, 1)
	report := writeReport(t, d, benchOptions())
	var floor bytes.Buffer
	if err := writeRaw(&floor, recordCells(t, d, benchOptions()), benchOptions().Created); err != nil {
		t.Fatal(err)
	}
	count := func(b []byte, s string) int { return bytes.Count(b, []byte(s)) }
	for _, s := range []string{"/Type /Page\n", "/FontName /", "/Filter /FlateDecode /Length"} {
		if got, want := count(floor.Bytes(), s), count(report, s); got != want || want == 0 {
			t.Errorf("%q: the floor has %d, the report %d", s, got, want)
		}
	}
	if floor.Len() > len(report) {
		t.Errorf("the floor is %d bytes, more than the report's %d", floor.Len(), len(report))
	}
}
