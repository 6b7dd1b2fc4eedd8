#!/bin/sh
# Copies the licence files every package ships into DIR: LICENSE.txt (the
# EUPL-1.2), THIRD_PARTY_LICENSES.txt (scripts/third-party-licenses.sh),
# OFL.txt (our fonts) and CHANGELOG.md. One list, for the MSI, the tarball,
# the .deb and dist/.
#   scripts/licence-files.sh DIR
set -eu
cd "$(dirname "$0")/.."
install -d "$1"
install -m 0644 LICENSE "$1/LICENSE.txt"
install -m 0644 THIRD_PARTY_LICENSES "$1/THIRD_PARTY_LICENSES.txt"
install -m 0644 assets/fonts/OFL.txt "$1/OFL.txt"
install -m 0644 CHANGELOG.md "$1/CHANGELOG.md"
