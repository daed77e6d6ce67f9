#!/usr/bin/env bash
# Docs: runs the shell and Python snippets of README.md and every sub-README that are marked
# runnable (`<!-- run -->` on the line before the fence; the convention is in
# scripts/check-doc-snippets.py and README.md's "Contributing"), against the emulator the
# README starts, on 127.0.0.1 and a free port. Meant to run last: it reuses the builds of the
# earlier suites (debug emulator, the wheel in dist/, cbindgen in .tools) and builds what is
# missing.
set -euo pipefail
cd "$(dirname "$0")/.."

[ -x .venv/bin/python ] || python3 -m venv .venv
PY=.venv/bin/python
if ! $PY -c "import cognito_sync, boto3" >/dev/null 2>&1; then
  echo "-- docs: installing the Python package (scripts/build-wheel.sh) and boto3 into .venv"
  ls dist/cognito_sync-*.whl >/dev/null 2>&1 || bash scripts/build-wheel.sh >/dev/null
  $PY -m pip install --quiet --disable-pip-version-check "boto3==1.44.8" dist/cognito_sync-*.whl
fi
if [ ! -x .tools/bin/cbindgen ]; then
  echo "-- docs: installing cbindgen into .tools"
  cargo install --quiet --root .tools cbindgen --version 0.29.4 --locked
fi
# The command-line tool of cli/README.md (its debug build stands in for `cargo install`).
cargo build --quiet -p cognito-sync-cli -p cognito-sync-local
PORT=$($PY -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
echo "-- docs: README snippets against the emulator on 127.0.0.1:$PORT"
$PY scripts/check-doc-snippets.py "$PORT"
