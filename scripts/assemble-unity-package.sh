#!/usr/bin/env bash
# Assembles the Unity package in target/unity/com.cognito-sync.client with freshly built
# native libraries: Linux x86_64 .so (release build), and the Windows x86_64 .dll when
# scripts/build-platforms.sh has built it.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 bindings-csharp/tools/gen_pinvoke.py --check
cargo build -q --release -p cognito-sync-ffi
OUT=target/unity/com.cognito-sync.client
rm -rf "$OUT" && mkdir -p "$OUT"
cp -r bindings-csharp/package.json bindings-csharp/README.md bindings-csharp/Runtime "bindings-csharp/Samples~" "$OUT/"
mkdir -p "$OUT/Runtime/Plugins/Linux/x86_64"
cp target/release/libcognito_sync.so "$OUT/Runtime/Plugins/Linux/x86_64/"
DLL=target/x86_64-pc-windows-gnu/release/cognito_sync.dll
if [ -f "$DLL" ]; then
  mkdir -p "$OUT/Runtime/Plugins/Windows/x86_64" && cp "$DLL" "$OUT/Runtime/Plugins/Windows/x86_64/"
else
  echo "no $DLL (run scripts/build-platforms.sh): package has Linux only" >&2
fi
echo "$OUT"
