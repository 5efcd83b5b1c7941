# Headless Chromium for the render tests (sourced by screenshot.sh and
# dom.sh): $browser, empty without one, and
#   headless PROFILE_PARENT ARGS...  run it once with a fresh profile and
#   the flags that keep it off the network and out of the way.
browser=
for b in chromium chromium-browser; do
	command -v "$b" >/dev/null 2>&1 && { browser=$b; break; }
done

headless() {
	_profile=$(mktemp -d "$1/profile-XXXXXX")
	shift
	timeout 90 "$browser" --headless --no-sandbox --disable-gpu \
		--disable-quic --no-first-run --disable-background-networking \
		--disable-component-update --disable-sync \
		--disable-dev-shm-usage --user-data-dir="$_profile" "$@"
	_rc=$?
	rm -rf "$_profile"
	return $_rc
}
