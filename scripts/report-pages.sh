#!/bin/sh
# Renders every page of the demo council report, in Bulgarian and in
# English (as of 30.11.2026, compared with the previous report as of
# 30.06.2026), to PNG images for people to look at before a release.
#
#   scripts/report-pages.sh [OUTDIR] [DPI]
#
# OUTDIR defaults to build/report-pages, DPI to 80. Needs pdftoppm
# (poppler-utils). The reports are written by the pdf package's test
# TestWriteDemoReports, so no database or desktop build is needed.
set -eu
out=${1:-build/report-pages}
dpi=${2:-80}
command -v pdftoppm >/dev/null || { echo "report-pages: pdftoppm is not installed (apt install poppler-utils)" >&2; exit 1; }
mkdir -p "$out"
out=$(cd "$out" && pwd)
PDF_REPORT_DIR="$out" go test ./reports/pdf -run '^TestWriteDemoReports$' -count=1 >/dev/null
for lang in bg en; do
	rm -f "$out/$lang"-*.png
	pdftoppm -r "$dpi" -png "$out/report-$lang.pdf" "$out/$lang"
done
echo "report-pages: $(ls "$out"/bg-*.png | wc -l) bg and $(ls "$out"/en-*.png | wc -l) en pages in $out"
