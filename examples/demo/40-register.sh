#!/bin/sh
# Demo part: the register -- a semester's batch of transcripts, a
# revocation, the signed status lists, and a verifier who sees it.
set -eu
echo "== register: batch issuing, revocation, signed status lists"
[ -d "$OUT/pki" ] || sh "$TOP/certs/mkpki" "$OUT/pki" >/dev/null
key="$OUT/pki/issuers/my-um.key"
cert="$OUT/pki/issuers/my-um.pem"
sh "$TOP/bench/gen-batch.sh" 50 > "$OUT/semester.xml"
"$SETARA" issue transcript --batch "$OUT/semester.xml" -o "$OUT/batch" \
	--key "$key" --cert "$cert"
echo "(run again: nothing is issued twice)"
"$SETARA" issue transcript --batch "$OUT/semester.xml" -o "$OUT/batch" \
	--key "$key" --cert "$cert"
doc=$(ls "$OUT"/batch/*.xml | head -1)
id=$(sed -n 's|.*<id>\(urn:uuid:[^<]*\)</id>.*|\1|p' "$doc" | head -1)
"$SETARA" -q revoke "$id" --reason "issued with a wrong grade"
"$SETARA" status publish --issuer my-um --key "$key" --cert "$cert" \
	-o "$OUT/status/"
echo "verifying the revoked transcript against the published lists:"
"$SETARA" verify "$doc" --trust "$OUT/pki/trust" --status "$OUT/status" |
	sed -n '1p;/status /p' || true
echo "-> batch in $OUT/batch, status lists in $OUT/status"
