package site

import (
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// The site in a real browser, without a browser-driving protocol: the
// test serves the site over HTTP, headless Chromium opens a harness page
// that loads the site's pages in frames of a given width (a frame is its
// pages' viewport, so 375 px gives the phone layout), runs the checks in
// them and POSTs the result back.

// webcheckDir holds the checkers' npm packages (package.json); make deps
// runs npm ci there.
const webcheckDir = "testdata/webcheck/node_modules"

// webcheck returns the path of a file of the checkers' packages, or skips
// the test when they are not installed and CI is unset.
func webcheck(t *testing.T, file string) string {
	t.Helper()
	p, err := filepath.Abs(filepath.Join(webcheckDir, file))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(p); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("%s is missing: run make deps (npm ci in reports/site/testdata/webcheck)", p)
		}
		t.Skipf("%s is missing (make deps installs it); CI is unset, so the test is skipped", p)
	}
	return p
}

// harnessHelpers are what every harness script may call: frame loads a
// page in a frame of a width (scripts off when noScript), axeIn runs
// axe-core in a frame.
const harnessHelpers = `
function frame(src,width,noScript){return new Promise(function(res){var f=document.createElement("iframe");
f.style.width=width+"px";f.style.height="800px";f.style.border="0";f.title=src;if(noScript)f.setAttribute("sandbox","allow-same-origin");
f.onload=function(){res(f);};f.src=src;document.body.appendChild(f);});}
function axeIn(f){return new Promise(function(res,rej){var d=f.contentDocument,s=d.createElement("script");s.src="/__check/axe.min.js";
s.onerror=function(){rej(new Error("axe.min.js did not load"));};
s.onload=function(){f.contentWindow.axe.run(d,{runOnly:{type:"tag",values:["wcag2a","wcag2aa","wcag21a","wcag21aa"]},resultTypes:["violations"]}).then(function(r){
res(r.violations.map(function(v){return {id:v.id,help:v.help,nodes:v.nodes.slice(0,3).map(function(n){return n.target.join(" ")+": "+n.failureSummary;})};}));},rej);};
d.head.appendChild(s);});}
`

// inBrowser serves dir (and the checkers' files under /__check/), opens a
// harness page running script — which defines main(), returning a value
// or a promise of one — and returns that value as JSON.
func inBrowser(t *testing.T, dir, script string) []byte {
	t.Helper()
	browser := chromium(t)
	axe := webcheck(t, "axe-core/axe.min.js")
	harness := "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>harness</title></head><body><script>" + harnessHelpers + script +
		`
function post(o){return fetch("/__result",{method:"POST",body:JSON.stringify(o)});}
window.onerror=function(m){post({error:String(m)});};
Promise.resolve().then(main).then(post,function(e){post({error:String(e&&e.stack||e)});});
</script></body></html>`
	results := make(chan []byte, 1)
	mux := http.NewServeMux()
	mux.Handle("/", http.FileServer(http.Dir(dir)))
	mux.HandleFunc("/__check/harness.html", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		io.WriteString(w, harness)
	})
	mux.HandleFunc("/__check/axe.min.js", func(w http.ResponseWriter, r *http.Request) { http.ServeFile(w, r, axe) })
	mux.HandleFunc("/__result", func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		select {
		case results <- b:
		default:
		}
	})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := &http.Server{Handler: mux}
	go srv.Serve(ln)
	defer srv.Close()

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	cmd := exec.CommandContext(ctx, browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-extensions",
		"--window-size=1400,900", "--user-data-dir="+t.TempDir(), "http://"+ln.Addr().String()+"/__check/harness.html")
	var errOut strings.Builder
	cmd.Stderr = &errOut
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Wait()
	defer cancel()
	select {
	case b := <-results:
		var e struct{ Error string }
		if json.Unmarshal(b, &e) == nil && e.Error != "" {
			t.Fatalf("the harness failed: %s", e.Error)
		}
		return b
	case <-time.After(4 * time.Minute):
		t.Fatalf("no result from the browser in 4 minutes\n%s", errOut.String())
	}
	return nil
}

// jsString is s as a JavaScript string literal.
func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

func jsList(items []string) string {
	q := make([]string, len(items))
	for i, s := range items {
		q[i] = jsString(s)
	}
	return "[" + strings.Join(q, ",") + "]"
}
