"""Every client setting of the core is offered by the C ABI and by this package.

The list of settings comes from the core itself (``Settings::setting_names()``, built
from an exhaustive destructuring of ``embedding::Settings``: a new field or credential
source does not compile until it is named there). Each name must map to the C function(s)
declared in include/cognito_sync.h and to the Python keyword(s) or function found by
introspection; then the settings this package added for parity are checked against the
emulator.
"""

from __future__ import annotations

import asyncio
import inspect
import os
import re
import socket
import subprocess
import sys
from pathlib import Path

import pytest

import cognito_sync
from cognito_sync import _native

from .conftest import DEV_KEY, POOL, REGION, REPO

SETTINGS = _native._setting_names()

# The C ABI's function(s) for each setting (include/cognito_sync.h).
C_FUNCTIONS: dict[str, tuple[str, ...]] = {
    "region": ("cognito_sync_config_set_region",),
    "endpoint_url": ("cognito_sync_config_set_endpoint_url",),
    "credentials.default_chain": ("cognito_sync_config_use_default_credentials",),
    "credentials.profile": ("cognito_sync_config_use_profile",),
    "credentials.static": ("cognito_sync_config_set_static_credentials",),
    "credentials.cognito_identity.identity_pool_id": ("cognito_sync_config_set_cognito_identity",),
    "credentials.cognito_identity.identity_id": ("cognito_sync_config_set_cognito_identity_id",),
    "credentials.cognito_identity.logins": ("cognito_sync_config_add_cognito_login",),
    "credentials.cognito_identity.endpoint_url": ("cognito_sync_config_set_cognito_identity_endpoint_url",),
    "max_attempts": ("cognito_sync_config_set_max_attempts",),
    "connect_timeout": ("cognito_sync_config_set_connect_timeout_ms",),
    "call_timeout": ("cognito_sync_config_set_call_timeout_ms",),
    "app_name": ("cognito_sync_config_set_app_name",),
    "worker_threads": ("cognito_sync_set_worker_threads",),
}

# This package's way to give each setting: keyword arguments of the Client and
# AsyncClient constructors, or (``cognito_sync.NAME``) a function of the package. The
# default chain has no keyword: it is what a client without credential keywords uses.
PYTHON: dict[str, tuple[str, ...]] = {
    "region": ("region",),
    "endpoint_url": ("endpoint_url",),
    "credentials.default_chain": (),
    "credentials.profile": ("profile",),
    "credentials.static": ("aws_access_key_id", "aws_secret_access_key", "aws_session_token"),
    "credentials.cognito_identity.identity_pool_id": ("cognito_identity_pool_id",),
    "credentials.cognito_identity.identity_id": ("cognito_identity_id",),
    "credentials.cognito_identity.logins": ("logins",),
    "credentials.cognito_identity.endpoint_url": ("cognito_identity_endpoint_url",),
    "max_attempts": ("max_attempts",),
    "connect_timeout": ("connect_timeout",),
    "call_timeout": ("call_timeout",),
    "app_name": ("app_name",),
    "worker_threads": ("cognito_sync.set_worker_threads",),
}

# Names this file maps but the core does not have, or the other way round, fail here.
ALL_NAMES = sorted(set(SETTINGS) | set(C_FUNCTIONS) | set(PYTHON))


def _c_functions() -> set[str]:
    header = (REPO / "include" / "cognito_sync.h").read_text(encoding="utf-8")
    # Declarations only: `name(` after a return type, comments removed first.
    header = re.sub(r"/\*.*?\*/", "", header, flags=re.S)
    header = re.sub(r"//[^\n]*", "", header)
    return set(re.findall(r"\b(cognito_sync_\w+)\s*\(", header))


def test_the_core_names_settings() -> None:
    assert SETTINGS, "the core named no setting"
    assert len(SETTINGS) == len(set(SETTINGS)), SETTINGS
    assert "region" in SETTINGS and "credentials.profile" in SETTINGS


@pytest.mark.parametrize("name", ALL_NAMES)
def test_every_setting_is_mapped_here(name: str) -> None:
    assert name in SETTINGS, (
        f"{name!r} is mapped in this test but is not a setting of the core "
        f"(embedding::Settings::setting_names(): {SETTINGS})"
    )
    assert name in C_FUNCTIONS, f"setting {name!r} of the core has no C function in C_FUNCTIONS"
    assert name in PYTHON, f"setting {name!r} of the core has no Python keyword in PYTHON"


@pytest.mark.parametrize("name", ALL_NAMES)
def test_the_c_abi_offers_it(name: str) -> None:
    if name not in C_FUNCTIONS:
        pytest.fail(f"setting {name!r}: no C function mapped in C_FUNCTIONS")
    declared = _c_functions()
    missing = [f for f in C_FUNCTIONS[name] if f not in declared]
    if missing:
        pytest.fail(f"setting {name!r}: include/cognito_sync.h declares no {', '.join(missing)}")


@pytest.mark.parametrize("name", ALL_NAMES)
@pytest.mark.parametrize("cls", [cognito_sync.Client, cognito_sync.AsyncClient])
def test_python_offers_it(name: str, cls: type) -> None:
    assert name in PYTHON, f"setting {name!r} has no Python mapping"
    params = inspect.signature(cls).parameters
    for way in PYTHON[name]:
        if way.startswith("cognito_sync."):
            attr = way.split(".", 1)[1]
            func = getattr(cognito_sync, attr, None)
            assert callable(func), f"setting {name!r}: {way} does not exist"
            assert attr in cognito_sync.__all__, f"setting {name!r}: {way} is not exported"
            assert list(inspect.signature(func).parameters) == ["threads"]
        else:
            assert way in params, f"setting {name!r}: {cls.__name__}() has no keyword {way!r}"
            assert params[way].kind is inspect.Parameter.KEYWORD_ONLY
            assert params[way].default is None
    if not PYTHON[name]:
        # The default chain: what a client without credential keywords uses.
        client = cls(region=REGION, endpoint_url="http://127.0.0.1:9")
        assert "credentials=default chain" in repr(client)


# ------------------------------------------------------------------ profile=


@pytest.fixture
def shared_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Shared credentials/config files with the emulator's developer key as profile
    ``parity`` and an unknown key as ``stranger``; the environment's keys unset."""
    creds = tmp_path / "credentials"
    creds.write_text(
        f"[parity]\naws_access_key_id = {DEV_KEY[0]}\naws_secret_access_key = {DEV_KEY[1]}\n\n"
        "[stranger]\naws_access_key_id = AKIDSTRANGER\naws_secret_access_key = nope\n",
        encoding="utf-8",
    )
    config = tmp_path / "config"
    config.write_text("[profile parity]\nregion = us-east-1\n", encoding="utf-8")
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(creds))
    monkeypatch.setenv("AWS_CONFIG_FILE", str(config))
    for var in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE"):
        monkeypatch.delenv(var, raising=False)
    return tmp_path


def test_profile_signs_with_that_profiles_keys(endpoint: str, shared_files: Path) -> None:
    client = cognito_sync.Client(region=REGION, endpoint_url=endpoint, profile="parity", max_attempts=1)
    assert "credentials=profile" in repr(client)
    # Developer credentials only: the profile's keys are the emulator's developer key.
    usage = client.describe_identity_pool_usage(identity_pool_id=POOL)
    assert usage.identity_pool_usage is not None
    assert usage.identity_pool_usage.identity_pool_id == POOL
    # Another profile's keys are another signer's.
    stranger = cognito_sync.Client(region=REGION, endpoint_url=endpoint, profile="stranger", max_attempts=1)
    with pytest.raises(cognito_sync.ServiceError) as e:
        stranger.describe_identity_pool_usage(identity_pool_id=POOL)
    assert e.value.code == "UnrecognizedClientException"


def test_profile_works_for_asyncio_too(endpoint: str, shared_files: Path) -> None:
    async def run() -> None:
        client = cognito_sync.AsyncClient(region=REGION, endpoint_url=endpoint, profile="parity", max_attempts=1)
        usage = await client.describe_identity_pool_usage(identity_pool_id=POOL)
        assert usage.identity_pool_usage is not None

    asyncio.run(run())


def test_an_unknown_profile_is_a_clear_credentials_error(endpoint: str, shared_files: Path) -> None:
    client = cognito_sync.Client(region=REGION, endpoint_url=endpoint, profile="no-such-profile", max_attempts=1)
    with pytest.raises(cognito_sync.CredentialsError) as e:
        client.describe_identity_pool_usage(identity_pool_id=POOL)
    assert "no-such-profile" in str(e.value)


@pytest.mark.parametrize(
    "others",
    [
        {"aws_access_key_id": "a", "aws_secret_access_key": "b"},
        {"cognito_identity_pool_id": POOL},
    ],
)
def test_profile_excludes_the_other_credentials(others: dict[str, str]) -> None:
    with pytest.raises(cognito_sync.ValidationError, match="profile"):
        cognito_sync.Client(region=REGION, profile="parity", **others)
    with pytest.raises(ValueError, match="profile"):
        cognito_sync.AsyncClient(region=REGION, profile="parity", **others)


def test_an_empty_profile_name_is_refused() -> None:
    with pytest.raises(cognito_sync.ValidationError, match="profile"):
        cognito_sync.Client(region=REGION, profile="")


# ------------------------------------------------- cognito_identity_endpoint_url=


def _closed_port() -> str:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return f"http://127.0.0.1:{port}"


def test_cognito_identity_endpoint_url_is_where_identities_come_from(endpoint: str) -> None:
    closed = _closed_port()
    # Cognito Sync on a closed port, Cognito Identity on the emulator: the identity resolves.
    there = cognito_sync.Client(
        region=REGION,
        endpoint_url=closed,
        cognito_identity_pool_id=POOL,
        cognito_identity_endpoint_url=endpoint,
        max_attempts=1,
    )
    identity = there.identity_id()
    assert identity.startswith(f"{REGION}:")
    # The other way round it cannot, although Cognito Sync is reachable.
    nowhere = cognito_sync.Client(
        region=REGION,
        endpoint_url=endpoint,
        cognito_identity_pool_id=POOL,
        cognito_identity_endpoint_url=closed,
        max_attempts=1,
        connect_timeout=2,
    )
    with pytest.raises(cognito_sync.CredentialsError, match="GetId failed: connection failed"):
        nowhere.identity_id()


def test_cognito_identity_endpoint_url_works_with_asyncio(endpoint: str) -> None:
    async def run() -> str:
        client = cognito_sync.AsyncClient(
            region=REGION,
            endpoint_url=_closed_port(),
            cognito_identity_pool_id=POOL,
            cognito_identity_endpoint_url=endpoint,
            max_attempts=1,
        )
        return await client.identity_id()

    assert asyncio.run(run()).startswith(f"{REGION}:")


def test_cognito_identity_endpoint_url_needs_a_pool() -> None:
    with pytest.raises(cognito_sync.ValidationError, match="cognito_identity_pool_id"):
        cognito_sync.Client(region=REGION, cognito_identity_endpoint_url="http://127.0.0.1:9")


# ------------------------------------------------------------------ app_name=


def test_app_name_is_accepted_and_calls_succeed(endpoint: str) -> None:
    # The emulator does not expose the User-Agent: the name is checked and the call made.
    client = cognito_sync.Client(
        region=REGION,
        endpoint_url=endpoint,
        aws_access_key_id=DEV_KEY[0],
        aws_secret_access_key=DEV_KEY[1],
        app_name="parity-test/1.0",
        max_attempts=1,
    )
    usage = client.describe_identity_pool_usage(identity_pool_id=POOL)
    assert usage.identity_pool_usage is not None


def test_an_app_name_that_cannot_be_a_header_is_refused() -> None:
    with pytest.raises(cognito_sync.ValidationError, match="app_name"):
        cognito_sync.Client(region=REGION, app_name="two\nlines")
    with pytest.raises(cognito_sync.ValidationError, match="app_name"):
        cognito_sync.AsyncClient(region=REGION, app_name="bell\x07")


# ------------------------------------------------------------ set_worker_threads


@pytest.mark.parametrize("bad", [0, -1, 65, 2**70])
def test_set_worker_threads_refuses_a_count_out_of_range(bad: int) -> None:
    with pytest.raises(cognito_sync.ValidationError, match="1-64"):
        cognito_sync.set_worker_threads(bad)


def test_set_worker_threads_refuses_a_non_integer() -> None:
    with pytest.raises(TypeError):
        cognito_sync.set_worker_threads("2")  # type: ignore[arg-type]


def test_set_worker_threads_is_refused_once_the_runtime_runs(endpoint: str) -> None:
    async def call() -> None:
        client = cognito_sync.AsyncClient(
            region=REGION, endpoint_url=endpoint, aws_access_key_id=DEV_KEY[0], aws_secret_access_key=DEV_KEY[1]
        )
        await client.describe_identity_pool_usage(identity_pool_id=POOL)

    asyncio.run(call())  # the runtime runs now
    with pytest.raises(cognito_sync.ClientRuntimeError, match="already started") as e:
        cognito_sync.set_worker_threads(1)
    assert isinstance(e.value, RuntimeError)


_COUNT_WORKERS = """
import asyncio, os, sys
import cognito_sync

if len(sys.argv) > 2:
    cognito_sync.set_worker_threads(int(sys.argv[2]))

async def call():
    client = cognito_sync.AsyncClient(
        region="us-east-1", endpoint_url=sys.argv[1],
        aws_access_key_id="test", aws_secret_access_key="test")
    await client.describe_identity_pool_usage(identity_pool_id=%r)

asyncio.run(call())
names = []
for task in os.listdir("/proc/self/task"):
    with open(f"/proc/self/task/{task}/comm") as f:
        names.append(f.read().strip())
# Linux keeps 15 characters of a thread name: cognito-sync-worker is cognito-sync-wo.
print(sum(1 for n in names if n == "cognito-sync-worker"[:15]))
""" % (POOL,)


@pytest.mark.skipif(not os.path.isdir("/proc/self/task"), reason="counts threads in /proc")
@pytest.mark.parametrize(("args", "expected"), [((), 1), (("3",), 3)])
def test_the_runtime_runs_the_worker_threads_set(endpoint: str, args: tuple[str, ...], expected: int) -> None:
    out = subprocess.run(
        [sys.executable, "-c", _COUNT_WORKERS, endpoint, *args],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert int(out.stdout.strip()) == expected, out
