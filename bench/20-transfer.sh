#!/bin/sh
# Bench part: transfer evaluation -- course decisions per second (CPU time
# of one thread) on a generated 100-course record, the host's rules loaded
# once (goal: at least 300,000 a second on the parsed record); then with
# the decision document, and with the record parsed each time, in the
# same run (the parsed record must not be the slower one); and one whole
# 'setara transfer evaluate' process on the shipped sample record for
# scale.
set -eu
echo "== transfer decisions (one thread, bench_transfer)"
"$BENCH_BIN_DIR/bench_transfer" "$TOP" "${BENCH_SECONDS:-2}" 100
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
