package app

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"strategytracker/model"
)

// Every screen fits a 1024×700 window in both languages: what it needs at
// the least (its MinSize) is no wider and no taller than the window, so
// nothing is cut off — filters wrap, tables scroll, forms reflow.
func TestScreensFit1024x700(t *testing.T) {
	for _, lang := range []model.Lang{model.BG, model.EN} {
		for _, user := range []model.ID{pOffice, pCouncil} {
			h := newHarness(t, testDoc(), user)
			u := h.u
			u.onLanguage(lang)
			u.win.Resize(minWindowSize)
			check := func(what string) {
				t.Helper()
				u.settle()
				got := u.win.Content().MinSize()
				if got.Width > minWindowSize.Width || got.Height > minWindowSize.Height {
					t.Errorf("%s, %s, user %d: needs %v, more than %v", what, lang, user, got, minWindowSize)
				}
			}
			for _, s := range navScreens {
				u.showScreen(s)
				check(string(s))
			}
			u.measures.views.SelectIndex(1)
			u.showScreen(screenMeasures)
			check("timeline")
			d := h.open(mDocs)
			for i := range d.tabs.Items {
				d.tabs.SelectIndex(i)
				check("detail tab " + d.tabs.Items[i].Text)
			}
		}
	}
}

// What one may not change reads as normal text, not as a greyed input.
func TestReadOnlyIsReadableText(t *testing.T) {
	h := newHarness(t, testDoc(), pCouncil)
	d := h.open(mDocs)
	for name, want := range map[string]string{
		"title":        "Дигитален документооборот",
		"plannedCents": "100 000,00 €",
		"end":          "31.12.2027",
		"leadUnit":     "Иновативна София",
		"goals":        "G1 · Дигитални решения",
	} {
		f := d.fields.fields[name]
		if f.input.Visible() || !f.ro.Visible() {
			t.Errorf("%s: input shown %v, text shown %v", name, f.input.Visible(), f.ro.Visible())
		}
		if f.ro.Text != want {
			t.Errorf("%s reads %q, want %q", name, f.ro.Text, want)
		}
		if f.ro.Importance != widget.MediumImportance {
			t.Errorf("%s: importance %v, want the normal text colour", name, f.ro.Importance)
		}
	}
	// The office sees inputs.
	h.u.setUser(pOffice)
	d = h.u.detail
	if f := d.fields.fields["title"]; !f.input.Visible() || f.ro.Visible() {
		t.Error("the office sees the title as text")
	}
}

// A date is picked from a calendar beside the field, or typed.
func TestDatePicker(t *testing.T) {
	h := newHarness(t, testDoc(), pOffice)
	d := h.open(mDocs)
	d.tabs.SelectIndex(tabMilestones)
	h.tap(d.milestones.complete[msOverdue])
	c := latest[*completeForm](h)
	pick, ok := c.date.ActionItem.(*widget.Button)
	if !ok {
		t.Fatalf("no calendar button beside the date: %T", c.date.ActionItem)
	}
	pick.OnTapped()
	cal := latest[*widget.Calendar](h)
	cal.OnChanged(model.MustDate("2026-11-27").Time())
	if got := c.date.Text; got != "27.11.2026" {
		t.Errorf("picked date reads %q", got)
	}
	h.tap(c.f.save)
	if got := h.storedMilestone(msOverdue).Completed; got != model.MustDate("2026-11-27") {
		t.Errorf("completed = %s", got)
	}
	var _ fyne.CanvasObject = pick
}
