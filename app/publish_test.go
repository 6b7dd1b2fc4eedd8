// Reports › Publish and the visibility flags are tested together here, end to end
// through the screens (issue 16): the file is long because each test drives a
// whole publication.

package app

import (
	"bytes"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"strategytracker/model"
)

// publishThroughScreen opens Reports › Publish, types dir and publishes.
func (h *harness) publishThroughScreen(dir string) *publishForm {
	h.t.Helper()
	h.u.showScreen(screenReports)
	h.u.settle()
	h.tap(h.u.reports.publish.btn)
	p := latest[*publishForm](h)
	retype(p.folder, dir)
	h.tap(p.f.save)
	return p
}

// urlRecorder keeps the URLs the app asked to open.
type urlRecorder struct {
	fyne.App
	urls []*url.URL
}

func (r *urlRecorder) OpenURL(u *url.URL) error {
	r.urls = append(r.urls, u)
	return nil
}

// menuItem finds the item of the main menu labelled label.
func (h *harness) menuItem(label string) *fyne.MenuItem {
	h.t.Helper()
	for _, m := range h.u.win.MainMenu().Items {
		for _, it := range m.Items {
			if it.Label == label {
				return it
			}
		}
	}
	h.t.Fatalf("no menu item %q", label)
	return nil
}

// showing reports whether the form is open: its Save button is on an
// overlay of the window.
func (h *harness) showing(f *formDialog) bool {
	for _, o := range h.u.win.Canvas().Overlays().List() {
		for _, x := range test.LaidOutObjects(o) {
			if x == f.save {
				return true
			}
		}
	}
	return false
}

// labelsOf joins the texts of the labels under o, hidden tabs included.
func labelsOf(o fyne.CanvasObject) string {
	var texts []string
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch x := o.(type) {
		case *widget.Label:
			texts = append(texts, x.Text)
		case *fyne.Container:
			for _, c := range x.Objects {
				walk(c)
			}
		case *container.AppTabs:
			for _, it := range x.Items {
				walk(it.Content)
			}
		case *container.Scroll:
			walk(x.Content)
		case *widget.Card:
			walk(x.Content)
		case *container.Split:
			walk(x.Leading)
			walk(x.Trailing)
		}
	}
	walk(o)
	return strings.Join(texts, "\n")
}

// siteContains reports the files under dir whose bytes contain s.
func siteContains(t *testing.T, dir, s string) []string {
	t.Helper()
	var hits []string
	err := filepath.WalkDir(dir, func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if bytes.Contains(b, []byte(s)) {
			hits = append(hits, p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return hits
}

func TestPublishThroughTheScreen(t *testing.T) {
	h := newHarness(t, testDoc(), pOffice)
	dir := filepath.Join(t.TempDir(), "site")
	p := h.publishThroughScreen(dir)
	if h.showing(p.f) {
		t.Fatalf("the form stayed open: %q", p.folderField.err.Text)
	}
	for _, f := range []string{"index.html", "bg/index.html", "en/index.html", "data/datapackage.json", siteMarker} {
		if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(f))); err != nil {
			t.Errorf("%s was not published: %v", f, err)
		}
	}
	if hits := siteContains(t, dir, "Платформа за открити данни"); len(hits) == 0 {
		t.Error("measure 1.2 is not on the site")
	}
	done := latest[*publishedDialog](h)
	if done.dir != dir || !strings.Contains(h.topDialogText(), dir) {
		t.Errorf("the success dialog names %q, says %q; want %q", done.dir, h.topDialogText(), dir)
	}
	if done.browser.Text != "Отвори в браузъра" || done.folder.Text != tr("export.showfolder") {
		t.Errorf("buttons %q, %q", done.browser.Text, done.folder.Text)
	}
	// Open in browser opens the site's index.html; Show in folder the folder.
	rec := &urlRecorder{App: h.u.app}
	h.u.opts.OpenURL = rec.OpenURL
	h.tap(done.browser)
	h.tap(done.folder)
	if len(rec.urls) != 2 || rec.urls[0].Scheme != "file" || rec.urls[0].Path != filepath.ToSlash(filepath.Join(dir, "index.html")) ||
		rec.urls[1].Path != filepath.ToSlash(dir) {
		t.Errorf("opened %v, want file://%s/index.html and the folder", rec.urls, dir)
	}
	// Publishing again replaces the site the app wrote.
	if got := h.u.defaultPublishFolder(); got != dir {
		t.Errorf("the next publication proposes %q, want the folder used last %q", got, dir)
	}
	p = h.publishThroughScreen(dir)
	if h.showing(p.f) {
		t.Fatalf("publishing over a published site was refused: %q", p.folderField.err.Text)
	}
}

func TestPublishOneLanguageAndLicence(t *testing.T) {
	h := newHarness(t, testDoc(), pOffice)
	dir := filepath.Join(t.TempDir(), "site")
	h.u.showScreen(screenReports)
	h.tap(h.u.reports.publish.btn)
	p := latest[*publishForm](h)
	if p.licence.Selected != "Creative Commons Attribution 4.0 International (CC BY 4.0)" {
		t.Errorf("default licence %q, want CC BY 4.0", p.licence.Selected)
	}
	retype(p.folder, dir)
	p.langs.SetSelected("English")
	p.licence.SetSelectedIndex(1) // CC0
	test.Tap(p.f.save)
	if h.u.progress == nil {
		t.Error("no progress dialog while publishing")
	}
	h.u.settle()
	if h.u.progress != nil {
		t.Error("the progress dialog stayed after publishing")
	}
	if _, err := os.Stat(filepath.Join(dir, "en", "index.html")); err != nil {
		t.Fatalf("no English site: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "bg")); err == nil {
		t.Error("a Bulgarian site was published when only English was chosen")
	}
	if len(siteContains(t, filepath.Join(dir, "data", "datapackage.json"), "CC0-1.0")) == 0 {
		t.Error("data/datapackage.json does not state the chosen licence CC0-1.0")
	}
}

func TestPublishRefusesAFolderThatIsNotASite(t *testing.T) {
	h := newHarness(t, testDoc(), pOffice)
	dir := t.TempDir()
	mine := filepath.Join(dir, "бележки.txt")
	if err := os.WriteFile(mine, []byte("мои бележки"), 0o644); err != nil {
		t.Fatal(err)
	}
	p := h.publishThroughScreen(dir)
	if !h.showing(p.f) {
		t.Fatal("the form closed: the folder was not refused")
	}
	if msg := p.folderField.err.Text; !strings.Contains(msg, "не е празна") || !strings.Contains(msg, dir) {
		t.Errorf("refusal %q does not explain the folder is not empty", msg)
	}
	if opened[*publishedDialog](h) {
		t.Error("a success dialog was shown")
	}
	entries, _ := os.ReadDir(dir)
	if b, _ := os.ReadFile(mine); len(entries) != 1 || string(b) != "мои бележки" {
		t.Errorf("the folder was changed: %d entries, file %q", len(entries), b)
	}
	// A bad date is refused beside its field.
	retype(p.folder, filepath.Join(dir, "site"))
	retype(p.asOf, "31.02.2026")
	h.tap(p.f.save)
	if p.asOfField.err.Text == "" || !h.showing(p.f) {
		t.Error("an impossible as-of date was accepted")
	}
}

func TestPublishFolderChecks(t *testing.T) {
	setLanguage(model.EN)
	t.Cleanup(func() { setLanguage(model.BG) })
	tmp := t.TempDir()
	file := filepath.Join(tmp, "notes.txt")
	full := filepath.Join(tmp, "full")
	site := filepath.Join(tmp, "published")
	empty := filepath.Join(tmp, "empty")
	for _, d := range []string{full, site, empty} {
		if err := os.Mkdir(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	for _, f := range []string{file, filepath.Join(full, "a.txt"), filepath.Join(site, siteMarker), filepath.Join(site, "index.html")} {
		if err := os.WriteFile(f, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, tc := range []struct {
		dir, want string // want: part of the message, "" when accepted
	}{
		{"", "Required"},
		{"site", "whole path"},
		{file, "is a file"},
		{filepath.Join(tmp, "missing", "site"), "does not exist"},
		{full, "not empty"},
		{filepath.Join(tmp, "new"), ""},
		{empty, ""},
		{site, ""},
	} {
		got := checkPublishFolder(tc.dir)
		if (tc.want == "") != (got == "") || !strings.Contains(got, tc.want) {
			t.Errorf("checkPublishFolder(%q) = %q, want %q", tc.dir, got, tc.want)
		}
	}
}

func TestPublishIsForTheOfficeOnly(t *testing.T) {
	for _, tc := range []struct {
		name string
		user model.ID
		want string // in the reason shown
	}{
		{"office", pOffice, ""},
		{"coordinator", pCoordINNO, "Само стратегическият офис"},
		{"council", pCouncil, "Само стратегическият офис"},
		{"nobody", 0, "изберете кой сте"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t, testDoc(), tc.user)
			h.u.showScreen(screenReports)
			h.u.settle()
			c := h.u.reports.publish
			if got := c.btn.Visible(); got != (tc.want == "") {
				t.Fatalf("Publish shown: %v", got)
			}
			item := h.menuItem("Публикуване на сайта…")
			if tc.want == "" {
				if c.banner.Visible() {
					t.Errorf("a reason is shown to the office: %q", c.banner.Text)
				}
				item.Action()
				h.u.settle()
				if !opened[*publishForm](h) {
					t.Error("File › Publish did not open the form")
				}
				return
			}
			if !c.banner.Visible() || !strings.Contains(strings.ToLower(c.banner.Text), strings.ToLower(tc.want)) {
				t.Errorf("reason %q (shown %v), want it to contain %q", c.banner.Text, c.banner.Visible(), tc.want)
			}
			item.Action() // File › Publish explains why not
			h.u.settle()
			if opened[*publishForm](h) {
				t.Error("the publish form opened")
			}
			if got := h.topDialogText(); !strings.Contains(strings.ToLower(got), strings.ToLower(tc.want)) {
				t.Errorf("File › Publish says %q, want the reason %q", got, tc.want)
			}
		})
	}
}

// toggleMeasureInternal marks measure id internal (or public) through its
// Publication form.
func (h *harness) toggleMeasureInternal(id model.ID) {
	h.t.Helper()
	d := h.open(id)
	if !d.vis.btn.Visible() {
		h.t.Fatal("no Publication button for the office")
	}
	h.tap(d.vis.btn)
	v := latest[*visibilityForm](h)
	test.Tap(v.measure)
	h.tap(v.f.save)
	if h.showing(v.f) {
		h.t.Fatalf("the form stayed open: %q", v.f.err.Text)
	}
}

func TestInternalMeasureIsLeftOutOfThePublishedSite(t *testing.T) {
	h := newHarness(t, testDoc(), pOffice)
	h.toggleMeasureInternal(mOpenData)
	if !h.stored(mOpenData).Internal {
		t.Fatal("the measure was not stored internal")
	}
	d := h.u.detail
	if !strings.Contains(d.title.Text, "вътрешна") || !d.vis.mark.Visible() {
		t.Errorf("no internal mark: title %q, mark %q", d.title.Text, d.vis.mark.Text)
	}
	dir := filepath.Join(t.TempDir(), "site")
	h.publishThroughScreen(dir)
	if _, err := os.Stat(filepath.Join(dir, "index.html")); err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"Платформа за открити данни", "Open data platform", "Публикувани са 40 набора"} {
		if hits := siteContains(t, dir, s); len(hits) > 0 {
			t.Errorf("internal %q published in %v", s, hits)
		}
	}
	if hits := siteContains(t, dir, "Дигитален документооборот"); len(hits) == 0 {
		t.Error("the public measure 1.1 is missing")
	}
	// The measures list marks it too.
	marked := 0
	for _, r := range h.u.measures.rows {
		if strings.HasSuffix(r.title, " · вътрешна") {
			marked++
			if r.id != mOpenData {
				t.Errorf("measure %s is marked internal", r.code)
			}
		}
	}
	if marked != 1 {
		t.Errorf("%d measures marked internal in the list, want 1", marked)
	}
}
