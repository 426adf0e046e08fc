#!/usr/bin/env bash
# Profiles the npm package's queries in Node with function names kept (no wasm-opt, debug
# info, wasm-bindgen --keep-debug), so the profile says which Rust functions take the time.
# Usage: scripts/profile.sh [k20|trade|r5] [points]; the .cpuprofile lands in target/profile/.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$LINGGONG_ROOT"
CARGO_PROFILE_RELEASE_DEBUG=1 CARGO_PROFILE_RELEASE_STRIP=none \
    cargo build --locked -q -p linggong --target wasm32-unknown-unknown --release
wasm-bindgen --keep-debug --target web --out-dir target/profile --out-name linggong \
    target/wasm32-unknown-unknown/release/linggong.wasm
node benches/js/profile.mjs "$LINGGONG_ROOT/target/profile" "$@"
