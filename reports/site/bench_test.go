package site

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"strategytracker/model"
)

// BenchmarkPublish2000 publishes the 2,000-measure synthetic strategy (the
// one `generate -measures 2000` makes) in both languages, written to files.
// The bound is 5 s; BENCHMARKS.md has the figure.
//
// Each publication goes into a new folder on a tmpfs (benchDir), none
// removed before the test binary ends (TestMain): the figure is Publish's,
// not the disk's state (see benchDir). It reports its CPU time beside the
// wall time, in all and in its user and system parts.
func BenchmarkPublish2000(b *testing.B) {
	d := model.Generate(2000, 1)
	dir, err := benchDir()
	if err != nil {
		b.Fatal(err)
	}
	// user and system CPU time apart: the system time is the kernel
	// creating the 4,064 files, the part the file system's state decides.
	cpu := func() (user, sys time.Duration) {
		var ru syscall.Rusage
		syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
		return time.Duration(ru.Utime.Nano()), time.Duration(ru.Stime.Nano())
	}
	b.ResetTimer()
	var user, sys time.Duration
	for i := 0; i < b.N; i++ {
		run, err := os.MkdirTemp(dir, "run-")
		if err != nil {
			b.Fatal(err)
		}
		out := filepath.Join(run, "site") // a new folder, as `publish -o site`
		u0, s0 := cpu()
		if err := Publish(out, d, Options{AsOf: model.GeneratedAsOf}); err != nil {
			b.Fatal(err)
		}
		u1, s1 := cpu()
		user, sys = user+u1-u0, sys+s1-s0
	}
	// CPU time (user + system) does not grow when other work shares the
	// machine, as wall time does: report it beside ns/op, and its two
	// parts (user-s/op: Publish's own work; sys-s/op: the kernel's).
	n := float64(b.N)
	b.ReportMetric((user+sys).Seconds()/n, "cpu-s/op")
	b.ReportMetric(user.Seconds()/n, "user-s/op")
	b.ReportMetric(sys.Seconds()/n, "sys-s/op")
}

// benchDir is a folder for the benchmarks' output that TestMain removes
// when the test binary ends: on a tmpfs (/dev/shm) when the machine has
// one, else in the temporary folder.
//
// A tmpfs because of ext4 without a journal (machine A's disk): to create
// a file it steps past every inode of the group deleted in the last
// minute — in the last six while the inode table is not yet written back
// — one at a time. BenchmarkPublish2000's system time was 0.9–1.2 s after
// the disk had been left alone for five minutes, and 3.7–4.4 s right
// after 4,064 files (the previous run's site) had been deleted, and still
// 4.0 s 70 s after (machine A, 2026-12-07 23:12–23:21, user time 1.5–2.5 s
// in every run): the figure measured what had been deleted before it,
// which no folder of its own avoids (another program's deleted files count
// too). On a tmpfs creating a file costs the same every time; the
// benchmark measures Publish — rendering, the JSON, the ZIP, the
// workbook, and writing every byte through the kernel — while the
// whole-process `publish` of bench-check measures it on the disk.
var benchDir = sync.OnceValues(func() (string, error) { return os.MkdirTemp(tmpfs(), "site-bench-") })

// tmpfs is /dev/shm when it is a tmpfs (/proc/mounts), else "" (the
// temporary folder).
func tmpfs() string {
	mounts, err := os.ReadFile("/proc/mounts")
	if err != nil {
		return ""
	}
	for _, line := range strings.Split(string(mounts), "\n") {
		if f := strings.Fields(line); len(f) > 2 && f[1] == "/dev/shm" && f[2] == "tmpfs" {
			return "/dev/shm"
		}
	}
	return ""
}

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
