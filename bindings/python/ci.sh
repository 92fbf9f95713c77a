#!/usr/bin/env bash
# CI for the Python bindings: a venv under the target dir, the release CLI (the tests compare
# against it), the extension built with maturin, then pytest. Needs Rust and python3 >= 3.9.
set -euo pipefail
cd "$(dirname "$0")"
root="$(cd ../.. && pwd)"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$root/target}"
venv="$CARGO_TARGET_DIR/python-venv"

cargo fmt -- --check
cargo clippy --release -- -D warnings
cargo build --release --manifest-path "$root/Cargo.toml" --bin zhnews
export ZHNEWS_CLI="$CARGO_TARGET_DIR/release/zhnews"

[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
"$venv/bin/python" -m pip install --quiet maturin pytest
VIRTUAL_ENV="$venv" PATH="$venv/bin:$PATH" maturin develop --release --quiet
"$venv/bin/python" -m pytest -q tests
