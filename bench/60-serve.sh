#!/bin/sh
# Bench part: the verification service on loopback (setara serve -j 2),
# loaded by bench_serve (16 keep-alive clients, 20,000 POST /verify of a
# ~50-course transcript or 60 s, whichever ends first), next to the
# in-process verification rate on two threads measured in the same run;
# the server's memory after a warm-up and at the end.
set -eu
echo "== the verification service (bench_serve)"
[ -f "$OUT/pki/trust/trust.xml" ] || sh "$TOP/certs/mkpki" "$OUT/pki" >/dev/null
I=$OUT/pki/issuers
$SETARA -q issue transcript "$TOP/examples/transcript.xml" --key "$I/my-um.key" \
	--cert "$I/my-um.pem" -o "$OUT/serve-t.xml" >/dev/null
log=$OUT/serve.log
$SETARA serve --listen 127.0.0.1:0 -j 2 --trust "$OUT/pki/trust" 2>"$log" &
pid=$!
i=0
until grep -qs "listening on" "$log"; do
	i=$((i + 1))
	[ $i -lt 100 ] || { echo "serve did not start" >&2; cat "$log" >&2; exit 1; }
	sleep 0.1
done
port=$(sed -n 's|.*listening on http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$log")
rc=0
"$BENCH_BIN_DIR/bench_serve" "$port" "$OUT/serve-t.xml" "$OUT/pki/trust" \
	"$SETARA_DB" "$pid" "${BENCH_SERVE_REQUESTS:-20000}" \
	"${BENCH_SERVE_CLIENTS:-16}" "${BENCH_SERVE_SECONDS:-60}" || rc=$?
kill -TERM "$pid"
wait "$pid" || rc=$?
exit $rc
