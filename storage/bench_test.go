package storage

import (
	"path/filepath"
	"testing"
	"time"

	"strategytracker/model"
)

// generatedFile makes the file of `generate -measures n` (without the
// audit history, which loading does not read) in dir.
func generatedFile(b *testing.B, n int) string {
	b.Helper()
	path := filepath.Join(b.TempDir(), "large.db")
	clock := func() time.Time { return model.GeneratedAsOf.Time() }
	s, err := Create(ctx, path, model.Generate(n, 1), Options{Now: clock})
	if err != nil {
		b.Fatal(err)
	}
	s.Close()
	return path
}

// BenchmarkLoadAndCompute opens the large strategy, reads all of it and
// computes every status and the summary: what the app and `summary` do.
func BenchmarkLoadAndCompute(b *testing.B) {
	path := generatedFile(b, 2000)
	asOf := model.NewDate(2026, 11, 30)
	b.ResetTimer()
	for b.Loop() {
		s, err := Open(ctx, path, Options{})
		if err != nil {
			b.Fatal(err)
		}
		d, err := s.Doc(ctx)
		if err != nil {
			b.Fatal(err)
		}
		sum := model.Summarize(d, asOf)
		if sum.Measures != 2000 || sum.Milestones != 20000 {
			b.Fatalf("summary of %d measures, %d milestones", sum.Measures, sum.Milestones)
		}
		s.Close()
	}
}
