#!/usr/bin/env bash
# A throwaway PostgreSQL 15 server on a loopback port, for the store's tests against a real server and for the
# several-servers tests. `start` creates a cluster in a temporary folder and prints the line to export
# (TEST_DATABASE_URL); `stop` stops it. PostgreSQL refuses to run as root, so as root it runs as the postgres user.
# Needs Debian's postgresql package (its programs in /usr/lib/postgresql/15/bin).
set -euo pipefail
BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
DIR=${PG_TEST_DIR:-/tmp/ip-pools-test-postgres}
PORT=${PG_TEST_PORT:-5439}

as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "${1:-}" in
  start)
    [ -x "$BIN/initdb" ] || { echo "No PostgreSQL at $BIN: apt-get install -y postgresql" >&2; exit 1; }
    as_owner "$BIN/pg_ctl" -D "$DIR/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$DIR"
    mkdir -p "$DIR"
    [ "$(id -u)" = 0 ] && chown postgres "$DIR"
    as_owner "$BIN/initdb" -D "$DIR/data" -A trust -U postgres >/dev/null
    as_owner "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w \
      -o "-p $PORT -k $DIR -c listen_addresses=127.0.0.1 -c max_connections=200" start >/dev/null
    echo "export TEST_DATABASE_URL=postgres://postgres@127.0.0.1:$PORT/postgres"
    ;;
  stop)
    as_owner "$BIN/pg_ctl" -D "$DIR/data" -m fast stop >/dev/null 2>&1 || true
    rm -rf "$DIR"
    ;;
  *)
    echo "usage: $0 start|stop" >&2
    exit 2
    ;;
esac
