package app

import (
	"bufio"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"sync"

	"strategytracker/model"
)

// Writing an exported file: through a temporary file renamed over the
// path, and, for a report, under a soft memory limit.

// exportMemoryLimit is the soft limit of the program's Go memory while a
// report is written. The council report of the large strategy holds every
// page's content (about 30 MB for 2,000 measures: fpdf keeps the pages until
// it writes the file) beside what the open window holds (about 30 MB live
// built with the no_emoji tag, APP_TAGS in the Makefile: the document, Fyne's
// fonts and widgets); left alone, the collector lets the heap grow to twice
// what is live. Near the limit the collector works more often instead (it
// never fails an allocation, and spends at most half the CPU), so a larger
// strategy is only slower. About 150 MB of the real app's process under
// Xvfb is outside Go (libLLVM and Mesa's renderer, the program's code, C
// malloc), and the peak follows this limit, about 140 MB above it. Measured with
// scripts/bench-app-export.sh (one run each, load average 9-18, 2026-12-07):
// with the emoji font, 160 MB -> peak 300 MB, export CPU 4.2 s; 140 MiB ->
// 281 MB, 5.6 s; 120 MiB -> 265 MB, 6.1-7.5 s; without it (no_emoji),
// 110 MiB -> 251 MB, 5.9 s; 105 MiB -> 246-248 MB, 5.2-6.9 s (median 6.6
// s of 6 runs, 217 collections in one); 100 MiB -> 241-243 MB, 6.0-8.5 s
// (median 7.0 s of 7, 288 collections): 105 MiB left 2-4 MB of margin, 100
// MiB leaves 7-9 for a little more CPU. BENCHMARKS.md has the table;
// BenchmarkAppExportLargePDF measures the peak.
const exportMemoryLimit = 100 << 20

// limited counts the reports being written under exportMemoryLimit, and
// keeps the limit there was before the first.
var limited struct {
	sync.Mutex
	n    int
	prev int64
}

// underMemoryLimit sets exportMemoryLimit, unless GOMEMLIMIT sets one, and
// returns what puts the previous limit back once no report is written.
func underMemoryLimit() (restore func()) {
	if os.Getenv("GOMEMLIMIT") != "" {
		return func() {}
	}
	limited.Lock()
	defer limited.Unlock()
	if limited.n++; limited.n == 1 {
		limited.prev = debug.SetMemoryLimit(exportMemoryLimit)
	}
	return func() {
		limited.Lock()
		defer limited.Unlock()
		if limited.n--; limited.n == 0 {
			debug.SetMemoryLimit(limited.prev)
			// What the report held goes back to the system now, not
			// minutes later: after the large PDF the app stayed at about
			// 300 MB resident (one collection, about 0.1 s, off the UI).
			debug.FreeOSMemory()
		}
	}
}

// writeFile writes b to path through a temporary file in the same folder,
// renamed over path once complete: an existing file is replaced only by a
// whole new one.
func writeFile(path string, b []byte) error {
	return writeFileWith(path, func(w io.Writer) error {
		_, err := w.Write(b)
		return err
	})
}

// writeFileWith is writeFile of what write writes, streamed into the
// temporary file (a large report is not held twice in memory). An error of
// write leaves path as it was.
func writeFileWith(path string, write func(w io.Writer) error) error {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return model.Errorf(model.EINVALID, "%v", err)
	}
	tmp := f.Name()
	bw := bufio.NewWriter(f)
	if err := write(bw); err != nil {
		f.Close()
		os.Remove(tmp)
		return err
	}
	err = bw.Flush()
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(tmp, 0o644)
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		os.Remove(tmp)
		return model.Errorf(model.EINTERNAL, "%v", err)
	}
	return nil
}
