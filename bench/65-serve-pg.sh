#!/bin/sh
# Bench part: verification nodes sharing one register.  Two `setara
# serve -j 2` processes on one PostgreSQL register (a throwaway server,
# tests/pg.sh), loaded together by bench_serve (the clients dealt between
# the two ports), beside one `setara serve -j 2` on a sqlite store loaded
# the same way in the same run: POST /verify of the same ~50-course
# transcript, issued into each register, so that every verification reads
# the document's status from it.  Measured, not asserted.
# BENCH_SERVE_REQUESTS, BENCH_SERVE_CLIENTS, BENCH_SERVE_SECONDS as in
# 60-serve.sh.
set -eu
w="$OUT/serve-pg"
rm -rf "$w"
mkdir -p "$w"
[ -f "$OUT/pki/trust/trust.xml" ] || sh "$TOP/certs/mkpki" "$OUT/pki" >/dev/null
I=$OUT/pki/issuers
requests=${BENCH_SERVE_REQUESTS:-20000}
clients=${BENCH_SERVE_CLIENTS:-16}
seconds=${BENCH_SERVE_SECONDS:-60}
dir=$(mktemp -u /tmp/setara-bench-pg-XXXXXX)
pids=
stop() {
	for p in $pids; do kill -TERM "$p" 2>/dev/null || true; done
	for p in $pids; do wait "$p" 2>/dev/null || true; done
	pids=
}
trap 'stop; sh "$TOP/tests/pg.sh" stop "$dir"' EXIT INT TERM
eval "$(SETARA_PG_FSYNC=on sh "$TOP/tests/pg.sh" start "$dir")"
sh "$TOP/tests/pg.sh" createdb "$dir" serve >/dev/null
url="postgresql:///serve?host=$dir&port=$PGPORT&user=$PGUSER"
echo "== verification nodes sharing one register: 2 serve on PostgreSQL $(psql -d postgres -Atc 'SHOW server_version' | cut -d' ' -f1) beside 1 serve on sqlite"

# serve DB CACHE NAME: a serve process on DB in the background; its pid
# and port appended to $pids and $ports.
serve() {
	SETARA_CACHE=$2 "$SETARA" --db "$1" serve --listen 127.0.0.1:0 -j 2 \
		--trust "$OUT/pki/trust" 2>"$w/$3.log" &
	pids="$pids $!"
	i=0
	until grep -qs "listening on" "$w/$3.log"; do
		i=$((i + 1))
		[ $i -lt 100 ] || { echo "serve did not start" >&2
			cat "$w/$3.log" >&2; exit 1; }
		sleep 0.1
	done
	ports="$ports,$(sed -n 's|.*listening on http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$w/$3.log")"
}

# load DB CACHE OUT: bench_serve against the serve processes started.
load() {
	list=$(echo $pids | tr ' ' ',')
	SETARA_CACHE=$2 "$BENCH_BIN_DIR/bench_serve" "${ports#,}" "$w/t-$3.xml" \
		"$OUT/pki/trust" "$1" "$list" "$requests" "$clients" \
		"$seconds" | tee "$w/$3.out"
}

# The same transcript issued into each register.
issue() { # DB CACHE NAME
	SETARA_CACHE=$2 "$SETARA" --db "$1" -q init >/dev/null
	SETARA_CACHE=$2 "$SETARA" --db "$1" -q issue transcript \
		"$TOP/examples/transcript.xml" --key "$I/my-um.key" \
		--cert "$I/my-um.pem" -o "$w/t-$3.xml" >/dev/null
}

issue "$w/sqlite.db" "" sqlite
ports=
serve "$w/sqlite.db" "" sqlite
load "$w/sqlite.db" "" sqlite
stop

issue "$url" "$w/cache-a.db" pg
# The second node: its own reference-data cache, the same register.
SETARA_CACHE="$w/cache-b.db" "$SETARA" --db "$url" -q init >/dev/null
ports=
serve "$url" "$w/cache-a.db" pg-a
serve "$url" "$w/cache-b.db" pg-b
load "$url" "$w/cache-a.db" pg
stop

rate() { sed -n 's|^  \([0-9]*\) verifications/s;.*|\1|p' "$w/$1.out"; }
sq=$(rate sqlite); pg=$(rate pg)
awk -v sq="$sq" -v pg="$pg" 'BEGIN {
	printf "  1 serve, sqlite:              %6d verifications/s\n", sq
	printf "  2 serve, one PostgreSQL:      %6d verifications/s together, %.0f%% of sqlite\n",
		pg, (sq > 0 ? 100 * pg / sq : 0)
}'
