#!/usr/bin/env bash
# Signs the Windows files in DIR (the exes and the MSI) with Authenticode
# when a code-signing certificate is given, and says clearly when not:
#   SIGN_CERT=cert.p12 SIGN_PASS_FILE=pass.txt scripts/sign-release.sh dist
# SIGN_PASS may hold the password instead of SIGN_PASS_FILE;
# SIGN_TIMESTAMP_URL adds an RFC 3161 timestamp (so the signature outlives
# the certificate). Each signature is verified after signing (against
# SIGN_CA, else the system's trusted CAs). Called by
# scripts/release.sh before SHA256SUMS is written.
set -euo pipefail
dir=$1
files=$(ls "$dir"/*.exe "$dir"/*.msi 2>/dev/null || true)
[ -n "$files" ] || exit 0
if [ -z "${SIGN_CERT:-}" ]; then
	echo "release: NOT SIGNED: the Windows files have no Authenticode signature (SIGN_CERT=FILE.p12 signs them; Windows SmartScreen warns about unsigned files)"
	exit 0
fi
command -v osslsigncode >/dev/null || { echo "release: SIGN_CERT is set but osslsigncode is not installed (make deps-release)" >&2; exit 1; }
pass=()
if [ -n "${SIGN_PASS_FILE:-}" ]; then
	pass=(-readpass "$SIGN_PASS_FILE")
elif [ -n "${SIGN_PASS:-}" ]; then
	pass=(-pass "$SIGN_PASS")
fi
# The chain is verified against SIGN_CA (the certificate's CA, PEM), else
# the system's trusted CAs.
ca=${SIGN_CA:-/etc/ssl/certs/ca-certificates.crt}
ts=()
[ -z "${SIGN_TIMESTAMP_URL:-}" ] || ts=(-ts "$SIGN_TIMESTAMP_URL")
for f in $files; do
	osslsigncode sign -pkcs12 "$SIGN_CERT" "${pass[@]}" "${ts[@]}" -h sha256 \
		-n "Strategy Tracker" -in "$f" -out "$f.signed" >/dev/null
	mv "$f.signed" "$f"
	osslsigncode verify -CAfile "$ca" -in "$f" >"$f.verify" 2>&1 ||
		{ cat "$f.verify" >&2; rm -f "$f.verify"; echo "release: the signature of $f does not verify against $ca (SIGN_CA)" >&2; exit 1; }
	rm -f "$f.verify"
	echo "release: signed $(basename "$f")"
done
