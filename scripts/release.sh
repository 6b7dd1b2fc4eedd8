#!/usr/bin/env bash
# make release: builds everything we ship into dist/, each named with the
# version of `git describe` (scripts/version.sh), and SHA256SUMS:
#
#   strategytracker-V-windows-amd64.exe       the app (icon, version info, DPI-aware manifest)
#   strategytracker-cli-V-windows-amd64.exe   the console binary (no Fyne)
#   strategytracker-V-windows-amd64.msi       per-machine installer with a Start-menu entry
#   strategytracker-V-linux-amd64.tar.xz      `fyne package -os linux`, plus the console binary
#   strategytracker_DEBV_amd64.deb            Debian/Ubuntu package
#   LICENSE.txt, THIRD_PARTY_LICENSES.txt, OFL.txt (also inside every package)
#
# Everything is built with -trimpath and the version stamped by -ldflags -X;
# the version and build number go to `fyne package` on its command line and
# it works on a copy of FyneApp.toml, so `git status` stays clean (checked
# at the end).
# Needs the packages of `make deps-release`. COMPANY overrides the company
# of the Windows resources and the MSI, MAINTAINER the .deb's maintainer;
# RELEASE_TARGETS="linux" (or
# "windows") builds only those (the full release is "windows linux").
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

version=$(scripts/version.sh)
numeric=$(scripts/version.sh numeric)
debversion=$(scripts/version.sh deb)
appversion=${numeric%.*}            # x.y.z for fyne package
build=$(git rev-list --count HEAD)   # fyne's build number, never written back
company=${COMPANY:-Sofia Municipality}
# The .deb's Maintainer: MAINTAINER="Name <e-mail>", else the author of the
# last commit (a package needs a real address; we invent none).
maintainer=${MAINTAINER:-$(git log -1 --format='%an <%ae>')}
year=$(git log -1 --format=%cd --date=format:%Y)
copyright="© $year $company. Licensed under the EUPL-1.2."
description="Strategy Tracker — Digital Transformation Strategy of Sofia"
FYNE=${FYNE:-go run fyne.io/tools/cmd/fyne@v1.7.4}
GOWINRES=${GOWINRES:-go run github.com/tc-hib/go-winres@v0.3.3}
ldflags="-s -w -X strategytracker/version.stamped=$version"
# Reproducible archives: every file dated at the last commit.
export SOURCE_DATE_EPOCH=$(git log -1 --format=%ct)

before=$(git status --porcelain)
work=$(mktemp -d)
cleanup() {
	rm -rf "$work"
	rm -f "$root"/rsrc_windows_*.syso "$root"/cmd/strategytracker-cli/rsrc_windows_*.syso
}
trap cleanup EXIT

echo "release $version (Windows $numeric, Debian $debversion, build $build)"
rm -rf dist
mkdir -p dist "$work/win" "$work/linux" "$work/doc"
cp LICENSE "$work/doc/LICENSE.txt"
cp THIRD_PARTY_LICENSES "$work/doc/THIRD_PARTY_LICENSES.txt"
cp assets/fonts/OFL.txt "$work/doc/OFL.txt"
cp CHANGELOG.md "$work/doc/CHANGELOG.md"

# The licence file must describe what is linked now.
scripts/third-party-licenses.sh "$work/tpl-check" 2>/dev/null
cmp -s "$work/tpl-check" THIRD_PARTY_LICENSES || {
	echo "release: THIRD_PARTY_LICENSES is out of date: run scripts/third-party-licenses.sh and commit it" >&2
	exit 1
}

targets=${RELEASE_TARGETS:-windows linux}
want() { case " $targets " in *" $1 "*) return 0 ;; esac; return 1; }

# --- Windows ---------------------------------------------------------------
if want windows; then
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
winres . strategytracker "$description"
CGO_ENABLED=1 CC=x86_64-w64-mingw32-gcc GOOS=windows GOARCH=amd64 \
	go build -trimpath -ldflags "$ldflags -H=windowsgui" -o "$work/win/strategytracker.exe" .
winres cmd/strategytracker-cli strategytracker-cli "Strategy Tracker — command line"
CGO_ENABLED=0 GOOS=windows GOARCH=amd64 \
	go build -trimpath -ldflags "$ldflags" -o "$work/win/strategytracker-cli.exe" ./cmd/strategytracker-cli
rm -f rsrc_windows_*.syso cmd/strategytracker-cli/rsrc_windows_*.syso

cp "$work/win/strategytracker.exe" "dist/strategytracker-$version-windows-amd64.exe"
cp "$work/win/strategytracker-cli.exe" "dist/strategytracker-cli-$version-windows-amd64.exe"

convert assets/icon.png -define icon:auto-resize=256,64,48,32,16 "$work/win/strategytracker.ico"
cp "$work"/doc/* "$work/win/"
# wixl resolves the files' sources relative to where it runs (an absolute
# SourceDir fails), so it runs in the folder that holds them.
(cd "$work/win" && wixl -a x64 -D Version="$numeric" -D SourceDir=. -D Company="$company" \
	-o "$root/dist/strategytracker-$version-windows-amd64.msi" "$root/packaging/windows/strategytracker.wxs")
fi

# --- Linux -----------------------------------------------------------------
if want linux; then
CGO_ENABLED=1 go build -trimpath -ldflags "$ldflags" -o "$work/linux/strategytracker" .
CGO_ENABLED=0 go build -trimpath -ldflags "$ldflags" -o "$work/linux/strategytracker-cli" ./cmd/strategytracker-cli

# fyne package makes the tarball (binary, .desktop entry from FyneApp.toml's
# [LinuxAndBSD], icon, Makefile for `make install`) from the binary built
# above. It runs in a scratch folder with a copy of FyneApp.toml (it rewrites
# the file's build number whatever --app-build says) and a stub main.go (it
# wants Go code in its source folder even with --exe). The console binary
# and the licences are added to the tarball, and its Makefile installs them.
(cd "$work/linux" && cp "$root/FyneApp.toml" . && mkdir -p assets && cp "$root/assets/icon.png" assets/ &&
	printf 'package main\n\nfunc main() {}\n' >main.go &&
	$FYNE package -os linux --exe strategytracker --app-version "$appversion" \
		--app-build "$build" --app-id bg.sofia.strategytracker --icon assets/icon.png --release)
mkdir -p "$work/tar"
tar -xJf "$work"/linux/*.tar.xz -C "$work/tar"
top=$(cd "$work/tar" && ls)
pkg="$work/tar/$top"
install -m 0755 "$work/linux/strategytracker-cli" "$pkg/usr/local/bin/strategytracker-cli"
install -d "$pkg/usr/local/share/doc/strategytracker"
install -m 0644 "$work"/doc/* "$pkg/usr/local/share/doc/strategytracker/"
awk '
	{ print }
	/^install:/ { inst = 1 }
	/^uninstall:/ { uninst = 1 }
	inst && /install -Dm00755 usr\/local\/bin\/\$\(Exec\)/ {
		print "\tinstall -Dm00755 usr/local/bin/strategytracker-cli $(DESTDIR)$(PREFIX)/bin/strategytracker-cli"
		print "\tinstall -d $(DESTDIR)$(PREFIX)/share/doc/strategytracker"
		print "\tinstall -m00644 usr/local/share/doc/strategytracker/* $(DESTDIR)$(PREFIX)/share/doc/strategytracker/"
		inst = 0
	}
	uninst && /-rm \$\(DESTDIR\)\$\(PREFIX\)\/bin\/\$\(Exec\)/ {
		print "\t-rm $(DESTDIR)$(PREFIX)/bin/strategytracker-cli"
		print "\t-rm -r $(DESTDIR)$(PREFIX)/share/doc/strategytracker"
		uninst = 0
	}
' "$pkg/Makefile" >"$work/Makefile" && mv "$work/Makefile" "$pkg/Makefile"
grep -q 'strategytracker-cli' "$pkg/Makefile" || { echo "release: could not add the console binary to fyne's Makefile" >&2; exit 1; }
tar --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$SOURCE_DATE_EPOCH" \
	-C "$work/tar" -cJf "dist/strategytracker-$version-linux-amd64.tar.xz" "$top"

# The .deb: the same binaries under /usr, a menu entry and the licences.
deb="$work/deb"
install -Dm0755 "$work/linux/strategytracker" "$deb/usr/bin/strategytracker"
install -Dm0755 "$work/linux/strategytracker-cli" "$deb/usr/bin/strategytracker-cli"
install -Dm0644 assets/icon.png "$deb/usr/share/icons/hicolor/256x256/apps/bg.sofia.strategytracker.png"
install -Dm0644 packaging/linux/bg.sofia.strategytracker.desktop "$deb/usr/share/applications/bg.sofia.strategytracker.desktop"
install -d "$deb/usr/share/doc/strategytracker"
install -m0644 "$work"/doc/LICENSE.txt "$work"/doc/THIRD_PARTY_LICENSES.txt "$work"/doc/OFL.txt "$deb/usr/share/doc/strategytracker/"
gzip -9n <CHANGELOG.md >"$deb/usr/share/doc/strategytracker/changelog.gz"
sed -e "s|@YEAR@|$year|g" -e "s|@COMPANY@|$company|g" packaging/linux/copyright >"$deb/usr/share/doc/strategytracker/copyright"
chmod 0644 "$deb/usr/share/doc/strategytracker"/*
install -d "$deb/DEBIAN"
size=$(du -sk --exclude=DEBIAN "$deb" | cut -f1)
sed -e "s|@VERSION@|$debversion|g" -e "s|@SIZE@|$size|g" -e "s|@MAINTAINER@|$maintainer|g" packaging/linux/control >"$deb/DEBIAN/control"
find "$deb" -exec touch -h -d "@$SOURCE_DATE_EPOCH" {} +
dpkg-deb --root-owner-group -Zxz --build "$deb" "dist/strategytracker_${debversion}_amd64.deb" >/dev/null
fi

cp "$work"/doc/LICENSE.txt "$work"/doc/THIRD_PARTY_LICENSES.txt "$work"/doc/OFL.txt dist/
(cd dist && sha256sum -- * >SHA256SUMS)

after=$(git status --porcelain)
if [ "$before" != "$after" ]; then
	echo "release: the build changed the work tree:" >&2
	git status --short >&2
	exit 1
fi
ls -l dist
