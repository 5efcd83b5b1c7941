#!/bin/sh
# make demo: run every job of setara on the shipped data, with a fresh
# embedded store, and say where each output went.  The parts are
# examples/demo/NN-*.sh, run in order with $SETARA, $TOP, $OUT.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
out="$top/demo-out"
. "$top/examples/env.sh"
echo "== setara demo: store $SETARA_DB, outputs in $out"
"$bin" init
for part in "$top"/examples/demo/[0-9]*.sh; do
	[ -f "$part" ] || continue
	echo
	sh "$part"
done
echo
echo "== demo done: outputs in $out"
