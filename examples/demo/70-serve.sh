#!/bin/sh
# Demo part: the verification service.  setara serve on a free loopback
# port, one document verified over HTTP with curl, then SIGTERM.
set -eu
echo "== the verification service: setara serve"
if ! command -v curl >/dev/null 2>&1; then
	echo "serve: skipped (curl is not installed; make deps installs it)"
	exit 0
fi
log=$OUT/serve.log
$SETARA serve --listen 127.0.0.1:0 --trust "$OUT/pki/trust" 2>"$log" &
pid=$!
i=0
until grep -qs "listening on" "$log"; do
	i=$((i + 1))
	if [ $i -ge 100 ]; then
		echo "serve: did not start" >&2
		cat "$log" >&2
		kill "$pid" 2>/dev/null || true
		exit 1
	fi
	sleep 0.1
done
url=$(sed -n 's|.*listening on \(http://[^ ]*\) .*|\1|p' "$log")
echo "listening on $url"
echo "\$ curl --data-binary @transcript.xml ${url}verify"
curl -s --data-binary @"$OUT/transcript.xml" "${url}verify" \
	>"$OUT/serve-verify.json"
sed 's/.*"result":"\([a-z]*\)".*/result: \1/' "$OUT/serve-verify.json"
echo "\$ curl --data-binary @transcript-tampered.xml ${url}verify"
curl -s --data-binary @"$OUT/transcript-tampered.xml" "${url}verify" |
	sed 's/.*"result":"\([a-z]*\)".*/result: \1/'
kill -TERM "$pid"
wait "$pid"
echo "serve: stopped; the answer in $OUT/serve-verify.json, the access" \
	"log in $log"
