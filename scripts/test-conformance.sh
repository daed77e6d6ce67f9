#!/usr/bin/env bash
# Conformance of cognito-sync-local with clients nobody here wrote:
#   1. boto3's cognito-sync and cognito-identity clients (pytest, tests/conformance/python),
#      driving the emulator binary;
#   2. the official aws-sdk-cognitosync Rust crate (tests/conformance/rust), in-process.
# Installs boto3 and pytest into .venv (created if missing).
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TERM_COLOR=never

BOTO3_VERSION=1.44.8
PYTEST_VERSION=9.2.0

if [ ! -x .venv/bin/python ]; then
  echo "-- conformance: creating .venv"
  python3 -m venv .venv
fi
if ! .venv/bin/python -c "import boto3, pytest" >/dev/null 2>&1; then
  echo "-- conformance: installing boto3 $BOTO3_VERSION and pytest $PYTEST_VERSION into .venv"
  .venv/bin/python -m pip install -q "boto3==$BOTO3_VERSION" "pytest==$PYTEST_VERSION"
fi

echo "-- conformance: building the emulator"
cargo build -q -p cognito-sync-local
export COGNITO_SYNC_LOCAL_BIN="$PWD/target/debug/cognito-sync-local"

echo "-- conformance: boto3 $(.venv/bin/python -c 'import boto3; print(boto3.__version__)')"
.venv/bin/python -m pytest -q -p no:cacheprovider tests/conformance/python

echo "-- conformance: aws-sdk-cognitosync (Rust)"
cargo test -q -p cognito-sync-sdk-conformance
