package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"strategytracker/model"
)

// A council member's file is read-only: every field shows as text, every
// action is hidden, and the reason is shown.
func TestCouncilCannotEdit(t *testing.T) {
	h := newHarness(t, testDoc(), pCouncil)
	d := h.open(mDocs)

	for name, w := range map[string]fyne.CanvasObject{
		"title": d.fields.titleBG, "end": d.fields.end, "manual progress": d.fields.manual, "save": d.fields.saveBtn,
		"add milestone": d.milestones.add, "complete": d.milestones.complete[msOverdue],
		"edit milestone": d.milestones.edit[msOverdue], "cancel milestone": d.milestones.cancel[msOverdue],
		"add value": d.kpis.addValue[kpiDocs], "add update": d.updates.add,
		"make snapshot": h.u.reports.makeSnap,
	} {
		if usable(w) {
			t.Errorf("%s is usable by a council member", name)
		}
	}
	want := trf("lock.council", "Виктория Маринова")
	if !d.banner.Visible() || !strings.Contains(d.banner.Text, want) {
		t.Errorf("banner = %q (visible %v), want %q", d.banner.Text, d.banner.Visible(), want)
	}
	reasonOnce(t, d, want)
	// Even a direct attempt is refused, by the store.
	h.u.save("x", func(tx model.Tx) error {
		m := tx.Doc().Measure(mDocs).OwnFields()
		m.Title.BG = "Опит"
		return tx.SaveMeasure(m)
	}, func(err error) {
		if model.ErrorCode(err) != model.EFORBIDDEN {
			t.Errorf("a council member's save returned %v, want EFORBIDDEN", err)
		}
	})
	h.u.settle()
	if got := h.stored(mDocs).Title.BG; got != "Дигитален документооборот" {
		t.Errorf("title = %q", got)
	}
}

// A coordinator may not touch another unit's measure, and is told why; on
// their own measure they may change milestones, values, updates and the
// manual progress, nothing else.
func TestCoordinatorCannotTouchAnotherUnitsMeasure(t *testing.T) {
	h := newHarness(t, testDoc(), pCoordINNO)

	d := h.open(mCrossings) // led by IT
	for name, w := range map[string]fyne.CanvasObject{
		"manual progress": d.fields.manual, "save": d.fields.saveBtn, "complete": d.milestones.complete[msDueSoon],
		"cancel milestone": d.milestones.cancel[msDueSoon], "add update": d.updates.add,
	} {
		if usable(w) {
			t.Errorf("%s of another unit's measure is usable", name)
		}
	}
	want := trf("lock.otherunit", "2.1", "Информационни технологии", "Иновативна София")
	reasonOnce(t, d, want)

	d = h.open(mDocs) // led by INNO
	for name, w := range map[string]fyne.CanvasObject{
		"manual progress": d.fields.manual, "save": d.fields.saveBtn, "complete": d.milestones.complete[msOverdue],
		"cancel milestone": d.milestones.cancel[msOverdue], "add value": d.kpis.addValue[kpiDocs], "add update": d.updates.add,
	} {
		if !usable(w) {
			t.Errorf("%s of the coordinator's own measure is not usable", name)
		}
	}
	for name, w := range map[string]fyne.CanvasObject{
		"title": d.fields.titleBG, "end": d.fields.end, "budget": d.fields.planned, "add milestone": d.milestones.add, "add indicator": d.kpis.add,
	} {
		if usable(w) {
			t.Errorf("%s is usable by a coordinator", name)
		}
	}
	if !strings.Contains(d.banner.Text, tr("lock.coordinator")) {
		t.Errorf("banner = %q, want the coordinator's rule", d.banner.Text)
	}
	// The milestone form locks the title and the due date but not the note.
	h.tap(d.milestones.edit[msOverdue])
	f := latest[*milestoneForm](h)
	if usable(f.titleBG) || usable(f.due) || !usable(f.note) || !usable(f.completed) {
		t.Errorf("milestone form: title usable %v, due %v, note %v, completed %v",
			usable(f.titleBG), usable(f.due), usable(f.note), usable(f.completed))
	}
	if got := f.fields["title"].ro.Text; got != "Пилот в два района" || !f.fields["title"].ro.Visible() {
		t.Errorf("the locked title reads %q (shown %v)", got, f.fields["title"].ro.Visible())
	}
	test.Type(f.note, "Чака подпис")
	h.tap(f.f.save)
	if got := h.storedMilestone(msOverdue).Note; got != "Чака подпис" {
		t.Errorf("note = %q", got)
	}
	// The manual progress of an own measure can be saved.
	d = h.open(mOpenData)
	retype(d.fields.manual, "60")
	h.tap(d.fields.saveBtn)
	if got := h.stored(mOpenData).ManualProgress; got != 60 {
		t.Errorf("manual progress = %v, want 60", got)
	}
}

// Without a chosen person the app is read-only and asks who the user is;
// the choice is remembered for the file and names every edit.
func TestIdentityChosenAndRemembered(t *testing.T) {
	h := newHarness(t, testDoc(), 0)
	id := h.u.identity
	if id == nil {
		t.Fatal("no identity dialog at the first start")
	}
	if !h.u.measures.u.dash.root.Visible() {
		t.Error("dashboard hidden")
	}
	d := h.open(mOpenData)
	if usable(d.fields.saveBtn) || !strings.Contains(d.banner.Text, tr("lock.nouser")) {
		t.Errorf("without a user: save usable %v, banner %q", usable(d.fields.saveBtn), d.banner.Text)
	}
	if !id.ok.Disabled() {
		t.Error("OK is enabled before anyone is chosen")
	}
	id.choose(pCoordINNO)
	h.tap(id.ok)
	if h.u.me == nil || h.u.me.ID != pCoordINNO {
		t.Fatalf("user = %v, want person %d", h.u.me, pCoordINNO)
	}
	if got := h.app.Preferences().Int(prefUser + h.store.DatabaseID()); got != int(pCoordINNO) {
		t.Errorf("remembered user = %d, want %d", got, pCoordINNO)
	}
	if !strings.Contains(h.u.userLabel.Text, "Мария Георгиева") {
		t.Errorf("user label = %q", h.u.userLabel.Text)
	}
	d = h.u.detail
	retype(d.fields.manual, "55")
	h.tap(d.fields.saveBtn)
	if n := len(h.store.audit); n == 0 || h.store.audit[n-1].User != "Мария Георгиева" {
		t.Errorf("the edit is not named after the user: %+v", h.store.audit)
	}

	// A second start on the same file does not ask again.
	u2 := newTestUI(h.app, h.store)
	u2.Start()
	u2.settle()
	if u2.identity != nil || u2.me == nil || u2.me.ID != pCoordINNO {
		t.Errorf("second start: dialog %v, user %v", u2.identity != nil, u2.me)
	}
}

// File › Import a plan… and Import… are not in the menu of a council
// member (issue 22: enabled, then refused after the click); the office
// has them.
func TestImportMenusHiddenForCouncil(t *testing.T) {
	for _, c := range []struct {
		who   model.ID
		shown bool
	}{{pCouncil, false}, {pOffice, true}} {
		h := newHarness(t, testDoc(), c.who)
		m := h.u.menu
		m.refresh()
		for _, it := range []*fyne.MenuItem{m.plan, m.imp} {
			found := false
			for _, x := range m.file.Items {
				found = found || x == it
			}
			if found != c.shown {
				t.Errorf("person %d: %q in the File menu = %v, want %v", c.who, it.Label, found, c.shown)
			}
		}
	}
}

// reasonOnce checks that the role's reason why is said once on the detail
// screen: in the banner over the tabs, not again inside a tab (issue 22:
// the coordinator's and the council's reason line showed twice).
func reasonOnce(t *testing.T, d *detailScreen, why string) {
	t.Helper()
	if !d.banner.Visible() || !strings.Contains(d.banner.Text, why) {
		t.Errorf("banner over the tabs = %q (visible %v), want %q", d.banner.Text, d.banner.Visible(), why)
	}
	for name, b := range map[string]*widget.Label{"milestones": d.milestones.banner, "kpis": d.kpis.banner, "updates": d.updates.banner} {
		if b.Visible() && strings.Contains(b.Text, why) {
			t.Errorf("the %s tab says the reason again: %q", name, b.Text)
		}
	}
}

// The sidebar names the user's unit in the screen's language, never by
// its bare code.
func TestSidebarNamesTheUsersUnit(t *testing.T) {
	h := newHarness(t, testDoc(), pOffice)
	for _, tc := range []struct {
		lang model.Lang
		want string
	}{
		{model.BG, "Кабинет по дигитализация"},
		{model.EN, "Digitalisation office"},
	} {
		h.u.onLanguage(tc.lang)
		h.u.settle()
		if got := h.u.userLabel.Text; !strings.Contains(got, tc.want) || strings.HasSuffix(got, " DMO") {
			t.Errorf("%s sidebar %q, want the unit's name %q", tc.lang, got, tc.want)
		}
	}
}
