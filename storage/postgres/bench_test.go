package postgres

import (
	"testing"
	"time"

	"strategytracker/model"
)

// BenchmarkLoadAndCompute connects to the server over localhost, reads the
// whole 2,000-measure strategy and computes every status and the summary:
// what the app and `summary` do (storage.BenchmarkLoadAndCompute on the file).
func BenchmarkLoadAndCompute(b *testing.B) {
	url := newDatabase(b)
	clock := func() time.Time { return model.GeneratedAsOf.Time() }
	s, err := Create(ctx, url, model.Generate(2000, 1), Options{Now: clock})
	if err != nil {
		b.Fatal(err)
	}
	s.Close()
	asOf := model.NewDate(2026, 11, 30)
	b.ResetTimer()
	for b.Loop() {
		s, err := Open(ctx, url, Options{})
		if err != nil {
			b.Fatal(err)
		}
		d, err := s.Doc(ctx)
		if err != nil {
			b.Fatal(err)
		}
		sum := model.Summarize(d, asOf)
		if sum.Measures != 2000 {
			b.Fatalf("measures = %d", sum.Measures)
		}
		s.Close()
	}
}
