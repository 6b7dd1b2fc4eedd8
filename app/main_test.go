package app

import (
	"os"
	"testing"
)

// TestMain gives the tests a real locale: under the C locale Fyne logs
// that it cannot parse "C" each time translations are loaded.
func TestMain(m *testing.M) {
	for _, env := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if v := os.Getenv(env); v == "C" || v == "POSIX" || len(v) > 2 && v[:2] == "C." {
			os.Setenv(env, "en_US.UTF-8")
		}
	}
	os.Exit(m.Run())
}
