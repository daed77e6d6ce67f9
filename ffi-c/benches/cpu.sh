#!/usr/bin/env bash
# CPU time per sequential blocking call, C ABI vs the Rust core's blocking client, against
# the benchmark harness's canned-response server: REPS interleaved runs of each, medians.
#
#   ffi-c/benches/cpu.sh [LIBDIR]     # LIBDIR holds libcognito_sync.so (default target/release)
#
# Needs target/release/cognito-sync-benches and target/bench/bench-c (scripts/bench.sh builds
# both). Prints client CPU µs/call for each and the difference.
set -euo pipefail
cd "$(dirname "$0")/../.."
LIBDIR=$(realpath "${1:-target/release}")
HARNESS=${HARNESS:-target/release/cognito-sync-benches}
DRIVER=target/bench/bench-c
OUT=target/bench/ffi-cpu
REPS=${REPS:-7}
mkdir -p "$OUT"
. ffi-c/benches/canned_server.sh
common=(--conc 1 --calls 200000 --warmup 200 --max-time 1.5 --target canned --endpoint "$endpoint")
ids=(--pool us-east-1:00000000-0000-4000-8000-000000000001 --identities us-east-1:00000000-0000-4000-8000-0000000000aa)
cpu_of() { python3 -c 'import json,sys; d=json.loads(sys.stdin.read().strip().splitlines()[-1]); print(d["cpu_us"] / d["calls"])'; }
for op in list update; do
  rust=(); c=()
  for _ in $(seq "$REPS"); do
    rust+=("$("$HARNESS" run --client blocking --op "$op" "${common[@]}" | cpu_of)")
    c+=("$(LD_LIBRARY_PATH="$LIBDIR" "$DRIVER" --client c-blocking --op "$op" "${common[@]}" "${ids[@]}" | cpu_of)")
  done
  python3 - "$op" "${rust[*]}" "${c[*]}" <<'PY'
import statistics, sys
op, rust, c = sys.argv[1], [float(x) for x in sys.argv[2].split()], [float(x) for x in sys.argv[3].split()]
diffs = [b - a for a, b in zip(rust, c)]
print(f"{op}: Rust blocking {statistics.median(rust):.1f} µs/call, C blocking {statistics.median(c):.1f} µs/call, "
      f"C - Rust median of paired differences {statistics.median(diffs):+.1f} µs (runs: {', '.join(f'{d:+.1f}' for d in diffs)})")
PY
done
