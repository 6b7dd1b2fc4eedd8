// Package pdf writes the council report: the implementation report of the
// strategy at an as-of date, in Bulgarian or English, as an A4 PDF with the
// Noto Sans fonts embedded (issue 4, DESIGN.md §2 for the figures).
//
// The report is laid out in one pass: every table row is wrapped once,
// measured, and placed whole on a page. Headers, footers ("Page X of Y")
// and the table of contents are written onto their pages at the end, when
// the page count and the page of every section are known.
package pdf

import (
	"errors"
	"fmt"
	"io"
	"slices"
	"time"

	"codeberg.org/go-pdf/fpdf"

	"strategytracker/assets"
	"strategytracker/model"
)

// Options are the choices of one report.
type Options struct {
	Lang model.Lang // bg (default) or en
	AsOf model.Date // the date of the figures; zero: the date of Created (one of them is needed)
	// PreparedBy is who prepared the report (Изготвил): a person of the
	// file by name or e-mail (shown by name and position), or a name;
	// empty: the office user of the file (its first person with role office).
	PreparedBy string
	// Agreed are those who agree the report (Съгласували), as PreparedBy;
	// empty: the other people of the office.
	Agreed []string
	// Submitter submits the report to the council (ОТ, Вносител), as
	// PreparedBy; empty: the strategy's submitter (Strategy.Submitter),
	// else the office user's unit.
	Submitter string
	// DraftDecision is the draft decision of the council (проект на
	// решение) when the office writes one; empty: none.
	DraftDecision model.Text
	// MaxExceptions is how many of the most serious exceptions (overdue
	// milestones, measures behind, status changes, indicators) the body
	// shows in each list; the annex has them all. Zero: DefaultMaxExceptions.
	MaxExceptions int
	// Created is when the report is made (metadata, cover); zero: the
	// as-of date. The report takes no clock of its own: the caller's
	// clock says when "now" is.
	Created time.Time
	// Version is the build's version (strategytracker/version), written to
	// the PDF's metadata with its creator; empty: none.
	Version string
	// Progress, when set, is called as the report is laid out with the work
	// done so far and the total, for a progress bar.
	Progress func(done, total int)
}

// DefaultMaxExceptions is how many of the most serious exceptions the
// body shows in each list when Options.MaxExceptions is zero.
const DefaultMaxExceptions = 15

// Write lays out the report of d and writes the PDF to w. What the report
// shows beside the figures comes from d too: the office's narrative of the
// reporting period the as-of date belongs to (model.Doc.PeriodAt) and the
// revisions of the adopted plan.
func Write(w io.Writer, d *model.Doc, opt Options) (err error) {
	defer func() {
		// fpdf panics on some inputs it cannot encode; the desktop app
		// must get an error, not lose the window.
		if p := recover(); p != nil {
			err = fmt.Errorf("pdf: %v", p)
		}
	}()
	if d == nil {
		return errors.New("pdf: no strategy to report on")
	}
	r, err := newReport(d, opt)
	if err != nil {
		return err
	}
	defer r.pdf.close() // the layout panicked: fpdf's goroutine ends too
	r.build()
	return r.finish(w)
}

// report is one report being written.
type report struct {
	pdf     *canvas // fpdf, on its own goroutine
	d       *model.Doc
	lang    model.Lang
	w       *words
	asOf    model.Date
	created time.Time
	opt     Options

	narrative *Narrative // the office's commentary of the period, or nil
	revisions []Revision // the changes to the adopted plan; none: no section

	sum     model.Summary
	changes model.Changes
	prev    *model.SnapshotFigures // the figures of the previous report, or nil
	maxExc  int
	// coverRest is the part of a long commentary that did not fit on the
	// cover; it opens the next page.
	coverRest []string
	annexPage int             // the first page of the annex (Приложение № 1)
	tocPage   int             // the page of the contents
	measures  []int           // indexes into d.Measures, by code
	figs      []model.Figures // by index into d.Measures
	byArea    map[string][]int
	areas     []model.Area
	people    map[model.ID]*model.Person
	units     map[string]*model.Unit

	y    float64 // the current position on the page
	cont string  // the title repeated at the top of a page a card runs onto

	m *fontMetrics

	// The font chosen for what follows; text is measured in it.
	wantStyle string
	wantSize  float64
	// The graphics state last set, so that nothing is set twice.
	fontStyle                 string
	fontSize                  float64
	textC, fillC, drawC       rgb
	textSet, fillSet, drawSet bool
	lineW                     float64

	toc       []tocEntry
	tocY      float64 // where the contents go on page 2
	tocLH     float64 // the line height of the contents
	tocAreas  bool    // whether the contents list the areas
	tocRoom   int     // how many entries the room kept for the contents holds
	done      int
	total     int
	hook      func(drawn) // tests: every text written, with its box
	inHeading bool        // the text being written is a heading
}

// drawn is a line of text as written: its page, box, width and text.
type drawn struct {
	page              int
	x, y, w, h, width float64
	s                 string
	heading           bool
}

type tocEntry struct {
	title string
	level int
	page  int
	link  int
}

func newReport(d *model.Doc, opt Options) (*report, error) {
	m, err := metrics()
	if err != nil {
		return nil, fmt.Errorf("pdf: fonts: %w", err)
	}
	r := &report{d: d, opt: opt, lang: opt.Lang, created: opt.Created, lineW: -1, m: m}
	if r.lang != model.EN {
		r.lang = model.BG
	}
	r.w = wordsFor(r.lang)
	r.asOf = opt.AsOf
	switch {
	case r.asOf == 0 && r.created.IsZero():
		return nil, errors.New("pdf: the report needs its as-of date or its creation time")
	case r.asOf == 0:
		r.asOf = model.DateOf(r.created)
	case r.created.IsZero():
		r.created = r.asOf.Time()
	}
	r.narrative = NarrativeOf(d.PeriodAt(r.asOf))
	r.revisions = RevisionsOf(d, r.lang)
	r.sum = model.Summarize(d, r.asOf)
	if r.changes, err = model.ChangesSince(d, r.asOf); err != nil {
		return nil, err
	}
	if sn := r.changes.Since; sn != nil {
		f, err := model.DecodeFigures(sn.Figures)
		if err != nil {
			return nil, err
		}
		r.prev = &f
	}
	r.maxExc = opt.MaxExceptions
	if r.maxExc <= 0 {
		r.maxExc = DefaultMaxExceptions
	}
	r.figs = make([]model.Figures, len(d.Measures))
	r.measures = make([]int, len(d.Measures))
	r.byArea = map[string][]int{}
	for i := range d.Measures {
		r.figs[i] = d.Measures[i].Evaluate(r.asOf)
		r.measures[i] = i
	}
	slices.SortStableFunc(r.measures, func(a, b int) int { return model.CompareCodes(d.Measures[a].Code, d.Measures[b].Code) })
	for _, i := range r.measures {
		r.byArea[d.Measures[i].Area] = append(r.byArea[d.Measures[i].Area], i)
	}
	r.areas = model.SortedAreas(d.Areas)
	r.people = make(map[model.ID]*model.Person, len(d.People))
	for i := range d.People {
		r.people[d.People[i].ID] = &d.People[i]
	}
	r.units = make(map[string]*model.Unit, len(d.Units))
	for i := range d.Units {
		r.units[d.Units[i].Code] = &d.Units[i]
	}
	r.total = 2*len(d.Measures) + 7 // the steps of build and finish

	p := fpdf.New("P", "mm", "A4", "")
	p.SetCatalogSort(true)
	p.SetCreationDate(r.created)
	p.SetModificationDate(r.created)
	p.SetCompression(false) // finish compresses the page streams (compress.go)
	p.SetAutoPageBreak(false, 0)
	p.SetMargins(marginL, bodyTop, marginR)
	p.SetCellMargin(0)
	p.AddUTF8FontFromBytes(family, "", assets.FontRegular)
	p.AddUTF8FontFromBytes(family, "B", assets.FontBold)
	if err := p.Error(); err != nil {
		return nil, fmt.Errorf("pdf: fonts: %w", err)
	}
	title := r.tr(d.Strategy.Title)
	p.SetTitle(title+" — "+r.w.report+" "+fmt.Sprintf(r.w.asOf, r.dateText(r.asOf)), true)
	p.SetSubject(r.w.report+" "+fmt.Sprintf(r.w.asOf, r.dateText(r.asOf)), true)
	author := r.preparedBy().name
	if author == "" {
		author = "Strategy Tracker"
	}
	p.SetAuthor(author, true)
	p.SetKeywords(r.w.keywords, true)
	creator := "Strategy Tracker"
	if r.opt.Version != "" {
		creator += " " + r.opt.Version // which build made the report
	}
	p.SetCreator(creator, true)
	p.SetProducer("Strategy Tracker (go-pdf/fpdf)", true)
	p.SetLang(string(r.lang))
	r.pdf = newCanvas(p)
	return r, nil
}

// build lays out the report: the council memo (Доклад) — its first page,
// the dashboard, the contents, the areas with their commentary and
// exceptions, the milestones, indicators, budget, changes and revisions,
// the draft decision and the signatures — then Приложение № 1, the
// detailed part with every list in full and a card per measure.
func (r *report) build() {
	r.cover()
	r.coverContinued()
	r.dashboard()
	r.step()
	r.contentsPage()
	r.step()
	r.areaSections()
	r.milestones()
	r.step()
	r.kpis()
	r.step()
	r.budgetSection()
	r.changesSection()
	r.step()
	r.revisionsSection()
	r.decisionAndSignatures()
	r.step()
	r.annex()
}

// coverContinued writes the rest of a commentary too long for the cover.
func (r *report) coverContinued() {
	if len(r.coverRest) == 0 {
		return
	}
	r.newPage()
	r.paraLines(marginL, contentW, r.coverRest, "", 9.5, cText)
}

// BodyPages is the number of pages before the annex (Приложение № 1) in
// the report Write would make: what a council member reads.
func BodyPages(d *model.Doc, opt Options) (int, error) {
	r, err := newReport(d, opt)
	if err != nil {
		return 0, err
	}
	r.build()
	if err := r.pdf.close(); err != nil {
		return 0, fmt.Errorf("pdf: %w", err)
	}
	return r.annexPage - 1, nil
}

// step reports progress.
func (r *report) step() {
	r.done++
	if r.opt.Progress != nil {
		r.opt.Progress(min(r.done, r.total), r.total)
	}
}

// newPage starts a page; headers and footers come at the end. Inside a
// measure card the page opens with the card's title, marked as continued.
func (r *report) newPage() {
	r.pdf.AddPage()
	r.y = bodyTop
	if r.cont != "" {
		style, size, c := r.wantStyle, r.wantSize, r.textC
		r.setFont("B", 8.5)
		r.setText(cMuted)
		ls := r.continued(r.cont)
		r.lines(marginL, r.y, contentW, lineH(8.5), ls, "L")
		r.y += float64(len(ls))*lineH(8.5) + 1.5
		r.setFont(style, size)
		r.setText(c)
	}
}

// continued is a title marked as continued, wrapped in the current font.
func (r *report) continued(title string) []string {
	return r.split(title+" "+r.w.continued, contentW)
}

// ensure breaks the page unless h more millimetres fit.
func (r *report) ensure(h float64) {
	if r.y+h > bodyBottom {
		r.newPage()
	}
}

// section starts a main section: a title, a bookmark and a contents
// entry. After the cover and the contents it follows what is on the page
// when its title and the start of its content (keep) fit: a council
// document runs on, a section does not leave two thirds of a page empty.
func (r *report) section(title string) { r.sectionKeep(title, 40) }

// sectionKeep starts a main section kept with keep millimetres of what follows.
func (r *report) sectionKeep(title string, keep float64) {
	switch {
	case r.pdf.PageNo() <= 2:
		r.newPage()
	case r.y > bodyTop:
		r.y += 8
		r.ensure(lineH(16) + 6 + keep)
	}
	r.mark(title, 0, true)
	r.setFont("B", 16)
	r.setText(cAccent)
	r.headingText(marginL, r.y, contentW, lineH(16), title)
	r.y += lineH(16) + 1
	r.hline(marginL, marginL+contentW, r.y, 0.5, cAccent)
	r.y += 5
}

// headingText writes a line of a heading (tests find headings by it).
func (r *report) headingText(x, y, w, h float64, s string) {
	r.inHeading = true
	r.text(x, y, w, h, s, "L")
	r.inHeading = false
}

// subsection writes a second-level title, kept with at least keep
// millimetres of what follows; level ≥ 0 adds a bookmark.
func (r *report) subsection(title string, level int, keep float64) {
	r.heading(title, 11.5, level, false, keep)
}

// heading writes a title of the given size kept with keep millimetres of
// what follows; level ≥ 0 adds a bookmark, toc a contents entry.
func (r *report) heading(title string, size float64, level int, toc bool, keep float64) {
	if r.y > bodyTop {
		r.y += 2
	}
	r.setFont("B", size)
	ls := r.split(title, contentW)
	h := float64(len(ls)) * lineH(size)
	r.ensure(h + 2 + keep)
	if level >= 0 {
		r.mark(title, level, toc)
	}
	r.setFont("B", size)
	r.setText(cAccent)
	for k, l := range ls {
		r.headingText(marginL, r.y+float64(k)*lineH(size), contentW, lineH(size), l)
	}
	r.y += h + 2
}

// minor writes a small bold title, wrapped, kept with keep millimetres of
// what follows.
func (r *report) minor(title string, keep float64) {
	r.setFont("B", 9)
	ls := r.split(title, contentW)
	h := float64(len(ls)) * lineH(9)
	r.ensure(h + 1 + keep)
	r.setFont("B", 9)
	r.setText(cText)
	for k, l := range ls {
		r.headingText(marginL, r.y+float64(k)*lineH(9), contentW, lineH(9), l)
	}
	r.y += h + 1
}

// mark adds a bookmark at the current position, and a contents entry when toc.
func (r *report) mark(title string, level int, toc bool) {
	r.setFont("", 9) // bookmarks take UTF-8 from the current font
	r.applyFont()
	r.pdf.Bookmark(title, level, r.y)
	if !toc {
		return
	}
	link := r.pdf.AddLink()
	r.pdf.SetLink(link, r.y, -1)
	r.toc = append(r.toc, tocEntry{title: title, level: level, page: r.pdf.PageNo(), link: link})
}

// para writes a wrapped paragraph at x, w wide, kept whole on a page
// when a page can hold it.
func (r *report) para(x, w float64, s string, style string, size float64, c rgb) {
	r.setFont(style, size)
	r.paraLines(x, w, r.split(s, w), style, size, c)
}

// paraLines writes the lines of a paragraph, kept whole on a page when a
// page can hold them, else line by line.
func (r *report) paraLines(x, w float64, ls []string, style string, size float64, c rgb) {
	lh := lineH(size)
	if h := float64(len(ls)) * lh; h <= bodyBottom-bodyTop {
		r.ensure(h)
	}
	for _, l := range ls {
		r.ensure(lh)
		r.setFont(style, size)
		r.setText(c)
		r.text(x, r.y, w, lh, l, "L")
		r.y += lh
	}
}

// finish writes headers, footers and contents onto their pages, then the
// PDF, its page streams compressed on every core (compress.go).
func (r *report) finish(w io.Writer) error {
	r.finishPages()
	if err := r.pdf.close(); err != nil {
		return fmt.Errorf("pdf: %w", err)
	}
	pw := &pageWriter{w: w, pages: r.pdf.PageCount()}
	if err := r.pdf.f.Output(pw); err != nil {
		return fmt.Errorf("pdf: %w", err)
	}
	if err := pw.flush(); err != nil {
		return fmt.Errorf("pdf: %w", err)
	}
	return nil
}

// finishPages writes headers, footers and contents onto their pages.
func (r *report) finishPages() {
	n := r.pdf.PageCount()
	for p := 2; p <= n; p++ {
		r.pdf.SetPage(p)
		r.forget()
		r.headerFooter(p, n)
	}
	if r.tocPage > 0 {
		r.pdf.SetPage(r.tocPage)
		r.forget()
		r.contents()
	}
	r.pdf.SetPage(n)
	r.forget()
	r.done = r.total - 1 // the last step, whatever the count of the others
	r.step()
}

// forget drops the remembered graphics state: a page written to again
// starts from whatever its stream last set.
func (r *report) forget() {
	r.fontStyle, r.fontSize = "", 0
	r.textSet, r.fillSet, r.drawSet = false, false, false
	r.lineW = -1
}

func (r *report) headerFooter(page, pages int) {
	s := &r.d.Strategy
	r.setFill(cWhite) // sets the page's fill, so that text colours apply
	r.setFont("", 7.5)
	r.setText(cMuted)
	left := s.ShortTitle.In(r.lang)
	if left == "" {
		left = s.Title.In(r.lang)
	}
	left += " · " + r.w.report + " " + fmt.Sprintf(r.w.asOf, r.dateText(r.asOf))
	right := ""
	if s.Demo {
		right = model.DemoMark(r.lang)
	}
	rw := 0.0
	if right != "" {
		r.setFont("B", 7.5)
		rw = r.width(right) + 2
		r.setText(hexColour(model.DemoHex))
		r.text(marginL+contentW-rw, 11, rw, 4, right, "R")
		r.setFont("", 7.5)
		r.setText(cMuted)
	}
	r.text(marginL, 11, contentW-rw, 4, r.ellipsis(left, contentW-rw-4), "L")
	r.hline(marginL, marginL+contentW, 16, 0.2, cRule)

	r.hline(marginL, marginL+contentW, 285, 0.2, cRule)
	pg := fmt.Sprintf(r.w.page, page, pages)
	pw := r.width(pg) + 2
	r.setText(cMuted)
	r.text(marginL+contentW-pw, 286.5, pw, 4, pg, "R")
	r.text(marginL, 286.5, contentW-pw-4, 4, r.ellipsis(s.Title.In(r.lang), contentW-pw-6), "L")
}

// contents writes the table of contents into the room kept on page 2.
func (r *report) contents() {
	y, lh := r.tocY, r.tocLH
	n := 0
	for _, e := range r.toc {
		if e.level > 0 && !r.tocAreas {
			continue
		}
		if n++; n > r.tocRoom {
			break // never over what follows the room kept (tocEntries is a bug then)
		}
		x := marginL
		size := 10.0
		style := "B"
		if e.level > 0 {
			x += 6
			size = 9.5
			style = ""
		}
		r.setFont(style, size)
		r.setText(cText)
		pg := fmt.Sprint(e.page)
		pw := r.width(pg)
		title := r.ellipsis(e.title, marginL+contentW-x-pw-12)
		tw := r.width(title)
		r.text(x, y, tw+1, lh, title, "L")
		r.text(marginL+contentW-pw-1, y, pw+1, lh, pg, "R")
		// Dot leaders between the title and the page number.
		r.setFont("", size)
		r.setText(cRule)
		dot := r.width(" .")
		from, to := x+tw+2, marginL+contentW-pw-3
		if n := int((to - from) / dot); n > 0 {
			leaders := make([]byte, 0, 2*n)
			for range n {
				leaders = append(leaders, " ."...)
			}
			r.text(to-float64(n)*dot, y, float64(n)*dot, lh, string(leaders), "R")
		}
		r.pdf.Link(x, y, marginL+contentW-x, lh, e.link)
		y += lh
	}
}
