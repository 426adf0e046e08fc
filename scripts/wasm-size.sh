#!/usr/bin/env bash
# What the app's wasm is made of: builds it as Trunk does (profile release-web, wasm-bindgen,
# wasm-opt -Oz) but keeps the function names, then prints the shipped size (gzip -9, names
# stripped, measured as the budget is: scripts/app-size.mjs) and twiggy's biggest items. `scripts/wasm-size.sh 60` lists 60 items.
# Needs twiggy (`cargo install twiggy`); the rest is what `make setup` installs.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$LINGGONG_ROOT"
out=target/wasm-size
mkdir -p "$out"
cargo build --quiet --locked --profile release-web -p linggong-web --target wasm32-unknown-unknown --bin linggong-web
wasm-bindgen --target web --keep-debug --out-dir "$out" target/wasm32-unknown-unknown/release-web/linggong-web.wasm
features=(--enable-bulk-memory --enable-reference-types --enable-nontrapping-float-to-int
    --enable-sign-ext --enable-mutable-globals --enable-multivalue)
wasm-opt -Oz -g "${features[@]}" "$out/linggong-web_bg.wasm" -o "$out/named.wasm"
wasm-opt -Oz "${features[@]}" "$out/linggong-web_bg.wasm" -o "$out/shipped.wasm"
node scripts/app-size.mjs "$out/shipped.wasm" "$out/linggong-web.js"
if command -v twiggy > /dev/null; then
    twiggy top -n "${1:-30}" "$out/named.wasm" | cut -c1-160
fi
