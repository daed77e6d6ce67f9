#!/usr/bin/env bash
# Builds everything in release and runs the benchmark harness (benches/): our Rust, C and
# Python clients against aws-sdk-cognitosync, boto3 and a bare HTTP floor, on a canned-response
# server and on the emulator. Prints one Markdown report and writes it to benches/RESULTS.md.
# Not part of CI (scripts/test.sh never runs it). See benches/README.md.
#
#   scripts/bench.sh                  # full matrix, ~10 min on 2 cores once built
#   scripts/bench.sh --quick          # fewer repetitions, shorter windows
#   scripts/bench.sh --footprint      # also clean build times, minimal programs, peak RSS (slow)
#   scripts/bench.sh --targets canned --clients core,aws,floor   # any `suite` flag passes through
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
export CARGO_TERM_COLOR=never
export BENCH_COMMAND="scripts/bench.sh $*"

suite_args=()
for arg in "$@"; do
  case "$arg" in
    --quick) suite_args+=(--reps 3 --window 0.25) ;;
    *) suite_args+=("$arg") ;;
  esac
done

mkdir -p target/bench

echo "== building the C library (release)" >&2
# Built on its own so no feature of the harness's dependencies leaks into the library measured.
c_driver=()
if cargo build --release -p cognito-sync-ffi >&2; then
  echo "== building the C driver" >&2
  if gcc -O2 -std=c11 -Wall -Wextra -pthread -Iinclude benches/c/bench_c.c \
      -Ltarget/release -lcognito_sync -Wl,-rpath,"$root/target/release" \
      -o target/bench/bench-c >&2; then
    c_driver=(--c-driver target/bench/bench-c)
  else
    echo "!! C driver did not build: C ABI rows skipped" >&2
  fi
else
  echo "!! C library did not build: C ABI rows skipped" >&2
fi

echo "== building the harness (release; the first build compiles aws-sdk-cognitosync, ~4 min)" >&2
cargo build --release -p cognito-sync-benches >&2

echo "== preparing Python (.venv: boto3, cognito_sync built in release)" >&2
python_args=()
if [ ! -x .venv/bin/python ]; then python3 -m venv .venv >&2; fi
if ! .venv/bin/python -c "import boto3" 2>/dev/null; then .venv/bin/pip install -q boto3 >&2; fi
if ! .venv/bin/python -m maturin --version >/dev/null 2>&1; then
  .venv/bin/pip install -q "maturin>=1.9.4,<2" >&2
fi
build_python() {
  (export VIRTUAL_ENV="$root/.venv" PATH="$root/.venv/bin:$PATH"
   cd bindings-python && python -m maturin develop --release --quiet >&2)
}
# .venv is shared with the Python test suite: a concurrent pip install can make one attempt
# fail, so try twice, then fall back to the package already installed there.
if build_python || { sleep 5; build_python; }; then
  python_args=(--python .venv/bin/python)
elif .venv/bin/python -c "import cognito_sync, boto3" 2>/dev/null; then
  echo "!! release build of the Python package failed: measuring the one installed in .venv" >&2
  python_args=(--python .venv/bin/python)
else
  echo "!! Python package did not build: Python rows skipped" >&2
fi

echo "== running (each cell: every client, interleaved, several times)" >&2
exec target/release/cognito-sync-benches suite --root "$root" \
  "${c_driver[@]}" "${python_args[@]}" "${suite_args[@]}"
