#!/usr/bin/env bash
# Python: build the package ONCE as users get it (scripts/build-wheel.sh: a manylinux abi3
# wheel checked by auditwheel, and an sdist, into dist/), install that wheel into .venv, build
# the emulator binary the tests start, run the pytest suite (warnings are errors), check the
# stubs against the built module (mypy.stubtest) and type-check the package, examples and
# typing sample strictly. Then the same wheel goes into a fresh venv on a PATH with no cargo
# or rustc, where the examples run against the emulator.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
PY=.venv/bin/python
$PY -m pip install --quiet --disable-pip-version-check --upgrade pip
$PY -m pip install --quiet --disable-pip-version-check \
  "pytest==9.2.0" "pytest-timeout==2.4.0" "boto3==1.44.8" "mypy==2.4.1"

# A fresh build of the local tree every time (same version number, new code).
WHEEL=$(bash scripts/build-wheel.sh)
$PY -m pip install --quiet --disable-pip-version-check --force-reinstall --no-deps "$WHEEL"

cargo build --quiet -p cognito-sync-local

# Run from the tests' folder so that `import cognito_sync` is the installed package.
(cd bindings-python && ../$PY -m pytest -p no:cacheprovider tests)

(cd bindings-python && ../$PY -m mypy.stubtest cognito_sync)
$PY -m mypy --strict --no-incremental \
  bindings-python/python/cognito_sync bindings-python/tests/typing_check.py examples/python

# ---------------------------------------------------------------- the wheel without Rust
echo "-- python: the wheel in a fresh venv with no cargo/rustc on PATH, running the examples"
NORUST=$ROOT/target/py-norust
rm -rf "$NORUST" && mkdir -p "$NORUST/home"
python3 -m venv "$NORUST/venv"
# Nothing but the venv on PATH (on some machines /usr/bin has a cargo too); no Rust variables.
CLEAN=(env -i "PATH=$NORUST/venv/bin" "HOME=$NORUST/home" "LANG=C.UTF-8")
for tool in cargo rustc; do
  if "${CLEAN[@]}" /bin/sh -c "command -v $tool" >/dev/null; then
    echo "$tool is reachable on the no-Rust PATH" >&2
    exit 1
  fi
done
"${CLEAN[@]}" "$NORUST/venv/bin/python" -m pip install --quiet --disable-pip-version-check \
  --no-index --only-binary=:all: "$ROOT/$WHEEL"

BUILD=$NORUST
source scripts/lib/emulators.sh
trap stop_emulators EXIT
start_emulator emu --identity-pool "$POOL"
ENDPOINT=$EMU_URL
# From a folder outside the checkout: only the installed wheel can be imported.
where=$(cd "$NORUST/home" && "${CLEAN[@]}" "$NORUST/venv/bin/python" -c \
  'import cognito_sync, os; print(os.path.dirname(cognito_sync.__file__))')
case "$where" in
  "$NORUST/venv/"*) echo "   cognito_sync imported from $where" ;;
  *) echo "cognito_sync was imported from $where, not from the no-Rust venv" >&2; exit 1 ;;
esac
for example in examples/python/*.py; do
  if ! out=$(cd "$NORUST/home" && "${CLEAN[@]}" AWS_ENDPOINT_URL_COGNITO_SYNC="$ENDPOINT" \
        COGNITO_IDENTITY_POOL_ID="$POOL" PYTHONWARNINGS=error \
        "$NORUST/venv/bin/python" "$ROOT/$example" 2>&1); then
    echo "$out" >&2
    echo "$example failed in the no-Rust venv" >&2
    exit 1
  fi
  [ -n "$out" ] || { echo "$example printed nothing" >&2; exit 1; }
  echo "   $example: ok ($(echo "$out" | wc -l) lines, last: $(echo "$out" | tail -n 1 | cut -c1-80))"
done
