#!/usr/bin/env bash
# Platform suite: the C library cross-built for Windows x64 (x86_64-pc-windows-gnu) and
# Linux arm64 (aarch64-unknown-linux-gnu) by scripts/build-platforms.sh, and the C test
# programs and examples cross-compiled against it, run under Wine (wine64) and under qemu
# user-mode emulation (qemu-aarch64) against emulators running natively on 127.0.0.1.
# Installs what it needs with apt-get.
#
# The libraries are built with the `cross-test` profile (the dev profile without debug info):
# the standard library is compiled from source for each target, and two fat-LTO release
# builds do not fit this suite's time. scripts/build-platforms.sh builds the shipped release.
#
# Usage: scripts/test-platforms.sh [windows-x64|linux-arm64]...   (default: both)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
BUILD=$ROOT/target/platforms
PROFILE=cross-test
mkdir -p "$BUILD"
PLATFORMS=("$@")
if [ ${#PLATFORMS[@]} -eq 0 ]; then PLATFORMS=(windows-x64 linux-arm64); fi

step() { echo "-- platforms: $*"; }
source scripts/lib/apt.sh

# The C programs run on each platform: the blocking and non-blocking operations, the sync
# manager, the host allocator hook, and the two C examples.
TESTS=(test_operations test_nonblocking test_sync test_allocator)
EXAMPLES=(quickstart sync_two_devices)
CFLAGS_STRICT=(-std=c99 -Wall -Wextra -Werror -pedantic -I"$ROOT/include" -O1)

# ---------------------------------------------------------------- tools
RUNNERS=()
for p in "${PLATFORMS[@]}"; do
  case "$p" in
    windows-x64) RUNNERS+=(wine64) ;;
    linux-arm64) RUNNERS+=(qemu-user) ;;
    *) echo "unknown platform $p (windows-x64, linux-arm64)" >&2; exit 2 ;;
  esac
done
apt_ensure --no-install-recommends "${RUNNERS[@]}"

# ---------------------------------------------------------------- build
step "building the emulator (native)"
cargo build -q -p cognito-sync-local
bash scripts/build-platforms.sh --profile "$PROFILE" "${PLATFORMS[@]}"

# ---------------------------------------------------------------- emulators
source scripts/lib/emulators.sh
WINEPREFIX=$BUILD/wine-prefix
export WINEPREFIX WINEDEBUG=-all
# No Mono/Gecko installers; Rust's std needs the test-only ProcessPrng shim (see below).
export WINEDLLOVERRIDES="mscoree,mshtml=;bcryptprimitives=n"
WINE=/usr/lib/wine/wine64
cleanup() { stop_emulators; }
stop_wine() { # the wineserver of this suite's own prefix only
  if [ -d "$WINEPREFIX" ] && [ -x /usr/lib/wine/wineserver ]; then
    /usr/lib/wine/wineserver -k 2>/dev/null || true
  fi
}
trap 'cleanup; stop_wine' EXIT

# The same emulators as scripts/test-c.sh (the tests read the same variables), fresh per
# platform.
start_emulators() { start_c_test_emulators; }

TOTAL_PASSED=0
TOTAL_FAILED=0
run_program() { # platform name [runner...] program args...
  local platform=$1 name=$2; shift 2
  local log="$BUILD/$platform/$name.log"
  step "$platform: $name"
  # Wine's console writes CRLF line ends.
  if ! "$@" >"$log.raw" 2>&1; then
    tr -d '\r' <"$log.raw" >"$log"
    cat "$log"
    echo "$name failed on $platform" >&2
    exit 1
  fi
  tr -d '\r' <"$log.raw" >"$log"
  local summary
  summary=$(grep -E '^test_[a-z_]+: [0-9]+ passed, [0-9]+ failed$' "$log" | tail -n 1 || true)
  if [ -n "$summary" ]; then
    echo "   $summary"
    TOTAL_PASSED=$((TOTAL_PASSED + $(echo "$summary" | sed -E 's/.*: ([0-9]+) passed.*/\1/')))
    TOTAL_FAILED=$((TOTAL_FAILED + $(echo "$summary" | sed -E 's/.* ([0-9]+) failed/\1/')))
  elif [[ $name == test_* ]]; then
    cat "$log"; echo "$name printed no summary on $platform" >&2; exit 1
  else
    sed 's/^/   /' "$log" | tail -n 2
    TOTAL_PASSED=$((TOTAL_PASSED + 1))
  fi
}

# ---------------------------------------------------------------- Windows x64 under Wine
test_windows() {
  local lib=$ROOT/target/x86_64-pc-windows-gnu/$PROFILE out=$BUILD/windows-x64
  local cc=x86_64-w64-mingw32-gcc
  rm -rf "$out" && mkdir -p "$out"
  step "windows-x64: compiling the C programs with MinGW-w64"
  # Linked with the import library (as a game links the DLL); the C runtime parts
  # (winpthreads for the tests' threads) statically, so only the DLLs below are needed.
  local link=("$lib/libcognito_sync.dll.a" -static -lpthread)
  for t in "${TESTS[@]}"; do
    "$cc" "${CFLAGS_STRICT[@]}" -o "$out/$t.exe" "tests/c/$t.c" tests/c/harness.c "${link[@]}"
  done
  for e in "${EXAMPLES[@]}"; do
    "$cc" "${CFLAGS_STRICT[@]}" -o "$out/$e.exe" "examples/c/$e.c" "${link[@]}"
  done
  # The game's folder: the programs with cognito_sync.dll beside them. The ProcessPrng
  # shim is for Wine only (real Windows 10+ has bcryptprimitives.dll's ProcessPrng).
  cp "$lib/cognito_sync.dll" "$out/"
  "$cc" -O2 -Wall -Wextra -Werror -shared -o "$out/bcryptprimitives.dll" \
    tests/platforms/wine_bcryptprimitives.c -ladvapi32
  local deps
  deps=$(x86_64-w64-mingw32-objdump -p "$out/cognito_sync.dll" | sed -n 's/.*DLL Name: //p' | tr '\n' ' ')
  echo "   cognito_sync.dll imports: $deps"
  step "windows-x64: starting Wine (prefix $WINEPREFIX)"
  mkdir -p "$WINEPREFIX"
  "$WINE" wineboot --init >"$BUILD/wineboot.log" 2>&1 || { cat "$BUILD/wineboot.log"; exit 1; }
  start_emulators
  for t in "${TESTS[@]}"; do
    run_program windows-x64 "$t" "$WINE" "$out/$t.exe"
  done
  for e in "${EXAMPLES[@]}"; do
    run_program windows-x64 "$e" "$WINE" "$out/$e.exe" "$CS_TEST_ENDPOINT" "$CS_TEST_POOL_4"
  done
  stop_wine
}

# ---------------------------------------------------------------- Linux arm64 under qemu
test_arm64() {
  local lib=$ROOT/target/aarch64-unknown-linux-gnu/$PROFILE out=$BUILD/linux-arm64
  local cc=aarch64-linux-gnu-gcc
  rm -rf "$out" && mkdir -p "$out"
  step "linux-arm64: compiling the C programs with aarch64-linux-gnu-gcc"
  # As a game ships it: libcognito_sync.so.0 beside the programs, found through $ORIGIN.
  # shellcheck disable=SC2016 # $ORIGIN is literal
  local link=(-L"$lib" -lcognito_sync -lpthread -ldl -lm -Wl,-rpath,'$ORIGIN')
  for t in "${TESTS[@]}"; do
    "$cc" "${CFLAGS_STRICT[@]}" -o "$out/$t" "tests/c/$t.c" tests/c/harness.c "${link[@]}"
  done
  for e in "${EXAMPLES[@]}"; do
    "$cc" "${CFLAGS_STRICT[@]}" -o "$out/$e" "examples/c/$e.c" "${link[@]}"
  done
  cp -L "$lib/libcognito_sync.so" "$out/libcognito_sync.so.0"
  aarch64-linux-gnu-readelf -d "$out/test_operations" | grep -q 'NEEDED.*\[libcognito_sync\.so\.0\]' \
    || { echo "the arm64 programs do not record libcognito_sync.so.0" >&2; exit 1; }
  local qemu=(qemu-aarch64 -L /usr/aarch64-linux-gnu)
  start_emulators
  for t in "${TESTS[@]}"; do
    run_program linux-arm64 "$t" "${qemu[@]}" "$out/$t"
  done
  for e in "${EXAMPLES[@]}"; do
    run_program linux-arm64 "$e" "${qemu[@]}" "$out/$e" "$CS_TEST_ENDPOINT" "$CS_TEST_POOL_4"
  done
}

for p in "${PLATFORMS[@]}"; do
  case "$p" in
    windows-x64) test_windows ;;
    linux-arm64) test_arm64 ;;
  esac
done

cleanup
echo "platforms: $TOTAL_PASSED passed, $TOTAL_FAILED failed"
