#!/usr/bin/env bash
# C# suite: the generated P/Invoke file is up to date with include/cognito_sync.h, the
# runtime assembly builds under Mono with warnings as errors, and the test program runs
# against emulators on 127.0.0.1 (one plain, one injecting faults for the error classes).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
BUILD=$ROOT/target/csharp
mkdir -p "$BUILD"
step() { echo "-- csharp: $*"; }

if ! command -v mcs >/dev/null 2>&1 || ! command -v mono >/dev/null 2>&1; then
  step "installing mono-devel"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq mono-devel >/dev/null
fi

step "generated bindings are up to date"
python3 bindings-csharp/tools/gen_pinvoke.py --check

step "building the library and the emulator"
cargo build -q -p cognito-sync-ffi -p cognito-sync-local

step "building the runtime assembly and the tests (warnings are errors)"
mcs -target:library -unsafe -warnaserror -out:"$BUILD/CognitoSync.dll" -recurse:'bindings-csharp/Runtime/*.cs'
mcs -unsafe -warnaserror -out:"$BUILD/Tests.exe" -r:"$BUILD/CognitoSync.dll" bindings-csharp/Tests/*.cs
cp target/debug/libcognito_sync.so "$BUILD/"

PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
}
trap cleanup EXIT

start_emulator() { # name args...; sets EMU_URL
  local name=$1; shift
  local out="$BUILD/$name.out"
  : >"$out"
  "$ROOT/target/debug/cognito-sync-local" --host 127.0.0.1 --port 0 --log warn "$@" >"$out" 2>"$BUILD/$name.log" &
  PIDS+=($!)
  local line=""
  for _ in $(seq 200); do
    line=$(head -n 1 "$out" 2>/dev/null || true)
    case "$line" in listening\ on\ *) break ;; esac
    sleep 0.05
  done
  case "$line" in
    listening\ on\ *) EMU_URL=${line#listening on } ;;
    *) echo "emulator $name did not start; its log:" >&2; cat "$BUILD/$name.log" >&2; exit 1 ;;
  esac
}

POOL=us-east-1:00000000-0000-0000-0000-000000000001
start_emulator main --identity-pool "$POOL" --developer-key test:test --bulk-publish-ms 200
export CS_TEST_ENDPOINT=$EMU_URL
start_emulator faults --identity-pool "$POOL" --developer-key test:test \
  --fault operation=DescribeIdentityUsage,error=TooManyRequestsException,status=429,error_rate=1 \
  --fault operation=DescribeIdentityPoolUsage,error=InternalErrorException,status=500,error_rate=1 \
  --fault operation=ListDatasets,error=LambdaThrottledException,status=429,error_rate=1 \
  --fault operation=DescribeDataset,error=BrandNewException,status=400,error_rate=1 \
  --fault operation=GetBulkPublishDetails,error=ConcurrentModificationException,status=400,error_rate=1 \
  --fault operation=GetIdentityPoolConfiguration,error=InvalidLambdaFunctionOutputException,status=400,error_rate=1 \
  --fault operation=SetCognitoEvents,error=LimitExceededException,status=400,error_rate=1 \
  --fault operation=GetCognitoEvents,error=InternalErrorException,error_rate=0,latency_ms=3000 \
  --fault operation=ListIdentityPoolUsage,error=InternalErrorException,error_rate=0,latency_ms=400 \
  --fault operation=DeleteDataset,error=InternalErrorException,error_rate=0,drop_rate=1
export CS_TEST_FAULT_ENDPOINT=$EMU_URL
export CS_TEST_POOL=$POOL

step "tests (mono)"
# The verdict needs both the exit code and the summary line. The program ends with _exit
# (Mono's shutdown waits for the library's worker threads: bindings-csharp/README.md, "Process
# exit under Mono"); the timeout only guards against a test that hangs.
cd "$BUILD"
rc=0
LD_LIBRARY_PATH="$BUILD" timeout 180 mono --debug Tests.exe >"$BUILD/tests.log" 2>&1 || rc=$?
grep -a -E '^(ok|FAIL) ' "$BUILD/tests.log" || true
summary=$(grep -a -E '^[0-9]+ passed, [0-9]+ failed$' "$BUILD/tests.log" || true)
echo "${summary:-0 passed, 1 failed (no summary line, exit code $rc; see $BUILD/tests.log)}"
if [ "$rc" != 0 ]; then echo "Tests.exe exited with $rc" >&2; tail -n 20 "$BUILD/tests.log" >&2; exit 1; fi
case "$summary" in *" passed, 0 failed") ;; *) exit 1 ;; esac
