#!/bin/sh
# A throwaway PostgreSQL server for the tests of the register on
# PostgreSQL (docs/register.md).
#   pg.sh start DIR   initdb into DIR (which must not exist), start the
#                     server on a free local port with its unix socket in
#                     DIR, and print the shell lines that point libpq at
#                     it (PGHOST, PGPORT, PGUSER, SETARA_PG_DIR).
#   pg.sh start-tls DIR   the same, and a listener on 127.0.0.1 that takes
#                     TLS connections only (hostssl, scram-sha-256: the
#                     user's password is 'setara-tls-test'), its
#                     certificate for localhost from a CA of its own,
#                     DIR/ca.pem (DIR/other-ca.pem: another CA), every
#                     connection logged to DIR/server.log.
#   pg.sh stop DIR    stop it (immediate shutdown) and remove DIR.
#   pg.sh createdb DIR NAME   a fresh database NAME on it.
# PostgreSQL refuses to run as root: as root, the server runs as the
# user postgres (made by the Debian package), through runuser.
# A missing server is a failure, never a skip.
set -eu
cmd=${1:-}
dir=${2:-}
[ -n "$cmd" ] && [ -n "$dir" ] || {
	echo "usage: pg.sh start|start-tls|stop|createdb DIR [NAME]" >&2
	exit 2; }
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
# The TLS side of start-tls: a CA, a server certificate for localhost and
# 127.0.0.1 signed by it, another CA, and pg_hba.conf taking TCP
# connections with TLS and a password only.
tls_setup() {
	(
	cd "$dir" &&
	for ca in ca other-ca; do
		openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 \
			-nodes -keyout "$ca.key" -out "$ca.pem" -days 2 \
			-subj "/CN=setara test $ca" 2>/dev/null || exit 1
	done &&
	openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
		-keyout server.key -out server.csr -subj /CN=localhost \
		2>/dev/null &&
	printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\n' >server.ext &&
	openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key \
		-CAcreateserial -days 2 -extfile server.ext -out server.pem \
		2>/dev/null &&
	chmod 600 server.key ca.key other-ca.key
	) || { echo "pg.sh: cannot make the TLS certificates" >&2; exit 1; }
	[ "$(id -u)" = 0 ] && chown postgres "$dir/server.key" "$dir/server.pem"
	cat >"$dir/data/pg_hba.conf" <<HBA
local all all trust
hostssl all all 127.0.0.1/32 scram-sha-256
host all all 127.0.0.1/32 reject
HBA
	[ "$(id -u)" = 0 ] && chown postgres "$dir/data/pg_hba.conf"
	return 0
}
case $cmd in
start | start-tls)
	[ ! -e "$dir" ] || { echo "pg.sh: $dir exists" >&2; exit 1; }
	mkdir -p "$dir"
	# The server trusts whoever reaches its socket, in a directory no
	# other local user can enter; TCP only with start-tls, TLS and a
	# password required there.
	chmod 700 "$dir"
	[ "$(id -u)" = 0 ] && chown postgres "$dir"
	# A free port: the kernel picks one, the server takes it at once.
	port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
	$as "$bindir/initdb" -D "$dir/data" -U "$user" --auth=trust \
		-E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 || {
		cat "$dir/initdb.log" >&2; exit 1; }
	listen="-c listen_addresses=''"
	if [ "$cmd" = start-tls ]; then
		tls_setup
		listen="-c listen_addresses=127.0.0.1 -c ssl=on -c ssl_cert_file=$dir/server.pem -c ssl_key_file=$dir/server.key -c log_connections=on -c password_encryption=scram-sha-256"
	fi
	$as "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
		-o "-k $dir -p $port $listen -c fsync=${SETARA_PG_FSYNC:-off} -c max_connections=60" \
		start >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
	if [ "$cmd" = start-tls ]; then
		"$bindir/psql" -XAtq -h "$dir" -p "$port" -U "$user" -d postgres \
			-c "ALTER ROLE \"$user\" PASSWORD 'setara-tls-test'" ||
			exit 1
	fi
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
	echo "usage: pg.sh start|start-tls|stop|createdb DIR [NAME]" >&2
	exit 2 ;;
esac
