#!/bin/sh
# bench-app-focus.sh [BIN [DB [SECONDS]]]: the desktop app's idle CPU with
# and without a focused text field (issue 22 item 7). It opens the app on the
# large strategy under a virtual display as a known user (so no first-start
# dialog), waits until the strategy is shown and measures the process's CPU
# over SECONDS (default 20) with nothing focused; then Ctrl+F puts the cursor
# in the measures' search field and it measures the field's first 3 s (the
# cursor blinking) and, from 6 s on, SECONDS more (the blink stopped: the
# cursor of a field focused for 4 s stays drawn, app/cursor.go).
set -eu
BIN=${1:-./bin/strategytracker}
DB=${2:-/tmp/strategytracker-bench-2000.db}
SECS=${3:-20}
LIB=$(cd "$(dirname "$0")" && pwd)/bench-app-lib.sh
. "$LIB"
prepare bench-app-focus xvfb-run xdotool xwininfo bc
HOME=$(mktemp -d)
prefs=$HOME/.config/fyne/bg.sofia.strategytracker
mkdir -p "$prefs"
printf '{"user.generated-2000-1":1}\n' >"$prefs/preferences.json"
export HOME LANG=C.UTF-8 STRATEGYTRACKER_DB="$DB" BIN SECS LIB
trap 'rm -rf "$HOME"' EXIT
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
xvfb-run -a -s '-screen 0 1366x768x24' sh -c '
	. "$LIB"
	"$BIN" >/dev/null 2>&1 &
	pid=$!
	wait_window $pid
	sleep 8 # the strategy is read and shown
	hz=$(getconf CLK_TCK)
	cpu() { awk "{print \$14+\$15}" /proc/$pid/stat; }
	# share SECONDS: the process CPU over the next SECONDS, in % of one core.
	share() { c0=$(cpu); sleep "$1"; c1=$(cpu); echo "scale=1; ($c1-$c0)*100/$hz/$1" | bc; }
	echo "idle, no field focused, over ${SECS} s: $(share "$SECS") % of one core"
	wid=$(xdotool search --name "Strategy Tracker" | head -1)
	xdotool windowactivate --sync "$wid" 2>/dev/null || xdotool windowfocus "$wid"
	xdotool key ctrl+f
	echo "the search field focused, its first 3 s: $(share 3) % of one core"
	sleep 3
	echo "the same field from 6 s on, over ${SECS} s: $(share "$SECS") % of one core"
	echo "peak memory: $(awk "/VmHWM/ {printf \"%d MB\", \$2/1024}" /proc/$pid/status)"
	kill $pid
	wait $pid 2>/dev/null || true
'
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
