package app

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"strategytracker/model"
)

func TestParseMoney(t *testing.T) {
	for _, c := range []struct {
		in   string
		want int64
		ok   bool
	}{
		{"1 234 567,89", 123456789, true},
		{"1234567.89", 123456789, true},
		{"€1,234,567.89", 123456789, true},
		{"1.234.567,89 €", 123456789, true},
		{"12,5", 1250, true},
		{"1,000", 100000, true}, // three digits after the separator group thousands
		{"0", 0, true},
		{"", 0, true},
		{"-3,20", -320, true},
		{"12a", 0, false},
		{"1,2,3.4.5", 0, false},
	} {
		got, ok := parseMoney(c.in)
		if got != c.want || ok != c.ok {
			t.Errorf("parseMoney(%q) = %d, %v; want %d, %v", c.in, got, ok, c.want, c.ok)
		}
	}
}

func TestParseNumber(t *testing.T) {
	for _, c := range []struct {
		in   string
		want float64
		ok   bool
	}{
		{"61,5", 61.5, true},
		{"61.5", 61.5, true},
		{"1 000", 1000, true},
		{"50 %", 50, true},
		{"x", 0, false},
		{"NaN", 0, false},
	} {
		got, ok := parseNumber(c.in)
		if got != c.want || ok != c.ok {
			t.Errorf("parseNumber(%q) = %v, %v; want %v, %v", c.in, got, ok, c.want, c.ok)
		}
	}
	if got, _ := parseMoney(formatMoneyInput(123456789)); got != 123456789 {
		t.Errorf("formatMoneyInput does not read back: %d", got)
	}
	if got := formatMoneyInput(123456789); got != "1 234 567,89" {
		t.Errorf("formatMoneyInput = %q", got)
	}
}

// The audit screen filters by person and entity; Verify runs the check.
func TestAuditScreen(t *testing.T) {
	h := newHarness(t, testDoc(), pOffice)
	d := h.open(mOpenData)
	retype(d.fields.manual, "65")
	h.tap(d.fields.saveBtn)
	h.store.audit = append(h.store.audit, model.AuditEntry{Seq: 99, At: "2026-11-01T09:00:00.000000Z", User: "Мария Георгиева",
		Action: model.ActionUpdate, Entity: model.EntityMilestone, EntityID: msOverdue, Field: "note", Old: `""`, New: `"x"`})

	h.u.showScreen(screenAudit)
	h.u.settle()
	s := h.u.audit
	if got := len(s.entries); got != 2 {
		t.Fatalf("entries = %d, want 2", got)
	}
	retype(s.user, "мария")
	h.tap(s.search)
	if len(s.entries) != 1 || s.entries[0].Seq != 99 {
		t.Errorf("by person: %+v", s.entries)
	}
	retype(s.user, "")
	s.entity.SetSelected(entityName(model.EntityMeasure))
	h.u.settle()
	if len(s.entries) != 1 || s.entries[0].Entity != model.EntityMeasure {
		t.Errorf("by entity: %+v", s.entries)
	}
	s.entity.SetSelectedIndex(0)
	h.u.settle()
	retype(s.from, "30.11.2026")
	h.tap(s.search)
	if len(s.entries) != 1 || s.entries[0].Seq == 99 {
		t.Errorf("from 30.11.2026: %+v", s.entries)
	}
	retype(s.from, "30.13.2026")
	h.tap(s.search)
	if s.errFrom.err.Text != tr("invalid.date") {
		t.Errorf("a bad date: %q", s.errFrom.err.Text)
	}
	retype(s.from, "")

	h.tap(s.verify)
	if !strings.Contains(string(latest[verifyResult](h)), "2") {
		t.Errorf("verify said %q", string(latest[verifyResult](h)))
	}
	h.store.checkErr = model.Errorf(model.EINVALID, "audit entry 2: hash does not match")
	h.tap(s.verify)
	if !strings.Contains(string(latest[verifyResult](h)), "hash does not match") {
		t.Errorf("a broken chain gave %q", string(latest[verifyResult](h)))
	}
}

// A snapshot is made, listed, and the dashboard compares with it.
func TestSnapshot(t *testing.T) {
	h := newHarness(t, testDoc(), pOffice)
	r := h.u.reports
	h.u.today = testAsOf.AddDays(1) // compare tomorrow with today's snapshot
	h.tap(r.makeSnap)
	f := latest[*snapshotForm](h)
	retype(f.name, "")
	h.tap(f.f.save)
	if f.nf.err.Text != tr("invalid.required") {
		t.Errorf("an empty name: %q", f.nf.err.Text)
	}
	retype(f.name, "Отчет 2026")
	retype(f.asOf, "30.11.2026")
	h.tap(f.f.save)
	if got := len(r.snaps); got != 1 || r.snaps[0].Name != "Отчет 2026" {
		t.Fatalf("snapshots = %+v", r.snaps)
	}
	first, ok := h.u.dash.changes.Objects[0].(*widget.Label)
	if want := trf("dash.changes.since", "Отчет 2026", "30.11.2026"); !ok || first.Text != want {
		t.Errorf("dashboard changes start with %v, want %q", h.u.dash.changes.Objects[0], want)
	}
	// Coordinators may not make snapshots.
	h.u.setUser(pCoordINNO)
	if usable(r.makeSnap) || !r.banner.Visible() {
		t.Error("a coordinator may make snapshots")
	}
}

// File › Export… writes the exchange file of the document.
func TestExportJSON(t *testing.T) {
	h := newHarness(t, testDoc(), pOffice)
	dir := t.TempDir()
	h.u.openExport("export.json")
	e := latest[*exportForm](h)
	if e == nil {
		t.Fatal("no export form")
	}
	e.path.folder.SetText(dir)
	e.path.name.SetText("out")
	h.tap(e.f.save)
	b, err := os.ReadFile(filepath.Join(dir, "out.json"))
	if err != nil {
		t.Fatal(err)
	}
	d, err := model.DecodeBytes(b)
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Measures) != 4 || d.Measures[1].Title.BG != "Платформа за открити данни" {
		t.Errorf("exported %d measures", len(d.Measures))
	}
	// The folder is remembered; a second export to the same name asks
	// first and, confirmed, replaces the file.
	h.u.openExport("export.json")
	e = latest[*exportForm](h)
	if got := e.path.folder.Text; got != dir {
		t.Errorf("the second export proposes %q, want the folder used last %q", got, dir)
	}
	e.path.name.SetText("out")
	os.WriteFile(filepath.Join(dir, "out.json"), []byte("old"), 0o644)
	h.tap(e.f.save)
	q := latest[*overwriteQuestion](h)
	if b, _ := os.ReadFile(filepath.Join(dir, "out.json")); string(b) != "old" {
		t.Fatal("the file was replaced before the user agreed")
	}
	h.tap(q.yes)
	if b, _ := os.ReadFile(filepath.Join(dir, "out.json")); !strings.HasPrefix(string(b), "{") {
		t.Errorf("after Replace the file holds %q", b[:min(8, len(b))])
	}
	done := latest[*exportedDialog](h)
	if done.path != filepath.Join(dir, "out.json") || done.open == nil || done.folder == nil {
		t.Errorf("the success dialog: %+v", done)
	}
	focused, ok := h.u.win.Canvas().Focused().(*enterButton)
	if !ok || focused != done.done {
		t.Fatalf("focused = %v, want Close", h.u.win.Canvas().Focused())
	}
	open := len(h.u.win.Canvas().Overlays().List())
	focused.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if got := len(h.u.win.Canvas().Overlays().List()); got != open-1 {
		t.Errorf("Enter did not close the dialog: %d overlays open, was %d", got, open)
	}
}

// Exports propose a name by strategy, kind, unit and period (else date),
// in the chosen language.
func TestExportNames(t *testing.T) {
	h := newHarness(t, testDoc(), pOffice)
	h.u.openExport("export.pdf")
	e := latest[*exportForm](h)
	if got := e.path.name.Text; got != "Дигитална-София-отчет-2026-11-30.pdf" {
		t.Errorf("PDF name = %q", got)
	}
	e.lang.SetSelected("English")
	e.kind.SetSelected(tr("export.template"))
	e.unit.SetSelectedIndex(2)
	if got := e.path.name.Text; got != "Digital-Sofia-template-INNO-2026-11-30.xlsx" {
		t.Errorf("template name = %q", got)
	}
	e.path.name.SetText("мой.xlsx")
	e.kind.SetSelected(tr("export.xlsx"))
	if got := e.path.name.Text; got != "мой.xlsx" {
		t.Errorf("a typed name was replaced by %q", got)
	}
}

// The export form's unit drop-down shows each unit as every unit chooser
// does (choices.go): its code and its name in the screen's language.
func TestExportUnitChoices(t *testing.T) {
	h := newHarness(t, testDoc(), pOffice)
	h.u.openExport("export.pdf")
	e := latest[*exportForm](h)
	labels, _ := unitChoices(h.doc(), model.BG)
	if got, want := e.unit.Options, append([]string{tr("filter.allunits")}, labels...); !slices.Equal(got, want) {
		t.Errorf("unit options %q, want %q", got, want)
	}
	if got, want := e.unit.Options[2], "INNO · Иновативна София"; got != want {
		t.Errorf("second unit %q, want %q", got, want)
	}
}

// After an export the app is idle: no busy indicator is left animating
// (a hidden ProgressBarInfinite of Fyne keeps redrawing the window).
func TestIdleAfterExport(t *testing.T) {
	h := newHarness(t, testDoc(), pOffice)
	dir := t.TempDir()
	h.u.openExport("export.pdf")
	e := latest[*exportForm](h)
	e.path.folder.SetText(dir)
	h.tap(e.f.save)
	if _, err := os.Stat(filepath.Join(dir, e.proposed)); err != nil {
		t.Fatal(err)
	}
	test.Tap(latest[*exportedDialog](h).done)
	objs := test.LaidOutObjects(h.u.win.Content())
	for _, o := range h.u.win.Canvas().Overlays().List() {
		objs = append(objs, test.LaidOutObjects(o)...)
	}
	for _, o := range objs {
		if b, ok := o.(*widget.ProgressBarInfinite); ok {
			t.Errorf("an infinite progress bar is left in the window (visible %v, running %v)", b.Visible(), b.Running())
		}
	}
	if h.u.busy != 0 || len(h.u.busyBox.Objects) != 0 {
		t.Errorf("busy = %d with %d indicators", h.u.busy, len(h.u.busyBox.Objects))
	}
}

// A failed load shows the error and no data.
func TestLoadError(t *testing.T) {
	a := test.NewTempApp(t)
	store := newMemStore(testDoc())
	store.docErr = errors.New("disk on fire")
	u := newTestUI(a, store)
	u.Start()
	u.settle()
	if !u.errLabel.Visible() || !strings.Contains(u.errLabel.Text, "disk on fire") {
		t.Errorf("error label = %q", u.errLabel.Text)
	}
	if u.win.Canvas().Overlays().Top() == nil {
		t.Error("no error dialog")
	}
}

// Every exporter writes its file off the UI goroutine: the workbook, the
// PDF and the template begin as they should.
func TestExportEveryKind(t *testing.T) {
	h := newHarness(t, testDoc(), pOffice)
	dir := t.TempDir()
	for _, x := range h.u.exporters() {
		h.u.openExport(x.key)
		e := latest[*exportForm](h)
		if got := e.kind.Selected; got != tr(x.key) {
			t.Errorf("export form preselects %q, want %q", got, tr(x.key))
		}
		if x.unit == e.unit.Disabled() {
			t.Errorf("%s: unit choice enabled %v", x.key, !e.unit.Disabled())
		}
		e.path.folder.SetText(dir)
		e.path.name.SetText(strings.TrimPrefix(x.key, "export."))
		h.tap(e.f.save)
		b, err := os.ReadFile(filepath.Join(dir, strings.TrimPrefix(x.key, "export.")+x.ext))
		if err != nil {
			t.Errorf("%s: %v", x.key, err)
			continue
		}
		magic := map[string]string{".json": "{", ".xlsx": "PK", ".pdf": "%PDF"}[x.ext]
		if !strings.HasPrefix(string(b), magic) {
			t.Errorf("%s starts with %q, want %q", x.key, b[:min(8, len(b))], magic)
		}
	}
}

// Ctrl+F shows the measures and puts the cursor in the search box.
func TestFindShortcut(t *testing.T) {
	h := newHarness(t, testDoc(), pOffice)
	h.u.win.Canvas().(fyne.Shortcutable).TypedShortcut(shortcutFind)
	if h.u.current != screenMeasures {
		t.Errorf("screen = %s", h.u.current)
	}
	if got := h.u.win.Canvas().Focused(); got != h.u.measures.search {
		t.Errorf("focused = %v, want the search box", got)
	}
}

// File › New strategy makes a file with the user in the strategy office
// and opens it.
func TestNewStrategy(t *testing.T) {
	h := newHarness(t, testDoc(), pOffice)
	dir := t.TempDir()
	var created *memStore
	h.u.opts.Creator = func(path string, d *model.Doc) (model.Store, error) {
		if filepath.Dir(path) != dir || filepath.Base(path) != "new.db" {
			t.Errorf("path = %q", path)
		}
		created = newMemStore(d)
		created.path, created.dbID = path, "db-new"
		return created, nil
	}
	h.u.onNewStrategy()
	n := latest[*newStrategyForm](h)
	n.path.folder.SetText(dir)
	n.path.name.SetText("new")
	h.tap(n.f.save)
	if created != nil {
		t.Fatal("a strategy without a title was created")
	}
	test.Type(n.titleBG, "Нова стратегия")
	test.Type(n.name, "Анна Иванова")
	h.tap(n.f.save)
	if created == nil || h.u.store != created {
		t.Fatal("the new file is not open")
	}
	if h.u.me == nil || h.u.me.Name.BG != "Анна Иванова" || h.u.me.Role != model.RoleOffice {
		t.Errorf("user = %+v, want the new office person", h.u.me)
	}
	if got := h.u.dash.title.Text; got != "Нова стратегия" {
		t.Errorf("dashboard title = %q", got)
	}
}

// Help › About names the version.
func TestAboutShowsVersion(t *testing.T) {
	h := newHarness(t, testDoc(), pOffice)
	h.u.opts.Version = "1.2.0-3-gabcdef"
	h.u.onAbout()
	if got, want := latest[aboutVersion](h).label.Text, "Strategy Tracker, версия 1.2.0-3-gabcdef"; got != want {
		t.Errorf("about = %q, want %q", got, want)
	}
}

// Right after a snapshot of today, the dashboard says it compares from
// tomorrow — not that there is no snapshot (issue 22).
func TestSnapshotOfTodayOnTheDashboard(t *testing.T) {
	h := newHarness(t, testDoc(), pOffice)
	h.tap(h.u.reports.makeSnap)
	f := latest[*snapshotForm](h)
	retype(f.name, "Днес")
	retype(f.asOf, testAsOf.Format(model.BG))
	h.tap(f.f.save)
	h.u.showScreen(screenDashboard)
	first, ok := h.u.dash.changes.Objects[0].(*widget.Label)
	if want := trf("dash.changes.today", "Днес", testAsOf.Format(model.BG)); !ok || first.Text != want {
		t.Errorf("dashboard changes start with %v, want %q", h.u.dash.changes.Objects[0], want)
	}
}
