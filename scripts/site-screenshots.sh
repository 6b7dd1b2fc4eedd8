#!/bin/sh
# Screenshots of the published site in a real headless browser (Chromium
# from Debian): the home page and a measure page, 1366 and 375 px wide.
#   scripts/site-screenshots.sh [OUTDIR]   (default: screenshots/site)
# Needs: go, chromium (apt-get install -y --no-install-recommends chromium).
# Run from the repository's root.
set -eu
out=${1:-screenshots/site}
browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ]; then
	echo "site-screenshots: chromium is not installed (apt-get install -y --no-install-recommends chromium)" >&2
	exit 1
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$out"
# The console binary: no UI toolkit to build or to start.
go build -o "$work/st" ./cmd/strategytracker-cli
"$work/st" demo -db "$work/demo.db" >/dev/null
"$work/st" publish -db "$work/demo.db" -asof 2026-11-30 -o "$work/site" >/dev/null
shot() { # page width height file
	profile=$(mktemp -d "$work/profile.XXXXXX")
	"$browser" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
		--disable-background-networking --disable-component-update --disable-sync \
		--hide-scrollbars --user-data-dir="$profile" --window-size="$2,$3" \
		--screenshot="$out/$4" "file://$work/site/$1" >/dev/null 2>&1
	echo "$out/$4"
}
shot bg/index.html 1366 2200 site-home-bg-1366.png
shot bg/measures/1.1.html 1366 2600 site-measure-bg-1366.png
shot en/index.html 375 3000 site-home-en-375.png
shot en/measures/1.1.html 375 4200 site-measure-en-375.png
