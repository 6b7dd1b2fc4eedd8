#!/bin/sh
# bench-app-export.sh [BIN [DB [RUNS]]]: the peak memory of the desktop app
# itself exporting the council report (PDF) of the large strategy, the way a
# user does it (issue 22: ≤ 250 MB). For each run it starts BIN (the binary a
# user runs, no test hook) under a virtual display (xvfb-run, 1366×768) on DB
# with a fresh configuration whose office user is already chosen, waits for
# the window and the strategy, then types what a user types with the keyboard
# (xdotool): Ctrl+E (File › Export…), Tab to the council report and Space,
# Tab to "Export" and Space, and waits for the PDF. It prints, per run:
#   - VmHWM once the strategy is shown (the load's peak) and after the export,
#   - the export's wall time (the key press until the file exists) and the
#     process's CPU time (user + system) over it,
#   - the split of the resident memory at the largest sample taken during the
#     export (every 0.2 s, /proc/PID/smaps): the Go heap (the runtime's heap
#     arenas: anonymous mappings from 2^32 up to 0x700000000000, where Go
#     1.26 places its randomised heap; C's and the GL driver's lie at 0x7f…), the other anonymous memory (C malloc, Mesa's
#     llvmpipe renderer, thread stacks, the Go runtime's own), and the files
#     mapped (the program's code, libLLVM, the GL driver, X shared memory),
#   - the Go heap's largest size in the collector's trace (GODEBUG=gctrace=1).
# DB is made with `BIN generate -measures 2000` when it does not exist (its
# database id, which keys the chosen user, is then "generated-2000-1").
set -eu
BIN=${1:-./bin/strategytracker}
DB=${2:-/tmp/strategytracker-bench-2000.db}
RUNS=${3:-3}
LIB=$(cd "$(dirname "$0")" && pwd)/bench-app-lib.sh
. "$LIB"
prepare bench-app-export xvfb-run xdotool xwininfo
export LIB
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
run=1
while [ $run -le "$RUNS" ]; do
	HOME=$(mktemp -d)
	OUT=$HOME/out
	prefs=$HOME/.config/fyne/bg.sofia.strategytracker
	mkdir -p "$OUT" "$prefs"
	printf '{"user.generated-2000-1":1,"folder.save":"%s"}\n' "$OUT" >"$prefs/preferences.json"
	export HOME OUT LANG=C.UTF-8 STRATEGYTRACKER_DB="$DB" BIN GODEBUG=gctrace=1
	echo "run $run:"
	xvfb-run -a -s '-screen 0 1366x768x24' sh -c '
		. "$LIB"
		"$BIN" >/dev/null 2>"$HOME/stderr" &
		pid=$!
		wait_window $pid
		sleep 8 # the strategy is read and shown
		hwm() { awk "/VmHWM/ {printf \"%d MB\", \$2/1024}" /proc/$pid/status; }
		echo "  peak memory once the strategy is shown: $(hwm)"
		# The split of one sample: Go heap arenas, other anonymous, files.
		split() {
			awk "/^[0-9a-f]+-[0-9a-f]+ / { i = index(\$1, \"-\"); go = (NF < 6 && i >= 10 && (i <= 12 || substr(\$1, 1, 1) < \"7\")); file = (NF >= 6 && \$6 !~ /^\\[/) }
				/^Rss:/ { if (go) g += \$2; else if (file) f += \$2; else a += \$2 }
				END { printf \"%d %d %d %d\", (g+a+f)/1024, g/1024, a/1024, f/1024 }" /proc/$pid/smaps
		}
		cpu() { awk "{print \$14+\$15}" /proc/$pid/stat; }
		wid=$(xdotool search --name "Strategy Tracker" | head -1)
		xdotool windowactivate --sync "$wid" 2>/dev/null || xdotool windowfocus "$wid"
		c0=$(cpu); t0=$(date +%s%N)
		xdotool key ctrl+e; sleep 1.5
		xdotool key Tab Tab Tab space; sleep 0.5 # the third kind: the council report
		for k in 1 2 3 4 5 6 7 8 9 10 11; do xdotool key Tab; sleep 0.1; done
		xdotool key space # Export
		best="0 0 0 0"
		i=0
		until ls "$OUT"/*.pdf >/dev/null 2>&1; do
			i=$((i+1)); [ $i -gt 600 ] && { echo "  no PDF after 120 s"; kill $pid; exit 1; }
			s=$(split); [ "${s%% *}" -gt "${best%% *}" ] && best=$s
			sleep 0.2
		done
		t1=$(date +%s%N); c1=$(cpu)
		sleep 1
		hz=$(getconf CLK_TCK)
		echo "  peak memory after the export: $(hwm); resident 1 s after it: $(awk "/VmRSS/ {printf \"%d MB\", \$2/1024}" /proc/$pid/status)"
		echo "  export: $(( (t1-t0)/1000000 )) ms wall (keys included), CPU $(echo "scale=2; ($c1-$c0)/$hz" | bc) s"
		set -- $best
		echo "  largest sample during the export: $1 MB = Go heap $2 MB + other anonymous $3 MB + files $4 MB"
		echo "  Go heap in the collector trace, largest: $(sed -n "s/.* \([0-9]*\)->\([0-9]*\)->[0-9]* MB.*/\1 \2/p" "$HOME/stderr" | tr " " "\n" | sort -n | tail -1) MB"
		[ -n "${KEEP_TRACE:-}" ] && cp "$HOME/stderr" "$KEEP_TRACE"
		kill $pid
		wait $pid 2>/dev/null || true
	'
	rm -rf "$HOME" 2>/dev/null || true
	run=$((run+1))
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
