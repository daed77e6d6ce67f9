"""Fixtures: the cognito-sync-local emulator binary on a free port, clients for it.

The emulator is started once per session (``--port 0``; its first stdout line says where
it listens) and killed by PID at the end. Its binary is ``$COGNITO_SYNC_LOCAL`` or
``target/debug/cognito-sync-local`` of this repository (``scripts/test-python.sh``
builds it).
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import urllib.request
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import cognito_sync

REPO = Path(__file__).resolve().parents[2]
REGION = "us-east-1"
# Pools created by the emulator at start-up (each allows unauthenticated identities).
POOL = "us-east-1:00000000-0000-4000-8000-000000000001"
CONFIG_POOL = "us-east-1:00000000-0000-4000-8000-000000000002"
STREAMS_POOL = "us-east-1:00000000-0000-4000-8000-000000000003"
DEV_KEY = ("test", "test")


class Emulator:
    def __init__(self, proc: subprocess.Popen[str], endpoint: str) -> None:
        self.proc = proc
        self.endpoint = endpoint

    def admin(self, method: str, path: str, body: Any = None) -> Any:
        """Calls the emulator's admin API (SigV4-signed with the developer key)."""
        from botocore.auth import SigV4Auth
        from botocore.awsrequest import AWSRequest
        from botocore.credentials import Credentials

        data = json.dumps(body).encode() if body is not None else b""
        req = AWSRequest(method=method, url=self.endpoint + path, data=data)
        if body is not None:
            req.headers["Content-Type"] = "application/json"
        SigV4Auth(Credentials(*DEV_KEY), "cognito-sync", REGION).add_auth(req)
        prepared = urllib.request.Request(
            req.url, data=data or None, method=method, headers=dict(req.headers.items())
        )
        with urllib.request.urlopen(prepared, timeout=10) as resp:
            text = resp.read()
        return json.loads(text) if text else None

    def set_faults(self, *rules: dict[str, Any]) -> None:
        self.admin("POST", "/_emulator/faults", {"Rules": list(rules)})

    def clear_faults(self) -> None:
        self.admin("DELETE", "/_emulator/faults")


def _binary() -> Path:
    env = os.environ.get("COGNITO_SYNC_LOCAL")
    path = Path(env) if env else REPO / "target" / "debug" / "cognito-sync-local"
    if not path.exists():
        pytest.exit(
            f"emulator binary {path} not found: run `cargo build -p cognito-sync-local`",
            returncode=2,
        )
    return path


@pytest.fixture(scope="session")
def emulator() -> Iterator[Emulator]:
    args = [str(_binary()), "--host", "127.0.0.1", "--port", "0"]
    for pool in (POOL, CONFIG_POOL, STREAMS_POOL):
        args += ["--identity-pool", pool]
    proc = subprocess.Popen(
        args, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
    )
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        match = re.match(r"listening on (http://127\.0\.0\.1:\d+)", line)
        if not match:
            raise RuntimeError(f"unexpected first line from the emulator: {line!r}")
        yield Emulator(proc, match.group(1))
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
        if proc.stdout is not None:
            proc.stdout.close()


@pytest.fixture(autouse=True)
def _no_faults_left(request: pytest.FixtureRequest) -> Iterator[None]:
    yield
    if "emulator" in request.fixturenames:
        emu: Emulator = request.getfixturevalue("emulator")
        emu.clear_faults()


@pytest.fixture(scope="session")
def endpoint(emulator: Emulator) -> str:
    return emulator.endpoint


@pytest.fixture(scope="session")
def client(endpoint: str) -> cognito_sync.Client:
    return cognito_sync.Client(
        region=REGION,
        endpoint_url=endpoint,
        aws_access_key_id=DEV_KEY[0],
        aws_secret_access_key=DEV_KEY[1],
        max_attempts=1,
    )


@pytest.fixture
def aclient(endpoint: str) -> cognito_sync.AsyncClient:
    return cognito_sync.AsyncClient(
        region=REGION,
        endpoint_url=endpoint,
        aws_access_key_id=DEV_KEY[0],
        aws_secret_access_key=DEV_KEY[1],
        max_attempts=1,
    )


@pytest.fixture(scope="session")
def boto(endpoint: str) -> Any:
    import boto3
    from botocore.config import Config

    return boto3.client(
        "cognito-sync",
        region_name=REGION,
        endpoint_url=endpoint,
        aws_access_key_id=DEV_KEY[0],
        aws_secret_access_key=DEV_KEY[1],
        config=Config(retries={"total_max_attempts": 1, "mode": "standard"}),
    )


@pytest.fixture
def identity() -> str:
    """A fresh identity id (the emulator accepts any id of the pool's region with
    developer credentials)."""
    return f"{REGION}:{uuid.uuid4()}"


def boto_kwargs(**kwargs: Any) -> dict[str, Any]:
    """snake_case keyword arguments to boto3's PascalCase ones."""
    out = {}
    for key, value in kwargs.items():
        out["".join("Id" if p == "id" else p.capitalize() for p in key.split("_"))] = value
    return out


def boto_call(boto: Any, name: str, **kwargs: Any) -> dict[str, Any]:
    response: dict[str, Any] = getattr(boto, name)(**boto_kwargs(**kwargs))
    response.pop("ResponseMetadata")
    return response
