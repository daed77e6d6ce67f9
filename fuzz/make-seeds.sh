#!/usr/bin/env bash
# Regenerates the seed corpora that are made, not written by hand:
# - response_parsers: the emulator's real answer to each request seed of
#   emulator_requests (the last request of each), plus service error shapes;
# - sync_merge: a minimized corpus of a short run (its input is structured bytes).
# Run from the repository root after scripts/test-fuzz.sh has installed cargo-fuzz.
set -euo pipefail
cd "$(dirname "$0")/.."
export RUSTC_BOOTSTRAP=1
fuzz=(.tools/bin/cargo-fuzz)
"${fuzz[@]}" build --sanitizer address emulator_requests
"${fuzz[@]}" build --sanitizer address sync_merge
bin=fuzz/target/x86_64-unknown-linux-gnu/release

out=fuzz/corpus/response_parsers
rm -rf "$out" && mkdir -p "$out"
for seed in fuzz/corpus/emulator_requests/*; do
  name="$(basename "$seed")"
  FUZZ_DUMP_RESPONSE="$out/$name" "$bin/emulator_requests" "$seed" > /dev/null 2>&1
done
# Error shapes other services and proxies send (header code, body code, no body, HTML).
printf 'update_records 409\nx-amzn-ErrorType: ResourceConflictException:http://internal.amazon.com/coral/com.amazonaws.cognito.sync.model/\nx-amzn-RequestId: a1, a1\n\n{"message":"Current SyncCount for: level is: 2 not: 1"}' > "$out/error_conflict"
printf 'list_records 400\ncontent-type: application/x-amz-json-1.1\n\n{"__type":"com.amazonaws.cognito.sync.model#InvalidParameterException","Message":"No such SyncCount: 9"}' > "$out/error_body_type"
printf 'list_datasets 429\n\n' > "$out/error_throttled_empty"
printf 'describe_dataset 502\ncontent-type: text/html\n\n<html><body>Bad Gateway</body></html>' > "$out/error_html"
printf 'list_records 200\n\n{"Records":[{"Key":"k","Value":"v","SyncCount":1,"LastModifiedDate":1.413231134115E9,"DeviceLastModifiedDate":"2014-10-13T20:12:14.115Z","LastModifiedBy":"x"}],"DatasetSyncCount":1,"Count":1}' > "$out/records_exponent_dates"

# sync_merge: 20 s of fuzzing from nothing, minimized.
mkdir -p fuzz/corpus/sync_merge
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
"${fuzz[@]}" run --sanitizer address sync_merge "$scratch" -- -max_total_time=20 > /dev/null 2>&1
rm -f fuzz/corpus/sync_merge/*
"$bin/sync_merge" -merge=1 fuzz/corpus/sync_merge "$scratch" > /dev/null 2>&1
du -sh fuzz/corpus/*
