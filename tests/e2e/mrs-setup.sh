# Sourced by the mrs-* end-to-end cases: a demo PKI (certs/mkpki), the
# sample credentials of examples/mrs issued through the project's own
# issuing path ('setara issue certificate'), and helpers.  Nothing signed
# is committed: every credential is made here, in the case's directory.
sh "$TOP/certs/mkpki" pki >/dev/null || exit 9
I=pki/issuers
T=pki/trust
OCC=th-dsd-bricklaying-plastering-1
# Values that change from run to run (keys, ids, digests) are masked.
MASK='s/urn:uuid:[0-9a-f-]{36}/urn:uuid:ID/g; s/"[0-9a-f]{64}"/"SHA256"/g; s/[0-9a-f]{16}\.\.\./HASH.../g'

# mrs_issue OUT RECORD ISSUER: issue a certificate, signed by ISSUER
mrs_issue() {
	_chain=
	[ -f "$I/$3.chain.pem" ] && _chain="--chain $I/$3.chain.pem"
	# shellcheck disable=SC2086
	$SETARA issue certificate "$2" --key "$I/$3.key" --cert "$I/$3.pem" \
		$_chain -o "$1" >/dev/null || exit 9
}

# mrs_status ISSUER: publish ISSUER's status lists into status/
mrs_status() {
	mkdir -p status
	$SETARA status publish --key "$I/$1.key" --cert "$I/$1.pem" \
		--chain "$I/$1.chain.pem" --issuer "$1" -o status >/dev/null ||
		exit 9
}

# run ARGS...: run setara, mask what varies, print the exit status
run() {
	$SETARA "$@" >.run.out 2>.run.err
	_rc=$?
	sed -E "$MASK" .run.out
	sed -E "$MASK" .run.err
	echo "exit $_rc"
}

for _c in recognised partly refused-level; do
	mrs_issue $_c.xml "$TOP/examples/mrs/$_c.xml" ph-tesda
done
mrs_issue not-accredited.xml "$TOP/examples/mrs/not-accredited.xml" \
	ph-unaccredited
