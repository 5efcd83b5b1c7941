#!/bin/sh
# The register of an end-to-end case read behind setara's back, on
# whichever backend the run put it (tests/e2e/run.sh: a sqlite file, or a
# database of the case's own on PostgreSQL with SETARA_E2E_PG).  Cases
# call it as $REGQ.
#   regq.sh SQL       the rows of SQL, columns joined by '|' (sqlite3's
#                     and psql -A's form); SQL both dialects read
#   regq.sh --reset   a new, empty store: the sqlite file removed, or the
#                     case's database made anew and its reference cache
#                     removed (run 'setara init' next)
#   regq.sh --sqlite  exit 0 when the register is a sqlite file
set -u
db=${SETARA_DB:?SETARA_DB}
top=$(cd "$(dirname "$0")/../.." && pwd)
case $db in
postgresql://* | postgres://*) pg=1 ;;
*) pg= ;;
esac
case ${1:?usage: regq.sh SQL | --reset | --sqlite} in
--sqlite)
	[ -z "$pg" ] ;;
--reset)
	if [ -n "$pg" ]; then
		psql -XAtq -d postgres -c "DROP DATABASE \"$SETARA_E2E_PGDB\"" &&
		sh "$top/tests/pg.sh" createdb "$SETARA_E2E_PG" \
			"$SETARA_E2E_PGDB" && rm -f "$SETARA_CACHE"
	else
		rm -f "$db"
	fi ;;
*)
	if [ -n "$pg" ]; then
		psql -XAtq -v ON_ERROR_STOP=1 -d "$db" -c "$1"
	else
		sqlite3 "$db" "$1"
	fi ;;
esac
