package site

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"

	"strategytracker/model"
)

// chromium returns the headless browser, or skips the test when it is
// missing and CI is unset (make deps installs it).
func chromium(t *testing.T) string {
	t.Helper()
	return tool(t, "chromium", "chromium", "chromium-browser")
}

// tool returns the path of the first of names installed, or skips the test
// when none is and CI is unset (make deps installs the Debian package pkg).
func tool(t *testing.T, pkg string, names ...string) string {
	t.Helper()
	for _, name := range names {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") != "" {
		t.Fatalf("%s is not installed (apt-get install -y --no-install-recommends %s)", names[0], pkg)
	}
	t.Skipf("%s is not installed; CI is unset, so the test is skipped", names[0])
	return ""
}

// dumpDOM loads file in headless Chromium and returns the DOM after its scripts ran.
func dumpDOM(t *testing.T, browser, file string) []byte {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--user-data-dir="+t.TempDir(), "--dump-dom", "file://"+file)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	if err := cmd.Run(); err != nil {
		t.Fatalf("chromium: %v\n%s", err, errOut.String())
	}
	return out.Bytes()
}

// TestMeasureListSortsAndFiltersInABrowser runs the list page's script in
// a real browser: the filters appear, a status filter hides the other rows
// and the progress button sorts what is left.
func TestMeasureListSortsAndFiltersInABrowser(t *testing.T) {
	browser := chromium(t)
	d := demoDoc(t)
	dir := publish(t, d, Options{})
	page, err := os.ReadFile(filepath.Join(dir, "en", "measures.html"))
	if err != nil {
		t.Fatal(err)
	}
	// Drive the page as a person would, then leave the result in the DOM.
	driver := `<script>
var f=document.getElementById("f-status");f.value="delayed";f.dispatchEvent(new Event("change"));
var b=document.querySelectorAll("#list thead button");b[5].click();
var shown=[];document.querySelectorAll("#list tbody tr").forEach(function(r){if(!r.hidden)shown.push(r.cells[0].textContent);});
document.body.setAttribute("data-result",JSON.stringify({shown:shown,filtersHidden:document.getElementById("filters").hidden,buttons:b.length,count:document.getElementById("f-count").textContent,sort:b[5].parentNode.getAttribute("aria-sort")}));
</script></body>`
	test := filepath.Join(dir, "en", "driven.html")
	if err := os.WriteFile(test, bytes.Replace(page, []byte("</body>"), []byte(driver), 1), 0o644); err != nil {
		t.Fatal(err)
	}
	doc, err := html.Parse(bytes.NewReader(dumpDOM(t, browser, test)))
	if err != nil {
		t.Fatal(err)
	}
	var result string
	walk(doc, func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == "body" {
			result, _ = attr(n, "data-result")
		}
	})
	var got struct {
		Shown         []string
		FiltersHidden bool
		Buttons       int
		Count, Sort   string
	}
	if err := json.Unmarshal([]byte(result), &got); err != nil {
		t.Fatalf("the page's script did not run: data-result %q", result)
	}
	// What the rules say: the delayed measures, by progress, then as listed.
	type row struct {
		code     string
		progress float64
	}
	var want []row
	for i := range d.Measures {
		m := &d.Measures[i]
		if f := m.Evaluate(asOf); f.Status == model.StatusDelayed {
			want = append(want, row{m.Code, model.Round1(f.Progress)})
		}
	}
	sort.SliceStable(want, func(i, j int) bool { return want[i].progress < want[j].progress })
	var wantCodes []string
	for _, r := range want {
		wantCodes = append(wantCodes, r.code)
	}
	if len(wantCodes) == 0 {
		t.Fatal("the demo has no delayed measure to filter by")
	}
	if strings.Join(got.Shown, " ") != strings.Join(wantCodes, " ") {
		t.Errorf("shown after filtering by delayed and sorting by progress: %v, want %v", got.Shown, wantCodes)
	}
	if got.FiltersHidden || got.Buttons != 7 || got.Sort != "ascending" {
		t.Errorf("filters hidden %v, %d sort buttons, aria-sort %q; want visible, 7, ascending", got.FiltersHidden, got.Buttons, got.Sort)
	}
	if want := "Measures shown: 1–" + itoa(len(wantCodes)) + " of " + itoa(len(wantCodes)) + " (" + itoa(len(d.Measures)) + " in all)"; got.Count != want {
		t.Errorf("count line %q, want %q", got.Count, want)
	}
}

func itoa(n int) string { return strconv.Itoa(n) }
