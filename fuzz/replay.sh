#!/bin/sh
# Replay each fuzz target over its corpus, fuzz/corpus/<target>/.
top=$(cd "$(dirname "$0")/.." && pwd)
fail=0; n=0
for t in "$@"; do
	name=$(basename "$t")
	[ -d "$top/fuzz/corpus/$name" ] || continue
	if out=$("$t" "$top/fuzz/corpus/$name" 2>&1); then
		n=$((n + 1)); echo "fuzz-replay $name: $out"
	else
		fail=1; echo "fuzz-replay $name: FAILED"; echo "$out" | tail -20
	fi
done
exit $fail
