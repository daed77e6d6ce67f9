"""Fixtures of the whole-pool command tests: emulators started here on 127.0.0.1 (port 0),
moto's DynamoDB on a free port, the `cognito-sync` binary run as a user would run it, and a
pool filled through boto3 (identities from GetId, records, tombstones, a merged dataset,
pool configuration and a Sync Trigger).

Binaries: $COGNITO_SYNC_BIN and $COGNITO_SYNC_LOCAL_BIN (scripts/test-cli-pool.sh builds
them), else target/debug/ of this repository.
"""

import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import boto3
import pytest
from botocore.config import Config

ROOT = Path(__file__).resolve().parents[3]
REGION = "us-east-1"
NO_RETRY = Config(retries={"total_max_attempts": 1, "mode": "standard"})


def _bin(env, name):
    path = os.environ.get(env) or str(ROOT / "target" / "debug" / name)
    if not Path(path).exists():
        pytest.exit(f"{name} not found at {path}; run scripts/test-cli-pool.sh", 2)
    return path


CLI = _bin("COGNITO_SYNC_BIN", "cognito-sync")
EMU = _bin("COGNITO_SYNC_LOCAL_BIN", "cognito-sync-local")


class Emulator:
    def __init__(self, *args):
        self.proc = subprocess.Popen(
            [EMU, "--port", "0", "--log", "warn", *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        line = self.proc.stdout.readline().strip()
        if not line.startswith("listening on http://127.0.0.1:"):
            err = self.proc.stderr.read()
            self.proc.wait(timeout=10)
            self._close()
            raise RuntimeError(f"emulator did not start: {line!r} {err}")
        self.endpoint = line.split()[-1]

    def client(self, service, access_key="test", secret="test", token=None):
        return boto3.client(
            service,
            endpoint_url=self.endpoint,
            region_name=REGION,
            aws_access_key_id=access_key,
            aws_secret_access_key=secret,
            aws_session_token=token,
            config=NO_RETRY,
        )

    def _close(self):
        self.proc.stdout.close()
        self.proc.stderr.close()

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        if not self.proc.stdout.closed:
            self._close()


@pytest.fixture()
def start_emulator():
    """start_emulator(*args) -> Emulator; every emulator started is stopped after the test."""
    started = []

    def start(*args):
        e = Emulator(*args)
        started.append(e)
        return e

    yield start
    for e in started:
        e.stop()


def cli_env(access_key="test", secret="test", token=None):
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    env.update(
        AWS_ACCESS_KEY_ID=access_key,
        AWS_SECRET_ACCESS_KEY=secret,
        AWS_REGION=REGION,
        # No shared files from the machine running the tests.
        AWS_SHARED_CREDENTIALS_FILE="/nonexistent",
        AWS_CONFIG_FILE="/nonexistent",
    )
    if token:
        env["AWS_SESSION_TOKEN"] = token
    return env


def run_cli(endpoint, *args, env=None, timeout=300, check=None):
    """Runs `cognito-sync --endpoint-url ENDPOINT ARGS...`; returns the CompletedProcess."""
    cmd = [CLI, "--endpoint-url", endpoint, "--quiet", *map(str, args)]
    p = subprocess.run(cmd, capture_output=True, text=True, env=env or cli_env(), timeout=timeout)
    if check is not None and p.returncode != check:
        raise AssertionError(f"{cmd} exited {p.returncode}, expected {check}\nstdout: {p.stdout}\nstderr: {p.stderr}")
    return p


def read_lines(path):
    """The archive's lines as dicts (plain or gzip)."""
    import gzip

    data = Path(path).read_bytes()
    if data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    return [json.loads(l) for l in data.decode().splitlines()]


def data_lines(path):
    """The identity and dataset lines: what must be identical between two exports of the same data."""
    return [l for l in read_lines(path) if l["Type"] in ("identity", "dataset")]


def write(sync, pool, identity, dataset, patches):
    """UpdateRecords with the current sync counts: patches is {key: value or None (remove)}."""
    listed = sync.list_records(IdentityPoolId=pool, IdentityId=identity, DatasetName=dataset, LastSyncCount=0)
    counts = {r["Key"]: r["SyncCount"] for r in listed.get("Records", [])}
    ops = []
    for k, v in patches.items():
        p = {"Op": "replace" if v is not None else "remove", "Key": k, "SyncCount": counts.get(k, 0)}
        if v is not None:
            p["Value"] = v
            p["DeviceLastModifiedDate"] = 1700000000.5
        ops.append(p)
    sync.update_records(
        IdentityPoolId=pool,
        IdentityId=identity,
        DatasetName=dataset,
        SyncSessionToken=listed["SyncSessionToken"],
        RecordPatches=ops,
    )


def populate(emu, identities=5):
    """A pool with `identities` unauthenticated identities, datasets, tombstones, a merged
    dataset, a configuration and a Sync Trigger. Returns (pool_id, [identity ids])."""
    idc = emu.client("cognito-identity")
    sync = emu.client("cognito-sync")
    pool = idc.create_identity_pool(IdentityPoolName="clipool", AllowUnauthenticatedIdentities=True)["IdentityPoolId"]
    ids = [idc.get_id(IdentityPoolId=pool)["IdentityId"] for _ in range(identities)]
    for n, i in enumerate(ids):
        write(sync, pool, i, "save", {f"k{j}": f"value-{n}-{j}" for j in range(5)})
        write(sync, pool, i, "save", {"k0": None, "k1": "changed"})
        if n % 2 == 0:
            write(sync, pool, i, "settings", {"volume": "11", "lang": "fr"})
    # A merged dataset: identity B logs in with a login that belongs to identity A.
    a = idc.get_id(IdentityPoolId=pool, Logins={"login.example": "user-1"})["IdentityId"]
    write(sync, pool, a, "save", {"a": "1"})
    b = idc.get_id(IdentityPoolId=pool)["IdentityId"]
    write(sync, pool, b, "save", {"b": "2"})
    idc.get_credentials_for_identity(IdentityId=b, Logins={"login.example": "user-1"})
    ids += [a, b]
    sync.set_cognito_events(IdentityPoolId=pool, Events={"SyncTrigger": "arn:aws:lambda:us-east-1:000000000000:function:trigger"})
    sync.set_identity_pool_configuration(
        IdentityPoolId=pool,
        CognitoStreams={"StreamName": "s", "RoleArn": "arn:aws:iam::000000000000:role/r", "StreamingStatus": "DISABLED"},
    )
    return pool, ids


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


@pytest.fixture(scope="session")
def moto():
    """moto's server (a DynamoDB nobody in this project wrote) on a free port of 127.0.0.1."""
    port = free_port()
    log = open(ROOT / "target" / "moto-cli-pool.log", "w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)], stdout=log, stderr=log
    )
    deadline = time.time() + 60
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            if time.time() > deadline or proc.poll() is not None:
                proc.kill()
                raise RuntimeError("moto server did not start; see target/moto-cli-pool.log")
            time.sleep(0.2)
    yield f"http://127.0.0.1:{port}"
    proc.terminate()
    proc.wait(timeout=20)
    log.close()
