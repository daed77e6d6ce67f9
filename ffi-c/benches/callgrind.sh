#!/usr/bin/env bash
# Instructions per blocking call, C ABI vs the Rust core's blocking client, counted by
# callgrind against the benchmark harness's canned-response server (one process per client,
# two runs of N1 and N2 calls, (I2 - I1) / (N2 - N1), as benches/src/callgrind.rs does).
#
#   ffi-c/benches/callgrind.sh [LIBDIR]     # LIBDIR holds libcognito_sync.so (default target/release)
#
# Needs scripts/bench.sh's build products: target/release/cognito-sync-benches (or HARNESS=path) and
# target/bench/bench-c (LD_LIBRARY_PATH points the driver at LIBDIR, so a library built with
# symbols, e.g. CARGO_PROFILE_RELEASE_STRIP=none in another CARGO_TARGET_DIR, can be measured
# and annotated). Output files stay in target/bench/ffi-callgrind for callgrind_annotate.
set -euo pipefail
cd "$(dirname "$0")/../.."
LIBDIR=$(realpath "${1:-target/release}")
HARNESS=${HARNESS:-target/release/cognito-sync-benches}
DRIVER=target/bench/bench-c
OUT=${OUT:-target/bench/ffi-callgrind}
N1=${N1:-100}
N2=${N2:-600}
mkdir -p "$OUT"
for f in "$HARNESS" "$DRIVER" "$LIBDIR/libcognito_sync.so"; do
  [ -e "$f" ] || { echo "missing $f (run scripts/bench.sh once, or build it)" >&2; exit 1; }
done

. ffi-c/benches/canned_server.sh

count() { # name calls command...
  local name=$1 calls=$2; shift 2
  local file="$OUT/$name.$calls.out"
  LD_LIBRARY_PATH="$LIBDIR" valgrind --tool=callgrind -q --callgrind-out-file="$file" "$@" --conc 1 --calls "$calls" \
    --warmup 0 --max-time 100000 --target canned --endpoint "$endpoint" >/dev/null
  sed -n 's/^\(totals\|summary\): *\([0-9]*\).*/\2/p' "$file" | head -n 1
}

for op in list update; do
  declare -A per_call=()
  for client in blocking c-blocking; do
    if [ "$client" = blocking ]; then cmd=("$HARNESS" run --client blocking --op "$op")
    else cmd=("$DRIVER" --client c-blocking --op "$op" \
      --pool us-east-1:00000000-0000-4000-8000-000000000001 \
      --identities us-east-1:00000000-0000-4000-8000-0000000000aa)
    fi
    a=$(count "$client.$op" "$N1" "${cmd[@]}")
    b=$(count "$client.$op" "$N2" "${cmd[@]}")
    per_call[$client]=$(( (b - a) / (N2 - N1) ))
  done
  echo "$op: Rust blocking ${per_call[blocking]} instr/call, C blocking ${per_call[c-blocking]} instr/call," \
    "C - Rust $(( per_call[c-blocking] - per_call[blocking] ))"
done
