#!/bin/sh
# Demo part: the transcript as a W3C Verifiable Credential (CLR 2.0,
# ecdsa-jcs-2019 proof) -- issued (its contexts checked against their
# pins), checked well-formed, verified, revoked, and the revocation
# seen by a verifier through the signed BitstringStatusListCredentials.
set -eu
echo "== verifiable credentials: a transcript as a W3C VC 2.0"
[ -d "$OUT/pki" ] || sh "$TOP/certs/mkpki" "$OUT/pki" >/dev/null
key="$OUT/pki/issuers/my-um.key"
cert="$OUT/pki/issuers/my-um.pem"
trust="$OUT/pki/trust"
$SETARA issue transcript "$TOP/examples/transcript.xml" --format vc \
	--key "$key" --cert "$cert" --trust "$trust" -o "$OUT/transcript.json"
$SETARA vc check "$OUT/transcript.json"
$SETARA verify "$OUT/transcript.json" --trust "$trust" |
	grep -E '^[^ ]|^  (format|profile|trust|status) '
id=$(sed -n 's/^  "id": "\(urn:uuid:[0-9a-f-]*\)",$/\1/p' "$OUT/transcript.json")
$SETARA -q revoke "$id" --reason "issued with a wrong grade"
$SETARA status publish --format vc --issuer my-um --key "$key" \
	--cert "$cert" -o "$OUT/vc-status/"
echo "verifying the revoked credential against the published lists:"
$SETARA verify "$OUT/transcript.json" --trust "$trust" \
	--status "$OUT/vc-status" | sed -n '1p;/status /p' || true
echo "-> credential in $OUT/transcript.json, status lists in $OUT/vc-status"
