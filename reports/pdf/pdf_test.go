package pdf

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"fmt"
	"image"
	"image/png"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"strategytracker/assets"
	"strategytracker/model"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

var (
	demoAsOf    = model.MustDate("2026-11-30")
	demoCreated = time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)
)

// demoDoc is the demo strategy with a snapshot "Q3" as of 2026-09-30, so
// that the report at 2026-11-30 has changes since the last report.
func demoDoc(t testing.TB, snapshot bool) *model.Doc {
	t.Helper()
	d, err := model.DecodeBytes(assets.DemoStrategy)
	if err != nil {
		t.Fatal(err)
	}
	if snapshot {
		asOf := model.MustDate("2026-06-30")
		content, sum, err := model.EncodeFigures(model.ComputeSnapshotFigures(d, asOf))
		if err != nil {
			t.Fatal(err)
		}
		d.Snapshots = append(d.Snapshots, model.Snapshot{Name: "Q2", AsOf: asOf, CreatedAt: "2026-07-01T08:00:00Z",
			CreatedBy: "i.petrova@sofia.example", SHA256: sum, Figures: content})
	}
	return d
}

func demoOptions(lang model.Lang) Options {
	return Options{Lang: lang, AsOf: demoAsOf, PreparedBy: "Ивелина Петрова", Created: demoCreated}
}

func writeReport(t testing.TB, d *model.Doc, opt Options) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := Write(&b, d, opt); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// writeFile writes the demo report in lang to a temporary file.
func writeFile(t *testing.T, lang model.Lang) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "report-"+string(lang)+".pdf")
	if err := os.WriteFile(path, writeReport(t, demoDoc(t, true), demoOptions(lang)), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// tool returns the path of a Poppler tool. Without it the test is skipped
// on a developer's machine and fails in CI (CI set), where it must run.
func tool(t *testing.T, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("%s is not installed; CI must have poppler-utils", name)
		}
		t.Skipf("%s is not installed (poppler-utils); skipped here, a failure when CI is set", name)
	}
	return p
}

func run(t *testing.T, name string, args ...string) string {
	t.Helper()
	out, err := exec.Command(tool(t, name), args...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
	}
	return string(out)
}

// hooked is a report that records every line of text it writes in *out.
func hooked(t testing.TB, d *model.Doc, opt Options, out *[]drawn) *report {
	t.Helper()
	r, err := newReport(d, opt)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.pdf.close() })
	r.hook = func(x drawn) { *out = append(*out, x) }
	return r
}

// recordText lays out the report and returns every line of text written.
func recordText(t testing.TB, d *model.Doc, opt Options) []drawn {
	t.Helper()
	var out []drawn
	r := hooked(t, d, opt, &out)
	r.build()
	var b bytes.Buffer
	if err := r.finish(&b); err != nil {
		t.Fatal(err)
	}
	return out
}

func TestDeterministic(t *testing.T) {
	for _, lang := range []model.Lang{model.BG, model.EN} {
		a := writeReport(t, demoDoc(t, true), demoOptions(lang))
		b := writeReport(t, demoDoc(t, true), demoOptions(lang))
		if !bytes.Equal(a, b) {
			t.Errorf("%s: two reports with the same creation date differ", lang)
		}
	}
}

// TestGolden catches unintended changes to the report: the SHA-256 of the
// demo report in Bulgarian at 2026-11-30. After an intended change (or an
// upgrade of fpdf or Go that changes the bytes), look at the report and run
// go test ./reports/pdf -run Golden -update.
func TestGolden(t *testing.T) {
	b := writeReport(t, demoDoc(t, true), demoOptions(model.BG))
	sum := sha256.Sum256(b)
	got := hex.EncodeToString(sum[:]) + "\n"
	path := filepath.Join("testdata", "demo-bg-2026-11-30.golden")
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if got != string(want) {
		out := filepath.Join(t.TempDir(), "demo-bg.pdf")
		_ = os.WriteFile(out, b, 0o644)
		t.Errorf("the demo report changed: sha256 %s, golden %s; look at it (kept until the test ends: %s) and rerun with -update if the change is intended",
			strings.TrimSpace(got), strings.TrimSpace(string(want)), out)
	}
}

// pct formats a percentage as the report does, from model functions alone.
func pct(v float64, lang model.Lang) string {
	s := model.FormatNumber(model.Round1(v), 1, lang)
	if lang == model.EN {
		return s + "%"
	}
	return s + " %"
}

// TestDashboard checks the figures of the dashboard (page 2) against
// model.Summarize (what `summary -json` prints) now and at the previous
// report, and the count tables of the milestones section.
func TestDashboard(t *testing.T) {
	for _, lang := range []model.Lang{model.BG, model.EN} {
		t.Run(string(lang), func(t *testing.T) {
			path := writeFile(t, lang)
			d := demoDoc(t, true)
			s := model.Summarize(d, demoAsOf)
			then := model.Summarize(d, model.MustDate("2026-06-30"))
			w := wordsFor(lang)
			r := &report{lang: lang, w: w}

			pages := strings.Split(nbsp(run(t, "pdftotext", "-layout", path, "-")), "\f")
			text := pages[1]
			if !strings.Contains(text, w.dashboard) {
				t.Fatalf("page 2 is not the dashboard:\n%s", text)
			}
			exec, _ := model.BudgetExecution(s.Budget.PlannedCents, s.Budget.SpentCents)
			checkTiles(t, text, w.overall,
				[]string{pct(float64(s.Progress), lang), r.gapValue(float64(s.Expected), float64(s.Progress)), pct(exec, lang)},
				[]string{fmt.Sprintf(w.thenChange, pct(float64(then.Progress), lang), r.change(float64(s.Progress), float64(then.Progress))),
					fmt.Sprintf(w.thenGap, r.gapValue(float64(then.Expected), float64(then.Progress))),
					fmt.Sprintf(w.spentOf, model.FormatEUR(s.Budget.SpentCents, lang), model.FormatEUR(s.Budget.PlannedCents, lang))})
			// Each area: progress now, then, and the change.
			for k, a := range s.Areas {
				p := then.Areas[k]
				mustMatch(t, text, `(?m)^\s*`+regexp.QuoteMeta(a.Code+". ")+`.*\s`+regexp.QuoteMeta(pct(float64(a.Progress), lang))+`\s+`+
					regexp.QuoteMeta(pct(float64(p.Progress), lang))+`\s+`+regexp.QuoteMeta(r.change(float64(a.Progress), float64(p.Progress)))+`\s`)
			}
			// The status counts with their change.
			for _, st := range model.Statuses {
				n := s.Status[st] - then.Status[st]
				want := fmt.Sprint(s.Status[st]) + `\s+\+` + fmt.Sprint(n)
				if n < 0 {
					want = fmt.Sprint(s.Status[st]) + `\s+–` + fmt.Sprint(-n)
				}
				if n == 0 {
					want = fmt.Sprint(s.Status[st]) + `\s+±0`
				}
				mustMatch(t, text, want)
			}

			// The count tables of the milestones section sit side by side: read each half of the page.
			page := 0
			for i, p := range pages {
				if strings.Contains(p, w.byState) {
					page = i + 1
					break
				}
			}
			if page == 0 {
				t.Fatal("no page holds the milestones by state")
			}
			n := fmt.Sprint
			left := run(t, "pdftotext", "-layout", "-f", n(page), "-l", n(page), "-x", "0", "-y", "0", "-W", "297", "-H", "842", path, "-")
			right := run(t, "pdftotext", "-layout", "-f", n(page), "-l", n(page), "-x", "297", "-y", "0", "-W", "298", "-H", "842", path, "-")
			for _, st := range model.Statuses {
				mustMatch(t, left, `(?m)^\s*`+regexp.QuoteMeta(st.Label(lang))+`\s+`+n(s.Status[st])+`\s+`+
					regexp.QuoteMeta(pct(100*float64(s.Status[st])/float64(s.Measures), lang))+`\s*$`)
			}
			mustMatch(t, left, `(?m)^\s*`+regexp.QuoteMeta(w.total)+`\s+`+n(s.Measures)+`\s*$`)
			for _, st := range model.MilestoneStates {
				mustMatch(t, right, `(?m)^\s*`+regexp.QuoteMeta(st.Label(lang))+`\s+`+n(s.MilestoneStates[st])+`\s+`+
					regexp.QuoteMeta(pct(100*float64(s.MilestoneStates[st])/float64(s.Milestones), lang))+`\s*$`)
			}
			mustMatch(t, right, `(?m)^\s*`+regexp.QuoteMeta(w.total)+`\s+`+n(s.Milestones)+`\s*$`)
		})
	}
}

// nbsp turns no-break spaces into spaces.
func nbsp(s string) string { return strings.ReplaceAll(s, "\u00a0", " ") }

// checkTiles finds the row of tiles whose labels include label and checks
// the values and the lines under them, tile by tile, in pdftotext's layout.
func checkTiles(t *testing.T, text, label string, values, subs []string) {
	t.Helper()
	lines := strings.Split(text, "\n")
	sep := regexp.MustCompile(`\s{2,}`)
	fields := func(l string) []string {
		if strings.TrimSpace(l) == "" {
			return nil
		}
		return sep.Split(strings.TrimSpace(l), -1)
	}
	for i, l := range lines {
		if !strings.Contains(l, label) {
			continue
		}
		for j := i + 1; j < len(lines); j++ {
			if f := fields(lines[j]); len(f) == len(values) {
				if strings.Join(f, "|") != strings.Join(values, "|") {
					t.Errorf("tiles under %q show %q, want %q", label, f, values)
				}
				if g := fields(lines[j+1]); strings.Join(g, "|") != strings.Join(subs, "|") {
					t.Errorf("tiles under %q say %q under the values, want %q", label, g, subs)
				}
				return
			}
		}
	}
	t.Errorf("no tiles labelled %q in:\n%s", label, text)
}

func mustMatch(t *testing.T, text, pattern string) {
	t.Helper()
	if !regexp.MustCompile(pattern).MatchString(text) {
		t.Errorf("no match for %s in:\n%s", pattern, text)
	}
}

func TestFontsEmbedded(t *testing.T) {
	out := run(t, "pdffonts", writeFile(t, model.BG))
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) < 4 {
		t.Fatalf("pdffonts lists fewer than two fonts:\n%s", out)
	}
	for _, l := range lines[2:] {
		f := strings.Fields(l)
		// name type encoding emb sub uni object ID: emb is the fifth field from the end.
		if len(f) < 7 || f[len(f)-5] != "yes" || !strings.Contains(strings.ToLower(f[0]), "noto") {
			t.Errorf("font not embedded or not Noto Sans: %s", l)
		}
	}
}

func TestCyrillicText(t *testing.T) {
	text := run(t, "pdftotext", writeFile(t, model.BG), "-")
	for _, want := range []string{
		"Стратегия за дигитална трансформация на София",
		"Отчет за изпълнението",
		"ДЕМОНСТРАЦИОННИ ДАННИ",
		"Решение № 338 по Протокол № 13 от 11.06.2020 г.",
		"Стр. 2 от ",
		"Промени от предходния отчет",
		"25 569 970,45 €",
		"30.11.2026",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("pdftotext does not recover %q", want)
		}
	}
}

func TestEnglish(t *testing.T) {
	text := nbsp(run(t, "pdftotext", writeFile(t, model.EN), "-"))
	for _, want := range []string{"Implementation report", "DEMONSTRATION DATA", "Page 2 of ", "€25,569,970.45", "30 Nov 2026", "Changes since the previous report"} {
		if !strings.Contains(text, want) {
			t.Errorf("pdftotext does not recover %q", want)
		}
	}
	if strings.Contains(text, "Стр.") || strings.Contains(text, "Отчет за изпълнението") {
		t.Error("the English report has Bulgarian report words")
	}
}

func TestMetadata(t *testing.T) {
	out := run(t, "pdfinfo", writeFile(t, model.BG))
	for _, want := range []string{
		"Title:           Стратегия за дигитална трансформация на София — Отчет за изпълнението към 30.11.2026 г.",
		"Subject:         Отчет за изпълнението към 30.11.2026 г.",
		"Author:          Ивелина Петрова",
		"Keywords:        стратегия",
		"CreationDate:    Tue Dec  1 10:00:00 2026 UTC",
		"Page size:       595.28 x 841.89 pts (A4)",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("pdfinfo lacks %q:\n%s", want, out)
		}
	}
}

// TestPagesNotBlank renders every page at a low resolution and checks
// that each has something on it.
func TestPagesNotBlank(t *testing.T) {
	path := writeFile(t, model.BG)
	dir := t.TempDir()
	run(t, "pdftoppm", "-r", "20", "-png", path, filepath.Join(dir, "p"))
	files, _ := filepath.Glob(filepath.Join(dir, "p-*.png"))
	info := run(t, "pdfinfo", path)
	if !strings.Contains(info, fmt.Sprintf("Pages:           %d\n", len(files))) {
		t.Fatalf("rendered %d pages; pdfinfo says\n%s", len(files), info)
	}
	for _, f := range files {
		r, err := os.Open(f)
		if err != nil {
			t.Fatal(err)
		}
		img, err := png.Decode(r)
		r.Close()
		if err != nil {
			t.Fatal(err)
		}
		if n := inked(img); n < 50 {
			t.Errorf("%s is blank (%d pixels not white)", filepath.Base(f), n)
		}
	}
}

// inked counts the pixels that are not white.
func inked(img image.Image) int {
	n := 0
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			if r < 0xF000 || g < 0xF000 || bl < 0xF000 {
				n++
			}
		}
	}
	return n
}

// TestTextStaysInItsBox checks every line of text written: it fits the box
// it is written in (nothing spills or is clipped) and, past the cover, it
// lies between the header and the footer or is the header or the footer.
func TestTextStaysInItsBox(t *testing.T) {
	docs := map[string]*model.Doc{"demo": demoDoc(t, true), "generated": model.Generate(200, 7), "extreme": extremeDoc(t)}
	for name, d := range docs {
		langs := []model.Lang{model.BG, model.EN}
		if name == "generated" {
			langs = langs[:1] // many pages of the same shapes: one language is enough
		}
		for _, lang := range langs {
			for _, x := range recordText(t, d, demoOptions(lang)) {
				if x.width > x.w+0.01 {
					t.Errorf("%s %s p%d: %q is %.1f mm wide in a box of %.1f mm", name, lang, x.page, x.s, x.width, x.w)
				}
				if x.page == 1 {
					if x.y < 0 || x.y+x.h > pageH-10 {
						t.Errorf("%s %s cover: %q at %.1f–%.1f mm is off the page", name, lang, x.s, x.y, x.y+x.h)
					}
					continue
				}
				headerOrFooter := x.y == 11 || x.y == 286.5
				if !headerOrFooter && (x.y < bodyTop-0.01 || x.y+x.h > bodyBottom+0.01) {
					t.Errorf("%s %s p%d: %q at %.1f–%.1f mm is outside the body", name, lang, x.page, x.s, x.y, x.y+x.h)
				}
			}
		}
	}
}

// extremeDoc is the demo with every text at its longest: titles of 300
// characters, updates, notes and reasons of 4,000, words without spaces.
func extremeDoc(t testing.TB) *model.Doc {
	d := demoDoc(t, true)
	long := func(n int) string {
		words := "дигитална трансформация на общинските услуги и данните за гражданите "
		return string([]rune(strings.Repeat(words, n/len([]rune(words))+1))[:n])
	}
	d.Strategy.Title = model.T(long(300), long(300))
	d.Strategy.Vision = model.T(long(3000), long(3000))
	d.Strategy.CouncilDecision = model.T(long(300), long(300))
	d.Areas[0].Title = model.T(long(300), long(300))
	d.Units[0].Name = model.T(long(300), long(300))
	m := &d.Measures[0]
	m.Title = model.T(long(300), long(300))
	m.Description = model.T(long(4000), long(4000))
	m.LeadUnit = d.Units[0].Code
	m.Override = &model.Override{Status: model.StatusDelayed, Reason: long(4000)}
	m.Funding = append(m.Funding, model.Funding{Name: model.T(long(300), long(300)), AmountCents: 123456789012})
	m.Updates = append(m.Updates, model.Update{ID: 999, Date: model.MustDate("2026-11-29"), Text: model.T(long(4000), long(4000))})
	m.Milestones[0].Title = model.T(long(300), long(300))
	m.Milestones[0].Note = long(4000)
	m.Milestones[0].Evidence = "https://sofia.example/" + strings.Repeat("x", 300)
	m.KPIs[0].Name = model.T(long(300), long(300))
	m.KPIs[0].Unit = model.T(long(60), long(60))
	return d
}

// TestTableBreak fills a page with rows and checks that the row that does
// not fit goes whole to the next page under the repeated caption and header.
func TestTableBreak(t *testing.T) {
	var out []drawn
	r := hooked(t, demoDoc(t, false), demoOptions(model.BG), &out)
	r.newPage()
	tb := r.newTable("Таблица", col{"Код", 20, "L"}, col{"Текст", 0, "L"})
	rows := 0
	for r.pdf.PageNo() == 1 {
		// Every line of row i holds the mark "рi", so its lines can be told apart.
		tb.place(tb.row([]tcell{tb.bold(0, fmt.Sprint(rows)), tb.text(1, strings.Repeat(fmt.Sprintf("р%d ", rows), 60))}))
		rows++
	}
	last := rows - 1
	var headers, captions int
	for _, x := range out {
		switch {
		case x.s == "Текст" && x.page == 2:
			headers++
		case x.s == "Таблица (продължение)" && x.page == 2:
			captions++
		}
		for i := 0; i < rows; i++ {
			if x.s == fmt.Sprint(i) || strings.HasPrefix(x.s, fmt.Sprintf("р%d ", i)) {
				if want := 1 + btoi(i == last); x.page != want {
					t.Errorf("a line of row %d is on page %d, want %d", i, x.page, want)
				}
			}
		}
		if x.y+x.h > bodyBottom+0.01 || (x.page == 2 && x.y < bodyTop-0.01) {
			t.Errorf("%q at %.1f–%.1f mm is outside the body", x.s, x.y, x.y+x.h)
		}
	}
	if headers != 1 || captions != 1 {
		t.Errorf("on the new page the header is repeated %d times and the caption %d times, want once each", headers, captions)
	}
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

func TestSplit(t *testing.T) {
	r, err := newReport(demoDoc(t, false), demoOptions(model.BG))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.pdf.close() })
	r.setFont("", 8)
	text := "Дирекция „Иновации и цифрова трансформация“ планира 1 234 567,89 € за 2027 г., т.е. 12,5 % от бюджета; " +
		"ОченоченоченоченоченоченоченоченоченоченоченоченДългаДумаБезИнтервали и ред\nнов ред"
	for _, w := range []float64{8, 15, 30, 60, 120} {
		lines := r.split(text, w)
		if got := strings.Join(lines, ""); strings.ReplaceAll(strings.ReplaceAll(got, " ", ""), "\n", "") !=
			strings.ReplaceAll(strings.ReplaceAll(text, " ", ""), "\n", "") {
			t.Errorf("w=%v: split loses text: %q", w, lines)
		}
		for _, l := range lines {
			if r.width(l) > w+0.001 && len([]rune(l)) > 1 {
				t.Errorf("w=%v: line %q is %.2f mm", w, l, r.width(l))
			}
		}
		if w >= 30 {
			for _, l := range lines {
				if strings.HasPrefix(l, "567") || strings.HasPrefix(l, "€") || strings.HasPrefix(l, "%") {
					t.Errorf("w=%v: an amount is broken: %q", w, lines)
				}
			}
		}
	}
	if got := r.split("", 50); got != nil {
		t.Errorf("empty text: %q", got)
	}
}

// TestNoSnapshot: without an earlier snapshot the report says so plainly.
func TestNoSnapshot(t *testing.T) {
	var text strings.Builder
	for _, x := range recordText(t, demoDoc(t, false), demoOptions(model.BG)) {
		text.WriteString(x.s + "\n")
	}
	s := text.String()
	for _, want := range []string{"Това е първият отчет", "няма — това е първият отчет", "няма предходен отчет за сравнение"} {
		if !strings.Contains(s, want) {
			t.Errorf("the report without a snapshot does not say %q", want)
		}
	}
}

// TestOverrideShown: an overridden status is marked and its reason shown.
func TestOverrideShown(t *testing.T) {
	d := demoDoc(t, true)
	var text strings.Builder
	for _, x := range recordText(t, d, demoOptions(model.BG)) {
		text.WriteString(x.s + " ")
	}
	s := text.String()
	for _, m := range d.Measures {
		if m.Override == nil || m.Cancelled {
			continue
		}
		if !strings.Contains(s, "с риск *") || !strings.Contains(s, "Статусът е зададен ръчно") {
			t.Errorf("measure %s: its overridden status is not marked", m.Code)
		}
		if !strings.Contains(s, m.Override.Reason[:40]) {
			t.Errorf("measure %s: the reason of its override is not shown", m.Code)
		}
	}
}

func TestBookmarks(t *testing.T) {
	b := writeReport(t, demoDoc(t, true), demoOptions(model.BG))
	n := bytes.Count(b, []byte("<</Title "))
	// Cover, the main sections, the areas twice (sections and cards), and
	// the subsections of milestones and changes.
	d := demoDoc(t, true)
	if min := 1 + 9 + 2*len(d.Areas) + 2 + 3; n < min {
		t.Errorf("%d bookmarks, want at least %d", n, min)
	}
}

func TestProgress(t *testing.T) {
	var calls [][2]int
	opt := demoOptions(model.BG)
	opt.Progress = func(done, total int) { calls = append(calls, [2]int{done, total}) }
	writeReport(t, demoDoc(t, true), opt)
	if len(calls) == 0 {
		t.Fatal("no progress reported")
	}
	for i, c := range calls {
		if c[0] > c[1] || (i > 0 && c[0] < calls[i-1][0]) {
			t.Fatalf("progress goes back or past the total: %v", calls)
		}
	}
	if last := calls[len(calls)-1]; last[0] != last[1] {
		t.Errorf("progress ends at %v, not at the total", last)
	}
}

// TestEmptyStrategy: a strategy with nothing in it yet still makes a report.
func TestEmptyStrategy(t *testing.T) {
	d := &model.Doc{Format: model.Format, Strategy: model.Strategy{Title: model.T("Нова стратегия", "")}}
	for _, lang := range []model.Lang{model.BG, model.EN} {
		b := writeReport(t, d, Options{Lang: lang, AsOf: demoAsOf, Created: demoCreated})
		if !bytes.HasPrefix(b, []byte("%PDF-")) {
			t.Errorf("%s: not a PDF", lang)
		}
		for _, x := range recordText(t, d, Options{Lang: lang, AsOf: demoAsOf, Created: demoCreated}) {
			if x.width > x.w+0.01 {
				t.Errorf("%s p%d: %q does not fit its box", lang, x.page, x.s)
			}
		}
	}
	if err := Write(io.Discard, nil, Options{}); err == nil {
		t.Error("no error for no document")
	}
}

func writeBytes(path string, b []byte) error { return os.WriteFile(path, b, 0o644) }
