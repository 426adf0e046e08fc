#!/usr/bin/env bash
# The release web app as a self-contained static site in dist/ (wasm-opt applied, demo data
# bundled). Trunk downloads nothing with --offline: it uses the tools setup.sh installed.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$LINGGONG_ROOT"
trunk build --release --offline
