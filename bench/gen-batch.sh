#!/bin/sh
# gen-batch.sh N [RECORD.xml]: a <batch> of N transcript records made from
# one sample record (default examples/transcript.xml), each with its own
# learner id, on standard output.
set -eu
n=$1
top=$(cd "$(dirname "$0")/.." && pwd)
rec=${2:-$top/examples/transcript.xml}
body=$(sed -e '1{/^<?xml/d}' -e '/^<!--/,/-->$/d' "$rec")
printf '<?xml version="1.0" encoding="UTF-8"?>\n<batch>\n'
awk -v n="$n" -v body="$body" 'BEGIN {
	for (i = 1; i <= n; i++) {
		b = body
		gsub(/<learner id="[^"]*"/, "<learner id=\"B" sprintf("%07d", i) "\"", b)
		print b
	}
}'
printf '</batch>\n'
