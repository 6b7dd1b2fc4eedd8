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
// for people, or is the one place itself: file → kind → how many lines
// and why. One more line of a kind in such a file fails as well: outside
// the one place the allow-list counts lines, it does not open whole files.
var formatAllowed = map[string]map[string]allowance{
	"model/format.go": {"percent": {anyLines, "the one place"}, "date": {anyLines, "the one place"},
		"spreadsheet number": {anyLines, "the one place"}, "money": {anyLines, "the one place"}},
	"model/money.go":   {"money": {anyLines, "FormatEUR, the one place"}, "float": {anyLines, "FormatNumber, the one place"}},
	"model/date.go":    {"date": {anyLines, "Date.Format (the one place), Date.String (ISO, the exchange format)"}},
	"model/summary.go": {"float": {1, "Percent's JSON (exchange format)"}},
	"model/audit.go":   {"date": {1, "AuditTimeLayout: the audit log's stored stamps"}},
	"app/numbers.go": {"float": {1, "inputNumber: a number to type over, exact"}, "money": {2, "parseMoney and formatMoneyInput strip the sign"},
		"percent": {1, "parseNumber strips what people type"}},
	"app/funding.go":           {"money": {1, "the amount entry's placeholder: the currency it takes"}},
	"app/auditformat.go":       {"float": {1, "an unknown person's id, named by number"}},
	"reports/site/data.go":     {"float": {2, "open data CSV/JSON (machine format)"}},
	"reports/site/svg.go":      {"float": {1, "SVG coordinates"}},
	"reports/site/pages.go":    {"float": {1, "the progress column's sort key (a data attribute)"}},
	"reports/xlsx/xlsx.go":     {"float": {2, "column widths, counted in characters"}},
	"reports/xlsx/plan.go":     {"float": {1, "a change's value as JSON, formatted by its readers"}},
	"reports/xlsx/planbook.go": {"float": {1, "an amount quoted back as the workbook holds it, in an error"}},
	"reports/pdf/metrics.go":   {"money": {1, "kerning: which glyph follows a number"}},
	"reports/xlsx/number.go":   {"percent": {1, "reads a cell's number format"}},
	"reports/xlsx/read.go":     {"percent": {1, "reads a percentage typed in a cell"}},
}

type allowance struct {
	lines int // anyLines: the one place of the kind
	why   string
}

const anyLines = -1

// TestOneFormatterPerKind fails when a percent, money, date, spreadsheet,
// float or value-and-unit format is written outside model/format.go and
// its allow-list: every value people read goes through the formatters of
// format.go, so that the app, the council report, the workbooks and the
// site write it the same way (issue 22).
func TestOneFormatterPerKind(t *testing.T) {
	found := map[string][]formatHit{} // file and kind → its lines
	for _, dir := range []string{"../model", "../app", "../reports", "../cli"} {
		err := filepath.WalkDir(dir, func(path string, e os.DirEntry, err error) error {
			if err != nil || e.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
				return err
			}
			rel := filepath.ToSlash(strings.TrimPrefix(path, "../"))
			for _, hit := range formatHits(t, path) {
				found[rel+"\x00"+hit.kind] = append(found[rel+"\x00"+hit.kind], hit)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	for key, hits := range found {
		file, kind, _ := strings.Cut(key, "\x00")
		allowed := formatAllowed[file][kind].lines
		if allowed == anyLines || len(hits) <= allowed {
			continue
		}
		for _, hit := range hits {
			t.Errorf("%s:%d: a %s format outside model/format.go (%d allowed in the file): %s", file, hit.line, kind, allowed, strings.TrimSpace(hit.text))
		}
	}
	for file, kinds := range formatAllowed {
		for kind, a := range kinds {
			if n := len(found[file+"\x00"+kind]); n < a.lines {
				t.Errorf("formatAllowed: %s has %d lines of a %s format, not %d: lower the number", file, n, kind, a.lines)
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
