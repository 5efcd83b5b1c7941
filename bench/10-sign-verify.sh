#!/bin/sh
# Bench part: issue and verify a ~50-course transcript (ECDSA P-256), on
# one thread and two, next to raw OpenSSL sign and verify rates measured
# in the same run, per core (operations per CPU second) and as wall-clock
# rates.  Verify runs every check, status against a signed
# status list and consistency against the loaded reference data.  The
# same transcript as a W3C Verifiable Credential (ecdsa-jcs-2019, same
# key) is issued and verified in the same rounds, its verify rate given
# as a ratio to the XML verify and the raw ECDSA verify rates.
set -eu
echo "== signed documents and Verifiable Credentials (bench_cred)"
[ -f "$OUT/pki/trust/trust.xml" ] || sh "$TOP/certs/mkpki" "$OUT/pki" >/dev/null
"$BENCH_BIN_DIR/bench_cred" "$OUT/pki" "$TOP/examples/transcript.xml" \
	"${BENCH_SECONDS:-3}"
