#!/bin/sh
# Bench part: batch issuing into the register on PostgreSQL beside sqlite,
# same records, same machine, -j 2: transcripts/s of each and the ratio
# (goal: PostgreSQL at least 80% of sqlite).  The server is a throwaway
# one (tests/pg.sh) with fsync on, as sqlite's synchronous = FULL.
# BENCH_PG_RECORDS=N records per run (default 2,000), BENCH_REPEAT=K runs
# of each, alternating (default 3); the fastest of each counts.
set -eu
n=${BENCH_PG_RECORDS:-2000}
repeat=${BENCH_REPEAT:-3}
w="$OUT/pg"
rm -rf "$w"
mkdir -p "$w"
sh "$TOP/certs/mkpki" "$w/pki" >/dev/null
sh "$TOP/bench/gen-batch.sh" "$n" > "$w/in.xml"
dir=$(mktemp -u /tmp/setara-bench-pg-XXXXXX)
trap 'sh "$TOP/tests/pg.sh" stop "$dir"' EXIT INT TERM
eval "$(SETARA_PG_FSYNC=on sh "$TOP/tests/pg.sh" start "$dir")"
echo "== batch issue into PostgreSQL $(psql -d postgres -Atc 'SHOW server_version' | cut -d' ' -f1) beside sqlite: $n transcripts, -j 2"
one() { # BACKEND K
	if [ "$1" = pg ]; then
		sh "$TOP/tests/pg.sh" createdb "$dir" "b$2" >/dev/null
		db="postgresql:///b$2?host=$dir&port=$PGPORT&user=$PGUSER"
	else
		db="$w/b$2.db"
	fi
	export SETARA_CACHE="$w/cache-$1-$2.db"
	"$SETARA" --db "$db" -q init >/dev/null
	/usr/bin/time -f '%e' -o "$w/time" "$SETARA" --db "$db" -q \
		issue transcript --batch "$w/in.xml" -o "$w/out-$1-$2" -j 2 \
		--key "$w/pki/issuers/my-um.key" \
		--cert "$w/pki/issuers/my-um.pem" >/dev/null
	secs=$(cat "$w/time")
	best="$w/best-$1"
	if [ ! -f "$best" ] || awk -v a="$secs" -v b="$(cat "$best")" \
	    'BEGIN { exit !(a < b) }'; then
		echo "$secs" > "$best"
	fi
}
k=0
while [ $k -lt "$repeat" ]; do
	k=$((k + 1))
	if [ $((k % 2)) -eq 1 ]; then one sqlite $k; one pg $k
	else one pg $k; one sqlite $k; fi
done
sq=$(cat "$w/best-sqlite"); pg=$(cat "$w/best-pg")
awk -v n="$n" -v sq="$sq" -v pg="$pg" 'BEGIN {
	printf "  sqlite      %8.0f transcripts/s (%.2f s)\n", n / sq, sq
	printf "  postgresql  %8.0f transcripts/s (%.2f s), %.0f%% of sqlite\n",
		n / pg, pg, 100 * sq / pg
}'
