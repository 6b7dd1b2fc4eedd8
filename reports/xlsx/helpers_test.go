package xlsx

import (
	"archive/zip"
	"bytes"
	"io"
	"strconv"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"strategytracker/assets"
	"strategytracker/model"
)

// The demo at the date its figures are written for.
var (
	demoAsOf = model.MustDate("2026-11-30")
	created  = time.Date(2026, 11, 30, 9, 30, 0, 0, time.UTC)
)

const demoDB = "demo-database"

func demoDoc(t testing.TB) *model.Doc {
	t.Helper()
	d, err := model.DecodeBytes(assets.DemoStrategy)
	if err != nil {
		t.Fatal(err)
	}
	// As a store reads it: every row has a version.
	for i := range d.Measures {
		m := &d.Measures[i]
		m.Version = 1
		for j := range m.Milestones {
			m.Milestones[j].Version = 1
			m.Milestones[j].MeasureID = m.ID
		}
		for j := range m.KPIs {
			m.KPIs[j].Version = 1
			m.KPIs[j].MeasureID = m.ID
		}
	}
	return d
}

func opts(lang model.Lang) Options {
	return Options{Lang: lang, AsOf: demoAsOf, PreparedBy: "Ивелина Петрова", Created: created}
}

func workbookBytes(t testing.TB, d *model.Doc, lang model.Lang) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteWorkbook(&buf, d, opts(lang)); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func templateBytes(t testing.TB, d *model.Doc, unit string, lang model.Lang) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteTemplate(&buf, d, demoDB, unit, opts(lang)); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// periodTemplateBytes is the template of unit for the period 7, Q4 2026.
func periodTemplateBytes(t testing.TB, d *model.Doc, unit string, lang model.Lang) []byte {
	t.Helper()
	p := &model.Period{ID: 7, Name: model.T("IV тримесечие 2026", "Q4 2026"), Start: model.MustDate("2026-10-01"),
		End: model.MustDate("2026-12-31"), Due: model.MustDate("2027-01-15"), State: model.PeriodOpen}
	var buf bytes.Buffer
	if err := WritePeriodTemplate(&buf, d, demoDB, unit, p, opts(lang)); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func open(t testing.TB, b []byte) *excelize.File {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// edit opens a workbook, lets fn change it and returns the new bytes.
func edit(t testing.TB, b []byte, fn func(f *excelize.File)) []byte {
	t.Helper()
	f := open(t, b)
	fn(f)
	buf, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// cellOf is the cell of the row with id in the hidden column A and the
// column whose key is key, on sheet.
func cellOf(t testing.TB, f *excelize.File, sheet string, id model.ID, key string) string {
	t.Helper()
	rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	col := -1
	for i, k := range rows[0] {
		if k == key {
			col = i
		}
	}
	for r, row := range rows {
		if r >= firstDataRow-1 && len(row) > 0 && row[0] == strconv.FormatInt(id, 10) && col >= 0 {
			return cellName(col+1, r+1)
		}
	}
	t.Fatalf("%s has no row %d with a column %q", sheet, id, key)
	return ""
}

func set(t testing.TB, f *excelize.File, sheet string, id model.ID, key string, v any) string {
	t.Helper()
	cell := cellOf(t, f, sheet, id, key)
	if err := f.SetCellValue(sheet, cell, v); err != nil {
		t.Fatal(err)
	}
	return cell
}

// rezip rewrites every entry of the zip b through fn (name, content).
func rezip(t testing.TB, b []byte, fn func(name string, data []byte) []byte) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range zr.File {
		r, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(r)
		r.Close()
		if err != nil {
			t.Fatal(err)
		}
		w, err := zw.Create(f.Name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(fn(f.Name, data))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// inTemplate is the rule of which milestones the demo's template lists (it
// has no snapshot): those not done and not cancelled at the as-of date, and
// those done in the 92 days before it.
func inTemplate(m *model.Measure, ms *model.Milestone) bool {
	if m.Cancelled || ms.Cancelled {
		return false
	}
	return ms.Completed == 0 || ms.Completed > demoAsOf || ms.Completed >= demoAsOf.AddDays(-92)
}
