#!/usr/bin/env bash
# C# suite: the generated P/Invoke file is up to date with include/cognito_sync.h, the
# runtime assembly builds under Mono with warnings as errors, the Unity-only code, the sample
# and the README's first-sync block compile against a UnityEngine stand-in, the assembled
# Unity package has its layout and .meta files, and the test program runs against emulators
# on 127.0.0.1 (one plain, one injecting faults for the error classes).
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

step "Unity-only code (#if UNITY_5_3_OR_NEWER) and the sample compile against a UnityEngine stand-in"
mcs -target:library -out:"$BUILD/UnityEngine.dll" bindings-csharp/Tests/UnityStub/UnityEngine.cs
mcs -target:library -unsafe -warnaserror -define:UNITY_5_3_OR_NEWER -r:"$BUILD/UnityEngine.dll" \
  -out:"$BUILD/CognitoSync.Unity.dll" -recurse:'bindings-csharp/Runtime/*.cs'
mcs -target:library -warnaserror -define:UNITY_5_3_OR_NEWER -r:"$BUILD/UnityEngine.dll" -r:"$BUILD/CognitoSync.Unity.dll" \
  -out:"$BUILD/GameSave.dll" 'bindings-csharp/Samples~/GameSave/GameSave.cs'
python3 - >"$BUILD/ReadmeFirstSync.cs" <<'PY'
import re
text = open("bindings-csharp/README.md").read()
m = re.search(r"<!-- test-csharp.sh compiles this block[^>]*-->\s*```csharp\n(.*?)```", text, re.S)
print(m.group(1))
PY
mcs -target:library -warnaserror -r:"$BUILD/UnityEngine.dll" -r:"$BUILD/CognitoSync.Unity.dll" \
  -out:"$BUILD/ReadmeFirstSync.dll" "$BUILD/ReadmeFirstSync.cs"

step "the assembled Unity package has its layout and .meta files"
PKG=$(scripts/assemble-unity-package.sh --lib target/debug/libcognito_sync.so --out "$BUILD/unity/com.cognito-sync.client" 2>/dev/null)
python3 - "$PKG" <<'PY'
import json, sys
from pathlib import Path
root = Path(sys.argv[1])
need = ["package.json", "README.md", "Runtime/CognitoSync.asmdef", "Runtime/Native/NativeMethods.g.cs",
        "Runtime/Plugins/Linux/x86_64/libcognito_sync.so", "Samples~/GameSave/GameSave.cs"]
missing = [p for p in need if not (root / p).is_file()]
manifest = json.loads((root / "package.json").read_text())
asmdef = json.loads((root / "Runtime/CognitoSync.asmdef").read_text())
for s in manifest.get("samples", []):
    if not (root / s["path"]).is_dir(): missing.append("sample " + s["path"])
if manifest.get("name") != "com.cognito-sync.client" or not asmdef.get("allowUnsafeCode"): missing.append("manifest/asmdef fields")
guids = {}
for p in root.rglob("*"):
    rel = p.relative_to(root)
    if any(part.endswith("~") for part in rel.parts) or p.suffix == ".meta": continue
    meta = Path(str(p) + ".meta")
    if not meta.is_file(): missing.append(str(rel) + ".meta"); continue
    g = [l.split(": ")[1] for l in meta.read_text().splitlines() if l.startswith("guid: ")][0]
    if g in guids: missing.append("duplicate guid " + str(rel))
    guids[g] = rel
plugin = (root / "Runtime/Plugins/Linux/x86_64/libcognito_sync.so.meta").read_text()
for want in ("PluginImporter:", "Standalone: Linux64|    second:|      enabled: 1", "OS: Linux", "Exclude Win64: 1"):
    want = want.replace("|", chr(10))
    if want not in plugin: missing.append("plugin meta lacks " + repr(want))
if (root / "Runtime/Plugins/Linux/x86_64/libcognito_sync.so").read_bytes()[:4] != b"\x7fELF": missing.append("ELF")
if missing: sys.exit("package layout: " + ", ".join(missing))
print("package layout ok: %d files with .meta" % len(guids))
PY

source scripts/lib/emulators.sh
cleanup() { stop_emulators; }
trap cleanup EXIT

POOL=us-east-1:00000000-0000-0000-0000-000000000001
start_emulator main --identity-pool "$POOL" --developer-key test:test --bulk-publish-ms 1500
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
