#!/usr/bin/env bash
# Rust: formatting, lints, unit and integration tests of the workspace.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo fmt --all -- --check
cargo clippy --workspace --all-targets --exclude cognito-sync-benches -- -D warnings
cargo test --workspace --exclude cognito-sync-benches --exclude cognito-sync-python
