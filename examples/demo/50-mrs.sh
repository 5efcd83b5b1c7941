#!/bin/sh
# Demo part: mutual recognition of skills.  Four Philippine construction
# workers' TESDA credentials (examples/mrs) are issued and signed through
# the project's own issuing path, then each is claimed for Thailand's
# bricklaying and plastering skill standard level 1: recognised, partly
# recognised, refused on level, issuer not accredited.  The Thai agency
# attests the first decision with a signed attestation, which verifies.
set -eu
d=$OUT/mrs
mkdir -p "$d"
echo "== mutual recognition of skills: TESDA masonry credentials claimed in Thailand"
sh "$TOP/certs/mkpki" "$d/pki" >/dev/null
I=$d/pki/issuers
T=$d/pki/trust
OCC=th-dsd-bricklaying-plastering-1
for c in recognised partly refused-level; do
	$SETARA issue certificate "$TOP/examples/mrs/$c.xml" \
		--key "$I/ph-tesda.key" --cert "$I/ph-tesda.pem" \
		--chain "$I/ph-tesda.chain.pem" -o "$d/$c.xml" >/dev/null
done
$SETARA issue certificate "$TOP/examples/mrs/not-accredited.xml" \
	--key "$I/ph-unaccredited.key" --cert "$I/ph-unaccredited.pem" \
	-o "$d/not-accredited.xml" >/dev/null
mkdir -p "$d/status"
$SETARA status publish --key "$I/ph-tesda.key" --cert "$I/ph-tesda.pem" \
	--chain "$I/ph-tesda.chain.pem" --issuer ph-tesda -o "$d/status" \
	>/dev/null
echo "issued 4 certificates into $d (PKI: certs/mkpki $d/pki)"
for c in recognised partly refused-level not-accredited; do
	echo
	echo "-- claim: $c"
	# exit 1 is an answer (partly or not recognised), not a failure
	$SETARA mrs check "$d/$c.xml" --occupation $OCC --trust "$T" \
		--status "$d/status" | sed -n '1,/^  trace:/p' | sed '$d' ||
		true
done
echo
echo "-- the Thai agency attests the first decision (signed attestation):"
$SETARA mrs check "$d/recognised.xml" --occupation $OCC --trust "$T" \
	--status "$d/status" -o "$d/attestation.xml" --key "$I/th-dsd.key" \
	--cert "$I/th-dsd.pem" --chain "$I/th-dsd.chain.pem" |
	grep '^  attestation'
$SETARA status publish --key "$I/th-dsd.key" --cert "$I/th-dsd.pem" \
	--chain "$I/th-dsd.chain.pem" --issuer th-dsd -o "$d/status" >/dev/null
$SETARA verify "$d/attestation.xml" --trust "$T" --status "$d/status" |
	head -1
$SETARA --json mrs check "$d/partly.xml" --occupation $OCC --trust "$T" \
	--status "$d/status" >"$d/partly.json" || true
echo
echo "mrs: credentials, attestation and status lists in $d; JSON decision in $d/partly.json"
