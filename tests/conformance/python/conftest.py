"""Fixtures: one cognito-sync-local binary per test session, boto3 clients pointed at it.

The binary comes from $COGNITO_SYNC_LOCAL_BIN (scripts/test-conformance.sh builds it), else
target/debug/cognito-sync-local of this repository.
"""

import json
import os
import subprocess
import urllib.request
import uuid
from pathlib import Path

import boto3
import botocore.auth
import botocore.awsrequest
import botocore.credentials
import pytest
from botocore.config import Config

ROOT = Path(__file__).resolve().parents[3]
POOL = "us-east-1:00000000-0000-0000-0000-0000000000c0"
REGION = "us-east-1"
# Exactly one attempt. Careful: botocore's client-config `max_attempts` counts *retries*
# (it becomes total_max_attempts = max_attempts + 1), so {'max_attempts': 1} still retries once.
NO_RETRY = Config(retries={"total_max_attempts": 1, "mode": "standard"})


def _binary():
    path = os.environ.get("COGNITO_SYNC_LOCAL_BIN") or str(ROOT / "target" / "debug" / "cognito-sync-local")
    if not Path(path).exists():
        pytest.exit(f"emulator binary not found at {path}; run cargo build -p cognito-sync-local", 2)
    return path


@pytest.fixture(scope="session")
def endpoint():
    proc = subprocess.Popen(
        [_binary(), "--identity-pool", POOL, "--bulk-publish-ms", "200", "--log", os.environ.get("EMU_LOG", "warn")],
        stdout=subprocess.PIPE,
        text=True,
    )
    line = proc.stdout.readline().strip()
    assert line.startswith("listening on http://127.0.0.1:"), line
    yield line.split()[-1]
    proc.terminate()
    proc.wait(timeout=10)


def client(service, endpoint, access_key="test", secret="test", token=None):
    return boto3.client(
        service,
        endpoint_url=endpoint,
        region_name=REGION,
        aws_access_key_id=access_key,
        aws_secret_access_key=secret,
        aws_session_token=token,
        config=NO_RETRY,
    )


@pytest.fixture(scope="session")
def sync(endpoint):
    """A cognito-sync client with the developer key."""
    return client("cognito-sync", endpoint)


@pytest.fixture(scope="session")
def identity(endpoint):
    """A cognito-identity client with the developer key."""
    return client("cognito-identity", endpoint)


@pytest.fixture()
def pool(identity):
    """A fresh identity pool for one test (so usage figures and configuration start clean)."""
    out = identity.create_identity_pool(
        IdentityPoolName="conformance-" + uuid.uuid4().hex[:8], AllowUnauthenticatedIdentities=True
    )
    yield out["IdentityPoolId"]
    identity.delete_identity_pool(IdentityPoolId=out["IdentityPoolId"])


class User:
    """An unauthenticated identity and a cognito-sync client using its temporary credentials."""

    def __init__(self, endpoint, identity, pool):
        self.pool = pool
        self.id = identity.get_id(IdentityPoolId=pool)["IdentityId"]
        creds = identity.get_credentials_for_identity(IdentityId=self.id)["Credentials"]
        self.credentials = creds
        self.sync = client(
            "cognito-sync", endpoint, creds["AccessKeyId"], creds["SecretKey"], creds["SessionToken"]
        )


@pytest.fixture()
def new_user(endpoint, identity, pool):
    return lambda: User(endpoint, identity, pool)


@pytest.fixture()
def admin(endpoint):
    """Calls the emulator's admin route, SigV4-signed with the developer key."""

    def call(method, path, body=None):
        data = json.dumps(body).encode() if body is not None else b""
        req = botocore.awsrequest.AWSRequest(method=method, url=endpoint + path, data=data)
        creds = botocore.credentials.Credentials("test", "test")
        botocore.auth.SigV4Auth(creds, "cognito-sync", REGION).add_auth(req)
        prepared = req.prepare()
        http_req = urllib.request.Request(prepared.url, data=data or None, method=method, headers=dict(prepared.headers))
        with urllib.request.urlopen(http_req) as resp:
            text = resp.read()
        return json.loads(text) if text else None

    yield call
    call("DELETE", "/_emulator/faults")
