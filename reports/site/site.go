// Package site publishes a strategy as a static public website in
// Bulgarian and English, with its open data (CSV + datapackage.json, the
// public JSON export, one ZIP). Only public information is published
// (PublicDoc). The output depends on the data, the as-of date and the
// options only: the same input gives the same bytes.
package site

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"time"
	"unicode"

	"strategytracker/model"
)

// Licence is the licence the open data is published under.
type Licence struct {
	ID    string // SPDX-style identifier, e.g. "CC-BY-4.0"
	Title string
	URL   string // http(s); may be empty
}

// CCBY4 is the default licence of the data.
var CCBY4 = Licence{ID: "CC-BY-4.0", Title: "Creative Commons Attribution 4.0 International (CC BY 4.0)",
	URL: "https://creativecommons.org/licenses/by/4.0/"}

// Options adjust what Publish writes. The zero value publishes both
// languages with CC BY 4.0 — but AsOf must be set (no "today" inside).
type Options struct {
	Langs   []model.Lang // languages of the site, the first is the default; none: Bulgarian and English
	AsOf    model.Date   // the date the figures are computed at
	Licence Licence      // zero: CC BY 4.0
	// ID is the data package's identifier (a URI such as the city portal's
	// dataset address or a DOI); empty: one derived from the strategy.
	ID string
	// Progress, when set, is called as pages are made and files written,
	// with the work done so far and the total, for a progress bar. It is
	// called from more than one goroutine, never at once, done only growing.
	Progress func(done, total int)
}

// progress counts the work of one publication for Options.Progress.
type progress struct {
	mu          sync.Mutex
	done, total int
	report      func(done, total int)
}

func (p *progress) step() {
	if p == nil || p.report == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.done++
	// About two hundred calls in all: enough for a bar, few enough for any UI.
	if every := max(1, p.total/200); p.done%every == 0 || p.done == p.total {
		p.report(min(p.done, p.total), p.total)
	}
}

// ParseLangs reads a -lang flag: "bg,en", "en", ...
func ParseLangs(s string) ([]model.Lang, error) {
	var out []model.Lang
	seen := map[model.Lang]bool{}
	for _, part := range strings.Split(s, ",") {
		if strings.TrimSpace(part) == "" {
			continue
		}
		l, err := model.ParseLang(part)
		if err != nil {
			return nil, err
		}
		if !seen[l] {
			seen[l] = true
			out = append(out, l)
		}
	}
	if len(out) == 0 {
		return nil, model.Errorf(model.EINVALID, "no language given (use bg, en or bg,en)")
	}
	return out, nil
}

func (o Options) normalised() (Options, error) {
	if len(o.Langs) == 0 {
		o.Langs = []model.Lang{model.BG, model.EN}
	}
	for _, l := range o.Langs {
		if l != model.BG && l != model.EN {
			return o, model.Errorf(model.EINVALID, "unknown language %q (use bg or en)", l)
		}
	}
	if o.AsOf == 0 {
		return o, model.Errorf(model.EINVALID, "publish: no as-of date")
	}
	if o.ID = strings.TrimSpace(o.ID); strings.ContainsFunc(o.ID, unicode.IsControl) {
		return o, model.Errorf(model.EINVALID, "data package identifier %q: control characters", o.ID)
	}
	if o.Licence == (Licence{}) {
		o.Licence = CCBY4
	}
	if o.Licence.ID == "" || o.Licence.Title == "" {
		return o, model.Errorf(model.EINVALID, "licence: give its identifier and title")
	}
	if err := model.CheckLink("licence", "url", o.Licence.URL); err != nil {
		return o, err // the one rule of links (an href of every page)
	}
	return o, nil
}

// markerFile marks a folder as written by Publish, so that publishing
// again may replace it; Publish refuses to write into any other non-empty folder.
const markerFile = ".strategytracker-site"

// buildFiles builds the whole site in memory: path (slash-separated,
// relative to the site's folder) → content, and the paths in writing
// order. The progress it reports counts the files still to be written too.
func buildFiles(d *model.Doc, opts Options) (map[string][]byte, []string, *progress, error) {
	opts, err := opts.normalised()
	if err != nil {
		return nil, nil, nil, err
	}
	s := newSite(d, opts)
	s.progress = &progress{report: opts.Progress, total: 2*s.pageCount() + nonPageFiles}
	if err := s.build(); err != nil {
		return nil, nil, nil, err
	}
	names := make([]string, 0, len(s.files))
	for n := range s.files {
		names = append(names, n)
	}
	sort.Strings(names)
	return s.files, names, s.progress, nil
}

// nonPageFiles counts the files that are not pages: style.css, the marker,
// the twelve CSV files, datapackage.json, the JSON, the licence, the
// README, the ZIP and the workbook.
const nonPageFiles = 2 + 12 + 4 + 2

// Publish writes the public site and the open data of d into dir (created
// when missing). A folder that an earlier Publish wrote is replaced; any
// other non-empty folder is refused, so that nothing of the user's is
// overwritten. Into an existing folder the new site is first written
// whole beside the old one (in a hidden folder inside dir, so the same file
// system even when dir is a mount point) and only then moved into place:
// an error on the way (a full disk) leaves the earlier site as it was.
func Publish(dir string, d *model.Doc, opts Options) error {
	files, names, prog, err := buildFiles(d, opts)
	if err != nil {
		return err
	}
	existed, err := checkDir(dir)
	if err != nil {
		return err
	}
	if !existed {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return model.Errorf(model.EINVALID, "publish: %v", err)
		}
		if err := writeFiles(dir, files, names, prog); err != nil {
			os.RemoveAll(dir) // it was made here: leave nothing half-written
			return err
		}
		return nil
	}
	stage, err := os.MkdirTemp(dir, stagePrefix)
	if err != nil {
		return model.Errorf(model.EINVALID, "publish: %v", err)
	}
	defer os.RemoveAll(stage)
	if err := writeFiles(stage, files, names, prog); err != nil {
		return err
	}
	return swapIn(dir, stage)
}

// Hidden folders of a publication in progress; a run that was killed may
// leave one, which the next run removes.
const (
	stagePrefix    = ".publishing-"
	previousPrefix = ".previous-"
)

// checkDir tells whether dir exists and refuses it unless it is empty or
// an earlier publication.
func checkDir(dir string) (existed bool, err error) {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, model.Errorf(model.EINVALID, "publish: %v", err)
	}
	if len(entries) == 0 {
		return true, nil
	}
	if _, err := os.Stat(filepath.Join(dir, markerFile)); err != nil {
		return true, model.Errorf(model.EINVALID, "publish: %s is not empty and is not a published site: choose an empty or new folder", dir)
	}
	for _, e := range entries { // left by a run that was killed
		if strings.HasPrefix(e.Name(), stagePrefix) || strings.HasPrefix(e.Name(), previousPrefix) {
			os.RemoveAll(filepath.Join(dir, e.Name()))
		}
	}
	return true, nil
}

// swapIn moves the earlier site out of dir and the staged one in; when a
// move fails, it puts the earlier site back.
func swapIn(dir, stage string) error {
	old, err := os.MkdirTemp(dir, previousPrefix)
	if err != nil {
		return model.Errorf(model.EINVALID, "publish: %v", err)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return model.Errorf(model.EINVALID, "publish: %v", err)
	}
	var movedOut []string
	restore := func(movedIn []string) {
		for _, n := range movedIn {
			os.Rename(filepath.Join(dir, n), filepath.Join(stage, n))
		}
		for _, n := range movedOut {
			os.Rename(filepath.Join(old, n), filepath.Join(dir, n))
		}
		os.RemoveAll(old)
	}
	for _, e := range entries {
		n := e.Name()
		if p := filepath.Join(dir, n); p == stage || p == old {
			continue
		}
		if err := os.Rename(filepath.Join(dir, n), filepath.Join(old, n)); err != nil {
			restore(nil)
			return model.Errorf(model.EINVALID, "publish: moving the earlier site aside: %v", err)
		}
		movedOut = append(movedOut, n)
	}
	staged, err := os.ReadDir(stage)
	if err != nil {
		restore(nil)
		return model.Errorf(model.EINVALID, "publish: %v", err)
	}
	var movedIn []string
	for _, e := range staged {
		if err := os.Rename(filepath.Join(stage, e.Name()), filepath.Join(dir, e.Name())); err != nil {
			restore(movedIn)
			return model.Errorf(model.EINVALID, "publish: moving the new site in: %v", err)
		}
		movedIn = append(movedIn, e.Name())
	}
	os.RemoveAll(old)
	return nil
}

// writeFile writes one file; tests replace it to fail on the way.
var writeFile = os.WriteFile

// writeFiles writes the files under root: folders first, once each; then
// the files, by a few writers at once (thousands of small files: the time
// goes to the file system's calls).
func writeFiles(root string, files map[string][]byte, names []string, prog *progress) error {
	made := map[string]bool{}
	for _, n := range names {
		sub := filepath.Dir(filepath.Join(root, filepath.FromSlash(n)))
		if !made[sub] {
			made[sub] = true
			if err := os.MkdirAll(sub, 0o755); err != nil {
				return model.Errorf(model.EINVALID, "publish: %v", err)
			}
		}
	}
	work := make(chan string)
	errs := make(chan error, writers)
	var wg sync.WaitGroup
	for range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var first error
			for n := range work {
				if first != nil {
					continue
				}
				if err := writeFile(filepath.Join(root, filepath.FromSlash(n)), files[n], 0o644); err != nil {
					first = model.Errorf(model.EINVALID, "publish: %v", err)
				}
				prog.step()
			}
			errs <- first
		}()
	}
	for _, n := range names {
		work <- n
	}
	close(work)
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// writers is how many files Publish writes at once.
const writers = 4

// pageCount is how many pages the site has.
func (s *site) pageCount() int {
	return 1 + len(s.opts.Langs)*(3+len(s.sum.Areas)+len(s.doc.Measures))
}

// site is one build: the public document, its figures and the files made.
type site struct {
	doc     *model.Doc
	opts    Options
	asOf    model.Date
	sum     model.Summary
	figures []model.Figures // of doc.Measures, same index
	files   map[string][]byte
	// File names of areas and measures, from their codes.
	areaFile, measureFile map[string]string
	units                 map[string]*model.Unit
	areaIndex             map[string]int
	tableList             []table
	progress              *progress
	revByMeasure          map[model.ID][]model.Revision
	zipSize               int
	bookDone              chan struct{} // closed when the workbook is made
	bookData              []byte        // the workbook, or
	bookErr               error         // why it could not be made
	mu                    sync.Mutex    // guards files while the languages are built at once
}

func newSite(d *model.Doc, opts Options) *site {
	p := PublicDoc(d)
	s := &site{doc: p, opts: opts, asOf: opts.AsOf, files: map[string][]byte{},
		areaFile: map[string]string{}, measureFile: map[string]string{}, units: map[string]*model.Unit{}, areaIndex: map[string]int{}}
	s.sum = model.Summarize(p, opts.AsOf)
	s.figures = make([]model.Figures, len(p.Measures))
	for i := range p.Measures {
		s.figures[i] = p.Measures[i].Evaluate(opts.AsOf)
	}
	s.revByMeasure = map[model.ID][]model.Revision{}
	for _, r := range p.Revisions {
		s.revByMeasure[r.MeasureID] = append(s.revByMeasure[r.MeasureID], r)
	}
	used := map[string]bool{}
	for i, a := range s.sum.Areas {
		s.areaIndex[a.Code] = i
		s.areaFile[a.Code] = uniqueName(a.Code, used, "area")
	}
	used = map[string]bool{}
	for _, m := range p.Measures {
		s.measureFile[m.Code] = uniqueName(m.Code, used, "measure")
	}
	for i := range p.Units {
		s.units[p.Units[i].Code] = &p.Units[i]
	}
	return s
}

var unsafeName = regexp.MustCompile(`[^A-Za-z0-9._-]+`)

// uniqueName turns a code into a file name that every file system and web
// server takes as it is: ASCII letters, digits, dot, dash, underscore.
func uniqueName(code string, used map[string]bool, fallback string) string {
	base := strings.Trim(unsafeName.ReplaceAllString(code, "-"), ".-")
	if base == "" {
		base = fallback
	}
	name := base
	for i := 2; used[strings.ToLower(name)]; i++ { // case-insensitive file systems
		name = fmt.Sprintf("%s-%d", base, i)
	}
	used[strings.ToLower(name)] = true
	return name + ".html"
}

func (s *site) build() error {
	s.files["style.css"] = []byte(stylesheet())
	s.files[markerFile] = []byte("Written by Strategy Tracker's publish. Publishing again replaces this folder's contents.\n")
	if err := s.buildData(); err != nil {
		return err
	}
	err := s.buildPages()
	<-s.bookDone // the workbook's writer ends before the build does
	if err != nil {
		return err
	}
	if s.bookErr != nil {
		return s.bookErr
	}
	s.files["data/"+xlsxName] = s.bookData
	return nil
}

// xlsxSize waits for the workbook, made while the pages are (it takes a
// while on a large strategy), and returns its size.
func (s *site) xlsxSize() int {
	<-s.bookDone
	return len(s.bookData)
}

// dataFiles are the names of the open-data files, in the ZIP's order.
func (s *site) buildData() error {
	tables := s.tables()
	files := map[string][]byte{}
	var names []string
	for i := range tables {
		n := tables[i].Name + ".csv"
		files[n] = csvBytes(&tables[i])
		names = append(names, n)
	}
	files["datapackage.json"] = s.datapackage(tables)
	var js bytes.Buffer
	if err := model.Encode(&js, s.doc); err != nil {
		return err
	}
	files["strategy.json"] = js.Bytes()
	files["LICENSE.txt"] = []byte(s.licenceText())
	files[readmeName] = []byte(s.readmeText())
	names = append(names, "datapackage.json", "strategy.json", "LICENSE.txt", readmeName)
	created := s.created()
	s.bookDone = make(chan struct{})
	go func() {
		defer close(s.bookDone)
		var b bytes.Buffer
		s.bookErr = s.workbook(&b, tables, created)
		s.bookData = b.Bytes()
	}()
	zipped, err := zipBytes(names, files, created)
	if err != nil {
		<-s.bookDone
		return err
	}
	for _, n := range names {
		s.files["data/"+n] = files[n]
	}
	s.files["data/"+zipName] = zipped
	s.zipSize = len(zipped)
	s.tableList = tables
	return nil
}

// The archive of all the open data, the workbook for spreadsheet users and
// the description of the files for people.
const (
	zipName    = "open-data.zip"
	xlsxName   = "open-data.xlsx"
	readmeName = "README.txt"
)

// created is when the data was made, from the data (its as-of date), not
// from the clock: publishing the same data again gives the same bytes.
func (s *site) created() time.Time {
	return time.Date(s.asOf.Year(), s.asOf.Time().Month(), s.asOf.Time().Day(), 0, 0, 0, 0, time.UTC)
}

func (s *site) licenceText() string {
	st := s.doc.Strategy
	var b strings.Builder
	fmt.Fprintf(&b, "%s\n%s\n\n", st.Title.In(model.BG), st.Title.In(model.EN))
	fmt.Fprintf(&b, "Данни към / Data as of: %s\n", s.asOf.String())
	fmt.Fprintf(&b, "Лиценз / Licence: %s (%s)\n", s.opts.Licence.Title, s.opts.Licence.ID)
	if s.opts.Licence.URL != "" {
		fmt.Fprintf(&b, "%s\n", s.opts.Licence.URL)
	}
	if st.Demo {
		fmt.Fprintf(&b, "\n%s / %s\n", model.DemoMark(model.BG), model.DemoMark(model.EN))
	}
	b.WriteString("\nОписание на таблиците: datapackage.json. / The tables are described in datapackage.json.\n")
	return b.String()
}

// Licences lists the open licences a city commonly publishes data under,
// by identifier; LicenceByID picks one (the -licence flag).
var Licences = []Licence{
	CCBY4,
	{ID: "CC0-1.0", Title: "Creative Commons Zero 1.0 Universal (CC0 1.0)", URL: "https://creativecommons.org/publicdomain/zero/1.0/"},
	{ID: "CC-BY-SA-4.0", Title: "Creative Commons Attribution-ShareAlike 4.0 International (CC BY-SA 4.0)", URL: "https://creativecommons.org/licenses/by-sa/4.0/"},
	{ID: "ODC-BY-1.0", Title: "Open Data Commons Attribution License 1.0", URL: "https://opendatacommons.org/licenses/by/1-0/"},
	{ID: "ODbL-1.0", Title: "Open Data Commons Open Database License 1.0", URL: "https://opendatacommons.org/licenses/odbl/1-0/"},
}

// LicenceByID returns the licence with the identifier id (any case).
func LicenceByID(id string) (Licence, error) {
	var ids []string
	for _, l := range Licences {
		if strings.EqualFold(l.ID, strings.TrimSpace(id)) {
			return l, nil
		}
		ids = append(ids, l.ID)
	}
	return Licence{}, model.Errorf(model.EINVALID, "unknown licence %q (use one of %s)", id, strings.Join(ids, ", "))
}
