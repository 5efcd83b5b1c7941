#!/bin/sh
# Print the DOM that headless Chromium builds from each HTML page, as
# OUTDIR/NAME.dom (what a reader's browser shows, after parsing), two
# browsers at a time.  Without chromium: a message, exit 0, no files.
#   dom.sh OUTDIR PAGE.html...
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
out=$1; shift
. "$top/tests/render/chromium.sh"
if [ -z "$browser" ]; then
	echo "dom: skipped: chromium is not installed (make deps)" >&2
	exit 0
fi
mkdir -p "$out" || exit 4
out=$(cd "$out" && pwd)
dump() { # dump PAGE DOM
	headless "$out" --dump-dom "file://$1" >"$2" 2>"$2.log"
}
n=0
for page in "$@"; do
	case $page in /*) ;; *) page=$PWD/$page ;; esac
	dump "$page" "$out/$(basename "$page" .html).dom" &
	n=$((n + 1))
	if [ $n -ge 2 ]; then wait; n=0; fi
done
wait
