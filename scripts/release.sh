#!/usr/bin/env bash
# make release: builds everything we ship into dist/, each named with the
# version of `git describe` (scripts/version.sh), and SHA256SUMS:
#
#   strategytracker-V-windows-amd64.exe       the app (icon, version info, DPI-aware manifest)
#   strategytracker-cli-V-windows-amd64.exe   the console binary (no Fyne)
#   strategytracker-V-windows-amd64.msi       per-machine installer with a Start-menu entry
#   strategytracker-V-linux-amd64.tar.xz      `fyne package -os linux`, plus the console binary
#   strategytracker_DEBV_amd64.deb            Debian/Ubuntu package (lintian clean)
#   strategytracker-V-source.tar.gz           the source of this version (EUPL-1.2 Art. 3)
#   LICENSE.txt, THIRD_PARTY_LICENSES.txt, OFL.txt (also inside every package)
#
# Only from a clean tree: a modified, untracked (or ignored .go) file is
# refused, so what is built is what the version names. Everything is built
# with -trimpath and the version stamped by -ldflags -X; the Windows files
# by scripts/build-windows.sh; the version and build number go to
# `fyne package` on its command line and it works on a copy of FyneApp.toml,
# so `git status` stays clean (checked at the end).
#
# Signing: SIGN_CERT (a PKCS#12 file, password in SIGN_PASS or the file
# SIGN_PASS_FILE) signs the exes and the MSI with osslsigncode (timestamped
# at SIGN_TIMESTAMP_URL when set); GPG_KEY (a key id in the builder's
# keyring) signs SHA256SUMS as SHA256SUMS.asc. Without them the release says
# clearly that it is unsigned.
# Needs the packages of `make deps-release`. COMPANY overrides the company
# of the Windows resources and the MSI, MAINTAINER the .deb's maintainer,
# HOMEPAGE its Homepage and SOURCE_URL the source location the About dialog
# names; RELEASE_TARGETS="linux" (or "windows") builds only those (the full
# release is "windows linux").
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

# A release is built from a commit, nothing else: no modified or untracked
# file, and no ignored source file either (go build would compile it).
unclean=$(git status --porcelain --untracked-files=all)
ignored=$(git ls-files --others --ignored --exclude-standard -- '*.go' '*.c' '*.h' '*.s' '*.syso' go.mod go.sum)
if [ -n "$unclean$ignored" ]; then
	echo "release: refused: the work tree is not the commit it would be named after. Commit or remove:" >&2
	{ [ -z "$unclean" ] || printf '%s\n' "$unclean"; [ -z "$ignored" ] || printf '!! %s\n' $ignored; } >&2
	exit 1
fi

version=$(scripts/version.sh)
numeric=$(scripts/version.sh numeric)
debversion=$(scripts/version.sh deb)
appversion=${numeric%.*}            # x.y.build for fyne package
build=$(git rev-list --count HEAD)   # fyne's build number, never written back
company=${COMPANY:-Sofia Municipality}
# The .deb's Maintainer: MAINTAINER="Name <e-mail>", else the author of the
# last commit (a package needs a real address; we invent none).
maintainer=${MAINTAINER:-$(git log -1 --format='%an <%ae>')}
homepage=${HOMEPAGE:-}
FYNE=${FYNE:-go run fyne.io/tools/cmd/fyne@v1.7.4}
# The source location the About dialog names: SOURCE_URL, else the source
# archive published beside the installers.
source=${SOURCE_URL:-strategytracker-$version-source.tar.gz}
ldflags="-s -w -X strategytracker/version.stamped=$version -X strategytracker/version.source=$source"
# Reproducible archives: every file dated at the last commit.
export SOURCE_DATE_EPOCH=$(git log -1 --format=%ct)
export COMPANY=$company SOURCE_URL=$source

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "release $version (Windows $numeric, Debian $debversion, build $build)"
rm -rf dist
mkdir -p dist "$work/linux"
scripts/licence-files.sh "$work/doc"

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
scripts/build-windows.sh "$work/win"
cp "$work/win/strategytracker.exe" "dist/strategytracker-$version-windows-amd64.exe"
cp "$work/win/strategytracker-cli.exe" "dist/strategytracker-cli-$version-windows-amd64.exe"
cp "$work/win/strategytracker.msi" "dist/strategytracker-$version-windows-amd64.msi"
fi

# --- Linux -----------------------------------------------------------------
if want linux; then
# Position-independent executables (ASLR), as Debian expects.
CGO_ENABLED=1 go build -trimpath -buildmode=pie -tags no_emoji -ldflags "$ldflags" -o "$work/linux/strategytracker" . # APP_TAGS (Makefile)
CGO_ENABLED=0 go build -trimpath -buildmode=pie -ldflags "$ldflags" -o "$work/linux/strategytracker-cli" ./cmd/strategytracker-cli
date=$(git log -1 --format=%cd --date=format:%Y-%m-%d)
scripts/man-pages.sh "$work/man" "$work/linux/strategytracker-cli" "$date" "$version"

# fyne package makes the tarball (binary, .desktop entry from FyneApp.toml's
# [LinuxAndBSD], icon, Makefile for `make install`) from the binary built
# above. It runs in a scratch folder with a copy of FyneApp.toml (it rewrites
# the file's build number whatever --app-build says) and a stub main.go (it
# wants Go code in its source folder even with --exe). scripts/tarball.sh
# then adds the console binary, the licences, the manual pages and the
# menu entry's window class, and fixes where the icon goes.
(cd "$work/linux" && cp "$root/FyneApp.toml" . && mkdir -p assets && cp "$root/assets/icon.png" assets/ &&
	printf 'package main\n\nfunc main() {}\n' >main.go &&
	$FYNE package -os linux --exe strategytracker --app-version "$appversion" \
		--app-build "$build" --app-id bg.sofia.strategytracker --icon assets/icon.png --release)
scripts/tarball.sh "$work"/linux/*.tar.xz "$work/linux/strategytracker-cli" "$work/doc" "$work/man" \
	"dist/strategytracker-$version-linux-amd64.tar.xz"

MAINTAINER=$maintainer HOMEPAGE=$homepage scripts/deb.sh "$work/linux" "$work/doc" "$work/man" "$debversion" \
	"dist/strategytracker_${debversion}_amd64.deb"
fi

# The source of exactly this version (git archive of the commit).
git archive --format=tar --prefix="strategytracker-$version/" HEAD | gzip -9n >"dist/strategytracker-$version-source.tar.gz"

cp "$work"/doc/LICENSE.txt "$work"/doc/THIRD_PARTY_LICENSES.txt "$work"/doc/OFL.txt dist/
scripts/sign-release.sh dist
(cd dist && sha256sum -- * >SHA256SUMS)
if [ -n "${GPG_KEY:-}" ]; then
	gpg --batch --yes --local-user "$GPG_KEY" --armor --detach-sign --output dist/SHA256SUMS.asc dist/SHA256SUMS
	echo "release: SHA256SUMS signed with the GPG key $GPG_KEY (SHA256SUMS.asc)"
else
	echo "release: NOT SIGNED: SHA256SUMS has no signature (GPG_KEY=KEYID signs it)"
fi

if [ -n "$(git status --porcelain --untracked-files=all)" ]; then
	echo "release: the build changed the work tree:" >&2
	git status --short >&2
	exit 1
fi
ls -l dist
