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
// it writes the file) beside what the open window holds (about 45 MB live:
// the document, Fyne's fonts and widgets), 75-85 MB live at the end; left
// alone, the collector lets the heap grow to twice what is live. Near the
// limit the collector works more often instead (it never fails an
// allocation, and spends at most half the CPU), so a larger strategy is
// only slower. The real app under Xvfb (scripts/bench-app-export.sh, one
// run each, load average 13-18, 2026-12-08): limit 160 MB -> peak 300 MB,
// export CPU 4.2 s; 140 MiB -> 281 MB, 5.6 s; 120 MiB -> 264 MB, 6.6 s;
// 105 MiB -> 255 MB, 8.5 s (about 150 MB of the process is outside Go
// there: libLLVM and Mesa's renderer, the program's code, C malloc). 120
// MiB is the compromise: below it each MB saved costs the export more CPU
// than it is worth. BenchmarkAppExportLargePDF measures the peak.
const exportMemoryLimit = 120 << 20

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
