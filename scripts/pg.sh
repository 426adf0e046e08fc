#!/usr/bin/env bash
# A throwaway PostgreSQL for the tests: a cluster made by initdb under target/pg, listening
# only on a Unix socket there, run as the `postgres` user when we are root (PostgreSQL
# refuses to run as root). Debian's `postgresql` package (scripts/setup.sh installs it).
#   scripts/pg.sh start   starts it (idempotent) and prints its URL
#   scripts/pg.sh url     prints the URL
#   scripts/pg.sh stop    stops it (idempotent)
#   scripts/pg.sh restart stops it at once, as a crash does (`-m immediate`), and starts it
# LINGGONG_PG_DIR (default target/pg) runs another cluster beside it, e.g. for the crash test,
# which restarts its own. LINGGONG_PG_DURABLE=1 keeps synchronous commits: the default
# cluster trades them for speed (fine for tests that never crash PostgreSQL), but a cluster
# that is restarted under load must not lose a commit it acknowledged.
set -euo pipefail
cd "$(dirname "$0")/.."
# runuser lives in /usr/sbin, which a non-login or minimal environment may leave off PATH.
export PATH="$PATH:/usr/sbin:/sbin"
dir=$PWD/${LINGGONG_PG_DIR:-target/pg}
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -n "$bin" ] || { echo "pg.sh: PostgreSQL is not installed (scripts/setup.sh installs it)" >&2; exit 1; }

as_pg() {
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

url() { echo "postgres://postgres@localhost/postgres?host=$dir/socket"; }

running() { [ -f "$dir/data/postmaster.pid" ] && as_pg "$bin/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; }

# Throwaway data: no fsync (the machine does not crash under a test), and unless durable no
# synchronous commit either. Enough connections for concurrent test binaries.
start_cluster() {
    local commit=off
    [ "${LINGGONG_PG_DURABLE:-0}" = 1 ] && commit=on
    as_pg "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
        -o "-c listen_addresses='' -k $dir/socket -c fsync=off -c synchronous_commit=$commit -c full_page_writes=off -c max_connections=200" \
        start >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
}

case "${1:-}" in
start)
    if ! running; then
        rm -rf "$dir"
        mkdir -p "$dir/socket"
        [ "$(id -u)" = 0 ] && chown -R postgres: "$dir"
        as_pg "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-sync >"$dir/initdb.log" 2>&1 ||
            { cat "$dir/initdb.log" >&2; exit 1; }
        start_cluster
    fi
    url
    ;;
restart)
    running && as_pg "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null
    start_cluster
    ;;
url) url ;;
stop)
    if running; then as_pg "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null; fi
    ;;
*)
    echo "usage: scripts/pg.sh start|url|stop|restart" >&2
    exit 2
    ;;
esac
