"""Fixtures: one cognito-sync-local emulator per session, and runners for the AWS CLI
(`aws cognito-sync ...`, awscli from PyPI in .venv) and our `cognito-sync` binary, both
pointed at it with the same environment.

Binaries: $COGNITO_SYNC_LOCAL_BIN and $COGNITO_SYNC_CLI_BIN (scripts/test-cli.sh builds
them), else target/debug/ of this repository. The AWS CLI: $AWS_CLI_BIN, else the `aws`
next to this Python.
"""

import json
import os
import subprocess
import sys
import urllib.request
import uuid
from pathlib import Path

import pytest
from ops_compare import normalize

ROOT = Path(__file__).resolve().parents[3]
REGION = "us-east-1"
DEVELOPER = {"AWS_ACCESS_KEY_ID": "test", "AWS_SECRET_ACCESS_KEY": "test"}


def _path(var, default):
    path = os.environ.get(var) or str(default)
    if not Path(path).exists():
        pytest.exit(f"{path} not found (set {var}, or run scripts/test-cli.sh)", 2)
    return path


@pytest.fixture(scope="session")
def endpoint():
    binary = _path("COGNITO_SYNC_LOCAL_BIN", ROOT / "target" / "debug" / "cognito-sync-local")
    proc = subprocess.Popen(
        [binary, "--port", "0", "--bulk-publish-ms", "300", "--log", "warn"],
        stdout=subprocess.PIPE,
        text=True,
    )
    line = proc.stdout.readline().strip()
    assert line.startswith("listening on http://127.0.0.1:"), line
    yield line.split()[-1]
    proc.terminate()
    proc.wait(timeout=10)


class Runner:
    """Runs a command line with a clean AWS environment: no shared files, given keys."""

    def __init__(self, argv0, endpoint, home):
        self.argv0 = argv0
        self.endpoint = endpoint
        self.home = home

    def env(self, credentials=None, extra=None):
        env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
        env.update(
            HOME=str(self.home),
            AWS_CONFIG_FILE=str(self.home / "no-config"),
            AWS_SHARED_CREDENTIALS_FILE=str(self.home / "no-credentials"),
            AWS_DEFAULT_REGION=REGION,
            AWS_EC2_METADATA_DISABLED="true",
        )
        env.update(DEVELOPER if credentials is None else credentials)
        env.update(extra or {})
        return env

    def __call__(self, *args, credentials=None, endpoint=None, env=None, cwd=None):
        argv = [*self.argv0, *args, "--endpoint-url", endpoint or self.endpoint]
        p = subprocess.run(
            argv,
            capture_output=True,
            text=True,
            env=self.env(credentials, env),
            cwd=cwd,
            timeout=60,
        )
        return p.returncode, p.stdout, p.stderr


@pytest.fixture(scope="session")
def home(tmp_path_factory):
    return tmp_path_factory.mktemp("home")


@pytest.fixture(scope="session")
def ours(endpoint, home):
    return Runner([_path("COGNITO_SYNC_CLI_BIN", ROOT / "target" / "debug" / "cognito-sync")], endpoint, home)


@pytest.fixture(scope="session")
def aws(endpoint, home, ours):
    default = Path(sys.executable).parent / "aws"
    runner = Runner([_path("AWS_CLI_BIN", default), "cognito-sync"], endpoint, home)
    runner.token_source = ours
    return runner


@pytest.fixture(scope="session")
def identity_api(endpoint):
    """Cognito Identity calls that need no signature (GetId, GetCredentialsForIdentity)."""

    def call(operation, body):
        req = urllib.request.Request(
            endpoint + "/",
            data=json.dumps(body).encode(),
            method="POST",
            headers={
                "Content-Type": "application/x-amz-json-1.1",
                "X-Amz-Target": f"AWSCognitoIdentityService.{operation}",
            },
        )
        with urllib.request.urlopen(req) as resp:
            return json.loads(resp.read())

    return call


@pytest.fixture()
def new_pool(endpoint, home):
    """Creates a fresh identity pool (allowing unauthenticated identities) with the AWS CLI."""
    runner = Runner([str(Path(_path("AWS_CLI_BIN", Path(sys.executable).parent / "aws"))), "cognito-identity"], endpoint, home)

    def make():
        rc, out, err = runner(
            "create-identity-pool",
            "--identity-pool-name",
            "cli-" + uuid.uuid4().hex[:8],
            "--allow-unauthenticated-identities",
        )
        assert rc == 0, err
        return json.loads(out)["IdentityPoolId"]

    return make


@pytest.fixture()
def new_identity(identity_api):
    """A new identity of a pool, and its temporary credentials as environment variables."""

    def make(pool):
        identity = identity_api("GetId", {"IdentityPoolId": pool})["IdentityId"]
        creds = identity_api("GetCredentialsForIdentity", {"IdentityId": identity})["Credentials"]
        env = {
            "AWS_ACCESS_KEY_ID": creds["AccessKeyId"],
            "AWS_SECRET_ACCESS_KEY": creds["SecretKey"],
            "AWS_SESSION_TOKEN": creds["SessionToken"],
        }
        return identity, env

    return make


@pytest.fixture()
def same(aws, ours):
    """Runs the AWS CLI, then ours, with the same arguments; asserts the same stdout (up to
    session tokens), the same stderr message and the expected exit codes. Returns stdout."""

    def check(*args, ours_rc=0, ours_err=None, **kw):
        """`ours_err`: where our message knowingly differs (the core checks the model's
        patterns before sending, botocore only lengths), what it must say instead."""
        a_rc, a_out, a_err = aws(*args, **kw)
        o_rc, o_out, o_err = ours(*args, **kw)
        assert normalize(o_out) == normalize(a_out), f"stdout differs for {args}\nours:\n{o_out}\naws:\n{a_out}"
        if ours_err is None:
            assert o_err.strip() == a_err.strip(), f"stderr differs for {args}\nours: {o_err}\naws: {a_err}"
        else:
            assert ours_err in o_err, (ours_err, o_err)
        assert a_rc == (0 if ours_rc == 0 else 255), (a_rc, a_err)
        assert o_rc == ours_rc, (o_rc, o_err)
        return o_out

    return check
