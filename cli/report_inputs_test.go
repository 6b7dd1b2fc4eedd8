package cli

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"strategytracker/version"
)

// pdfText is pdftotext's text of a PDF file.
func pdfText(t *testing.T, path string) string {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("pdftotext (poppler-utils) is missing on CI: make deps installs it")
		}
		t.Skip("pdftotext is not installed (make deps installs poppler-utils)")
	}
	out, err := exec.Command("pdftotext", "-layout", path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	return strings.Join(strings.Fields(string(out)), " ")
}

// TestReportCarriesTheNarrativeAndTheSignatories: the council report is
// built around the period — its narrative, the office's draft decision,
// the people who prepare and submit it as the flags name them.
func TestReportCarriesTheNarrativeAndTheSignatories(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "x.db")
	mustRun(t, "demo", "-db", db)
	mustRun(t, "period", "open", "-db", db, "-name", "IV тримесечие 2026", "-name-en", "Q4 2026", "-start", "2026-10-01", "-end", "2026-12-31", "-due", "2027-01-15")
	mustRun(t, "period", "narrative", "-db", db, "-text", "Изпълнението върви по план в четири от петте области.", "-text-en", "Four of the five areas progress as planned.")
	mustRun(t, "period", "narrative", "-db", db, "-area", "A1", "-kind", "risks", "-text", "Забавена обществена поръчка за облачните услуги.")
	code, _, errOut := run(t, "period", "narrative", "-db", db, "-kind", "gossip", "-text", "x")
	if code != 2 || !strings.Contains(errOut, "gossip") {
		t.Errorf("unknown kind: exit %d, %q", code, errOut)
	}
	decision := filepath.Join(dir, "decision.txt")
	os.WriteFile(decision, []byte("Приема отчета за изпълнението на Стратегията.\n"), 0o644)
	d := docOf(t, db)
	var prepared, agreed string
	for _, p := range d.People {
		if p.Role == "office" && prepared == "" {
			prepared = p.Email
		} else if p.Role == "office" || p.Role == "coordinator" {
			agreed = p.Name.BG
		}
	}
	out := filepath.Join(dir, "report.pdf")
	mustRun(t, "report", "-db", db, "-format", "pdf", "-asof", "2026-11-30", "-o", out,
		"-prepared-by", prepared, "-agreed", agreed, "-decision", decision, "-max-exceptions", "3")
	text := pdfText(t, out)
	for _, want := range []string{"Изпълнението върви по план в четири от петте области.", "Забавена обществена поръчка за облачните услуги.",
		"Приема отчета за изпълнението на Стратегията.", agreed} {
		if !strings.Contains(text, want) {
			t.Errorf("the report lacks %q", want)
		}
	}
	if strings.Contains(text, prepared) {
		t.Errorf("the report shows the e-mail address %s", prepared)
	}
	en := filepath.Join(dir, "report-en.pdf")
	mustRun(t, "report", "-db", db, "-format", "pdf", "-lang", "en", "-asof", "2026-11-30", "-o", en)
	if text := pdfText(t, en); !strings.Contains(text, "Four of the five areas progress as planned.") {
		t.Error("the English report lacks the English commentary")
	}
	for _, args := range [][]string{
		{"report", "-db", db, "-format", "pdf", "-max-exceptions", "-1", "-o", out},
		{"report", "-db", db, "-format", "pdf", "-decision", filepath.Join(dir, "missing.txt"), "-o", out},
	} {
		if code, _, errOut := run(t, args...); code == 0 || !strings.HasPrefix(errOut, "strategytracker: ") {
			t.Errorf("%v: exit %d, %q", args, code, errOut)
		}
	}
}

// TestReportsSayWhichBuildMadeThem: the PDF's creator and the workbook's
// properties carry the build's version.
func TestReportsSayWhichBuildMadeThem(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "x.db")
	mustRun(t, "demo", "-db", db)
	pdfOut, xlsxOut := filepath.Join(dir, "r.pdf"), filepath.Join(dir, "r.xlsx")
	mustRun(t, "report", "-db", db, "-format", "pdf", "-asof", "2026-11-30", "-o", pdfOut)
	mustRun(t, "report", "-db", db, "-format", "xlsx", "-asof", "2026-11-30", "-o", xlsxOut)
	pdfText(t, pdfOut) // skips without poppler-utils, as pdfinfo is in it too
	info, err := exec.Command("pdfinfo", pdfOut).Output()
	if err != nil {
		t.Fatal(err)
	}
	if want := "Strategy Tracker " + version.String(); !bytes.Contains(info, []byte(want)) {
		t.Errorf("the PDF's metadata lacks %q:\n%s", want, info)
	}
	f, err := excelize.OpenFile(xlsxOut)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	props, err := f.GetDocProps()
	if err != nil || props.Version != version.String() {
		t.Errorf("the workbook's version property is %q (%v), want %q", props.Version, err, version.String())
	}
}
