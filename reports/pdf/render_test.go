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
	for _, lang := range []model.Lang{model.BG, model.EN} {
		b := writeReport(t, demoDoc(t, true), demoOptions(lang))
		if err := os.WriteFile(filepath.Join(dir, "report-"+string(lang)+".pdf"), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
