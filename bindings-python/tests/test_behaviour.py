"""Threads (the GIL is released while waiting), Ctrl-C, fork, logging, inputs."""

from __future__ import annotations

import datetime
import logging
import os
import signal
import sys
import threading
import time
import warnings
from concurrent.futures import ThreadPoolExecutor

import pytest

import cognito_sync
from cognito_sync import RecordPatch

from .conftest import POOL, REGION, Emulator


def test_threads_share_a_client_and_wait_in_parallel(emulator: Emulator, client: cognito_sync.Client, identity: str) -> None:
    # Every call takes >= 300 ms in the emulator: 8 of them in parallel take far less
    # than 8 x 300 ms only if the GIL is released while waiting.
    emulator.set_faults({"operation": "DescribeIdentityPoolUsage", "latency_ms": 300})
    start = time.monotonic()
    with ThreadPoolExecutor(8) as pool:
        outs = list(pool.map(lambda _: client.describe_identity_pool_usage(identity_pool_id=POOL), range(8)))
    elapsed = time.monotonic() - start
    assert all(o.identity_pool_usage is not None for o in outs)
    assert elapsed < 8 * 0.3 / 2, elapsed


def test_python_threads_run_while_a_call_waits(emulator: Emulator, client: cognito_sync.Client) -> None:
    emulator.set_faults({"operation": "DescribeIdentityPoolUsage", "latency_ms": 400, "remaining": 1})
    ticks = 0
    done = threading.Event()

    def spin() -> None:
        nonlocal ticks
        while not done.is_set():
            ticks += 1

    t = threading.Thread(target=spin)
    t.start()
    try:
        client.describe_identity_pool_usage(identity_pool_id=POOL)
    finally:
        done.set()
        t.join()
    assert ticks > 10_000


def test_many_threads_many_writes(client: cognito_sync.Client, identity: str) -> None:
    def work(i: int) -> int:
        name = f"t{i % 8}"
        who = f"{identity[:-2]}{i:02x}"  # 32 identities, 8 datasets each
        token = client.list_records(identity_pool_id=POOL, identity_id=who, dataset_name=name).sync_session_token
        out = client.update_records(
            identity_pool_id=POOL,
            identity_id=who,
            dataset_name=name,
            sync_session_token=token or "",
            record_patches=[RecordPatch.replace("k", str(i))],
        )
        return int(out.records[0].value or "-1")

    with ThreadPoolExecutor(16) as pool:
        assert sorted(pool.map(work, range(32))) == list(range(32))


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_ctrl_c_interrupts_a_blocked_call(emulator: Emulator, client: cognito_sync.Client) -> None:
    emulator.set_faults({"operation": "DescribeIdentityPoolUsage", "latency_ms": 5000, "remaining": 1})
    timer = threading.Timer(0.3, os.kill, (os.getpid(), signal.SIGINT))
    start = time.monotonic()
    timer.start()
    try:
        with pytest.raises(KeyboardInterrupt):
            client.describe_identity_pool_usage(identity_pool_id=POOL)
    finally:
        timer.cancel()
    assert time.monotonic() - start < 2.0
    # The client still works afterwards.
    assert client.describe_identity_pool_usage(identity_pool_id=POOL).identity_pool_usage is not None


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_client_works_in_a_forked_child(client: cognito_sync.Client, identity: str) -> None:
    client.list_records(identity_pool_id=POOL, identity_id=identity, dataset_name="d")  # warm the pool
    with warnings.catch_warnings():
        # Python >= 3.12 warns about fork() in a multi-threaded process; that is the point.
        warnings.simplefilter("ignore", DeprecationWarning)
        pid = os.fork()
    if pid == 0:  # child
        code = 1
        try:
            out = client.list_records(identity_pool_id=POOL, identity_id=identity, dataset_name="d")
            code = 0 if out.dataset_exists is False else 2
        finally:
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    assert os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0
    # And in the parent, too.
    assert client.list_records(identity_pool_id=POOL, identity_id=identity, dataset_name="d").records == []


def test_logs_go_to_python_logging(emulator: Emulator, endpoint: str, identity: str, caplog: pytest.LogCaptureFixture) -> None:
    client = cognito_sync.Client(
        region=REGION, endpoint_url=endpoint, aws_access_key_id="test", aws_secret_access_key="test", max_attempts=2
    )
    emulator.set_faults({"operation": "ListRecords", "error_rate": 1.0, "error": "InternalErrorException", "remaining": 1})
    with caplog.at_level(logging.DEBUG, logger="cognito_sync"):
        cognito_sync.refresh_log_level()
        client.list_records(identity_pool_id=POOL, identity_id=identity, dataset_name="d")
    cognito_sync.refresh_log_level()
    retries = [r for r in caplog.records if r.name.startswith("cognito_sync") and "retrying" in r.getMessage()]
    assert retries, [r.getMessage() for r in caplog.records]
    assert retries[0].levelno == logging.DEBUG
    assert "InternalErrorException" in retries[0].getMessage()
    assert "test" not in retries[0].getMessage().split("InternalErrorException")[0].lower().replace("attempt", "")


def test_no_debug_logs_unless_enabled(emulator: Emulator, endpoint: str, identity: str, caplog: pytest.LogCaptureFixture) -> None:
    client = cognito_sync.Client(
        region=REGION, endpoint_url=endpoint, aws_access_key_id="test", aws_secret_access_key="test", max_attempts=2
    )
    emulator.set_faults({"operation": "ListRecords", "error_rate": 1.0, "error": "InternalErrorException", "remaining": 1})
    with caplog.at_level(logging.WARNING, logger="cognito_sync"):
        cognito_sync.refresh_log_level()
        client.list_records(identity_pool_id=POOL, identity_id=identity, dataset_name="d")
    assert not [r for r in caplog.records if r.name.startswith("cognito_sync")]


def test_record_patch_objects() -> None:
    p = RecordPatch(op="replace", key="k", value="v", sync_count=3, device_last_modified_date=1700000000.5)
    assert (p.op, p.key, p.value, p.sync_count) == ("replace", "k", "v", 3)
    assert p.device_last_modified_date == datetime.datetime(2023, 11, 14, 22, 13, 20, 500000, tzinfo=datetime.timezone.utc)
    assert p == RecordPatch(
        op="replace",
        key="k",
        value="v",
        sync_count=3,
        device_last_modified_date=datetime.datetime(2023, 11, 14, 22, 13, 20, 500000),  # naive = UTC, like boto3
    )
    assert p.to_dict() == {
        "Op": "replace",
        "Key": "k",
        "Value": "v",
        "SyncCount": 3,
        "DeviceLastModifiedDate": datetime.datetime(2023, 11, 14, 22, 13, 20, 500000, tzinfo=datetime.timezone.utc),
    }
    assert RecordPatch.remove("k", 4) == RecordPatch(op="remove", key="k", sync_count=4)
    assert repr(RecordPatch.replace("a", "b")) == (
        "RecordPatch(op='replace', key='a', value='b', sync_count=0, device_last_modified_date=None)"
    )
    with pytest.raises(TypeError):
        RecordPatch(op="replace", key="k")  # type: ignore[call-arg]
    other_zone = datetime.timezone(datetime.timedelta(hours=2))
    assert RecordPatch(
        op="remove", key="k", sync_count=1, device_last_modified_date=datetime.datetime(2023, 11, 15, 0, 13, 20, 500000, tzinfo=other_zone)
    ).device_last_modified_date == p.device_last_modified_date


def test_configuration_objects() -> None:
    push = cognito_sync.PushSync(application_arns=["a", "b"], role_arn="r")
    assert push.application_arns == ["a", "b"] and push.role_arn == "r"
    assert push.to_dict() == {"ApplicationArns": ["a", "b"], "RoleArn": "r"}
    assert cognito_sync.PushSync().to_dict() == {} and cognito_sync.PushSync().application_arns == []
    streams = cognito_sync.CognitoStreams(stream_name="s", streaming_status="ENABLED")
    assert streams.to_dict() == {"StreamName": "s", "StreamingStatus": "ENABLED"}
    assert repr(streams) == "CognitoStreams(stream_name='s', role_arn=None, streaming_status='ENABLED')"


def test_a_call_from_a_logging_handler_fails_cleanly(emulator: Emulator, endpoint: str, identity: str) -> None:
    """A handler runs on the thread doing the call: calling the client again from it is
    refused with ClientRuntimeError (never a deadlock or a crash)."""
    client = cognito_sync.Client(
        region=REGION, endpoint_url=endpoint, aws_access_key_id="test", aws_secret_access_key="test", max_attempts=2
    )
    seen: list[BaseException] = []

    class Reentrant(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            try:
                client.describe_identity_pool_usage(identity_pool_id=POOL)
            except cognito_sync.ClientRuntimeError as e:
                seen.append(e)

    logger = logging.getLogger("cognito_sync")
    handler = Reentrant()
    logger.addHandler(handler)
    old = logger.level
    logger.setLevel(logging.DEBUG)
    try:
        cognito_sync.refresh_log_level()
        emulator.set_faults({"operation": "ListRecords", "error_rate": 1.0, "error": "InternalErrorException", "remaining": 1})
        assert client.list_records(identity_pool_id=POOL, identity_id=identity, dataset_name="d").records == []
    finally:
        logger.removeHandler(handler)
        logger.setLevel(old)
        cognito_sync.refresh_log_level()
    assert seen and isinstance(seen[0], RuntimeError)


def cognito_client(endpoint: str) -> cognito_sync.Client:
    # Cognito Identity credentials: one identity and one credentials cache shared by
    # every thread, each thread making its calls on its own connections.
    return cognito_sync.Client(region=REGION, endpoint_url=endpoint, cognito_identity_pool_id=POOL, max_attempts=1)


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_ctrl_c_with_cognito_credentials(emulator: Emulator, endpoint: str) -> None:
    user = cognito_client(endpoint)
    identity = user.identity_id()
    emulator.set_faults({"operation": "ListRecords", "latency_ms": 5000, "remaining": 1})
    timer = threading.Timer(0.3, os.kill, (os.getpid(), signal.SIGINT))
    start = time.monotonic()
    timer.start()
    try:
        with pytest.raises(KeyboardInterrupt):
            user.list_records(identity_pool_id=POOL, identity_id=identity, dataset_name="d")
    finally:
        timer.cancel()
    assert time.monotonic() - start < 2.0
    assert user.list_records(identity_pool_id=POOL, identity_id=identity, dataset_name="d").records == []


def test_threads_share_one_cognito_identity(endpoint: str) -> None:
    user = cognito_client(endpoint)
    identity = user.identity_id()

    def work(_: int) -> str:
        out = user.list_records(identity_pool_id=POOL, identity_id=identity, dataset_name="d")
        assert out.records == []
        return user.identity_id()

    with ThreadPoolExecutor(8) as pool:
        assert set(pool.map(work, range(32))) == {identity}


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_cognito_client_works_in_a_forked_child(endpoint: str) -> None:
    user = cognito_client(endpoint)
    identity = user.identity_id()
    user.list_records(identity_pool_id=POOL, identity_id=identity, dataset_name="d")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        pid = os.fork()
    if pid == 0:  # child
        code = 1
        try:
            out = user.list_records(identity_pool_id=POOL, identity_id=identity, dataset_name="d")
            code = 0 if user.identity_id() == identity and out.records == [] else 2
        finally:
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    assert os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0
