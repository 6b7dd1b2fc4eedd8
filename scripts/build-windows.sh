#!/usr/bin/env bash
# Builds the Windows files into OUT: strategytracker.exe (the app, cross-built
# with mingw-w64), strategytracker-cli.exe (the console binary, pure Go) and
# strategytracker.msi (wixl), with the version of scripts/version.sh stamped
# into the binaries, their resources and the MSI. Used by scripts/release.sh
# and by scripts/test-windows.sh (which installs the MSI under Wine).
#
#   scripts/build-windows.sh OUT
#
# Environment: VERSION and NUMERIC override the version (the Wine test builds
# a second, higher MSI to test the upgrade; APP_EXE then reuses the first
# one's app exe instead of building it again), COMPANY the company named in the
# resources and the MSI, SOURCE_DATE_EPOCH the date of the MSI's files
# (default: the last commit's time). The Go build cache keeps the app's slow
# C cross compile between runs; nothing is written into the work tree except
# go-winres' .syso files, which are removed again.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
out=$(mkdir -p "$1" && cd "$1" && pwd)

version=${VERSION:-$(scripts/version.sh)}
numeric=${NUMERIC:-$(scripts/version.sh numeric)}
company=${COMPANY:-Sofia Municipality}
year=$(git log -1 --format=%cd --date=format:%Y)
copyright="© $year $company. Licensed under the EUPL-1.2."
description="Strategy Tracker — Digital Transformation Strategy of Sofia"
GOWINRES=${GOWINRES:-go run github.com/tc-hib/go-winres@v0.3.3}
ldflags="-s -w -X strategytracker/version.stamped=$version${SOURCE_URL:+ -X strategytracker/version.source=$SOURCE_URL}"
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct)}

work=$(mktemp -d)
cleanup() {
	rm -rf "$work"
	rm -f "$root"/rsrc_windows_*.syso "$root"/cmd/strategytracker-cli/rsrc_windows_*.syso
}
trap cleanup EXIT

# winres writes NAME's resources (icon, version information, manifest) as a
# .syso into DIR, which go build links into the exe; cleanup removes it.
winres() { # winres DIR NAME DESCRIPTION
	local dir=$1 name=$2 desc=$3 cfg="$work/winres-$2"
	mkdir -p "$cfg"
	cp assets/icon.png "$cfg/icon.png"
	sed -e "s|@NUMERIC@|$numeric|g" -e "s|@VERSION@|$version|g" -e "s|@NAME@|$name|g" \
		-e "s|@DESCRIPTION@|$desc|g" -e "s|@COMPANY@|$company|g" -e "s|@COPYRIGHT@|$copyright|g" \
		-e "s|@PRODUCT@|Strategy Tracker|g" packaging/windows/winres.json.in >"$cfg/winres.json"
	(cd "$dir" && $GOWINRES make --in "$cfg/winres.json" --out rsrc --arch amd64)
}
if [ -n "${APP_EXE:-}" ]; then
	cp "$APP_EXE" "$out/strategytracker.exe"
else
	winres . strategytracker "$description"
	CGO_ENABLED=1 CC=x86_64-w64-mingw32-gcc GOOS=windows GOARCH=amd64 \
		go build -trimpath -tags no_emoji -ldflags "$ldflags -H=windowsgui" -o "$out/strategytracker.exe" . # APP_TAGS (Makefile)
fi
winres cmd/strategytracker-cli strategytracker-cli "Strategy Tracker — command line"
CGO_ENABLED=0 GOOS=windows GOARCH=amd64 \
	go build -trimpath -ldflags "$ldflags" -o "$out/strategytracker-cli.exe" ./cmd/strategytracker-cli
rm -f rsrc_windows_*.syso cmd/strategytracker-cli/rsrc_windows_*.syso

# The MSI's payload, every file dated at the commit (the MSI's File table
# and cabinet carry the dates, so two builds of one commit are identical).
msi="$work/msi"
mkdir -p "$msi"
cp "$out/strategytracker.exe" "$out/strategytracker-cli.exe" "$msi/"
scripts/licence-files.sh "$msi"
convert assets/icon.png -define icon:auto-resize=256,64,48,32,16 "$msi/strategytracker.ico"
touch -d "@$SOURCE_DATE_EPOCH" "$msi"/*
# wixl resolves the files' sources relative to where it runs (an absolute
# SourceDir fails), so it runs in the folder that holds them.
(cd "$msi" && wixl -a x64 -D Version="$numeric" -D SourceDir=. -D Company="$company" \
	-o "$out/strategytracker.msi" "$root/packaging/windows/strategytracker.wxs")
