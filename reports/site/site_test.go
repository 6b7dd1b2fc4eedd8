package site

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"io"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/net/html"

	"strategytracker/assets"
	"strategytracker/model"
)

var asOf = model.MustDate("2026-11-30")

func demoDoc(t testing.TB) *model.Doc {
	t.Helper()
	d, err := model.DecodeBytes(assets.DemoStrategy)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// secrets marks part of the demo internal and returns the texts that must
// never be published, with the one person whose name may be.
type secrets struct {
	texts      []string // internal texts, e-mail addresses, names of people not public
	publicName string
}

func markSecrets(t testing.TB, d *model.Doc) secrets {
	t.Helper()
	var s secrets
	for _, p := range d.People {
		s.texts = append(s.texts, p.Email)
	}
	// One person is public; every other name is secret.
	m0 := &d.Measures[0]
	pub := d.Person(model.ID(m0.Responsible))
	if pub == nil {
		t.Fatal("measure 0 has no responsible person")
	}
	pub.Public = true
	s.publicName = pub.Name.BG
	for _, p := range d.People {
		if !p.Public {
			s.texts = append(s.texts, p.Name.BG, p.Name.EN, p.Phone)
		}
	}
	// An internal measure, KPI, update and milestone note, each with a text found nowhere else.
	im := &d.Measures[len(d.Measures)-1]
	im.Internal = true
	im.Title = model.T("ВЪТРЕШНА-МЯРКА-ЗАГЛАВИЕ", "INTERNAL-MEASURE-TITLE")
	im.Description = model.T("ВЪТРЕШНО-ОПИСАНИЕ", "INTERNAL-DESCRIPTION")
	s.texts = append(s.texts, "ВЪТРЕШНА-МЯРКА-ЗАГЛАВИЕ", "INTERNAL-MEASURE-TITLE", "ВЪТРЕШНО-ОПИСАНИЕ", "INTERNAL-DESCRIPTION")
	kpiDone := false
	for i := range d.Measures[:len(d.Measures)-1] {
		m := &d.Measures[i]
		if len(m.KPIs) > 0 && !kpiDone {
			m.KPIs[0].Internal = true
			m.KPIs[0].Name = model.T("ВЪТРЕШЕН-ИНДИКАТОР", "INTERNAL-KPI")
			s.texts = append(s.texts, "ВЪТРЕШЕН-ИНДИКАТОР", "INTERNAL-KPI")
			kpiDone = true
		}
	}
	m0.Updates = append(m0.Updates,
		model.Update{ID: 90001, MeasureID: m0.ID, Date: asOf.AddDays(-1), Text: model.T("ВЪТРЕШНА-БЕЛЕЖКА-ЗА-ХОДА", "INTERNAL-UPDATE"), Internal: true},
		model.Update{ID: 90002, MeasureID: m0.ID, Date: asOf.AddDays(-2), Author: model.Ref(pub.ID),
			Text: model.T("Пишете на leak.test@sofia.example за подробности.", "Write to leak.test@sofia.example for details.")})
	s.texts = append(s.texts, "ВЪТРЕШНА-БЕЛЕЖКА-ЗА-ХОДА", "INTERNAL-UPDATE", "leak.test@sofia.example")
	// Addresses in other scripts and telephone numbers, in public texts of every kind.
	contacts := []string{"иван@община.бг", "δοκιμή@παράδειγμα.ελ", "user@bücher.example", "0888 123 456", "+359 2 987 6543", "02/981 23 45", "0898765432"}
	all := strings.Join(contacts, ", ")
	m0.Updates = append(m0.Updates, model.Update{ID: 90003, MeasureID: m0.ID, Date: asOf.AddDays(-3), Text: model.T("Връзка: "+all, "Contact: "+all)})
	m0.Milestones[1].Note = "Обадете се на " + all
	m0.Title.EN += " (tel. 0888 123 456)"
	if len(m0.Funding) > 0 {
		m0.Funding[0].Name.BG += " иван@община.бг"
	}
	for i := range d.Measures {
		if k := d.Measures[i].KPIs; len(k) > 1 && len(k[1].Values) > 0 {
			k[1].Values[0].Source = "Отдел „Статистика“, +359 2 987 6543"
			k[1].Values[0].Note = "=HYPERLINK(\"http://x.example\",\"02/981 23 45\")"
			break
		}
	}
	s.texts = append(s.texts, contacts...)
	m0.Milestones[1].NoteEn = "Call " + all
	m0.Override = &model.Override{Status: model.StatusAtRisk, Reason: "Обадете се на " + all, ReasonEn: "Call " + all}
	m0.Milestones[0].Note, m0.Milestones[0].NoteEn, m0.Milestones[0].NoteInternal = "ВЪТРЕШНА-БЕЛЕЖКА-ЕТАП", "INTERNAL-MILESTONE-NOTE", true
	s.texts = append(s.texts, "ВЪТРЕШНА-БЕЛЕЖКА-ЕТАП", "INTERNAL-MILESTONE-NOTE")
	// The report's submitter is a person who is not public.
	for _, p := range d.People {
		if !p.Public {
			d.Strategy.Submitter = model.Ref(p.ID)
		}
	}
	if !kpiDone {
		t.Fatal("the demo has no KPI to mark internal")
	}
	// The adopted plan: one public revision, one of the internal measure.
	d.Adoption = &model.Adoption{AdoptedOn: model.MustDate("2020-10-22"), CouncilDecision: model.T("Решение № 1", "Decision No. 1"),
		By: "Office <adopter@sofia.example>", At: "2020-10-23T09:00:00.000000Z"}
	d.Revisions = []model.Revision{
		{ID: 1, Entity: model.EntityMeasure, EntityID: m0.ID, MeasureID: m0.ID, Field: "end", Original: "2025-12-31", Previous: "2025-12-31",
			Current: m0.End.String(), At: "2025-11-03T08:00:00.000000Z", By: "Office <reviser@sofia.example>", Reason: model.T("Обжалване на поръчката", "The tender was appealed")},
		{ID: 2, Entity: model.EntityMeasure, EntityID: im.ID, MeasureID: im.ID, Field: "plannedCents", Original: "100", Previous: "100", Current: "200",
			At: "2025-11-04T08:00:00.000000Z", By: "Office", Reason: model.T("ВЪТРЕШНА-РЕВИЗИЯ", "INTERNAL-REVISION")},
	}
	s.texts = append(s.texts, "adopter@sofia.example", "reviser@sofia.example", "ВЪТРЕШНА-РЕВИЗИЯ", "INTERNAL-REVISION")
	return s
}

func publish(t *testing.T, d *model.Doc, opts Options) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "site")
	if opts.AsOf == 0 {
		opts.AsOf = asOf
	}
	if err := Publish(dir, d, opts); err != nil {
		t.Fatal(err)
	}
	return dir
}

// readTree returns every file under dir by slash path.
func readTree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, e os.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = b
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func attr(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

func textOf(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return strings.TrimSpace(b.String())
}

func walk(n *html.Node, f func(*html.Node)) {
	f(n)
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		walk(c, f)
	}
}

// evidenceLinks are the external links a page may have: the milestones' evidence.
func evidenceLinks(d *model.Doc) map[string]bool {
	out := map[string]bool{}
	for _, m := range d.Measures {
		for _, ms := range m.Milestones {
			if ms.Evidence != "" {
				out[ms.Evidence] = true
			}
		}
	}
	return out
}

var headingLevel = map[string]int{"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}

// TestEveryPageIsAccessibleAndSelfContained parses every page with an HTML
// parser and checks the rules of WCAG and of a site that works from disk.
func TestEveryPageIsAccessibleAndSelfContained(t *testing.T) {
	d := demoDoc(t)
	markSecrets(t, d)
	files := readTree(t, publish(t, d, Options{}))
	pages, charts := checkPages(t, files, d)
	// 1 landing page; per language home, list, data, 5 areas and a page per public measure.
	if want := 1 + 2*(3+len(d.Areas)+len(d.Measures)-1); pages != want {
		t.Errorf("%d pages, want %d", pages, want)
	}
	if charts == 0 {
		t.Error("no chart found")
	}
}

// The same checks on documents at the edges: an empty strategy, and codes
// and texts that a hostile or careless file could hold.
func TestPagesOfUnusualDocuments(t *testing.T) {
	empty := &model.Doc{Strategy: model.Strategy{Title: model.T("Празна", "Empty"), Demo: true}}
	hostile := model.Generate(30, 7)
	hostile.Strategy.Demo = false
	hostile.Strategy.ShortTitle = model.T("<script>alert(1)</script>", "</title><h1>x</h1>")
	hostile.Measures[0].Code = "../../etc"
	hostile.Measures[1].Code = "a/b?c#d"
	hostile.Measures[2].Code = "A/B?C#D" // the same file name but for case
	hostile.Measures[3].Title = model.T(`<img src=x onerror=alert(1)>`, `"><script>alert(2)</script>`)
	hostile.Measures[4].Area = "NO-SUCH-AREA"
	hostile.Measures[5].Milestones[0].Evidence = "javascript:alert(3)"
	hostile.Measures[6].Override = &model.Override{Status: model.StatusAtRisk, Reason: `</span><script>alert(4)</script>`}
	for _, tt := range []struct {
		name string
		d    *model.Doc
	}{{"empty", empty}, {"hostile", hostile}} {
		t.Run(tt.name, func(t *testing.T) {
			files := readTree(t, publish(t, tt.d, Options{}))
			pages, _ := checkPages(t, files, tt.d)
			if want := 1 + 2*(3+len(tt.d.Areas)+len(tt.d.Measures)); pages != want {
				t.Errorf("%d pages, want %d", pages, want)
			}
			for name, b := range files {
				if strings.HasSuffix(name, ".html") && bytes.Contains(b, []byte("alert(")) && bytes.Contains(b, []byte("<script>alert")) {
					t.Errorf("%s: a script from the data came through", name)
				}
				if strings.Contains(name, "..") || strings.ContainsAny(name, "?#\\") {
					t.Errorf("unsafe file name %q", name)
				}
			}
		})
	}
}

// checkPages parses every page of a published site and checks it; it
// returns the number of pages and of charts.
func checkPages(t *testing.T, files map[string][]byte, d *model.Doc) (pages, charts int) {
	t.Helper()
	evidence := evidenceLinks(d)
	for name, content := range files {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		pages++
		doc, err := html.Parse(bytes.NewReader(content))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		p := &pageCheck{t: t, name: name, evidence: evidence, ids: map[string]bool{}}
		walk(doc, p.element)
		p.wantWhole(d.Strategy.Demo)
		p.wantLinksResolve(files)
		charts += p.charts
	}
	return pages, charts
}

// pageCheck checks one page of a published site, element by element, and
// keeps what it needs to check the page as a whole.
type pageCheck struct {
	t        *testing.T
	name     string
	evidence map[string]bool // the external links a page may have
	// As the walk goes:
	h1, lastLevel int
	title         string
	ids           map[string]bool
	links         []string // within the site
	hasDemoMark   bool
	charts        int
}

// element checks an element of the page: unique ids, what each kind of
// element needs, no event attributes, headings in order, and links that
// stay in the site.
func (p *pageCheck) element(n *html.Node) {
	if n.Type != html.ElementNode {
		return
	}
	if id, ok := attr(n, "id"); ok {
		if p.ids[id] {
			p.t.Errorf("%s: id %q twice", p.name, id)
		}
		p.ids[id] = true
	}
	p.kind(n)
	for _, a := range n.Attr {
		if strings.HasPrefix(a.Key, "on") {
			p.t.Errorf("%s: an event attribute %s on <%s>", p.name, a.Key, n.Data)
		}
	}
	p.heading(n)
	for _, key := range []string{"href", "src"} {
		if v, ok := attr(n, key); ok {
			p.reference(n, key, v)
		}
	}
}

// kind checks what an element of its kind needs: the page's language, a
// title, charts and images described, no script from outside or from the
// data; it notes the demonstration-data mark.
func (p *pageCheck) kind(n *html.Node) {
	switch n.Data {
	case "html":
		if lang, _ := attr(n, "lang"); lang != "bg" && lang != "en" {
			p.t.Errorf("%s: <html lang=%q>", p.name, lang)
		}
	case "title":
		if n.Parent != nil && n.Parent.Data == "head" {
			p.title = textOf(n)
		}
	case "svg":
		p.chart(n)
	case "img":
		if alt, ok := attr(n, "alt"); !ok || alt == "" {
			p.t.Errorf("%s: <img> without alt", p.name)
		}
	case "script":
		if _, ok := attr(n, "src"); ok {
			p.t.Errorf("%s: external script", p.name)
		}
		if strings.Contains(textOf(n), "alert(") {
			p.t.Errorf("%s: a script from the data", p.name)
		}
	case "p":
		if c, _ := attr(n, "class"); c == "demo" {
			p.hasDemoMark = textOf(n) != ""
		}
	}
}

// chart wants a chart to be an image with a label and a <title> first.
func (p *pageCheck) chart(n *html.Node) {
	p.charts++
	role, _ := attr(n, "role")
	label, _ := attr(n, "aria-label")
	first := n.FirstChild
	for first != nil && first.Type != html.ElementNode {
		first = first.NextSibling
	}
	if role != "img" || strings.TrimSpace(label) == "" || first == nil || first.Data != "title" || textOf(first) == "" {
		p.t.Errorf("%s: a chart without role=img, aria-label and a <title> first: role %q label %q", p.name, role, label)
	}
}

// heading wants headings not empty and in order: h1 first, never a level
// skipped.
func (p *pageCheck) heading(n *html.Node) {
	lvl, ok := headingLevel[n.Data]
	if !ok {
		return
	}
	if lvl == 1 {
		p.h1++
	}
	if p.lastLevel == 0 && lvl != 1 || lvl > p.lastLevel+1 && p.lastLevel != 0 {
		p.t.Errorf("%s: <%s> %q follows h%d", p.name, n.Data, textOf(n), p.lastLevel)
	}
	if textOf(n) == "" {
		p.t.Errorf("%s: empty <%s>", p.name, n.Data)
	}
	p.lastLevel = lvl
}

// reference checks the href or src (key) v of n: outside the site only
// a measure's evidence and the licence; links inside are kept for
// wantLinksResolve.
func (p *pageCheck) reference(n *html.Node, key, v string) {
	u, err := url.Parse(v)
	if err != nil {
		p.t.Errorf("%s: bad %s %q", p.name, key, v)
		return
	}
	if u.Scheme == "" && u.Host == "" {
		p.links = append(p.links, v)
		return
	}
	class, _ := attr(n, "class")
	rel, _ := attr(n, "rel")
	switch {
	case n.Data == "a" && class == "evidence" && p.evidence[v]:
	case n.Data == "a" && rel == "license" && v == CCBY4.URL:
	default:
		p.t.Errorf("%s: external %s %q on <%s>", p.name, key, v, n.Data)
	}
}

// wantWhole checks the page as a whole: one h1, a title, and the
// demonstration-data mark when the strategy is a demo.
func (p *pageCheck) wantWhole(demo bool) {
	if p.h1 != 1 {
		p.t.Errorf("%s: %d h1", p.name, p.h1)
	}
	if p.title == "" {
		p.t.Errorf("%s: no <title>", p.name)
	}
	if p.hasDemoMark != demo {
		p.t.Errorf("%s: demonstration-data mark %v, the strategy's demo flag %v", p.name, p.hasDemoMark, demo)
	}
}

// wantLinksResolve wants every link inside the site to reach an element
// of the page or a file of the site.
func (p *pageCheck) wantLinksResolve(files map[string][]byte) {
	for _, l := range p.links {
		target, frag, _ := strings.Cut(l, "#")
		if target == "" {
			if !p.ids[frag] {
				p.t.Errorf("%s: link %q to no element", p.name, l)
			}
			continue
		}
		resolved := path.Clean(path.Join(path.Dir(p.name), target))
		if strings.HasPrefix(resolved, "../") {
			p.t.Errorf("%s: link %q leaves the site", p.name, l)
		} else if _, ok := files[resolved]; !ok {
			p.t.Errorf("%s: link %q: no file %s", p.name, l, resolved)
		}
	}
}

// TestNothingInternalIsPublished searches every byte written, the ZIP's
// contents and the JSON export included, for the texts that must stay inside.
func TestNothingInternalIsPublished(t *testing.T) {
	d := demoDoc(t)
	sec := markSecrets(t, d)
	dir := publish(t, d, Options{})
	files := readTree(t, dir)
	zr, err := zip.NewReader(bytes.NewReader(files["data/"+zipName]), int64(len(files["data/"+zipName])))
	if err != nil {
		t.Fatal(err)
	}
	all := map[string][]byte{}
	for n, b := range files {
		all[n] = b
	}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(rc)
		rc.Close()
		all["zip:"+f.Name] = b
		if !bytes.Equal(b, files["data/"+f.Name]) {
			t.Errorf("zip:%s differs from data/%s", f.Name, f.Name)
		}
	}
	// The workbook's sheets (a zip of XML files) are searched as they are written.
	xr, err := zip.NewReader(bytes.NewReader(files["data/"+xlsxName]), int64(len(files["data/"+xlsxName])))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range xr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(rc)
		rc.Close()
		all["xlsx:"+f.Name] = b
	}
	anyEmail := regexp.MustCompile(`[\p{L}\p{N}._%+\-]+@[\p{L}\p{N}\-]+\.\p{L}{2,}`)
	for n, b := range all {
		if strings.HasSuffix(n, ".zip") || strings.HasSuffix(n, ".xlsx") {
			continue // compressed; its contents are checked one by one
		}
		for _, s := range sec.texts {
			if s != "" && bytes.Contains(b, []byte(s)) {
				t.Errorf("%s contains %q", n, s)
			}
		}
		if m := anyEmail.Find(b); m != nil {
			t.Errorf("%s contains an e-mail address: %s", n, m)
		}
	}
	page0 := files["en/measures/"+uniqueName(d.Measures[0].Code, map[string]bool{}, "")]
	for _, want := range []string{"Revisions of the adopted plan", "The tender was appealed", "31 Dec 2025"} {
		if !bytes.Contains(page0, []byte(want)) {
			t.Errorf("the page of measure %s does not show %q", d.Measures[0].Code, want)
		}
	}
	if !bytes.Contains(files["data/revisions.csv"], []byte("The tender was appealed")) {
		t.Error("revisions.csv lacks the public revision")
	}
	if !bytes.Contains(files["bg/measures/"+uniqueName(d.Measures[0].Code, map[string]bool{}, "")], []byte(sec.publicName)) {
		t.Errorf("the public person %q is not named on the page of the measure they are responsible for", sec.publicName)
	}
	// The JSON export is the public document: it loads, and it round-trips.
	pub, err := model.DecodeBytes(files["data/strategy.json"])
	if err != nil {
		t.Fatal(err)
	}
	// It names only public people, so it may lack the office user that a
	// strategy file keeps (model's rule): with one it validates.
	check := *pub
	check.Units = append(append([]model.Unit{}, pub.Units...), model.Unit{Code: "OFFICE-TEST", Name: model.T("Офис", "Office"), Kind: model.UnitDirectorate})
	check.People = append(append([]model.Person{}, pub.People...), model.Person{ID: 1 << 40, Name: model.T("Офис", "Office"), Unit: "OFFICE-TEST", Role: model.RoleOffice})
	if err := check.Validate(asOf); err != nil {
		t.Errorf("the public JSON export does not validate (so it cannot be loaded): %v", err)
	}
	if got, want := len(pub.Measures), len(d.Measures)-1; got != want {
		t.Errorf("the JSON export has %d measures, want %d", got, want)
	}
	if len(pub.People) != 1 || pub.People[0].Email != "" || len(pub.Snapshots) != 0 {
		t.Errorf("the JSON export's people: %+v; snapshots: %d", pub.People, len(pub.Snapshots))
	}
	var again bytes.Buffer
	if err := model.Encode(&again, pub); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(again.Bytes(), files["data/strategy.json"]) {
		t.Error("the JSON export does not round-trip byte for byte")
	}
}

// TestPublishIsDeterministic: the same data gives the same bytes, file for file.
func TestPublishIsDeterministic(t *testing.T) {
	a := readTree(t, publish(t, demoDoc(t), Options{}))
	b := readTree(t, publish(t, demoDoc(t), Options{}))
	if len(a) != len(b) {
		t.Fatalf("%d files, then %d", len(a), len(b))
	}
	for n := range a {
		if !bytes.Equal(a[n], b[n]) {
			t.Errorf("%s differs between two publications of the same data", n)
		}
	}
	c := readTree(t, publish(t, demoDoc(t), Options{AsOf: asOf.AddDays(1)}))
	if bytes.Equal(a["bg/index.html"], c["bg/index.html"]) {
		t.Error("another as-of date gives the same home page")
	}
}

func TestContrastOfEveryTextColour(t *testing.T) {
	for _, p := range textPairs() {
		if got := contrast(p.fg, p.bg); got < 4.5 {
			t.Errorf("%s: %s on %s has contrast %.2f:1, want ≥ 4.5:1", p.name, p.fg, p.bg, got)
		}
	}
	for _, p := range nonTextPairs() {
		if got := contrast(p.fg, p.bg); got < 3 {
			t.Errorf("%s: %s on %s has contrast %.2f:1, want ≥ 3:1", p.name, p.fg, p.bg, got)
		}
	}
	// The formula itself: black on white is 21:1, a colour on itself 1:1.
	if got := contrast("#000000", "#FFFFFF"); got < 20.99 || got > 21.01 {
		t.Errorf("contrast(black, white) = %.3f", got)
	}
	if got := contrast(colLink, colLink); got != 1 {
		t.Errorf("contrast(c, c) = %.3f", got)
	}
	css := stylesheet()
	for _, p := range textPairs() {
		if !strings.Contains(css, p.fg) || !strings.Contains(css, p.bg) {
			t.Errorf("%s: %s / %s is not in the stylesheet", p.name, p.fg, p.bg)
		}
	}
	if !strings.Contains(css, ":focus-visible{outline:3px solid") {
		t.Error("no visible keyboard focus in the stylesheet")
	}
}

// dataPackage as a reader sees it.
type readPackage struct {
	Licenses  []struct{ Name, Path, Title string }
	Resources []readResource
}

type readResource struct {
	Name, Path string
	Schema     struct {
		Fields      []readField
		PrimaryKey  []string
		ForeignKeys []struct {
			Fields    []string
			Reference struct {
				Resource string
				Fields   []string
			}
		}
	}
}

type readField struct {
	Name, Type, Description string
	Descriptions            map[string]string
	Constraints             struct {
		Required bool
		Enum     []string
	}
}

// TestCSVMatchesDatapackage reads every CSV back and validates it against
// datapackage.json: header, types, required values, enums, primary and foreign keys.
func TestCSVMatchesDatapackage(t *testing.T) {
	d := demoDoc(t)
	markSecrets(t, d)
	files := readTree(t, publish(t, d, Options{Licence: Licence{ID: "ODC-BY-1.0", Title: "Open Data Commons Attribution", URL: "https://opendatacommons.org/licenses/by/1-0/"}}))
	var dp readPackage
	if err := json.Unmarshal(files["data/datapackage.json"], &dp); err != nil {
		t.Fatal(err)
	}
	if len(dp.Licenses) != 1 || dp.Licenses[0].Name != "ODC-BY-1.0" {
		t.Errorf("licence in datapackage.json: %+v", dp.Licenses)
	}
	keys := map[string]map[string]bool{} // "resource.field,field" → values
	rows := map[string][]map[string]string{}
	have := map[string]bool{}
	for _, r := range dp.Resources {
		have[r.Name] = true
		b, ok := files["data/"+r.Path]
		if !ok {
			t.Errorf("%s: no file %s", r.Name, r.Path)
			continue
		}
		rows[r.Name], keys[r.Name+"."+strings.Join(r.Schema.PrimaryKey, ",")] = readResourceCSV(t, r, b)
	}
	for _, n := range []string{"areas", "goals", "units", "measures", "milestones", "kpis", "kpi_values", "funding", "revisions"} {
		if !have[n] {
			t.Errorf("no table %s", n)
		}
	}
	for _, r := range dp.Resources {
		checkForeignKeys(t, r, keys, rows[r.Name])
	}
	if got, want := len(rows["measures"]), len(d.Measures)-1; got != want {
		t.Errorf("measures.csv has %d rows, want %d (the internal one left out)", got, want)
	}
}

// readResourceCSV reads the CSV b of resource r and checks it against
// its schema: no byte-order mark, the header, every value, the primary
// key. It returns the rows, by field name, and the primary keys.
func readResourceCSV(t *testing.T, r readResource, b []byte) (rows []map[string]string, pk map[string]bool) {
	t.Helper()
	if bytes.HasPrefix(b, []byte{0xEF, 0xBB, 0xBF}) {
		t.Errorf("%s has a byte-order mark", r.Path)
	}
	recs, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
	if err != nil || len(recs) == 0 {
		t.Fatalf("%s: %v", r.Path, err)
	}
	fields := r.Schema.Fields
	if len(recs[0]) != len(fields) {
		t.Fatalf("%s: %d columns, schema has %d", r.Path, len(recs[0]), len(fields))
	}
	for i, f := range fields {
		if recs[0][i] != f.Name {
			t.Errorf("%s: column %d is %q, schema says %q", r.Path, i+1, recs[0][i], f.Name)
		}
		if f.Descriptions["bg"] == "" || f.Descriptions["en"] == "" || f.Description == "" {
			t.Errorf("%s.%s: description missing in a language", r.Name, f.Name)
		}
	}
	pk = map[string]bool{}
	for line, rec := range recs[1:] {
		row := map[string]string{}
		for i, f := range fields {
			row[f.Name] = rec[i]
			checkCSVValue(t, r.Path+":"+strconv.Itoa(line+2)+" "+f.Name, f, rec[i])
		}
		k := keyOf(row, r.Schema.PrimaryKey)
		if pk[k] {
			t.Errorf("%s:%d: primary key %q twice", r.Path, line+2, k)
		}
		pk[k] = true
		rows = append(rows, row)
	}
	return rows, pk
}

// checkCSVValue checks the value v of field f at where: required, of the
// field's type, one of its enum.
func checkCSVValue(t *testing.T, where string, f readField, v string) {
	t.Helper()
	if v == "" {
		if f.Constraints.Required {
			t.Errorf("%s: required value missing", where)
		}
		return
	}
	var err error
	switch f.Type {
	case "integer":
		_, err = strconv.ParseInt(v, 10, 64)
	case "number":
		_, err = strconv.ParseFloat(v, 64)
	case "boolean":
		if v != "true" && v != "false" {
			err = strconv.ErrSyntax
		}
	case "date":
		_, err = time.Parse("2006-01-02", v)
	case "string":
	default:
		t.Fatalf("%s: unknown type %q", where, f.Type)
	}
	if err != nil {
		t.Errorf("%s: %q is not a %s", where, v, f.Type)
	}
	if len(f.Constraints.Enum) > 0 && !contains(f.Constraints.Enum, v) {
		t.Errorf("%s: %q not in %v", where, v, f.Constraints.Enum)
	}
}

// checkForeignKeys wants every foreign key of r's rows to be a primary
// key of the resource it names (keys: "resource.field,field" → values).
func checkForeignKeys(t *testing.T, r readResource, keys map[string]map[string]bool, rows []map[string]string) {
	t.Helper()
	for _, fk := range r.Schema.ForeignKeys {
		ref, ok := keys[fk.Reference.Resource+"."+strings.Join(fk.Reference.Fields, ",")]
		if !ok {
			t.Errorf("%s: foreign key to %s(%v), which is not a primary key", r.Name, fk.Reference.Resource, fk.Reference.Fields)
			continue
		}
		for i, row := range rows {
			if k := keyOf(row, fk.Fields); k != "" && !ref[k] {
				t.Errorf("%s row %d: %v = %q not in %s", r.Name, i+2, fk.Fields, k, fk.Reference.Resource)
			}
		}
	}
}

func keyOf(row map[string]string, fields []string) string {
	parts := make([]string, len(fields))
	for i, f := range fields {
		parts[i] = row[f]
	}
	return strings.Join(parts, "\x00")
}

func contains(list []string, v string) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}

func TestPublishReplacesOnlyItsOwnFolder(t *testing.T) {
	d := demoDoc(t)
	dir := publish(t, d, Options{})
	stale := filepath.Join(dir, "bg", "measures", "gone.html")
	if err := os.WriteFile(stale, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := Publish(dir, d, Options{AsOf: asOf}); err != nil {
		t.Fatalf("publishing again over a site: %v", err)
	}
	if _, err := os.Stat(stale); !os.IsNotExist(err) {
		t.Error("a page of the earlier site stayed behind")
	}
	other := t.TempDir()
	mine := filepath.Join(other, "notes.txt")
	os.WriteFile(mine, []byte("mine"), 0o644)
	err := Publish(other, d, Options{AsOf: asOf})
	if err == nil || !strings.Contains(err.Error(), "not empty") {
		t.Errorf("publishing into a folder of other files: %v", err)
	}
	if b, _ := os.ReadFile(mine); string(b) != "mine" {
		t.Error("the user's file was touched")
	}
	if err := Publish(t.TempDir(), d, Options{}); err == nil {
		t.Error("no as-of date accepted")
	}
	// The licence's link is in every page's href: model.CheckLink, the one
	// rule of links (a quote or a space used to pass after an http prefix).
	for _, link := range []string{"javascript:alert(1)", `https://example.org/" onmouseover="alert(1)`, "http://", "https://example.org/a b"} {
		if err := Publish(t.TempDir(), d, Options{AsOf: asOf, Licence: Licence{ID: "X", Title: "X", URL: link}}); err == nil {
			t.Errorf("the licence link %q accepted", link)
		}
	}
}

func TestOneLanguage(t *testing.T) {
	langs, err := ParseLangs("en")
	if err != nil {
		t.Fatal(err)
	}
	files := readTree(t, publish(t, demoDoc(t), Options{Langs: langs}))
	var names []string
	for n := range files {
		if strings.HasPrefix(n, "bg/") {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	if len(names) > 0 {
		t.Errorf("Bulgarian pages in an English-only site: %v", names[:1])
	}
	if bytes.Contains(files["en/index.html"], []byte(`hreflang="bg"`)) {
		t.Error("a language switch to a language not published")
	}
	if _, err := ParseLangs("bg,de"); err == nil {
		t.Error("-lang bg,de accepted")
	}
}

// A publication that fails on the way (here: the disk fills after 20
// files) leaves the earlier site exactly as it was, with nothing beside it.
func TestAFailedPublicationKeepsTheEarlierSite(t *testing.T) {
	d := demoDoc(t)
	dir := publish(t, d, Options{})
	before := readTree(t, dir)
	var mu sync.Mutex
	n := 0
	writeFile = func(name string, b []byte, perm os.FileMode) error {
		mu.Lock()
		defer mu.Unlock()
		if n++; n > 20 {
			return errors.New("no space left on device")
		}
		return os.WriteFile(name, b, perm)
	}
	defer func() { writeFile = os.WriteFile }()
	err := Publish(dir, d, Options{AsOf: asOf.AddDays(1)})
	if err == nil || !strings.Contains(err.Error(), "no space left") {
		t.Fatalf("Publish with a full disk: %v", err)
	}
	after := readTree(t, dir)
	if len(after) != len(before) {
		t.Errorf("%d files after the failed publication, %d before", len(after), len(before))
	}
	for name, b := range before {
		if !bytes.Equal(after[name], b) {
			t.Errorf("%s changed", name)
		}
	}
	// A new folder that fails is not left half-written.
	fresh := filepath.Join(t.TempDir(), "new-site")
	n = 0
	if err := Publish(fresh, d, Options{AsOf: asOf}); err == nil {
		t.Fatal("no error")
	}
	if _, err := os.Stat(fresh); !os.IsNotExist(err) {
		t.Error("a half-written new folder stayed")
	}
	// What a killed run leaves behind is cleared by the next.
	writeFile = os.WriteFile
	os.Mkdir(filepath.Join(dir, stagePrefix+"123"), 0o755)
	if err := Publish(dir, d, Options{AsOf: asOf}); err != nil {
		t.Fatal(err)
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".publishing") || strings.HasPrefix(e.Name(), ".previous") {
			t.Errorf("%s left in the site", e.Name())
		}
	}
	// Into an empty folder that already exists.
	empty := t.TempDir()
	if err := Publish(empty, d, Options{AsOf: asOf}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(empty, "bg", "index.html")); err != nil {
		t.Error(err)
	}
}

// Progress goes up to its total, never down, and the total is right.
func TestProgressReachesItsTotal(t *testing.T) {
	d := demoDoc(t)
	var calls, last, lastTotal int
	opts := Options{AsOf: asOf, Progress: func(done, total int) {
		calls++
		if done < last || total != lastTotal && lastTotal != 0 {
			t.Errorf("progress went from %d/%d to %d/%d", last, lastTotal, done, total)
		}
		last, lastTotal = done, total
	}}
	dir := filepath.Join(t.TempDir(), "site")
	if err := Publish(dir, d, opts); err != nil {
		t.Fatal(err)
	}
	if calls == 0 || last != lastTotal {
		t.Errorf("%d calls, ending at %d of %d", calls, last, lastTotal)
	}
	files := readTree(t, dir)
	pages := 0
	for n := range files {
		if strings.HasSuffix(n, ".html") {
			pages++
		}
	}
	if got, want := lastTotal, 2*pages+(len(files)-pages); got != want {
		t.Errorf("total %d, want %d (pages made and every file written)", got, want)
	}
}

// TestPagesShowDatesAsTheProductWritesThem: the text of a page (not its
// sort keys) shows dates as model.Date.Display does, never in the ISO form.
func TestPagesShowDatesAsTheProductWritesThem(t *testing.T) {
	d := demoDoc(t)
	files := readTree(t, publish(t, d, Options{}))
	iso := regexp.MustCompile(`\b(19|20)\d\d-\d\d-\d\d\b`)
	want := map[model.Lang]string{model.BG: d.Measures[0].End.Display(model.BG), model.EN: d.Measures[0].End.Display(model.EN)}
	for _, lang := range []model.Lang{model.BG, model.EN} {
		page := string(lang) + "/measures/" + uniqueName(d.Measures[0].Code, map[string]bool{}, "")
		if !bytes.Contains(files[page], []byte(want[lang])) {
			t.Errorf("%s does not show its end date as %q", page, want[lang])
		}
	}
	for name, b := range files {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		z := html.NewTokenizer(bytes.NewReader(b))
		for tt := z.Next(); tt != html.ErrorToken; tt = z.Next() {
			if tt != html.TextToken {
				continue
			}
			if m := iso.Find(z.Text()); m != nil {
				t.Errorf("%s shows the ISO date %s", name, m)
				break
			}
		}
	}
}

// TestPagesShowValuesAsTheReportsDo: a measured value is shown as
// model.FormatValue writes it (as in the PDF), not with all its decimals.
func TestPagesShowValuesAsTheReportsDo(t *testing.T) {
	d := demoDoc(t)
	var m *model.Measure
	for i := range d.Measures {
		if len(d.Measures[i].KPIs) > 0 && !d.Measures[i].KPIs[0].Internal && len(d.Measures[i].KPIs[0].Values) > 0 {
			m = &d.Measures[i]
			break
		}
	}
	if m == nil {
		t.Fatal("the demo has no measure with a public KPI value")
	}
	const v = 1234.56789
	m.KPIs[0].Values[0].Value = v
	files := readTree(t, publish(t, d, Options{}))
	for _, lang := range []model.Lang{model.BG, model.EN} {
		page := files[string(lang)+"/measures/"+uniqueName(m.Code, map[string]bool{}, "")]
		if want := model.FormatValue(v, lang); !bytes.Contains(page, []byte(want)) {
			t.Errorf("%s: the page of %s does not show %q", lang, m.Code, want)
		}
		if bytes.Contains(page, []byte("56789")) {
			t.Errorf("%s: the page of %s shows the value with all its decimals", lang, m.Code)
		}
	}
}
