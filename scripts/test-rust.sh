#!/usr/bin/env bash
# Rust: formatting, lints, unit and integration tests of the workspace.
# The Cognito Identity provider is also tested against moto's server (installed into
# .venv, started here on 127.0.0.1 on a free port, stopped on exit).
set -euo pipefail
cd "$(dirname "$0")/.."

cargo fmt --all -- --check
cargo clippy --workspace --all-targets --exclude cognito-sync-benches -- -D warnings
# The core alone, without its opt-in `sync` feature (the workspace build unifies it on).
cargo clippy -p cognito-sync --all-targets -- -D warnings

# moto: an implementation of Cognito Identity that nobody in this project wrote.
MOTO_VERSION="5.2.5"
[ -x .venv/bin/python ] || python3 -m venv .venv
if ! .venv/bin/python -c "import moto, moto.server, flask" 2>/dev/null; then
  .venv/bin/python -m pip install --quiet --disable-pip-version-check "moto[server]==$MOTO_VERSION"
fi
moto_port=$(.venv/bin/python -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
mkdir -p target
.venv/bin/python -m moto.server -H 127.0.0.1 -p "$moto_port" > target/moto-server.log 2>&1 &
moto_pid=$!
trap 'kill "$moto_pid" 2>/dev/null || true; wait "$moto_pid" 2>/dev/null || true' EXIT
.venv/bin/python - "$moto_port" <<'EOF'
import socket, sys, time
port = int(sys.argv[1])
deadline = time.time() + 60
while True:
    try:
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
        break
    except OSError:
        if time.time() > deadline:
            sys.exit("moto server did not start; see target/moto-server.log")
        time.sleep(0.2)
EOF
export COGNITO_SYNC_TEST_MOTO_ENDPOINT="http://127.0.0.1:$moto_port"
echo "moto server listening on $COGNITO_SYNC_TEST_MOTO_ENDPOINT"

cargo test --workspace --exclude cognito-sync-benches --exclude cognito-sync-python --exclude cognito-sync-sdk-conformance

# The quickstart runs against an embedded emulator and fails if any step misbehaves.
env -u AWS_ENDPOINT_URL_COGNITO_SYNC -u AWS_ENDPOINT_URL cargo run --quiet -p cognito-sync --example quickstart
