#!/usr/bin/env bash
# Completes the tarball of `fyne package -os linux`:
#   scripts/tarball.sh FYNE.tar.xz CLI-BINARY DOC-DIR MAN-DIR OUT.tar.xz
# It adds the console binary, the licences and changelog (DOC-DIR), the
# manual pages, moves the icon from share/pixmaps into the icon theme
# (share/icons/hicolor/256x256/apps, where menus look it up), checks the
# menu entry's window class, and puts in packaging/linux/tarball.mk as the
# Makefile (install, user-install and their uninstalls cover all of it).
# Files are dated at SOURCE_DATE_EPOCH and owned by root, sorted by name.
set -euo pipefail
cd "$(dirname "$0")/.."
in=$1 cli=$2 doc=$3 man=$4 out=$5
: "${SOURCE_DATE_EPOCH:?}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
tar -xJf "$in" -C "$work"
top=$(cd "$work" && ls)
pkg=$work/$top
usr=$pkg/usr/local
[ -d "$usr" ] || { echo "tarball: fyne's tarball has no usr/local" >&2; exit 1; }
id=bg.sofia.strategytracker
install -Dm0755 "$cli" "$usr/bin/strategytracker-cli"
install -d "$usr/share/doc/strategytracker" "$usr/share/man/man1" "$usr/share/icons/hicolor/256x256/apps"
install -m0644 "$doc"/* "$usr/share/doc/strategytracker/"
install -m0644 "$man"/*.1 "$usr/share/man/man1/"
mv "$usr/share/pixmaps/$id.png" "$usr/share/icons/hicolor/256x256/apps/$id.png"
rmdir "$usr/share/pixmaps"
desktop=$usr/share/applications/$id.desktop
grep -q "^Icon=$id\$" "$desktop" || { echo "tarball: the menu entry's icon is not $id: $(grep ^Icon= "$desktop")" >&2; exit 1; }
grep -q '^StartupWMClass=Strategy Tracker$' "$desktop" || echo "StartupWMClass=Strategy Tracker" >>"$desktop"
install -m0644 packaging/linux/tarball.mk "$pkg/Makefile"
tar --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$SOURCE_DATE_EPOCH" \
	-C "$work" -cJf "$out" "$top"
