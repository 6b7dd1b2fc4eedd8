package app

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"syscall"
	"testing"

	"fyne.io/fyne/v2/test"

	"strategytracker/model"
)

// The peak memory of the app's PDF export of the large strategy (issue 22:
// ≤ 250 MB). Each run is a process of its own — this test binary started
// again with exportPeakEnv set (TestMain) — that opens the generated
// 2,000-measure strategy in the app and exports the council report through
// File › Export's path (UI.export: the store's document read again, the
// report written with its progress, the file written), so that its peak
// RSS (the kernel's maxrss of the child) is that of the app's export and of
// nothing else the tests did. No test asserts it: cmd/benchcheck reports it.

// exportPeakEnv names the PDF a child run writes.
const exportPeakEnv = "STRATEGYTRACKER_EXPORT_PEAK_PDF"

// BenchmarkAppExportLargePDF reports the peak RSS of a child that opens
// the large strategy and exports its PDF (MB-peak-RSS, the largest of the
// runs); ns/op is the whole child's time.
func BenchmarkAppExportLargePDF(b *testing.B) {
	peak := 0.0
	for i := 0; i < b.N; i++ {
		out := filepath.Join(b.TempDir(), "large.pdf")
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = append(os.Environ(), exportPeakEnv+"="+out)
		if msg, err := cmd.CombinedOutput(); err != nil {
			b.Fatalf("the export's child: %v\n%s", err, msg)
		}
		if st, err := os.Stat(out); err != nil || st.Size() == 0 {
			b.Fatalf("the child wrote no PDF: %v", err)
		}
		ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage)
		if !ok {
			b.Skip("no resource usage of a child on this system")
		}
		peak = max(peak, maxrssMB(ru))
	}
	b.ReportMetric(peak, "MB-peak-RSS")
}

// maxrssMB is a process's maxrss in megabytes (Linux counts kilobytes).
func maxrssMB(ru *syscall.Rusage) float64 {
	if runtime.GOOS == "darwin" {
		return float64(ru.Maxrss) / 1e6
	}
	return float64(ru.Maxrss) * 1024 / 1e6
}

// exportPeakChild is the child's run: the app opened on the large strategy
// as its office, then its PDF exported to path.
func exportPeakChild(path string) error {
	d := model.Generate(2000, 1)
	office := d.People[0].ID
	store := newMemStore(d)
	d = nil
	a := test.NewApp()
	defer a.Quit()
	a.Preferences().SetInt(prefUser+store.dbID, int(office))
	u := newTestUI(a, store)
	u.Start()
	u.settle()
	if u.me == nil {
		return fmt.Errorf("nobody is chosen in the large strategy")
	}
	runtime.GC()
	debug.FreeOSMemory() // what the generator left is not the app's
	for _, x := range u.exporters() {
		if x.ext == ".pdf" {
			u.export(x, path, model.NewDate(2026, 11, 30), model.BG, "")
			u.settle()
			return nil
		}
	}
	return fmt.Errorf("no PDF among the exporters")
}
