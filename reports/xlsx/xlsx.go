// Package xlsx writes the Excel workbooks of Strategy Tracker and reads
// them back: the progress workbook for the office and the council
// (WriteWorkbook), the update template for coordinators (WriteTemplate),
// and the validated, all-or-nothing import of a filled template
// (ReadUpdate → Plan → Apply).
//
// It depends on the model and excelize only; the caller opens the store,
// runs Apply inside one Store.Update and writes the bytes where they belong.
package xlsx

import (
	"io"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"strategytracker/model"
)

// Options are the settings of a workbook or a template.
type Options struct {
	Lang       model.Lang // language of sheet names, headings and texts (default bg)
	AsOf       model.Date // the date the figures are computed at
	PreparedBy string     // who made the file, shown on the first sheet; may be empty
	// Created is written to the file's properties (and the template's
	// hidden sheet); callers pass now, tests a fixed time, so that the same
	// input gives the same bytes. Zero keeps a fixed placeholder date.
	Created time.Time
	// Version is the build's version (strategytracker/version), written to
	// the file's properties so that a workbook says which build made it.
	Version string
}

func (o Options) lang() model.Lang {
	if o.Lang == model.EN {
		return model.EN
	}
	return model.BG
}

// Column widths are counted in characters.
const (
	minWidth = 6
	maxWidth = 60
)

// excelEpoch is day 0 of Excel's 1900 date system (1899-12-30, which
// absorbs Excel's 1900 leap-year bug for every date from 1900-03-01 on).
var excelEpoch = model.NewDate(1899, 12, 30)

// serial is d as an Excel date serial number.
func serial(d model.Date) int { return d.DaysSince(excelEpoch) }

// newFile makes an empty workbook whose first sheet is called first, with
// deterministic zip output and the document properties of opt.
func newFile(first, title string, opt Options) (*excelize.File, error) {
	f := excelize.NewFile()
	f.SetZipWriter(func(w io.Writer) excelize.ZipWriter { return &orderedZip{w: w} })
	if err := f.SetSheetName("Sheet1", first); err != nil {
		return nil, err
	}
	props := &excelize.DocProperties{
		Title:          title,
		Creator:        "Strategy Tracker",
		LastModifiedBy: "Strategy Tracker",
		Language:       map[model.Lang]string{model.BG: "bg-BG", model.EN: "en-GB"}[opt.lang()],
	}
	if opt.PreparedBy != "" {
		props.Creator = opt.PreparedBy
	}
	if opt.Version != "" {
		// Not AppVersion: Excel expects NN.NNNN there.
		props.Version = opt.Version
		props.LastModifiedBy = "Strategy Tracker " + opt.Version
	}
	if !opt.Created.IsZero() {
		props.Created = opt.Created.UTC().Format(time.RFC3339)
		props.Modified = props.Created
	}
	return f, f.SetDocProps(props)
}

// styles are the cell styles of one workbook, made once.
type styles struct {
	title, bold, demo, header, text, wrap             int
	dateStyle, eurStyle, pctStyle, numStyle, intStyle int
	fracStyle, eurBold                                int
	status                                            map[model.Status]int
	// The print header and footer of every sheet: the document's title,
	// the as-of line, and "page N of M" with the codes &P and &N.
	headText, footDay, pageOf string
	// Template inputs: unlocked, tinted.
	inText, inDate, inNum int
}

func hex(s string) string { return strings.TrimPrefix(s, "#") }

// darkFill reports whether white text reads better on the status colour.
func darkFill(s model.Status) bool { return s != model.StatusAtRisk && s != model.StatusNotStarted }

// fontName and fontSize are those of every font of the workbooks: a font
// without a name falls back to a serif in LibreOffice, and a style's font
// replaces the default one whole.
const (
	fontName = "Calibri"
	fontSize = 11
)

// font is the workbooks' font, bold or not, in colour (hex, "" for black).
func font(bold bool, size float64, colour string) *excelize.Font {
	return &excelize.Font{Family: fontName, Size: size, Bold: bold, Color: colour}
}

func newStyles(f *excelize.File, lang model.Lang) (*styles, error) {
	// Dates, money and percentages as the council report writes them
	// (model.SpreadsheetFormats). Numbers: whole ones without decimals,
	// others with one or two — never a format like #,##0.## that leaves
	// "20," with a trailing separator.
	sf := model.SpreadsheetFormats(lang)
	dateFmt, eurFmt, pctFmt, numFmt, fracFmt, intFmt := sf.Date, sf.EUR, sf.Percent, sf.Whole, sf.Value, "0"
	thin := []excelize.Border{{Type: "bottom", Color: "9AA0A6", Style: 1}}
	input := excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"FFF7D6"}}
	unlocked := &excelize.Protection{Locked: false}
	top := func() *excelize.Alignment { return &excelize.Alignment{Vertical: "top"} }
	plainFont := font(false, fontSize, "")
	s := &styles{status: map[model.Status]int{}}
	defs := []struct {
		id    *int
		style excelize.Style
	}{
		{&s.title, excelize.Style{Font: font(true, 14, "")}},
		{&s.bold, excelize.Style{Font: font(true, fontSize, "")}},
		{&s.demo, excelize.Style{Font: font(true, fontSize, hex(model.DemoHex))}},
		{&s.header, excelize.Style{Font: font(true, fontSize, ""), Border: thin,
			Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"E8EAED"}},
			Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}}},
		{&s.text, excelize.Style{Font: plainFont, Alignment: top()}},
		{&s.wrap, excelize.Style{Font: plainFont, Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}}},
		{&s.dateStyle, excelize.Style{Font: plainFont, CustomNumFmt: &dateFmt, Alignment: top()}},
		{&s.eurStyle, excelize.Style{Font: plainFont, CustomNumFmt: &eurFmt, Alignment: top()}},
		{&s.pctStyle, excelize.Style{Font: plainFont, CustomNumFmt: &pctFmt, Alignment: top()}},
		{&s.numStyle, excelize.Style{Font: plainFont, CustomNumFmt: &numFmt, Alignment: top()}},
		{&s.fracStyle, excelize.Style{Font: plainFont, CustomNumFmt: &fracFmt, Alignment: top()}},
		{&s.intStyle, excelize.Style{Font: plainFont, CustomNumFmt: &intFmt, Alignment: top()}},
		{&s.eurBold, excelize.Style{Font: font(true, fontSize, ""), CustomNumFmt: &eurFmt, Alignment: top()}},
		{&s.inText, excelize.Style{Font: plainFont, Fill: input, Protection: unlocked, Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}}},
		{&s.inDate, excelize.Style{Font: plainFont, Fill: input, Protection: unlocked, CustomNumFmt: &dateFmt, Alignment: top()}},
		{&s.inNum, excelize.Style{Font: plainFont, Fill: input, Protection: unlocked, CustomNumFmt: &fracFmt, Alignment: top()}},
	}
	for _, d := range defs {
		id, err := f.NewStyle(&d.style)
		if err != nil {
			return nil, err
		}
		*d.id = id
	}
	for _, st := range model.Statuses {
		fnt := font(false, fontSize, "000000")
		fnt.Strike = st == model.StatusCancelled
		if darkFill(st) {
			fnt.Color = "FFFFFF"
		}
		id, err := f.NewStyle(&excelize.Style{Font: fnt,
			Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{hex(model.StatusHex[st])}},
			Alignment: top()})
		if err != nil {
			return nil, err
		}
		s.status[st] = id
	}
	return s, nil
}

// page is how a sheet prints: A4, landscape unless portrait, fitted to
// fitWide pages across (1 by default) and as many down as it needs (or
// fitTall), the header rows repeated on every page (print titles), column
// A too when the sheet spans several pages across (colBreaks: the 1-based
// columns that start a new page), and a header and footer with the
// strategy, the sheet, the as-of date and page numbers.
type page struct {
	portrait         bool
	fitWide, fitTall int
	colBreaks        []int
	// titleCols is how many columns from A repeat on every page across
	// (the code and the name) when the sheet has column sets; 1 by default.
	titleCols int
	// titleRows is how many rows from the top repeat on every page down
	// on a sheet without a header row (its title): 0 by default.
	titleRows int
}

// titles is the number of columns repeated on every page across.
func (p page) titles() int { return max(p.titleCols, 1) }

func (p page) apply(f *excelize.File, name string, headerRows int, g *grid) error {
	st := g.st
	// Page setup goes before the stream: excelize writes the sheet's
	// properties when the stream starts. Spreadsheet programs ignore page
	// breaks of a sheet fitted to pages, so a sheet in column sets is
	// scaled instead: to fit its widest set on a page.
	fit := len(p.colBreaks) == 0
	if err := f.SetSheetProps(name, &excelize.SheetPropsOptions{FitToPage: ptr(fit)}); err != nil {
		return err
	}
	layout := &excelize.PageLayoutOptions{Size: ptr(9), Orientation: ptr("landscape")}
	if p.portrait {
		layout.Orientation = ptr("portrait")
	}
	if fit {
		layout.FitToWidth, layout.FitToHeight = ptr(max(p.fitWide, 1)), ptr(p.fitTall)
	} else {
		layout.AdjustTo = ptr(uint(p.scale(g)))
	}
	if err := f.SetPageLayout(name, layout); err != nil {
		return err
	}
	if err := f.SetPageMargins(name, &excelize.PageLayoutMarginsOptions{Left: ptr(0.5), Right: ptr(0.5),
		Top: ptr(0.75), Bottom: ptr(0.75), Header: ptr(0.3), Footer: ptr(0.3)}); err != nil {
		return err
	}
	var titles []string
	if len(p.colBreaks) > 0 {
		titles = append(titles, quoted(name)+"!$A:$"+colName(p.titles()))
	}
	switch {
	case headerRows > 0:
		titles = append(titles, quoted(name)+"!$"+itoa(headerRows)+":$"+itoa(headerRows))
	case p.titleRows > 0:
		titles = append(titles, quoted(name)+"!$1:$"+itoa(p.titleRows))
	}
	if len(titles) > 0 {
		if err := f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", Scope: name,
			RefersTo: strings.Join(titles, ",")}); err != nil {
			return err
		}
	}
	for _, c := range p.colBreaks {
		if err := f.InsertPageBreak(name, cellName(c, 1)); err != nil { // a page starts at column c
			return err
		}
	}
	pageOf := st.pageOf
	if pageOf == "" {
		pageOf = "&P / &N"
	}
	return f.SetHeaderFooter(name, &excelize.HeaderFooterOptions{
		OddHeader: "&L&8" + headerText(st.headText) + "&R&8&A",
		OddFooter: "&L&8" + headerText(st.footDay) + "&R&8" + pageOf,
	})
}

// scale is the print scale (percent) at which the widest column set of g
// fits the width of a landscape A4 page within its margins.
func (p page) scale(g *grid) int {
	const pagePoints = (11.69 - 2*0.5) * 72
	widest, set := 0.0, 0.0
	next := 0
	for i := range g.widths {
		if next < len(p.colBreaks) && i+1 == p.colBreaks[next] {
			widest, set = max(widest, set), 0
			for _, w := range g.widths[:min(p.titles(), len(g.widths))] {
				set += colPoints(w) // the title columns repeat
			}
			next++
		}
		set += colPoints(g.widths[i])
	}
	widest = max(widest, set)
	if widest == 0 {
		return 100
	}
	// 70 %: spreadsheet programs size columns by their default font's
	// digits, which may be wider than Calibri's (LibreOffice without it).
	return min(100, max(10, int(0.7*pagePoints/widest*100)))
}

// colPoints is the printed width of a column of w characters, as stream
// sets it, in points (7 pixels a character and 5 of padding, at 96 dpi).
func colPoints(w int) float64 { return float64(min(max(w+2, minWidth), maxWidth)*7+5) * 0.75 }

// headerText escapes a text for a print header or footer (& starts a code
// there) and keeps it short: a header holds at most 255 characters.
func headerText(s string) string {
	if r := []rune(s); len(r) > 90 {
		s = string(r[:89]) + "…"
	}
	return strings.ReplaceAll(s, "&", "&&")
}

// printed sets the print header and footer of the sheets styled by s.
func (s *styles) printed(title string, lang model.Lang, asOf model.Date) {
	s.headText = title
	s.footDay = msgAsOf.In(lang) + " " + asOf.Format(lang)
	s.pageOf = msgPageOf.In(lang)
}

// cell is one cell of a grid; the zero cell is left empty.
type cell = excelize.Cell

func isEmpty(c *cell) bool { return c.Value == nil && c.StyleID == 0 && c.Formula == "" }

// grid is a sheet's cells before they are streamed: widths must be known
// before the first row is written.
type grid struct {
	st     *styles
	page   page // how the sheet prints
	rows   [][]cell
	opts   []excelize.RowOpts
	widths []int
	caps   []int // the widest each column may grow (capWidths)
}

func (s *styles) grid() *grid { return &grid{st: s} }

// add appends a row and returns its 1-based number; each cell's width
// counts, up to its column's cap, beyond which a text wraps.
func (g *grid) add(cells ...cell) int {
	for i := range cells {
		w := g.st.width(&cells[i])
		if i < len(g.caps) && g.caps[i] > 0 && w > g.caps[i] {
			w = g.caps[i]
			if _, ok := cells[i].Value.(string); ok && cells[i].StyleID == 0 {
				cells[i].StyleID = g.st.wrap
			}
		}
		g.fit(i, w)
	}
	return g.addRow(cells, excelize.RowOpts{})
}

// capWidths sets the widest each column may grow, in characters, in
// order from column A (0: as wide as its texts, up to maxWidth): long
// texts wrap so that the sheet prints large enough to read.
func (g *grid) capWidths(caps ...int) { g.caps = caps }

// addLoose appends a row whose cells may run over into empty neighbours
// (titles, notes): they do not widen their columns.
func (g *grid) addLoose(cells ...cell) int { return g.addRow(cells, excelize.RowOpts{}) }

// addRow appends a row of cells, which it keeps.
func (g *grid) addRow(cells []cell, opt excelize.RowOpts) int {
	g.rows = append(g.rows, cells)
	g.opts = append(g.opts, opt)
	return len(g.rows)
}

func (g *grid) blank() int { return g.addLoose() }

func (g *grid) fit(col, w int) {
	for len(g.widths) <= col {
		g.widths = append(g.widths, 0)
	}
	g.widths[col] = max(g.widths[col], w)
}

// plain is a row of unstyled values.
func plain(values ...any) []cell {
	cells := make([]cell, len(values))
	for i, v := range values {
		cells[i].Value = v
	}
	return cells
}

// lineHeight is the height in points of a line of text in the default font.
const lineHeight = 15

// height is the height a row needs for its wrapped cells, or 0 for the
// default. Spreadsheet programs do not all fit rows to wrapped text when
// they open a file, so the workbook says.
func (g *grid) height(row []cell) float64 {
	lines := 1
	for col := range row {
		c := &row[col]
		if c.StyleID != g.st.wrap && c.StyleID != g.st.header && c.StyleID != g.st.inText {
			continue
		}
		v, ok := c.Value.(string)
		if !ok {
			continue
		}
		w := maxWidth - 1 // a loose cell runs over its neighbours
		if col < len(g.widths) {
			w = min(max(g.widths[col]+2, minWidth), maxWidth) - 1
		}
		n := 0
		for _, part := range strings.Split(v, "\n") {
			n += max(1, (utf8.RuneCountInString(part)+w-1)/w)
		}
		lines = max(lines, n)
	}
	if lines == 1 {
		return 0
	}
	return float64(min(lines*lineHeight, 409)) // Excel's largest row height
}

// alignTop gives the unstyled texts of a tall row the top alignment of
// the other cells.
func (g *grid) alignTop(row []cell) {
	for j := range row {
		if _, ok := row[j].Value.(string); ok && row[j].StyleID == 0 {
			row[j].StyleID = g.st.text
		}
	}
}

// width estimates the characters a cell shows.
func (s *styles) width(c *cell) int {
	style := c.StyleID
	switch v := c.Value.(type) {
	case nil:
		return 0
	case string:
		return min(utf8.RuneCountInString(v), maxWidth)
	case int:
		if style == s.dateStyle || style == s.inDate {
			return 10
		}
		return len(strconv.Itoa(v)) + 1
	case float64:
		switch style {
		case s.pctStyle:
			return 6
		case s.eurStyle:
			n := len(strconv.FormatFloat(v, 'f', 0, 64))
			return n + n/3 + 5 // separators, decimals and the sign
		}
		return min(len(strconv.FormatFloat(v, 'f', -1, 64)), 16)
	}
	return 10
}

// stream writes g to the sheet name through excelize's StreamWriter.
// headerRows are frozen; hidden lists hidden 1-based columns; before runs
// after the rows and before Flush, for autofilters, validation, protection
// and charts (which excelize keeps on the sheet until it is flushed).
func stream(f *excelize.File, name string, g *grid, headerRows int, hidden []int, before func() error) error {
	if err := g.page.apply(f, name, headerRows, g); err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(name)
	if err != nil {
		return err
	}
	for i, w := range g.widths {
		if err := sw.SetColWidth(i+1, i+1, float64(min(max(w+2, minWidth), maxWidth))); err != nil {
			return err
		}
	}
	for _, c := range hidden {
		if err := sw.SetColVisible(c, c, false); err != nil {
			return err
		}
	}
	if headerRows > 0 {
		top, _ := excelize.CoordinatesToCellName(1, headerRows+1)
		if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: headerRows, TopLeftCell: top, ActivePane: "bottomLeft",
			Selection: []excelize.Selection{{SQRef: top, ActiveCell: top, Pane: "bottomLeft"}}}); err != nil {
			return err
		}
	}
	var values []any // of *cell, nil for an empty cell; SetRow keeps none
	for i, row := range g.rows {
		if len(row) == 0 && g.opts[i] == (excelize.RowOpts{}) {
			continue
		}
		opt := g.opts[i]
		if opt.Height == 0 && !opt.Hidden {
			opt.Height = g.height(row)
		}
		if opt.Height > 0 {
			g.alignTop(row)
		}
		values = values[:0]
		for j := range row {
			if isEmpty(&row[j]) {
				values = append(values, nil)
			} else {
				values = append(values, &row[j])
			}
		}
		if err := sw.SetRow(cellName(1, i+1), values, opt); err != nil {
			return err
		}
	}
	if before != nil {
		if err := before(); err != nil {
			return err
		}
	}
	return sw.Flush()
}

// cellName is the A1 name of column col, row row (both 1-based).
func cellName(col, row int) string {
	name, _ := excelize.CoordinatesToCellName(col, row)
	return name
}

// colName is the letters of column col (1-based).
func colName(col int) string {
	name, _ := excelize.ColumnNumberToName(col)
	return name
}

func ptr[T any](v T) *T { return &v }

func itoa(n int) string { return strconv.Itoa(n) }

// quoted is the sheet name quoted for a formula: 'Мерки'!$A$1.
func quoted(sheet string) string { return "'" + strings.ReplaceAll(sheet, "'", "''") + "'" }

// Cells. The zero cell is left empty.

// str is a text cell; a text longer than a column may be wide wraps. A
// short one has the default style (a style on every cell costs a sixth of
// the time of a large workbook); stream aligns it to the top in a row made
// tall by wrapped text.
func (s *styles) str(v string) cell {
	if v == "" {
		return cell{}
	}
	if len(v) > maxWidth && utf8.RuneCountInString(v) > maxWidth {
		return cell{StyleID: s.wrap, Value: v}
	}
	return cell{Value: v}
}

// link is a web address that opens when clicked (a HYPERLINK formula,
// which streamed sheets and every spreadsheet program take), else text.
func (s *styles) link(url string) cell {
	c := s.str(url)
	if url != "" && model.CheckLink("", "evidence", url) == nil && len(url) < 255 { // HYPERLINK takes at most 255 characters
		c.Formula = `HYPERLINK("` + strings.ReplaceAll(url, `"`, `""`) + `")`
		if c.StyleID == 0 {
			c.StyleID = s.wrap
		}
	}
	return c
}

func (s *styles) styled(style int, v any) cell { return cell{StyleID: style, Value: v} }

func (s *styles) date(d model.Date) cell {
	if d == 0 {
		return cell{}
	}
	return cell{StyleID: s.dateStyle, Value: serial(d)}
}

func (s *styles) eur(cents int64) cell {
	return cell{StyleID: s.eurStyle, Value: float64(cents) / 100}
}

// percent writes p (0–100) as a fraction with a percent format.
func (s *styles) percent(p float64) cell { return cell{StyleID: s.pctStyle, Value: p / 100} }

// number is a measured value: whole numbers without decimals, others with
// one or two.
func (s *styles) number(v float64) cell {
	if v == math.Trunc(v) && math.Abs(v) < 1e15 {
		return cell{StyleID: s.numStyle, Value: v}
	}
	return cell{StyleID: s.fracStyle, Value: v}
}

func (s *styles) integer(v int) cell { return cell{StyleID: s.intStyle, Value: v} }

// header is a row of column headings. They wrap rather than widen a column
// beyond headerWidth.
func (g *grid) header(lang model.Lang, labels ...model.Text) int {
	cells := make([]cell, len(labels))
	for i, l := range labels {
		cells[i] = cell{StyleID: g.st.header, Value: l.In(lang)}
		g.fit(i, min(g.st.width(&cells[i]), headerWidth))
	}
	return g.addRow(cells, excelize.RowOpts{})
}

const headerWidth = 13
