#!/usr/bin/env bash
# C ABI suite: header freshness (pinned cbindgen), header compiles as C99/C11/C++,
# every declared function is exercised by a test, the C tests against the emulator
# (plain, then AddressSanitizer + UndefinedBehaviorSanitizer, then once under
# valgrind), the C and C++ examples, and the pkg-config file.
#
# Usage: scripts/test-c.sh [--quick]   (--quick skips the sanitizer and valgrind passes)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
BUILD=$ROOT/target/c-tests
LIB_DIR=$ROOT/target/debug
mkdir -p "$BUILD"
QUICK=0
if [ "${1:-}" = "--quick" ]; then QUICK=1; fi

CBINDGEN_VERSION=0.29.4
CFLAGS_STRICT=(-std=c99 -Wall -Wextra -Werror -pedantic -I"$ROOT/include" -g)
CXXFLAGS_STRICT=(-std=c++11 -Wall -Wextra -Werror -pedantic -I"$ROOT/include" -g)
LINK=(-L"$LIB_DIR" -lcognito_sync -lpthread -ldl -lm)
export LD_LIBRARY_PATH="$LIB_DIR${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"

step() { echo "-- c: $*"; }

# ---------------------------------------------------------------- tools
# Into folders of the checkout: cbindgen under .tools (cargo install --root), cmake from PyPI
# into .venv. Only what no package manager installs locally comes from apt (system-wide).
CMAKE_VERSION=3.31.6
if ! "$ROOT/.tools/bin/cbindgen" --version 2>/dev/null | grep -q " $CBINDGEN_VERSION\$"; then
  step "installing cbindgen $CBINDGEN_VERSION into .tools"
  cargo install --quiet --root "$ROOT/.tools" cbindgen --version "$CBINDGEN_VERSION" --locked
fi
[ -x "$ROOT/.venv/bin/python" ] || python3 -m venv "$ROOT/.venv"
if ! "$ROOT/.venv/bin/cmake" --version 2>/dev/null | grep -q " $CMAKE_VERSION\$"; then
  step "installing cmake $CMAKE_VERSION into .venv"
  "$ROOT/.venv/bin/python" -m pip install --quiet --disable-pip-version-check "cmake==$CMAKE_VERSION"
fi
mkdir -p "$ROOT/.tools/bin"
ln -sf "$ROOT/.venv/bin/cmake" "$ROOT/.tools/bin/cmake"
export PATH="$ROOT/.tools/bin:$PATH"
APT_NEEDED=()
if [ "$QUICK" = 0 ] && ! command -v valgrind >/dev/null 2>&1; then APT_NEEDED+=(valgrind); fi
if ! command -v pkg-config >/dev/null 2>&1; then APT_NEEDED+=(pkg-config); fi
if [ ${#APT_NEEDED[@]} -gt 0 ]; then
  step "installing ${APT_NEEDED[*]}"
  apt-get update -qq && apt-get install -y -qq "${APT_NEEDED[@]}" >/dev/null
fi

# ---------------------------------------------------------------- header
step "header is up to date (cbindgen $CBINDGEN_VERSION)"
cbindgen --quiet --config ffi-c/cbindgen.toml --crate cognito-sync-ffi --output "$BUILD/cognito_sync.h"
if ! diff -u include/cognito_sync.h "$BUILD/cognito_sync.h"; then
  echo "include/cognito_sync.h is stale: regenerate it with" >&2
  echo "  .tools/bin/cbindgen --config ffi-c/cbindgen.toml --crate cognito-sync-ffi --output include/cognito_sync.h" >&2
  exit 1
fi

step "header compiles as C99, C11 and C++11 (pedantic, warnings are errors)"
printf '#include "cognito_sync.h"\nint main(void) { return COGNITO_SYNC_STATUS_OK; }\n' >"$BUILD/header_check.c"
gcc "${CFLAGS_STRICT[@]}" -fsyntax-only "$BUILD/header_check.c"
gcc -std=c11 -Wall -Wextra -Werror -pedantic -I"$ROOT/include" -fsyntax-only "$BUILD/header_check.c"
g++ "${CXXFLAGS_STRICT[@]}" -fsyntax-only -x c++ "$BUILD/header_check.c"

step "mixing dataset metadata and the sync manager's dataset handle does not compile"
for lang in c c++; do
  if [ "$lang" = c ]; then cc=(gcc "${CFLAGS_STRICT[@]}"); else cc=(g++ "${CXXFLAGS_STRICT[@]}" -x c++); fi
  "${cc[@]}" -fsyntax-only -DCASE=0 tests/c/compile_fail/dataset_types.c
  for case in 1 2 3; do
    if "${cc[@]}" -fsyntax-only -DCASE=$case tests/c/compile_fail/dataset_types.c 2>"$BUILD/compile_fail.log"; then
      echo "tests/c/compile_fail/dataset_types.c CASE=$case compiled as $lang: the two dataset types can be mixed" >&2
      exit 1
    fi
    grep -qiE 'incompatible|invalid conversion|cannot convert' "$BUILD/compile_fail.log" || { cat "$BUILD/compile_fail.log"; exit 1; }
  done
done

# ---------------------------------------------------------------- build
if [ -z "${CS_C_NO_BUILD:-}" ]; then # development aid: reuse the last build
  step "building the library and the emulator"
  cargo build -q -p cognito-sync-ffi -p cognito-sync-local
fi

TESTS=()
for src in tests/c/test_*.c; do TESTS+=("$(basename "$src" .c)"); done

build_tests() { # variant extra-flags...
  local variant=$1; shift
  mkdir -p "$BUILD/$variant"
  for t in "${TESTS[@]}"; do
    gcc "${CFLAGS_STRICT[@]}" "$@" -o "$BUILD/$variant/$t" "tests/c/$t.c" tests/c/harness.c "${LINK[@]}"
  done
}

# ---------------------------------------------------------------- emulators
source scripts/lib/emulators.sh
cleanup() { stop_emulators; }
trap cleanup EXIT
start_emulators() { start_c_test_emulators; }

TOTAL_PASSED=0
TOTAL_FAILED=0
run_tests() { # variant [runner...]
  local variant=$1; shift
  start_emulators
  for t in "${TESTS[@]}"; do
    step "$variant: $t"
    local log="$BUILD/$variant/$t.log"
    if ! "$@" "$BUILD/$variant/$t" >"$log" 2>&1; then
      cat "$log"
      echo "$t failed ($variant)" >&2
      exit 1
    fi
    local summary
    summary=$(grep -E '^test_[a-z_]+: [0-9]+ passed, [0-9]+ failed$' "$log" | tail -n 1)
    echo "   $summary"
    TOTAL_PASSED=$((TOTAL_PASSED + $(echo "$summary" | sed -E 's/.*: ([0-9]+) passed.*/\1/')))
    TOTAL_FAILED=$((TOTAL_FAILED + $(echo "$summary" | sed -E 's/.* ([0-9]+) failed/\1/')))
  done
}

# ---------------------------------------------------------------- plain
build_tests plain
run_tests plain

step "the C quick start of ffi-c/README.md compiles"
python3 - "$BUILD/readme_quickstart.c" <<'PY'
import sys
text = open("ffi-c/README.md").read()
start = text.index("```c\n") + 5
open(sys.argv[1], "w").write(text[start:text.index("```", start)])
PY
gcc "${CFLAGS_STRICT[@]}" "$BUILD/readme_quickstart.c" -o "$BUILD/readme_quickstart" "${LINK[@]}"

step "every function of the header is exercised by tests/c"
missing=0
for fn in $(grep -oE '\bcognito_sync_[a-z0-9_]+\(' include/cognito_sync.h | tr -d '(' | sort -u); do
  if ! grep -q "\b$fn\b" tests/c/*.c; then
    echo "   not exercised: $fn" >&2
    missing=1
  fi
done
if [ "$missing" = 1 ]; then exit 1; fi


if [ "$QUICK" = 0 ]; then
  # -------------------------------------------------------------- sanitizers
  # The C side is instrumented; the Rust library is linked as is. LeakSanitizer
  # reports what is unreachable at exit: the library's process-wide runtime stays
  # reachable, so no suppression is needed (see tests/c/lsan.supp for the policy).
  build_tests asan -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
  for t in "${TESTS[@]}"; do
    if ! nm "$BUILD/asan/$t" | grep -c __asan_init >/dev/null; then
      echo "$t is not linked with AddressSanitizer" >&2
      exit 1
    fi
  done
  export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:halt_on_error=1:exitcode=86
  export LSAN_OPTIONS=suppressions=$ROOT/tests/c/lsan.supp:print_suppressions=0
  export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
  run_tests asan
  unset ASAN_OPTIONS LSAN_OPTIONS UBSAN_OPTIONS

  # -------------------------------------------------------------- valgrind
  # One pass of the operations test: zero errors, zero definite/indirect leaks.
  start_emulators
  step "valgrind: test_operations"
  if ! valgrind --quiet --error-exitcode=99 --leak-check=full \
      --errors-for-leak-kinds=definite,indirect --show-leak-kinds=definite,indirect \
      "$BUILD/plain/test_operations" >"$BUILD/plain/valgrind.log" 2>&1; then
    cat "$BUILD/plain/valgrind.log"
    echo "valgrind found errors or leaks" >&2
    exit 1
  fi
  grep -E '^test_operations: ' "$BUILD/plain/valgrind.log" | sed 's/^/   valgrind /'
fi

# ---------------------------------------------------------------- examples, packaging
# Installed like a user would (debug build, to avoid a release build here),
# found through pkg-config and through the CMake package, run against the
# emulator; the examples run once more under AddressSanitizer (leak check on).
start_emulators
PREFIX_DIR="$BUILD/prefix"
rm -rf "$PREFIX_DIR" "$PREFIX_DIR.moved"
bash ffi-c/install.sh "$PREFIX_DIR" --debug >/dev/null
export PKG_CONFIG_PATH="$PREFIX_DIR/lib/pkgconfig"
mkdir -p "$BUILD/examples"
run_example() { # name binary
  local name=$1; shift
  step "example: $name"
  if ! "$@" "$CS_TEST_ENDPOINT" "$CS_TEST_POOL_4" >"$BUILD/examples/$name.log" 2>&1; then
    cat "$BUILD/examples/$name.log"
    echo "example $name failed" >&2
    exit 1
  fi
  sed 's/^/   /' "$BUILD/examples/$name.log" | tail -n 3
  TOTAL_PASSED=$((TOTAL_PASSED + 1))
}
# shellcheck disable=SC2046 # pkg-config prints several flags
gcc "${CFLAGS_STRICT[@]}" examples/c/quickstart.c -o "$BUILD/examples/quickstart" \
  $(pkg-config --cflags --libs cognito_sync)
run_example "c quickstart (pkg-config, shared)" env LD_LIBRARY_PATH="$PREFIX_DIR/lib" "$BUILD/examples/quickstart"
# shellcheck disable=SC2046
gcc "${CFLAGS_STRICT[@]}" examples/c/sync_two_devices.c -o "$BUILD/examples/sync_two_devices" \
  $(pkg-config --cflags --libs cognito_sync)
run_example "c sync manager, two devices" env LD_LIBRARY_PATH="$PREFIX_DIR/lib" "$BUILD/examples/sync_two_devices"
# shellcheck disable=SC2046
g++ "${CXXFLAGS_STRICT[@]}" -std=c++17 examples/cpp/game_loop.cpp -o "$BUILD/examples/game_loop" \
  $(pkg-config --cflags cognito_sync) "$PREFIX_DIR/lib/libcognito_sync.a" $(pkg-config --static --libs-only-l cognito_sync | sed 's/-lcognito_sync//')
run_example "c++ game loop (pkg-config, static)" "$BUILD/examples/game_loop"
if [ "$QUICK" = 0 ]; then
  SAN=(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all)
  gcc "${CFLAGS_STRICT[@]}" "${SAN[@]}" examples/c/quickstart.c -o "$BUILD/examples/quickstart-asan" "${LINK[@]}"
  g++ "${CXXFLAGS_STRICT[@]}" -std=c++17 "${SAN[@]}" examples/cpp/game_loop.cpp \
    -o "$BUILD/examples/game_loop-asan" "${LINK[@]}"
  gcc "${CFLAGS_STRICT[@]}" "${SAN[@]}" examples/c/sync_two_devices.c -o "$BUILD/examples/sync_two_devices-asan" "${LINK[@]}"
  export ASAN_OPTIONS=detect_leaks=1:halt_on_error=1
  run_example "c quickstart (ASan+UBSan)" "$BUILD/examples/quickstart-asan"
  run_example "c sync manager, two devices (ASan+UBSan)" "$BUILD/examples/sync_two_devices-asan"
  run_example "c++ game loop (ASan+UBSan)" "$BUILD/examples/game_loop-asan"
  unset ASAN_OPTIONS
fi
step "cmake: find_package(cognito_sync) from the installed prefix"
rm -rf "$BUILD/cmake" # a fresh configure: a cache from another checkout's path is refused
cmake -S tests/c/cmake -B "$BUILD/cmake" -DCMAKE_PREFIX_PATH="$PREFIX_DIR" \
  -DEXAMPLES_DIR="$ROOT/examples" -DCMAKE_BUILD_TYPE=Debug >"$BUILD/cmake.log" 2>&1 \
  || { cat "$BUILD/cmake.log"; exit 1; }
cmake --build "$BUILD/cmake" >>"$BUILD/cmake.log" 2>&1 || { cat "$BUILD/cmake.log"; exit 1; }
run_example "c quickstart (cmake, shared)" env LD_LIBRARY_PATH="$PREFIX_DIR/lib" "$BUILD/cmake/quickstart_shared"
run_example "c++ game loop (cmake, static)" "$BUILD/cmake/game_loop_static"

# ---------------------------------------------------------------- shipping
# The library as a game ships it: SONAME with the ABI major version, only
# cognito_sync_* exported, and apps built through CMake and pkg-config (shared
# and static) that still run after the prefix and the apps are moved away.
fail_ship() { echo "shipping: $*" >&2; exit 1; }
step "shipping: SONAME, exported symbols"
SO="$PREFIX_DIR/lib/libcognito_sync.so.0"
[ -L "$PREFIX_DIR/lib/libcognito_sync.so" ] && [ -L "$SO" ] || fail_ship "symlinks missing"
readelf -d "$SO" | grep -q 'SONAME.*\[libcognito_sync\.so\.0\]' || fail_ship "no SONAME libcognito_sync.so.0"
LEAKED=$(nm -D --defined-only "$SO" | awk '{print $3}' | grep -v '^cognito_sync_' || true)
[ -z "$LEAKED" ] || fail_ship "symbols other than cognito_sync_* exported: $(echo "$LEAKED" | head -5 | tr '\n' ' ')"
EXPORTED=$(nm -D --defined-only "$SO" | grep -c ' cognito_sync_')
echo "   SONAME libcognito_sync.so.0, $EXPORTED symbols exported, all cognito_sync_*"
TOTAL_PASSED=$((TOTAL_PASSED + 1))
SHIP="$BUILD/ship"
rm -rf "$SHIP" "$BUILD/moved" && mkdir -p "$SHIP/pc-shared" "$SHIP/pc-static" "$SHIP/cmake"
# shellcheck disable=SC2046,SC2016 # pkg-config prints several flags; $ORIGIN is literal
gcc "${CFLAGS_STRICT[@]}" examples/c/quickstart.c -o "$SHIP/pc-shared/quickstart" \
  $(pkg-config --cflags --libs cognito_sync) -Wl,-rpath,'$ORIGIN'
# shellcheck disable=SC2046
gcc "${CFLAGS_STRICT[@]}" examples/c/quickstart.c -o "$SHIP/pc-static/quickstart" \
  $(pkg-config --static --cflags --libs cognito_sync-static)
cp "$BUILD/cmake/quickstart_game" "$SHIP/cmake/quickstart"
cp -L "$SO" "$SHIP/pc-shared/" && cp -L "$SO" "$SHIP/cmake/"
for app in pc-shared cmake; do
  NEEDED=$(readelf -d "$SHIP/$app/quickstart" | grep NEEDED | grep cognito || true)
  echo "$NEEDED" | grep -q '\[libcognito_sync\.so\.0\]' || fail_ship "$app app records: $NEEDED"
done
if readelf -d "$SHIP/pc-static/quickstart" | grep NEEDED | grep -q cognito; then
  fail_ship "the static pkg-config app links the shared library"
fi
mv "$PREFIX_DIR" "$PREFIX_DIR.moved" && mv "$SHIP" "$BUILD/moved"
MOVED_LIBS=$(PKG_CONFIG_PATH="$PREFIX_DIR.moved/lib/pkgconfig" pkg-config --libs cognito_sync)
case "$MOVED_LIBS" in *"prefix.moved/lib"*) ;; *) fail_ship "pkg-config not relocatable: $MOVED_LIBS" ;; esac
for app in pc-shared pc-static cmake; do
  run_example "c quickstart, moved ($app)" env -u LD_LIBRARY_PATH "$BUILD/moved/$app/quickstart"
done
rm -rf "$PREFIX_DIR.moved"

cleanup
echo "c: $TOTAL_PASSED passed, $TOTAL_FAILED failed"
