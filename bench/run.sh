#!/bin/sh
# make bench: throughput figures, each beside the raw OpenSSL rate measured
# in the same run.  The parts are bench/NN-*.sh, run in order with
# $SETARA, $TOP, $OUT.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
out="$top/bench-out"
. "$top/examples/env.sh"
export BENCH_BIN_DIR="$top/${BENCH_BIN_DIR:-build/bench}"
echo "== setara bench on $(nproc) cores ($(uname -m))"
"$bin" -q init >/dev/null
for part in "$top"/bench/[0-9]*.sh; do
	[ -f "$part" ] || continue
	sh "$part"
done
