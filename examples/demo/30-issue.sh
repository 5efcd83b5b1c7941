#!/bin/sh
# Demo part: signed documents.  A demo PKI (certs/mkpki), then a
# university transcript and a skills certificate issued from the sample
# records a registrar's system would export, both verified, and a
# tampered copy refused.
set -eu
echo "== signed documents: issue and verify"
if [ ! -f "$OUT/pki/trust/trust.xml" ]; then
	sh "$TOP/certs/mkpki" "$OUT/pki"
fi
I=$OUT/pki/issuers
$SETARA issue transcript "$TOP/examples/transcript.xml" \
	--key "$I/my-um.key" --cert "$I/my-um.pem" --trust "$OUT/pki/trust" \
	-o "$OUT/transcript.xml"
$SETARA issue certificate "$TOP/examples/certificate.xml" \
	--key "$I/ph-tesda.key" --cert "$I/ph-tesda.pem" \
	--chain "$I/ph-tesda.chain.pem" --trust "$OUT/pki/trust" \
	-o "$OUT/certificate.xml"
$SETARA verify "$OUT/transcript.xml" "$OUT/certificate.xml" \
	--trust "$OUT/pki/trust"
# A grade changed after signing is caught by the signature check.
sed 's/grade="B" points="3.00"/grade="A" points="3.00"/' \
	"$OUT/transcript.xml" >"$OUT/transcript-tampered.xml"
if $SETARA verify "$OUT/transcript-tampered.xml" --trust "$OUT/pki/trust" \
    >"$OUT/transcript-tampered.txt"; then
	echo "tampered transcript accepted!" >&2
	exit 1
fi
grep -E '^[^ ]|^  signature' "$OUT/transcript-tampered.txt"
echo "signed documents: $OUT/transcript.xml, $OUT/certificate.xml" \
	"(PKI and trust list in $OUT/pki; the tampered copy and its" \
	"verdict in $OUT/transcript-tampered.*)"
