//go:build !unix

package main

import "os"

// peakRSS is not known here.
func peakRSS(*os.ProcessState) float64 { return 0 }

// ownCPU is not known here (nor is the machine's busy time: no claim).
func ownCPU() float64 { return 0 }
