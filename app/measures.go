package app

import (
	"cmp"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"strategytracker/model"
)

// measureFilter is what the measure list shows: every condition set must hold.
type measureFilter struct {
	area        string // area code
	unit        string // lead unit code
	status      model.Status
	overdueOnly bool
	query       string // words that must all occur, any case
}

// measureRow is a measure as the list shows it, computed once per load.
type measureRow struct {
	id         model.ID
	code       string
	title      string
	area       string
	areaName   string
	unit       string
	unitName   string
	start, end model.Date
	progress   float64
	status     model.Status
	overridden bool
	reason     string // of an overridden status
	overdue    int
	search     string // lower-case: code, titles in both languages, area and unit
	titleKey   string // lower-case title, for sorting
	unitKey    string // lower-case unit name, for sorting
}

// buildRows evaluates every measure of d at asOf for the list.
func buildRows(d *model.Doc, asOf model.Date, lang model.Lang) []measureRow {
	areas := make(map[string]string, len(d.Areas))
	for _, a := range d.Areas {
		areas[a.Code] = a.Title.In(lang)
	}
	units := make(map[string]string, len(d.Units))
	for _, u := range d.Units {
		units[u.Code] = u.Name.In(lang)
	}
	rows := make([]measureRow, len(d.Measures))
	for i := range d.Measures {
		m := &d.Measures[i]
		f := m.Evaluate(asOf)
		r := measureRow{id: m.ID, code: m.Code, title: markInternal(m.Title.In(lang), m.Internal, tr("visibility.internal")), area: m.Area, areaName: areas[m.Area],
			unit: m.LeadUnit, unitName: units[m.LeadUnit], start: m.Start, end: m.End, progress: f.Progress,
			status: f.Status, overridden: f.Overridden, overdue: f.Overdue}
		if f.Overridden && m.Override != nil {
			r.reason = m.Override.ReasonText().In(lang)
		}
		r.titleKey, r.unitKey = lower(r.title), lower(r.unitName)
		r.search = lower(strings.Join([]string{m.Code, m.Title.BG, m.Title.EN, m.Area, r.areaName, m.LeadUnit, r.unitName}, "\n"))
		rows[i] = r
	}
	return rows
}

// filterRows appends to out the indexes of the rows f lets through.
func filterRows(rows []measureRow, f measureFilter, out []int) []int {
	words := strings.Fields(lower(f.query))
	for i := range rows {
		r := &rows[i]
		if (f.area != "" && r.area != f.area) || (f.unit != "" && r.unit != f.unit) ||
			(f.status != "" && r.status != f.status) || (f.overdueOnly && r.overdue == 0) {
			continue
		}
		ok := true
		for _, w := range words {
			if !strings.Contains(r.search, w) {
				ok = false
				break
			}
		}
		if ok {
			out = append(out, i)
		}
	}
	return out
}

// sortRows orders idx by column col; ties go by code.
func sortRows(rows []measureRow, idx []int, col int, desc bool) {
	statusRank := map[model.Status]int{}
	for i, s := range model.Statuses {
		statusRank[s] = i
	}
	slices.SortStableFunc(idx, func(a, b int) int {
		x, y := &rows[a], &rows[b]
		c := 0
		switch col {
		case colTitle:
			c = strings.Compare(x.titleKey, y.titleKey)
		case colArea:
			c = model.CompareCodes(x.area, y.area)
		case colUnit:
			c = strings.Compare(x.unitKey, y.unitKey)
		case colEnd:
			c = cmp.Compare(x.end, y.end)
		case colProgress:
			c = cmp.Compare(x.progress, y.progress)
		case colStatus:
			c = cmp.Compare(statusRank[x.status], statusRank[y.status])
		}
		if c == 0 {
			c = model.CompareCodes(x.code, y.code)
		}
		if desc {
			c = -c
		}
		return c
	})
}

// measuresScreen is the list of measures: filters, a search box, and the
// table or the timeline of what they let through.
type measuresScreen struct {
	u    *UI
	root fyne.CanvasObject

	rows       []measureRow
	visible    []int
	sortCol    int
	desc       bool
	syncing    bool
	extraWidth float32 // the room given to the growing columns

	area     *widget.Select
	unit     *widget.Select
	status   *widget.Select
	overdue  *widget.Check
	search   *widget.Entry
	clear    *widget.Button
	count    *widget.Label
	table    *widget.Table
	headers  map[int]*headerCell
	views    *container.AppTabs
	timeline *timeline

	areaCodes, unitCodes []string // options of the selects after "all"
}

func newMeasuresScreen(u *UI) *measuresScreen {
	s := &measuresScreen{u: u, headers: map[int]*headerCell{}}
	s.root = s.buildUI()
	return s
}

func (s *measuresScreen) content() fyne.CanvasObject { return s.root }

func (s *measuresScreen) buildUI() fyne.CanvasObject {
	s.area = widget.NewSelect(nil, func(string) { s.onFilterChanged() })
	s.unit = widget.NewSelect(nil, func(string) { s.onFilterChanged() })
	statusOpts := []string{tr("filter.allstatuses")}
	for _, st := range model.Statuses {
		statusOpts = append(statusOpts, st.Label(currentLang()))
	}
	s.status = widget.NewSelect(statusOpts, func(string) { s.onFilterChanged() })
	s.overdue = widget.NewCheck(tr("filter.overdue"), func(bool) { s.onFilterChanged() })
	s.search = widget.NewEntry()
	s.search.SetPlaceHolder(tr("filter.search"))
	s.search.ActionItem = widget.NewIcon(theme.SearchIcon())
	s.search.OnChanged = func(string) { s.onFilterChanged() }
	s.clear = widget.NewButtonWithIcon(tr("filter.clear"), theme.ContentClearIcon(), s.onClear)
	s.count = widget.NewLabel("")

	s.table = widget.NewTableWithHeaders(
		func() (int, int) { return len(s.visible), numCols },
		func() fyne.CanvasObject {
			return container.NewStack(newTextCell(), newProgressCell(), newStatusChip())
		},
		s.updateCell)
	s.table.ShowHeaderColumn = false
	s.table.CreateHeader = func() fyne.CanvasObject { return newHeaderCell() }
	s.table.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		if id.Col >= 0 {
			s.setHeader(id.Col, o.(*headerCell))
		}
	}
	for c, w := range colWidths {
		s.table.SetColumnWidth(c, w)
	}
	s.table.OnSelected = func(id widget.TableCellID) {
		s.table.UnselectAll()
		if id.Row >= 0 && id.Row < len(s.visible) {
			// After the tap: Fyne's table focuses itself once OnSelected
			// returns, and a table already gone with its screen made Fyne
			// log "Failed to focus object which is not part of the canvas".
			mid := s.rows[s.visible[id.Row]].id
			s.u.do(func() { s.u.openMeasure(mid) }, false)
		}
	}

	s.timeline = newTimeline(s)
	s.views = container.NewAppTabs(
		container.NewTabItemWithIcon(tr("measures.table"), theme.ListIcon(), container.New(tableFit{s}, s.table)),
		container.NewTabItemWithIcon(tr("measures.timeline"), theme.CalendarIcon(), s.timeline.root))
	s.views.OnSelected = func(*container.TabItem) { s.timeline.refresh() }

	// The filters wrap onto a second row in a narrow window.
	filters := container.NewGridWrap(fyne.NewSize(250, s.area.MinSize().Height), s.area, s.unit, s.status, s.overdue)
	searchRow := container.NewBorder(nil, nil, nil, container.NewHBox(s.clear, s.count), s.search)
	top := container.NewVBox(heading(tr("nav.measures")), filters, searchRow)
	legend := hint(tr("measures.legend"))
	return container.NewBorder(container.NewPadded(top), legend, nil, nil, s.views)
}

func (s *measuresScreen) updateCell(id widget.TableCellID, o fyne.CanvasObject) {
	stack := o.(*fyne.Container)
	label := stack.Objects[0].(*textCell)
	bar := stack.Objects[1].(*progressCell)
	chip := stack.Objects[2].(*statusChip)
	if id.Row >= len(s.visible) {
		return
	}
	r := &s.rows[s.visible[id.Row]]
	label.Hide()
	bar.Hide()
	chip.Hide()
	switch id.Col {
	case colProgress:
		bar.Set(r.progress, FormatPercent(r.progress, s.u.lang))
		bar.Show()
	case colStatus:
		chip.Set(r.status, r.overridden)
		chip.tip = ""
		if r.overridden {
			chip.tip = trf("status.overridden.tip", r.reason)
		}
		chip.Show()
	default:
		var t string
		switch id.Col {
		case colCode:
			t = r.code
		case colTitle:
			t = r.title
		case colArea:
			t = r.area + " · " + r.areaName
		case colUnit:
			t = r.unitName
		case colEnd:
			t = r.end.Format(s.u.lang)
		}
		label.SetText(t)
		label.Show()
	}
}

// refresh rebuilds the rows from the document.
func (s *measuresScreen) refresh() {
	u := s.u
	if u.doc == nil {
		return
	}
	s.rows = buildRows(u.doc, u.today, u.lang)
	s.syncing = true
	s.areaCodes = s.areaCodes[:0]
	areaOpts := []string{tr("filter.allareas")}
	for _, a := range model.SortedAreas(u.doc.Areas) {
		s.areaCodes = append(s.areaCodes, a.Code)
		areaOpts = append(areaOpts, a.Code+" · "+a.Title.In(u.lang))
	}
	s.area.SetOptions(areaOpts)
	units := slices.Clone(u.doc.Units)
	slices.SortFunc(units, func(a, b model.Unit) int { return strings.Compare(lower(a.Name.In(u.lang)), lower(b.Name.In(u.lang))) })
	s.unitCodes = s.unitCodes[:0]
	unitOpts := []string{tr("filter.allunits")}
	for _, un := range units {
		s.unitCodes = append(s.unitCodes, un.Code)
		unitOpts = append(unitOpts, un.Name.In(u.lang))
	}
	s.unit.SetOptions(unitOpts)
	s.syncing = false
	s.applyFilter()
}

// applyFilter shows u.filter in the widgets and the rows it lets through.
func (s *measuresScreen) applyFilter() {
	f := s.u.filter
	s.syncing = true
	s.area.SetSelectedIndex(1 + slices.Index(s.areaCodes, f.area))
	s.unit.SetSelectedIndex(1 + slices.Index(s.unitCodes, f.unit))
	s.status.SetSelectedIndex(1 + slices.Index(model.Statuses, f.status))
	s.overdue.SetChecked(f.overdueOnly)
	if s.search.Text != f.query {
		s.search.SetText(f.query)
	}
	s.syncing = false
	s.update()
}

// onFilterChanged reads the filter from the widgets.
func (s *measuresScreen) onFilterChanged() {
	if s.syncing {
		return
	}
	f := measureFilter{overdueOnly: s.overdue.Checked, query: s.search.Text}
	if i := s.area.SelectedIndex(); i > 0 && i-1 < len(s.areaCodes) {
		f.area = s.areaCodes[i-1]
	}
	if i := s.unit.SelectedIndex(); i > 0 && i-1 < len(s.unitCodes) {
		f.unit = s.unitCodes[i-1]
	}
	if i := s.status.SelectedIndex(); i > 0 {
		f.status = model.Statuses[i-1]
	}
	s.u.filter = f
	s.update()
}

func (s *measuresScreen) onClear() {
	s.u.filter = measureFilter{}
	s.applyFilter()
}

// setHeader shows column col's title with the sort arrow: up ascending,
// down descending, none on the other columns.
func (s *measuresScreen) setHeader(col int, h *headerCell) {
	var icon fyne.Resource
	if col == s.sortCol {
		icon = theme.MenuDropUpIcon()
		if s.desc {
			icon = theme.MenuDropDownIcon()
		}
	}
	h.Set(tr(colKeys[col]), icon, func() { s.onSort(col) })
	s.headers[col] = h
}

// onSort sorts by col; a second tap on the same column reverses the order.
// The headers are set again at once: the table does not always ask for
// them, and the arrow stayed ▲ in both directions (issue 22).
func (s *measuresScreen) onSort(col int) {
	if s.sortCol == col {
		s.desc = !s.desc
	} else {
		s.sortCol, s.desc = col, false
	}
	for c, h := range s.headers {
		if h != nil {
			s.setHeader(c, h)
		}
	}
	s.update()
}

// update filters and sorts the rows and shows them.
func (s *measuresScreen) update() {
	s.visible = filterRows(s.rows, s.u.filter, s.visible[:0])
	sortRows(s.rows, s.visible, s.sortCol, s.desc)
	s.count.SetText(trf("measures.count", len(s.visible), len(s.rows)))
	s.table.Refresh()
	s.timeline.refresh()
}

// showMeasures shows the measure list filtered by f (the dashboard's
// status counts).
func (u *UI) showMeasures(f measureFilter) {
	u.filter = f
	u.measures.applyFilter()
	u.showScreen(screenMeasures)
}

// onFind puts the cursor in the search box (Ctrl+F).
func (s *measuresScreen) onFind() {
	s.u.showScreen(screenMeasures)
	s.u.win.Canvas().Focus(s.search)
}

// visibleCodes lists the codes shown, in order (for tests).
func (s *measuresScreen) visibleCodes() []string {
	out := make([]string, len(s.visible))
	for i, k := range s.visible {
		out[i] = s.rows[k].code
	}
	return out
}
