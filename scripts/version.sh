#!/bin/sh
# The version of the checked-out tree, from the last release tag (vX.Y.Z,
# annotated, named after the CHANGELOG's heading) and `git describe`:
#
#   scripts/version.sh          X.Y.Z on the tag, X.Y.Z-N-gCOMMIT N commits
#                               later, 0.0.0-dev+COMMIT without a tag;
#                               ".dirty" appended when files changed
#   scripts/version.sh numeric  X.Y.B.0 with B = Z*1000 + N: the Windows
#                               version (exe resources, MSI). Windows Installer
#                               compares only major.minor.build (each at most
#                               255.255.65535), so every build after a tag must
#                               differ there for a newer MSI to replace an older
#                               one; Z*1000+N keeps X.Y.Z < X.Y.Z-N < X.Y.(Z+1).
#                               Refused when it does not fit (Z > 64, N > 999).
#   scripts/version.sh deb      X.Y.Z, X.Y.Z+N.gCOMMIT, 0.0.0~N.gCOMMIT before
#                               the first tag: dpkg sorts them in build order
#
# STRATEGYTRACKER_DESCRIBE (`git describe` output, e.g. v0.2.0-5-gabcdef) and
# STRATEGYTRACKER_COUNT (commits in the history) replace git, for the test of
# the ordering (versions_test.go).
set -eu
cd "$(dirname "$0")/.."
what=${1:-semver}

if [ -n "${STRATEGYTRACKER_DESCRIBE+set}" ]; then
	described=$STRATEGYTRACKER_DESCRIBE
	commit=$(printf '%s' "${described:-g000000000000}" | sed -nE 's/.*-g([0-9a-f]+)(\.dirty)?$/\1\2/p')
	[ -n "$commit" ] || commit=000000000000
	count=${STRATEGYTRACKER_COUNT:-1}
else
	described=$(git describe --tags --match 'v[0-9]*' --abbrev=12 --dirty=.dirty 2>/dev/null || true)
	commit=$(git describe --always --abbrev=12 --dirty=.dirty)
	count=$(git rev-list --count HEAD)
fi
case "$described" in
v[0-9]*)
	version=${described#v}
	base=$(printf '%s' "$version" | sed -E 's/^([0-9]+\.[0-9]+\.[0-9]+).*/\1/')
	since=$(printf '%s' "$version" | sed -nE 's/^[0-9.]+-([0-9]+)-g.*/\1/p')
	since=${since:-0}
	;;
*)
	version="0.0.0-dev+$commit"
	base=0.0.0
	since=$count
	;;
esac
dirty=
case "$version" in *.dirty) dirty=.dirty ;; esac

numeric() {
	printf '%s\n' "$base" | awk -F. -v since="$since" -v tagged="$([ "$base" = 0.0.0 ] && echo 0 || echo 1)" '{
		build = tagged ? $3 * 1000 + since : since
		if ($1 > 255 || $2 > 255 || build > 65535 || (tagged && since > 999)) {
			printf "version.sh: %s with %d commits since does not fit a Windows version (255.255.65535, at most 999 commits after a tag): tag a release\n", $0, since > "/dev/stderr"
			exit 1
		}
		printf "%d.%d.%d.0\n", $1, $2, build
	}'
}

case "$what" in
semver) echo "$version" ;;
numeric) numeric ;;
deb)
	case "$version" in
	0.0.0-dev+*) echo "0.0.0~$since.g${commit}" ;;
	*-*-g*) printf '%s\n' "$version" | sed -E 's/^([0-9.]+)-([0-9]+)-(g[0-9a-f]+)/\1+\2.\3/' ;;
	*) echo "$base$dirty" ;;
	esac ;;
*) echo "usage: $0 [semver|numeric|deb]" >&2; exit 2 ;;
esac
