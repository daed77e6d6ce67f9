#!/usr/bin/env bash
# Installs the C library into PREFIX: lib/libcognito_sync.{so,a} (or .dylib),
# include/cognito_sync.h, the C++ wrapper include/cognito_sync.hpp, lib/pkgconfig/cognito_sync.pc and the CMake package
# lib/cmake/cognito_sync/. Builds the release library first unless --debug
# (which installs target/debug, e.g. for tests) is given. --small builds and
# installs the size-optimised library instead (profile release-small in the
# root Cargo.toml: smaller, each call a little slower).
#
# Usage: ffi-c/install.sh PREFIX [--debug | --small]
set -euo pipefail
cd "$(dirname "$0")/.."
if [ $# -lt 1 ]; then
  echo "usage: $0 PREFIX [--debug | --small]" >&2
  exit 2
fi
PREFIX=$(mkdir -p "$1" && cd "$1" && pwd)
case "${2:-}" in
  --debug) PROFILE=debug ;;
  --small) PROFILE=release-small; cargo build --profile release-small -p cognito-sync-ffi ;;
  "") PROFILE=release; cargo build --release -p cognito-sync-ffi ;;
  *) echo "usage: $0 PREFIX [--debug | --small]" >&2; exit 2 ;;
esac
VERSION=$(sed -n 's/^#define COGNITO_SYNC_VERSION "\(.*\)"$/\1/p' include/cognito_sync.h)
mkdir -p "$PREFIX/lib/pkgconfig" "$PREFIX/lib/cmake/cognito_sync" "$PREFIX/include"
for lib in libcognito_sync.so libcognito_sync.dylib libcognito_sync.a; do
  if [ -f "target/$PROFILE/$lib" ]; then cp "target/$PROFILE/$lib" "$PREFIX/lib/"; fi
done
cp include/cognito_sync.h include/cognito_sync.hpp "$PREFIX/include/"
sed -e "s|@PREFIX@|$PREFIX|" -e "s|@VERSION@|$VERSION|" ffi-c/cognito_sync.pc.in \
  >"$PREFIX/lib/pkgconfig/cognito_sync.pc"
cp ffi-c/cmake/cognito_syncConfig.cmake "$PREFIX/lib/cmake/cognito_sync/"
sed -e "s|@VERSION@|$VERSION|" ffi-c/cmake/cognito_syncConfigVersion.cmake.in \
  >"$PREFIX/lib/cmake/cognito_sync/cognito_syncConfigVersion.cmake"
echo "installed cognito_sync $VERSION ($PROFILE) into $PREFIX"
