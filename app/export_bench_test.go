package app

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"strconv"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"

	"strategytracker/model"
)

// The peak memory of the app's PDF export of the large strategy (issue 22:
// ≤ 250 MB), as the user's process has it. Each run is a process of its
// own — this test binary started again under a virtual display (xvfb-run,
// 1366×768) with exportPeakEnv set (TestMain) — that opens the generated
// 2,000-measure strategy in the real window (Fyne's GL driver, Mesa's
// software renderer under Xvfb: about 150 MB of the process lies outside
// the Go heap there, libLLVM and the driver included) and exports the
// council report through File › Export's path (UI.export, its progress
// dialog, the file written). The child reports its own VmHWM, counted from
// the moment the window is about to open (the generator's garbage is not
// the app's: the real app reads the file instead), and the Go runtime's
// memory at the largest RSS it sampled. scripts/bench-app-export.sh
// measures the binary a user runs, driven by the keyboard; the two agree
// within a few MB. No test asserts it: cmd/benchcheck reports it.

// exportPeakEnv names the PDF a child run writes.
const exportPeakEnv = "STRATEGYTRACKER_EXPORT_PEAK_PDF"

// BenchmarkAppExportLargePDF reports the peak RSS of a child that shows
// the large strategy and exports its PDF (MB-peak-RSS, the largest of the
// runs) and the Go runtime's part of it (MB-Go-at-peak); ns/op is the whole
// child's time.
func BenchmarkAppExportLargePDF(b *testing.B) {
	if _, err := exec.LookPath("xvfb-run"); err != nil {
		b.Skip("xvfb-run is missing (make deps): the real window needs a display")
	}
	peak, goPart := 0.0, 0.0
	for i := 0; i < b.N; i++ {
		dir := b.TempDir()
		out := filepath.Join(dir, "large.pdf")
		cmd := exec.Command("xvfb-run", "-a", "-s", "-screen 0 1366x768x24", os.Args[0], "-test.run=^$")
		// Its own preferences: the user chosen there, nothing of the caller's.
		cmd.Env = append(os.Environ(), exportPeakEnv+"="+out, "XDG_CONFIG_HOME="+filepath.Join(dir, "config"))
		msg, err := cmd.CombinedOutput()
		if err != nil {
			b.Fatalf("the export's child: %v\n%s", err, msg)
		}
		if st, err := os.Stat(out); err != nil || st.Size() == 0 {
			b.Fatalf("the child wrote no PDF: %v\n%s", err, msg)
		}
		rss, g, err := parsePeak(string(msg))
		if err != nil {
			b.Fatalf("%v\n%s", err, msg)
		}
		if rss > peak {
			peak, goPart = rss, g
		}
	}
	b.ReportMetric(peak, "MB-peak-RSS")
	b.ReportMetric(goPart, "MB-Go-at-peak")
}

// peakLine is the line a child ends with: its VmHWM and the Go runtime's
// memory at the largest RSS sampled, in MB; peakScan reads it.
const (
	peakLine = "export peak: %.1f MB RSS, %.1f MB Go"
	peakScan = "export peak: %f MB RSS, %f MB Go"
)

// parsePeak reads the child's peakLine.
func parsePeak(out string) (rss, goPart float64, err error) {
	sc := bufio.NewScanner(strings.NewReader(out))
	for sc.Scan() {
		if _, err := fmt.Sscanf(sc.Text(), peakScan, &rss, &goPart); err == nil {
			return rss, goPart, nil
		}
	}
	return 0, 0, fmt.Errorf("the child printed no %q line", strings.SplitN(peakLine, ":", 2)[0])
}

// exportPeakChild is the child's run: the app's window opened on the large
// strategy as its office, its PDF exported to path, the peak printed.
func exportPeakChild(path string) error {
	d := model.Generate(2000, 1)
	office := d.People[0].ID
	store := newMemStore(d)
	d = nil
	runtime.GC()
	debug.FreeOSMemory()
	// Linux: "5" resets VmHWM to the current RSS (proc(5), clear_refs).
	if err := os.WriteFile("/proc/self/clear_refs", []byte("5"), 0); err != nil {
		return fmt.Errorf("cannot reset the peak RSS: %v", err)
	}
	a := fyneapp.NewWithID("bg.sofia.strategytracker")
	a.Preferences().SetInt(prefUser+store.dbID, int(office))
	var werr error
	var goAtPeak float64
	stop := sampleGoAtPeak(&goAtPeak)
	run(a, store, Options{Lang: model.BG}, func(u *UI) {
		werr = u.exportForPeak(path)
		fyne.DoAndWait(a.Quit)
	})
	stop()
	if werr != nil {
		return werr
	}
	hwm, err := procStatusKB("VmHWM")
	if err != nil {
		return err
	}
	fmt.Printf(peakLine+"\n", float64(hwm)/1024, goAtPeak)
	return nil
}

// exportForPeak waits for the document and the window to be drawn, then
// exports the council report as File › Export does and waits for it.
func (u *UI) exportForPeak(path string) error {
	for i := 0; ; i++ {
		var ready bool
		fyne.DoAndWait(func() { ready = u.doc != nil && u.busy == 0 })
		if ready {
			break
		}
		if i > 600 {
			return fmt.Errorf("the large strategy was not shown after 60 s")
		}
		time.Sleep(100 * time.Millisecond)
	}
	time.Sleep(time.Second) // drawn, as a user sees it before choosing File › Export
	var x *exporter
	for _, e := range u.exporters() {
		if e.ext == ".pdf" {
			x = &e
		}
	}
	if x == nil {
		return fmt.Errorf("no PDF among the exporters")
	}
	fyne.DoAndWait(func() { u.export(*x, path, model.NewDate(2026, 11, 30), model.BG, "") })
	for i := 0; ; i++ {
		var done bool
		fyne.DoAndWait(func() { done = u.busy == 0 && u.progress == nil })
		if _, err := os.Stat(path); err == nil && done {
			break
		}
		if i > 1200 {
			return fmt.Errorf("the export did not end within 120 s")
		}
		time.Sleep(100 * time.Millisecond)
	}
	time.Sleep(500 * time.Millisecond) // the result dialog drawn
	return nil
}

// sampleGoAtPeak samples the RSS every 50 ms and keeps in *goMB the Go
// runtime's memory (what it has mapped and not released) at the largest
// sample; stop ends it.
func sampleGoAtPeak(goMB *float64) (stop func()) {
	done := make(chan struct{})
	ended := make(chan struct{})
	go func() {
		defer close(ended)
		s := []metrics.Sample{{Name: "/memory/classes/total:bytes"}, {Name: "/memory/classes/heap/released:bytes"}}
		best := int64(0)
		for {
			if rss, err := procStatusKB("VmRSS"); err == nil && rss > best {
				metrics.Read(s)
				best = rss
				*goMB = float64(s[0].Value.Uint64()-s[1].Value.Uint64()) / (1 << 20)
			}
			select {
			case <-done:
				return
			case <-time.After(50 * time.Millisecond):
			}
		}
	}()
	return func() { close(done); <-ended }
}

// procStatusKB is a "kB" field of /proc/self/status.
func procStatusKB(name string) (int64, error) {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0, err
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, name+":"); ok {
			return strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
		}
	}
	return 0, fmt.Errorf("no %s in /proc/self/status", name)
}
