#!/usr/bin/env bash
# Installs, idempotently, every tool the project needs at its pinned version: skips what is
# present at the right version, installs or replaces the rest. Safe to run on every build.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$LINGGONG_ROOT"

say() { printf 'setup: %s\n' "$*"; }

# `tool --version` contains the wanted version?
has_version() { command -v "$1" >/dev/null 2>&1 && "$1" --version 2>/dev/null | grep -qF "$2"; }

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

apt_install() {
    local missing=()
    for pkg in "$@"; do dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg"); done
    [ ${#missing[@]} -eq 0 ] && return 0
    say "installing ${missing[*]} (Debian)"
    as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "${missing[@]}" >/dev/null
}

command -v cargo >/dev/null || { echo "setup: cargo is missing; install Rust with rustup first" >&2; exit 1; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    say "adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown
fi
rustup component list --installed 2>/dev/null | grep -q '^rustfmt' || rustup component add rustfmt
rustup component list --installed 2>/dev/null | grep -q '^clippy' || rustup component add clippy

if ! has_version wasm-bindgen "$WASM_BINDGEN_VERSION"; then
    say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (a few minutes)"
    # Not --locked: the registry snapshot lacks some of its locked versions.
    cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi
if ! has_version trunk "$TRUNK_VERSION"; then
    say "installing trunk $TRUNK_VERSION (about 12 minutes)"
    # --locked is required: without it trunk's newest dependencies fail to compile.
    cargo install trunk --locked --version "$TRUNK_VERSION" --force
fi
if ! has_version wasm-pack "$WASM_PACK_VERSION"; then
    say "installing wasm-pack $WASM_PACK_VERSION"
    cargo install wasm-pack --locked --version "$WASM_PACK_VERSION" --force
fi

if ! has_version cargo-fuzz "$CARGO_FUZZ_VERSION"; then
    say "installing cargo-fuzz $CARGO_FUZZ_VERSION (about 2 minutes)"
    cargo install cargo-fuzz --locked --version "$CARGO_FUZZ_VERSION" --force
fi

command -v node >/dev/null && command -v npm >/dev/null || apt_install nodejs npm
# CJK fonts: the browser tests render Chinese as a phone does (screenshots, layout, contrast).
apt_install chromium chromium-driver fonts-noto-cjk
# PostgreSQL for the server's storage tests (scripts/pg.sh runs a throwaway cluster).
apt_install postgresql
# wrk for the server's load benchmarks (scripts/bench-server.sh, make bench).
apt_install wrk

# schemathesis (PyPI) fuzzes the API from its OpenAPI document (scripts/schemathesis.sh), in
# a virtual environment of the project's own under target/, so the system's Python is untouched.
apt_install python3-venv
st_venv=target/tools/schemathesis
if ! has_version "$st_venv/bin/schemathesis" "version $SCHEMATHESIS_VERSION"; then
    say "installing schemathesis $SCHEMATHESIS_VERSION (PyPI, about a minute)"
    rm -rf "$st_venv"
    python3 -m venv "$st_venv"
    "$st_venv/bin/pip" install --quiet --disable-pip-version-check "schemathesis==$SCHEMATHESIS_VERSION"
fi

# npm dev dependencies: wasm-opt (binaryen 132; Debian's 108 cannot read Rust 1.95 output),
# playwright-core and axe-core. Reinstalled only when the lock file changes.
stamp=node_modules/.linggong-lock-sha256
want=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
    say "installing npm dev dependencies"
    npm ci --no-audit --no-fund --loglevel=error
    echo "$want" > "$stamp"
fi
has_version wasm-opt "version 132" || { echo "setup: wasm-opt 132 not found on PATH" >&2; exit 1; }
say "ready"
