package cli

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"strategytracker/model"
	"strategytracker/netfs"
)

// Each command has its own flag set: a flag of another command is a usage
// error naming it, not silently ignored.
func TestEachCommandTakesOnlyItsFlags(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "x.db")
	mustRun(t, "demo", "-db", db)
	tests := []struct {
		args []string
		flag string
	}{
		{[]string{"summary", "-db", db, "-format", "pdf"}, "-format"},
		{[]string{"check", "-db", db, "-o", filepath.Join(dir, "x")}, "-o"},
		{[]string{"export", "-db", db, "-asof", "2026-11-30"}, "-asof"},
		{[]string{"backup", "-db", db, "-json"}, "-json"},
		{[]string{"demo", "-db", filepath.Join(dir, "y.db"), "-measures", "3"}, "-measures"},
		{[]string{"snapshot", "-db", db, "-name", "x", "-lang", "en"}, "-lang"},
		{[]string{"import", "-db", db, "-unit", "UMC", "in.xlsx"}, "-unit"},
	}
	for _, tt := range tests {
		code, _, errOut := run(t, tt.args...)
		if code != 2 || !strings.Contains(errOut, "flag provided but not defined: "+tt.flag) {
			t.Errorf("%v: exit %d, %q; want 2 naming %s", tt.args, code, errOut, tt.flag)
		}
		if _, err := os.Stat(filepath.Join(dir, "y.db")); err == nil {
			t.Fatalf("%v created a file despite the usage error", tt.args)
		}
	}
	// -help lists only the command's own flags.
	_, _, help := run(t, "check", "-help")
	for _, other := range []string{"-format", "-json", "-measures", "-asof", "-user"} {
		if strings.Contains(help, other) {
			t.Errorf("check -help lists %s:\n%s", other, help)
		}
	}
}

// report -format xlsx writes a workbook and -format pdf a PDF; files
// written with -o are readable by others (0644), as the app writes them.
func TestReportFormatsAndFileMode(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "x.db")
	mustRun(t, "demo", "-db", db)
	for _, tt := range []struct {
		args  []string
		out   string
		magic string
	}{
		{[]string{"report", "-format", "xlsx"}, "r.xlsx", "PK\x03\x04"},
		{[]string{"report", "-format", "pdf"}, "r.pdf", "%PDF-"},
		{[]string{"export"}, "e.json", "{"},
		{[]string{"template"}, "t.xlsx", "PK\x03\x04"},
	} {
		out := filepath.Join(dir, tt.out)
		mustRun(t, append(tt.args, "-db", db, "-o", out)...)
		b, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(string(b), tt.magic) {
			t.Errorf("%v: %s begins %q, want %q", tt.args, tt.out, b[:min(len(b), 8)], tt.magic)
		}
		fi, err := os.Stat(out)
		if err != nil {
			t.Fatal(err)
		}
		if got := fi.Mode().Perm(); got != 0o644 {
			t.Errorf("%v: %s has mode %o, want 644", tt.args, tt.out, got)
		}
	}
	left, _ := filepath.Glob(filepath.Join(dir, ".strategytracker-*"))
	if len(left) != 0 {
		t.Errorf("temporary files left behind: %v", left)
	}
}

// Errors keep their cause (wrapped as with %w) and their code.
func TestErrorsKeepTheirCause(t *testing.T) {
	cause := &fs.PathError{Op: "open", Path: "in.json", Err: fs.ErrNotExist}
	err := wrapf(model.ENOTFOUND, cause, "cannot read %s", "in.json")
	if !errors.Is(err, fs.ErrNotExist) {
		t.Error("errors.Is does not reach the cause")
	}
	if got := model.ErrorCode(err); got != model.ENOTFOUND {
		t.Errorf("code = %q, want %q", got, model.ENOTFOUND)
	}
	if got, want := model.ErrorMessage(err), "cannot read in.json: open in.json: file does not exist"; got != want {
		t.Errorf("message = %q, want %q", got, want)
	}
	inner := model.Errorf(model.EINVALID, "line 3: bad date")
	err = wrapf(model.EINVALID, inner, "%s", "in.json")
	var me *model.Error
	if !errors.As(err, &me) || model.ErrorMessage(err) != "in.json: line 3: bad date" {
		t.Errorf("wrapping a model error: %q", model.ErrorMessage(err))
	}
	// Through the command line: a missing input file.
	dir := t.TempDir()
	code, _, errOut := run(t, "load", "-db", filepath.Join(dir, "x.db"), filepath.Join(dir, "missing.json"))
	if code != 1 || !strings.Contains(errOut, "cannot read") || !strings.Contains(errOut, "no such file") {
		t.Errorf("load of a missing file: exit %d, %q", code, errOut)
	}
}

// A file on a network share is opened with a warning on stderr; the
// command still does its work. A local file gets no warning.
func TestNetworkFileWarns(t *testing.T) {
	db := filepath.Join(t.TempDir(), "x.db")
	mustRun(t, "demo", "-db", db)
	if code, _, errOut := run(t, "check", "-db", db); code != 0 || errOut != "" {
		t.Fatalf("local file: exit %d, stderr %q", code, errOut)
	}
	old := checkNetwork
	defer func() { checkNetwork = old }()
	checkNetwork = func(path string) (netfs.Result, error) {
		return netfs.Result{Network: true, Kind: "cifs"}, nil
	}
	code, out, errOut := run(t, "check", "-db", db)
	if code != 0 || !strings.HasPrefix(out, "ok: ") {
		t.Errorf("check on a network file: exit %d, %q", code, out)
	}
	if !strings.HasPrefix(errOut, "strategytracker: warning: "+db+" is on a network file system (cifs)") {
		t.Errorf("stderr = %q, want the warning", errOut)
	}
}
