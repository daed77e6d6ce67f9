#!/usr/bin/env bash
# The `cognito-sync` command-line tool (cli/), part 1: every Cognito Sync operation
# (tests/cli/ops, pytest), run by `aws cognito-sync` (awscli from PyPI) and by our binary
# against one emulator started on 127.0.0.1: same JSON, same messages, documented exit codes.
# Installs awscli and pytest into .venv (created if missing).
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TERM_COLOR=never

AWSCLI_VERSION=1.46.3
PYTEST_VERSION=9.2.0

if [ ! -x .venv/bin/python ]; then
  echo "-- cli: creating .venv"
  python3 -m venv .venv
fi
if [ "$(.venv/bin/python -c 'import awscli; print(awscli.__version__)' 2>/dev/null)" != "$AWSCLI_VERSION" ] \
   || ! .venv/bin/python -c "import pytest" >/dev/null 2>&1; then
  echo "-- cli: installing awscli $AWSCLI_VERSION and pytest $PYTEST_VERSION into .venv"
  .venv/bin/python -m pip install -q --disable-pip-version-check "awscli==$AWSCLI_VERSION" "pytest==$PYTEST_VERSION"
fi

# The crate's unit tests, fmt and clippy run in the rust suite (cargo test --workspace).
echo "-- cli: building the emulator and the cognito-sync binary"
cargo build -q -p cognito-sync-local -p cognito-sync-cli
export COGNITO_SYNC_LOCAL_BIN="$PWD/target/debug/cognito-sync-local"
export COGNITO_SYNC_CLI_BIN="$PWD/target/debug/cognito-sync"
export AWS_CLI_BIN="$PWD/.venv/bin/aws"
echo "-- cli: $("$AWS_CLI_BIN" --version 2>&1)"

echo "-- cli: tests/cli/ops"
.venv/bin/python -m pytest -q -p no:cacheprovider tests/cli/ops
