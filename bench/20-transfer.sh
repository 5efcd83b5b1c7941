#!/bin/sh
# Bench part: transfer evaluation -- course decisions per second on a
# generated 50-course record, one thread, the host's rules loaded once
# (goal: at least 100,000 a second); then with the decision document, and
# with the record parsed each time; and one whole 'setara transfer
# evaluate' process on the shipped sample record for scale.
set -eu
echo "== transfer decisions (one thread, bench_transfer)"
"$BENCH_BIN_DIR/bench_transfer" "$TOP" "${BENCH_SECONDS:-2}"
n=20
t0=$(date +%s%N)
i=0
while [ $i -lt $n ]; do
	"$SETARA" transfer evaluate "$TOP/examples/record.xml" --host my-um \
		>/dev/null
	i=$((i + 1))
done
t1=$(date +%s%N)
echo "setara transfer evaluate (whole process, sample record): $(( n * 1000000000 / (t1 - t0) )) /s"
