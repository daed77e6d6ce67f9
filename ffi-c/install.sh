#!/usr/bin/env bash
# Installs the C library into PREFIX: lib/libcognito_sync.so.VERSION with the
# symlinks libcognito_sync.so.0 (the SONAME: ABI major version) and
# libcognito_sync.so, lib/libcognito_sync.a (or .dylib; on Windows
# bin/cognito_sync.dll and lib/libcognito_sync.dll.a), include/cognito_sync.h and
# the C++ wrapper include/cognito_sync.hpp, lib/pkgconfig/cognito_sync.pc (shared) and cognito_sync-static.pc (links the
# .a), and the CMake package lib/cmake/cognito_sync/. Nothing installed holds
# an absolute path: the prefix can be moved. Builds the release library first
# unless --debug (which installs target/debug, e.g. for tests) is given.
# --small builds and installs the size-optimised library instead (profile
# release-small in the root Cargo.toml: smaller, each call a little slower).
# --from DIR installs an already built library from DIR (e.g.
# target/x86_64-pc-windows-gnu/release from a cross build; see ffi-c/README.md).
#
# Usage: ffi-c/install.sh PREFIX [--debug | --small | --from DIR]
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
  --from) PROFILE=from; FROM=${3:?--from needs a directory} ;;
  "") PROFILE=release; cargo build --release -p cognito-sync-ffi ;;
  *) echo "usage: $0 PREFIX [--debug | --small | --from DIR]" >&2; exit 2 ;;
esac
FROM=${FROM:-target/$PROFILE}
VERSION=$(sed -n 's/^#define COGNITO_SYNC_VERSION "\(.*\)"$/\1/p' include/cognito_sync.h)
ABI_MAJOR=0 # the SONAME's version, set in ffi-c/build.rs
mkdir -p "$PREFIX/lib/pkgconfig" "$PREFIX/lib/cmake/cognito_sync" "$PREFIX/include"
if [ -f "$FROM/libcognito_sync.so" ]; then
  rm -f "$PREFIX/lib/libcognito_sync.so" "$PREFIX/lib/libcognito_sync.so.$ABI_MAJOR"
  cp "$FROM/libcognito_sync.so" "$PREFIX/lib/libcognito_sync.so.$VERSION"
  ln -s "libcognito_sync.so.$VERSION" "$PREFIX/lib/libcognito_sync.so.$ABI_MAJOR"
  ln -s "libcognito_sync.so.$ABI_MAJOR" "$PREFIX/lib/libcognito_sync.so"
fi
for lib in libcognito_sync.dylib libcognito_sync.a libcognito_sync.dll.a; do
  if [ -f "$FROM/$lib" ]; then cp "$FROM/$lib" "$PREFIX/lib/"; fi
done
if [ -f "$FROM/cognito_sync.dll" ]; then
  mkdir -p "$PREFIX/bin" && cp "$FROM/cognito_sync.dll" "$PREFIX/bin/"
fi
cp include/cognito_sync.h include/cognito_sync.hpp "$PREFIX/include/"
for pc in cognito_sync cognito_sync-static; do
  sed -e "s|@VERSION@|$VERSION|" "ffi-c/$pc.pc.in" >"$PREFIX/lib/pkgconfig/$pc.pc"
done
cp ffi-c/cmake/cognito_syncConfig.cmake "$PREFIX/lib/cmake/cognito_sync/"
sed -e "s|@VERSION@|$VERSION|" ffi-c/cmake/cognito_syncConfigVersion.cmake.in \
  >"$PREFIX/lib/cmake/cognito_sync/cognito_syncConfigVersion.cmake"
echo "installed cognito_sync $VERSION ($PROFILE) into $PREFIX"
