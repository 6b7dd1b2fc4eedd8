#!/bin/sh
# The version of the checked-out tree, from `git describe` (tags v1.2.3):
#
#   scripts/version.sh          1.2.3 on the tag, 1.2.3-4-gabcdef123456 four
#                               commits later, 0.0.0-dev+abcdef123456 without
#                               a tag; ".dirty" appended when files changed
#   scripts/version.sh numeric  1.2.3.4: the tag's numbers and the commits
#                               since it (Windows version resources, MSI)
#   scripts/version.sh deb      1.2.3, 1.2.3+4.gabcdef123456 or
#                               0.0.0~dev+abcdef123456 (sorts as Debian expects)
set -eu
cd "$(dirname "$0")/.."
what=${1:-semver}

described=$(git describe --tags --match 'v[0-9]*' --abbrev=12 --dirty=.dirty 2>/dev/null || true)
commit=$(git describe --always --abbrev=12 --dirty=.dirty)
if [ -n "$described" ]; then
	version=${described#v}
	base=$(printf '%s' "$version" | sed -E 's/^([0-9]+\.[0-9]+\.[0-9]+).*/\1/')
	since=$(printf '%s' "$version" | sed -nE 's/^[0-9.]+-([0-9]+)-g.*/\1/p')
else
	version="0.0.0-dev+$commit"
	base=0.0.0
	since=$(git rev-list --count HEAD)
fi
case "$what" in
semver) echo "$version" ;;
numeric) echo "$base.${since:-0}" ;;
deb)
	case "$version" in
	0.0.0-dev+*) echo "0.0.0~dev+$commit" ;;
	*-*-g*) printf '%s\n' "$version" | sed -E 's/^([0-9.]+)-([0-9]+)-(g[0-9a-f]+)/\1+\2.\3/' ;;
	*) echo "$version" ;;
	esac ;;
*) echo "usage: $0 [semver|numeric|deb]" >&2; exit 2 ;;
esac
