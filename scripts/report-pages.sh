#!/bin/sh
# Renders every page of the demo council report, in Bulgarian and in
# English, after a scripted reporting cycle (two periods, a narrative of
# every kind, units' templates imported, revisions of the adopted plan, a
# draft decision; as of 30.11.2026), to PNG images for people to look at
# before a release. The workbooks of the same cycle are written beside.
#
#   scripts/report-pages.sh [OUTDIR] [DPI]
#
# OUTDIR defaults to build/report-pages, DPI to 80. Needs pdftoppm
# (poppler-utils). The reports are written by the command line's test
# TestWriteCycleReports (cli/report_cycle_test.go), which runs the cycle
# on a temporary demo file, so no desktop build is needed.
set -eu
out=${1:-build/report-pages}
dpi=${2:-80}
command -v pdftoppm >/dev/null || { echo "report-pages: pdftoppm is not installed (apt install poppler-utils)" >&2; exit 1; }
mkdir -p "$out"
out=$(cd "$out" && pwd)
PDF_REPORT_DIR="$out" go test ./cli -run '^TestWriteCycleReports$' -count=1 >/dev/null
for lang in bg en; do
	rm -f "$out/$lang"-*.png
	pdftoppm -r "$dpi" -png "$out/report-$lang.pdf" "$out/$lang"
done
echo "report-pages: $(ls "$out"/bg-*.png | wc -l) bg and $(ls "$out"/en-*.png | wc -l) en pages in $out"
