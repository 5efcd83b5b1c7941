#!/bin/sh
# Run the Check unit-test binaries given as arguments; sum up at the end.
# SETARA_VALGRIND=1 runs each under valgrind (with CK_FORK=no).
top=$(cd "$(dirname "$0")/../.." && pwd)
export SETARA_TOP="$top"
# The tests' verifiers set the crosscheck option (every signature checked
# by libxmlsec1 too); the setara commands a test runs read it from here.
export SETARA_VERIFY_CROSSCHECK=1
cd "$top" || exit 1
fail=0; nbin=0; total=0; bad=0
for t in "$@"; do
	nbin=$((nbin + 1))
	if [ "${SETARA_VALGRIND:-}" = 1 ]; then
		out=$(CK_FORK=no valgrind -q --error-exitcode=99 \
			--leak-check=full --errors-for-leak-kinds=definite \
			--suppressions="$top/tests/valgrind.supp" "$t" 2>&1)
	else
		out=$("$t" 2>&1)
	fi
	rc=$?
	printf '%s\n' "$out" | grep -v '^Running suite' | sed "s|^|$(basename "$t"): |"
	n=$(printf '%s\n' "$out" | sed -n 's/.*Checks: \([0-9]*\), Failures: \([0-9]*\), Errors: \([0-9]*\).*/\1 \2 \3/p' | tail -1)
	if [ -n "$n" ]; then
		c=$(echo "$n" | cut -d' ' -f1); f=$(echo "$n" | cut -d' ' -f2); e=$(echo "$n" | cut -d' ' -f3)
		total=$((total + c)); bad=$((bad + f + e))
	fi
	[ $rc -ne 0 ] && fail=1
done
echo "unit ($nbin suites): $((total - bad)) passed, $bad failed"
exit $fail
