"""Every error class: service errors (injected by the emulator's fault rules), validation,
wrong argument types, credentials, transport and timeout."""

from __future__ import annotations

import pickle
import socket
from typing import Any

import pytest

import cognito_sync
from cognito_sync import CognitoSyncError, ServiceError

from .conftest import POOL, REGION, Emulator

MODELED = [
    ("InvalidParameterException", 400),
    ("NotAuthorizedException", 403),
    ("ResourceNotFoundException", 404),
    ("ResourceConflictException", 409),
    ("LimitExceededException", 400),
    ("TooManyRequestsException", 429),
    ("InternalErrorException", 500),
    ("InvalidConfigurationException", 400),
    ("InvalidLambdaFunctionOutputException", 400),
    ("LambdaThrottledException", 429),
    ("DuplicateRequestException", 400),
    ("AlreadyStreamedException", 400),
    ("ConcurrentModificationException", 400),
]


@pytest.mark.parametrize(("code", "status"), MODELED)
def test_each_modeled_error_has_its_class(
    emulator: Emulator, client: cognito_sync.Client, boto: Any, identity: str, code: str, status: int
) -> None:
    emulator.set_faults({"operation": "ListRecords", "error_rate": 1.0, "error": code, "remaining": 1})
    with pytest.raises(CognitoSyncError) as info:
        client.list_records(identity_pool_id=POOL, identity_id=identity, dataset_name="d")
    err = info.value
    assert type(err) is getattr(cognito_sync, code)
    assert isinstance(err, ServiceError)
    assert err.code == code
    assert err.status_code == status
    assert err.request_id
    assert err.message
    assert err.retryable == (status in (429, 500))
    assert code in str(err) and str(status) in str(err)
    # boto3 sees the same code for the same response.
    emulator.set_faults({"operation": "ListRecords", "error_rate": 1.0, "error": code, "remaining": 1})
    with pytest.raises(getattr(boto.exceptions, code)) as theirs:
        boto.list_records(IdentityPoolId=POOL, IdentityId=identity, DatasetName="d")
    assert theirs.value.response["Error"]["Code"] == code


def test_unknown_service_code_is_a_plain_service_error(
    emulator: Emulator, client: cognito_sync.Client, identity: str
) -> None:
    emulator.set_faults(
        {"operation": "ListRecords", "error_rate": 1.0, "error": "AccessDeniedException", "status": 403, "remaining": 1}
    )
    with pytest.raises(ServiceError) as info:
        client.list_records(identity_pool_id=POOL, identity_id=identity, dataset_name="d")
    assert type(info.value) is ServiceError
    assert info.value.code == "AccessDeniedException" and info.value.status_code == 403


def test_a_real_conflict(client: cognito_sync.Client, identity: str) -> None:
    token = client.list_records(identity_pool_id=POOL, identity_id=identity, dataset_name="d").sync_session_token or ""
    patch = cognito_sync.RecordPatch.replace("k", "v", 0)
    client.update_records(identity_pool_id=POOL, identity_id=identity, dataset_name="d", sync_session_token=token, record_patches=[patch])
    token = client.list_records(identity_pool_id=POOL, identity_id=identity, dataset_name="d").sync_session_token or ""
    with pytest.raises(cognito_sync.ResourceConflictException) as info:
        client.update_records(identity_pool_id=POOL, identity_id=identity, dataset_name="d", sync_session_token=token, record_patches=[patch])
    assert info.value.status_code == 409


def test_retries_throttling_then_succeeds(emulator: Emulator, endpoint: str, identity: str) -> None:
    client = cognito_sync.Client(
        region=REGION, endpoint_url=endpoint, aws_access_key_id="test", aws_secret_access_key="test", max_attempts=3
    )
    emulator.set_faults({"operation": "ListRecords", "error_rate": 1.0, "error": "TooManyRequestsException", "remaining": 1})
    out = client.list_records(identity_pool_id=POOL, identity_id=identity, dataset_name="d")
    assert out.records == []


def test_validation_errors_are_value_errors(client: cognito_sync.Client, identity: str) -> None:
    with pytest.raises(cognito_sync.ValidationError) as info:
        client.list_records(identity_pool_id=POOL, identity_id=identity, dataset_name="bad name!")
    assert isinstance(info.value, ValueError)
    assert "dataset_name" in str(info.value)
    assert info.value.code is None and info.value.status_code is None
    with pytest.raises(ValueError, match="identity_pool_id"):
        client.describe_identity_pool_usage(identity_pool_id="no-colon")
    with pytest.raises(ValueError, match="identity_id"):
        client.list_datasets(identity_pool_id=POOL, identity_id="no-colon")
    with pytest.raises(ValueError, match="dataset_name"):
        client.describe_dataset(identity_pool_id=POOL, identity_id=identity, dataset_name="d" * 129)
    with pytest.raises(ValueError, match="op"):
        client.update_records(
            identity_pool_id=POOL,
            identity_id=identity,
            dataset_name="d",
            sync_session_token="t",
            record_patches=[{"op": "merge", "key": "k", "sync_count": 0}],
        )
    with pytest.raises(ValueError, match="platform"):
        client.register_device(identity_pool_id=POOL, identity_id=identity, platform="WNS", token="t")


@pytest.mark.parametrize(
    ("kwargs", "needle"),
    [
        ({"identity_pool_id": 5}, "identity_pool_id: expected str, got int"),
        ({"dataset_name": None}, "dataset_name: expected str, got NoneType"),
        ({"last_sync_count": "3"}, "last_sync_count: expected int, got str"),
        ({"max_results": 1.5}, "max_results: expected int, got float"),
    ],
)
def test_wrong_argument_types_name_the_argument(
    client: cognito_sync.Client, identity: str, kwargs: dict[str, Any], needle: str
) -> None:
    call: dict[str, Any] = {"identity_pool_id": POOL, "identity_id": identity, "dataset_name": "d"}
    call.update(kwargs)
    with pytest.raises(TypeError) as info:
        client.list_records(**call)
    assert needle in str(info.value)


@pytest.mark.parametrize(
    ("patches", "needle"),
    [
        ("abc", "record_patches: expected a list of RecordPatch or dict, not str"),
        ({"op": "replace"}, "record_patches: expected a list"),
        ([1], "record_patches[0]: expected a RecordPatch or a dict, not int"),
        ([{"key": "k", "sync_count": 0}], "record_patches[0]: missing required key 'op'"),
        ([{"op": "replace", "key": 3, "sync_count": 0}], "record_patches[0]: 'key' must be a str, not int"),
        ([{"op": "replace", "key": "k", "sync_count": "0"}], "record_patches[0]: 'sync_count' must be an int, not str"),
        ([{"op": "replace", "key": "k", "sync_count": 0, "colour": 1}], "record_patches[0]: unknown key 'colour'"),
        ([{"op": "replace", "Op": "replace", "key": "k", "sync_count": 0}], "both 'op' and 'Op'"),
        (
            [cognito_sync.RecordPatch.replace("a", "b"), {"op": "replace", "key": "k", "sync_count": 0, "device_last_modified_date": "now"}],
            "record_patches[1]: 'device_last_modified_date': expected a datetime",
        ),
    ],
)
def test_bad_record_patches(client: cognito_sync.Client, identity: str, patches: Any, needle: str) -> None:
    with pytest.raises(TypeError) as info:
        client.update_records(
            identity_pool_id=POOL, identity_id=identity, dataset_name="d", sync_session_token="t", record_patches=patches
        )
    assert needle in str(info.value)


def test_bad_nested_configuration(client: cognito_sync.Client) -> None:
    with pytest.raises(TypeError, match="push_sync: 'application_arns' must be a list of str, not str"):
        client.set_identity_pool_configuration(identity_pool_id=POOL, push_sync={"application_arns": "arn"})
    with pytest.raises(TypeError, match="cognito_streams: expected a CognitoStreams or a dict, not list"):
        client.set_identity_pool_configuration(identity_pool_id=POOL, cognito_streams=[])
    with pytest.raises(TypeError, match="events: expected a dict of str to str"):
        client.set_cognito_events(identity_pool_id=POOL, events={"SyncTrigger": 1})


def test_missing_and_unknown_keyword_arguments(client: cognito_sync.Client) -> None:
    with pytest.raises(TypeError, match="identity_id"):
        client.list_records(identity_pool_id=POOL, dataset_name="d")  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="DatasetName"):
        client.list_records(identity_pool_id=POOL, identity_id="x", DatasetName="d")  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        client.list_records(POOL, "x", "d")  # type: ignore[misc]


def test_credentials_error(endpoint: str, identity: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Any) -> None:
    for var in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "none"))
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "none"))
    client = cognito_sync.Client(region=REGION, endpoint_url=endpoint, max_attempts=1)
    with pytest.raises(cognito_sync.CredentialsError):
        client.list_records(identity_pool_id=POOL, identity_id=identity, dataset_name="d")
    # identity_id() only makes sense with Cognito Identity.
    with pytest.raises(cognito_sync.CredentialsError, match="cognito_identity_pool_id"):
        client.identity_id()
    # A pool that does not exist: Cognito Identity's error, as a credentials error.
    user = cognito_sync.Client(
        region=REGION, endpoint_url=endpoint, cognito_identity_pool_id="us-east-1:00000000-0000-4000-8000-0000000000ee", max_attempts=1
    )
    with pytest.raises(cognito_sync.CredentialsError) as info:
        user.list_records(identity_pool_id=POOL, identity_id=identity, dataset_name="d")
    assert info.value.code == "ResourceNotFoundException"


def test_environment_credentials_are_the_default(endpoint: str, identity: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "test")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "test")
    monkeypatch.setenv("AWS_REGION", REGION)
    monkeypatch.setenv("AWS_ENDPOINT_URL_COGNITO_SYNC", endpoint)
    client = cognito_sync.Client()
    assert client.region == REGION and client.endpoint_url == endpoint
    assert client.list_records(identity_pool_id=POOL, identity_id=identity, dataset_name="d").records == []
    # A wrong secret is refused by the emulator's signature check.
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "wrong")
    with pytest.raises(ServiceError) as info:
        cognito_sync.Client(max_attempts=1).list_records(identity_pool_id=POOL, identity_id=identity, dataset_name="d")
    assert info.value.status_code == 403
    assert "wrong" not in str(info.value)


def test_transport_error(identity: str) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    # Nothing listens there any more.
    client = cognito_sync.Client(
        region=REGION, endpoint_url=f"http://127.0.0.1:{port}", aws_access_key_id="a", aws_secret_access_key="b", max_attempts=1
    )
    with pytest.raises(cognito_sync.TransportError) as info:
        client.list_records(identity_pool_id=POOL, identity_id=identity, dataset_name="d")
    assert info.value.retryable and info.value.status_code is None


def test_timeout(emulator: Emulator, endpoint: str, identity: str) -> None:
    emulator.set_faults({"operation": "ListRecords", "latency_ms": 2000, "remaining": 1})
    client = cognito_sync.Client(
        region=REGION, endpoint_url=endpoint, aws_access_key_id="test", aws_secret_access_key="test", max_attempts=1, call_timeout=0.2
    )
    with pytest.raises(cognito_sync.RequestTimeoutError) as info:
        client.list_records(identity_pool_id=POOL, identity_id=identity, dataset_name="d")
    assert isinstance(info.value, TimeoutError) and isinstance(info.value, cognito_sync.TransportError)


def test_invalid_configuration() -> None:
    with pytest.raises(ValueError, match="together"):
        cognito_sync.Client(region=REGION, aws_access_key_id="a")
    with pytest.raises(ValueError, match="not both"):
        cognito_sync.Client(region=REGION, aws_access_key_id="a", aws_secret_access_key="b", cognito_identity_pool_id=POOL)
    with pytest.raises(ValueError, match="max_attempts"):
        cognito_sync.Client(region=REGION, max_attempts=0)
    with pytest.raises(ValueError, match="call_timeout"):
        cognito_sync.Client(region=REGION, call_timeout=-1)
    with pytest.raises(cognito_sync.ValidationError, match="endpoint"):
        cognito_sync.Client(region=REGION, endpoint_url="not a url")


def test_errors_pickle_with_their_data() -> None:
    err = cognito_sync.ResourceConflictException("stale", code="ResourceConflictException", request_id="r1", status_code=409)
    back = pickle.loads(pickle.dumps(err))
    assert type(back) is cognito_sync.ResourceConflictException
    assert (back.message, back.code, back.request_id, back.status_code) == ("stale", "ResourceConflictException", "r1", 409)


def test_secrets_never_show(endpoint: str) -> None:
    client = cognito_sync.Client(
        region=REGION, endpoint_url=endpoint, aws_access_key_id="AKIDEXAMPLE", aws_secret_access_key="s3cr3t-value", aws_session_token="t0ken-value"
    )
    text = repr(client)
    assert "s3cr3t" not in text and "t0ken" not in text and "static keys" in text


def test_out_of_range_timestamps_from_a_server_are_a_typed_error(identity: str) -> None:
    """A server answering a timestamp past year 9999 gives the call a TransportError (a
    CognitoSyncError) when the response is parsed, never an object whose attribute getter
    raises a plain ValueError later (issue 19, part 2)."""
    import http.server
    import json
    import threading

    class Hostile(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            record = {"Key": "k", "Value": "v", "SyncCount": 1, "LastModifiedDate": 253402300800}
            body = json.dumps({"Records": [record], "DatasetSyncCount": 1, "SyncSessionToken": "t"}).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: Any) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Hostile)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        client = cognito_sync.Client(
            region=REGION,
            endpoint_url=f"http://127.0.0.1:{server.server_address[1]}",
            aws_access_key_id="a",
            aws_secret_access_key="b",
            max_attempts=1,
        )
        with pytest.raises(cognito_sync.TransportError, match="timestamp out of range") as info:
            client.list_records(identity_pool_id=POOL, identity_id=identity, dataset_name="d")
        assert isinstance(info.value, CognitoSyncError)
    finally:
        server.shutdown()
        server.server_close()
