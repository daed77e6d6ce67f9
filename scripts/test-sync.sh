#!/usr/bin/env bash
# Sync manager: the heavier suites that `scripts/test-rust.sh` (cargo test) runs only
# briefly: the convergence property tests with many seeds (with and without injected
# faults), repeated kill -9 of a process in the middle of a synchronize, and the
# two-devices example. Everything runs against the emulator in-process.
#
# Tunables: SYNC_SEEDS (default 250 seeds per property test), SYNC_SEED_BASE (default
# 1000; change it to explore new schedules), SYNC_KILL_ROUNDS (default 25).
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TERM_COLOR=never

seeds="${SYNC_SEEDS:-250}"
base="${SYNC_SEED_BASE:-1000}"
rounds="${SYNC_KILL_ROUNDS:-25}"

echo "-- building the sync suites"
cargo test -p cognito-sync-e2e --no-run \
  --test sync_property --test sync_kill9 --test sync_bugs --test sync_basic --test sync_processes
cargo build -p cognito-sync --features sync --example sync_two_devices

echo "-- unit tests of the sync module"
cargo test -p cognito-sync --features sync --lib sync::

echo "-- property tests: $seeds seeds from $base (plain, injected faults, remote-wins)"
SYNC_SEEDS="$seeds" SYNC_SEED_BASE="$base" \
  cargo test -p cognito-sync-e2e --test sync_property -- --test-threads=3

echo "-- kill -9 during synchronize: $rounds rounds"
SYNC_KILL_ROUNDS="$rounds" cargo test -p cognito-sync-e2e --test sync_kill9

echo "-- bug regressions, basics and two processes on one file, three times over (flakiness check)"
for i in 1 2 3; do
  cargo test -q -p cognito-sync-e2e --test sync_bugs --test sync_basic --test sync_processes
done

echo "-- example: two devices, one game save, a custom conflict resolver"
cargo run -q -p cognito-sync --features sync --example sync_two_devices
