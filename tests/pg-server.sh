#!/usr/bin/env bash
# A throw-away PostgreSQL server for the tests: initdb into a temporary directory, a
# loopback port, trust authentication.
#   tests/pg-server.sh start [PORT]   prints the URL to use as RELATA_TEST_PG
#   tests/pg-server.sh stop           stops it and removes its directory
#   tests/pg-server.sh url            prints the URL of the running server
# initdb and postgres refuse to run as root, so as root they run as the `postgres` OS
# user (created by Debian's postgresql package). State lives in $PG_TEST_STATE
# (default /tmp/relata-pg-test): the data directory, the port, the server log.
set -euo pipefail
state=${PG_TEST_STATE:-/tmp/relata-pg-test}
bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -n "$bindir" ] || bindir=$(dirname "$(command -v initdb 2>/dev/null || echo /usr/bin/initdb)")

as_owner() {
    if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

url() { echo "postgres://postgres@127.0.0.1:$(cat "$state/port")/postgres"; }

case "${1:-}" in
start)
    if [ -f "$state/port" ] && as_owner "$bindir/pg_ctl" -D "$state/data" status >/dev/null 2>&1; then
        url
        exit 0
    fi
    rm -rf "$state"
    mkdir -p "$state"
    port=${2:-$(( 20000 + $$ % 20000 ))}
    [ "$(id -u)" -eq 0 ] && chown postgres "$state"
    as_owner "$bindir/initdb" -D "$state/data" -U postgres --auth=trust --no-locale \
        -E UTF8 >"$state/initdb.log" 2>&1 || { cat "$state/initdb.log" >&2; exit 1; }
    echo "$port" >"$state/port"
    as_owner "$bindir/pg_ctl" -D "$state/data" -l "$state/server.log" -w -t 30 \
        -o "-p $port -c listen_addresses=127.0.0.1 -k $state -c max_connections=200 -c fsync=off" \
        start >/dev/null || { cat "$state/server.log" >&2; exit 1; }
    url
    ;;
stop)
    if [ -d "$state/data" ]; then
        as_owner "$bindir/pg_ctl" -D "$state/data" -m fast -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$state"
    ;;
url)
    url
    ;;
*)
    echo "usage: $0 start [PORT] | stop | url" >&2
    exit 2
    ;;
esac
