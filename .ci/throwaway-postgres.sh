# Sourced by .ci/run: starts a throw-away PostgreSQL cluster in a temporary directory on a free
# port, exports TEST_DATABASE_URL for the server suites, and stops and deletes it on exit.

if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
	echo "Installing Debian's postgresql for the server tests"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update
	apt-get install -y postgresql
fi

PG_BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
PG_TMP=$(mktemp -d)
PG_PORT=$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")

# initdb refuses to run as root; the postgresql package creates the postgres user for this.
as_postgres() {
	if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
[ "$(id -u)" = 0 ] && chown postgres "$PG_TMP"

stop_throwaway_postgres() {
	as_postgres "$PG_BIN/pg_ctl" -D "$PG_TMP/data" -m immediate stop >/dev/null 2>&1 || true
	rm -rf "$PG_TMP"
}
trap stop_throwaway_postgres EXIT

as_postgres "$PG_BIN/initdb" -D "$PG_TMP/data" -A trust -U roster >/dev/null
as_postgres "$PG_BIN/pg_ctl" -D "$PG_TMP/data" -l "$PG_TMP/log" -w \
	-o "-p $PG_PORT -k $PG_TMP -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null
export TEST_DATABASE_URL="postgres://roster@127.0.0.1:$PG_PORT/postgres"
echo "Throw-away PostgreSQL on port $PG_PORT for the server tests"
