"""Every operation against the emulator; each result's to_dict() equals what boto3
returns for the same call on the same emulator (without ResponseMetadata)."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

import cognito_sync
from cognito_sync import RecordPatch

from .conftest import CONFIG_POOL, POOL, REGION, STREAMS_POOL, boto_call

ARN_LAMBDA = "arn:aws:lambda:us-east-1:000000000000:function:trigger"
ARN_ROLE = "arn:aws:iam::000000000000:role/cognito"
ARN_APP = "arn:aws:sns:us-east-1:000000000000:app/GCM/game"


def without_token(d: dict[str, Any]) -> dict[str, Any]:
    # Each ListRecords issues a fresh session token: everything else must match.
    return {k: v for k, v in d.items() if k != "SyncSessionToken"}


def seed(client: cognito_sync.Client, identity: str, dataset: str = "save") -> Any:
    page = client.list_records(identity_pool_id=POOL, identity_id=identity, dataset_name=dataset)
    return client.update_records(
        identity_pool_id=POOL,
        identity_id=identity,
        dataset_name=dataset,
        sync_session_token=page.sync_session_token,
        record_patches=[
            RecordPatch.replace("level", "7"),
            RecordPatch(
                op="replace",
                key="name",
                value="Ada",
                sync_count=0,
                device_last_modified_date=datetime.datetime(
                    2024, 5, 6, 7, 8, 9, tzinfo=datetime.timezone.utc
                ),
            ),
        ],
    )


def test_list_records_of_a_new_dataset(client: cognito_sync.Client, boto: Any, identity: str) -> None:
    out = client.list_records(identity_pool_id=POOL, identity_id=identity, dataset_name="save")
    assert isinstance(out, cognito_sync.ListRecordsOutput)
    assert out.records == []
    assert out.dataset_exists is False
    assert out.dataset_sync_count == 0
    assert out.sync_session_token
    theirs = boto_call(boto, "list_records", identity_pool_id=POOL, identity_id=identity, dataset_name="save")
    assert without_token(out.to_dict()) == without_token(theirs)


def test_update_records_then_list_records(client: cognito_sync.Client, boto: Any, identity: str) -> None:
    written = seed(client, identity)
    assert [r.key for r in written.records] == ["level", "name"]
    assert all(r.sync_count == 1 for r in written.records)
    when = written.records[0].last_modified_date
    assert isinstance(when, datetime.datetime) and when.tzinfo is not None
    assert written.records[1].device_last_modified_date == datetime.datetime(
        2024, 5, 6, 7, 8, 9, tzinfo=datetime.timezone.utc
    )

    out = client.list_records(identity_pool_id=POOL, identity_id=identity, dataset_name="save")
    theirs = boto_call(boto, "list_records", identity_pool_id=POOL, identity_id=identity, dataset_name="save")
    assert without_token(out.to_dict()) == without_token(theirs)
    # The records UpdateRecords returned are the ones stored.
    assert written.to_dict()["Records"] == theirs["Records"]
    assert out.records == written.records
    assert out.dataset_sync_count == 1 and out.count == 2

    # Incremental: nothing after sync count 1; a second update bumps it.
    assert client.list_records(
        identity_pool_id=POOL, identity_id=identity, dataset_name="save", last_sync_count=1
    ).records == []
    second = client.update_records(
        identity_pool_id=POOL,
        identity_id=identity,
        dataset_name="save",
        sync_session_token=out.sync_session_token or "",
        record_patches=[{"op": "remove", "key": "level", "sync_count": 1}],
    )
    assert second.records[0].value is None and second.records[0].sync_count == 2
    later = client.list_records(
        identity_pool_id=POOL, identity_id=identity, dataset_name="save", last_sync_count=1
    )
    assert [(r.key, r.value) for r in later.records] == [("level", None)]


def test_update_records_with_wire_dicts_equals_boto3(client: cognito_sync.Client, boto: Any, identity: str) -> None:
    patches = [
        {"Op": "replace", "Key": "a", "Value": "1", "SyncCount": 0},
        {"Op": "replace", "Key": "b", "Value": "2", "SyncCount": 0, "DeviceLastModifiedDate": 1700000000},
    ]
    token = client.list_records(identity_pool_id=POOL, identity_id=identity, dataset_name="x").sync_session_token
    mine = client.update_records(
        identity_pool_id=POOL,
        identity_id=identity,
        dataset_name="x",
        sync_session_token=token or "",
        record_patches=patches,
        device_id="device-1",
        client_context="eyJjbGllbnQiOnt9fQ==",
    )
    token = boto.list_records(IdentityPoolId=POOL, IdentityId=identity, DatasetName="y")["SyncSessionToken"]
    theirs = boto_call(
        boto,
        "update_records",
        identity_pool_id=POOL,
        identity_id=identity,
        dataset_name="y",
        sync_session_token=token,
        record_patches=patches,
        device_id="device-1",
        client_context="eyJjbGllbnQiOnt9fQ==",
    )
    # The same identity, two datasets: same records, each with its own server time.
    strip = lambda rs: [{k: v for k, v in r.items() if k != "LastModifiedDate"} for r in rs]  # noqa: E731
    assert strip(mine.to_dict()["Records"]) == strip(theirs["Records"])


def test_describe_and_delete_dataset(client: cognito_sync.Client, boto: Any, identity: str) -> None:
    seed(client, identity)
    out = client.describe_dataset(identity_pool_id=POOL, identity_id=identity, dataset_name="save")
    assert out.dataset is not None
    assert out.dataset.dataset_name == "save" and out.dataset.num_records == 2
    theirs = boto_call(boto, "describe_dataset", identity_pool_id=POOL, identity_id=identity, dataset_name="save")
    assert out.to_dict() == theirs

    usage = client.describe_identity_usage(identity_pool_id=POOL, identity_id=identity)
    assert usage.identity_usage is not None and usage.identity_usage.dataset_count == 1
    assert usage.to_dict() == boto_call(boto, "describe_identity_usage", identity_pool_id=POOL, identity_id=identity)

    listed = client.list_datasets(identity_pool_id=POOL, identity_id=identity)
    assert [d.dataset_name for d in listed.datasets] == ["save"]
    assert listed.to_dict() == boto_call(boto, "list_datasets", identity_pool_id=POOL, identity_id=identity)

    deleted = client.delete_dataset(identity_pool_id=POOL, identity_id=identity, dataset_name="save")
    assert deleted.dataset == out.dataset
    assert deleted.to_dict() == theirs
    with pytest.raises(cognito_sync.ResourceNotFoundException):
        client.describe_dataset(identity_pool_id=POOL, identity_id=identity, dataset_name="save")


def test_pool_usage(client: cognito_sync.Client, boto: Any, identity: str) -> None:
    seed(client, identity)
    out = client.describe_identity_pool_usage(identity_pool_id=POOL)
    assert out.identity_pool_usage is not None
    assert out.identity_pool_usage.identity_pool_id == POOL
    assert out.to_dict() == boto_call(boto, "describe_identity_pool_usage", identity_pool_id=POOL)
    listed = client.list_identity_pool_usage()
    assert POOL in [u.identity_pool_id for u in listed.identity_pool_usages]
    assert listed.to_dict() == boto_call(boto, "list_identity_pool_usage")


def test_cognito_events(client: cognito_sync.Client, boto: Any) -> None:
    assert client.get_cognito_events(identity_pool_id=CONFIG_POOL).events == {}
    out = client.set_cognito_events(identity_pool_id=CONFIG_POOL, events={"SyncTrigger": ARN_LAMBDA})
    assert isinstance(out, cognito_sync.SetCognitoEventsOutput)
    assert out.to_dict() == boto_call(boto, "set_cognito_events", identity_pool_id=CONFIG_POOL, events={"SyncTrigger": ARN_LAMBDA})
    got = client.get_cognito_events(identity_pool_id=CONFIG_POOL)
    assert got.events == {"SyncTrigger": ARN_LAMBDA}
    assert got.to_dict() == boto_call(boto, "get_cognito_events", identity_pool_id=CONFIG_POOL)
    client.set_cognito_events(identity_pool_id=CONFIG_POOL, events={})


@pytest.mark.parametrize("form", ["objects", "snake dicts", "wire dicts"])
def test_identity_pool_configuration(client: cognito_sync.Client, boto: Any, form: str) -> None:
    push: Any
    streams: Any
    if form == "objects":
        push = cognito_sync.PushSync(application_arns=[ARN_APP], role_arn=ARN_ROLE)
        streams = cognito_sync.CognitoStreams(stream_name="s", role_arn=ARN_ROLE, streaming_status="DISABLED")
    elif form == "snake dicts":
        push = {"application_arns": [ARN_APP], "role_arn": ARN_ROLE}
        streams = {"stream_name": "s", "role_arn": ARN_ROLE, "streaming_status": "DISABLED"}
    else:
        push = {"ApplicationArns": [ARN_APP], "RoleArn": ARN_ROLE}
        streams = {"StreamName": "s", "RoleArn": ARN_ROLE, "StreamingStatus": "DISABLED"}
    out = client.set_identity_pool_configuration(identity_pool_id=CONFIG_POOL, push_sync=push, cognito_streams=streams)
    assert out.push_sync == cognito_sync.PushSync(application_arns=[ARN_APP], role_arn=ARN_ROLE)
    assert out.cognito_streams is not None and out.cognito_streams.streaming_status == "DISABLED"
    theirs = boto_call(
        boto,
        "set_identity_pool_configuration",
        identity_pool_id=CONFIG_POOL,
        push_sync={"ApplicationArns": [ARN_APP], "RoleArn": ARN_ROLE},
        cognito_streams={"StreamName": "s", "RoleArn": ARN_ROLE, "StreamingStatus": "DISABLED"},
    )
    assert out.to_dict() == theirs
    got = client.get_identity_pool_configuration(identity_pool_id=CONFIG_POOL)
    assert got.to_dict() == boto_call(boto, "get_identity_pool_configuration", identity_pool_id=CONFIG_POOL)
    assert got.push_sync == out.push_sync and got.cognito_streams == out.cognito_streams


def test_bulk_publish(client: cognito_sync.Client, boto: Any) -> None:
    details = client.get_bulk_publish_details(identity_pool_id=STREAMS_POOL)
    assert details.bulk_publish_status == "NOT_STARTED"
    assert details.to_dict() == boto_call(boto, "get_bulk_publish_details", identity_pool_id=STREAMS_POOL)
    with pytest.raises(cognito_sync.InvalidParameterException):
        client.bulk_publish(identity_pool_id=STREAMS_POOL)  # streams not configured yet
    client.set_identity_pool_configuration(
        identity_pool_id=STREAMS_POOL,
        cognito_streams={"StreamName": "s", "RoleArn": ARN_ROLE, "StreamingStatus": "ENABLED"},
    )
    out = client.bulk_publish(identity_pool_id=STREAMS_POOL)
    assert out.identity_pool_id == STREAMS_POOL
    assert out.to_dict() == {"IdentityPoolId": STREAMS_POOL}
    details = client.get_bulk_publish_details(identity_pool_id=STREAMS_POOL)
    assert details.bulk_publish_status in ("IN_PROGRESS", "SUCCEEDED")
    assert isinstance(details.bulk_publish_start_time, datetime.datetime)
    assert details.to_dict() == boto_call(boto, "get_bulk_publish_details", identity_pool_id=STREAMS_POOL)
    # A second one while the first runs (or within 24 h) is refused, like boto3 sees it.
    with pytest.raises((cognito_sync.DuplicateRequestException, cognito_sync.AlreadyStreamedException)):
        client.bulk_publish(identity_pool_id=STREAMS_POOL)


def test_register_subscribe_unsubscribe_with_cognito_identity(endpoint: str, client: cognito_sync.Client) -> None:
    client.set_identity_pool_configuration(
        identity_pool_id=CONFIG_POOL, push_sync={"ApplicationArns": [ARN_APP], "RoleArn": ARN_ROLE}
    )
    user = cognito_sync.Client(region=REGION, endpoint_url=endpoint, cognito_identity_pool_id=CONFIG_POOL)
    identity_id = user.identity_id()
    assert identity_id.startswith(REGION + ":")
    assert user.identity_id() == identity_id  # cached
    device = user.register_device(identity_pool_id=CONFIG_POOL, identity_id=identity_id, platform="GCM", token="push-token")
    assert device.device_id
    assert device.to_dict() == {"DeviceId": device.device_id}
    page = user.list_records(identity_pool_id=CONFIG_POOL, identity_id=identity_id, dataset_name="save")
    user.update_records(
        identity_pool_id=CONFIG_POOL,
        identity_id=identity_id,
        dataset_name="save",
        sync_session_token=page.sync_session_token or "",
        record_patches=[RecordPatch.replace("k", "v")],
    )
    sub = user.subscribe_to_dataset(
        identity_pool_id=CONFIG_POOL, identity_id=identity_id, dataset_name="save", device_id=device.device_id or ""
    )
    assert isinstance(sub, cognito_sync.SubscribeToDatasetOutput) and sub.to_dict() == {}
    unsub = user.unsubscribe_from_dataset(
        identity_pool_id=CONFIG_POOL, identity_id=identity_id, dataset_name="save", device_id=device.device_id or ""
    )
    assert isinstance(unsub, cognito_sync.UnsubscribeFromDatasetOutput) and unsub.to_dict() == {}
    # Another identity's data is not reachable with these credentials.
    with pytest.raises(cognito_sync.NotAuthorizedException):
        user.list_records(identity_pool_id=CONFIG_POOL, identity_id=f"{REGION}:{'0' * 8}-0000-4000-8000-000000000000", dataset_name="save")


def test_register_device_with_boto3_equivalent(endpoint: str, boto: Any) -> None:
    """Developer credentials may not register devices: both clients see the same error."""
    client = cognito_sync.Client(region=REGION, endpoint_url=endpoint, aws_access_key_id="test", aws_secret_access_key="test")
    identity = f"{REGION}:00000000-0000-4000-8000-0000000000ff"
    with pytest.raises(cognito_sync.NotAuthorizedException) as mine:
        client.register_device(identity_pool_id=POOL, identity_id=identity, platform="GCM", token="t")
    with pytest.raises(boto.exceptions.NotAuthorizedException) as theirs:
        boto.register_device(IdentityPoolId=POOL, IdentityId=identity, Platform="GCM", Token="t")
    assert mine.value.code == theirs.value.response["Error"]["Code"]
    assert mine.value.message == theirs.value.response["Error"]["Message"]
    assert mine.value.status_code == theirs.value.response["ResponseMetadata"]["HTTPStatusCode"] == 403


def test_results_have_repr_eq_and_no_hash(client: cognito_sync.Client, identity: str) -> None:
    written = seed(client, identity)
    record = written.records[0]
    text = repr(record)
    assert text.startswith("Record(key='level', value='7', sync_count=1, last_modified_date=datetime.datetime(")
    assert record == written.records[0] and record != written.records[1]
    assert record != "level"
    with pytest.raises(TypeError):
        hash(record)
    assert "UpdateRecordsOutput(records=[Record(" in repr(written)
    with pytest.raises(AttributeError):
        record.key = "other"  # type: ignore[misc]
