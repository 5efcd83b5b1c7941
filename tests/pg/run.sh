#!/bin/sh
# The register on PostgreSQL, in 'make check': start a throwaway server
# (tests/pg.sh: initdb into a temporary directory, a free local port,
# stopped at the end), then run against it, each in a fresh database of
# its own:
#   - the register's unit tests, case register-pg of check_register
#     (SETARA_TEST_PG);
#   - the register's end-to-end cases that read the register through
#     setara only (PG_CASES; the others query setara.db with sqlite3);
#   - the PostgreSQL cases of tests/pg/*/ (several processes at once,
#     SIGKILLs, operations);
# the end-to-end ones through tests/e2e/run.sh with SETARA_E2E_PG.
# A missing server fails the run: nothing is skipped.
# Usage: run.sh BINARY CHECK_REGISTER
bin=$1
unit=$2
top=$(cd "$(dirname "$0")/../.." && pwd)
PG_CASES="cred-issue-accreditation cred-issue-errors cred-issue-refuted
cred-revocation cred-roundtrip cred-status cred-status-copies
register-batch-disk-full register-honesty register-status-lists serve-api
vc-status-publish vc-status-verify"
dir=$(mktemp -u /tmp/setara-pg-XXXXXX)
trap 'sh "$top/tests/pg.sh" stop "$dir"' EXIT INT TERM
env=$(sh "$top/tests/pg.sh" start "$dir") || {
	echo "pg: cannot start a PostgreSQL server (make deps installs it)"; exit 1; }
eval "$env"
set --
for c in $PG_CASES; do set -- "$@" "$top/tests/e2e/$c"; done
echo "pg: the register on PostgreSQL $(psql -d postgres -Atc 'SHOW server_version')"
fail=0
SETARA_TEST_PG=$dir CK_RUN_CASE=register-pg sh "$top/tests/unit/run.sh" \
	"$unit" || fail=1
SETARA_E2E_PG=$dir sh "$top/tests/e2e/run.sh" "$bin" "$@" "$top"/tests/pg/*/ ||
	fail=1
exit $fail
