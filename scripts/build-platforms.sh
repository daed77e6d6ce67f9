#!/usr/bin/env bash
# Cross-builds the C library for the platforms this repository builds and tests besides
# Linux x86_64, from a Debian 12 x86_64 machine:
#
#   windows-x64   x86_64-pc-windows-gnu      cognito_sync.dll, libcognito_sync.dll.a, libcognito_sync.a
#   linux-arm64   aarch64-unknown-linux-gnu  libcognito_sync.so (SONAME libcognito_sync.so.0), .a
#
# into target/<triple>/<profile>/, then prints each shared library's stripped size.
# The compiler is Debian's rustc-web/cargo-web (Rust 1.96, /usr/bin/rustc and /usr/bin/cargo):
# it builds the standard library for the target from source (rust-web-src, -Zbuild-std,
# hence RUSTC_BOOTSTRAP=1), as no prebuilt standard library of these targets can be
# downloaded from the registries this project's CI reaches. The linkers are MinGW-w64's and
# the aarch64 cross gcc. Installs what is missing with apt-get.
#
# Usage: scripts/build-platforms.sh [--profile NAME] [windows-x64|linux-arm64|all]...
#   --profile  the Cargo profile (default: release, the shipped one; scripts/test-platforms.sh
#              uses cross-test, which builds faster)
set -euo pipefail
cd "$(dirname "$0")/.."

PROFILE=release
PLATFORMS=()
while [ $# -gt 0 ]; do
  case "$1" in
    --profile) PROFILE=$2; shift 2 ;;
    windows-x64|linux-arm64) PLATFORMS+=("$1"); shift ;;
    all) PLATFORMS+=(windows-x64 linux-arm64); shift ;;
    *) echo "usage: $0 [--profile NAME] [windows-x64|linux-arm64|all]..." >&2; exit 2 ;;
  esac
done
if [ ${#PLATFORMS[@]} -eq 0 ]; then PLATFORMS=(windows-x64 linux-arm64); fi

step() { echo "-- platforms: $*"; }
source scripts/lib/apt.sh

triple_of() {
  case "$1" in
    windows-x64) echo x86_64-pc-windows-gnu ;;
    linux-arm64) echo aarch64-unknown-linux-gnu ;;
  esac
}

# ---------------------------------------------------------------- tools
PACKAGES=(rustc-web cargo-web rust-web-src)
for p in "${PLATFORMS[@]}"; do
  case "$p" in
    windows-x64) PACKAGES+=(gcc-mingw-w64-x86-64 binutils-mingw-w64-x86-64) ;;
    linux-arm64) PACKAGES+=(gcc-aarch64-linux-gnu libc6-dev-arm64-cross binutils-aarch64-linux-gnu) ;;
  esac
done
apt_ensure "${PACKAGES[@]}"

# ---------------------------------------------------------------- build
# Debian's toolchain, not rustup's: only it has the standard library's sources.
export RUSTC=/usr/bin/rustc RUSTC_BOOTSTRAP=1
unset RUSTC_WRAPPER
export CARGO_TARGET_X86_64_PC_WINDOWS_GNU_LINKER=x86_64-w64-mingw32-gcc
export CARGO_TARGET_AARCH64_UNKNOWN_LINUX_GNU_LINKER=aarch64-linux-gnu-gcc
TARGET_ARGS=()
for p in "${PLATFORMS[@]}"; do TARGET_ARGS+=(--target "$(triple_of "$p")"); done
step "building cognito-sync-ffi ($PROFILE) for ${PLATFORMS[*]} with $(/usr/bin/rustc --version)"
start=$(date +%s)
# One cargo run for all targets: the build scripts and proc-macros are built once.
/usr/bin/cargo build -q -p cognito-sync-ffi --profile "$PROFILE" "${TARGET_ARGS[@]}" \
  -Zbuild-std=std,panic_unwind
step "built in $(( $(date +%s) - start ))s"

# ---------------------------------------------------------------- sizes
DIR_PROFILE=$PROFILE
if [ "$PROFILE" = dev ]; then DIR_PROFILE=debug; fi
for p in "${PLATFORMS[@]}"; do
  triple=$(triple_of "$p")
  dir=${CARGO_TARGET_DIR:-target}/$triple/$DIR_PROFILE
  case "$p" in
    windows-x64) lib=$dir/cognito_sync.dll; strip=x86_64-w64-mingw32-strip
                 others=("$dir/libcognito_sync.dll.a" "$dir/libcognito_sync.a") ;;
    linux-arm64) lib=$dir/libcognito_sync.so; strip=aarch64-linux-gnu-strip
                 others=("$dir/libcognito_sync.a") ;;
  esac
  for f in "$lib" "${others[@]}"; do
    [ -f "$f" ] || { echo "missing build product: $f" >&2; exit 1; }
  done
  if [ "$p" = windows-x64 ]; then
    # The DLL's exports as a module-definition file, from which MSVC's `lib /def:` makes an
    # MSVC import library (see ffi-c/README.md, Platforms).
    { echo "LIBRARY cognito_sync.dll"; echo "EXPORTS"
      x86_64-w64-mingw32-objdump -p "$lib" |
        sed -n '/\[Ordinal\/Name Pointer\] Table/,/^$/s/^\s*\[ *[0-9]*\] \(cognito_sync_[a-z0-9_]*\)$/    \1/p'
    } >"$dir/cognito_sync.def"
    exports=$(grep -c '^    cognito_sync_' "$dir/cognito_sync.def")
    others_exported=$(x86_64-w64-mingw32-objdump -p "$lib" |
      sed -n '/\[Ordinal\/Name Pointer\] Table/,/^$/p' | grep -E '^\s*\[ *[0-9]+\]' | grep -vc ' cognito_sync_' || true)
    [ "$others_exported" = 0 ] || { echo "cognito_sync.dll exports $others_exported symbols other than cognito_sync_*" >&2; exit 1; }
    step "$dir/cognito_sync.def: $exports exports, all cognito_sync_*"
  fi
  stripped=$(mktemp)
  "$strip" --strip-all -o "$stripped" "$lib"
  printf -- '-- platforms: %-12s %s: %s bytes stripped (%s as built)\n' "$p" "$lib" \
    "$(stat -c %s "$stripped")" "$(stat -c %s "$lib")"
  rm -f "$stripped"
done
