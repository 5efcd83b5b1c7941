#!/bin/sh
# Bench part: level maps per second, in-process on the loaded store (one
# thread), and for scale the cost of one `setara level map` process.
set -eu
echo "== level maps (one thread, store $SETARA_DB)"
"$BENCH_BIN_DIR/bench_level" "$SETARA_DB" "${BENCH_SECONDS:-1}"
n=50
t0=$(date +%s%N)
i=0
while [ $i -lt $n ]; do
	"$SETARA" level map ph-pqf:6 --to my-mqf >/dev/null
	i=$((i + 1))
done
t1=$(date +%s%N)
echo "setara level map (whole process): $(( n * 1000000000 / (t1 - t0) )) /s"
