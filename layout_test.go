package main

import (
	"bytes"
	"encoding/json"
	"io"
	"os/exec"
	"sort"
	"strings"
	"testing"
)

// The layout and dependency rule (README "Layout"):
//
//	model      standard library only (and never database/sql)
//	model/memstore, model/storetest  standard library and model only
//	version    standard library only
//	netfs      standard library and golang.org/x/sys only
//	assets     standard library only
//	storage/…  model, internal/sqlrow (+ database drivers); not fyne, excelize, fpdf, reports, app;
//	           storage (SQLite) and storage/postgres never import each other
//	internal/sqlrow  the row layer both drivers share: standard library and model only
//	reports/…  model, assets (+ excelize, fpdf); not fyne, database/sql, sqlite, storage, app
//	app/…      model, reports, assets, fyne; not storage, not sqlite
//	cli        everything but fyne and app: the command line
//	cmd/…      console binaries: not fyne, not app
//	the root package main is the desktop binary and may import anything;
//	nobody imports app but the root package main.
//
// Every package of the module must fall under a rule (a new folder needs
// its line here). A rule is checked on the package's transitive
// dependencies, so that a forbidden package cannot come in through a
// helper either.

const module = "strategytracker"

type layoutRule struct {
	pkg       string   // the package; the rule covers the folders below it too
	stdOnly   bool     // every dependency is in the standard library...
	allowed   []string // ...or lies under one of these
	forbidden []string // import paths, each also forbidding what lies below it
	anything  bool     // no restriction (the desktop binary)
}

var noUI = []string{"fyne.io", "github.com/go-gl", "github.com/fyne-io", module + "/app"}

// storageForbids is what no storage driver imports.
var storageForbids = []string{"fyne.io", "github.com/xuri/excelize", "codeberg.org/go-pdf/fpdf", module + "/reports", module + "/app"}

var layoutRules = []layoutRule{
	{pkg: module + "/model", stdOnly: true, forbidden: []string{"database/sql"}},
	{pkg: module + "/model/memstore", stdOnly: true, allowed: []string{module + "/model"}, forbidden: []string{"database/sql"}},
	{pkg: module + "/model/storetest", stdOnly: true, allowed: []string{module + "/model"}, forbidden: []string{"database/sql"}},
	{pkg: module + "/version", stdOnly: true},
	{pkg: module + "/netfs", stdOnly: true, allowed: []string{"golang.org/x/sys"}},
	{pkg: module + "/assets", stdOnly: true},
	{pkg: module + "/storage", forbidden: append([]string{module + "/storage/postgres"}, storageForbids...)},
	{pkg: module + "/storage/postgres", forbidden: append([]string{module + "/storage"}, storageForbids...)},
	{pkg: module + "/internal/sqlrow", stdOnly: true, allowed: []string{module + "/model"}},
	{pkg: module + "/reports", forbidden: []string{
		"fyne.io", "database/sql", "modernc.org/sqlite",
		module + "/storage", module + "/app",
	}},
	{pkg: module + "/app", forbidden: []string{module + "/storage", "modernc.org/sqlite", module + "/version"}},
	{pkg: module + "/cli", forbidden: noUI},
	{pkg: module + "/cmd", forbidden: noUI},
	{pkg: module, anything: true},
}

// ruleFor returns the most specific rule covering pkg, or nil.
func ruleFor(rules []layoutRule, pkg string) *layoutRule {
	var best *layoutRule
	for i := range rules {
		r := &rules[i]
		if pkg == r.pkg || (!r.anything && under(pkg, r.pkg)) {
			if best == nil || len(r.pkg) > len(best.pkg) {
				best = r
			}
		}
	}
	return best
}

// listedPackage is the part of `go list -json` that the rule needs.
type listedPackage struct {
	ImportPath   string
	Standard     bool
	DepOnly      bool
	Imports      []string
	TestImports  []string
	XTestImports []string
	Error        *struct{ Err string }
}

// moduleGraph is `go list -deps ./...`: every package of the module and
// everything they depend on, by import path.
func moduleGraph(t *testing.T) map[string]*listedPackage {
	t.Helper()
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("the go command is not on PATH")
	}
	graph := map[string]*listedPackage{}
	for _, p := range goList(t, "-deps", "./...") {
		graph[p.ImportPath] = p
	}
	return graph
}

// modulePackages are the module's own packages in graph, sorted.
func modulePackages(graph map[string]*listedPackage) []string {
	var out []string
	for _, path := range sortedKeys(graph) {
		if under(path, module) && !graph[path].DepOnly {
			out = append(out, path)
		}
	}
	return out
}

func TestLayout(t *testing.T) {
	graph := moduleGraph(t)
	pkgs := modulePackages(graph)
	for _, must := range []string{module + "/reports/xlsx", module + "/reports/pdf", module + "/cli", module + "/cmd/strategytracker-cli", module + "/model", module + "/storage"} {
		if graph[must] == nil {
			t.Errorf("go list -deps ./... did not list %s: the rule would not check it", must)
		}
	}
	for _, v := range layoutViolations(layoutRules, graph, pkgs) {
		t.Error(v)
	}
}

// The console binary and the command line never link the UI toolkit: the
// whole point of cmd/strategytracker-cli (issue 9).
func TestConsoleBinaryHasNoFyne(t *testing.T) {
	graph := moduleGraph(t)
	for _, pkg := range []string{module + "/cli", module + "/cmd/strategytracker-cli"} {
		deps := depsOf(graph, pkg)
		if len(deps) < 10 {
			t.Fatalf("%s has %d dependencies: go list did not see it", pkg, len(deps))
		}
		for dep := range deps {
			if strings.Contains(dep, "fyne") || under(dep, "github.com/go-gl") {
				t.Errorf("%s depends on %s through %s", pkg, dep, strings.Join(importChain(graph, pkg, dep), " → "))
			}
		}
	}
}

// layoutViolations checks every package of pkgs against its rule and the
// rule that nobody but the root package imports app.
func layoutViolations(rules []layoutRule, graph map[string]*listedPackage, pkgs []string) []string {
	var out []string
	for _, pkg := range pkgs {
		r := ruleFor(rules, pkg)
		if r == nil {
			out = append(out, pkg+" falls under no layout rule: add one to layoutRules in layout_test.go")
			continue
		}
		if !r.anything {
			out = append(out, r.violations(pkg, graph)...)
		}
		if pkg == module || under(pkg, module+"/app") {
			continue
		}
		p := graph[pkg]
		for _, list := range [][]string{p.Imports, p.TestImports, p.XTestImports} {
			for _, imp := range list {
				if under(imp, module+"/app") {
					out = append(out, pkg+" imports "+imp+": only the root package main may import app")
				}
			}
		}
	}
	return out
}

// depsOf is the set of pkg's transitive dependencies in graph (pkg not included).
func depsOf(graph map[string]*listedPackage, pkg string) map[string]bool {
	seen := map[string]bool{}
	queue := []string{pkg}
	for len(queue) > 0 {
		cur := queue[0]
		queue = queue[1:]
		p := graph[cur]
		if p == nil {
			continue
		}
		for _, imp := range p.Imports {
			if !seen[imp] && imp != pkg {
				seen[imp] = true
				queue = append(queue, imp)
			}
		}
	}
	return seen
}

// violations returns one message per broken rule of pkg, naming the
// offending import and, for an indirect one, the chain that brings it in.
func (r layoutRule) violations(pkg string, graph map[string]*listedPackage) []string {
	deps := depsOf(graph, pkg)
	paths := make([]string, 0, len(deps))
	for d := range deps {
		paths = append(paths, d)
	}
	sort.Strings(paths)
	var out []string
	for _, path := range paths {
		why := r.why(path, graph[path])
		if why == "" {
			continue
		}
		chain := importChain(graph, pkg, path)
		if len(chain) > 2 {
			// Report only the first forbidden package on each chain, so
			// that a bad direct import is named once, not with all it drags in.
			if r.bad(graph, chain[1:len(chain)-1]) {
				continue
			}
			out = append(out, pkg+" depends on "+path+", which "+why+", through "+strings.Join(chain, " → "))
		} else {
			out = append(out, pkg+" imports "+path+", which "+why)
		}
	}
	return out
}

// why says how path breaks the rule, or "" when it does not. A package
// that go list could not describe counts as not standard.
func (r layoutRule) why(path string, p *listedPackage) string {
	for _, f := range r.forbidden {
		if under(path, f) {
			return "is forbidden (" + f + ")"
		}
	}
	if r.stdOnly && (p == nil || !p.Standard) {
		for _, a := range r.allowed {
			if under(path, a) {
				return ""
			}
		}
		return "is not in the standard library"
	}
	return ""
}

// bad reports whether any of paths itself breaks the rule.
func (r layoutRule) bad(graph map[string]*listedPackage, paths []string) bool {
	for _, path := range paths {
		if r.why(path, graph[path]) != "" {
			return true
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

// TestLayoutRuleDetects runs the checker on made-up import graphs, so that
// a green TestLayout means something.
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
	std := func(paths ...string) []*listedPackage {
		var out []*listedPackage
		for _, p := range paths {
			out = append(out, pkg(p, true))
		}
		return out
	}
	fyne := []*listedPackage{pkg("fyne.io/fyne/v2", false, "github.com/go-gl/glfw"), pkg("github.com/go-gl/glfw", false)}
	tests := []struct {
		name  string
		pkgs  []string // the module's packages to check
		graph []*listedPackage
		want  []string // each a substring of one violation, in order; none for a clean graph
	}{
		{"clean model", []string{module + "/model"},
			append(std("strings"), pkg(module+"/model", false, "strings")), nil},
		{"model importing fyne and database/sql", []string{module + "/model"},
			append(append(std("strings", "database/sql"), fyne...),
				pkg(module+"/model", false, "strings", "fyne.io/fyne/v2", "database/sql")),
			[]string{"model imports database/sql", "model imports fyne.io/fyne/v2"}},
		{"storage reaching reports through a helper", []string{module + "/storage"},
			[]*listedPackage{
				pkg(module+"/storage", false, module+"/model", module+"/util"),
				pkg(module+"/model", false),
				pkg(module+"/util", false, module+"/reports/pdf"),
				pkg(module+"/reports/pdf", false),
			},
			[]string{module + "/storage → " + module + "/util → " + module + "/reports/pdf"}},
		{"reports/xlsx importing storage", []string{module + "/reports/xlsx"},
			[]*listedPackage{pkg(module+"/reports/xlsx", false, module+"/storage"), pkg(module+"/storage", false)},
			[]string{"reports/xlsx imports " + module + "/storage"}},
		{"the cli linking fyne through app", []string{module + "/cli"},
			append(fyne, pkg(module+"/cli", false, module+"/app"), pkg(module+"/app", false, "fyne.io/fyne/v2")),
			[]string{"cli imports " + module + "/app", "only the root package main may import app"}},
		{"the console binary linking fyne indirectly", []string{module + "/cmd/strategytracker-cli"},
			append(fyne, pkg(module+"/cmd/strategytracker-cli", false, module+"/cli"), pkg(module+"/cli", false, "fyne.io/fyne/v2")),
			[]string{"depends on fyne.io/fyne/v2, which is forbidden (fyne.io), through " + module + "/cmd/strategytracker-cli → " + module + "/cli → fyne.io/fyne/v2"}},
		{"netfs may use x/sys, not more", []string{module + "/netfs"},
			append(std("os"), pkg(module+"/netfs", false, "os", "golang.org/x/sys/unix", "github.com/other/lib"),
				pkg("golang.org/x/sys/unix", false), pkg("github.com/other/lib", false)),
			[]string{"netfs imports github.com/other/lib, which is not in the standard library"}},
		{"a package without a rule", []string{module + "/stray"},
			[]*listedPackage{pkg(module+"/stray", false)},
			[]string{"stray falls under no layout rule"}},
		{"the desktop binary may import anything", []string{module},
			append(fyne, pkg(module, false, module+"/app", "fyne.io/fyne/v2"), pkg(module+"/app", false, "fyne.io/fyne/v2")), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := layoutViolations(layoutRules, graph(tt.graph...), tt.pkgs)
			if len(got) != len(tt.want) {
				t.Fatalf("violations = %q, want %d: %q", got, len(tt.want), tt.want)
			}
			for i, w := range tt.want {
				if !strings.Contains(got[i], w) {
					t.Errorf("violation %d = %q, want it to mention %q", i, got[i], w)
				}
			}
		})
	}
}
