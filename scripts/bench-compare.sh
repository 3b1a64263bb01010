#!/usr/bin/env bash
# Whole-process figures, kindly's first frame against a floor program (examples/floor.rs),
# and a side-by-side with jrnl. Needs python3 (with venv) and the
# network to PyPI for jrnl; installs nothing outside a throwaway folder.
#   scripts/bench-compare.sh            # everything
#   scripts/bench-compare.sh --no-jrnl  # kindly's own figures only
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --locked --quiet
cargo build --release --locked --quiet --example floor
jrnl=""
if [ "${1:-}" != "--no-jrnl" ]; then
  venv=$(mktemp -d)/venv
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet jrnl
  jrnl="$venv/bin/jrnl"
fi
target="${CARGO_TARGET_DIR:-$PWD/target}"
python3 scripts/bench_compare.py "$target/release/kindly" "$target/release/examples/floor" $jrnl
