package model

import (
	"bufio"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// formatKinds are the ways a value is turned into text for people that
// belong in format.go (or money.go and date.go beside it): a percent sign
// after a number, a euro sign, a date or time layout, a spreadsheet
// number format, a float written with strconv or a %f verb, a value
// joined to its unit of measure.
var formatKinds = []struct {
	kind string
	re   *regexp.Regexp
}{
	{"percent", regexp.MustCompile(`"\s?%"|%[-+ 0-9.]*[dfgsv]\s?%%|\+ ?" ?%|% ?"\s*\+`)},
	{"money", regexp.MustCompile(`"\s?€\s?"|"EUR"|€"\s*\+|\+\s*"[^"]*€`)},
	{"date", regexp.MustCompile(`"[^"]*(02\.01\.2006|2006-01-02|Jan 2006|15:04)[^"]*"|"(dd\.mm\.yyyy|d mmm yyyy)"`)},
	{"spreadsheet number", regexp.MustCompile(`"[^"]*#,##0[^"]*"|"0\.0 ?%"`)},
	{"float", regexp.MustCompile(`strconv\.FormatFloat|%\.[0-9]f`)},
	{"value with its unit", regexp.MustCompile(`" "\s*\+\s*(\w+\.)*[uU]nit\b`)},
}

// formatAllowed are the places where a pattern of formatKinds is no text
// for people, or is the one place itself: file → kind → why.
var formatAllowed = map[string]map[string]string{
	"model/format.go":  {"percent": "the one place", "date": "the one place", "spreadsheet number": "the one place", "money": "the one place"},
	"model/money.go":   {"money": "FormatEUR, the one place", "float": "FormatNumber, the one place"},
	"model/date.go":    {"date": "Date.Format (the one place) and Date.String (ISO, the exchange format)"},
	"model/summary.go": {"float": "Percent's JSON (exchange format)"},
	"model/audit.go":   {"date": "AuditTimeLayout: the audit log's stored stamps"},
	"app/numbers.go": {"float": "inputNumber: a number to type over, exact", "money": "parseMoney strips what people type",
		"percent": "parseNumber strips what people type"},
	"app/funding.go":           {"money": "the amount entry's placeholder: the currency it takes"},
	"app/auditformat.go":       {"float": "an unknown person's id, named by number"},
	"reports/site/data.go":     {"float": "open data CSV/JSON (machine format)"},
	"reports/site/svg.go":      {"float": "SVG coordinates"},
	"reports/site/pages.go":    {"float": "the progress column's sort key (a data attribute)"},
	"reports/xlsx/xlsx.go":     {"float": "column widths, counted in characters"},
	"reports/xlsx/plan.go":     {"float": "a change's value as JSON, formatted by its readers"},
	"reports/xlsx/planbook.go": {"float": "an amount quoted back as the workbook holds it, in an error"},
	"reports/pdf/metrics.go":   {"money": "kerning: which glyph follows a number"},
	"reports/xlsx/number.go":   {"percent": "reads a cell's number format"},
	"reports/xlsx/read.go":     {"percent": "reads a percentage typed in a cell"},
}

// TestOneFormatterPerKind fails when a percent, money, date, spreadsheet
// or float format is written outside model/format.go and its allow-list:
// every value people read goes through the formatters of format.go, so
// that the app, the council report, the workbooks and the site write it
// the same way (issue 22).
func TestOneFormatterPerKind(t *testing.T) {
	used := map[string]bool{}
	for _, dir := range []string{"../model", "../app", "../reports", "../cli"} {
		err := filepath.WalkDir(dir, func(path string, e os.DirEntry, err error) error {
			if err != nil || e.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
				return err
			}
			rel := filepath.ToSlash(strings.TrimPrefix(path, "../"))
			for _, hit := range formatHits(t, path) {
				if why := formatAllowed[rel][hit.kind]; why != "" {
					used[rel+" "+hit.kind] = true
					continue
				}
				t.Errorf("%s:%d: a %s format outside model/format.go: %s", rel, hit.line, hit.kind, strings.TrimSpace(hit.text))
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	for file, kinds := range formatAllowed {
		for kind := range kinds {
			if !used[file+" "+kind] {
				t.Errorf("formatAllowed: %s has no %s format any more: remove the entry", file, kind)
			}
		}
	}
}

type formatHit struct {
	kind, text string
	line       int
}

// formatHits are the lines of a Go file that match formatKinds, comments
// left out.
func formatHits(t *testing.T, path string) []formatHit {
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var hits []formatHit
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if strings.HasPrefix(strings.TrimSpace(line), "//") {
			continue
		}
		for _, k := range formatKinds {
			if k.re.MatchString(line) {
				hits = append(hits, formatHit{k.kind, line, n})
			}
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return hits
}

// The guard finds each kind in made-up lines and passes lines that are
// no format.
func TestFormatGuardDetects(t *testing.T) {
	for _, c := range []struct {
		line, want string
	}{
		{`s := n + " %"`, "percent"},
		{`fmt.Sprintf("%.1f%%", v)`, "percent"},
		{`fmt.Sprintf("%s %%", v)`, "percent"},
		{`return whole + " €"`, "money"},
		{`label: t("Сума, €", "Amount, €")`, ""},
		{`"Dates: dd.mm.yyyy or yyyy-mm-dd."`, ""},
		{`format := "dd.mm.yyyy"`, "date"},
		{`t.Format("02.01.2006")`, "date"},
		{`t.Format("15:04")`, "date"},
		{`fmt := "#,##0.00"`, "spreadsheet number"},
		{`strconv.FormatFloat(v, 'f', 1, 64)`, "float"},
		{`formatNumber(v.Value) + " " + unit`, "value with its unit"},
		{`model.FormatValue(v, lang) + " " + k.Unit.In(lang)`, "value with its unit"},
		{`fmt.Sprintf("%d measures", n)`, ""},
		{`width:100%%}`, ""},
	} {
		got := ""
		for _, k := range formatKinds {
			if k.re.MatchString(c.line) {
				got = k.kind
				break
			}
		}
		if got != c.want {
			t.Errorf("%s: got %q, want %q", c.line, got, c.want)
		}
	}
}
