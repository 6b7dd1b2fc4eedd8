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
// page's content (fpdf keeps the pages until it writes the file) beside what
// the open window holds; left alone, the collector lets the heap grow to
// twice what is live. Near the limit the collector works more often instead
// (it never fails an allocation), so a larger strategy is only slower. About
// 150 MB of the real app's process under Xvfb is outside Go, and the peak
// follows this limit, about 140 MB above it: 100 MiB keeps the large export
// under 250 MB for about twice its CPU time. The figures of each limit tried
// are in BENCHMARKS.md ("The desktop app's large PDF export"), measured by
// scripts/bench-app-export.sh; BenchmarkAppExportLargePDF measures the peak.
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
