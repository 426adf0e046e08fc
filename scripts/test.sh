#!/usr/bin/env bash
# Every check of the project, in order: format, lints (native and wasm32), native tests,
# the fuzz targets over their seeds (a few seconds each), the API fuzzed from its OpenAPI
# document (schemathesis), wasm tests in headless Chromium,
# the release build (app, H5 page, npm package), the npm
# package's API in Node, and the end-to-end browser suite.
# Ends with one summary line, "N passed, N failed", and exits non-zero if anything failed.
set -uo pipefail
source "$(dirname "$0")/env.sh"
cd "$LINGGONG_ROOT"

# The instant every test runs at: the demo data is generated for it and the browser's clock is
# fixed to it. LINGGONG_TEST_NOW tries another (scripts/test-any-date.sh tries several).
export LINGGONG_NOW="${LINGGONG_TEST_NOW:-2026-11-23T09:00:00+08:00}"
echo "==> tests run at $LINGGONG_NOW"

logs=target/test-logs
mkdir -p "$logs"
passed=0 failed=0 failures=()

# Adds the counts a runner printed: cargo ("test result: ok. 3 passed; 1 failed") and
# node's test runner ("# pass 3", "# fail 1").
tally() {
    local log=$1 p f
    p=$(grep -aoE '[0-9]+ passed;' "$log" | awk '{s+=$1} END {print s+0}')
    f=$(grep -aoE '[0-9]+ failed;' "$log" | awk '{s+=$1} END {print s+0}')
    p=$((p + $(grep -aE '^# pass [0-9]+' "$log" | awk '{s+=$3} END {print s+0}')))
    f=$((f + $(grep -aE '^# fail [0-9]+' "$log" | awk '{s+=$3} END {print s+0}')))
    passed=$((passed + p)); failed=$((failed + f))
}

# stage NAME KIND COMMAND...: KIND "check" counts the stage itself as one test,
# "tests" counts the tests the runner reports (and one failure if it fails without any).
stage() {
    local name=$1 kind=$2; shift 2
    local log="$logs/$name.log" start=$SECONDS
    printf '==> %-14s ' "$name"
    "$@" >"$log" 2>&1
    local status=$? before=$failed
    if [ "$kind" = tests ]; then tally "$log"; fi
    if [ $status -ne 0 ]; then
        [ "$kind" = check ] || [ $failed -eq $before ] && failed=$((failed + 1))
        failures+=("$name")
        printf 'FAILED (%ss), log: %s\n' $((SECONDS - start)) "$log"
        # The failing tests by name (cargo's "test … FAILED", node's "not ok"), then the end.
        grep -aE '^test .* FAILED$|^not ok |panicked at' "$log" | head -n 20 | sed 's/^/    /'
        tail -n 40 "$log" | sed 's/^/    /'
    else
        [ "$kind" = check ] && passed=$((passed + 1))
        printf 'ok (%ss)\n' $((SECONDS - start))
    fi
}

# A throwaway PostgreSQL for the server's storage suite, stopped however the run ends.
if pg_url=$(scripts/pg.sh start 2>"$logs/pg.log"); then
    export LINGGONG_TEST_PG_URL=$pg_url
else
    echo "==> PostgreSQL did not start (the PostgreSQL tests will fail): $logs/pg.log"
fi
# The crash test restarts a cluster of its own (target/pg-crash); it is stopped here too.
trap 'scripts/pg.sh stop; LINGGONG_PG_DIR=target/pg-crash scripts/pg.sh stop' EXIT

stage fmt          check cargo fmt --all --check
stage clippy       check cargo clippy --workspace --all-targets --locked -- -D warnings
stage clippy-wasm  check cargo clippy -p linggong-web -p linggong-desk -p linggong-ui -p linggong --target wasm32-unknown-unknown --locked -- -D warnings
stage native-tests tests cargo test --workspace --locked --no-fail-fast
stage fuzz         check scripts/fuzz.sh smoke
stage wasm-tests   tests cargo test -p linggong -p linggong-web --target wasm32-unknown-unknown --locked --test web --test storage
stage api-fuzz     check scripts/schemathesis.sh
stage dist         check scripts/build-dist.sh
stage js-api       tests node --test tests/js/
stage e2e          tests node --test --test-concurrency=1 tests/e2e/

[ ${#failures[@]} -eq 0 ] || echo "failed stages: ${failures[*]}"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ ${#failures[@]} -eq 0 ]
