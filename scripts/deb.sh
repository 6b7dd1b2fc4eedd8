#!/usr/bin/env bash
# Builds the .deb from the Linux binaries built by scripts/release.sh:
#   scripts/deb.sh BIN-DIR DOC-DIR MAN-DIR DEBVERSION OUT.deb
# BIN-DIR holds strategytracker and strategytracker-cli, DOC-DIR the files
# of scripts/licence-files.sh, MAN-DIR the pages of scripts/man-pages.sh.
# MAINTAINER is the Maintainer field, HOMEPAGE the Homepage field (left out
# when empty: the project has no web page of its own yet). The package is
# lintian clean: a Debian-format changelog (the project's CHANGELOG.md is
# beside it), the copyright file in the machine-readable format, manual
# pages, md5sums, and the overrides in packaging/linux/lintian-overrides,
# each with its reason. Every file is dated at the commit (SOURCE_DATE_EPOCH).
set -euo pipefail
cd "$(dirname "$0")/.."
bin=$1 doc=$2 man=$3 debversion=$4 out=$5
: "${MAINTAINER:?}" "${SOURCE_DATE_EPOCH:?}"
company=${COMPANY:-Sofia Municipality}
year=$(date -u -d "@$SOURCE_DATE_EPOCH" +%Y)
deb=$(mktemp -d)
trap 'rm -rf "$deb"' EXIT
docdir=$deb/usr/share/doc/strategytracker

install -Dm0755 "$bin/strategytracker" "$deb/usr/bin/strategytracker"
install -Dm0755 "$bin/strategytracker-cli" "$deb/usr/bin/strategytracker-cli"
install -Dm0644 assets/icon.png "$deb/usr/share/icons/hicolor/256x256/apps/bg.sofia.strategytracker.png"
install -Dm0644 packaging/linux/bg.sofia.strategytracker.desktop "$deb/usr/share/applications/bg.sofia.strategytracker.desktop"
install -d "$deb/usr/share/man/man1" "$docdir"
for page in "$man"/*.1; do
	gzip -9n <"$page" >"$deb/usr/share/man/man1/$(basename "$page").gz"
done
install -m0644 "$doc/THIRD_PARTY_LICENSES.txt" "$doc/OFL.txt" "$docdir/"
gzip -9n <CHANGELOG.md >"$docdir/CHANGELOG.md.gz"
# The Debian changelog of this native package: one entry for this build.
{
	echo "strategytracker ($debversion) unstable; urgency=medium"
	echo
	echo "  * Strategy Tracker $debversion, built from commit $(git rev-parse --short=12 HEAD)."
	echo "    The changes are listed in /usr/share/doc/strategytracker/CHANGELOG.md.gz."
	echo
	echo " -- $MAINTAINER  $(LC_ALL=C TZ=UTC date -R -d "@$SOURCE_DATE_EPOCH")"
} | gzip -9n >"$docdir/changelog.gz"
# copyright: ours (EUPL-1.2, full text), then what the binaries embed and link.
{
	sed -e "s|@YEAR@|$year|g" -e "s|@COMPANY@|$company|g" packaging/linux/copyright
	echo
	echo "License: EUPL-1.2"
	sed -e 's/^[[:space:]]*$/./' -e 's/^/ /' LICENSE
} >"$docdir/copyright"
install -Dm0644 packaging/linux/lintian-overrides "$deb/usr/share/lintian/overrides/strategytracker"
chmod 0644 "$docdir"/*

install -d "$deb/DEBIAN"
size=$(du -sk --exclude=DEBIAN "$deb" | cut -f1)
sed -e "s|@VERSION@|$debversion|g" -e "s|@SIZE@|$size|g" -e "s|@MAINTAINER@|$MAINTAINER|g" packaging/linux/control >"$deb/DEBIAN/control"
if [ -n "${HOMEPAGE:-}" ]; then
	sed -i "/^Priority:/a Homepage: $HOMEPAGE" "$deb/DEBIAN/control"
else
	echo "deb: no HOMEPAGE given: the package has no Homepage field (the project has no web page yet)"
fi
(cd "$deb" && find usr -type f | LC_ALL=C sort | xargs md5sum) >"$deb/DEBIAN/md5sums"
chmod 0644 "$deb/DEBIAN/control" "$deb/DEBIAN/md5sums"
find "$deb" -type d -exec chmod 0755 {} +
find "$deb" -exec touch -h -d "@$SOURCE_DATE_EPOCH" {} +
dpkg-deb --root-owner-group -Zxz --build "$deb" "$out" >/dev/null
