#!/bin/sh
# Screenshot each HTML page with headless Chromium and check that the
# image is not blank (tests/render/pngcheck.c: enough colours, enough
# non-background pixels).  A blank page is shot too, as a control: the
# check must call it blank.  Without chromium the test is skipped, with a
# message.  Two browsers run at a time.
#   screenshot.sh OUTDIR PAGE.html...      exit 0 all good (or skipped)
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
out=$1; shift
. "$top/tests/render/chromium.sh"
if [ -z "$browser" ]; then
	echo "screenshot: skipped: chromium is not installed (Debian package" \
		"chromium, installed by 'make deps')" >&2
	exit 0
fi
mkdir -p "$out" || exit 4
out=$(cd "$out" && pwd)
cc -O2 -o "$out/pngcheck" "$top/tests/render/pngcheck.c" -lz || exit 5
printf '<!DOCTYPE html>\n<html lang="en"><head><title>blank</title></head><body></body></html>\n' \
	> "$out/blank-control.html"

shot() { # shot PAGE PNG
	headless "$out" --hide-scrollbars --force-device-scale-factor=1 \
		--window-size=1000,1400 --screenshot="$2" \
		"file://$1" >"$2.log" 2>&1
}

fail=0; n=0; pids=
for page in "$@" "$out/blank-control.html"; do
	case $page in /*) ;; *) page=$PWD/$page ;; esac
	png=$out/$(basename "$page" .html).png
	shot "$page" "$png" &
	pids="$pids $!"
	n=$((n + 1))
	if [ $n -ge 2 ]; then wait; n=0; fi
done
wait
for page in "$@" "$out/blank-control.html"; do
	name=$(basename "$page" .html)
	png=$out/$name.png
	if [ ! -s "$png" ]; then
		echo "screenshot: $name: no image (see $png.log)"
		tail -3 "$png.log" 2>/dev/null
		fail=1
		continue
	fi
	"$out/pngcheck" "$png" >"$png.txt" 2>&1
	rc=$?
	if [ "$name" = blank-control ]; then
		if [ $rc -eq 1 ]; then echo "screenshot: blank control: judged blank"
		else echo "screenshot: blank control NOT judged blank"; fail=1; fi
	elif [ $rc -eq 0 ]; then
		echo "screenshot: $name: not blank ($(sed 's/^[^:]*: //' "$png.txt"))"
	else
		echo "screenshot: $name: BLANK or unreadable"; cat "$png.txt"
		fail=1
	fi
done
exit $fail
