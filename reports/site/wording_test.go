package site

import (
	"bytes"
	"strings"
	"testing"

	"strategytracker/model"
)

// TestManualStatusFootnoteOnlyWhereAStarIsShown: "* the status was set by
// hand" stands under a table of measures only when one of its statuses is
// starred.
func TestManualStatusFootnoteOnlyWhereAStarIsShown(t *testing.T) {
	d := demoDoc(t)
	for i := range d.Measures {
		d.Measures[i].Override = nil
	}
	m := &d.Measures[0]
	m.Override = &model.Override{Status: model.StatusAtRisk, Reason: "Обжалване"}
	files := readTree(t, publish(t, d, Options{}))
	star := []byte("*</span>") // a starred status badge
	areas, starred := 0, 0
	for name, page := range files {
		if !strings.Contains(name, "/areas/") && !strings.HasSuffix(name, "/measures.html") {
			continue
		}
		lang := model.Lang(name[:2])
		note := []byte(`<p class="muted">* ` + words[lang]["overridden"] + ".</p>")
		areas++
		want := bytes.Contains(page, star)
		if want {
			starred++
		}
		if got := bytes.Contains(page, note); got != want {
			t.Errorf("%s: footnote %v, a starred status shown %v", name, got, want)
		}
	}
	// The area of the measure and the list, in both languages.
	if starred != 4 || areas < 6 {
		t.Errorf("%d of %d tables of measures show a starred status, want 4", starred, areas)
	}
}

// TestWording: a measure's start is not called "Начало" (the home link's
// word), Bulgarian sizes are in КБ/МБ, and the cancelled badge is not
// struck through.
func TestWording(t *testing.T) {
	d := demoDoc(t)
	d.Measures[1].Cancelled = true
	files := readTree(t, publish(t, d, Options{}))
	s := newSite(d, Options{AsOf: asOf})
	page := string(files["bg/measures/"+s.measureFile[d.Measures[0].Code]])
	if strings.Count(page, ">Начало<") != 2 { // the navigation and the breadcrumb
		t.Errorf("the measure page says Начало %d times, want only for the home page's two links", strings.Count(page, ">Начало<"))
	}
	if !strings.Contains(page, "<dt>Начална дата</dt>") || !strings.Contains(page, "<dt>Крайна дата</dt>") {
		t.Error("the measure page does not name its start and end dates")
	}
	data := string(files["bg/data.html"])
	if strings.Contains(data, " KB") || strings.Contains(data, " MB") || !strings.Contains(data, " КБ)") {
		t.Error("the Bulgarian data page gives sizes in KB/MB, not КБ/МБ")
	}
	if !strings.Contains(string(files["en/data.html"]), " KB)") {
		t.Error("the English data page does not give sizes in KB")
	}
	for name, b := range files {
		if bytes.Contains(b, []byte("line-through")) || bytes.Contains(b, []byte(`class="strike"`)) {
			t.Errorf("%s: struck-through text", name)
		}
	}
}
