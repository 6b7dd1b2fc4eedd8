#!/bin/sh
# bench-app-idle.sh [BIN [DB [SECONDS]]]: open the desktop app on the large
# strategy under a virtual display (xvfb-run) with a fresh configuration, so
# the first-start "who are you" dialog is open, and print
#   - the time to the first window (start of the process until the X window
#     titled "Strategy Tracker…" exists),
#   - the idle CPU over SECONDS (default 20) once the window has settled,
#   - the peak memory (VmHWM) of the process.
# DB is made with `BIN generate -measures 2000` when it does not exist.
# An idle app must do no work whatever the size of the strategy (issue 10).
set -eu
BIN=${1:-./bin/strategytracker}
DB=${2:-/tmp/strategytracker-bench-2000.db}
SECS=${3:-20}
LIB=$(cd "$(dirname "$0")" && pwd)/bench-app-lib.sh
. "$LIB"
prepare bench-app-idle xvfb-run xwininfo
HOME=$(mktemp -d)
export HOME LANG=${LANG:-C.UTF-8} STRATEGYTRACKER_DB="$DB" BIN SECS LIB
trap 'rm -rf "$HOME"' EXIT
xvfb-run -a -s '-screen 0 1366x768x24' sh -c '
	. "$LIB"
	start=$(date +%s%N)
	"$BIN" >/dev/null 2>&1 &
	pid=$!
	wait_window $pid
	shown=$(date +%s%N)
	echo "time to the first window: $(( (shown-start)/1000000 )) ms"
	sleep 5 # the document is read and shown
	hz=$(getconf CLK_TCK)
	t0=$(awk "{print \$14+\$15}" /proc/$pid/stat)
	sleep "$SECS"
	t1=$(awk "{print \$14+\$15}" /proc/$pid/stat)
	echo "idle CPU over ${SECS} s: $(echo "scale=1; ($t1-$t0)*100/$hz/$SECS" | bc) % of one core"
	echo "peak memory: $(awk "/VmHWM/ {printf \"%d MB\", \$2/1024}" /proc/$pid/status)"
	kill $pid
'
