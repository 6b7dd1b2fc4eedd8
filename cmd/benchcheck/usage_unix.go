//go:build unix

package main

import (
	"os"
	"runtime"
	"syscall"
)

// peakRSS is the process's largest resident set in bytes.
func peakRSS(st *os.ProcessState) float64 {
	ru, ok := st.SysUsage().(*syscall.Rusage)
	if !ok {
		return 0
	}
	if runtime.GOOS == "darwin" {
		return float64(ru.Maxrss) // bytes there, KiB elsewhere
	}
	return float64(ru.Maxrss) * 1024
}

// ownCPU is the CPU time (user + system, seconds) of benchcheck and of
// every child it has waited for, with their own waited-for children (the
// go command's compilers and test binaries).
func ownCPU() float64 {
	var total float64
	for _, who := range []int{syscall.RUSAGE_SELF, syscall.RUSAGE_CHILDREN} {
		var ru syscall.Rusage
		if syscall.Getrusage(who, &ru) == nil {
			total += float64(ru.Utime.Nano()+ru.Stime.Nano()) / 1e9
		}
	}
	return total
}

// selfCPU is benchcheck's own CPU time (user + system, seconds), without
// its children's: the clock of the calibration.
func selfCPU() float64 {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return float64(ru.Utime.Nano()+ru.Stime.Nano()) / 1e9
}

// syncDisks writes every dirty buffer back (sync(2)).
func syncDisks() { syscall.Sync() }
