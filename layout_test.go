package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// The layout and dependency rule of DEVELOPERS.md:
//
//	model    standard library only (and never database/sql)
//	storage  model (+ the SQLite driver); not fyne, excelize, fpdf, reports, app
//	reports  model, assets (+ excelize, fpdf); not fyne, database/sql, sqlite, storage, app
//	assets   standard library only
//	app      model, reports, assets, fyne; not storage, not sqlite
//	nobody imports app but the root package main.
//
// The rule is checked on each package's transitive dependencies, so that a
// forbidden package cannot come in through a helper either.

const module = "strategytracker"

type layoutRule struct {
	pkg       string
	stdOnly   bool     // every dependency is in the standard library
	forbidden []string // import paths, each also forbidding what lies below it
}

var layoutRules = []layoutRule{
	{pkg: module + "/model", stdOnly: true, forbidden: []string{"database/sql"}},
	{pkg: module + "/storage", forbidden: []string{
		"fyne.io", "github.com/xuri/excelize", "codeberg.org/go-pdf/fpdf",
		module + "/reports", module + "/app",
	}},
	{pkg: module + "/reports", forbidden: []string{
		"fyne.io", "database/sql", "modernc.org/sqlite",
		module + "/storage", module + "/app",
	}},
	{pkg: module + "/assets", stdOnly: true},
	{pkg: module + "/app", forbidden: []string{module + "/storage", "modernc.org/sqlite"}},
}

// listedPackage is the part of `go list -json` that the rule needs.
type listedPackage struct {
	ImportPath   string
	Standard     bool
	GoFiles      []string
	CgoFiles     []string
	Imports      []string
	TestImports  []string
	XTestImports []string
	Error        *struct{ Err string }
}

func TestLayout(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("the go command is not on PATH")
	}
	for _, r := range layoutRules {
		t.Run(strings.TrimPrefix(r.pkg, module+"/"), func(t *testing.T) {
			dir := strings.TrimPrefix(r.pkg, module+"/")
			if !hasGoFiles(t, dir) {
				t.Skipf("%s has no Go files yet", dir)
			}
			graph := goListDeps(t, r.pkg)
			for _, v := range r.violations(graph) {
				t.Error(v)
			}
		})
	}
	t.Run("nobody imports app", func(t *testing.T) {
		for _, p := range goList(t, "./...") {
			if p.ImportPath == module || p.ImportPath == module+"/app" {
				continue
			}
			for _, list := range [][]string{p.Imports, p.TestImports, p.XTestImports} {
				for _, imp := range list {
					if under(imp, module+"/app") {
						t.Errorf("%s imports %s: only the root package main may import app", p.ImportPath, imp)
					}
				}
			}
		}
	})
}

// violations returns one message per broken rule, naming the offending
// import and, for an indirect one, the chain that brings it in.
func (r layoutRule) violations(graph map[string]*listedPackage) []string {
	var out []string
	for _, path := range sortedKeys(graph) {
		p := graph[path]
		if path == r.pkg {
			continue
		}
		var why string
		switch {
		case r.stdOnly && !p.Standard:
			why = "is not in the standard library"
		default:
			for _, f := range r.forbidden {
				if under(path, f) {
					why = "is forbidden (" + f + ")"
					break
				}
			}
		}
		if why == "" {
			continue
		}
		chain := importChain(graph, r.pkg, path)
		if len(chain) > 2 {
			// Report only the first forbidden package on each chain, so
			// that a bad direct import is named once, not with all it drags in.
			if parentBad := r.bad(graph, chain[1:len(chain)-1]); parentBad {
				continue
			}
			out = append(out, r.pkg+" depends on "+path+", which "+why+", through "+strings.Join(chain, " → "))
		} else {
			out = append(out, r.pkg+" imports "+path+", which "+why)
		}
	}
	return out
}

// bad reports whether any of paths itself breaks the rule.
func (r layoutRule) bad(graph map[string]*listedPackage, paths []string) bool {
	for _, path := range paths {
		if p := graph[path]; p != nil && r.stdOnly && !p.Standard {
			return true
		}
		for _, f := range r.forbidden {
			if under(path, f) {
				return true
			}
		}
	}
	return false
}

// importChain finds a shortest import path from → to in graph.
func importChain(graph map[string]*listedPackage, from, to string) []string {
	prev := map[string]string{from: ""}
	queue := []string{from}
	for len(queue) > 0 {
		cur := queue[0]
		queue = queue[1:]
		if cur == to {
			var chain []string
			for c := to; c != ""; c = prev[c] {
				chain = append([]string{c}, chain...)
			}
			return chain
		}
		p := graph[cur]
		if p == nil {
			continue
		}
		for _, imp := range p.Imports {
			if _, seen := prev[imp]; !seen {
				prev[imp] = cur
				queue = append(queue, imp)
			}
		}
	}
	return []string{from, to}
}

// under reports whether path is prefix or lies below it.
func under(path, prefix string) bool {
	return path == prefix || strings.HasPrefix(path, prefix+"/")
}

// hasGoFiles reports whether dir holds a non-test Go file.
func hasGoFiles(t *testing.T, dir string) bool {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		return false
	} else if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		n := e.Name()
		if !e.IsDir() && filepath.Ext(n) == ".go" && !strings.HasSuffix(n, "_test.go") {
			return true
		}
	}
	return false
}

// goListDeps returns pkg and its transitive dependencies by import path.
func goListDeps(t *testing.T, pkg string) map[string]*listedPackage {
	t.Helper()
	graph := map[string]*listedPackage{}
	for _, p := range goList(t, "-deps", pkg) {
		graph[p.ImportPath] = p
	}
	if graph[pkg] == nil {
		t.Fatalf("go list did not return %s", pkg)
	}
	return graph
}

// goList runs `go list -e -json args...`. Packages that fail to load are
// reported, since a rule cannot be checked on them.
func goList(t *testing.T, args ...string) []*listedPackage {
	t.Helper()
	cmd := exec.Command("go", append([]string{"list", "-e", "-json"}, args...)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list %s: %v\n%s", strings.Join(args, " "), err, stderr.String())
	}
	var pkgs []*listedPackage
	dec := json.NewDecoder(bytes.NewReader(out))
	for {
		p := new(listedPackage)
		if err := dec.Decode(p); err == io.EOF {
			break
		} else if err != nil {
			t.Fatalf("go list output: %v", err)
		}
		if p.Error != nil && !strings.Contains(p.Error.Err, "no Go files") {
			t.Errorf("go list: %s: %s", p.ImportPath, p.Error.Err)
		}
		pkgs = append(pkgs, p)
	}
	return pkgs
}

func sortedKeys(m map[string]*listedPackage) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// TestLayoutRuleDetects checks the checker on made-up graphs, so that a
// green TestLayout means something.
func TestLayoutRuleDetects(t *testing.T) {
	pkg := func(path string, std bool, imports ...string) *listedPackage {
		return &listedPackage{ImportPath: path, Standard: std, Imports: imports}
	}
	graph := func(ps ...*listedPackage) map[string]*listedPackage {
		g := map[string]*listedPackage{}
		for _, p := range ps {
			g[p.ImportPath] = p
		}
		return g
	}
	model := layoutRules[0]
	storage := layoutRules[1]

	clean := graph(pkg(module+"/model", false, "strings"), pkg("strings", true))
	if v := model.violations(clean); len(v) != 0 {
		t.Errorf("clean model reported: %v", v)
	}

	dirty := graph(
		pkg(module+"/model", false, "strings", "fyne.io/fyne/v2", "database/sql"),
		pkg("strings", true),
		pkg("database/sql", true),
		pkg("fyne.io/fyne/v2", false, "github.com/go-gl/glfw"),
		pkg("github.com/go-gl/glfw", false),
	)
	v := model.violations(dirty)
	if len(v) != 2 || !strings.Contains(strings.Join(v, "\n"), "imports database/sql") ||
		!strings.Contains(strings.Join(v, "\n"), "imports fyne.io/fyne/v2") {
		t.Errorf("model violations = %q, want database/sql and fyne.io/fyne/v2 named once each", v)
	}

	indirect := graph(
		pkg(module+"/storage", false, module+"/model", module+"/util"),
		pkg(module+"/model", false),
		pkg(module+"/util", false, module+"/reports"),
		pkg(module+"/reports", false),
	)
	v = storage.violations(indirect)
	if len(v) != 1 || !strings.Contains(v[0], module+"/storage → "+module+"/util → "+module+"/reports") {
		t.Errorf("storage violations = %q, want the chain through util", v)
	}
}
