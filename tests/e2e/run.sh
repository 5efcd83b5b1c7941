#!/bin/sh
# End-to-end tests: each tests/e2e/<case>/ holds
#   cmd           a shell script run with sh, in a fresh empty directory,
#                 with $SETARA (the binary: use it unquoted), $TOP (the
#                 checkout), $CASE (the case folder), SETARA_DB=./setara.db
#                 SETARA_NOW fixed, and $REGQ (tests/e2e/regq.sh: the
#                 register read behind setara's back, or made anew, on
#                 either backend);
#   expected.rc   the exit status (default 0);
#   expected.out  stdout, compared exactly (optional);
#   expected.err  stderr, compared exactly (optional).
# Prints one line per case (its name as it starts, then ok or FAIL and its
# time), the diff and stderr of a failure, and "e2e: N passed, N failed"
# at the end.
# With SETARA_E2E_PG set to the directory of a server tests/pg.sh started,
# each case gets a fresh database on it for its register: SETARA_DB is its
# postgresql:// URL and SETARA_CACHE the case's setara.db (the reference
# data), so the same cases run against the register on PostgreSQL.
# Usage: run.sh BINARY [CASE...]
bin=$1; shift
top=$(cd "$(dirname "$0")/../.." && pwd)
case $bin in /*) ;; *) bin="$top/$bin" ;; esac
raw=$bin
if [ "${SETARA_VALGRIND:-}" = 1 ]; then
	bin="valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite --suppressions=$top/tests/valgrind.supp $bin"
fi
if [ $# -eq 0 ]; then
	set -- "$top"/tests/e2e/*/
fi
# Milliseconds since the epoch (GNU date), for each case's time.
now_ms() {
	date +%s%3N
}
# Every signature the cases verify is checked by libxmlsec1 too; a
# disagreement with the direct path is an internal error (exit 5).
export SETARA_VERIFY_CROSSCHECK=1
pass=0; fail=0; failed=
work=$(mktemp -d "${TMPDIR:-/tmp}/setara-e2e-XXXXXX")
[ -n "${SETARA_E2E_KEEP:-}" ] || trap 'rm -rf "$work"' EXIT
# One store loaded from the shipped data, copied into each case that
# wants it (cases that need a fresh store just remove setara.db).
echo "e2e: $# cases"
$raw --db "$work/seed.db" --data "$top" init >/dev/null 2>&1 || true
for d in "$@"; do
	d=${d%/}
	case $d in /*) ;; *) d="$PWD/$d" ;; esac
	name=$(basename "$d")
	[ -f "$d/cmd" ] || continue
	dir="$work/$name"
	mkdir -p "$dir"
	[ -f "$work/seed.db" ] && cp "$work/seed.db" "$dir/setara.db"
	want_rc=0
	[ -f "$d/expected.rc" ] && want_rc=$(cat "$d/expected.rc")
	db="$dir/setara.db"; cache=; pgdb=
	if [ -n "${SETARA_E2E_PG:-}" ]; then
		pgdb=$(echo "e2e_$name" | tr -c 'a-z0-9_\n' '_')
		sh "$top/tests/pg.sh" createdb "$SETARA_E2E_PG" "$pgdb" || exit 1
		db="postgresql:///$pgdb?host=$PGHOST&port=$PGPORT&user=$PGUSER"
		cache="$dir/setara.db"
	fi
	# The name first, so that a slow case is seen running.
	printf '  %-32s ' "$name"
	t0=$(now_ms)
	( cd "$dir" && SETARA="$bin" TOP="$top" CASE="$d" \
		SETARA_DB="$db" SETARA_CACHE="$cache" SETARA_DATA="$top" \
		SETARA_E2E_PGDB="$pgdb" REGQ="sh $top/tests/e2e/regq.sh" \
		SETARA_NOW=2026-11-23T10:00:00Z sh "$d/cmd" \
		>"$dir/.out" 2>"$dir/.err" )
	rc=$?
	ms=$(( $(now_ms) - t0 ))
	ok=1; why=
	if [ "$rc" != "$want_rc" ]; then ok=0; why="exit $rc, expected $want_rc"; fi
	if [ $ok = 1 ] && [ -f "$d/expected.out" ] &&
	    ! diff -u "$d/expected.out" "$dir/.out" >"$dir/.diff"; then
		ok=0; why="stdout differs"
	fi
	if [ $ok = 1 ] && [ -f "$d/expected.err" ] &&
	    ! diff -u "$d/expected.err" "$dir/.err" >"$dir/.diff"; then
		ok=0; why="stderr differs"
	fi
	secs=$(printf '%d.%d s' $((ms / 1000)) $((ms % 1000 / 100)))
	if [ $ok = 1 ]; then
		pass=$((pass + 1))
		printf 'ok   %8s\n' "$secs"
	else
		fail=$((fail + 1)); failed="$failed $name"
		printf 'FAIL %8s  %s\n' "$secs" "$why"
		[ -s "$dir/.diff" ] && head -40 "$dir/.diff"
		echo "--- stderr:"; head -20 "$dir/.err"
	fi
done
[ -n "$failed" ] && echo "failed:$failed"
echo "e2e: $pass passed, $fail failed"
[ $fail -eq 0 ]
