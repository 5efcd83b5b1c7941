#!/bin/sh
# Bench part: register operations as the register grows -- register list
# (each filter), show, revoke, status publish and verify --status DIR on
# stores of 10,000, 100,000 and 1,000,000 issued documents, each operation
# a whole setara process, the least CPU time and the fastest wall-clock
# time of BENCH_REPEAT runs (default 7), and their ratios to the 10k
# time.  The goal (issue 19) is 1.0 +- 0.2.
#
# The rows are synthetic (bench/bench_register.c: reserved and completed
# through the register, 20,000 to a transaction), with 100 revoked and 100
# suspended documents at every size, so that a filter on the status
# selects as many rows at 10k as at 1M; one real transcript is issued last
# for verify.  The 1M store (about 1 GB, a few minutes to build) is made
# only with BENCH_FULL=1; BENCH_REGISTER="N..." picks other sizes.
set -eu
sizes=${BENCH_REGISTER:-"10000 100000"}
if [ "${BENCH_FULL:-0}" = 1 ] && [ -z "${BENCH_REGISTER:-}" ]; then
	sizes="$sizes 1000000"
fi
repeat=${BENCH_REPEAT:-7}
# Each round revokes one of the ten documents the store keeps active.
[ "$repeat" -le 10 ] || repeat=10
w="$OUT/register"
rm -rf "$w"
mkdir -p "$w"
[ -f "$OUT/pki/trust/trust.xml" ] || sh "$TOP/certs/mkpki" "$OUT/pki" >/dev/null
I="$OUT/pki/issuers"
K="--key $I/my-um.key --cert $I/my-um.pem"
times="$w/times"
echo "== register scaling (each operation a whole process; sizes: $sizes)"

ns() { date +%s%N; }

# Keep the smallest of each figure of OP at SIZE (microseconds): wall
# clock in $w/wall-OP-SIZE, CPU (user + system) in $w/cpu-OP-SIZE.
keep() { # KIND OP SIZE US
	f="$w/$1-$2-$3"
	if [ ! -f "$f" ] || [ "$4" -lt "$(cat "$f")" ]; then
		echo "$4" > "$f"
	fi
}

# Run one operation at SIZE, timed; the command is the rest.
run() { # OP SIZE CMD...
	op=$1 size=$2
	shift 2
	"$BENCH_BIN_DIR/bench_register" time "$@" >"$w/t" 2>"$w/err" || {
		echo "bench: $op at $size failed:" >&2
		cat "$w/err" >&2
		exit 1
	}
	read -r wall cpu < "$w/t"
	keep wall "$op" "$size" "$wall"
	keep cpu "$op" "$size" "$cpu"
}

# The operations, on the store of SIZE; round K revokes the K-th of the
# documents left active, then publishes (one list changed), then
# publishes again (nothing changed).
ops="list-n20 list-type-n20 list-subject list-issuer-n20 list-revoked
list-suspended-n20 show revoke publish-after-revoke publish-unchanged
verify-status-dir"
one() { # OP SIZE K
	d="$w/$2"
	S="$SETARA --db $d/setara.db"
	case $1 in
	list-n20) run "$1" "$2" $S register list -n 20 ;;
	list-type-n20) run "$1" "$2" $S register list --type certificate \
		-n 20 ;;
	list-subject) run "$1" "$2" $S register list \
		--subject "learner-$(($2 / 4))" ;;
	list-issuer-n20) run "$1" "$2" $S register list --issuer my-um \
		-n 20 ;;
	list-revoked) run "$1" "$2" $S register list --status revoked ;;
	list-suspended-n20) run "$1" "$2" $S register list \
		--status suspended -n 20 ;;
	show) run "$1" "$2" $S register show \
		"$(sed -n 's/^revoked //p' "$d/ids")" ;;
	revoke) run "$1" "$2" $S -q revoke \
		"$(sed -n 's/^active //p' "$d/ids" | sed -n "${3}p")" \
		--reason bench ;;
	publish-*) run "$1" "$2" $S -q status publish --issuer my-um $K \
		-o "$d/lists/" ;;
	verify-status-dir) run "$1" "$2" $S verify "$d/t.xml" \
		--trust "$OUT/pki/trust" --status "$d/lists" ;;
	esac
}

for size in $sizes; do
	d="$w/$size"
	mkdir -p "$d"
	db="$d/setara.db"
	cp "$SETARA_DB" "$db"
	t0=$(ns)
	"$BENCH_BIN_DIR/bench_register" "$db" "$size" my-um \
		"Universiti Malaya" MY "$d/docs" > "$d/ids"
	"$SETARA" --db "$db" -q issue transcript "$TOP/examples/transcript.xml" \
		-o "$d/t.xml" $K >/dev/null
	t1=$(ns)
	"$SETARA" --db "$db" -q status publish --issuer my-um $K \
		-o "$d/lists/" >/dev/null
	t2=$(ns)
	lists=$(ls "$d/lists" | wc -l)
	mib=$(( $(stat -c %s "$db") / 1048576 ))
	echo "$size rows: store built in $(( (t1 - t0) / 1000000000 )) s" \
		"($mib MiB), first publish of $lists lists" \
		"$(( (t2 - t1) / 1000000 )) ms"
done
# Round by round, each operation at every size in turn: a slow spell of
# a shared machine falls on all sizes alike, and the fastest run counts.
k=1
while [ $k -le "$repeat" ]; do
	for op in $ops; do
		for size in $sizes; do
			one "$op" "$size" "$k"
		done
	done
	k=$((k + 1))
done
table() { # KIND TITLE
	for op in $ops; do
		for size in $sizes; do
			echo "$op $size $(cat "$w/$1-$op-$size")"
		done
	done > "$times"
	echo "$2"
	awk -v sizes="$sizes" '
	{ t[$1, $2] = $3; if (!($1 in seen)) { seen[$1] = 1; ops[++n] = $1 } }
	END {
		k = split(sizes, s, " ")
		printf "%-20s", "operation (ms)"
		for (j = 1; j <= k; j++) printf " %16s", s[j] " rows"
		printf "\n"
		for (i = 1; i <= n; i++) {
			printf "%-20s", ops[i]
			base = t[ops[i], s[1]]
			for (j = 1; j <= k; j++) {
				v = t[ops[i], s[j]]
				r = base > 0 ? v / base : 0
				if (j == 1)
					printf " %16.1f", v / 1000
				else
					printf " %8.1f (%.2fx)", v / 1000, r
			}
			printf "\n"
		}
	}' "$times"
}
table cpu "CPU time (user + system), least of $repeat, ratio to the first size:"
table wall "wall clock, fastest of $repeat, ratio to the first size:"
