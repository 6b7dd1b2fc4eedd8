package site

import (
	"bytes"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"strategytracker/model"
)

// BenchmarkPublish2000 publishes the 2,000-measure synthetic strategy (the
// one `generate -measures 2000` makes) in both languages, written to disk.
// The bound is 5 s; BENCHMARKS.md has the figure.
func BenchmarkPublish2000(b *testing.B) {
	d := model.Generate(2000, 1)
	dir := b.TempDir()
	cpu := func() time.Duration {
		var ru syscall.Rusage
		syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
		return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
	}
	b.ResetTimer()
	var used time.Duration
	for i := 0; i < b.N; i++ {
		out := filepath.Join(dir, "site")
		start := cpu()
		if err := Publish(out, d, Options{AsOf: model.GeneratedAsOf}); err != nil {
			b.Fatal(err)
		}
		used += cpu() - start
		b.StopTimer()
		os.RemoveAll(out)
		b.StartTimer()
	}
	// CPU time (user + system) does not grow when other work shares the
	// machine, as wall time does: report it beside ns/op.
	b.ReportMetric(used.Seconds()/float64(b.N), "cpu-s/op")
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
