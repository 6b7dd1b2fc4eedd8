package xlsx

import (
	"bytes"
	"math"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"strategytracker/model"
)

func TestParseDate(t *testing.T) {
	tests := []struct {
		in       string
		date1904 bool
		want     string
		err      string
	}{
		{"46356", false, "2026-11-30", ""},
		{"46356.75", false, "2026-11-30", ""}, // a date-time: the date counts
		{"44894", true, "2026-11-30", ""},
		{"30.11.2026", false, "2026-11-30", ""},
		{"2026-11-30", false, "2026-11-30", ""},
		{"2026-11-30T00:00:00Z", false, "2026-11-30", ""},
		{"31.02.2026", false, "", `"31.02.2026" is not a valid date`},
		{"2026-02-30", false, "", "not a valid date"},
		{"30/11/2026", false, "", "is not a date"},
		{"tomorrow", false, "", "is not a date"},
		{"0", false, "", "is not a date"},
		{"-5", false, "", "is not a date"},
		{"NaN", false, "", "is not a date"},
		{"1e300", false, "", "is not a date"},
		{"46356,5", false, "", "is not a date"},
	}
	for _, tt := range tests {
		got, err := parseDate(tt.in, tt.date1904)
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("parseDate(%q) = %v, %v; want an error with %q", tt.in, got, err, tt.err)
			}
			continue
		}
		if err != nil || got.String() != tt.want {
			t.Errorf("parseDate(%q) = %v, %v; want %s", tt.in, got, err, tt.want)
		}
	}
}

func TestParseNumber(t *testing.T) {
	const refused = math.MaxFloat64 // as want: the text must be refused
	tests := []struct {
		in     string
		bg, en float64 // what it reads as in a template of each language
	}{
		// plain
		{"1234.5", 1234.5, 1234.5},
		{"1234,5", 1234.5, 1234.5},
		{"12", 12, 12},
		{"-3", -3, -3},
		{"+3", 3, 3},
		{"−3,5", -3.5, -3.5}, // U+2212
		{"  42  ", 42, 42},
		{"0,125", 0.125, 0.125},
		{"0.5", 0.5, 0.5},
		// bg: space, no-break space or narrow no-break space between groups; decimal comma
		{"1 234,5", 1234.5, 1234.5},
		{"1\u00a0234,5", 1234.5, 1234.5},
		{"1\u202f234", 1234, 1234},
		{"12 345 678,25", 12345678.25, 12345678.25},
		{"-1 000", -1000, -1000},
		// en: comma between groups; decimal point
		{"1,234.5", 1234.5, 1234.5},
		{"1,234,567", 1234567, 1234567},
		{"12,345,678.9", 12345678.9, 12345678.9},
		// one comma before three digits: the workbook's language decides
		{"1,234", 1.234, 1234},
		{"123,456", 123.456, 123456},
		// refused: dates, misplaced separators, mixed conventions, other text
		{"12.03.2026", refused, refused},
		{"01.05", refused, refused},
		{"05,03", refused, refused},
		{"007", refused, refused},
		{"2026-03-12", refused, refused},
		{"12/03/2026", refused, refused},
		{"1.2.3", refused, refused},
		{"12,34,5", refused, refused},
		{"1,234,5678", refused, refused},
		{"1 23", refused, refused},
		{"1 234.5", refused, refused},
		{"1.234,5", refused, refused},
		{"1.234.567", refused, refused},
		{"1,5.5", refused, refused},
		{"1,,234", refused, refused},
		{"12,", refused, refused},
		{"12.", refused, refused},
		{",5", refused, refused},
		{"- 3", refused, refused},
		{"1.5E-3", refused, refused},
		{"12,5 лв", refused, refused},
		{"abc", refused, refused},
		{"NaN", refused, refused},
		{"Inf", refused, refused},
		{"0x10", refused, refused},
		{"1_000", refused, refused},
		{",", refused, refused},
		{"", refused, refused},
		{strings.Repeat("9", 400), refused, refused},
	}
	for _, tt := range tests {
		for _, c := range []struct {
			lang model.Lang
			want float64
		}{{model.BG, tt.bg}, {model.EN, tt.en}} {
			got, err := ParseNumber(tt.in, c.lang)
			if c.want == refused {
				if err == nil {
					t.Errorf("ParseNumber(%q, %s) = %v; want it refused", tt.in, c.lang, got)
				}
				continue
			}
			if err != nil || got != c.want {
				t.Errorf("ParseNumber(%q, %s) = %v, %v; want %v", tt.in, c.lang, got, err, c.want)
			}
		}
	}
}

func TestIsDateFormat(t *testing.T) {
	tests := []struct {
		format string
		want   bool
	}{
		{"#14", true}, {"#22", true}, {"#9", false}, {"#2", false},
		{"dd.mm.yyyy", true}, {"yyyy-mm-dd", true}, {"[$-402]d mmmm yyyy", true}, {"h:mm", true},
		{`#,##0.00 "€"`, false}, {`"€"#,##0.00`, false}, {"0.0%", false}, {"[Red]0.00", false}, {"", false},
	}
	for _, tt := range tests {
		if got := isDateFormat(tt.format); got != tt.want {
			t.Errorf("isDateFormat(%q) = %v, want %v", tt.format, got, tt.want)
		}
	}
}

func TestParseYesNo(t *testing.T) {
	tests := []struct {
		in   string
		want bool
		ok   bool
	}{
		{"да", true, true}, {"Да", true, true}, {"yes", true, true}, {"TRUE", true, true}, {"1", true, true},
		{"не", false, true}, {"no", false, true}, {"", false, true}, {"0", false, true},
		{"maybe", false, false}, {"2", false, false},
	}
	for _, tt := range tests {
		got, err := parseYesNo(tt.in)
		if (err == nil) != tt.ok || got != tt.want {
			t.Errorf("parseYesNo(%q) = %v, %v; want %v (ok %v)", tt.in, got, err, tt.want, tt.ok)
		}
	}
}

func TestReadUpdateOfAnUnchangedTemplate(t *testing.T) {
	d := demoDoc(t)
	for _, lang := range []model.Lang{model.BG, model.EN} {
		u, err := ReadUpdate(bytes.NewReader(templateBytes(t, d, "", lang)))
		if err != nil {
			t.Fatal(err)
		}
		if u.DatabaseID != demoDB || u.Unit != "" || u.Lang != lang || u.AsOf != demoAsOf || u.Created != "2026-11-30T09:30:00Z" {
			t.Errorf("%s: header = %q %q %q %v %q", lang, u.DatabaseID, u.Unit, u.Lang, u.AsOf, u.Created)
		}
		want := 0
		for i := range d.Measures {
			for j := range d.Measures[i].Milestones {
				if inTemplate(&d.Measures[i], &d.Measures[i].Milestones[j]) {
					want++
				}
			}
		}
		if len(u.Milestones) != want {
			t.Errorf("%s: read %d milestones, want %d", lang, len(u.Milestones), want)
		}
		for _, r := range u.Milestones {
			ms, _ := d.MilestoneByID(r.ID)
			if ms == nil || r.Completed != ms.Completed || r.Cancelled != ms.Cancelled || r.Note != ms.Note || r.Evidence != ms.Evidence {
				t.Errorf("%s: row %d reads %+v, want milestone %+v", lang, r.Row, r, ms)
			}
		}
		if len(u.KPIValues) != 0 || len(u.Updates) != 0 || len(u.problems) != 0 {
			t.Errorf("%s: an empty template reads values %v, updates %v, problems %v", lang, u.KPIValues, u.Updates, u.problems)
		}
		changes, problems := Plan(d, u, d.Person(1), demoDB, demoAsOf)
		if len(changes) != 0 || len(problems) != 0 {
			t.Errorf("%s: an unchanged template plans %v, %v; want nothing", lang, changes, problems)
		}
	}
}

func TestReadUpdateRefusesFilesThatAreNotTemplates(t *testing.T) {
	d := demoDoc(t)
	tpl := templateBytes(t, d, "", model.BG)
	tests := []struct {
		name string
		file []byte
		want string
	}{
		{"empty file", nil, "the file is empty"},
		{"PDF renamed .xlsx", []byte("%PDF-1.7\n1 0 obj\n"), "is a PDF document, not an Excel workbook"},
		{"text file", []byte("code,completed\n1.1,2026-11-01\n"), "not an Excel workbook"},
		{"truncated template", tpl[:len(tpl)/2], "damaged or is not an Excel workbook"},
		{"a zip that is no workbook", zipOf(t, map[string]string{"readme.txt": "hello"}), "damaged or is not an Excel workbook"},
		{"the progress workbook", workbookBytes(t, d, model.BG), `lacks the template's hidden sheet "_meta"`},
		{"missing sheet", edit(t, tpl, func(f *excelize.File) { f.DeleteSheet("Етапи") }), `lacks the template's sheet "Етапи"`},
		{"renamed sheet keys", edit(t, tpl, func(f *excelize.File) { f.SetCellValue("Показатели", "A1", "Показатели") }), `lacks the template's sheet "Показатели"`},
		{"foreign format", edit(t, tpl, func(f *excelize.File) { f.SetCellValue(metaSheet, "B2", "other/1") }), `its format is "other/1"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u, err := ReadUpdate(bytes.NewReader(tt.file))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("ReadUpdate = %v, %v; want an error with %q", u, err, tt.want)
			}
			if model.ErrorCode(err) != model.EINVALID {
				t.Errorf("error code %q, want %q", model.ErrorCode(err), model.EINVALID)
			}
			if got := model.ErrorReason(err); got != model.ReasonNotWorkbook && got != model.ReasonNotTemplate {
				t.Errorf("reason %q, want %q or %q (the app says it in the user's language; issue 22 screenshots)", got, model.ReasonNotWorkbook, model.ReasonNotTemplate)
			}
		})
	}
}

func zipOf(t *testing.T, files map[string]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	z := &orderedZip{w: &buf}
	for name, content := range files {
		w, _ := z.Create(name)
		w.Write([]byte(content))
	}
	if err := z.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// Text cells whose bytes are not UTF-8 are refused, naming the cell, both
// in the shared strings (where Excel keeps typed text) and in a sheet.
func TestReadUpdateRefusesInvalidUTF8(t *testing.T) {
	d := demoDoc(t)
	m := d.MeasureByCode("1.1")
	tests := []struct {
		name  string
		value string // typed into the note of milestone 5, then made invalid
	}{
		{"a lone continuation byte", "bad\x80text"},
		{"a Windows-1251 text", "\xcf\xf0\xee\xe5\xea\xf2"}, // "Проект" in Windows-1251
		{"a truncated sequence", "ok\xd0"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var cell string
			b := edit(t, templateBytes(t, d, "", model.EN), func(f *excelize.File) {
				cell = set(t, f, "Milestones", m.Milestones[4].ID, "note", "MARKER-MARKER")
			})
			b = rezip(t, b, func(_ string, data []byte) []byte {
				return bytes.ReplaceAll(data, []byte("MARKER-MARKER"), []byte(tt.value))
			})
			u, err := ReadUpdate(bytes.NewReader(b))
			if err != nil {
				t.Fatal(err)
			}
			changes, problems := Plan(d, u, d.Person(1), demoDB, demoAsOf)
			want := rowOf("Milestones", cell) + ": cell " + cell + " holds text that is not valid UTF-8"
			if len(changes) != 0 || len(problems) != 1 || !strings.HasPrefix(problems[0].String(), want) {
				t.Errorf("changes %v, problems %v; want one starting %q", changes, problems, want)
			}
		})
	}
	// In the sheet's own XML (the template writes its texts inline).
	b := rezip(t, templateBytes(t, d, "", model.EN), func(_ string, data []byte) []byte {
		return bytes.ReplaceAll(data, []byte(m.Milestones[4].Title.EN), []byte("bad\xff"))
	})
	u, err := ReadUpdate(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	_, problems := Plan(d, u, d.Person(1), demoDB, demoAsOf)
	if len(problems) == 0 || !strings.Contains(problems[0].Message, "holds text that is not valid UTF-8") {
		t.Errorf("problems %v; want the title cell refused as not UTF-8", problems)
	}
}
