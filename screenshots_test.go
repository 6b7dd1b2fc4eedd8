package main

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// The screenshot driver (issue 19) is built only with the screenshots tag:
// without it neither the app package nor the desktop binary has a file or
// a function of it, and the root package is the desktop app (main.go),
// not the driver (screenshots.go); with it the driver's files are
// compiled in.
func TestScreenshotDriverOnlyWithItsTag(t *testing.T) {
	driver := []string{"screenshot.go", "period_shots.go", "publish_screenshots.go", "structure_screenshots.go"}
	funcs := []string{"Screenshots", "takeScreenshots", "stageCyclePeriod", "periodShots", "planShots", "publishShots"}
	files := func(pkg string, tags ...string) (dir string, goFiles []string) {
		args := append([]string{"list"}, tags...)
		out, err := exec.Command("go", append(args, "-f", "{{.Dir}}\n{{join .GoFiles \"\\n\"}}", pkg)...).Output()
		if err != nil {
			t.Fatalf("go list %v: %v", tags, err)
		}
		lines := strings.Split(strings.TrimSpace(string(out)), "\n")
		return lines[0], lines[1:]
	}
	dir, plain := files("./app")
	for _, f := range driver {
		if slices.Contains(plain, f) {
			t.Errorf("app/%s is built without the screenshots tag", f)
		}
	}
	fset := token.NewFileSet()
	for _, f := range plain {
		file, err := parser.ParseFile(fset, filepath.Join(dir, f), nil, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range file.Decls {
			if fn, ok := d.(*ast.FuncDecl); ok && slices.Contains(funcs, fn.Name.Name) {
				t.Errorf("app/%s declares %s outside the screenshots tag", f, fn.Name.Name)
			}
		}
	}
	_, tagged := files("./app", "-tags", "screenshots")
	for _, f := range driver {
		if !slices.Contains(tagged, f) {
			t.Errorf("app/%s is not built with the screenshots tag", f)
		}
	}
	for _, c := range []struct {
		tags      []string
		want, not string
	}{{nil, "main.go", "screenshots.go"}, {[]string{"-tags", "screenshots"}, "screenshots.go", "main.go"}} {
		if _, root := files(".", c.tags...); !slices.Contains(root, c.want) || slices.Contains(root, c.not) {
			t.Errorf("the root package %v builds %v, want %s without %s", c.tags, root, c.want, c.not)
		}
	}
}
