"""boto3's cognito-sync client against cognito-sync-local: every operation, and the error
codes botocore parses (modeled exception classes where the model has them)."""

import time
from datetime import datetime, timezone

import boto3
import pytest
from botocore.exceptions import ClientError

from conftest import NO_RETRY, REGION, client

ROLE = "arn:aws:iam::123456789012:role/cognito"
GCM_ARN = "arn:aws:sns:us-east-1:123456789012:app/GCM/conformance"


def session(sync, pool, identity_id, dataset):
    return sync.list_records(IdentityPoolId=pool, IdentityId=identity_id, DatasetName=dataset)["SyncSessionToken"]


def update(sync, pool, identity_id, dataset, patches, **extra):
    return sync.update_records(
        IdentityPoolId=pool,
        IdentityId=identity_id,
        DatasetName=dataset,
        SyncSessionToken=session(sync, pool, identity_id, dataset),
        RecordPatches=patches,
        **extra,
    )


def code(excinfo):
    return excinfo.value.response["Error"]["Code"]


def test_records_round_trip(new_user):
    u = new_user()
    empty = u.sync.list_records(IdentityPoolId=u.pool, IdentityId=u.id, DatasetName="save", LastSyncCount=0)
    assert empty["DatasetExists"] is False
    assert empty["Count"] == 0 and empty["Records"] == []
    assert empty["ResponseMetadata"]["RequestId"]
    when = datetime(2020, 1, 2, 3, 4, 5, tzinfo=timezone.utc)
    out = u.sync.update_records(
        IdentityPoolId=u.pool,
        IdentityId=u.id,
        DatasetName="save",
        SyncSessionToken=empty["SyncSessionToken"],
        DeviceId="device-1",
        ClientContext="eyJjbGllbnQiOnt9fQ==",
        RecordPatches=[
            {"Op": "replace", "Key": "level", "Value": "3", "SyncCount": 0, "DeviceLastModifiedDate": when},
            {"Op": "replace", "Key": "coins", "Value": "10", "SyncCount": 0},
        ],
    )
    records = {r["Key"]: r for r in out["Records"]}
    assert records["level"]["SyncCount"] == 1
    assert records["level"]["DeviceLastModifiedDate"] == when
    assert records["level"]["LastModifiedBy"] == u.id
    assert isinstance(records["coins"]["LastModifiedDate"], datetime)

    update(u.sync, u.pool, u.id, "save", [{"Op": "remove", "Key": "coins", "SyncCount": 1}])
    since = u.sync.list_records(IdentityPoolId=u.pool, IdentityId=u.id, DatasetName="save", LastSyncCount=1)
    assert since["DatasetSyncCount"] == 2
    assert [r["Key"] for r in since["Records"]] == ["coins"]
    assert "Value" not in since["Records"][0], "a tombstone has no value"
    assert since["DatasetExists"] is True
    assert since["LastModifiedBy"] == u.id


def test_list_records_pagination(sync, pool, new_user):
    u = new_user()
    update(sync, pool, u.id, "many", [{"Op": "replace", "Key": f"k{i:02}", "Value": "v", "SyncCount": 0} for i in range(12)])
    keys, token = [], None
    while True:
        kw = {"NextToken": token} if token else {}
        page = sync.list_records(IdentityPoolId=pool, IdentityId=u.id, DatasetName="many", MaxResults=5, **kw)
        keys += [r["Key"] for r in page["Records"]]
        token = page.get("NextToken")
        if not token:
            break
    assert keys == [f"k{i:02}" for i in range(12)]
    with pytest.raises(sync.exceptions.InvalidParameterException):
        sync.list_records(IdentityPoolId=pool, IdentityId=u.id, DatasetName="many", NextToken="forged")


def test_conflict(new_user):
    u = new_user()
    update(u.sync, u.pool, u.id, "save", [{"Op": "replace", "Key": "k", "Value": "1", "SyncCount": 0}])
    with pytest.raises(u.sync.exceptions.ResourceConflictException) as e:
        update(u.sync, u.pool, u.id, "save", [{"Op": "replace", "Key": "k", "Value": "2", "SyncCount": 0}])
    assert e.value.response["ResponseMetadata"]["HTTPStatusCode"] == 409
    assert e.value.response["Error"]["Message"] == "Current SyncCount for: k is: 1 not: 0"
    assert e.value.response["message"] == "Current SyncCount for: k is: 1 not: 0"


def test_invalid_parameters(sync, new_user):
    u = new_user()
    update(sync, u.pool, u.id, "save", [{"Op": "replace", "Key": "k", "Value": "1", "SyncCount": 0}])
    with pytest.raises(sync.exceptions.InvalidParameterException) as e:
        sync.list_records(IdentityPoolId=u.pool, IdentityId=u.id, DatasetName="save", LastSyncCount=9)
    assert "No such SyncCount: 9" in e.value.response["Error"]["Message"]
    with pytest.raises(sync.exceptions.InvalidParameterException):
        sync.list_records(IdentityPoolId=u.pool, IdentityId=u.id, DatasetName="bad name!")
    with pytest.raises(sync.exceptions.InvalidParameterException):
        sync.update_records(
            IdentityPoolId=u.pool, IdentityId=u.id, DatasetName="save", SyncSessionToken="forged", RecordPatches=[]
        )
    other = session(sync, u.pool, u.id, "other")
    with pytest.raises(sync.exceptions.InvalidParameterException) as e:
        sync.update_records(IdentityPoolId=u.pool, IdentityId=u.id, DatasetName="save", SyncSessionToken=other)
    assert e.value.response["Error"]["Message"] == "SyncSessionToken not valid for these inputs"


def test_limit_exceeded(sync, new_user):
    u = new_user()
    for i in range(20):
        update(sync, u.pool, u.id, f"ds{i}", [{"Op": "replace", "Key": "k", "Value": "v", "SyncCount": 0}])
    with pytest.raises(sync.exceptions.LimitExceededException):
        update(sync, u.pool, u.id, "ds20", [{"Op": "replace", "Key": "k", "Value": "v", "SyncCount": 0}])


def test_datasets(new_user):
    u = new_user()
    for name in ("a", "b", "c"):
        update(u.sync, u.pool, u.id, name, [{"Op": "replace", "Key": "key", "Value": "value", "SyncCount": 0}])
    page = u.sync.list_datasets(IdentityPoolId=u.pool, IdentityId=u.id, MaxResults=2)
    assert page["Count"] == 2
    rest = u.sync.list_datasets(IdentityPoolId=u.pool, IdentityId=u.id, MaxResults=2, NextToken=page["NextToken"])
    assert [d["DatasetName"] for d in page["Datasets"] + rest["Datasets"]] == ["a", "b", "c"]
    assert "NextToken" not in rest

    ds = u.sync.describe_dataset(IdentityPoolId=u.pool, IdentityId=u.id, DatasetName="a")["Dataset"]
    assert ds["NumRecords"] == 1 and ds["DataStorage"] == 8
    assert isinstance(ds["CreationDate"], datetime)
    deleted = u.sync.delete_dataset(IdentityPoolId=u.pool, IdentityId=u.id, DatasetName="a")["Dataset"]
    assert deleted["DatasetName"] == "a"
    with pytest.raises(u.sync.exceptions.ResourceNotFoundException) as e:
        u.sync.describe_dataset(IdentityPoolId=u.pool, IdentityId=u.id, DatasetName="a")
    assert e.value.response["ResponseMetadata"]["HTTPStatusCode"] == 404
    with pytest.raises(u.sync.exceptions.ResourceNotFoundException):
        u.sync.delete_dataset(IdentityPoolId=u.pool, IdentityId=u.id, DatasetName="a")
    after = u.sync.list_records(IdentityPoolId=u.pool, IdentityId=u.id, DatasetName="a", LastSyncCount=1)
    assert after["DatasetExists"] is False
    assert after["DatasetDeletedAfterRequestedSyncCount"] is True


def test_usage(sync, pool, new_user):
    a, b = new_user(), new_user()
    update(a.sync, pool, a.id, "one", [{"Op": "replace", "Key": "k", "Value": "vvvv", "SyncCount": 0}])
    update(b.sync, pool, b.id, "one", [{"Op": "replace", "Key": "key", "Value": "value", "SyncCount": 0}])
    usage = a.sync.describe_identity_usage(IdentityPoolId=pool, IdentityId=a.id)["IdentityUsage"]
    assert (usage["DatasetCount"], usage["DataStorage"], usage["IdentityPoolId"]) == (1, 5, pool)
    pool_usage = sync.describe_identity_pool_usage(IdentityPoolId=pool)["IdentityPoolUsage"]
    assert pool_usage["DataStorage"] == 13
    assert pool_usage["SyncSessionsCount"] == 2
    listed, token = [], None
    while True:
        kw = {"NextToken": token} if token else {}
        page = sync.list_identity_pool_usage(MaxResults=1, **kw)
        assert page["MaxResults"] == 1 and page["Count"] == len(page["IdentityPoolUsages"])
        listed += page["IdentityPoolUsages"]
        token = page.get("NextToken")
        if not token:
            break
    assert pool in [p["IdentityPoolId"] for p in listed]
    with pytest.raises(sync.exceptions.ResourceNotFoundException):
        sync.describe_identity_pool_usage(IdentityPoolId="us-east-1:00dead")


def test_configuration_and_events(sync, pool):
    assert "PushSync" not in sync.get_identity_pool_configuration(IdentityPoolId=pool)
    out = sync.set_identity_pool_configuration(
        IdentityPoolId=pool,
        PushSync={"ApplicationArns": [GCM_ARN], "RoleArn": ROLE},
        CognitoStreams={"StreamName": "stream", "RoleArn": ROLE, "StreamingStatus": "DISABLED"},
    )
    assert out["PushSync"]["ApplicationArns"] == [GCM_ARN]
    got = sync.get_identity_pool_configuration(IdentityPoolId=pool)
    assert got["CognitoStreams"]["StreamingStatus"] == "DISABLED"
    with pytest.raises(sync.exceptions.InvalidParameterException):
        sync.set_identity_pool_configuration(IdentityPoolId=pool, PushSync={"ApplicationArns": ["not-an-arn"]})

    arn = "arn:aws:lambda:us-east-1:123456789012:function:trigger"
    sync.set_cognito_events(IdentityPoolId=pool, Events={"SyncTrigger": arn})
    assert sync.get_cognito_events(IdentityPoolId=pool)["Events"] == {"SyncTrigger": arn}
    with pytest.raises(sync.exceptions.InvalidParameterException):
        sync.set_cognito_events(IdentityPoolId=pool, Events={"Other": arn})


def test_push_sync(sync, pool, new_user):
    u = new_user()
    with pytest.raises(u.sync.exceptions.InvalidConfigurationException):
        u.sync.register_device(IdentityPoolId=pool, IdentityId=u.id, Platform="GCM", Token="token")
    sync.set_identity_pool_configuration(IdentityPoolId=pool, PushSync={"ApplicationArns": [GCM_ARN], "RoleArn": ROLE})
    device = u.sync.register_device(IdentityPoolId=pool, IdentityId=u.id, Platform="GCM", Token="token")["DeviceId"]
    with pytest.raises(u.sync.exceptions.ResourceNotFoundException):
        u.sync.subscribe_to_dataset(IdentityPoolId=pool, IdentityId=u.id, DatasetName="save", DeviceId=device)
    update(u.sync, pool, u.id, "save", [{"Op": "replace", "Key": "k", "Value": "v", "SyncCount": 0}])
    out = u.sync.subscribe_to_dataset(IdentityPoolId=pool, IdentityId=u.id, DatasetName="save", DeviceId=device)
    assert out["ResponseMetadata"]["HTTPStatusCode"] == 200
    u.sync.unsubscribe_from_dataset(IdentityPoolId=pool, IdentityId=u.id, DatasetName="save", DeviceId=device)
    with pytest.raises(sync.exceptions.NotAuthorizedException):
        sync.register_device(IdentityPoolId=pool, IdentityId=u.id, Platform="GCM", Token="token")


def test_streams_and_bulk_publish(sync, pool, new_user, admin):
    u = new_user()
    with pytest.raises(sync.exceptions.InvalidParameterException):
        sync.bulk_publish(IdentityPoolId=pool)
    assert sync.get_bulk_publish_details(IdentityPoolId=pool)["BulkPublishStatus"] == "NOT_STARTED"
    sync.set_identity_pool_configuration(
        IdentityPoolId=pool, CognitoStreams={"StreamName": "stream", "RoleArn": ROLE, "StreamingStatus": "ENABLED"}
    )
    update(u.sync, pool, u.id, "save", [{"Op": "replace", "Key": "k", "Value": "v", "SyncCount": 0}])
    events = admin("GET", "/_emulator/events?kind=stream")["Events"]
    mine = [e for e in events if e["IdentityPoolId"] == pool]
    assert mine[-1]["Payload"]["Data"]["kinesisSyncRecords"][0]["key"] == "k"

    assert sync.bulk_publish(IdentityPoolId=pool)["IdentityPoolId"] == pool
    assert sync.get_bulk_publish_details(IdentityPoolId=pool)["BulkPublishStatus"] == "IN_PROGRESS"
    with pytest.raises(sync.exceptions.DuplicateRequestException):
        sync.bulk_publish(IdentityPoolId=pool)
    deadline = time.time() + 10
    while sync.get_bulk_publish_details(IdentityPoolId=pool)["BulkPublishStatus"] != "SUCCEEDED":
        assert time.time() < deadline
        time.sleep(0.05)
    details = sync.get_bulk_publish_details(IdentityPoolId=pool)
    assert details["BulkPublishCompleteTime"] >= details["BulkPublishStartTime"]
    with pytest.raises(sync.exceptions.AlreadyStreamedException):
        sync.bulk_publish(IdentityPoolId=pool)


def test_not_authorized(sync, pool, new_user):
    a, b = new_user(), new_user()
    with pytest.raises(a.sync.exceptions.NotAuthorizedException) as e:
        a.sync.list_records(IdentityPoolId=pool, IdentityId=b.id, DatasetName="save")
    assert e.value.response["ResponseMetadata"]["HTTPStatusCode"] == 403
    with pytest.raises(a.sync.exceptions.NotAuthorizedException):
        a.sync.describe_identity_pool_usage(IdentityPoolId=pool)
    with pytest.raises(a.sync.exceptions.NotAuthorizedException):
        a.sync.get_cognito_events(IdentityPoolId=pool)


def test_bad_signatures(endpoint, pool, new_user):
    u = new_user()
    wrong = client("cognito-sync", endpoint, "test", "wrong-secret")
    with pytest.raises(ClientError) as e:
        wrong.list_datasets(IdentityPoolId=pool, IdentityId=u.id)
    assert code(e) == "InvalidSignatureException"
    assert e.value.response["ResponseMetadata"]["HTTPStatusCode"] == 403
    unknown = client("cognito-sync", endpoint, "AKIDUNKNOWN", "x")
    with pytest.raises(ClientError) as e:
        unknown.list_datasets(IdentityPoolId=pool, IdentityId=u.id)
    assert code(e) == "UnrecognizedClientException"
    c = u.credentials
    no_token = client("cognito-sync", endpoint, c["AccessKeyId"], c["SecretKey"])
    with pytest.raises(ClientError) as e:
        no_token.list_datasets(IdentityPoolId=pool, IdentityId=u.id)
    assert code(e) == "UnrecognizedClientException"


def test_injected_faults_surface_as_modeled_errors(sync, pool, new_user, admin):
    u = new_user()
    admin("POST", "/_emulator/faults", {"Rules": [
        {"operation": "ListDatasets", "error": "TooManyRequestsException", "error_rate": 1, "remaining": 1},
        {"operation": "DescribeIdentityUsage", "error": "InternalErrorException", "error_rate": 1, "remaining": 1},
    ]})
    with pytest.raises(sync.exceptions.TooManyRequestsException) as e:
        sync.list_datasets(IdentityPoolId=pool, IdentityId=u.id)
    assert e.value.response["ResponseMetadata"]["HTTPStatusCode"] == 429
    with pytest.raises(sync.exceptions.InternalErrorException) as e:
        sync.describe_identity_usage(IdentityPoolId=pool, IdentityId=u.id)
    assert e.value.response["ResponseMetadata"]["HTTPStatusCode"] == 500
    assert sync.list_datasets(IdentityPoolId=pool, IdentityId=u.id)["Count"] == 0


def test_any_signing_region_is_accepted(endpoint, pool, new_user):
    u = new_user()
    other = boto3.client(
        "cognito-sync",
        endpoint_url=endpoint,
        region_name="eu-west-1",
        aws_access_key_id="test",
        aws_secret_access_key="test",
        config=NO_RETRY,
    )
    assert other.meta.region_name != REGION
    assert other.list_datasets(IdentityPoolId=pool, IdentityId=u.id)["Count"] == 0


def test_device_timestamps_sdks_cannot_represent_are_refused(endpoint, sync, new_user):
    """A device with a bad clock must not make a dataset unreadable for every client: a
    DeviceLastModifiedDate past year 9999, negative or not finite is refused with nothing
    applied, and boto3 can still read the dataset (issue 19, part 1)."""
    import json
    import urllib.error
    import urllib.request

    import botocore.auth
    import botocore.awsrequest
    import botocore.credentials

    u = new_user()
    path = f"/identitypools/{u.pool}/identities/{u.id}/datasets/save"

    def raw_update(when):
        body = json.dumps(
            {
                "SyncSessionToken": session(sync, u.pool, u.id, "save"),
                "RecordPatches": [
                    {"Op": "replace", "Key": "k", "Value": "v", "SyncCount": 0, "DeviceLastModifiedDate": when}
                ],
            }
        ).encode()
        req = botocore.awsrequest.AWSRequest(method="POST", url=endpoint + path, data=body)
        botocore.auth.SigV4Auth(botocore.credentials.Credentials("test", "test"), "cognito-sync", REGION).add_auth(req)
        prepared = req.prepare()
        http_req = urllib.request.Request(prepared.url, data=body, method="POST", headers=dict(prepared.headers))
        try:
            with urllib.request.urlopen(http_req) as resp:
                return resp.status, json.loads(resp.read())
        except urllib.error.HTTPError as e:
            return e.code, json.loads(e.read())

    for bad in [1e300, 1e20, 1.7e12, 253402300800, -1]:
        status, reply = raw_update(bad)
        assert status == 400, (bad, reply)
        assert "InvalidParameter" in reply.get("__type", reply.get("code", "")), reply
        listed = sync.list_records(IdentityPoolId=u.pool, IdentityId=u.id, DatasetName="save")
        assert listed["Records"] == [], (bad, listed["Records"])
    status, reply = raw_update(253402300799)  # 9999-12-31T23:59:59Z: the last second allowed
    assert status == 200, reply
    (record,) = sync.list_records(IdentityPoolId=u.pool, IdentityId=u.id, DatasetName="save")["Records"]
    assert record["DeviceLastModifiedDate"].year == 9999
