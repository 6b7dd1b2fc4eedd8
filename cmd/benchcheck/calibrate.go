package main

import (
	"fmt"
	"math"
	"runtime"
	"slices"
	"strings"
)

// Calibration: the machine's own speed, measured with fixed work before
// the first round, between the rounds and after the last. Two workloads,
// as a slower host slows them differently: a pure-CPU loop (integer
// arithmetic in registers) and a memory-bound one (a random walk through
// 64 MiB, far more than the caches, each step waiting for memory). Each is
// timed in benchcheck's own CPU time (getrusage), the best of three, so
// that a neighbour taking the core for a moment does not count, but a
// host that runs every instruction slower does.
//
// If either drifts by more than -drift between its fastest and slowest
// point, the table says so, and the run is not used to claim that figures
// reproduce: the machine, not the program, changed. The two rows are also
// rows of the table, so that `-compare` shows whether the machine ran at
// the pasted run's speed.

// calibration is one workload's figures, point by point (seconds).
type calibration struct {
	name    string
	samples []float64
}

// drift is how much slower the slowest point was than the fastest, as a
// fraction (0.08: 8 %).
func (c calibration) drift() float64 {
	if len(c.samples) < 2 {
		return 0
	}
	lo, hi := slices.Min(c.samples), slices.Max(c.samples)
	if lo <= 0 {
		return 0
	}
	return hi/lo - 1
}

// calibrator runs the two workloads; walk is the memory-bound one's
// cycle, made once.
type calibrator struct {
	walk   []uint32
	points []calibration // cpu, memory
	cpu    func() float64
}

// The sizes of the work: about 0.1–0.3 s each on machine A.
const (
	cpuSteps  = 60_000_000
	walkWords = 16 << 20 // 64 MiB of uint32
	walkSteps = 1_000_000
)

func newCalibrator(cpu func() float64) *calibrator {
	return &calibrator{walk: cycle(walkWords), cpu: cpu,
		points: []calibration{{name: "calibration: CPU loop (fixed work), CPU time"}, {name: "calibration: memory-bound walk (fixed work), CPU time"}}}
}

// cycle is a random single cycle through n slots (Sattolo's algorithm,
// with a fixed xorshift so that every run walks the same way): following
// it visits every slot once, in an order the prefetcher cannot guess.
func cycle(n int) []uint32 {
	next := make([]uint32, n)
	for i := range next {
		next[i] = uint32(i)
	}
	x := uint64(88172645463325252)
	for i := n - 1; i > 0; i-- {
		x ^= x << 13
		x ^= x >> 7
		x ^= x << 17
		j := int(x % uint64(i))
		next[i], next[j] = next[j], next[i]
	}
	return next
}

func cpuLoop(steps int) uint64 {
	x := uint64(1)
	for range steps {
		x ^= x << 13
		x ^= x >> 7
		x ^= x << 17
	}
	return x
}

func walk(next []uint32, steps int) uint64 {
	i := uint32(0)
	for range steps {
		i = next[i]
	}
	return uint64(i)
}

// point times both workloads once more: the best of three each.
func (c *calibrator) point() {
	work := []func() uint64{
		func() uint64 { return cpuLoop(cpuSteps) },
		func() uint64 { return walk(c.walk, walkSteps) },
	}
	for k, w := range work {
		best := math.Inf(1)
		for range 3 {
			start := c.cpu()
			runtime.KeepAlive(w()) // the result used: the loop is kept
			best = min(best, c.cpu()-start)
		}
		c.points[k].samples = append(c.points[k].samples, best)
	}
}

// rows are the calibration's rows of the table: one sample a point.
func (c *calibrator) rows() []row {
	var rows []row
	for _, p := range c.points {
		rows = append(rows, row{figure: p.name, command: "the same work before, between and after the rounds (calibrate.go)", samples: p.samples, unit: "s", target: "—"})
	}
	return rows
}

// drifted says, when either workload drifted by more than limit, by how
// much; "" when the machine kept its speed.
func (c *calibrator) drifted(limit float64) string {
	var why []string
	for _, p := range c.points {
		if d := p.drift(); d > limit {
			why = append(why, fmt.Sprintf("%s %.0f %%", strings.TrimPrefix(strings.TrimSuffix(p.name, ", CPU time"), "calibration: "), d*100))
		}
	}
	return strings.Join(why, ", ")
}

// last is the latest point's figures, for the progress lines.
func (c *calibrator) last() string {
	var parts []string
	for _, p := range c.points {
		if n := len(p.samples); n > 0 {
			parts = append(parts, format(p.samples[n-1], "s"))
		}
	}
	return strings.Join(parts, " / ")
}
