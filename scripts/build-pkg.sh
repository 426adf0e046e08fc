#!/usr/bin/env bash
# The npm package `linggong` in pkg/: wasm-pack with --mode no-install (it uses the pinned
# wasm-bindgen on PATH and downloads nothing), then the pinned wasm-opt.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$LINGGONG_ROOT"
wasm-pack build js --target web --mode no-install --release --out-dir ../pkg --out-name linggong
wasm-opt -Oz --enable-bulk-memory --enable-reference-types --enable-nontrapping-float-to-int \
    --enable-sign-ext --enable-mutable-globals --enable-multivalue \
    pkg/linggong_bg.wasm -o pkg/linggong_bg.wasm
cp LICENSE pkg/
# Package metadata wasm-pack cannot know.
node -e '
const fs = require("fs");
const p = JSON.parse(fs.readFileSync("pkg/package.json", "utf8"));
p.description = "Linggong gig-market engine in WebAssembly: posting audit, trade normalisation, nearby search, matching";
p.keywords = ["gig", "jobs", "零工", "geo", "wasm"];
p.engines = { node: ">=20" };
fs.writeFileSync("pkg/package.json", JSON.stringify(p, null, 2) + "\n");
'
ls -l pkg
