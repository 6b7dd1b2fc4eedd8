package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"strategytracker/model"
)

// detailScreen is one measure: its fields (every one editable, with
// validation messages beside them), milestones, KPI values, progress
// updates and its audit history, one tab each (detail_fields.go,
// milestones.go, kpis.go, updates.go, history.go).
type detailScreen struct {
	u         *UI
	measureID model.ID
	root      fyne.CanvasObject
	tabs      *container.AppTabs

	back    *widget.Button
	title   *widget.Label
	chip    *statusChip
	figures *widget.Label // two lines: progress and dates; overdue milestones, an override
	banner  *widget.Label

	fields     *fieldsTab
	milestones *milestonesTab
	kpis       *kpisTab
	updates    *updatesTab
	history    *historyTab
	vis        *visibilityBar // visibility.go

	actions   *fyne.Container                              // the whole-measure actions (measureactions.go)
	deletes   map[model.Entity]map[model.ID]*widget.Button // the rows' delete buttons (measureactions_children.go)
	revisions *widget.Label                                // the Revisions tab (measureactions_revisions.go)
}

// Tabs of the detail screen, in order.
const (
	tabFields = iota
	tabMilestones
	tabKPIs
	tabUpdates
	tabHistory
)

// tab is the index of the tab shown.
func (d *detailScreen) tab() int { return d.tabs.SelectedIndex() }

// showTab shows tab i (tabFields…).
func (d *detailScreen) showTab(i int) { d.tabs.SelectIndex(i) }

// onSaveKey is Ctrl+S on the detail: it saves the measure's fields when
// they may be saved, showing their tab.
func (d *detailScreen) onSaveKey() {
	if save := d.fields.saveBtn; save.Visible() && !save.Disabled() {
		d.showTab(tabFields)
		d.fields.onSave()
	}
}

func newDetailScreen(u *UI, id model.ID) *detailScreen {
	d := &detailScreen{u: u, measureID: id}
	d.root = d.buildUI()
	return d
}

func (d *detailScreen) content() fyne.CanvasObject { return d.root }

func (d *detailScreen) measure() *model.Measure { return d.u.doc.Measure(d.measureID) }

// code is the measure's code, for the labels of undo.
func (d *detailScreen) code() string {
	if m := d.measure(); m != nil {
		return m.Code
	}
	return ""
}

func (d *detailScreen) buildUI() fyne.CanvasObject {
	d.back = widget.NewButtonWithIcon(tr("action.back"), theme.NavigateBackIcon(), d.onBack)
	d.title = widget.NewLabel("")
	d.title.TextStyle = fyne.TextStyle{Bold: true}
	d.title.SizeName = theme.SizeNameSubHeadingText
	d.title.Wrapping = fyne.TextWrapWord
	d.chip = newStatusChip()
	d.figures = widget.NewLabel("")
	d.figures.Wrapping = fyne.TextWrapWord
	d.banner = lockBanner()

	d.fields = newFieldsTab(d)
	d.milestones = newMilestonesTab(d)
	d.kpis = newKPIsTab(d)
	d.updates = newUpdatesTab(d)
	d.history = newHistoryTab(d)
	d.tabs = container.NewAppTabs(
		container.NewTabItemWithIcon(tr("detail.fields"), theme.DocumentCreateIcon(), d.fields.root),
		container.NewTabItemWithIcon(tr("detail.milestones"), theme.ConfirmIcon(), d.milestones.root),
		container.NewTabItemWithIcon(tr("detail.kpis"), theme.InfoIcon(), d.kpis.root),
		container.NewTabItemWithIcon(tr("detail.updates"), theme.MailComposeIcon(), d.updates.root),
		container.NewTabItemWithIcon(tr("detail.history"), theme.HistoryIcon(), d.history.root),
	)
	d.tabs.Append(d.revisionsTab()) // the adopted plan's revisions (measureactions_revisions.go)
	d.tabs.OnSelected = func(t *container.TabItem) {
		if t == d.tabs.Items[tabHistory] {
			d.history.load()
		}
	}
	head := container.NewVBox(
		container.NewBorder(nil, nil, d.back, container.NewCenter(d.chip), d.title),
		d.figures, d.visibilityBar(), d.banner, d.measureActionsBar())
	return container.NewBorder(container.NewPadded(head), nil, nil, nil, d.tabs)
}

// refresh shows the measure as it now stands. A form with unsaved changes
// keeps them; their save will meet the newer version (ECONFLICT).
func (d *detailScreen) refresh() {
	u := d.u
	m := d.measure()
	if m == nil {
		return
	}
	lang := u.lang
	f := m.Evaluate(u.today)
	d.title.SetText(m.Code + " · " + m.Title.In(lang))
	d.chip.Set(f.Status, f.Overridden)
	figures := trf("detail.figures", FormatPercent(f.Progress, lang), FormatPercent(f.Expected, lang),
		m.Start.Format(lang), m.End.Format(lang), u.unitName(m.LeadUnit))
	// The second line is always there, so that the header keeps its
	// height when the last overdue milestone is completed.
	notes := tr("detail.nooverdue")
	if f.Overdue > 0 {
		notes = trf("detail.overdue", f.Overdue)
	}
	if f.Overridden && m.Override != nil {
		notes += " · " + trf("detail.override", f.Computed.Label(lang), m.Override.Reason)
	}
	d.figures.SetText(figures + "\n" + notes)
	d.refreshVisibility() // visibility.go

	d.fields.refresh(m)
	d.milestones.refresh()
	d.kpis.refresh()
	d.updates.refresh()
	d.refreshPlan() // measureactions_revisions.go
	if d.tabs.Selected() == d.tabs.Items[tabHistory] {
		d.history.load()
	}
}

func (d *detailScreen) onBack() { d.u.showScreen(screenMeasures) }

// listTab is the frame of the tabs that list a measure's rows: a button
// to add one, the banner saying why actions are hidden, and the rows.
type listTab struct {
	d      *detailScreen
	root   fyne.CanvasObject
	box    *fyne.Container
	add    *widget.Button
	banner *widget.Label
}

func newListTab(d *detailScreen, addLabel string, onAdd func()) listTab {
	t := listTab{d: d, banner: lockBanner(), box: container.NewVBox()}
	t.add = widget.NewButtonWithIcon(addLabel, theme.ContentAddIcon(), onAdd)
	t.root = container.NewBorder(container.NewVBox(container.NewHBox(t.add), t.banner), nil, nil, nil,
		container.NewVScroll(container.NewPadded(t.box)))
	return t
}

// begin starts a refresh: it empties the list, shows or hides the add
// button (entity's create rule) and says so when there are no rows (n).
// It returns the measure, nil when it is gone.
func (t *listTab) begin(entity model.Entity, n func(*model.Measure) int, none string, l *locks) *model.Measure {
	m := t.d.measure()
	if m == nil {
		return nil
	}
	t.box.RemoveAll()
	l.action(t.d.u.denial(entity, model.OpCreate, m), t.add)
	if n(m) == 0 {
		t.box.Add(hint(tr(none)))
	}
	return m
}
