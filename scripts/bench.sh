#!/usr/bin/env bash
# All benchmarks: the criterion benches of the engine, then the npm package in Node, then
# the market server on SQLite and PostgreSQL (scripts/bench-server.sh), then the crash tests at
# full size.
# LINGGONG_BENCH_SIZES=10000,100000 limits the geo sizes (default 10k, 100k, 1M);
# LINGGONG_BENCH_SERVER_SCALE=0.1 shrinks the server's (default 1: see bench-server.sh).
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$LINGGONG_ROOT"
cargo bench --locked -p linggong-benches
cargo build --release --locked -p linggong-cli
scripts/build-pkg.sh > /dev/null
node benches/js/package.mjs
cargo build --release --locked -p linggong-benches --bin side_by_side_native
node benches/js/side-by-side/run.mjs
# The browser benches run the release server on dist/ (startServer({release: true})).
cargo build --release --locked -p linggong-server
node benches/js/app-budget.mjs
node benches/js/live-update.mjs
scripts/bench-server.sh
# The crash tests at ten times their `make test` size (6,000 applications and 600 postings a
# crash): kill -9 of the server, and PostgreSQL restarted under load. They count as they check.
LINGGONG_CRASH_SCALE=10 cargo test --release --locked -p linggong-server --test server -- \
    crash --nocapture 2>&1 | grep -E '^crash:|test result'
