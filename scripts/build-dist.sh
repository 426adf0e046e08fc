#!/usr/bin/env bash
# The release web apps as a self-contained static site in dist/: Trunk builds the seeker's
# app and the desk (wasm-opt applied, offline), then the demo data set is generated and written as the
# snapshot the app fetches (dist/data/manifest.json and tiles).
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$LINGGONG_ROOT"
trunk build --release --offline
# The desk (工作台) for employers and staff: a bundle of its own under dist/desk/, so the
# seeker's download does not carry it. After the app: trunk empties its own dist first.
trunk build --release --offline=true --dist dist/desk --public-url /desk/ desk/index.html
cargo build --release --locked -p linggong-cli
# Demo data "now" is LINGGONG_NOW when set (the test suite fixes it, so no test depends on the
# day it runs), else this hour in China Standard Time, so the demo gigs are current.
now=${LINGGONG_NOW:-$(date -u -d '+8 hours' +%Y-%m-%dT%H:00:00+08:00)}
demo=target/demo
target/release/linggong demo --seed "${DEMO_SEED:-1}" --postings "${DEMO_POSTINGS:-20000}" \
    --seekers "${DEMO_SEEKERS:-3000}" --now "$now" --out "$demo"
target/release/linggong snapshot --data "$demo/postings.jsonl" --markets "$demo/markets.jsonl" \
    --seekers "$demo/seekers.jsonl" \
    --now "$now" --out dist/data
# The WeChat-style H5 page and the npm package it embeds, at /h5/.
scripts/build-pkg.sh > /dev/null
mkdir -p dist/h5/pkg
cp www/index.html www/h5.css www/h5.js dist/h5/
cp pkg/linggong.js pkg/linggong_bg.wasm dist/h5/pkg/
# Brotli and gzip beside every text asset, for linggong-server to send by Accept-Encoding.
node scripts/precompress.mjs dist
