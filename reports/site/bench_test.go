package site

import (
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
