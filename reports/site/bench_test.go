package site

import (
	"bytes"
	"os"
	"path/filepath"
	"sync"
	"syscall"
	"testing"
	"time"

	"strategytracker/model"
)

// BenchmarkPublish2000 publishes the 2,000-measure synthetic strategy (the
// one `generate -measures 2000` makes) in both languages, written to disk.
// The bound is 5 s; BENCHMARKS.md has the figure.
//
// Each publication goes into a new folder, and none is removed before the
// test binary ends (TestMain), not even between the runs of -count: on
// ext4 without a journal (machine A's disk) the kernel skips every inode
// deleted in the last minute when it allocates one, so creating 4,064
// files right after removing 4,064 cost seconds of system time — the
// figure measured the previous run's cleanup, not Publish.
func BenchmarkPublish2000(b *testing.B) {
	d := model.Generate(2000, 1)
	dir, err := benchDir()
	if err != nil {
		b.Fatal(err)
	}
	cpu := func() time.Duration {
		var ru syscall.Rusage
		syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
		return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
	}
	b.ResetTimer()
	var used time.Duration
	for i := 0; i < b.N; i++ {
		run, err := os.MkdirTemp(dir, "run-")
		if err != nil {
			b.Fatal(err)
		}
		out := filepath.Join(run, "site") // a new folder, as `publish -o site`
		start := cpu()
		if err := Publish(out, d, Options{AsOf: model.GeneratedAsOf}); err != nil {
			b.Fatal(err)
		}
		used += cpu() - start
	}
	// CPU time (user + system) does not grow when other work shares the
	// machine, as wall time does: report it beside ns/op.
	b.ReportMetric(used.Seconds()/float64(b.N), "cpu-s/op")
}

// benchDir is a folder for the benchmarks' output that TestMain removes
// when the test binary ends.
var benchDir = sync.OnceValues(func() (string, error) { return os.MkdirTemp("", "site-bench-") })

func TestMain(m *testing.M) {
	code := m.Run()
	if dir, err := benchDir(); err == nil {
		os.RemoveAll(dir)
	}
	os.Exit(code)
}

// BenchmarkOpenDataWorkbook2000 writes open-data.xlsx of the 2,000-measure
// strategy: the part of BenchmarkPublish2000 the workbook adds (made beside
// the ZIP, on another core when there is one).
func BenchmarkOpenDataWorkbook2000(b *testing.B) {
	s := newSite(model.Generate(2000, 1), Options{AsOf: model.GeneratedAsOf})
	tables := s.tables()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		var buf bytes.Buffer
		if err := s.workbook(&buf, tables, s.created()); err != nil {
			b.Fatal(err)
		}
		b.SetBytes(int64(buf.Len()))
	}
}
