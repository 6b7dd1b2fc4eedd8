#!/usr/bin/env bash
# make test-windows: the Windows files, run under Wine (Debian 12's Wine 8).
#
# Builds from the tree the MSI (scripts/build-windows.sh; the Go build cache
# keeps the app's slow C cross compile between runs) and a second MSI of a
# higher version (the same app exe, the console exe stamped with the higher
# version) to test the upgrade, the Linux console binary to compare with,
# and the test-only bcryptprimitives.dll (packaging/windows/wine/: Wine 8
# lacks ProcessPrng, which Go's runtime needs; never shipped). It makes a
# fresh Wine prefix with that DLL in windows\system32 and runs
# TestWindowsUnderWine (wine_test.go) under a virtual 1366×768 display:
# msiexec install, the console exe against the Linux binary, the app's
# first start driven with xdotool, upgrade, refused downgrade, uninstall.
#
# Screenshots go to SHOTS (default: a temporary folder, removed), e.g.
# SHOTS=screenshots/windows scripts/test-windows.sh. KEEP=1 keeps the work
# folder (prefix, logs) and prints where it is.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

for tool in wine wineboot wineserver wixl msiinfo x86_64-w64-mingw32-gcc xvfb-run xdotool import pdftotext; do
	if ! command -v "$tool" >/dev/null 2>&1; then
		if [ -n "${CI:-}" ]; then
			echo "test-windows: $tool is not installed (make deps-windows installs what this needs)" >&2
			exit 1
		fi
		echo "test-windows: SKIPPED: $tool is not installed (make deps-windows installs what this needs)"
		exit 0
	fi
done

work=$(mktemp -d)
cleanup() {
	WINEPREFIX="$work/prefix" wineserver -k 2>/dev/null || true
	if [ "${KEEP:-0}" = 1 ]; then echo "test-windows: kept $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT
shots=${SHOTS:-$work/screens}
mkdir -p "$shots"
shots=$(cd "$shots" && pwd)
start=$(date +%s)
step() { echo "test-windows: $* ($(($(date +%s) - start)) s)"; }

version=$(scripts/version.sh)
numeric=$(scripts/version.sh numeric)
# The upgrade: the same major.minor, one build higher (Windows Installer
# compares the first three fields).
upgrade_numeric=$(echo "$numeric" | awk -F. '{ printf "%d.%d.%d.0", $1, $2, $3 + 1 }')
upgrade_version="$version-upgrade-test"
echo "$version" >"$work/version"
echo "$upgrade_version" >"$work/upgrade-version"
echo "$shots" >"$work/shots"

step "building the MSI of $version (Windows $numeric)"
scripts/build-windows.sh "$work/msi"
step "building the upgrade MSI $upgrade_version (Windows $upgrade_numeric)"
VERSION=$upgrade_version NUMERIC=$upgrade_numeric APP_EXE="$work/msi/strategytracker.exe" \
	scripts/build-windows.sh "$work/upgrade"
mkdir -p "$work/linux" "$work/dll"
CGO_ENABLED=0 go build -trimpath -ldflags "-X strategytracker/version.stamped=$version" \
	-o "$work/linux/strategytracker-cli" ./cmd/strategytracker-cli
x86_64-w64-mingw32-gcc -shared -O2 -o "$work/dll/bcryptprimitives.dll" \
	packaging/windows/wine/bcryptprimitives.c -ladvapi32

step "making a fresh Wine prefix"
mkdir -p "$work/home"
# Wine links the profile's Documents to $HOME: a HOME of its own keeps the
# user's files in the work folder (only for Wine: go needs the real HOME
# for its caches).
export WINEPREFIX="$work/prefix" WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
HOME="$work/home" wineboot -i >"$work/wineboot.log" 2>&1 || { cat "$work/wineboot.log" >&2; exit 1; }
HOME="$work/home" wineserver -w
cp "$work/dll/bcryptprimitives.dll" "$WINEPREFIX/drive_c/windows/system32/"

step "running TestWindowsUnderWine"
STRATEGYTRACKER_WINE_TEST=$work xvfb-run -a -s '-screen 0 1366x768x24' \
	go test -count=1 -timeout 20m -run '^TestWindowsUnderWine$' -v . 2>&1 | tee "$work/test.log" | grep -E '^(=== RUN|--- |\s+wine_test|ok|FAIL|PASS)' || true
if ! grep -q '^ok' "$work/test.log"; then
	cat "$work/test.log" >&2
	for f in "$work"/msiexec-*.log "$work"/app-*.log; do [ -f "$f" ] && { echo "--- $f" >&2; tail -20 "$f" >&2; }; done
	echo "test-windows: FAILED (screens in $shots)" >&2
	exit 1
fi
step "passed (screens in $shots)"
