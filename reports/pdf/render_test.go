package pdf

import (
	"os"
	"path/filepath"
	"testing"

	"strategytracker/model"
)

// TestWriteDemoReports writes the demo reports, bg and en, compared with
// the previous report as of 30.06.2026, into $PDF_REPORT_DIR, for
// scripts/report-pages.sh to render page by page. Without the variable
// it writes nothing and is skipped.
func TestWriteDemoReports(t *testing.T) {
	dir := os.Getenv("PDF_REPORT_DIR")
	if dir == "" {
		t.Skip("PDF_REPORT_DIR is not set: nothing to write")
	}
	if os.Getenv("PDF_REPORT_LARGE") != "" {
		// The generated strategy of 2,000 measures, to look at its body.
		b := writeReport(t, model.Generate(2000, 1), benchOptions())
		if err := os.WriteFile(filepath.Join(dir, "report-2000-bg.pdf"), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, lang := range []model.Lang{model.BG, model.EN} {
		b := writeReport(t, demoDoc(t, true), demoOptions(lang))
		if err := os.WriteFile(filepath.Join(dir, "report-"+string(lang)+".pdf"), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
