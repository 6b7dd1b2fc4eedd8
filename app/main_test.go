package app

import (
	"fmt"
	"os"
	"testing"
)

// TestMain gives the tests a real locale: under the C locale Fyne logs
// that it cannot parse "C" each time translations are loaded. With
// exportPeakEnv set, the binary is BenchmarkAppExportLargePDF's child.
func TestMain(m *testing.M) {
	for _, env := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if v := os.Getenv(env); v == "C" || v == "POSIX" || len(v) > 2 && v[:2] == "C." {
			os.Setenv(env, "en_US.UTF-8")
		}
	}
	if path := os.Getenv(exportPeakEnv); path != "" { // BenchmarkAppExportLargePDF's child
		if err := exportPeakChild(path); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}
