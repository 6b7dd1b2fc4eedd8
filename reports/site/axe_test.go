package site

import (
	"context"
	"encoding/json"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"strategytracker/model"
)

// checkedDoc is the demo with what makes every part of a page appear: a
// status set by hand, a cancelled measure, a revision, texts in one
// language only.
func checkedDoc(t *testing.T) *model.Doc {
	d := demoDoc(t)
	markSecrets(t, d)
	d.Measures[0].Override = &model.Override{Status: model.StatusAtRisk, Reason: "Обжалване на поръчката"}
	d.Measures[1].Cancelled = true
	d.Measures[2].Title.EN = ""
	d.Measures[0].Description.EN = ""
	return d
}

// TestSitePassesAxeAndTheNuChecker runs axe-core (WCAG 2.1 A and AA) in
// Chromium over every kind of page in both languages at 1280 and 375 px —
// none may scroll sideways either — and the Nu HTML checker over every
// page and the stylesheet. Any violation fails.
func TestSitePassesAxeAndTheNuChecker(t *testing.T) {
	d := checkedDoc(t)
	dir := publish(t, d, Options{})
	s := newSite(d, Options{AsOf: asOf})
	pages := []string{"index.html"}
	for _, l := range []string{"bg", "en"} {
		pages = append(pages, l+"/index.html", l+"/measures.html", l+"/data.html",
			l+"/areas/"+s.areaFile[d.Measures[0].Area], l+"/measures/"+s.measureFile[d.Measures[0].Code], l+"/measures/"+s.measureFile[d.Measures[2].Code])
	}

	java := tool(t, "default-jre-headless", "java")
	jar := webcheck(t, "vnu-jar/build/dist/vnu.jar")
	nu := make(chan string, 1)
	go func() { nu <- nuCheck(java, jar, dir) }()

	out := inBrowser(t, dir, `
async function main(){var out=[],pages=`+jsList(pages)+`;
for(var i=0;i<pages.length;i++)for(var w of [1280,375]){var f=await frame("/"+pages[i],w);
out.push({page:pages[i],width:w,wide:f.contentDocument.documentElement.scrollWidth,violations:await axeIn(f)});f.remove();}
return out;}`)
	var got []struct {
		Page       string
		Width      int
		Wide       int
		Violations []struct {
			ID, Help string
			Nodes    []string
		}
	}
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	if len(got) != 2*len(pages) {
		t.Errorf("%d pages checked, want %d", len(got), 2*len(pages))
	}
	for _, r := range got {
		for _, v := range r.Violations {
			t.Errorf("axe, %s at %d px: %s (%s)\n\t%s", r.Page, r.Width, v.ID, v.Help, strings.Join(v.Nodes, "\n\t"))
		}
		if r.Wide > r.Width {
			t.Errorf("%s at %d px is %d px wide: it scrolls sideways", r.Page, r.Width, r.Wide)
		}
	}
	if msg := <-nu; msg != "" {
		t.Errorf("the Nu HTML checker:\n%s", msg)
	}
}

// nuCheck runs the Nu HTML checker (vnu.jar, Java) over every page and the
// stylesheet of dir; it returns its messages, "" when there are none.
func nuCheck(java, jar, dir string) string {
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	pages, _ := filepath.Glob(filepath.Join(dir, "*", "*.html"))
	more, _ := filepath.Glob(filepath.Join(dir, "*", "*", "*.html"))
	args := append([]string{"-Xss4m", "-jar", jar, "--errors-only", "--also-check-css", "--format", "gnu",
		filepath.Join(dir, "index.html"), filepath.Join(dir, "style.css")}, append(pages, more...)...)
	b, err := exec.CommandContext(ctx, java, args...).CombinedOutput()
	if err != nil || len(b) > 0 {
		return strings.ReplaceAll(string(b), dir+"/", "") + errText(err)
	}
	return ""
}

func errText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}
