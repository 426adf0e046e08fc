#!/usr/bin/env bash
# The market server's benchmarks (run by scripts/bench.sh), on SQLite (a file under
# target/bench) and on PostgreSQL (a fresh database on the throwaway cluster of scripts/pg.sh,
# started here when it is not running, and then stopped at the end), side by side. Against a
# release linggong-server on loopback, with LINGGONG_NOW fixed:
#   feed     wrk -t2 -c64 on GET /api/v1/feed?limit=100, from the start and from a cursor
#            half-way along, on a server seeded by --demo (its seeding is timed too: the
#            store-level ingest, one writer)
#   ingest   demo postings POSTed over HTTP by concurrent clients signed in as the demo
#            employer: parse → the audit → insert in the state it gives (published, queued,
#            or refused with 422), all moved into one tile (t61_149, Nanjing)
#   tile     the next answer for that tile (~20k postings) after one change: a posting
#            published into it, then withdrawn (median of the changes)
#   apply    applications (报名) POSTed to the published postings (the feed replayed) by
#            concurrent clients with no session, as seekers' outboxes send them: a fresh UUID v4
#            id each, one phone number per application; each one kept (201) appends its ledger
#            event in the same transaction; anything else counts as failed
#   memory   more postings POSTed until 100k are published; a fresh server process serves the
#            manifest and every file once; its VmRSS and peak (VmHWM) from /proc
#   stream   a fresh server process (--max-streams above the count) on those 100k: 1,000 live
#            feed streams (Server-Sent Events) opened from the manifest's cursor, then 100 clean
#            postings published one at a time (100 ms apart) as the demo employer; for every
#            (posting, subscriber) pair the time from the 201 to the event's arrival, and any
#            missed or received twice; the server's VmRSS before and with the streams open
#   ledger   a second, fresh database whose ledger is written directly (ledger_fill: the server's
#            migrations, entry text and digests, a signed head at half and at the end, the demo
#            staff account): a million events through the API would take a quarter of an hour.
#            `linggong-server ledger verify` on it, timed as a whole process (median of the
#            runs; its peak memory by /usr/bin/time); then a server on it: the first inclusion
#            proof after start (the tree caught up from storage), then proofs of random
#            events and consistency proofs from random sizes, one after another, as the demo
#            staff
# Results: target/bench/server.{json,md} (the table is printed); the raw figures per database
# in target/bench/server-DB.kv, server logs and wrk outputs beside them.
#
# Sizes (LINGGONG_BENCH_SERVER_SCALE, default 1, multiplies the posting counts):
#   LINGGONG_BENCH_SERVER_FEED_POSTINGS (20000), LINGGONG_BENCH_SERVER_INGEST (22000: about
#   92% are published, so the tile holds ~20k), LINGGONG_BENCH_SERVER_MEMORY (100000),
#   LINGGONG_BENCH_SERVER_WRK_SECS (10), LINGGONG_BENCH_SERVER_CLIENTS (8),
#   LINGGONG_BENCH_SERVER_REPEATS (10), LINGGONG_BENCH_SERVER_APPLY (20000 applications),
#   LINGGONG_BENCH_SERVER_LEDGER (1000000 events), LINGGONG_BENCH_SERVER_VERIFY_REPEATS (3
#   `ledger verify` runs), LINGGONG_BENCH_SERVER_PROOFS (1000 of each proof),
#   LINGGONG_BENCH_SERVER_STREAMS (1000 subscribers), LINGGONG_BENCH_SERVER_STREAM_POSTINGS
#   (100), LINGGONG_BENCH_SERVER_DBS ("sqlite postgres"). The ledger adds about a minute a database at
#   scale 1, the applications some 20 s.
# LINGGONG_BENCH_SERVER_PERF=1 also records the server with perf during the feed, ingest, tile,
# apply and stream runs (target/bench/perf-DB-*.txt: the functions with the most samples).
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$LINGGONG_ROOT"
export PATH="$PATH:/usr/sbin:/sbin"

say() { printf 'bench-server: %s\n' "$*" >&2; }
die() {
    say "$*"
    exit 1
}

command -v wrk >/dev/null || die "wrk is missing (scripts/setup.sh installs it)"

scale=${LINGGONG_BENCH_SERVER_SCALE:-1}
scaled() { awk -v n="$1" -v s="$scale" 'BEGIN { v = int(n * s + 0.5); print (v < 1 ? 1 : v) }'; }
feed_postings=${LINGGONG_BENCH_SERVER_FEED_POSTINGS:-$(scaled 20000)}
ingest=${LINGGONG_BENCH_SERVER_INGEST:-$(scaled 22000)}
memory=${LINGGONG_BENCH_SERVER_MEMORY:-$(scaled 100000)}
wrk_secs=${LINGGONG_BENCH_SERVER_WRK_SECS:-10}
clients=${LINGGONG_BENCH_SERVER_CLIENTS:-8}
repeats=${LINGGONG_BENCH_SERVER_REPEATS:-10}
apply=${LINGGONG_BENCH_SERVER_APPLY:-$(scaled 20000)}
ledger_events=${LINGGONG_BENCH_SERVER_LEDGER:-$(scaled 1000000)}
verify_repeats=${LINGGONG_BENCH_SERVER_VERIFY_REPEATS:-3}
proofs=${LINGGONG_BENCH_SERVER_PROOFS:-1000}
streams=${LINGGONG_BENCH_SERVER_STREAMS:-1000}
stream_postings=${LINGGONG_BENCH_SERVER_STREAM_POSTINGS:-100}
dbs=${LINGGONG_BENCH_SERVER_DBS:-sqlite postgres}
perf_on=${LINGGONG_BENCH_SERVER_PERF:-0}
now=${LINGGONG_NOW:-2026-11-23T09:00:00+08:00}
tile=t61_149
# Bounds: a server must be up within this many seconds (seeding included), and no client run
# may take longer than this.
start_timeout=900
run_timeout=1200

# The stream run holds a socket per subscriber in the client and in the server.
fds=$((streams + 1024))
if [ "$(ulimit -n)" != unlimited ] && [ "$(ulimit -n)" -lt "$fds" ]; then
    ulimit -n "$fds" 2>/dev/null || die "cannot raise the open-files limit to $fds (ulimit -Hn: $(ulimit -Hn))"
fi

out=target/bench
mkdir -p "$out"
say "building linggong-server and the benchmark clients (release)"
cargo build --release --locked -p linggong-server -p linggong-benches \
    --bin linggong-server --bin server_load --bin ledger_fill
server=target/release/linggong-server
client=target/release/server_load
filler=target/release/ledger_fill

server_pid=""
server_url=""
pg_started=""
pg_db=""
pg_ledger_db=""
pg_admin=""
psql_bin=""

# Starts the server on a database, waits for the address it prints (after any seeding).
start_server() { # LOG DB-URL [ARGS...]
    local log=$1 db=$2
    shift 2
    : >"$log.out"
    LINGGONG_RATE_LIMIT=off LINGGONG_NOW=$now "$server" --db "$db" --listen 127.0.0.1:0 "$@" >"$log.out" 2>>"$log" &
    server_pid=$!
    server_url=""
    local deadline=$((SECONDS + start_timeout))
    until server_url=$(grep -o -m 1 'http://127\.0\.0\.1:[0-9]*' "$log.out"); do
        kill -0 "$server_pid" 2>/dev/null || { cat "$log" >&2; die "linggong-server exited"; }
        [ "$SECONDS" -lt "$deadline" ] || die "linggong-server did not start within ${start_timeout}s"
        sleep 0.1
    done
}

stop_server() {
    [ -n "$server_pid" ] || return 0
    kill -INT "$server_pid" 2>/dev/null || true
    for _ in $(seq 100); do
        kill -0 "$server_pid" 2>/dev/null || break
        sleep 0.1
    done
    kill -KILL "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
    server_pid=""
}

cleanup() {
    if [ -n "$perf_pid" ]; then kill -INT "$perf_pid" 2>/dev/null || true; fi
    stop_server
    if [ -n "$psql_bin" ]; then
        for d in $pg_db $pg_ledger_db; do
            "$psql_bin" -X -q "$pg_admin" -c "DROP DATABASE IF EXISTS $d WITH (FORCE)" >/dev/null 2>&1 || true
        done
    fi
    if [ -n "$pg_started" ]; then scripts/pg.sh stop || true; fi
}
trap cleanup EXIT

status_kb() { awk -v k="$2:" '$1 == k { print $2 }' "/proc/$1/status"; }

# Names of other build processes running now (the figures are then taken under load).
other_builds() {
    ps -eo comm= | grep -E '^(cargo|rustc|trunk|wasm-opt|wasm-bindgen|node|chromium|cc1|ld|cc|c\+\+)$' |
        sort | uniq -c | awk '{ printf "%s%s×%s", (NR > 1 ? " " : ""), $2, $1 }' || true
}

loadavg() { cut -d' ' -f1-3 /proc/loadavg; }

# perf (when asked for and present) on the server from perf_start to perf_finish.
perf_pid=""
perf_start() { # NAME
    perf_pid=""
    [ "$perf_on" = 1 ] && command -v perf >/dev/null || return 0
    perf record -F 499 -p "$server_pid" -o "$out/perf-$1.data" >/dev/null 2>&1 &
    perf_pid=$!
    sleep 0.5
}
perf_finish() { # NAME
    [ -n "$perf_pid" ] || return 0
    kill -INT "$perf_pid" 2>/dev/null || true
    wait "$perf_pid" || true
    perf_pid=""
    perf report -i "$out/perf-$1.data" --stdio --no-children --sort comm,dso,symbol --percent-limit 0.7 \
        2>/dev/null | grep -v '^$' | sed -E 's/[[:space:]]+-[[:space:]]+-[[:space:]]*$//; s/[[:space:]]+$//' |
        head -n 70 >"$out/perf-$1.txt" || true
    say "profile: $out/perf-$1.txt"
}

# Where the machine's CPU went during a run: clock ticks used by the server, by PostgreSQL's
# processes (per process, so one that starts or ends meanwhile counts right), and idle, with
# the wall time (cpu_mark before, cpu_split after).
hz=$(getconf CLK_TCK)
cpu_mark() {
    local server idle db
    server=$(awk '{ print $14 + $15 }' "/proc/$server_pid/stat")
    idle=$(awk '$1 == "cpu" { print $5 + $6 }' /proc/stat)
    db=$({ pgrep -u postgres -x postgres 2>/dev/null || true; } | while read -r p; do
        awk -v p="$p" '{ printf "%s:%d,", p, $14 + $15 }' "/proc/$p/stat" 2>/dev/null || true
    done)
    echo "$EPOCHREALTIME $server $idle ${db:-none}"
}
cpu_split() { # KV NAME MARK: shares of all cores' time, in per cent
    awk -v n="$2" -v hz="$hz" -v cores="$(nproc)" -v a="$3" -v b="$(cpu_mark)" '
        function ticks(list, into,    parts, k, pair) {
            split(list, parts, ",")
            for (k in parts) if (split(parts[k], pair, ":") == 2) into[pair[1]] = pair[2]
        }
        BEGIN {
            split(a, A, " "); split(b, B, " ")
            ticks(A[4], before); ticks(B[4], after)
            db = 0
            for (p in after) db += after[p] - ((p in before) ? before[p] : 0)
            all = (B[1] - A[1]) * hz * cores / 100
            server = (B[2] - A[2]) / all; idle = (B[3] - A[3]) / all; db = db / all
            rest = 100 - server - db - idle
            printf "%s_cpu_server_pct=%.0f\n%s_cpu_db_pct=%.0f\n%s_cpu_idle_pct=%.0f\n%s_cpu_rest_pct=%.0f\n",
                n, server, n, db, n, idle, n, (rest < 0 ? 0 : rest)
        }' >>"$1"
}

# wrk on one URL: requests/s and p99 into the database's figures.
feed_wrk() { # KV NAME URL
    local kv=$1 name=$2 url=$3 file="$out/server-$db-wrk-$2.txt"
    perf_start "$db-feed-$name"
    local mark
    mark=$(cpu_mark)
    timeout $((wrk_secs + 60)) wrk -t2 -c64 -d"${wrk_secs}s" --timeout 10s --latency "$url" >"$file"
    cpu_split "$kv" "feed_$name" "$mark"
    perf_finish "$db-feed-$name"
    if grep -q 'Non-2xx' "$file"; then
        cat "$file" >&2
        die "the feed answered with errors"
    fi
    awk -v n="$name" '
        function ms(v) {
            if (v ~ /us$/) { sub(/us$/, "", v); return v / 1000 }
            if (v ~ /ms$/) { sub(/ms$/, "", v); return v + 0 }
            if (v ~ /s$/) { sub(/s$/, "", v); return v * 1000 }
            return v
        }
        /^Requests\/sec:/ { printf "feed_%s_rps=%s\n", n, $2 }
        $1 == "50%" { printf "feed_%s_p50_ms=%.2f\n", n, ms($2) }
        $1 == "99%" { printf "feed_%s_p99_ms=%.2f\n", n, ms($2) }' "$file" >>"$kv"
}

# `ledger verify` on the ledger database, as a whole process, `verify_repeats` times: the
# median and slowest wall time, and its peak memory.
verify_runs() { # KV LOG DB-URL
    local kv=$1 log=$2 url=$3 run t0 secs=() timing=(timeout "$run_timeout")
    [ -x /usr/bin/time ] && timing+=(/usr/bin/time -f '%M' -o "$out/server-$db-verify.rss")
    for run in $(seq "$verify_repeats"); do
        t0=$EPOCHREALTIME
        "${timing[@]}" "$server" ledger verify --db "$url" >"$out/server-$db-verify.txt" 2>>"$log" ||
            die "ledger verify failed (run $run): $(tail -n 3 "$log")"
        secs+=("$(awk -v a="$t0" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.2f", b - a }')")
    done
    grep -q "^ledger intact: $ledger_events events" "$out/server-$db-verify.txt" ||
        die "ledger verify: $(cat "$out/server-$db-verify.txt")"
    printf '%s\n' "${secs[@]}" | sort -n | awk '{ v[NR] = $1 }
        END { printf "ledger_verify_runs=%d\nledger_verify_secs=%s\nledger_verify_max_secs=%s\n", NR, v[int((NR + 1) / 2)], v[NR] }' >>"$kv"
    if [ -s "$out/server-$db-verify.rss" ]; then
        echo "ledger_verify_hwm_kb=$(tail -n 1 "$out/server-$db-verify.rss")" >>"$kv"
    fi
}

# The ledger on a fresh database of its own: filled, verified, then proofs from a server on it.
run_ledger() { # KV LOG DB-URL
    local kv=$1 log=$2 url=$3
    say "$db: a ledger of $ledger_events events written directly (ledger_fill)"
    timeout "$run_timeout" "$filler" --db "$url" --now "$now" --events "$ledger_events" >>"$kv"
    say "$db: ledger verify over $ledger_events events, $verify_repeats runs"
    verify_runs "$kv" "$log" "$url"
    say "$db: the first inclusion proof after start, then $proofs inclusion and consistency proofs"
    local started=$EPOCHREALTIME
    start_server "$log" "$url"
    timeout "$run_timeout" "$client" proof --url "$server_url" --repeats "$proofs" --started "$started" >>"$kv"
    echo "proof_server_hwm_kb=$(status_kb "$server_pid" VmHWM)" >>"$kv"
    stop_server
}

# The live feed under `streams` subscribers, on a fresh server process over the market as the
# memory run left it. The snapshot is made before the measured part (the first /data request
# makes it whole), so neither the CPU split nor the profile holds it.
run_stream() { # KV LOG DB-URL
    local kv=$1 log=$2 url=$3 mark
    say "$db: $streams live feed streams, $stream_postings postings published one at a time"
    start_server "$log" "$url" --max-streams $((streams + 100))
    curl -sf -o /dev/null "$server_url/data/manifest.json" || die "no manifest from $server_url"
    perf_start "$db-stream"
    mark=$(cpu_mark)
    timeout "$run_timeout" "$client" stream --url "$server_url" --now "$now" --subscribers "$streams" \
        --postings "$stream_postings" --pid "$server_pid" >>"$kv"
    cpu_split "$kv" stream "$mark"
    perf_finish "$db-stream"
    stop_server
}

run_db() { # NAME DB-URL LEDGER-DB-URL
    db=$1
    local url=$2 ledger_url=$3 kv="$out/server-$1.kv" log="$out/server-$1.log"
    : >"$kv"
    : >"$log"
    {
        echo "scale=$scale"
        echo "cores=$(nproc)"
        echo "load_start=$(loadavg)"
        echo "other_builds_start=$(other_builds)"
    } >>"$kv"

    say "$db: seeding $feed_postings demo postings (--demo) and starting the server"
    local t0=$EPOCHREALTIME
    start_server "$log" "$url" --demo --demo-postings "$feed_postings"
    local t1=$EPOCHREALTIME
    # "demo data: P published, Q waiting for review, R refused by the audit"
    local seeded
    seeded=$(grep -o 'demo data: [0-9]* published, [0-9]* waiting for review, [0-9]* refused' "$log" |
        awk '{ print $3 + $5 + $9 }')
    awk -v n="$seeded" -v a="$t0" -v b="$t1" \
        'BEGIN { printf "seed_postings=%d\nseed_secs=%.2f\nseed_per_s=%.0f\n", n, b - a, n / (b - a) }' >>"$kv"

    say "$db: feed reads, wrk -t2 -c64 -d${wrk_secs}s, at $server_url"
    timeout "$run_timeout" "$client" feed-mid --url "$server_url" >>"$kv"
    local mid
    mid=$(awk -F= '$1 == "feed_mid" { print $2 }' "$kv")
    feed_wrk "$kv" start "$server_url/api/v1/feed?after=0&limit=100"
    feed_wrk "$kv" mid "$server_url/api/v1/feed?after=$mid&limit=100"

    say "$db: ingest of $ingest demo postings over HTTP, $clients clients, into tile $tile"
    perf_start "$db-ingest"
    local mark
    mark=$(cpu_mark)
    timeout "$run_timeout" "$client" ingest --url "$server_url" --now "$now" --count "$ingest" \
        --clients "$clients" --seed 2 --prefix bench-tile --tile "$tile" >>"$kv"
    cpu_split "$kv" ingest "$mark"
    perf_finish "$db-ingest"

    say "$db: tile $tile remade after one change, $repeats publications and withdrawals"
    perf_start "$db-tile"
    timeout "$run_timeout" "$client" tile --url "$server_url" --now "$now" --tile "$tile" \
        --repeats "$repeats" >>"$kv"
    perf_finish "$db-tile"

    say "$db: $apply applications over HTTP, $clients clients"
    perf_start "$db-apply"
    mark=$(cpu_mark)
    timeout "$run_timeout" "$client" apply --url "$server_url" --now "$now" --count "$apply" \
        --clients "$clients" >>"$kv"
    cpu_split "$kv" apply "$mark"
    perf_finish "$db-apply"

    say "$db: posting until $memory are published"
    timeout "$run_timeout" "$client" ingest --url "$server_url" --now "$now" --count $((memory * 13 / 10)) \
        --clients "$clients" --seed 3 --prefix bench-fill --until-published "$memory" --key fill >>"$kv"
    stop_server

    say "$db: memory of a fresh server process after the manifest and every tile"
    start_server "$log" "$url"
    sleep 1
    echo "mem_idle_rss_kb=$(status_kb "$server_pid" VmRSS)" >>"$kv"
    timeout "$run_timeout" "$client" walk --url "$server_url" >>"$kv"
    sleep 1
    {
        echo "mem_rss_kb=$(status_kb "$server_pid" VmRSS)"
        echo "mem_hwm_kb=$(status_kb "$server_pid" VmHWM)"
    } >>"$kv"
    stop_server

    run_stream "$kv" "$log" "$url"
    run_ledger "$kv" "$log" "$ledger_url"
    {
        echo "load_end=$(loadavg)"
        echo "other_builds_end=$(other_builds)"
    } >>"$kv"
    local busy
    busy=$(awk -F= '$1 ~ /^other_builds_/ && $2 != "" { print $2 }' "$kv" | paste -sd ';' -)
    echo "other_builds=$busy" >>"$kv"
}

ran=()
for db in $dbs; do
    case "$db" in
    sqlite)
        rm -f "$out"/server-sqlite.db* "$out"/server-sqlite-ledger.db*
        run_db sqlite "sqlite://$out/server-sqlite.db" "sqlite://$out/server-sqlite-ledger.db"
        echo "note=one file in WAL mode, synchronous=FULL (SQLite's default): every commit waits for the disk" \
            >>"$out/server-sqlite.kv"
        rm -f "$out"/server-sqlite.db* "$out"/server-sqlite-ledger.db*
        ;;
    postgres)
        psql_bin=$(ls -d /usr/lib/postgresql/*/bin/psql 2>/dev/null | sort -V | tail -n 1)
        [ -n "$psql_bin" ] || die "PostgreSQL is not installed (scripts/setup.sh installs it)"
        pg_admin=$(scripts/pg.sh url)
        if ! "$psql_bin" -X -q "$pg_admin" -c 'SELECT 1' >/dev/null 2>&1; then
            scripts/pg.sh start >/dev/null
            pg_started=1
        fi
        pg_db="linggong_bench_$$"
        pg_ledger_db="linggong_bench_ledger_$$"
        for d in $pg_db $pg_ledger_db; do
            "$psql_bin" -X -q -v ON_ERROR_STOP=1 "$pg_admin" -c "CREATE DATABASE $d" >/dev/null
        done
        run_db postgres "$(printf '%s' "$pg_admin" | sed "s|/postgres?|/$pg_db?|")" \
            "$(printf '%s' "$pg_admin" | sed "s|/postgres?|/$pg_ledger_db?|")"
        echo "note=PostgreSQL 15 on a Unix socket, the throwaway cluster of scripts/pg.sh (fsync=off, synchronous_commit=off: no commit waits for the disk)" \
            >>"$out/server-postgres.kv"
        for d in $pg_db $pg_ledger_db; do
            "$psql_bin" -X -q "$pg_admin" -c "DROP DATABASE IF EXISTS $d WITH (FORCE)" >/dev/null
        done
        pg_db=""
        pg_ledger_db=""
        ;;
    *) die "unknown database \`$db\` (sqlite, postgres)" ;;
    esac
    ran+=("$db")
done

"$client" report --dir "$out" --dbs "$(
    IFS=,
    echo "${ran[*]}"
)"
