#!/usr/bin/env bash
# C# overhead over the C ABI (not part of CI): builds the release library and emulator, the
# C benchmark driver (benches/c/bench_c.c) and bindings-csharp/Bench, starts one emulator on
# 127.0.0.1 and prints a markdown table of µs and managed bytes per call, C and C# in one run.
# Usage: scripts/bench-csharp.sh [--calls N]   (default 2000 calls per cell)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
BUILD=$ROOT/target/csharp-bench
mkdir -p "$BUILD"
CALLS=2000
if [ "${1:-}" = "--calls" ]; then CALLS=$2; fi
if ! command -v mcs >/dev/null 2>&1 || ! command -v mono >/dev/null 2>&1; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq mono-devel >/dev/null
fi
python3 bindings-csharp/tools/gen_pinvoke.py --check
cargo build -q --release -p cognito-sync-ffi -p cognito-sync-local
cp -L target/release/libcognito_sync.so "$BUILD/libcognito_sync.so"
ln -sf libcognito_sync.so "$BUILD/libcognito_sync.so.0" # the SONAME bench-c links against
gcc -O2 -std=c11 -Iinclude -o "$BUILD/bench-c" benches/c/bench_c.c -L"$BUILD" -lcognito_sync -lpthread -Wl,-rpath,"$BUILD"
# One assembly with the runtime sources: the benchmark reads an internal allocation probe.
mcs -unsafe -optimize+ -warnaserror -out:"$BUILD/Bench.exe" -recurse:'bindings-csharp/Runtime/*.cs' bindings-csharp/Bench/Bench.cs

POOL=us-east-1:00000000-0000-0000-0000-000000000001
"$ROOT/target/release/cognito-sync-local" --host 127.0.0.1 --port 0 --log warn --identity-pool "$POOL" >"$BUILD/emulator.out" 2>"$BUILD/emulator.log" &
EMU=$!
trap 'kill $EMU 2>/dev/null || true; wait $EMU 2>/dev/null || true' EXIT
line=""
for _ in $(seq 200); do
  line=$(head -n 1 "$BUILD/emulator.out" 2>/dev/null || true)
  case "$line" in listening\ on\ *) break ;; esac
  sleep 0.05
done
case "$line" in listening\ on\ *) ;; *) echo "emulator did not start" >&2; cat "$BUILD/emulator.log" >&2; exit 1 ;; esac
cd "$BUILD"
LD_LIBRARY_PATH="$BUILD" mono Bench.exe --endpoint "${line#listening on }" --pool "$POOL" \
  --bench-c "$BUILD/bench-c" --calls "$CALLS"
