# bench-app-lib.sh: what the bench-app-*.sh scripts share, sourced inside
# their virtual display (LIB names this file).

# wait_window PID: wait until the app's X window ("Strategy Tracker…") exists;
# after 60 s kill PID and fail.
wait_window() {
	i=0
	until xwininfo -root -tree 2>/dev/null | grep -q "Strategy Tracker"; do
		i=$((i+1)); [ $i -gt 600 ] && { echo "no window after 60 s"; kill "$1"; exit 1; }
		sleep 0.1
	done
}
