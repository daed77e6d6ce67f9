#!/usr/bin/env bash
# The one command that runs every test of the project on a fresh machine.
# It installs what it needs (Python packages and cmake into .venv, cbindgen into .tools,
# valgrind, pkg-config and mono with apt when missing)
# and then runs each suite in turn; any failure fails the whole run.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TERM_COLOR=never

suites=(rust conformance c python sync cpp csharp platforms cli cli-pool fuzz docs)
if [ $# -gt 0 ]; then suites=("$@"); fi

for suite in "${suites[@]}"; do
  script="scripts/test-$suite.sh"
  if [ ! -f "$script" ]; then
    echo "== suite $suite: no $script yet, skipped"
    continue
  fi
  echo "== suite $suite"
  start=$(date +%s)
  bash "$script"
  echo "== suite $suite passed in $(( $(date +%s) - start ))s"
done
echo "== all suites passed"
