#!/usr/bin/env bash
# Whole-process timings of the console binary (cmd/strategytracker-cli,
# without the UI toolkit) on the large generated strategy (BENCHMARKS.md).
# Usage: scripts/bench-cli.sh [BIN [RUNS]]; BIN defaults to
# bin/strategytracker-cli, built by `make build`.
set -euo pipefail
bin=${1:-bin/strategytracker-cli}
runs=${2:-5}
if [ ! -x "$bin" ]; then
	echo "bench-cli.sh: $bin is not built (make build)" >&2
	exit 1
fi
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
export LANG=C.UTF-8 # the console binary prints nothing extra in any locale

"$bin" generate -db "$dir/large.db" -measures 2000 >/dev/null

# measure NAME CMD...: the median wall time, the median CPU time (user +
# system; less sensitive to other work on the machine) and the largest peak
# RSS of RUNS runs. The load average is printed too: on a busy machine the
# wall time exceeds the CPU time.
measure() {
	local name=$1; shift
	local runs=${runs:-5}
	local times=() cpus=() rss=0
	for _ in $(seq "$runs"); do
		/usr/bin/time -f '%e %U %S %M' -o "$dir/t" "$@" >/dev/null
		read -r t u s m <"$dir/t"
		times+=("$t")
		cpus+=("$(awk -v u="$u" -v s="$s" 'BEGIN { print u + s }')")
		(( m > rss )) && rss=$m
	done
	local median cpu
	median=$(printf '%s\n' "${times[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p")
	cpu=$(printf '%s\n' "${cpus[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p")
	printf '%-28s median %6.3f s   CPU %6.3f s   peak RSS %6d MB   load %s\n' "$name" "$median" "$cpu" $(( rss / 1024 )) "$(cut -d' ' -f1 /proc/loadavg)"
}

measure "summary -json" "$bin" summary -db "$dir/large.db" -asof 2026-11-30 -json
if [ "${BENCH_SUMMARY_ONLY:-0}" = 1 ]; then exit 0; fi
measure "check" "$bin" check -db "$dir/large.db"
measure "report -format xlsx" "$bin" report -db "$dir/large.db" -format xlsx -asof 2026-11-30 -o "$dir/r.xlsx"
measure "report -format pdf" "$bin" report -db "$dir/large.db" -format pdf -asof 2026-11-30 -o "$dir/r.pdf"
pages=$(pdfinfo "$dir/r.pdf" 2>/dev/null | awk '/^Pages:/ {print $2}' || true)
echo "the PDF has ${pages:-?} pages, $(( $(stat -c %s "$dir/r.pdf") / 1024 )) KiB; the workbook $(( $(stat -c %s "$dir/r.xlsx") / 1024 )) KiB"

if [ "${BENCH_LIBREOFFICE:-1}" = 0 ]; then
	echo "BENCH_LIBREOFFICE=0: no side-by-side figure"
elif command -v libreoffice >/dev/null 2>&1; then
	# Side by side: LibreOffice turning our own workbook into a PDF. It
	# takes minutes, so it runs once.
	runs=1 measure "libreoffice xlsx → pdf" libreoffice -env:UserInstallation=file://"$dir"/lo --headless --convert-to pdf --outdir "$dir/lo-out" "$dir/r.xlsx"
else
	echo "libreoffice is not installed: no side-by-side figure"
fi
