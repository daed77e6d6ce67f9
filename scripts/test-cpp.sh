#!/usr/bin/env bash
# C++ wrapper suite (include/cognito_sync.hpp): the tests (tests/cpp) against the
# emulator with exceptions, without (-fno-exceptions), and under ASan+UBSan with
# leak checking; the C++ snippet of ffi-c/README.md and examples/cpp/game_loop.cpp
# built and run; and a check that the wrapper uses every function of the C header.
#
# Usage: scripts/test-cpp.sh
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
BUILD=$ROOT/target/cpp-tests
LIB_DIR=$ROOT/target/debug
mkdir -p "$BUILD"
CXXFLAGS=(-std=c++17 -Wall -Wextra -Werror -pedantic -I"$ROOT/include" -g)
LINK=(-L"$LIB_DIR" -lcognito_sync -lpthread -ldl -lm)
export LD_LIBRARY_PATH="$LIB_DIR${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
step() { echo "-- cpp: $*"; }

# Coverage first (no build needed): every cognito_sync_* function the C header
# declares must be used by the wrapper.
step "the wrapper uses every function of include/cognito_sync.h"
declared=$(grep -oE '\bcognito_sync_[a-z0-9_]+\(' include/cognito_sync.h | tr -d '(' | sort -u)
sed 's://.*$::' include/cognito_sync.hpp >"$BUILD/hpp_without_comments" # a mention in a comment is no use
missing=()
for f in $declared; do
  grep -q "\\b$f\\b" "$BUILD/hpp_without_comments" || missing+=("$f")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "include/cognito_sync.hpp does not use ${#missing[@]} of $(echo "$declared" | wc -l) C functions:" >&2
  printf '   %s\n' "${missing[@]}" >&2
  exit 1
fi
echo "   all $(echo "$declared" | wc -l) functions used"

step "building the library and the emulator"
cargo build -q -p cognito-sync-ffi -p cognito-sync-local

source scripts/lib/emulators.sh
trap stop_emulators EXIT

# One pool for the examples (POOL), one per test run (EXTRA_POOLS): each run configures its
# pool (push sync, streams, events, a bulk publish that can run once a day) afresh.
RUN_POOLS=("${EXTRA_POOLS[@]}")
pools=(--identity-pool "$POOL")
for p in "${RUN_POOLS[@]}"; do pools+=(--identity-pool "$p"); done
start_emulator emu "${pools[@]}" --developer-key test:test --bulk-publish-ms 1500
ENDPOINT=$EMU_URL
export CS_TEST_ENDPOINT=$ENDPOINT

PASSED=0
FAILED=0
RUN=0
run() { # name binary
  step "$1"
  local out
  export CS_TEST_POOL=${RUN_POOLS[$RUN]}
  RUN=$((RUN + 1))
  export CS_TEST_TMP="$BUILD/store-$RANDOM$RANDOM"
  rm -rf "$CS_TEST_TMP" && mkdir -p "$CS_TEST_TMP"
  if out=$("$2" 2>&1); then :; fi
  echo "$out" | grep -E '^[0-9]+ passed, ' | tail -n 1 | sed 's/^/   /' || true
  echo "$out" | grep -E '^(FAIL|   got)' | sed 's/^/   /' || true
  local summary
  summary=$(echo "$out" | grep -E '^[0-9]+ passed, [0-9]+ failed$' | tail -n 1 || true)
  if [ -z "$summary" ]; then echo "$out" | tail -n 20 | sed 's/^/   /'; FAILED=$((FAILED + 1)); return; fi
  PASSED=$((PASSED + ${summary%% passed*}))
  local f=${summary#*, }; FAILED=$((FAILED + ${f%% failed}))
}

# Compiles tests/cpp/*.cpp with the given flags, one process per file in
# parallel (they all parse the whole header), then links with LINK_WITH.
build() { # output flags...
  local out=$1; shift
  local objs=() pids=() src obj
  mkdir -p "$BUILD/obj"
  for src in tests/cpp/*.cpp; do
    obj="$BUILD/obj/$(basename "$out")-$(basename "$src" .cpp).o"
    g++ "${CXXFLAGS[@]}" "$@" -c "$src" -o "$obj" &
    pids+=($!)
    objs+=("$obj")
  done
  for pid in "${pids[@]}"; do wait "$pid"; done
  g++ "$@" "${objs[@]}" -o "$out" "${LINK_WITH[@]}"
}
LINK_WITH=("${LINK[@]}")
build "$BUILD/test_wrapper"
run "with exceptions" "$BUILD/test_wrapper"
build "$BUILD/test_wrapper_noexc" -fno-exceptions
run "with -fno-exceptions" "$BUILD/test_wrapper_noexc"
# The library's static archive, so its C side is linked into the instrumented binary.
LINK_WITH=(-L"$LIB_DIR" -l:libcognito_sync.a -lpthread -ldl -lm)
build "$BUILD/test_wrapper_asan" -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer
ASAN_OPTIONS=detect_leaks=1 run "ASan+UBSan (leak check on)" "$BUILD/test_wrapper_asan"

# The C++ snippet of ffi-c/README.md, as written, against the emulator.
step "the C++ snippet of ffi-c/README.md"
python3 - "$BUILD/readme_snippet.cpp" <<'PY'
import sys
text = open("ffi-c/README.md").read()
section = text[text.index("\n## C++\n"):]
start = section.index("```cpp\n") + 7
open(sys.argv[1], "w").write(section[start:section.index("```", start)])
PY
g++ "${CXXFLAGS[@]}" -fno-exceptions "$BUILD/readme_snippet.cpp" -o "$BUILD/readme_snippet" "${LINK[@]}"
if "$BUILD/readme_snippet" "$ENDPOINT" >"$BUILD/readme_snippet.log" 2>&1; then
  sed 's/^/   /' "$BUILD/readme_snippet.log"
  PASSED=$((PASSED + 1))
else
  cat "$BUILD/readme_snippet.log" >&2
  FAILED=$((FAILED + 1))
fi

step "examples/cpp/game_loop.cpp (-fno-exceptions)"
g++ "${CXXFLAGS[@]}" -fno-exceptions examples/cpp/game_loop.cpp -o "$BUILD/game_loop" "${LINK[@]}"
if "$BUILD/game_loop" "$ENDPOINT" "$POOL" >"$BUILD/game_loop.log" 2>&1; then
  tail -n 2 "$BUILD/game_loop.log" | sed 's/^/   /'
  PASSED=$((PASSED + 1))
else
  cat "$BUILD/game_loop.log" >&2
  FAILED=$((FAILED + 1))
fi

echo "$PASSED passed, $FAILED failed"
[ "$FAILED" = 0 ]
