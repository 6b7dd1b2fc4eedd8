package main

// Interleaving. A 2-core virtual machine on a shared host does not keep
// one speed: for minutes at a time every program on it may run a third
// slower (issue 26's run 2: every whole process 27–38 % slower, CPU time
// as much as wall time). Measured one figure after the other, such a
// minute moves a few figures by a third and leaves the others alone, and
// a second run cannot reproduce the first. So benchcheck measures in
// rounds: each round runs every whole process its share of times and
// every package's benchmarks once (-test.count 1 of a test binary built
// once), and a slow minute costs each figure one sample, which the median
// leaves out.

// shares is how many of n runs fall into each of the given rounds, spread
// evenly (11 runs in 5 rounds: 2 2 2 2 3), so that every round holds
// about as many of each figure's runs.
func shares(n, rounds int) []int {
	s := make([]int, rounds)
	for r := range rounds {
		s[r] = (r+1)*n/rounds - r*n/rounds
	}
	return s
}

// step is one thing the measuring does: a whole process's run (warm-up or
// measured), one run of a package's benchmarks, or a calibration point
// (after round, 0: before the first).
type step struct {
	kind  stepKind
	i     int // the process or package
	round int // of a calibration: the rounds done
}

type stepKind int

const (
	warmupStep stepKind = iota
	procStep
	pkgStep
	calibrateStep
)

// plan is the order of the measuring: a calibration point, each whole
// process's warmup unmeasured runs, then the rounds — in each, every
// process its share of its runs[i], every one of pkgs packages its share
// of count runs, and a calibration point.
func plan(rounds, warmup int, runs []int, pkgs, count int) []step {
	steps := []step{{kind: calibrateStep}}
	for i := range runs {
		for range warmup {
			steps = append(steps, step{kind: warmupStep, i: i})
		}
	}
	procShares := make([][]int, len(runs))
	for i, n := range runs {
		procShares[i] = shares(n, rounds)
	}
	pkgShares := shares(count, rounds)
	for r := range rounds {
		for i := range runs {
			for range procShares[i][r] {
				steps = append(steps, step{kind: procStep, i: i})
			}
		}
		for i := range pkgs {
			for range pkgShares[r] {
				steps = append(steps, step{kind: pkgStep, i: i})
			}
		}
		steps = append(steps, step{kind: calibrateStep, round: r + 1})
	}
	return steps
}
