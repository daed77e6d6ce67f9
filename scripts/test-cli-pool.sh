#!/usr/bin/env bash
# The whole-pool commands of the `cognito-sync` CLI (export, verify, import, migrate dynamodb)
# and the emulator's archive loading, end to end: pytest drives the binaries against
# emulators it starts on 127.0.0.1 (port 0) and against moto's DynamoDB (moto[server] from
# PyPI, started by the tests on a free port). Installs pytest, boto3 and moto into .venv.
# The crate's unit tests, rustfmt and clippy run in the rust suite (cargo test --workspace);
# the binaries are built as scripts/test-cli.sh builds them, so CI compiles them once.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TERM_COLOR=never

PYTEST_VERSION=9.2.0
PYTEST_TIMEOUT_VERSION=2.4.0
BOTO3_VERSION=1.44.8
MOTO_VERSION=5.2.5

[ -x .venv/bin/python ] || python3 -m venv .venv
if ! .venv/bin/python -c "import boto3, pytest, pytest_timeout, moto, moto.server, flask" >/dev/null 2>&1; then
  echo "-- cli-pool: installing pytest, boto3 and moto[server] into .venv"
  .venv/bin/python -m pip install --quiet --disable-pip-version-check \
    "pytest==$PYTEST_VERSION" "pytest-timeout==$PYTEST_TIMEOUT_VERSION" \
    "boto3==$BOTO3_VERSION" "moto[server]==$MOTO_VERSION"
fi

echo "-- cli-pool: building the emulator and the CLI (dev profile, as scripts/test-cli.sh)"
cargo build -q -p cognito-sync-local -p cognito-sync-cli
export COGNITO_SYNC_BIN="$PWD/target/debug/cognito-sync"
export COGNITO_SYNC_LOCAL_BIN="$PWD/target/debug/cognito-sync-local"

echo "-- cli-pool: end-to-end tests (tests/cli/pool)"
.venv/bin/python -m pytest -q -p no:cacheprovider -W error --timeout 600 tests/cli/pool
