#!/bin/sh
# The register on PostgreSQL, in 'make check': start a throwaway server
# (tests/pg.sh: initdb into a temporary directory, a free local port,
# stopped at the end), then run against it, each in a fresh database of
# its own:
#   - the unit suites of the store, the register and issuing, with
#     SETARA_TEST_PG set, which opens each test's store on this server
#     (tests/unit/check_common.h, test_store_open()): the store's loading
#     (check_load, the reference data in the sqlite cache beside the
#     register), the register (case register-pg of check_register), and
#     issuing, batches and status lists (cases issue, batch and status of
#     check_cred);
#   - every end-to-end case of tests/e2e/ (those about reference data
#     alone read it from the cache as they read setara.db; those that
#     read the register behind setara's back do it through $REGQ,
#     tests/e2e/regq.sh);
#   - the PostgreSQL cases of tests/pg/*/ (several processes at once,
#     SIGKILLs, operations);
# the end-to-end ones through tests/e2e/run.sh with SETARA_E2E_PG.
# A missing server fails the run: nothing is skipped.
# Usage: run.sh BINARY UNIT_DIR (the directory of the check_* binaries)
bin=$1
unit=$2
top=$(cd "$(dirname "$0")/../.." && pwd)
dir=$(mktemp -u /tmp/setara-pg-XXXXXX)
trap 'sh "$top/tests/pg.sh" stop "$dir"' EXIT INT TERM
env=$(sh "$top/tests/pg.sh" start "$dir") || {
	echo "pg: cannot start a PostgreSQL server (make deps installs it)"; exit 1; }
eval "$env"
echo "pg: the register on PostgreSQL $(psql -d postgres -Atc 'SHOW server_version')"
fail=0
export SETARA_TEST_PG="$dir"
CK_RUN_CASE=register-pg sh "$top/tests/unit/run.sh" "$unit/check_register" ||
	fail=1
sh "$top/tests/unit/run.sh" "$unit/check_load" || fail=1
for c in issue batch status; do
	CK_RUN_CASE=$c sh "$top/tests/unit/run.sh" "$unit/check_cred" || fail=1
done
unset SETARA_TEST_PG
SETARA_E2E_PG=$dir sh "$top/tests/e2e/run.sh" "$bin" "$top"/tests/e2e/*/ \
	"$top"/tests/pg/*/ ||
	fail=1
exit $fail
