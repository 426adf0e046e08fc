#!/usr/bin/env bash
# Coverage-guided fuzzing: cargo-fuzz (libFuzzer, AddressSanitizer, debug assertions) on the
# stable toolchain, which accepts the sanitizer flags under RUSTC_BOOTSTRAP=1.
#   scripts/fuzz.sh smoke               every target over its seeds plus 5 s of new inputs
#                                       (what `make test` runs)
#   scripts/fuzz.sh SECONDS [TARGET…]   a long run: each target (all by default) for SECONDS
# Seeds, committed: fuzz/seeds/TARGET/ (from the demo data). The working corpus grows in
# target/fuzz/corpus/TARGET/; a crash is written to target/fuzz/artifacts/TARGET/ and fails
# the run, with the command that reproduces it; so does an input that takes over 5 s (the
# readers take milliseconds: a slow input is a hang for a phone).
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$LINGGONG_ROOT"
export RUSTC_BOOTSTRAP=1

mode=${1:-smoke}
shift || true
targets=("$@")
# Every target in fuzz/ by default, so a new one is fuzzed without being listed here.
[ ${#targets[@]} -gt 0 ] || mapfile -t targets < <(RUSTC_BOOTSTRAP=1 cargo fuzz list --fuzz-dir fuzz)
if [ "$mode" = smoke ]; then seconds=5; else seconds=$mode; fi
[[ $seconds =~ ^[0-9]+$ ]] || { echo "usage: scripts/fuzz.sh smoke | SECONDS [TARGET…]" >&2; exit 2; }

build=(--fuzz-dir fuzz --target-dir target/fuzz/build --debug-assertions)
cargo fuzz build "${build[@]}"
for t in "${targets[@]}"; do
    corpus=target/fuzz/corpus/$t artifacts=target/fuzz/artifacts/$t
    mkdir -p "$corpus" "$artifacts"
    log=target/fuzz/$t-$mode.log
    echo "==> fuzz $t for ${seconds}s (log: $log)"
    if ! cargo fuzz run "${build[@]}" "$t" "$corpus" "fuzz/seeds/$t" -- \
        -max_total_time="$seconds" -timeout=5 -artifact_prefix="$artifacts/" -print_final_stats=1 >"$log" 2>&1; then
        tail -n 40 "$log"
        echo "fuzz $t found a crash: see $artifacts" >&2
        exit 1
    fi
    grep -E '^(#[0-9]+ +DONE|stat::number_of_executed_units|stat::slowest_unit_time_sec)' "$log" || tail -n 3 "$log"
done
