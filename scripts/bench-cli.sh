#!/usr/bin/env bash
# Benchmark of the whole-pool commands (not a test: it asserts nothing and prints a table).
#
#   scripts/bench-cli.sh [SMALL] [LARGE]      default 10000 and 50000 identities
#
# Seeds the emulator (release build, its --seed fast path: no HTTP) with SMALL and LARGE
# identities × 2 datasets × 20 records of 32 bytes, then measures with the release CLI:
# export identities/s at --concurrency 1, 8 and 32; peak RSS of the export at both pool sizes
# (it must not grow with the pool); the cost of a resume after kill -9 at half-way; import
# (UpdateRecords into an empty pool) and DynamoDB migration (moto's server) rates. The CLI
# and the emulator share this machine's cores, so every rate is a rate of the pair.
# Writes the table to target/bench-cli.md.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TERM_COLOR=never

SMALL="${1:-10000}"
LARGE="${2:-50000}"
MIGRATE_IDS="${MIGRATE_IDS:-1000}"
POOL="us-east-1:00000000-0000-0000-0000-00000000be00"
OTHER="us-east-1:00000000-0000-0000-0000-00000000be01"

[ -x .venv/bin/python ] || python3 -m venv .venv
if ! .venv/bin/python -c "import boto3, moto, moto.server, flask" >/dev/null 2>&1; then
  .venv/bin/python -m pip install --quiet --disable-pip-version-check "boto3==1.44.8" "moto[server]==5.2.5"
fi

# BENCH_PROFILE=debug measures the test suites' dev build instead (no release build needed).
PROFILE="${BENCH_PROFILE:-release}"
if [ "$PROFILE" = release ]; then
  echo "-- bench-cli: release build (no LTO: the shipped profile's fat LTO only costs build time here)" >&2
  cargo build --release -q -p cognito-sync-cli -p cognito-sync-local \
    --config 'profile.release.lto=false' --config 'profile.release.codegen-units=16'
else
  cargo build -q -p cognito-sync-local -p cognito-sync-cli
fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/bench-cli.XXXXXX")
PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT

export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_REGION=us-east-1
export AWS_SHARED_CREDENTIALS_FILE=/nonexistent AWS_CONFIG_FILE=/nonexistent
CLI="$PWD/target/$PROFILE/cognito-sync"
EMU="$PWD/target/$PROFILE/cognito-sync-local"

# start_emulator N: an emulator seeded with N identities; sets ENDPOINT.
start_emulator() {
  local fifo="$WORK/emu.out.$1"
  mkfifo "$fifo"
  "$EMU" --port 0 --log error --seed "$POOL,identities=$1,datasets=2,records=20,value_bytes=32" \
    --identity-pool "$OTHER" > "$fifo" &
  PIDS+=($!)
  read -r line < "$fifo"
  ENDPOINT="${line##* }"
}

# measure NAME CMD...: runs CMD, records wall seconds and peak RSS (KiB) in $WORK/NAME.
measure() {
  local name="$1"; shift
  /usr/bin/time -f "%e %M" -o "$WORK/$name.time" "$@" > "$WORK/$name.out"
  cat "$WORK/$name.time" >&2
}

rate() { awk -v n="$1" -v t="$2" 'BEGIN { printf "%.0f", n / t }'; }
field() { cut -d' ' -f"$2" "$WORK/$1.time"; }

rows=()
for size in "$SMALL" "$LARGE"; do
  echo "-- bench-cli: seeding $size identities" >&2
  start_emulator "$size"
  levels="8"
  [ "$size" = "$SMALL" ] && levels="1 8 32"
  for c in $levels; do
    echo "-- bench-cli: export $size identities, concurrency $c" >&2
    rm -f "$WORK/a.jsonl"
    measure "export-$size-$c" "$CLI" --quiet --endpoint-url "$ENDPOINT" export \
      --identity-pool-id "$POOL" --output "$WORK/a.jsonl" --concurrency "$c" --force
    t=$(field "export-$size-$c" 1); rss=$(field "export-$size-$c" 2)
    rows+=("| export, $size identities, --concurrency $c | $(rate "$size" "$t") identities/s ($(rate $((size * 40)) "$t") records/s) | $t s | $((rss / 1024)) MiB |")
  done
  if [ "$size" = "$SMALL" ]; then
    bytes=$(stat -c %s "$WORK/a.jsonl")
    echo "-- bench-cli: gzip export" >&2
    measure "gzip" "$CLI" --quiet --endpoint-url "$ENDPOINT" export --identity-pool-id "$POOL" \
      --output "$WORK/a.jsonl.gz" --compress gzip --concurrency 8
    t=$(field gzip 1); gz=$(stat -c %s "$WORK/a.jsonl.gz")
    rows+=("| export --compress gzip, $size identities, --concurrency 8 | $(rate "$size" "$t") identities/s; $((bytes / 1024)) KiB → $((gz / 1024)) KiB | $t s | $(( $(field gzip 2) / 1024 )) MiB |")

    echo "-- bench-cli: kill -9 at half-way, then resume" >&2
    rm -f "$WORK/r.jsonl"*
    "$CLI" --quiet --endpoint-url "$ENDPOINT" export --identity-pool-id "$POOL" --output "$WORK/r.jsonl" \
      --concurrency 8 > /dev/null &
    victim=$!
    .venv/bin/python - "$WORK/r.jsonl.journal" "$((size / 2))" "$victim" <<'EOF'
import json, os, sys, time
path, half, pid = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
while True:
    try:
        if json.load(open(path))["IdentitiesDone"] >= half:
            break
    except (OSError, ValueError, KeyError):
        pass
    try:
        os.kill(pid, 0)
    except OSError:
        break
    time.sleep(0.01)
EOF
    kill -9 "$victim" 2>/dev/null || true
    wait "$victim" 2>/dev/null || true
    measure "resume" "$CLI" --quiet --endpoint-url "$ENDPOINT" export --identity-pool-id "$POOL" \
      --output "$WORK/r.jsonl" --concurrency 8
    fetched=$(.venv/bin/python -c "import json,sys; print(json.load(open(sys.argv[1]))['IdentitiesFetched'])" "$WORK/resume.out")
    t=$(field resume 1)
    full=$(field "export-$size-8" 1)
    rows+=("| resume after kill -9 at half-way ($fetched of $size identities left) | $(rate "$fetched" "$t") identities/s; $(awk -v a="$t" -v b="$full" 'BEGIN{printf "%.0f", 100*a/b}') % of a full export's time | $t s | $(( $(field resume 2) / 1024 )) MiB |")
    if diff <(grep -v '"Type":"pool"\|"Type":"manifest"' "$WORK/r.jsonl") \
            <(grep -v '"Type":"pool"\|"Type":"manifest"' "$WORK/a.jsonl") > /dev/null; then
      echo "-- bench-cli: the resumed archive has the same data lines as the uninterrupted one" >&2
    else
      echo "-- bench-cli: WARNING: the resumed archive differs" >&2
    fi

    echo "-- bench-cli: verify" >&2
    measure "verify" "$CLI" --quiet --endpoint-url "$ENDPOINT" verify --input "$WORK/a.jsonl" \
      --identity-pool-id "$POOL" --concurrency 8
    t=$(field verify 1)
    rows+=("| verify (archive check + live comparison), $size identities | $(rate "$size" "$t") identities/s | $t s | $(( $(field verify 2) / 1024 )) MiB |")

    echo "-- bench-cli: import into an empty pool" >&2
    measure "import" "$CLI" --quiet --endpoint-url "$ENDPOINT" import --input "$WORK/a.jsonl" \
      --identity-pool-id "$OTHER" --concurrency 8
    t=$(field import 1)
    rows+=("| import into an empty pool (ListRecords + UpdateRecords per dataset) | $(rate $((size * 2)) "$t") datasets/s ($(rate $((size * 40)) "$t") records/s) | $t s | $(( $(field import 2) / 1024 )) MiB |")

    echo "-- bench-cli: emulator --import of the archive" >&2
    # Time to the "listening" line (the import happens before it), and the emulator's peak RSS.
    .venv/bin/python - "$EMU" "$WORK/a.jsonl" > "$WORK/emuimport.time" <<'EOF'
import os, subprocess, sys, time
t = time.monotonic()
p = subprocess.Popen([sys.argv[1], "--port", "0", "--log", "error", "--import", sys.argv[2]], stdout=subprocess.PIPE)
p.stdout.readline()
elapsed = time.monotonic() - t
p.terminate()
_, _, usage = os.wait4(p.pid, 0)
print(f"{elapsed:.2f} {usage.ru_maxrss}")
EOF
    t=$(field emuimport 1)
    rows+=("| \`cognito-sync-local --import\` (start-up included) | $(rate $((size * 40)) "$t") records/s | $t s | $(( $(field emuimport 2) / 1024 )) MiB |")

    echo "-- bench-cli: migrate $MIGRATE_IDS identities to moto's DynamoDB" >&2
    port=$(.venv/bin/python -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    .venv/bin/python -m moto.server -H 127.0.0.1 -p "$port" > "$WORK/moto.log" 2>&1 &
    PIDS+=($!)
    until (echo > "/dev/tcp/127.0.0.1/$port") 2>/dev/null; do sleep 0.2; done
    head -n $((MIGRATE_IDS * 3 + 2)) "$WORK/a.jsonl" | grep '"Type":"identity"' \
      | sed 's/.*"IdentityId":"\([^"]*\)".*/\1/' > "$WORK/ids.txt"
    "$CLI" --quiet --endpoint-url "$ENDPOINT" export --identity-pool-id "$POOL" --output "$WORK/m.jsonl" \
      --identities "$WORK/ids.txt" > /dev/null
    measure "migrate" "$CLI" --quiet --endpoint-url "$ENDPOINT" migrate dynamodb --input "$WORK/m.jsonl" \
      --table bench --create-table --dynamodb-endpoint-url "http://127.0.0.1:$port" --concurrency 8
    t=$(field migrate 1)
    n=$(.venv/bin/python -c "import json,sys; print(json.load(open(sys.argv[1]))['ItemsWritten'])" "$WORK/migrate.out")
    rows+=("| migrate dynamodb ($MIGRATE_IDS identities, $n items, BatchWriteItem × 25, 8 in flight) into moto | $(rate "$n" "$t") items/s | $t s | $(( $(field migrate 2) / 1024 )) MiB |")
  fi
  kill "${PIDS[-1]}" 2>/dev/null || true
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done
  PIDS=()
done

{
  echo "Run of $(date -u '+%Y-%m-%d %H:%M UTC'), $PROFILE build, on $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)); pools of identities × 2 datasets × 20 records of 32 bytes."
  echo
  echo "| what | rate | wall | peak RSS |"
  echo "|---|---:|---:|---:|"
  printf '%s\n' "${rows[@]}"
} | tee target/bench-cli.md
