package storage

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"strategytracker/model"
)

// These tests run this test binary again as a child process (selected by
// STRATEGYTRACKER_CHILD), because what they prove concerns processes:
// a SIGKILL in the middle of a write, and two programs on one file.

const batchSize = 40

func TestMain(m *testing.M) {
	if mode := os.Getenv("STRATEGYTRACKER_CHILD"); mode != "" {
		os.Exit(runChild(mode, os.Getenv("STRATEGYTRACKER_CHILD_DB")))
	}
	os.Exit(m.Run())
}

func runChild(mode, path string) int {
	ctx := context.Background()
	s, err := Open(ctx, path, Options{})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 3
	}
	defer s.Close()
	fmt.Println("ready") // the parent times its kill from here
	switch mode {
	case "batches":
		// Endless transactions, each writing batchSize notes that carry its
		// number: after a kill, a batch is in the file whole or not at all.
		for {
			var d *model.Doc
			if d, err = s.Doc(ctx); err != nil {
				fmt.Fprintln(os.Stderr, err)
				return 4
			}
			next := nextBatch(d)
			err = s.Update(ctx, 1, model.ActionUpdate, "", func(tx model.Tx) error {
				doc := tx.Doc()
				n := 0
				for i := range doc.Measures {
					for j := range doc.Measures[i].Milestones {
						if n == batchSize {
							return nil
						}
						ms := doc.Measures[i].Milestones[j]
						ms.Note = fmt.Sprintf("batch %d", next)
						if err := tx.SaveMilestone(&ms); err != nil {
							return err
						}
						n++
					}
				}
				return nil
			})
			if err != nil {
				fmt.Fprintln(os.Stderr, err)
				return 5
			}
		}
	case "reader":
		for i := 0; i < 40; i++ {
			if _, err := s.Doc(ctx); err != nil {
				fmt.Fprintln(os.Stderr, err)
				return 6
			}
		}
	case "writer":
		d, err := s.Doc(ctx)
		if err != nil {
			return 7
		}
		for i := 0; i < 40; i++ {
			m := &d.Measures[i%len(d.Measures)]
			if len(m.Milestones) == 0 {
				continue
			}
			err := s.Update(ctx, 1, model.ActionUpdate, "", func(tx model.Tx) error {
				cur, _ := tx.Doc().MilestoneByID(m.Milestones[0].ID)
				c := *cur
				c.Note = fmt.Sprintf("%s w%d", c.Note, i)
				return tx.SaveMilestone(&c)
			})
			if err != nil {
				fmt.Fprintln(os.Stderr, err)
				return 8
			}
		}
	}
	return 0
}

// nextBatch is one more than the highest batch number in the notes.
func nextBatch(d *model.Doc) int {
	high := 0
	for n := range batchCounts(d) {
		high = max(high, n)
	}
	return high + 1
}

// batchCounts counts the milestones carrying each batch number.
func batchCounts(d *model.Doc) map[int]int {
	counts := map[int]int{}
	for _, m := range d.Measures {
		for _, ms := range m.Milestones {
			if n, ok := strings.CutPrefix(ms.Note, "batch "); ok {
				if k, err := strconv.Atoi(n); err == nil {
					counts[k]++
				}
			}
		}
	}
	return counts
}

func child(t *testing.T, mode, path string) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "STRATEGYTRACKER_CHILD="+mode, "STRATEGYTRACKER_CHILD_DB="+path)
	return cmd
}

func TestKilledWritesAreAllOrNothing(t *testing.T) {
	const kills = 100
	_, path := newDemo(t)
	rng := rand.New(rand.NewPCG(1, 2))
	// Calibrate: how long one batch takes in this build (the race detector
	// slows it tenfold), so that the kills fall among the writes.
	window := calibrateBatch(t, path) * 3
	t.Logf("one batch takes about %v; killing within %v of the start", window/3, window)
	lastBatch := 0
	for k := 0; k < kills; k++ {
		cmd := child(t, "batches", path)
		var stderr strings.Builder
		cmd.Stderr = &stderr
		stdout, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		// Kill at a random moment after the child has opened the file, so
		// that the moments fall among its writes however slow its start.
		ready := make([]byte, 6)
		if _, err := io.ReadFull(stdout, ready); err != nil {
			cmd.Process.Kill()
			cmd.Wait()
			t.Fatalf("kill %d: the child did not start: %v %s", k, err, stderr.String())
		}
		time.Sleep(time.Duration(rng.Int64N(int64(window))))
		cmd.Process.Signal(syscall.SIGKILL)
		err = cmd.Wait()
		var exit *exec.ExitError
		if !errors.As(err, &exit) || exit.ExitCode() != -1 {
			t.Fatalf("kill %d: the child ended by itself (%v): %s", k, err, stderr.String())
		}
		s, err := Open(ctx, path, Options{})
		if err != nil {
			t.Fatalf("kill %d: the file does not open: %v", k, err)
		}
		if _, err := s.Check(ctx); err != nil {
			s.Close()
			t.Fatalf("kill %d: check: %v", k, err)
		}
		d, err := s.Doc(ctx)
		s.Close()
		if err != nil {
			t.Fatal(err)
		}
		// Only the latest batch is visible in full (later ones overwrite
		// earlier notes): it must have all its rows, never part of them.
		counts := batchCounts(d)
		latest := 0
		for n := range counts {
			latest = max(latest, n)
		}
		if latest > 0 && counts[latest] != batchSize {
			t.Fatalf("kill %d: batch %d is in the file with %d of %d rows", k, latest, counts[latest], batchSize)
		}
		if latest < lastBatch {
			t.Fatalf("kill %d: committed batch %d was lost (now %d)", k, lastBatch, latest)
		}
		lastBatch = latest
	}
	if lastBatch == 0 {
		t.Fatal("no batch was ever committed: the kills came too early to prove anything")
	}
	t.Logf("%d kills, %d batches committed", kills, lastBatch)
}

// calibrateBatch lets a child write batches for a second and returns the
// time one batch took.
func calibrateBatch(t *testing.T, path string) time.Duration {
	t.Helper()
	cmd := child(t, "batches", path)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	time.Sleep(time.Second)
	cmd.Process.Kill()
	cmd.Wait()
	s, err := Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	d, err := s.Doc(ctx)
	if err != nil {
		t.Fatal(err)
	}
	n := nextBatch(d) - 1
	if n == 0 {
		return time.Second
	}
	return time.Second / time.Duration(n)
}

func TestWritersAndReadersInSeveralProcesses(t *testing.T) {
	_, path := newDemo(t)
	modes := []string{"writer", "writer", "reader", "reader", "reader"}
	var wg sync.WaitGroup
	errs := make([]string, len(modes))
	for i, mode := range modes {
		wg.Add(1)
		go func() {
			defer wg.Done()
			out, err := child(t, mode, path).CombinedOutput()
			if err != nil {
				errs[i] = fmt.Sprintf("%s: %v: %s", mode, err, out)
			}
		}()
	}
	wg.Wait()
	for _, e := range errs {
		if e != "" {
			t.Error(e)
		}
	}
	s, err := Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.Check(ctx); err != nil {
		t.Errorf("check after concurrent processes: %v", err)
	}
	// Each writer edits the first milestone of measures 0..39 (cycling),
	// one audit entry each, after the load's.
	d, _ := s.Doc(ctx)
	edits := 0
	for i := 0; i < 40; i++ {
		if len(d.Measures[i%len(d.Measures)].Milestones) > 0 {
			edits++
		}
	}
	if got, want := auditCount(t, s), 1+2*edits; got != want {
		t.Errorf("audit entries = %d, want %d: an edit was lost", got, want)
	}
}

func TestSecondProcessWithStaleVersionGetsConflict(t *testing.T) {
	_, path := newDemo(t)
	a, err := Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	d, _ := a.Doc(ctx)
	// Another process changes the same measure.
	cmd := child(t, "writer", path)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("writer: %v %s", err, out)
	}
	fresh, _ := a.Doc(ctx)
	staleMs := d.Measures[0].Milestones[0]
	staleMs.Note = "mine"
	err = a.Update(ctx, 1, model.ActionUpdate, "", func(tx model.Tx) error { return tx.SaveMilestone(&staleMs) })
	if model.ErrorCode(err) != model.ECONFLICT {
		t.Fatalf("stale edit after another process wrote: %v, want conflict", err)
	}
	if got, _ := fresh.MilestoneByID(staleMs.ID); got.Note == "mine" {
		t.Error("the stale edit overwrote the other process's")
	}
}
