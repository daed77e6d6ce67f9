#!/usr/bin/env bash
# The fuzz suite: builds the coverage-guided fuzz targets of fuzz/ (cargo fuzz, libFuzzer,
# AddressSanitizer) and runs each for a short bounded time, starting from its checked-in
# seed corpus (fuzz/corpus/<target>/). Any crash, leak, timeout or failed check fails the
# suite; the crashing input is kept in fuzz/artifacts/<target>/ (see fuzz/README.md).
# Prints the executions and the coverage (cov/ft) each target reached.
#
# FUZZ_SECONDS=N sets the seconds per target (default 20; the suite stays within ~7 min on 2 cores, build included); FUZZ_TARGETS="a b" picks targets.
set -euo pipefail
cd "$(dirname "$0")/.."

CARGO_FUZZ_VERSION=0.13.2
seconds="${FUZZ_SECONDS:-20}"
read -r -a targets <<< "${FUZZ_TARGETS:-response_parsers emulator_requests sync_merge ffi_inputs}"
tools="$PWD/.tools"

# cargo-fuzz, pinned, installed into the checkout (nothing outside it).
if ! "$tools/bin/cargo-fuzz" --version 2>/dev/null | grep -qx "cargo-fuzz $CARGO_FUZZ_VERSION"; then
  echo "== installing cargo-fuzz $CARGO_FUZZ_VERSION into .tools/"
  cargo install cargo-fuzz --version "=$CARGO_FUZZ_VERSION" --locked --root "$tools"
fi

# cargo fuzz passes nightly-only flags (-Zsanitizer=address, sanitizer coverage); the
# stable toolchain accepts them with RUSTC_BOOTSTRAP=1 and ships the ASan runtime.
export RUSTC_BOOTSTRAP=1
fuzz=("$tools/bin/cargo-fuzz")

echo "== building ${#targets[@]} fuzz targets (address sanitizer)"
"${fuzz[@]}" build --sanitizer address

# New inputs found by this run go to a scratch directory, not into the checkout.
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

summary=()
for target in "${targets[@]}"; do
  echo "== fuzzing $target for ${seconds}s"
  mkdir -p "$work/$target"
  log="$work/$target.log"
  # -timeout: one input taking 10 s is a hang; -rss_limit_mb: a leak or blow-up fails.
  extra=()
  # Structured input: full-length inputs from the start (more records per merge).
  if [ "$target" = sync_merge ]; then extra=(-len_control=0 -max_len=2048); fi
  if ! "${fuzz[@]}" run --sanitizer address "$target" "$work/$target" "fuzz/corpus/$target" -- \
      -max_total_time="$seconds" -timeout=10 -rss_limit_mb=3072 -print_final_stats=1 \
      "${extra[@]}" > "$log" 2>&1; then
    tail -n 60 "$log"
    echo "== fuzz target $target FAILED: input saved under fuzz/artifacts/$target/ (see fuzz/README.md)"
    exit 1
  fi
  done_line="$(grep -E '^#[0-9]+[[:space:]]+DONE' "$log" | tail -n 1 || true)"
  execs="$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)"
  cov="$(sed -n 's/.* cov: \([0-9]*\) .*/\1/p' <<< "$done_line")"
  ft="$(sed -n 's/.* ft: \([0-9]*\) .*/\1/p' <<< "$done_line")"
  corp="$(sed -n 's/.* corp: \([0-9]*\/[0-9A-Za-z]*\) .*/\1/p' <<< "$done_line")"
  if [ -z "$execs" ] || [ -z "$cov" ]; then
    tail -n 30 "$log"
    echo "== fuzz target $target: no libFuzzer statistics in its output"
    exit 1
  fi
  line="$target: ${execs} executions, cov: ${cov} ft: ${ft} corpus: ${corp} in ${seconds}s, 0 crashes"
  echo "== $line"
  summary+=("$line")
done

echo "== fuzz summary"
printf '   %s\n' "${summary[@]}"
echo "fuzz: ${#summary[@]} passed, 0 failed"
