package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// THIRD_PARTY_LICENSES is what scripts/third-party-licenses.sh makes of
// the modules linked today: a new dependency without its licence in the
// file fails here.
func TestThirdPartyLicensesUpToDate(t *testing.T) {
	if _, err := exec.LookPath("bash"); err != nil {
		t.Skip("bash is not installed")
	}
	out := filepath.Join(t.TempDir(), "THIRD_PARTY_LICENSES")
	cmd := exec.Command("bash", "scripts/third-party-licenses.sh", out)
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("scripts/third-party-licenses.sh: %v\n%s", err, msg)
	}
	got, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	committed, err := os.ReadFile("THIRD_PARTY_LICENSES")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, committed) {
		t.Error("THIRD_PARTY_LICENSES is not what the linked modules need: run scripts/third-party-licenses.sh and commit it")
	}
	// The notices that are not at a module's root, and the attribution the
	// EmojiOne artwork's licence requires.
	for _, want := range []string{
		"— theme/font/LICENSE_DejaVu-Powerline.txt", "Bitstream Vera",
		"— theme/font/LICENSE_Inter.txt", "The Inter Project Authors",
		"fyne.io/fyne/v2/theme/font/EmojiOneColor.otf", "Emoji art supplied by EmojiOne", "creativecommons.org/licenses/by/4.0",
		"— harfbuzz/LICENSE", "HarfBuzz",
		"— ico/LICENSE-reader",
	} {
		if !bytes.Contains(committed, []byte(want)) {
			t.Errorf("THIRD_PARTY_LICENSES lacks %q", want)
		}
	}
	// Any Go 1.26.x builds the same file.
	if m := regexp.MustCompile(`go1\.\d+\.\d+`).Find(committed); m != nil {
		t.Errorf("THIRD_PARTY_LICENSES names the Go patch version %s", m)
	}
	for _, name := range []string{"LICENSE", "assets/fonts/OFL.txt", "CHANGELOG.md"} {
		if fi, err := os.Stat(name); err != nil || fi.Size() < 100 {
			t.Errorf("%s is missing or nearly empty", name)
		}
	}
}

// An embedded font without its notice is refused, naming the font: here
// the font table without EmojiOne's line.
func TestMissingFontNoticeRefused(t *testing.T) {
	if _, err := exec.LookPath("bash"); err != nil {
		t.Skip("bash is not installed")
	}
	table, err := os.ReadFile("packaging/licences/fonts.tsv")
	if err != nil {
		t.Fatal(err)
	}
	var kept []string
	for _, line := range strings.Split(string(table), "\n") {
		if !strings.Contains(line, "EmojiOneColor.otf") {
			kept = append(kept, line)
		}
	}
	dir := t.TempDir()
	broken := filepath.Join(dir, "fonts.tsv")
	if err := os.WriteFile(broken, []byte(strings.Join(kept, "\n")), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("bash", "scripts/third-party-licenses.sh", filepath.Join(dir, "out"))
	cmd.Env = append(os.Environ(), "FONTS="+broken)
	msg, err := cmd.CombinedOutput()
	if err == nil || !strings.Contains(string(msg), "fyne.io/fyne/v2/theme/font/EmojiOneColor.otf") {
		t.Errorf("without EmojiOne's notice: err %v, output %s; want a refusal naming the font", err, msg)
	}
	if _, err := os.Stat(filepath.Join(dir, "out")); err == nil {
		t.Error("the refused run wrote the file anyway")
	}
}
