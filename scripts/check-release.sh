#!/usr/bin/env bash
# Checks what `make release` put in dist/: the version of `git describe` in
# every name and binary, the Windows resources (icon, version information,
# DPI-aware manifest) and subsystems, the MSI's tables, the tarball's and
# the .deb's contents and metadata, the sums; runs the Linux console binary
# of the .deb on a demo file. RELEASE_INSTALL=1 also installs the .deb with
# apt (as root), runs the installed binary and removes the package again.
set -euo pipefail
cd "$(dirname "$0")/.."
version=$(scripts/version.sh)
numeric=$(scripts/version.sh numeric)
debversion=$(scripts/version.sh deb)
fails=0
ok() { echo "ok: $*"; }
bad() { echo "FAIL: $*" >&2; fails=$((fails + 1)); }
has() { # has FILE-OF-TEXT PATTERN WHAT
	if grep -qE -- "$2" "$1"; then ok "$3"; else bad "$3 (no /$2/)"; fi
}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

app=dist/strategytracker-$version-windows-amd64.exe
cli=dist/strategytracker-cli-$version-windows-amd64.exe
msi=dist/strategytracker-$version-windows-amd64.msi
tarball=dist/strategytracker-$version-linux-amd64.tar.xz
deb=dist/strategytracker_${debversion}_amd64.deb
src=dist/strategytracker-$version-source.tar.gz
for f in "$app" "$cli" "$msi" "$tarball" "$deb" "$src" dist/SHA256SUMS dist/LICENSE.txt dist/THIRD_PARTY_LICENSES.txt dist/OFL.txt; do
	if [ -s "$f" ]; then ok "$f"; else bad "$f is missing"; fi
done
(cd dist && sha256sum --quiet -c SHA256SUMS) && ok "SHA256SUMS match" || bad "SHA256SUMS do not match"
if [ -f dist/SHA256SUMS.asc ]; then
	gpg --batch --verify dist/SHA256SUMS.asc dist/SHA256SUMS 2>/dev/null && ok "SHA256SUMS.asc verifies" || bad "SHA256SUMS.asc does not verify"
fi
if [ -f "$src" ]; then
	tar -tzf "$src" >"$tmp/src"
	has "$tmp/src" "^strategytracker-$(printf '%s' "$version" | sed 's/[.+]/\\&/g')/LICENSE$" "source archive holds the tree of $version"
fi

# Every module the shipped binaries link (go version -m reads them back)
# has its licence in THIRD_PARTY_LICENSES.
for bin in "$app" "$cli"; do
	[ -f "$bin" ] || continue
	go version -m "$bin" | awk '$1 == "dep" || $1 == "=>" { print $2 }' | sort -u | while read -r mod; do
		grep -q "^$mod .* — " THIRD_PARTY_LICENSES || echo "$mod"
	done >"$tmp/nolicence"
	if [ -s "$tmp/nolicence" ]; then bad "$(basename "$bin") links modules without a licence in THIRD_PARTY_LICENSES: $(tr '\n' ' ' <"$tmp/nolicence")"; else ok "$(basename "$bin"): every linked module's licence is in THIRD_PARTY_LICENSES"; fi
done

# Windows: PE headers and resources.
winexe() { # winexe EXE SUBSYSTEM-TEXT
	local exe=$1 out="$tmp/$(basename "$1").objdump"
	[ -f "$exe" ] || return 0 # reported missing above
	x86_64-w64-mingw32-objdump -p "$exe" >"$out"
	has "$out" "Subsystem[[:space:]]+0000000$2" "$(basename "$exe"): subsystem $2"
	has "$out" "Resource Directory" "$(basename "$exe"): has a resource section"
	# The entries of the resource directory's first level are the types.
	has "$out" "^[0-9a-f]{3}   Entry: ID: 0x000003," "$(basename "$exe"): RT_ICON"
	has "$out" "^[0-9a-f]{3}   Entry: ID: 0x00000e," "$(basename "$exe"): RT_GROUP_ICON"
	has "$out" "^[0-9a-f]{3}   Entry: ID: 0x000010," "$(basename "$exe"): RT_VERSION"
	has "$out" "^[0-9a-f]{3}   Entry: ID: 0x000018," "$(basename "$exe"): RT_MANIFEST"
	strings -a -el "$exe" >"$tmp/u16"
	strings -a "$exe" >"$tmp/u8"
	has "$tmp/u16" "^$(printf '%s' "$version" | sed 's/[.+]/\\&/g')\$" "$(basename "$exe"): version $version in its version information"
	has "$tmp/u16" "Sofia Municipality|${COMPANY:-Sofia Municipality}" "$(basename "$exe"): company"
	has "$tmp/u16" "EUPL-1.2" "$(basename "$exe"): copyright notice"
	has "$tmp/u8" "<dpiAwareness[^>]*>permonitorv2" "$(basename "$exe"): DPI-aware manifest (per monitor v2)"
	has "$tmp/u8" "<assemblyIdentity type=\"win32\" name=\"bg.sofia.strategytracker\" version=\"$numeric\"" "$(basename "$exe"): manifest version $numeric"
}
winexe "$app" 2  # Windows GUI: no console window behind the app
winexe "$cli" 3  # Windows console
if [ ! -f "$app" ]; then :; elif strings -a "$app" | grep -q '/root/\|/home/\|/work/'; then bad "$app carries build paths (no -trimpath?)"; else ok "$app: no build paths"; fi

# The MSI.
if [ -f "$msi" ]; then
msiinfo suminfo "$msi" >"$tmp/suminfo"
has "$tmp/suminfo" "x64" "MSI: x64"
msiinfo export "$msi" Property >"$tmp/property"
has "$tmp/property" "^ProductVersion	$numeric" "MSI: ProductVersion $numeric"
has "$tmp/property" "^ALLUSERS	1" "MSI: per-machine (ALLUSERS=1)"
has "$tmp/property" "^UpgradeCode	" "MSI: an UpgradeCode (a newer MSI replaces an older one)"
msiinfo export "$msi" Shortcut >"$tmp/shortcut"
has "$tmp/shortcut" "ProgramMenuFolder" "MSI: Start-menu shortcut"
msiinfo export "$msi" File >"$tmp/file"
for f in strategytracker.exe strategytracker-cli.exe LICENSE.txt THIRD_PARTY_LICENSES.txt OFL.txt; do
	has "$tmp/file" "$f" "MSI installs $f"
done
fi

# The Linux tarball.
if [ -f "$tarball" ]; then
tar -tJf "$tarball" >"$tmp/tar"
for f in usr/local/bin/strategytracker usr/local/bin/strategytracker-cli 'usr/local/share/applications/.*\.desktop' \
	usr/local/share/doc/strategytracker/LICENSE.txt usr/local/share/doc/strategytracker/THIRD_PARTY_LICENSES.txt \
	usr/local/share/doc/strategytracker/OFL.txt; do
	has "$tmp/tar" "$f" "tarball holds $f"
done
mkdir -p "$tmp/tarx" && tar -xJf "$tarball" -C "$tmp/tarx"
cat "$tmp"/tarx/*/usr/local/share/applications/*.desktop >"$tmp/desktop"
has "$tmp/desktop" "^Categories=.*Office" "tarball menu entry: category"
has "$tmp/desktop" "^Comment=." "tarball menu entry: comment"
fi

# The .deb.
if [ -f "$deb" ]; then
dpkg-deb -I "$deb" >"$tmp/info"
has "$tmp/info" "^ Package: strategytracker$" ".deb: Package"
has "$tmp/info" "^ Version: $(printf '%s' "$debversion" | sed 's/[.+]/\\&/g')$" ".deb: Version $debversion"
has "$tmp/info" "^ Architecture: amd64$" ".deb: Architecture"
has "$tmp/info" "^ Maintainer: .+<.+@.+>" ".deb: Maintainer"
has "$tmp/info" "^ Depends: .*libgl1" ".deb: Depends"
has "$tmp/info" "^ Installed-Size: [0-9]+" ".deb: Installed-Size"
has "$tmp/info" "^ Description: ." ".deb: Description"
dpkg-deb -c "$deb" >"$tmp/debc"
for f in ./usr/bin/strategytracker$ ./usr/bin/strategytracker-cli ./usr/share/applications/bg.sofia.strategytracker.desktop \
	./usr/share/doc/strategytracker/copyright ./usr/share/doc/strategytracker/THIRD_PARTY_LICENSES.txt \
	./usr/share/doc/strategytracker/OFL.txt ./usr/share/doc/strategytracker/changelog.gz \
	./usr/share/man/man1/strategytracker.1.gz ./usr/share/man/man1/strategytracker-cli.1.gz; do
	has "$tmp/debc" " $f" ".deb holds $f"
done
if awk '{print $2}' "$tmp/debc" | grep -vq '^root/root$'; then bad ".deb: files not owned by root"; else ok ".deb: files owned by root"; fi
dpkg-deb -x "$deb" "$tmp/debx"
dpkg-deb -e "$deb" "$tmp/debc-ctl"
[ -s "$tmp/debc-ctl/md5sums" ] && (cd "$tmp/debx" && md5sum --quiet -c "$tmp/debc-ctl/md5sums") && ok ".deb: md5sums" || bad ".deb: md5sums missing or wrong"
file "$tmp/debx/usr/bin/strategytracker" "$tmp/debx/usr/bin/strategytracker-cli" >"$tmp/file"
[ "$(grep -c 'pie executable' "$tmp/file")" = 2 ] && ok ".deb: both binaries are PIE" || bad ".deb: not PIE: $(cat "$tmp/file")"
if command -v lintian >/dev/null; then
	lintian --fail-on none "$deb" >"$tmp/lintian" 2>&1 || true
	if grep -qE '^[EW]: ' "$tmp/lintian"; then bad ".deb: lintian: $(grep -E '^[EW]: ' "$tmp/lintian")"; else ok ".deb: lintian reports no error or warning"; fi
else
	bad "lintian is not installed (make deps-release)"
fi
got=$("$tmp/debx/usr/bin/strategytracker-cli" version)
[ "$got" = "$version" ] && ok ".deb console binary: version $got" || bad ".deb console binary says version $got, want $version"
go version -m "$tmp/debx/usr/bin/strategytracker" >"$tmp/buildinfo"
has "$tmp/buildinfo" "-trimpath=true" ".deb app binary built with -trimpath"
"$tmp/debx/usr/bin/strategytracker-cli" demo -db "$tmp/demo.db" >/dev/null
"$tmp/debx/usr/bin/strategytracker-cli" summary -db "$tmp/demo.db" -lang en >"$tmp/summary" && has "$tmp/summary" "Measures: [0-9]+" ".deb console binary runs summary"
fi

if [ "${RELEASE_INSTALL:-0}" = 1 ]; then
	DEBIAN_FRONTEND=noninteractive apt-get install -y -q "./$deb" >"$tmp/apt" 2>&1 && ok "apt install ./$deb" || { cat "$tmp/apt" >&2; bad "apt install ./$deb"; }
	got=$(/usr/bin/strategytracker version 2>/dev/null)
	[ "$got" = "$version" ] && ok "installed strategytracker version: $got" || bad "installed strategytracker says $got"
	/usr/bin/strategytracker-cli demo -db "$tmp/installed.db" >/dev/null
	/usr/bin/strategytracker-cli summary -db "$tmp/installed.db" -lang en >"$tmp/isummary" && has "$tmp/isummary" "Measures: [0-9]+" "installed strategytracker-cli runs summary"
	/usr/bin/strategytracker summary -db "$tmp/installed.db" -json >"$tmp/isummary.json" 2>/dev/null && has "$tmp/isummary.json" '"measures":' "installed strategytracker runs summary -json"
	DEBIAN_FRONTEND=noninteractive apt-get remove -y -q strategytracker >/dev/null 2>&1 && ok "apt remove strategytracker" || bad "apt remove"
fi

if [ "$fails" -gt 0 ]; then
	echo "check-release: $fails check(s) failed" >&2
	exit 1
fi
echo "check-release: all checks passed for $version"
