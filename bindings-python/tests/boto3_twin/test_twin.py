"""One boto3-style test module, run with ``boto3.client``, with ``cognito_sync.client``,
and with the asyncio twin ``cognito_sync.aio.create_client`` (each coroutine run to its
end by a small adapter); the factory is the only difference. Each run gets a
fresh emulator, so both start from the same state; every dict a call returns and every
error it raises is recorded, and the later runs' records must equal boto3's,
ignoring only opaque tokens, request ids, date values, identity/device ids the emulator
generates and the headers that vary between calls (date, content-length).

The test bodies are plain boto3 code: nothing in them knows which client they drive.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime
import os
import re
import signal
import subprocess
import time
from collections.abc import Callable, Iterator
from typing import Any

import boto3
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError, ParamValidationError

import cognito_sync
import cognito_sync.aio

from ..conftest import CONFIG_POOL, DEV_KEY, POOL, REGION, STREAMS_POOL, Emulator, _binary

FACTORIES = ("boto3", "cognito_sync", "cognito_sync.aio")
IDENTITY = f"{REGION}:11111111-2222-4333-8444-555555555555"
UNKNOWN_POOL = f"{REGION}:99999999-9999-4999-8999-999999999999"
ROLE = "arn:aws:iam::123456789012:role/cognito-sync"
APP = "arn:aws:sns:us-east-1:123456789012:app/GCM/game"
STREAM = "game-stream"

# Header values that differ from call to call (or by the size of a token or a date).
VARYING_HEADERS = {"date", "content-length", "x-amzn-requestid"}


class Twin:
    """One run: its emulator, its client factory and what its calls returned."""

    def __init__(self, name: str, emulator: Emulator) -> None:
        self.name = name
        self.emulator = emulator
        self.records: dict[str, list[Any]] = {}
        self.generated: dict[str, str] = {}
        self.test = ""

    def client(self, **overrides: Any) -> Any:
        kwargs: dict[str, Any] = {
            "region_name": REGION,
            "endpoint_url": self.emulator.endpoint,
            "aws_access_key_id": DEV_KEY[0],
            "aws_secret_access_key": DEV_KEY[1],
            "config": Config(retries={"total_max_attempts": 1, "mode": "standard"}),
        }
        kwargs.update(overrides)
        if self.name == "boto3":
            return boto3.client("cognito-sync", **kwargs)
        if self.name == "cognito_sync":
            return cognito_sync.client("cognito-sync", **kwargs)
        return _Blocking(cognito_sync.aio.create_client("cognito-sync", **kwargs))

    def generated_id(self, kind: str, value: str) -> None:
        """Registers a value the emulator generated (an identity id...): compared by
        the order it was seen in, not by its text."""
        self.generated.setdefault(value, f"<{kind}-{len(self.generated)}>")

    def record(self, value: Any) -> Any:
        self.records.setdefault(self.test, []).append(self.normalize(value))
        return value

    def error(self, call: Callable[[], Any]) -> ClientError:
        """Runs a call that must fail with a ClientError and records the error."""
        with pytest.raises(ClientError) as info:
            call()
        err = info.value
        self.record(
            {
                "class": type(err).__name__,
                "operation_name": err.operation_name,
                "response": err.response,
                "str": str(err),
            }
        )
        return err

    def normalize(self, value: Any, key: str = "") -> Any:
        if isinstance(value, dict):
            out = {}
            for k, v in value.items():
                if key == "HTTPHeaders" and k in VARYING_HEADERS:
                    out[k] = "<varies>"
                else:
                    out[k] = self.normalize(v, k)
            return out
        if isinstance(value, list):
            return [self.normalize(v, key) for v in value]
        if isinstance(value, datetime.datetime):
            assert value.tzinfo is not None, f"{key}: naive datetime {value!r}"
            return "<datetime>"
        if isinstance(value, str):
            if key in ("SyncSessionToken", "NextToken", "RequestId", "DeviceId"):
                assert value, f"{key} is empty"
                return f"<{key}>"
            for generated, placeholder in self.generated.items():
                value = value.replace(generated, placeholder)
            return value
        return value


class _Blocking:
    """Runs each coroutine method of an asyncio client to its end: the tests' code is
    boto3's, blocking."""

    def __init__(self, client: Any) -> None:
        self._client = client
        self.exceptions = client.exceptions
        self.meta = client.meta
        self.waiter_names = client.waiter_names

    def __getattr__(self, name: str) -> Any:
        method = getattr(self._client, name)
        return lambda **kwargs: asyncio.run(method(**kwargs))


RUNS: dict[str, Twin] = {}
COMPARED: set[tuple[str, str]] = set()


def _start_emulator() -> tuple[subprocess.Popen[str], Emulator]:
    args = [str(_binary()), "--host", "127.0.0.1", "--port", "0", "--bulk-publish-ms", "300"]
    for pool in (POOL, CONFIG_POOL, STREAMS_POOL):
        args += ["--identity-pool", pool]
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    assert proc.stdout is not None
    line = proc.stdout.readline()
    match = re.match(r"listening on (http://127\.0\.0\.1:\d+)", line)
    if not match:
        os.kill(proc.pid, signal.SIGKILL)
        raise RuntimeError(f"unexpected first line from the emulator: {line!r}")
    return proc, Emulator(proc, match.group(1))


@pytest.fixture(scope="module", params=FACTORIES)
def twin(request: pytest.FixtureRequest) -> Iterator[Twin]:
    proc, emulator = _start_emulator()
    try:
        run = Twin(request.param, emulator)
        RUNS[request.param] = run
        yield run
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
        if proc.stdout is not None:
            proc.stdout.close()


@pytest.fixture
def cognito(twin: Twin, request: pytest.FixtureRequest) -> Iterator[Any]:
    """The client under test, developer credentials, no retries."""
    twin.test = request.node.originalname
    yield twin.client()
    _compare(twin.test, twin.name)


def _compare(test: str, name: str) -> None:
    if name == FACTORIES[0]:
        return  # the reference run: the others compare with it
    first = RUNS[FACTORIES[0]].records.get(test) if FACTORIES[0] in RUNS else None
    second = RUNS[name].records.get(test)
    assert first is not None, f"{test}: no record of the boto3 run"
    assert second is not None, f"{test}: no record of the {name} run"
    assert len(first) == len(second)
    for i, (a, b) in enumerate(zip(first, second)):
        assert b == a, f"{test}: call #{i} differs between boto3 and {name}"
    COMPARED.add((name, test))


def _cognito_credentials(twin: Twin) -> tuple[str, dict[str, str]]:
    """An unauthenticated identity of POOL and its temporary credentials (setup, done
    with boto3's cognito-identity client in both runs)."""
    idp = boto3.client(
        "cognito-identity",
        region_name=REGION,
        endpoint_url=twin.emulator.endpoint,
        aws_access_key_id=DEV_KEY[0],
        aws_secret_access_key=DEV_KEY[1],
    )
    identity = idp.get_id(IdentityPoolId=POOL)["IdentityId"]
    twin.generated_id("identity", identity)
    creds = idp.get_credentials_for_identity(IdentityId=identity)["Credentials"]
    return identity, {
        "aws_access_key_id": creds["AccessKeyId"],
        "aws_secret_access_key": creds["SecretKey"],
        "aws_session_token": creds["SessionToken"],
    }


# ------------------------------------------------------------------ the tests


def test_records_and_datasets(cognito: Any, twin: Twin) -> None:
    ids = {"IdentityPoolId": POOL, "IdentityId": IDENTITY}
    page = twin.record(cognito.list_records(**ids, DatasetName="save", LastSyncCount=0))
    written = twin.record(
        cognito.update_records(
            **ids,
            DatasetName="save",
            SyncSessionToken=page["SyncSessionToken"],
            DeviceId="device-1",
            ClientContext="eyJjbGllbnQiOiAiZ2FtZSJ9",
            RecordPatches=[
                {"Op": "replace", "Key": "level", "Value": "3", "SyncCount": 0},
                {
                    "Op": "replace",
                    "Key": "coins",
                    "Value": "120",
                    "SyncCount": 0,
                    "DeviceLastModifiedDate": datetime.datetime(
                        2026, 1, 2, 3, 4, 5, tzinfo=datetime.timezone.utc
                    ),
                },
                {"Op": "replace", "Key": "old", "Value": "x", "SyncCount": 0},
            ],
        )
    )
    assert [r["SyncCount"] for r in written["Records"]] == [1, 1, 1]
    assert isinstance(written["Records"][0]["SyncCount"], int)
    page = twin.record(cognito.list_records(**ids, DatasetName="save"))
    twin.record(
        cognito.update_records(
            **ids,
            DatasetName="save",
            SyncSessionToken=page["SyncSessionToken"],
            RecordPatches=[{"Op": "remove", "Key": "old", "SyncCount": 1}],
        )
    )
    twin.record(cognito.list_records(**ids, DatasetName="save", LastSyncCount=1, MaxResults=1))
    twin.record(cognito.list_records(**ids, DatasetName="missing"))
    twin.record(cognito.describe_dataset(**ids, DatasetName="save"))
    twin.record(cognito.list_datasets(**ids))
    twin.record(cognito.list_datasets(**ids, MaxResults=1))
    twin.record(cognito.describe_identity_usage(**ids))
    twin.record(cognito.delete_dataset(**ids, DatasetName="save"))
    twin.record(cognito.list_records(**ids, DatasetName="save", LastSyncCount=2))


def test_record_errors(cognito: Any, twin: Twin) -> None:
    ids = {"IdentityPoolId": POOL, "IdentityId": IDENTITY, "DatasetName": "errors"}
    page = cognito.list_records(**ids)
    cognito.update_records(
        **ids,
        SyncSessionToken=page["SyncSessionToken"],
        RecordPatches=[{"Op": "replace", "Key": "k", "Value": "1", "SyncCount": 0}],
    )
    err = twin.error(
        lambda: cognito.update_records(
            **ids,
            SyncSessionToken=page["SyncSessionToken"],
            RecordPatches=[{"Op": "replace", "Key": "k", "Value": "2", "SyncCount": 0}],
        )
    )
    assert isinstance(err, cognito.exceptions.ResourceConflictException)
    assert err.response["Error"]["Code"] == "ResourceConflictException"
    assert err.response["ResponseMetadata"]["HTTPStatusCode"] == 409
    err = twin.error(lambda: cognito.list_records(**ids, LastSyncCount=99))
    assert isinstance(err, cognito.exceptions.InvalidParameterException)
    twin.error(
        lambda: cognito.update_records(**ids, SyncSessionToken="garbled", RecordPatches=[])
    )
    err = twin.error(lambda: cognito.describe_dataset(**{**ids, "DatasetName": "none"}))
    assert isinstance(err, cognito.exceptions.ResourceNotFoundException)
    twin.error(lambda: cognito.describe_dataset(**{**ids, "IdentityPoolId": UNKNOWN_POOL}))
    twin.error(lambda: cognito.describe_identity_usage(IdentityPoolId=POOL, IdentityId=f"{REGION}:00000000-0000-4000-8000-00000000dead"))


def test_dataset_limit(cognito: Any, twin: Twin) -> None:
    ids = {"IdentityPoolId": POOL, "IdentityId": f"{REGION}:22222222-2222-4222-8222-222222222222"}
    for i in range(20):
        page = cognito.list_records(**ids, DatasetName=f"d{i}")
        cognito.update_records(
            **ids,
            DatasetName=f"d{i}",
            SyncSessionToken=page["SyncSessionToken"],
            RecordPatches=[{"Op": "replace", "Key": "k", "Value": "v", "SyncCount": 0}],
        )
    page = cognito.list_records(**ids, DatasetName="one-too-many")
    err = twin.error(
        lambda: cognito.update_records(
            **ids,
            DatasetName="one-too-many",
            SyncSessionToken=page["SyncSessionToken"],
            RecordPatches=[{"Op": "replace", "Key": "k", "Value": "v", "SyncCount": 0}],
        )
    )
    assert isinstance(err, cognito.exceptions.LimitExceededException)
    twin.record(cognito.list_datasets(**ids, MaxResults=5))


def test_pool_configuration_events_and_usage(cognito: Any, twin: Twin) -> None:
    twin.record(cognito.get_identity_pool_configuration(IdentityPoolId=CONFIG_POOL))
    twin.record(
        cognito.set_identity_pool_configuration(
            IdentityPoolId=CONFIG_POOL,
            PushSync={"ApplicationArns": [APP], "RoleArn": ROLE},
            CognitoStreams={"StreamName": STREAM, "RoleArn": ROLE, "StreamingStatus": "DISABLED"},
        )
    )
    twin.record(cognito.get_identity_pool_configuration(IdentityPoolId=CONFIG_POOL))
    twin.record(cognito.get_cognito_events(IdentityPoolId=CONFIG_POOL))
    twin.record(
        cognito.set_cognito_events(
            IdentityPoolId=CONFIG_POOL,
            Events={"SyncTrigger": "arn:aws:lambda:us-east-1:123456789012:function:t"},
        )
    )
    twin.record(cognito.get_cognito_events(IdentityPoolId=CONFIG_POOL))
    twin.record(cognito.describe_identity_pool_usage(IdentityPoolId=POOL))
    twin.record(cognito.list_identity_pool_usage())
    first = twin.record(cognito.list_identity_pool_usage(MaxResults=1))
    twin.record(cognito.list_identity_pool_usage(MaxResults=1, NextToken=first["NextToken"]))
    err = twin.error(lambda: cognito.get_cognito_events(IdentityPoolId=UNKNOWN_POOL))
    assert isinstance(err, cognito.exceptions.ResourceNotFoundException)


def test_bulk_publish(cognito: Any, twin: Twin) -> None:
    twin.record(cognito.get_bulk_publish_details(IdentityPoolId=STREAMS_POOL))
    err = twin.error(lambda: cognito.bulk_publish(IdentityPoolId=STREAMS_POOL))
    assert isinstance(err, cognito.exceptions.InvalidParameterException)
    cognito.set_identity_pool_configuration(
        IdentityPoolId=STREAMS_POOL,
        CognitoStreams={"StreamName": STREAM, "RoleArn": ROLE, "StreamingStatus": "ENABLED"},
    )
    twin.record(cognito.bulk_publish(IdentityPoolId=STREAMS_POOL))
    err = twin.error(lambda: cognito.bulk_publish(IdentityPoolId=STREAMS_POOL))
    assert isinstance(err, cognito.exceptions.DuplicateRequestException)
    details = cognito.get_bulk_publish_details(IdentityPoolId=STREAMS_POOL)
    while details["BulkPublishStatus"] == "IN_PROGRESS":
        time.sleep(0.05)
        details = cognito.get_bulk_publish_details(IdentityPoolId=STREAMS_POOL)
    twin.record(details)
    err = twin.error(lambda: cognito.bulk_publish(IdentityPoolId=STREAMS_POOL))
    assert isinstance(err, cognito.exceptions.AlreadyStreamedException)


def test_devices_and_subscriptions(cognito: Any, twin: Twin) -> None:
    identity, creds = _cognito_credentials(twin)
    device_client = twin.client(**creds)
    ids = {"IdentityPoolId": POOL, "IdentityId": identity}
    err = twin.error(
        lambda: device_client.register_device(**ids, Platform="GCM", Token="push-token")
    )
    assert isinstance(err, device_client.exceptions.InvalidConfigurationException)
    err = twin.error(lambda: device_client.get_cognito_events(IdentityPoolId=POOL))
    assert isinstance(err, device_client.exceptions.NotAuthorizedException)
    cognito.set_identity_pool_configuration(
        IdentityPoolId=POOL, PushSync={"ApplicationArns": [APP], "RoleArn": ROLE}
    )
    device = twin.record(device_client.register_device(**ids, Platform="GCM", Token="push-token"))
    device_id = device["DeviceId"]
    page = device_client.list_records(**ids, DatasetName="save")
    device_client.update_records(
        **ids,
        DatasetName="save",
        SyncSessionToken=page["SyncSessionToken"],
        RecordPatches=[{"Op": "replace", "Key": "k", "Value": "v", "SyncCount": 0}],
    )
    twin.record(device_client.subscribe_to_dataset(**ids, DatasetName="save", DeviceId=device_id))
    twin.record(
        device_client.unsubscribe_from_dataset(**ids, DatasetName="save", DeviceId=device_id)
    )
    err = twin.error(
        lambda: device_client.subscribe_to_dataset(**ids, DatasetName="none", DeviceId=device_id)
    )
    assert isinstance(err, device_client.exceptions.ResourceNotFoundException)
    twin.error(lambda: twin.client(aws_secret_access_key="wrong").list_datasets(**ids))


FAULTS = [
    ("ListRecords", "InternalErrorException"),
    ("ListDatasets", "TooManyRequestsException"),
    ("UpdateRecords", "LambdaThrottledException"),
    ("UpdateRecords", "InvalidLambdaFunctionOutputException"),
    ("SetIdentityPoolConfiguration", "ConcurrentModificationException"),
    ("DescribeDataset", "SomethingUnmodeledException"),
]


def test_injected_errors(cognito: Any, twin: Twin) -> None:
    ids = {"IdentityPoolId": POOL, "IdentityId": IDENTITY}
    calls = {
        "ListRecords": lambda: cognito.list_records(**ids, DatasetName="f"),
        "ListDatasets": lambda: cognito.list_datasets(**ids),
        "UpdateRecords": lambda: cognito.update_records(
            **ids, DatasetName="f", SyncSessionToken="t", RecordPatches=[]
        ),
        "SetIdentityPoolConfiguration": lambda: cognito.set_identity_pool_configuration(
            IdentityPoolId=CONFIG_POOL
        ),
        "DescribeDataset": lambda: cognito.describe_dataset(**ids, DatasetName="f"),
    }
    for operation, code in FAULTS:
        twin.emulator.set_faults(
            {"operation": operation, "error": code, "error_rate": 1, "remaining": 1}
        )
        err = twin.error(calls[operation])
        assert err.response["Error"]["Code"] == code
        if code in dir(cognito.exceptions):
            assert type(err) is getattr(cognito.exceptions, code)
        else:
            assert type(err).__name__ == "ClientError"
    twin.emulator.clear_faults()


def test_a_retry_is_counted(twin: Twin, cognito: Any) -> None:
    retrying = twin.client(config=Config(retries={"total_max_attempts": 2, "mode": "standard"}))
    twin.emulator.set_faults(
        {"operation": "ListDatasets", "error": "InternalErrorException", "error_rate": 1, "remaining": 1}
    )
    out = twin.record(retrying.list_datasets(IdentityPoolId=POOL, IdentityId=IDENTITY))
    assert out["ResponseMetadata"]["RetryAttempts"] == 1
    twin.emulator.set_faults(
        {"operation": "ListDatasets", "error": "InternalErrorException", "error_rate": 1, "remaining": 2}
    )
    err = twin.error(lambda: retrying.list_datasets(IdentityPoolId=POOL, IdentityId=IDENTITY))
    assert err.response["ResponseMetadata"]["MaxAttemptsReached"] is True
    twin.emulator.clear_faults()


def test_parameter_validation(cognito: Any, twin: Twin) -> None:
    bad_calls: list[Callable[[], Any]] = [
        lambda: cognito.list_records(IdentityPoolId=POOL, IdentityId=IDENTITY),
        lambda: cognito.list_records(
            IdentityPoolId=POOL, IdentityId=IDENTITY, DatasetName="d", Bogus=1
        ),
        lambda: cognito.list_records(IdentityPoolId=POOL, IdentityId=IDENTITY, DatasetName=3),
        lambda: cognito.list_records(
            IdentityPoolId=POOL, IdentityId=IDENTITY, DatasetName="d", MaxResults="2"
        ),
        lambda: cognito.describe_dataset(IdentityPoolId="", IdentityId=IDENTITY, DatasetName="d"),
        lambda: cognito.update_records(
            IdentityPoolId=POOL,
            IdentityId=IDENTITY,
            DatasetName="d",
            SyncSessionToken="t",
            RecordPatches=[{"Op": "replace", "Key": "k", "Value": 1}],
        ),
        lambda: cognito.set_cognito_events(IdentityPoolId=POOL, Events=["SyncTrigger"]),
        lambda: cognito.list_identity_pool_usage(NextToken=None),
    ]
    for call in bad_calls:
        with pytest.raises(ParamValidationError) as info:
            call()
        twin.record(str(info.value))


def test_the_client_object(cognito: Any, twin: Twin) -> None:
    twin.record(
        {
            "region_name": cognito.meta.region_name,
            "endpoint_url": cognito.meta.endpoint_url.rstrip("/") == twin.emulator.endpoint,
            "waiters": cognito.waiter_names,
            "errors": sorted(
                n for n in dir(cognito.exceptions) if n.endswith("Exception")
            ),
            "from_code": cognito.exceptions.from_code("ResourceConflictException").__name__,
        }
    )
    with contextlib.closing(twin.client()) as scoped:
        twin.record(scoped.list_datasets(IdentityPoolId=POOL, IdentityId=IDENTITY)["Count"])
    cognito.close()


def test_zz_both_runs_were_compared(twin: Twin) -> None:
    """Last test of each run: every test of the run was compared with boto3's."""
    if twin.name != FACTORIES[0]:
        tests = set(RUNS[FACTORIES[0]].records)
        assert tests, "the boto3 run recorded nothing"
        compared = {test for name, test in COMPARED if name == twin.name}
        assert tests == compared, f"not compared: {sorted(tests - compared)}"
