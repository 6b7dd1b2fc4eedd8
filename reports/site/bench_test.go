package site

import (
	"os"
	"path/filepath"
	"testing"

	"strategytracker/model"
)

// BenchmarkPublish2000 publishes the 2,000-measure synthetic strategy (the
// one `generate -measures 2000` makes) in both languages, written to disk.
// The bound is 5 s; BENCHMARKS.md has the figure.
func BenchmarkPublish2000(b *testing.B) {
	d := model.Generate(2000, 1)
	dir := b.TempDir()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		out := filepath.Join(dir, "site")
		if err := Publish(out, d, Options{AsOf: model.GeneratedAsOf}); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		os.RemoveAll(out)
		b.StartTimer()
	}
}
