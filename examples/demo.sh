#!/bin/sh
# make demo: run every job of setara on the shipped data, with a fresh
# embedded store, and say where each output went.  The parts are
# examples/demo/NN-*.sh, run in order with $SETARA, $TOP, $OUT.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
bin=${1:-$top/setara}
case $bin in /*) ;; *) bin="$top/$bin" ;; esac
out="$top/demo-out"
rm -rf "$out"
mkdir -p "$out"
export SETARA="$bin" TOP="$top" OUT="$out" SETARA_DB="$out/setara.db"
export SETARA_DATA="$top"
echo "== setara demo: store $SETARA_DB, outputs in $out"
"$bin" init
for part in "$top"/examples/demo/[0-9]*.sh; do
	[ -f "$part" ] || continue
	echo
	sh "$part"
done
echo
echo "== demo done: outputs in $out"
