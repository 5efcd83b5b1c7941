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
echo "the registrar looks up learner B0000007 in the register:"
"$SETARA" -q register list --subject B0000007
id=$("$SETARA" -q register list --subject B0000007 | cut -d' ' -f1)
doc=$("$SETARA" --json register show "$id" |
	sed -n 's/^  "file": "\(.*\)",$/\1/p')
"$SETARA" -q revoke "$id" --reason "issued with a wrong grade"
"$SETARA" register show "$id" | sed -n '/^status:/p;/^history:/,$p'
"$SETARA" status publish --key "$key" --cert "$cert" --issuer my-um \
	-o "$OUT/status/"
echo "verifying the revoked transcript against the published lists:"
"$SETARA" verify "$doc" --trust "$OUT/pki/trust" --status "$OUT/status" |
	sed -n '1p;/status /p' || true
echo "-> batch in $OUT/batch, status lists in $OUT/status"
