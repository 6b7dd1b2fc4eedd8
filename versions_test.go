package main

import (
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// versionOf runs scripts/version.sh KIND as if `git describe` had said
// described with count commits in the history.
func versionOf(t *testing.T, kind, described string, count int) string {
	t.Helper()
	cmd := exec.Command("sh", "scripts/version.sh", kind)
	cmd.Env = append(os.Environ(), "STRATEGYTRACKER_DESCRIBE="+described, "STRATEGYTRACKER_COUNT="+strconv.Itoa(count))
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("version.sh %s for %q: %v\n%s", kind, described, err, out)
	}
	return strings.TrimSpace(string(out))
}

// msiLess compares two Windows versions as Windows Installer does for an
// upgrade: major.minor.build, the fourth field ignored.
func msiLess(t *testing.T, a, b string) bool {
	t.Helper()
	fields := func(v string) [3]int {
		var f [3]int
		parts := strings.Split(v, ".")
		if len(parts) != 4 {
			t.Fatalf("Windows version %q: want four fields", v)
		}
		for i, limit := range []int{255, 255, 65535} {
			n, err := strconv.Atoi(parts[i])
			if err != nil || n < 0 || n > limit {
				t.Fatalf("Windows version %q: field %d out of 0..%d", v, i+1, limit)
			}
			f[i] = n
		}
		return f
	}
	fa, fb := fields(a), fields(b)
	for i := range fa {
		if fa[i] != fb[i] {
			return fa[i] < fb[i]
		}
	}
	return false
}

// Builds in the order they are made get versions that Windows Installer
// and dpkg both see as newer each time: an MSI of a later build replaces
// the earlier one, apt upgrades to a later .deb.
func TestVersionOrder(t *testing.T) {
	dpkg, err := exec.LookPath("dpkg")
	if err != nil && os.Getenv("CI") != "" {
		t.Fatal("dpkg is needed to compare Debian versions")
	}
	builds := []struct {
		describe string
		count    int
		semver   string
	}{
		{"", 9, "0.0.0-dev+000000000000"},
		{"", 10, "0.0.0-dev+000000000000"},
		{"v0.2.0", 303, "0.2.0"},
		{"v0.2.0-1-gabcdef123456", 304, "0.2.0-1-gabcdef123456"},
		{"v0.2.0-9-g0123456789ab", 312, "0.2.0-9-g0123456789ab"},
		{"v0.2.0-10-gffffff000000", 313, "0.2.0-10-gffffff000000"},
		{"v0.2.0-999-g000000ffffff", 1302, "0.2.0-999-g000000ffffff"},
		{"v0.2.1", 1303, "0.2.1"},
		{"v0.2.1-2-gaaaaaaaaaaaa", 1305, "0.2.1-2-gaaaaaaaaaaaa"},
		{"v0.3.0", 1400, "0.3.0"},
		{"v1.0.0", 1500, "1.0.0"},
		{"v1.0.0-1-g111111111111", 1501, "1.0.0-1-g111111111111"},
	}
	var prevMSI, prevDeb string
	for i, b := range builds {
		if got := versionOf(t, "semver", b.describe, b.count); got != b.semver {
			t.Errorf("%q: version %q, want %q", b.describe, got, b.semver)
		}
		msi, deb := versionOf(t, "numeric", b.describe, b.count), versionOf(t, "deb", b.describe, b.count)
		if i > 0 {
			if !msiLess(t, prevMSI, msi) {
				t.Errorf("Windows Installer would not upgrade %s to %s (%q)", prevMSI, msi, b.describe)
			}
			if dpkg != "" {
				if err := exec.Command(dpkg, "--compare-versions", prevDeb, "lt", deb).Run(); err != nil {
					t.Errorf("dpkg does not sort %s before %s (%q)", prevDeb, deb, b.describe)
				}
			}
		}
		prevMSI, prevDeb = msi, deb
	}
	// What does not fit a Windows version is refused, not wrapped around.
	for _, describe := range []string{"v0.2.0-1000-gabcdef123456", "v0.2.66", "v256.0.0"} {
		cmd := exec.Command("sh", "scripts/version.sh", "numeric")
		cmd.Env = append(os.Environ(), "STRATEGYTRACKER_DESCRIBE="+describe)
		if out, err := cmd.CombinedOutput(); err == nil {
			t.Errorf("%q: Windows version %s, want a refusal", describe, out)
		}
	}
}

// One version everywhere: the last release tag (annotated) names the
// CHANGELOG's latest release heading, and FyneApp.toml declares the same.
// The binaries, the exe resources, the MSI and the .deb take theirs from
// scripts/version.sh (make release; scripts/check-release.sh compares them),
// the About dialog from the binary (version.String()).
func TestOneVersion(t *testing.T) {
	changelog, err := os.ReadFile("CHANGELOG.md")
	if err != nil {
		t.Fatal(err)
	}
	heading := regexp.MustCompile(`(?m)^## (\d+\.\d+\.\d+)\b(.*)$`).FindSubmatch(changelog)
	if heading == nil {
		t.Fatal("CHANGELOG.md has no release heading (## X.Y.Z)")
	}
	release := string(heading[1])
	toml, err := os.ReadFile("FyneApp.toml")
	if err != nil {
		t.Fatal(err)
	}
	if want := `Version = "` + release + `"`; !strings.Contains(string(toml), want) {
		t.Errorf("FyneApp.toml does not declare %s, the CHANGELOG's latest release", want)
	}
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	out, err := exec.Command("git", "describe", "--tags", "--abbrev=0", "--match", "v[0-9]*").Output()
	if err != nil {
		t.Skip("no release tag in this clone (a shallow clone has none)")
	}
	tag := strings.TrimSpace(string(out))
	if tag != "v"+release {
		t.Errorf("the last release tag is %s, but the CHANGELOG's latest release is %s", tag, release)
	}
	kind, err := exec.Command("git", "cat-file", "-t", tag).Output()
	if err != nil || strings.TrimSpace(string(kind)) != "tag" {
		t.Errorf("%s is not an annotated tag (git tag -a)", tag)
	}
}
