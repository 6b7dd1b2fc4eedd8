package main

import (
	"fmt"
	"os"
	"runtime"
	"strconv"
	"strings"
	"time"
)

// usage is what the whole machine and this process had used at one moment:
// the question "was the machine idle?" is answered by comparing two.
type usage struct {
	at   time.Time
	busy float64 // seconds all the cores spent not idle since boot (/proc/stat); -1: unknown
	// steal is the seconds the hypervisor ran something else on the
	// machine's cores while they had work (/proc/stat's "steal"; part
	// of busy).
	steal float64
	own   float64 // seconds of CPU of benchcheck and its finished children (getrusage)
}

// userHZ is the unit of /proc/stat's times: USER_HZ, 100 on every Linux.
const userHZ = 100

// busyTime reads, from /proc/stat's first line ("cpu  user nice system idle
// iowait irq softirq steal guest guest_nice"), the seconds all the cores
// were busy: everything but idle and iowait. Guest time is already inside
// user time; steal (the hypervisor running another machine on our core) is
// counted, as it takes the core from the measured program as much as a
// neighbour process does.
func busyTime(stat string) (busy, steal float64, err error) {
	line, _, _ := strings.Cut(stat, "\n")
	f := strings.Fields(line)
	if len(f) < 9 || f[0] != "cpu" {
		return 0, 0, fmt.Errorf("/proc/stat: unexpected first line %q", line)
	}
	var ticks uint64
	for i, field := range f[1:9] {
		v, err := strconv.ParseUint(field, 10, 64)
		if err != nil {
			return 0, 0, fmt.Errorf("/proc/stat: %q: %v", field, err)
		}
		if i != 3 && i != 4 { // idle, iowait
			ticks += v
		}
		if i == 7 {
			steal = float64(v) / userHZ
		}
	}
	return float64(ticks) / userHZ, steal, nil
}

// now samples the machine's and benchcheck's CPU time.
func now() usage {
	u := usage{at: time.Now(), busy: -1, steal: -1, own: ownCPU()}
	if b, err := os.ReadFile("/proc/stat"); err == nil {
		if busy, steal, err := busyTime(string(b)); err == nil {
			u.busy, u.steal = busy, steal
		}
	}
	return u
}

// otherLoad is how many cores, on average from a to b, processes other
// than benchcheck and the commands it ran and waited for kept busy: the
// machine's busy time less benchcheck's own, divided by the wall time.
// It is -1 when the machine's busy time is not known (not Linux).
//
// Unlike the load average it does not count the measured work itself (a
// five-minute run of two-core benchmarks lifts the 1-minute load average
// above 1 by itself), and unlike a load average taken before and after it
// sees a neighbour that ran only in the middle of the run. A daemon the
// measured commands start and do not wait for (the PostgreSQL server of
// its benchmark) counts as other work: its share is small.
func otherLoad(a, b usage) float64 {
	wall := b.at.Sub(a.at).Seconds()
	if a.busy < 0 || b.busy < 0 || wall <= 0 {
		return -1
	}
	other := (b.busy - a.busy) - (b.own - a.own)
	// The machine's ticks and getrusage's microseconds are rounded
	// differently: a fully idle run may come out a little below zero.
	return max(other/wall, 0)
}

// stolen is the share of the machine's core time, from a to b, that the
// hypervisor gave to other virtual machines while ours had work (0.03:
// 3 %); -1 when not known. On a shared host it is the one direct sign
// that the machine was slower than itself.
func stolen(a, b usage) float64 {
	wall := b.at.Sub(a.at).Seconds()
	if a.steal < 0 || b.steal < 0 || wall <= 0 {
		return -1
	}
	return max(b.steal-a.steal, 0) / (wall * float64(runtime.NumCPU()))
}

// verdict says whether the rows may claim their targets, and if not why.
type verdict struct {
	claim bool
	why   string // when not: "load 1.40 before", "other work 0.62 core"
}

// judge applies the idle rule: the 1-minute load average at most maxLoad
// when the measuring began (nothing else was running), and other processes
// using at most maxOther cores on average while it ran.
func judge(loadBefore, other, maxLoad, maxOther float64) verdict {
	var why []string
	if loadBefore < 0 || loadBefore > maxLoad {
		why = append(why, fmt.Sprintf("load %.2f before", loadBefore))
	}
	switch {
	case other < 0:
		why = append(why, "other work unknown")
	case other > maxOther:
		why = append(why, fmt.Sprintf("other work %.2f core", other))
	}
	return verdict{claim: len(why) == 0, why: strings.Join(why, ", ")}
}
