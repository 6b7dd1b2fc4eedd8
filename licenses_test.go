package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
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
	for _, name := range []string{"LICENSE", "assets/fonts/OFL.txt", "CHANGELOG.md"} {
		if fi, err := os.Stat(name); err != nil || fi.Size() < 100 {
			t.Errorf("%s is missing or nearly empty", name)
		}
	}
}
