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
	if o.Licence == (Licence{}) {
		o.Licence = CCBY4
	}
	if o.Licence.ID == "" || o.Licence.Title == "" {
		return o, model.Errorf(model.EINVALID, "licence: give its identifier and title")
	}
	if o.Licence.URL != "" && !strings.HasPrefix(o.Licence.URL, "https://") && !strings.HasPrefix(o.Licence.URL, "http://") {
		return o, model.Errorf(model.EINVALID, "licence: the link %q is not http(s)", o.Licence.URL)
	}
	return o, nil
}

// markerFile marks a folder as written by Publish, so that publishing
// again may replace it; Publish refuses to write into any other non-empty folder.
const markerFile = ".strategytracker-site"

// Files builds the whole site in memory: path (slash-separated, relative
// to the site's folder) → content, and the paths in writing order.
func Files(d *model.Doc, opts Options) (map[string][]byte, []string, error) {
	opts, err := opts.normalised()
	if err != nil {
		return nil, nil, err
	}
	s := newSite(d, opts)
	if err := s.build(); err != nil {
		return nil, nil, err
	}
	names := make([]string, 0, len(s.files))
	for n := range s.files {
		names = append(names, n)
	}
	sort.Strings(names)
	return s.files, names, nil
}

// Publish writes the public site and the open data of d into dir (created
// when missing). A folder that an earlier Publish wrote is replaced; any
// other non-empty folder is refused, so that nothing of the user's is
// overwritten. The site is built completely before the first byte is
// written, so a problem with the data leaves dir as it was.
func Publish(dir string, d *model.Doc, opts Options) error {
	files, names, err := Files(d, opts)
	if err != nil {
		return err
	}
	if err := prepareDir(dir); err != nil {
		return err
	}
	// Folders first, once each; then the files, by a few writers at once
	// (thousands of small files: the time goes to the file system's calls).
	made := map[string]bool{}
	for _, n := range names {
		sub := filepath.Dir(filepath.Join(dir, filepath.FromSlash(n)))
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
				if err := os.WriteFile(filepath.Join(dir, filepath.FromSlash(n)), files[n], 0o644); err != nil {
					first = model.Errorf(model.EINVALID, "publish: %v", err)
				}
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

// prepareDir makes dir ready: created if missing, emptied if an earlier
// publish made it (so no page of a removed measure stays behind).
func prepareDir(dir string) error {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return model.Errorf(model.EINVALID, "publish: %v", err)
		}
		return nil
	}
	if err != nil {
		return model.Errorf(model.EINVALID, "publish: %v", err)
	}
	if len(entries) == 0 {
		return nil
	}
	if _, err := os.Stat(filepath.Join(dir, markerFile)); err != nil {
		return model.Errorf(model.EINVALID, "publish: %s is not empty and is not a published site: choose an empty or new folder", dir)
	}
	for _, e := range entries {
		if err := os.RemoveAll(filepath.Join(dir, e.Name())); err != nil {
			return model.Errorf(model.EINVALID, "publish: clearing the earlier site: %v", err)
		}
	}
	return nil
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
	revByMeasure          map[model.ID][]model.Revision
	zipSize               int
	mu                    sync.Mutex // guards files while the languages are built at once
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
	return s.buildPages()
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
	names = append(names, "datapackage.json", "strategy.json", "LICENSE.txt")
	zipped, err := zipBytes(names, files, time.Date(s.asOf.Year(), s.asOf.Time().Month(), s.asOf.Time().Day(), 0, 0, 0, 0, time.UTC))
	if err != nil {
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

// zipName is the archive of all the open data.
const zipName = "open-data.zip"

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
