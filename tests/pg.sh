#!/bin/sh
# A throwaway PostgreSQL server for the tests of the register on
# PostgreSQL (docs/register.md).
#   pg.sh start DIR   initdb into DIR (which must not exist), start the
#                     server on a free local port with its unix socket in
#                     DIR, and print the shell lines that point libpq at
#                     it (PGHOST, PGPORT, PGUSER, SETARA_PG_DIR).
#   pg.sh stop DIR    stop it (immediate shutdown) and remove DIR.
#   pg.sh createdb DIR NAME   a fresh database NAME on it.
# PostgreSQL refuses to run as root: as root, the server runs as the
# user postgres (made by the Debian package), through runuser.
# A missing server is a failure, never a skip.
set -eu
cmd=${1:-}
dir=${2:-}
[ -n "$cmd" ] && [ -n "$dir" ] || {
	echo "usage: pg.sh start|stop|createdb DIR [NAME]" >&2; exit 2; }
bindir=
for d in /usr/lib/postgresql/*/bin; do
	[ -x "$d/initdb" ] && bindir=$d
done
if [ -z "$bindir" ]; then
	echo "pg.sh: no PostgreSQL server (initdb) installed: run 'make deps'" >&2
	exit 1
fi
if [ "$(id -u)" = 0 ]; then
	as="runuser -u postgres --"
	user=postgres
else
	as=
	user=$(id -un)
fi
case $cmd in
start)
	[ ! -e "$dir" ] || { echo "pg.sh: $dir exists" >&2; exit 1; }
	mkdir -p "$dir"
	# The server trusts whoever reaches it: only its socket, in a
	# directory no other local user can enter (no TCP listener).
	chmod 700 "$dir"
	[ "$(id -u)" = 0 ] && chown postgres "$dir"
	# A free port: the kernel picks one, the server takes it at once.
	port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
	$as "$bindir/initdb" -D "$dir/data" -U "$user" --auth=trust \
		-E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 || {
		cat "$dir/initdb.log" >&2; exit 1; }
	$as "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
		-o "-k $dir -p $port -c listen_addresses='' -c fsync=${SETARA_PG_FSYNC:-off} -c max_connections=60" \
		start >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
	echo "$port" >"$dir/port"
	echo "PGHOST=$dir; PGPORT=$port; PGUSER=$user; SETARA_PG_DIR=$dir;"
	echo "export PGHOST PGPORT PGUSER SETARA_PG_DIR;"
	;;
stop)
	[ -d "$dir/data" ] && $as "$bindir/pg_ctl" -D "$dir/data" -m immediate \
		-w stop >/dev/null 2>&1 || true
	rm -rf "$dir"
	;;
createdb)
	name=${3:?name}
	port=$(cat "$dir/port")
	# SQL_ASCII: names and paths are kept as the bytes given, as sqlite
	# keeps them (a path need not be UTF-8).
	"$bindir/createdb" -h "$dir" -p "$port" -U "$user" -E SQL_ASCII \
		-T template0 "$name"
	;;
*)
	echo "usage: pg.sh start|stop|createdb DIR [NAME]" >&2; exit 2 ;;
esac
