#!/usr/bin/env bash
# Python: build and install the package from ./bindings-python into .venv (maturin as the
# PEP 517 backend, exactly as `pip install ./bindings-python` does for users), build the
# emulator binary the tests start, run the pytest suite (warnings are errors), check the
# stubs against the built module (mypy.stubtest) and type-check the package, examples
# and typing sample strictly.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
PY=.venv/bin/python
$PY -m pip install --quiet --disable-pip-version-check --upgrade pip
$PY -m pip install --quiet --disable-pip-version-check \
  "pytest==9.2.0" "pytest-timeout==2.4.0" "boto3==1.44.8" "mypy==2.4.1"
# A fresh build of the local tree every time (same version number, new code).
$PY -m pip install --quiet --disable-pip-version-check --force-reinstall --no-deps ./bindings-python

cargo build --quiet -p cognito-sync-local

# Run from the tests' folder so that `import cognito_sync` is the installed package.
(cd bindings-python && ../$PY -m pytest -p no:cacheprovider tests)

(cd bindings-python && ../$PY -m mypy.stubtest cognito_sync)
$PY -m mypy --strict --no-incremental \
  bindings-python/python/cognito_sync bindings-python/tests/typing_check.py examples/python
