# bench-app-lib.sh: what the bench-app-*.sh scripts share, sourced before
# their virtual display starts and again inside it (LIB names this file).

# prepare NAME TOOL...: check that BIN is built and each TOOL installed (NAME
# prefixes the messages), make DB with `BIN generate -measures 2000` when it
# does not exist (its database id, which keys a chosen user, is then
# "generated-2000-1"), and make BIN an absolute path.
prepare() {
	name=$1; shift
	[ -x "$BIN" ] || { echo "$name: $BIN is not built (make build)"; exit 1; }
	for c in "$@"; do
		command -v "$c" >/dev/null || { echo "$name: $c is missing (make deps)"; exit 1; }
	done
	if [ ! -f "$DB" ]; then
		"$BIN" generate -db "$DB" -measures 2000 >/dev/null 2>&1
	fi
	BIN=$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")
}

# wait_window PID: wait until the app's X window ("Strategy Tracker…") exists;
# after 60 s kill PID and fail.
wait_window() {
	i=0
	until xwininfo -root -tree 2>/dev/null | grep -q "Strategy Tracker"; do
		i=$((i+1)); [ $i -gt 600 ] && { echo "no window after 60 s"; kill "$1"; exit 1; }
		sleep 0.1
	done
}
