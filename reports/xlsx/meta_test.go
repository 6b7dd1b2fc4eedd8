package xlsx

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"strategytracker/model"
)

// TestMetaLangHostile: the hidden "lang" row of every kind of workbook
// the program reads back (the update template, the period template, the
// plan workbook) is read one way (metaRows.lang): an empty one is
// Bulgarian, bg or en in any case is accepted (the files are written in
// Bulgarian: the period template's sheets are named in its language), anything else is refused
// with one message naming the cell. The plan workbook and the period
// part of the template used to read an unknown language as Bulgarian.
func TestMetaLangHostile(t *testing.T) {
	d := demoDoc(t)
	unit := d.Measures[0].LeadUnit
	readLang := func(b []byte) (model.Lang, error) {
		u, err := ReadUpdate(bytes.NewReader(b))
		if err != nil {
			return "", err
		}
		return u.Lang, nil
	}
	kinds := []struct {
		name  string
		file  []byte
		sheet string
		read  func([]byte) (model.Lang, error)
	}{
		{"update template", templateBytes(t, d, unit, model.BG), metaSheet, readLang},
		{"period template", periodTemplateBytes(t, d, unit, model.BG), metaSheet, readLang},
		{"plan workbook", planBytes(t, d, model.BG), planMetaSheet, func(b []byte) (model.Lang, error) {
			book, err := ReadPlanBook(bytes.NewReader(b))
			if err != nil {
				return "", err
			}
			return book.Lang, nil
		}},
	}
	long := strings.Repeat("en", 5000)
	for _, k := range kinds {
		for _, tc := range []struct {
			name    string
			set     func(f *excelize.File, cell string)
			want    model.Lang
			wantErr string
		}{
			{"as written", func(*excelize.File, string) {}, model.BG, ""},
			{"BG in capitals", value(k.sheet, " BG "), model.BG, ""},
			{"empty", value(k.sheet, ""), model.BG, ""},
			{"unknown language", value(k.sheet, "de"), "", `%s!B4: the workbook's language is "de", not bg or en`},
			{"10 KB of text", value(k.sheet, long), "", `%s!B4: the workbook's language is "` + long[:40] + `…", not bg or en`},
			{"formula without a value", func(f *excelize.File, cell string) {
				f.SetCellValue(k.sheet, cell, nil)
				f.SetCellFormula(k.sheet, cell, `LOWER("EN")`)
			}, "", `%s!B4: the workbook's language is "=LOWER(\"EN\")", not bg or en`},
		} {
			t.Run(k.name+"/"+tc.name, func(t *testing.T) {
				b := edit(t, k.file, func(f *excelize.File) {
					rows, _ := f.GetRows(k.sheet)
					if got := rows[3][0]; got != metaLang {
						t.Fatalf("row 4 of %s holds %q, not the language", k.sheet, got)
					}
					tc.set(f, "B4")
				})
				got, err := k.read(b)
				if tc.wantErr != "" {
					if want := fmt.Sprintf(tc.wantErr, k.sheet); err == nil || !strings.Contains(err.Error(), want) {
						t.Fatalf("got %v, want an error saying %q", err, want)
					}
					return
				}
				if err != nil || got != tc.want {
					t.Errorf("got %q, %v; want %q", got, err, tc.want)
				}
			})
		}
	}
}

// value sets a cell of sheet to v.
func value(sheet, v string) func(f *excelize.File, cell string) {
	return func(f *excelize.File, cell string) { f.SetCellValue(sheet, cell, v) }
}

// TestMetaLongValues: a long format or database on the hidden sheet is
// refused (or reported) with the value clipped, not repeated whole.
func TestMetaLongValues(t *testing.T) {
	d := demoDoc(t)
	unit := d.Measures[0].LeadUnit
	long := strings.Repeat("я", 10_000)
	for _, c := range []struct {
		name, sheet, cell string
		file              []byte
		read              func(b []byte) string
	}{
		{"template format", metaSheet, "B2", templateBytes(t, d, unit, model.BG), func(b []byte) string {
			_, err := ReadUpdate(bytes.NewReader(b))
			return fmt.Sprint(err)
		}},
		{"plan workbook format", planMetaSheet, "B2", planBytes(t, d, model.BG), func(b []byte) string {
			_, err := ReadPlanBook(bytes.NewReader(b))
			return fmt.Sprint(err)
		}},
		{"template database", metaSheet, "B3", templateBytes(t, d, unit, model.BG), func(b []byte) string {
			u, err := ReadUpdate(bytes.NewReader(b))
			if err != nil {
				return err.Error()
			}
			_, problems := Plan(d, u, &d.People[0], demoDB, model.MustDate("2026-11-30"))
			return fmt.Sprint(problems)
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := c.read(edit(t, c.file, func(f *excelize.File) { value(c.sheet, long)(f, c.cell) }))
			if !strings.Contains(got, strings.Repeat("я", 40)+"…") || len(got) > 1000 {
				t.Errorf("got %d bytes: %.300s", len(got), got)
			}
		})
	}
}
