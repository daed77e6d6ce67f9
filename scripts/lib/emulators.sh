# Emulators for the suites that run test programs outside cargo and pytest (C, C++, C#, the
# cross-platform runs, and the Python examples from the installed wheel): sourced, not run. The caller sets ROOT
# (the checkout) and BUILD (a folder for the emulators' output and logs) and owns PIDS.

PIDS=()

# Ends the emulators this suite started (by PID), and waits for them.
stop_emulators() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  PIDS=()
}

# Starts the debug emulator binary on 127.0.0.1 and a free port with the given arguments;
# sets EMU_URL from its first line of output.
start_emulator() { # name args...
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
EXTRA_POOLS=(us-east-1:00000000-0000-0000-0000-000000000002
             us-east-1:00000000-0000-0000-0000-000000000003
             us-east-1:00000000-0000-0000-0000-000000000004)

# The C tests' two emulators, fresh (so one-per-day operations such as BulkPublish work
# again), and the CS_TEST_* variables tests/c reads.
start_c_test_emulators() {
  stop_emulators
  local pools=(--identity-pool "$POOL")
  for p in "${EXTRA_POOLS[@]}"; do pools+=(--identity-pool "$p"); done
  start_emulator main "${pools[@]}" --bulk-publish-ms 200 --developer-key test:test \
    --developer-key AKIDCTESTS:Secret-For-C-Tests-0123456789
  export CS_TEST_ENDPOINT=$EMU_URL
  # Faults, one per operation, to reach every error class; see tests/c/test_errors.c.
  start_emulator faults --identity-pool "$POOL" \
    --fault operation=DescribeIdentityUsage,error=TooManyRequestsException,status=429,error_rate=1 \
    --fault operation=DescribeIdentityPoolUsage,error=InternalErrorException,status=500,error_rate=1 \
    --fault operation=ListDatasets,error=LambdaThrottledException,status=429,error_rate=1 \
    --fault operation=GetBulkPublishDetails,error=ConcurrentModificationException,status=400,error_rate=1 \
    --fault operation=GetIdentityPoolConfiguration,error=InvalidLambdaFunctionOutputException,status=400,error_rate=1 \
    --fault operation=SetCognitoEvents,error=LimitExceededException,status=400,error_rate=1 \
    --fault operation=DescribeDataset,error=BrandNewException,status=400,error_rate=1 \
    --fault operation=GetCognitoEvents,error=InternalErrorException,error_rate=0,latency_ms=3000 \
    --fault operation=ListIdentityPoolUsage,error=InternalErrorException,error_rate=0,latency_ms=300 \
    --fault operation=DeleteDataset,error=InternalErrorException,error_rate=0,drop_rate=1
  export CS_TEST_FAULT_ENDPOINT=$EMU_URL
  export CS_TEST_POOL=$POOL
  export CS_TEST_POOL_2=${EXTRA_POOLS[0]}
  export CS_TEST_POOL_3=${EXTRA_POOLS[1]}
  export CS_TEST_POOL_4=${EXTRA_POOLS[2]}
  export CS_TEST_SECRET_KEY_ID=AKIDCTESTS
  export CS_TEST_SECRET=Secret-For-C-Tests-0123456789
}
