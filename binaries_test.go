package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"strategytracker/cli"
	"strategytracker/model"
)

// run runs the command line in-process and returns exit status, stdout and stderr.
func run(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := cli.Run(args, &out, &errOut)
	return code, out.String(), errOut.String()
}

func mustRun(t *testing.T, args ...string) string {
	t.Helper()
	code, out, errOut := run(t, args...)
	if code != 0 {
		t.Fatalf("%v: exit %d: %s", args, code, errOut)
	}
	return out
}

// docOf is the strategy in db, through export.
func docOf(t *testing.T, db string) *model.Doc {
	t.Helper()
	d, err := model.DecodeBytes([]byte(mustRun(t, "export", "-db", db)))
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// buildBinary builds the main package pkg into dir and returns its path.
func buildBinary(t *testing.T, dir, pkg, name string, flags ...string) string {
	t.Helper()
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("the go command is not on PATH")
	}
	bin := filepath.Join(dir, name)
	cmd := exec.Command("go", append(append([]string{"build"}, flags...), "-o", bin, pkg)...)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build %s: %v\n%s", pkg, err, out)
	}
	return bin
}

// runBinary runs bin with args under LANG=C.UTF-8 (the locale in which the
// UI toolkit used to complain on stderr) and returns exit status, stdout
// and stderr.
func runBinary(t *testing.T, bin string, args ...string) (int, string, string) {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Env = append(os.Environ(), "LANG=C.UTF-8", "LC_ALL=", "LANGUAGE=")
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatalf("%s: %v", bin, err)
	}
	return code, out.String(), errOut.String()
}

// The console binary, as a whole process: successful commands write
// nothing to stderr, failures one "strategytracker: " line and status 1.
func TestConsoleBinary(t *testing.T) {
	dir := t.TempDir()
	const stamp = "9.8.7-test+abc"
	bin := buildBinary(t, dir, "./cmd/strategytracker-cli", "strategytracker-cli",
		"-ldflags", "-X strategytracker/version.stamped="+stamp)
	for _, args := range [][]string{{"version"}, {"-version"}} {
		if code, out, errOut := runBinary(t, bin, args...); code != 0 || out != stamp+"\n" || errOut != "" {
			t.Errorf("%v: exit %d, %q, %q; want the stamped %s", args, code, out, errOut, stamp)
		}
	}
	db := filepath.Join(dir, "demo.db")
	for _, args := range [][]string{
		{"demo", "-db", db},
		{"summary", "-db", db, "-asof", "2026-11-30", "-json"},
		{"summary", "-db", db, "-asof", "2026-11-30", "-lang", "en"},
		{"check", "-db", db},
		{"export", "-db", db, "-o", filepath.Join(dir, "demo.json")},
		{"report", "-db", db, "-format", "xlsx", "-asof", "2026-11-30", "-o", filepath.Join(dir, "r.xlsx")},
	} {
		code, out, errOut := runBinary(t, bin, args...)
		if code != 0 || errOut != "" {
			t.Errorf("%v: exit %d, stderr %q, want 0 and nothing", args, code, errOut)
		}
		if args[0] == "summary" && !strings.Contains(out, "2026") {
			t.Errorf("%v: stdout %q", args, out)
		}
	}
	code, _, errOut := runBinary(t, bin, "summary", "-db", filepath.Join(dir, "missing.db"))
	if code != 1 || !strings.HasPrefix(errOut, "strategytracker: ") || strings.Count(errOut, "\n") != 1 {
		t.Errorf("missing file: exit %d, stderr %q; want 1 and one line", code, errOut)
	}
}

// The desktop binary runs the same command line when it has arguments.
func TestDesktopBinaryRunsCommands(t *testing.T) {
	dir := t.TempDir()
	bin := buildBinary(t, dir, ".", "strategytracker")
	db := filepath.Join(dir, "demo.db")
	if code, out, errOut := runBinary(t, bin, "demo", "-db", db); code != 0 || !strings.Contains(out, "created") {
		t.Fatalf("demo: exit %d, %q %q", code, out, errOut)
	}
	if code, out, errOut := runBinary(t, bin, "summary", "-db", db, "-json"); code != 0 || !strings.Contains(out, `"measures":`) {
		t.Errorf("summary: exit %d, %q %q", code, out, errOut)
	}
}
