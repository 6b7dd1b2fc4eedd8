package xlsx

import (
	"bytes"
	"io"
	"strconv"
	"testing"

	"github.com/xuri/excelize/v2"

	"strategytracker/model"
)

// The progress workbook of `generate -measures 2000` should cost at most
// 1.3× writing the same cells raw (BenchmarkWorkbookRawFloor).

func generatedOptions() Options {
	return Options{Lang: model.BG, AsOf: model.GeneratedAsOf, Created: created}
}

func BenchmarkWorkbook(b *testing.B) {
	d := model.Generate(2000, 1)
	b.ReportAllocs()
	for b.Loop() {
		if err := WriteWorkbook(io.Discard, d, generatedOptions()); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkWorkbookRawFloor writes the cells of the same workbook — same
// sheets, rows and columns, read back from it — as plain values with the
// StreamWriter: no styles, widths, panes, filters or chart.
func BenchmarkWorkbookRawFloor(b *testing.B) {
	d := model.Generate(2000, 1)
	var buf bytes.Buffer
	if err := WriteWorkbook(&buf, d, generatedOptions()); err != nil {
		b.Fatal(err)
	}
	src, err := excelize.OpenReader(&buf, excelize.Options{RawCellValue: true})
	if err != nil {
		b.Fatal(err)
	}
	names := src.GetSheetList()
	sheets := make([][][]any, len(names))
	cells := 0
	for i, name := range names {
		rows, err := src.GetRows(name, excelize.Options{RawCellValue: true})
		if err != nil {
			b.Fatal(err)
		}
		for _, r := range rows {
			row := make([]any, len(r))
			for j, v := range r {
				switch n, err := strconv.ParseFloat(v, 64); {
				case v == "":
				case err == nil:
					row[j] = n
				default:
					row[j] = v
				}
			}
			cells += len(row)
			sheets[i] = append(sheets[i], row)
		}
	}
	src.Close()
	b.ReportMetric(float64(cells), "cells")
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		f := excelize.NewFile()
		for i, name := range names {
			if i == 0 {
				f.SetSheetName("Sheet1", name)
			} else if _, err := f.NewSheet(name); err != nil {
				b.Fatal(err)
			}
			sw, err := f.NewStreamWriter(name)
			if err != nil {
				b.Fatal(err)
			}
			for r, row := range sheets[i] {
				if len(row) == 0 {
					continue
				}
				if err := sw.SetRow(cellName(1, r+1), row); err != nil {
					b.Fatal(err)
				}
			}
			if err := sw.Flush(); err != nil {
				b.Fatal(err)
			}
		}
		if err := f.Write(io.Discard); err != nil {
			b.Fatal(err)
		}
		f.Close()
	}
}

// BenchmarkTemplate is the update template of every unit of the
// `generate -measures 2000` strategy: issue 14 wants it within 1.5× the
// time of BenchmarkWorkbook.
func BenchmarkTemplate(b *testing.B) {
	d := model.Generate(2000, 1)
	b.ReportAllocs()
	for b.Loop() {
		if err := WriteTemplate(io.Discard, d, "bench", "", generatedOptions()); err != nil {
			b.Fatal(err)
		}
	}
}
