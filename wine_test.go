package main

import (
	"archive/zip"
	"bytes"
	"context"
	"crypto/sha256"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"strategytracker/model"
)

// The Windows files under Wine (make test-windows): scripts/test-windows.sh
// builds the MSI from the tree (and a second one of a higher version),
// the Linux console binary, and a fresh Wine prefix with the test-only
// bcryptprimitives.dll (packaging/windows/wine/), then runs this test
// under a virtual display with STRATEGYTRACKER_WINE_TEST naming its folder.
// The test installs the MSI with msiexec as an IT department would, runs
// the installed console exe and compares what it writes with the Linux
// binary's, drives the installed app through its first start, upgrades,
// refuses a downgrade, and uninstalls.
func TestWindowsUnderWine(t *testing.T) {
	dir := os.Getenv("STRATEGYTRACKER_WINE_TEST")
	if dir == "" {
		t.Skip("make test-windows runs this (scripts/test-windows.sh builds the MSI and the Wine prefix)")
	}
	w := newWine(t, dir)

	// Install the tree's MSI.
	if code, log := w.msiexec(t, "/i", w.msi, "install"); code != 0 {
		t.Fatalf("msiexec /i %s: exit %d\n%s", w.msi, code, tail(log))
	}
	for _, f := range []string{"strategytracker.exe", "strategytracker-cli.exe", "LICENSE.txt", "THIRD_PARTY_LICENSES.txt", "OFL.txt"} {
		if _, err := os.Stat(filepath.Join(w.programDir(), f)); err != nil {
			t.Errorf("after install: %v", err)
		}
	}
	if w.shortcut() == "" {
		t.Error("after install: no Strategy Tracker shortcut in the Start menu")
	}

	t.Run("console", w.testConsole)
	file := w.testFirstStart(t)
	before := fileSum(t, file)

	// A higher version replaces the installed one in place.
	if code, log := w.msiexec(t, "/i", w.upgradeMSI, "upgrade"); code != 0 {
		t.Fatalf("msiexec /i %s (upgrade): exit %d\n%s", w.upgradeMSI, code, tail(log))
	}
	if got := w.installedVersion(t); got != w.upgradeVersion {
		t.Errorf("after the upgrade the installed console exe says %q, want %q", got, w.upgradeVersion)
	}
	if got := w.installedProducts(t); got != 1 {
		t.Errorf("after the upgrade %d products named Strategy Tracker are installed, want 1", got)
	}
	if got := fileSum(t, file); got != before {
		t.Error("the upgrade changed the user's strategy file")
	}

	// A lower version is refused by the launch condition that carries the
	// message Windows shows (Wine's msiexec, quiet, logs that the condition
	// failed but not its text).
	code, log := w.msiexec(t, "/i", w.msi, "downgrade")
	if code == 0 || !strings.Contains(log, "WIX_DOWNGRADE_DETECTED = {") {
		t.Errorf("installing %s over a newer version: exit %d, no downgrade detected in the log\n%s", w.version, code, tail(log))
	}
	const refusal = "NOT WIX_DOWNGRADE_DETECTED\tA newer version of Strategy Tracker is already installed."
	if _, conditions, _ := w.command(t, w.dir, "msiinfo", "export", w.msi, "LaunchCondition"); !strings.Contains(conditions, refusal) {
		t.Errorf("the MSI's launch conditions lack %q:\n%s", refusal, conditions)
	}
	if got := w.installedVersion(t); got != w.upgradeVersion {
		t.Errorf("after the refused downgrade the installed console exe says %q, want %q", got, w.upgradeVersion)
	}

	// Uninstalling removes the program and its shortcut, not the user's file.
	if code, log := w.msiexec(t, "/x", w.upgradeMSI, "uninstall"); code != 0 {
		t.Fatalf("msiexec /x: exit %d\n%s", code, tail(log))
	}
	if _, err := os.Stat(w.programDir()); !os.IsNotExist(err) {
		t.Errorf("after uninstall %s is still there (%v)", w.programDir(), err)
	}
	if s := w.shortcut(); s != "" {
		t.Errorf("after uninstall the shortcut %s is still there", s)
	}
	if got := fileSum(t, file); got != before {
		t.Error("the uninstall changed or removed the user's strategy file")
	}
}

// wine is the test's Wine prefix and what scripts/test-windows.sh built.
type wine struct {
	dir, prefix, home, shots    string
	msi, upgradeMSI, linuxCLI   string
	version, upgradeVersion     string
	env                         []string
	user                        string
	winDir, linDir, documentDir string
}

func newWine(t *testing.T, dir string) *wine {
	read := func(name string) string {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		return strings.TrimSpace(string(b))
	}
	w := &wine{
		dir: dir, prefix: filepath.Join(dir, "prefix"), home: filepath.Join(dir, "home"),
		shots: read("shots"), msi: filepath.Join(dir, "msi", "strategytracker.msi"),
		upgradeMSI: filepath.Join(dir, "upgrade", "strategytracker.msi"),
		linuxCLI:   filepath.Join(dir, "linux", "strategytracker-cli"),
		version:    read("version"), upgradeVersion: read("upgrade-version"),
		winDir: filepath.Join(dir, "run-windows"), linDir: filepath.Join(dir, "run-linux"),
	}
	w.user = os.Getenv("USER")
	if w.user == "" {
		w.user = "root"
	}
	// Documents: Wine links it to $HOME when the prefix is made (the script
	// made it with this HOME), so the user's files are in the test's folder.
	w.documentDir = filepath.Join(w.prefix, "drive_c", "users", w.user, "Documents")
	w.env = append(os.Environ(), "WINEPREFIX="+w.prefix, "WINEDEBUG=-all", "WINEDLLOVERRIDES=mscoree,mshtml=",
		"HOME="+w.home, "LANG=C.UTF-8", "LC_ALL=", "LANGUAGE=")
	for _, d := range []string{w.winDir, w.linDir, w.shots} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	return w
}

func (w *wine) programDir() string {
	return filepath.Join(w.prefix, "drive_c", "Program Files", "Strategy Tracker")
}

// shortcut is the Start-menu shortcut's path, "" when there is none.
func (w *wine) shortcut() string {
	for _, base := range []string{filepath.Join(w.prefix, "drive_c", "ProgramData", "Microsoft", "Windows", "Start Menu", "Programs"),
		filepath.Join(w.prefix, "drive_c", "users", w.user, "AppData", "Roaming", "Microsoft", "Windows", "Start Menu", "Programs")} {
		if m, _ := filepath.Glob(filepath.Join(base, "Strategy Tracker*.lnk")); len(m) > 0 {
			return m[0]
		}
	}
	return ""
}

// winPath is path as Wine's Z: drive shows it.
func winPath(path string) string { return `Z:` + strings.ReplaceAll(path, "/", `\`) }

// command runs name args in dir under the prefix's environment.
func (w *wine) command(t *testing.T, dir string, name string, args ...string) (int, string, string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Dir, cmd.Env = dir, w.env
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatalf("%s %v: %v", name, args, err)
	}
	return code, out.String(), errOut.String()
}

// msiexec runs msiexec OP MSI quietly with a verbose log and returns its
// exit status and the log.
func (w *wine) msiexec(t *testing.T, op, msi, name string) (int, string) {
	t.Helper()
	log := filepath.Join(w.dir, "msiexec-"+name+".log")
	code, out, errOut := w.command(t, w.dir, "wine", "msiexec", op, winPath(msi), "/qn", "/l*v", winPath(log))
	b, _ := os.ReadFile(log)
	// Wine writes the log in UTF-16 when msiexec wrote it so; keep the letters.
	text := strings.ReplaceAll(string(b), "\x00", "")
	return code, text + out + errOut
}

func (w *wine) cli() string {
	return `C:\Program Files\Strategy Tracker\strategytracker-cli.exe`
}

func (w *wine) installedVersion(t *testing.T) string {
	t.Helper()
	_, out, _ := w.command(t, w.dir, "wine", w.cli(), "version")
	return strings.TrimSpace(out)
}

// installedProducts counts the installed programs named Strategy Tracker.
func (w *wine) installedProducts(t *testing.T) int {
	t.Helper()
	_, out, _ := w.command(t, w.dir, "wine", "uninstaller", "--list")
	return strings.Count(out, "Strategy Tracker")
}

func tail(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return strings.Join(lines[max(0, len(lines)-40):], "\n")
}

func fileSum(t *testing.T, path string) [32]byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("the user's strategy file: %v", err)
	}
	return sha256.Sum256(b)
}

// testConsole runs the installed console exe and the Linux console binary
// of the same tree side by side, each in its own folder on a file of the
// same name, and compares what they print and write.
func (w *wine) testConsole(t *testing.T) {
	const asOf = "2026-11-30"
	both := func(args ...string) (win, lin string) {
		t.Helper()
		wc, wout, werr := w.command(t, w.winDir, "wine", append([]string{w.cli()}, args...)...)
		lc, lout, lerr := w.command(t, w.linDir, w.linuxCLI, args...)
		if wc != 0 || lc != 0 {
			t.Fatalf("%v: Windows exit %d %q, Linux exit %d %q", args, wc, werr, lc, lerr)
		}
		if werr != lerr {
			t.Errorf("%v: stderr differs:\nWindows %q\nLinux   %q", args, werr, lerr)
		}
		return wout, lout
	}
	same := func(what, got, want string) {
		t.Helper()
		if got != want {
			t.Errorf("%s: the Windows exe's output differs from the Linux binary's:\n--- Windows\n%s\n--- Linux\n%s", what, clip(got), clip(want))
		}
	}
	sameFiles := func(name string) {
		t.Helper()
		got, err1 := os.ReadFile(filepath.Join(w.winDir, name))
		want, err2 := os.ReadFile(filepath.Join(w.linDir, name))
		if err1 != nil || err2 != nil {
			t.Fatalf("%s: %v %v", name, err1, err2)
		}
		same(name, string(got), string(want))
	}

	got, want := both("version")
	if got != w.version+"\n" {
		t.Errorf("version: the installed exe says %q, want %q", got, w.version)
	}
	same("version", got, want)
	for _, args := range [][]string{
		{"demo", "-db", "strategy.db"},
		{"summary", "-db", "strategy.db", "-asof", asOf, "-json"},
		{"summary", "-db", "strategy.db", "-asof", asOf},
		{"summary", "-db", "strategy.db", "-asof", asOf, "-lang", "en"},
		{"check", "-db", "strategy.db"},
		{"export", "-db", "strategy.db", "-o", "export.json"},
		{"report", "-db", "strategy.db", "-format", "xlsx", "-asof", asOf, "-o", "report.xlsx"},
		{"report", "-db", "strategy.db", "-format", "pdf", "-asof", asOf, "-o", "report.pdf"},
		{"template", "-db", "strategy.db", "-unit", roundUnit, "-o", "template.xlsx"},
	} {
		got, want := both(args...)
		same(strings.Join(args, " "), got, want)
	}
	sameFiles("export.json")
	// The workbooks differ only in their creation time (docProps/core.xml);
	// the template also dates its sheets, so its sheets are compared after
	// the import below, through the strategy they changed.
	sameZip(t, filepath.Join(w.winDir, "report.xlsx"), filepath.Join(w.linDir, "report.xlsx"), "docProps/core.xml")
	samePDFText(t, filepath.Join(w.winDir, "report.pdf"), filepath.Join(w.linDir, "report.pdf"))

	// Each fills its own template as a coordinator would and imports it.
	raw, err := os.ReadFile(filepath.Join(w.linDir, "export.json"))
	if err != nil {
		t.Fatal(err)
	}
	doc, err := model.DecodeBytes(raw)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range []string{w.winDir, w.linDir} {
		r, err := newRoundFiller(filepath.Join(d, "strategy.db"), doc, 1)
		if err != nil {
			t.Fatal(err)
		}
		if err := r.fill(filepath.Join(d, "template.xlsx"), filepath.Join(d, "filled.xlsx"), 1); err != nil {
			t.Fatalf("filling %s: %v", d, err)
		}
	}
	got, want = both("import", "-db", "strategy.db", "-user", roundUser, "filled.xlsx")
	same("import", got, want)
	for _, args := range [][]string{
		{"summary", "-db", "strategy.db", "-asof", asOf, "-json"},
		{"check", "-db", "strategy.db"},
	} {
		got, want := both(args...)
		same(strings.Join(args, " ")+" after the import", got, want)
	}
	both("export", "-db", "strategy.db", "-o", "imported.json")
	sameFiles("imported.json")
}

func clip(s string) string {
	if len(s) > 2000 {
		return s[:2000] + "…"
	}
	return s
}

// sameZip compares two zip files entry by entry, except the entry skip.
func sameZip(t *testing.T, got, want, skip string) {
	t.Helper()
	entries := func(path string) map[string]string {
		r, err := zip.OpenReader(path)
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		defer r.Close()
		m := map[string]string{}
		for _, f := range r.File {
			rc, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			b, _ := io.ReadAll(rc)
			rc.Close()
			m[f.Name] = string(b)
		}
		return m
	}
	g, wnt := entries(got), entries(want)
	if len(g) != len(wnt) {
		t.Errorf("%s has %d entries, the Linux one %d", got, len(g), len(wnt))
	}
	for name, content := range wnt {
		if name != skip && g[name] != content {
			t.Errorf("%s: %s differs from the Linux binary's", got, name)
		}
	}
}

// samePDFText compares the text of two PDFs (their bytes differ in the
// creation date).
func samePDFText(t *testing.T, got, want string) {
	t.Helper()
	text := func(path string) string {
		out, err := exec.Command("pdftotext", "-layout", path, "-").Output()
		if err != nil {
			t.Fatalf("pdftotext %s: %v", path, err)
		}
		return string(out)
	}
	if g, w := text(got), text(want); g != w || !strings.Contains(w, "2026") {
		t.Errorf("%s: the text differs from the Linux binary's PDF (or is empty)", got)
	}
}

// testFirstStart starts the installed app with an empty profile twice and
// drives its first-start window with the keyboard (xdotool): once "start a
// new strategy" (filling in the form), once "open the demo". Each time the
// default file must appear in the profile's Documents\Strategy Tracker, and
// the screens are saved as PNGs (make screenshots keeps them). It returns
// the file of the demo run, which stays for the upgrade and uninstall.
func (w *wine) testFirstStart(t *testing.T) string {
	file := filepath.Join(w.documentDir, "Strategy Tracker", "strategy.db")
	for _, c := range []struct {
		name  string
		keys  []string // xdotool commands after the first-start window is drawn
		check func(t *testing.T, export string)
	}{
		{"new", []string{
			"key Tab Tab space",                      // the second button: start a new strategy
			"key Tab Tab", "type Wine test strategy", // past "open a file" into the title
			"key Tab", "type Ivan Petrov",
			"key Tab", "type i.petrov@example.org",
			"key Tab space", // Create
		}, func(t *testing.T, export string) {
			if !strings.Contains(export, "Wine test strategy") || !strings.Contains(export, "i.petrov@example.org") {
				t.Errorf("the new strategy's file does not hold what was typed:\n%s", clip(export))
			}
		}},
		{"demo", []string{"key Tab space"}, func(t *testing.T, export string) {
			if !strings.Contains(export, `"demo": true`) && !strings.Contains(export, `"demo":true`) {
				t.Errorf("the demo's file is not the demo:\n%s", clip(export))
			}
		}},
	} {
		t.Run("first start, "+c.name, func(t *testing.T) {
			// An empty profile: no default file, no preferences.
			os.RemoveAll(filepath.Dir(file))
			os.RemoveAll(filepath.Join(w.prefix, "drive_c", "users", w.user, "AppData", "Roaming", "fyne"))
			app := exec.Command("wine", `C:\Program Files\Strategy Tracker\strategytracker.exe`)
			app.Dir, app.Env = w.dir, w.env
			appLog, _ := os.Create(filepath.Join(w.dir, "app-"+c.name+".log"))
			defer appLog.Close()
			app.Stdout, app.Stderr = appLog, appLog
			if err := app.Start(); err != nil {
				t.Fatal(err)
			}
			defer func() {
				w.command(t, w.dir, "wineserver", "-k")
				app.Wait()
			}()
			win := w.waitWindow(t, "Strategy Tracker")
			w.xdotool(t, "mousemove", "--window", win, "10", "10", "click", "1") // focus, on empty space
			w.screenshot(t, "first-start-"+c.name)
			for _, k := range c.keys {
				args := strings.Fields(k)
				if strings.HasPrefix(k, "type ") {
					args = []string{"type", "--delay", "50", strings.TrimPrefix(k, "type ")}
				}
				w.xdotool(t, args...)
				time.Sleep(300 * time.Millisecond) // let the app take each step in
			}
			if !waitUntil(90*time.Second, func() bool { _, err := os.Stat(file); return err == nil }) {
				w.screenshot(t, "first-start-"+c.name+"-stuck")
				t.Fatalf("no %s after choosing %q (screens in %s)", file, c.name, w.shots)
			}
			time.Sleep(8 * time.Second) // the main window draws its first screen
			w.screenshot(t, "main-"+c.name)
			code, export, errOut := w.command(t, w.dir, w.linuxCLI, "export", "-db", file)
			if code != 0 {
				t.Fatalf("export of the app's file: %s", errOut)
			}
			c.check(t, export)
		})
	}
	if _, err := os.Stat(file); err != nil {
		t.Fatalf("the demo run left no file: %v", err)
	}
	return file
}

// waitWindow waits for a visible window whose title contains name and
// returns its id.
func (w *wine) waitWindow(t *testing.T, name string) string {
	t.Helper()
	var id string
	ok := waitUntil(120*time.Second, func() bool {
		out, err := exec.Command("xdotool", "search", "--onlyvisible", "--name", name).Output()
		fields := strings.Fields(string(out))
		if err == nil && len(fields) > 0 {
			id = fields[len(fields)-1]
		}
		return id != ""
	})
	if !ok {
		w.screenshot(t, "no-window")
		t.Fatalf("no window %q appeared (screen in %s)", name, w.shots)
	}
	time.Sleep(5 * time.Second) // the first frame (software OpenGL under Wine)
	return id
}

func (w *wine) xdotool(t *testing.T, args ...string) {
	t.Helper()
	if out, err := exec.Command("xdotool", args...).CombinedOutput(); err != nil {
		t.Fatalf("xdotool %v: %v %s", args, err, out)
	}
}

// screenshot saves the whole virtual screen as SHOTS/wine-NAME.png.
func (w *wine) screenshot(t *testing.T, name string) {
	t.Helper()
	path := filepath.Join(w.shots, "wine-"+name+".png")
	if out, err := exec.Command("import", "-window", "root", path).CombinedOutput(); err != nil {
		t.Errorf("screenshot %s: %v %s", path, err, out)
	}
}

// waitUntil polls cond every half second until it holds or d has passed.
func waitUntil(d time.Duration, cond func() bool) bool {
	for end := time.Now().Add(d); ; time.Sleep(500 * time.Millisecond) {
		if cond() {
			return true
		}
		if time.Now().After(end) {
			return false
		}
	}
}
