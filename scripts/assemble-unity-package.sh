#!/usr/bin/env bash
# Assembles the Unity package with freshly built native libraries and Unity .meta files
# (stable GUIDs; PluginImporter settings per platform for the native plugins):
#   Runtime/Plugins/Linux/x86_64/libcognito_sync.so   (this machine's build)
#   Runtime/Plugins/Windows/x86_64/cognito_sync.dll   (when scripts/build-platforms.sh built it)
# Usage: scripts/assemble-unity-package.sh [--lib FILE] [--out DIR]
#   --lib FILE  package this already-built Linux library instead of building the release one
#               (the C# suite uses its debug build to check the layout without a release build)
#   --out DIR   where to assemble (default target/unity/com.cognito-sync.client)
# Prints the package folder; add its package.json in Unity with "Add package from disk".
set -euo pipefail
cd "$(dirname "$0")/.."
LIB=""
OUT=target/unity/com.cognito-sync.client
while [ $# -gt 0 ]; do
  case "$1" in
    --lib) LIB=$2; shift ;;
    --out) OUT=$2; shift ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
  shift
done
python3 bindings-csharp/tools/gen_pinvoke.py --check
if [ -z "$LIB" ]; then
  cargo build -q --release -p cognito-sync-ffi
  LIB=target/release/libcognito_sync.so
fi
rm -rf "$OUT" && mkdir -p "$OUT"
cp -r bindings-csharp/package.json bindings-csharp/README.md bindings-csharp/Runtime "bindings-csharp/Samples~" "$OUT/"
mkdir -p "$OUT/Runtime/Plugins/Linux/x86_64"
# The real file, not the SONAME symlink chain: Unity copies plugins by name.
cp -L "$LIB" "$OUT/Runtime/Plugins/Linux/x86_64/libcognito_sync.so"
DLL=target/x86_64-pc-windows-gnu/release/cognito_sync.dll
if [ -f "$DLL" ]; then
  mkdir -p "$OUT/Runtime/Plugins/Windows/x86_64" && cp "$DLL" "$OUT/Runtime/Plugins/Windows/x86_64/"
else
  echo "no $DLL (run scripts/build-platforms.sh): package has Linux x86_64 only" >&2
fi
python3 bindings-csharp/tools/unity_meta.py "$OUT" >&2
echo "$OUT"
