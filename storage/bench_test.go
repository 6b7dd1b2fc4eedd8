package storage

import (
	"context"
	"path/filepath"
	"runtime/metrics"
	"syscall"
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
// computes every status and the summary: what the app does.
func BenchmarkLoadAndCompute(b *testing.B) { benchLoad(b, (*Store).Doc) }

// BenchmarkSummary opens the large strategy, reads what the figures need
// (SummaryDoc) and computes the summary: `summary` without the process's
// start and the printing.
func BenchmarkSummary(b *testing.B) { benchLoad(b, (*Store).SummaryDoc) }

// benchLoad opens the large strategy, reads it with read and summarises it.
func benchLoad(b *testing.B, read func(*Store, context.Context) (*model.Doc, error)) {
	path := generatedFile(b, 2000)
	asOf := model.NewDate(2026, 11, 30)
	b.ReportAllocs()
	start, gc := processCPU(), gcCPU()
	b.ResetTimer()
	for b.Loop() {
		s, err := Open(ctx, path, Options{})
		if err != nil {
			b.Fatal(err)
		}
		d, err := read(s, ctx)
		if err != nil {
			b.Fatal(err)
		}
		if sum := model.Summarize(d, asOf); sum.Measures != 2000 || sum.Milestones != 20000 {
			b.Fatalf("summary of %d measures, %d milestones", sum.Measures, sum.Milestones)
		}
		s.Close()
	}
	// The process's CPU time per op beside the wall time: what a slower
	// minute of the machine or a neighbour on the other core changes less
	// (benchcheck's CPU-time rows). The loop runs on this goroutine alone,
	// but the garbage collector's workers count too, as they should.
	if used := processCPU() - start; used > 0 {
		b.ReportMetric(float64(used.Nanoseconds())/float64(b.N), "cpu-ns/op")
	}
	// The garbage collector's part of it, and in that the part of its
	// idle-priority workers, which run on a core that has nothing else
	// to do — more of them on an idle machine (BENCHMARKS.md, "Why
	// figures varied between idle runs").
	end := gcCPU()
	b.ReportMetric((end[0]-gc[0])*1e9/float64(b.N), "gc-cpu-ns/op")
	b.ReportMetric((end[1]-gc[1])*1e9/float64(b.N), "gc-idle-cpu-ns/op")
}

// gcCPU is the runtime's estimate of the CPU seconds the garbage
// collector has used so far: in all, and by its idle-priority workers.
func gcCPU() [2]float64 {
	s := []metrics.Sample{{Name: "/cpu/classes/gc/total:cpu-seconds"}, {Name: "/cpu/classes/gc/mark/idle:cpu-seconds"}}
	metrics.Read(s)
	var v [2]float64
	for i := range s {
		if s[i].Value.Kind() == metrics.KindFloat64 {
			v[i] = s[i].Value.Float64()
		}
	}
	return v
}

// processCPU is the CPU time (user and system) the process has used so far.
func processCPU() time.Duration {
	var u syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &u) != nil {
		return 0
	}
	return time.Duration(u.Utime.Nano() + u.Stime.Nano())
}

// BenchmarkWALGuard is what the WAL guard adds to every write transaction
// (walguard.go): a transaction that only rewrites the guard, against an
// empty one.
func BenchmarkWALGuard(b *testing.B) {
	s, err := Create(ctx, filepath.Join(b.TempDir(), "g.db"), model.Generate(20, 1), Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	for _, guarded := range []bool{false, true} {
		name := map[bool]string{false: "empty", true: "guard"}[guarded]
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				tx, err := s.writer.BeginTx(ctx, nil)
				if err != nil {
					b.Fatal(err)
				}
				if guarded {
					if err := s.touchGuard(ctx, tx); err != nil {
						b.Fatal(err)
					}
				}
				if err := tx.Commit(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkOpenBesideAWAL is Open of the large file while another store
// has it open with committed transactions in its WAL: the WAL is read and
// matched with the file before SQLite opens it.
func BenchmarkOpenBesideAWAL(b *testing.B) {
	path := generatedFile(b, 2000)
	other, err := Open(ctx, path, Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer other.Close()
	d, _ := other.Doc(ctx)
	for i := 0; i < 50; i++ {
		err := other.Update(ctx, 1, model.ActionUpdate, "", func(tx model.Tx) error {
			ms := d.Measures[i].Milestones[0]
			ms.Note = "wal"
			return tx.SaveMilestone(&ms)
		})
		if err != nil {
			b.Fatal(err)
		}
	}
	b.ResetTimer()
	for b.Loop() {
		s, err := Open(ctx, path, Options{})
		if err != nil {
			b.Fatal(err)
		}
		s.Close()
	}
}
