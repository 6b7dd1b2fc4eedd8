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
// a function of it, and cmd/screenshots is no package at all; with it the
// driver's files are compiled in.
func TestScreenshotDriverOnlyWithItsTag(t *testing.T) {
	driver := []string{"screenshot.go", "period_shots.go", "publish_screenshots.go", "structure_screenshots.go"}
	funcs := []string{"Screenshots", "takeScreenshots", "stageCyclePeriod", "periodShots", "planShots", "publishShots"}
	files := func(tags ...string) (dir string, goFiles []string) {
		args := append([]string{"list"}, tags...)
		out, err := exec.Command("go", append(args, "-f", "{{.Dir}}\n{{join .GoFiles \"\\n\"}}", "./app")...).Output()
		if err != nil {
			t.Fatalf("go list %v: %v", tags, err)
		}
		lines := strings.Split(strings.TrimSpace(string(out)), "\n")
		return lines[0], lines[1:]
	}
	dir, plain := files()
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
	_, tagged := files("-tags", "screenshots")
	for _, f := range driver {
		if !slices.Contains(tagged, f) {
			t.Errorf("app/%s is not built with the screenshots tag", f)
		}
	}
	out, err := exec.Command("go", "list", "./...").Output()
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(out), module+"/cmd/screenshots\n") {
		t.Error("cmd/screenshots is built without the screenshots tag")
	}
	if err := exec.Command("go", "list", "-tags", "screenshots", "./cmd/screenshots").Run(); err != nil {
		t.Errorf("cmd/screenshots with the tag: %v", err)
	}
}
