package xlsx

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"strategytracker/model"
)

// tool finds a program the test needs. Without it the test is skipped on a
// developer's machine, saying why, and fails under CI, which installs it.
func tool(t *testing.T, names ...string) string {
	t.Helper()
	for _, n := range names {
		if p, err := exec.LookPath(n); err == nil {
			return p
		}
	}
	msg := names[0] + " is not installed (make deps installs it)"
	if os.Getenv("CI") != "" {
		t.Fatal(msg + ": CI must run this test")
	}
	t.Skip(msg + ": skipping the check that the demo workbooks open in LibreOffice")
	return ""
}

// TestDemoWorkbooksOpenInLibreOffice converts both workbooks of the demo to
// PDF with LibreOffice: a file it cannot open fails the conversion, and the
// PDF's text shows whether the Cyrillic survived.
func TestDemoWorkbooksOpenInLibreOffice(t *testing.T) {
	t.Parallel() // slow: let the other tests run meanwhile
	office := tool(t, "libreoffice", "soffice")
	pdftotext := tool(t, "pdftotext")
	d := demoDoc(t)
	tests := []struct {
		name string
		file []byte
		want []string
	}{
		// The print footer's page numbers and the budget by year come
		// through LibreOffice too.
		{"progress", workbookBytes(t, d, model.BG), []string{"Стратегия за дигитална трансформация на София", "ДЕМОНСТРАЦИОННИ ДАННИ", "Мерки по статус", "изпълнена", "Стр. 1 от ", "Бюджет по години"}},
		{"template", templateBytes(t, d, "", model.BG), []string{"Шаблон за отчет на напредъка", "Стратегия за дигитална трансформация на София", "Наименование на мярката", "Стр. 1 от "}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
			defer cancel()
			pdf := convert(ctx, t, office, tt.name+".xlsx", tt.file, "pdf")
			text, err := exec.CommandContext(ctx, pdftotext, pdf, "-").Output()
			if err != nil {
				t.Fatalf("pdftotext: %v", err)
			}
			for _, w := range tt.want {
				if !strings.Contains(string(text), w) {
					t.Errorf("the PDF lacks %q", w)
				}
			}
			if tt.name != "progress" {
				return
			}
			// The summary prints on one A4 page: the second page is the
			// budget sheet's first.
			page2, err := exec.CommandContext(ctx, pdftotext, "-f", "2", "-l", "2", pdf, "-").Output()
			if err != nil {
				t.Fatalf("pdftotext: %v", err)
			}
			if !strings.Contains(string(page2), "Бюджет по приоритетни области") || strings.Contains(string(page2), "Етапи по състояние") {
				t.Errorf("page 2 is not the budget sheet: the summary does not fit one page:\n%s", page2)
			}
		})
	}
	// A coordinator may fill the template in LibreOffice Calc: saved by it
	// unchanged, the template must read back as no change at all.
	t.Run("template saved by LibreOffice", func(t *testing.T) {
		t.Parallel()
		ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
		defer cancel()
		saved := convert(ctx, t, office, "template.xlsx", templateBytes(t, d, "", model.BG), "xlsx:Calc MS Excel 2007 XML")
		b, err := os.ReadFile(saved)
		if err != nil {
			t.Fatal(err)
		}
		u, err := ReadUpdate(bytes.NewReader(b))
		if err != nil {
			t.Fatal(err)
		}
		changes, problems := Plan(d, u, d.Person(1), demoDB, demoAsOf)
		if len(changes) != 0 || len(problems) != 0 || len(u.Milestones) == 0 {
			t.Errorf("read back %d milestones; changes %v, problems %v; want none", len(u.Milestones), changes, problems)
		}
	})
}

// convert has LibreOffice convert the file name (content b) to format in a
// folder of its own and returns the path of the result.
func convert(ctx context.Context, t *testing.T, office, name string, b []byte, format string) string {
	t.Helper()
	dir := t.TempDir()
	in := filepath.Join(dir, name)
	if err := os.WriteFile(in, b, 0o644); err != nil {
		t.Fatal(err)
	}
	outDir := filepath.Join(dir, "out")
	// A profile of its own: LibreOffice runs once per profile, and as
	// root only with a profile it may write.
	cmd := exec.CommandContext(ctx, office, "-env:UserInstallation=file://"+filepath.Join(dir, "profile"),
		"--headless", "--norestore", "--convert-to", format, "--outdir", outDir, in)
	cmd.Env = append(os.Environ(), "HOME="+dir)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("libreoffice: %v\n%s", err, out)
	}
	ext, _, _ := strings.Cut(format, ":")
	result := filepath.Join(outDir, strings.TrimSuffix(name, filepath.Ext(name))+"."+ext)
	if _, err := os.Stat(result); err != nil {
		t.Fatalf("libreoffice made no %s (%v):\n%s", ext, err, out)
	}
	return result
}

// TestWorkbookPrintsLargeEnough prints the demo's progress workbook (bg
// and en) through LibreOffice's PDF export and reads the size of its text
// on every page: each sheet prints at 60 % or more (it printed Мерки at
// 37 % and Етапи at 48 %), and every page of the wide sheets carries the
// name column (print titles), not the code alone.
func TestWorkbookPrintsLargeEnough(t *testing.T) {
	office := tool(t, "libreoffice", "soffice")
	pdftotext := tool(t, "pdftotext")
	d := demoDoc(t)
	wordRE := regexp.MustCompile(`<word xMin="([0-9.]+)" yMin="([0-9.]+)" xMax="([0-9.]+)" yMax="([0-9.]+)">([^<]*)</word>`)
	pageRE := regexp.MustCompile(`<page width="([0-9.]+)" height="([0-9.]+)">`)
	// A word of fontSize points printed at 100 % is about 1.27 times as
	// high in pdftotext's boxes (Carlito and its fallbacks alike).
	least := 0.6 * fontSize * 1.27
	for _, lang := range []model.Lang{model.BG, model.EN} {
		ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
		defer cancel()
		pdf := convert(ctx, t, office, "workbook-"+string(lang)+".xlsx", workbookBytes(t, d, lang), "pdf")
		out, err := exec.CommandContext(ctx, pdftotext, "-bbox", pdf, "-").Output()
		if err != nil {
			t.Fatalf("pdftotext: %v", err)
		}
		wide := map[string]string{sheetMeasures.In(lang): msgTitle.In(lang), sheetMilestones.In(lang): msgMilestone.In(lang)}
		widePages := 0
		for k, pg := range strings.Split(string(out), "<page ")[1:] {
			dims := pageRE.FindStringSubmatch("<page " + pg)
			height, _ := strconv.ParseFloat(dims[2], 64)
			var hs []float64
			var head, body []string
			for _, m := range wordRE.FindAllStringSubmatch(pg, -1) {
				y0, _ := strconv.ParseFloat(m[2], 64)
				y1, _ := strconv.ParseFloat(m[4], 64)
				if y1 < 36 { // the running header, not scaled
					head = append(head, m[5])
					continue
				}
				if y1 > height-45 { // the footer
					continue
				}
				hs = append(hs, y1-y0)
				body = append(body, m[5])
			}
			if len(hs) == 0 {
				continue
			}
			slices.Sort(hs)
			sheet := head[len(head)-1] // the header's right part is the sheet's name
			if med := hs[len(hs)/2]; med < least {
				t.Errorf("%s p.%d (%s): text %.1f pt high, printed at about %.0f %%; want 60 %% or more", lang, k+1, sheet, med, 100*med/(fontSize*1.27))
			}
			if name, ok := wide[sheet]; ok {
				widePages++
				if !strings.Contains(strings.Join(body, " "), strings.Fields(name)[0]) {
					t.Errorf("%s p.%d (%s): the page lacks the column %q", lang, k+1, sheet, name)
				}
			}
		}
		if widePages < 4 {
			t.Errorf("%s: %d pages of the sheets %v found by their headers", lang, widePages, wide)
		}
	}
}
