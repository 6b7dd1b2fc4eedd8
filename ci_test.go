package main

import (
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// CI's own honesty checks (issue 19, item 9): the module file is tidy and
// every package says what it is.

// TestGoModIsTidy: `go mod tidy` would change nothing in go.mod or go.sum
// (a dependency imported directly is not marked indirect, none is missing,
// none is left over).
func TestGoModIsTidy(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("the go command is not on PATH")
	}
	out, err := exec.Command("go", "mod", "tidy", "-diff").CombinedOutput()
	if err != nil {
		t.Errorf("go mod tidy would change the module files (run go mod tidy and commit):\n%s", out)
	}
}

// TestEveryPackageHasADocComment: every package of the module has a
// package comment (// Package NAME …) in one of its files.
func TestEveryPackageHasADocComment(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("the go command is not on PATH")
	}
	out, err := exec.Command("go", "list", "-f", "{{.ImportPath}}\t{{.Doc}}", "./...").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	var missing []string
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		path, doc, _ := strings.Cut(line, "\t")
		if strings.TrimSpace(doc) == "" {
			missing = append(missing, path)
		}
	}
	if len(missing) > 0 {
		t.Errorf("these packages have no package comment (// Package NAME …):\n%s", strings.Join(missing, "\n"))
	}
}

// TestEveryTestRunsInMakeTest: `make test` runs every test. Its race run
// skips the tests of SLOW_TESTS, which the run after it runs in SLOW_PKGS
// without the race detector, so each must be a test of one of those
// packages; and no test shortens or skips itself under -short.
func TestEveryTestRunsInMakeTest(t *testing.T) {
	mk, err := os.ReadFile("Makefile")
	if err != nil {
		t.Fatal(err)
	}
	vars := map[string]string{}
	for _, line := range strings.Split(string(mk), "\n") {
		if name, value, ok := strings.Cut(line, ":="); ok && (strings.HasPrefix(name, "SLOW_TESTS") || strings.HasPrefix(name, "SLOW_PKGS")) {
			vars[strings.TrimSpace(name)] = strings.TrimSpace(value)
		}
	}
	if vars["SLOW_TESTS"] == "" || vars["SLOW_PKGS"] == "" {
		t.Fatalf("the Makefile has no SLOW_TESTS or SLOW_PKGS: %v", vars)
	}
	// The run that runs SLOW_TESTS builds with the race run's tags: a test
	// behind a build tag that the race run skips is otherwise built by neither.
	if race, slow := testRunTags(string(mk), "-skip '^($(SLOW_TESTS))"), testRunTags(string(mk), "-run '^($(SLOW_TESTS))"); race != slow {
		t.Errorf("the race run builds with tags %q, the run of SLOW_TESTS with %q: give both the same (TEST_TAGS)", race, slow)
	}
	defined := map[string]bool{}
	for _, dir := range strings.Fields(vars["SLOW_PKGS"]) {
		files, _ := filepath.Glob(filepath.Join(dir, "*_test.go"))
		for _, f := range files {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			for _, m := range testFunc.FindAllStringSubmatch(string(b), -1) {
				defined[m[1]] = true
			}
		}
	}
	for _, name := range strings.Split(vars["SLOW_TESTS"], "|") {
		if !defined[name] {
			t.Errorf("SLOW_TESTS names %s, which is no test of SLOW_PKGS (%s): the race run skips it and nothing runs it", name, vars["SLOW_PKGS"])
		}
	}
	err = filepath.WalkDir(".", func(path string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() || !strings.HasSuffix(path, "_test.go") {
			return err
		}
		b, err := os.ReadFile(path)
		if err == nil && strings.Contains(string(b), "testing."+"Short()") {
			t.Errorf("%s looks at testing.Short: make test runs without -short; put a slow test in SLOW_TESTS instead", path)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

// testRunTags are the build tags of the Makefile's go test line that
// contains marker ("-tags x" and $(TEST_TAGS) as they are written), or
// "missing" when there is no such line.
func testRunTags(makefile, marker string) string {
	for _, line := range strings.Split(makefile, "\n") {
		if strings.Contains(line, "$(GO) test") && strings.Contains(line, marker) {
			return strings.Join(buildTags.FindAllString(line, -1), " ")
		}
	}
	return "missing"
}

var buildTags = regexp.MustCompile(`-tags[= ]\S+|\$\(TEST_TAGS\)`)

var testFunc = regexp.MustCompile(`(?m)^func (Test\w+)\(t \*testing\.T\)`)
