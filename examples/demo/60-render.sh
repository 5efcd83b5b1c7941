#!/bin/sh
# Demo part: documents for people and for Europe.  The transcript and the
# certificate of 30-issue.sh as HTML pages with their verification, a
# status list page, a tampered transcript's page, and the transcript as a
# signed EMREX ELMO document (checked against the ELMO XSD when the
# schema folder ../shared/schemas/elmo is there), and in ELMO 2.0.0 the
# transcript and the signed transfer decision of 20-credit.sh as results
# of recognition (checked against tests/vectors/elmo-2.0.0).
set -eu
echo "== render and ELMO export"
[ -d "$OUT/pki" ] || sh "$TOP/certs/mkpki" "$OUT/pki" >/dev/null
I=$OUT/pki/issuers
T=$OUT/pki/trust
[ -f "$OUT/transcript.xml" ] ||
	$SETARA issue transcript "$TOP/examples/transcript.xml" \
		--key "$I/my-um.key" --cert "$I/my-um.pem" -o "$OUT/transcript.xml"
[ -f "$OUT/certificate.xml" ] ||
	$SETARA issue certificate "$TOP/examples/certificate.xml" \
		--key "$I/ph-tesda.key" --cert "$I/ph-tesda.pem" \
		--chain "$I/ph-tesda.chain.pem" -o "$OUT/certificate.xml"
mkdir -p "$OUT/render"
lists=$OUT/render/lists
mkdir -p "$lists"
$SETARA status publish --key "$I/my-um.key" --cert "$I/my-um.pem" \
	--issuer my-um -o "$lists" >/dev/null
# rendered and verified: exit 1 only means "not valid", the page says why
$SETARA render "$OUT/transcript.xml" -o "$OUT/render/transcript.html" \
	--trust "$T" --status "$lists" \
	--verify-url "https://verify.um.edu.my/d/{id}" || true
$SETARA render "$OUT/certificate.xml" -o "$OUT/render/certificate.html" \
	--trust "$T" || true
$SETARA render "$lists/my-um-1-revocation.xml" \
	-o "$OUT/render/status-list.html" --trust "$T" || true
if [ -f "$OUT/transcript-tampered.xml" ]; then
	$SETARA render "$OUT/transcript-tampered.xml" \
		-o "$OUT/render/transcript-tampered.html" --trust "$T" || true
fi
$SETARA export elmo "$OUT/transcript.xml" -o "$OUT/render/transcript.elmo.xml" \
	--trust "$T" --status "$lists" --key "$I/my-um.key" \
	--cert "$I/my-um.pem" --url "https://www.um.edu.my/"
elmo=
for d in "${SETARA_ELMO_SCHEMAS:-}" "$TOP/../shared/schemas/elmo" \
    "$TOP/../../shared/schemas/elmo"; do
	if [ -n "$d" ] && [ -f "$d/schema.xsd" ]; then elmo=$d; break; fi
done
if [ -n "$elmo" ]; then
	XML_CATALOG_FILES=$elmo/catalog.xml xmllint --nonet --noout \
		--schema "$elmo/schema.xsd" "$OUT/render/transcript.elmo.xml"
else
	echo "(ELMO XSD check skipped: no ../shared/schemas/elmo)"
fi
xmlsec1 --verify --trusted-pem "$T/anchor.pem" \
	"$OUT/render/transcript.elmo.xml" >/dev/null 2>&1 &&
	echo "xmlsec1: the ELMO signature verifies"
# ELMO 2.0.0: the transcript, and the transfer decision signed by UM
v2=$TOP/tests/vectors/elmo-2.0.0
$SETARA export elmo "$OUT/transcript.xml" --elmo-version 2 \
	-o "$OUT/render/transcript.elmo2.xml" --trust "$T" --status "$lists" \
	--key "$I/my-um.key" --cert "$I/my-um.pem" --url "https://www.um.edu.my/"
if [ -f "$OUT/decision.xml" ]; then
	[ -f "$OUT/decision-signed.xml" ] ||
		$SETARA issue decision "$OUT/decision.xml" \
			--key "$I/my-um.key" --cert "$I/my-um.pem" \
			-o "$OUT/decision-signed.xml"
	$SETARA export elmo "$OUT/decision-signed.xml" --elmo-version 2 \
		-o "$OUT/render/decision.elmo2.xml" --trust "$T" \
		--key "$I/my-um.key" --cert "$I/my-um.pem"
fi
for f in "$OUT"/render/*.elmo2.xml; do
	if XML_CATALOG_FILES=$v2/catalog.xml xmllint --nonet --noout \
	    --schema "$v2/schema.xsd" "$f" 2>"$OUT/render/xsd.err"; then
		echo "$f: valid against ELMO 2.0.0"
	else
		cat "$OUT/render/xsd.err" >&2
		exit 1
	fi
done
echo "-> pages in $OUT/render/*.html (open in a browser, print to PDF);" \
	"ELMO in $OUT/render/transcript.elmo.xml, ELMO 2.0.0 in" \
	"$OUT/render/*.elmo2.xml"
