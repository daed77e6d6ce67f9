"""boto3's cognito-identity client against cognito-sync-local (the subset it emulates)."""

import uuid
from datetime import datetime

import pytest
from botocore.exceptions import ClientError

from conftest import POOL, client


def test_pool_lifecycle(identity):
    name = "conf-" + uuid.uuid4().hex[:6]
    created = identity.create_identity_pool(
        IdentityPoolName=name,
        AllowUnauthenticatedIdentities=False,
        SupportedLoginProviders={"graph.facebook.com": "12345"},
    )
    pool = created["IdentityPoolId"]
    assert created["IdentityPoolName"] == name
    described = identity.describe_identity_pool(IdentityPoolId=pool)
    assert described["SupportedLoginProviders"] == {"graph.facebook.com": "12345"}
    assert described["AllowUnauthenticatedIdentities"] is False
    pools = identity.list_identity_pools(MaxResults=60)["IdentityPools"]
    assert {"IdentityPoolId": pool, "IdentityPoolName": name} in pools
    assert POOL in [p["IdentityPoolId"] for p in pools], "--identity-pool pre-created it"
    identity.delete_identity_pool(IdentityPoolId=pool)
    with pytest.raises(identity.exceptions.ResourceNotFoundException):
        identity.describe_identity_pool(IdentityPoolId=pool)


def test_identities_and_credentials(endpoint, identity):
    iid = identity.get_id(IdentityPoolId=POOL)["IdentityId"]
    assert iid.startswith("us-east-1:")
    out = identity.get_credentials_for_identity(IdentityId=iid)
    assert out["IdentityId"] == iid
    creds = out["Credentials"]
    assert creds["AccessKeyId"].startswith("ASIA")
    assert isinstance(creds["Expiration"], datetime)
    token = identity.get_open_id_token(IdentityId=iid)
    assert token["IdentityId"] == iid and token["Token"]
    listed = identity.list_identities(IdentityPoolId=POOL, MaxResults=60)
    assert iid in [i["IdentityId"] for i in listed["Identities"]]
    sync = client("cognito-sync", endpoint, creds["AccessKeyId"], creds["SecretKey"], creds["SessionToken"])
    assert sync.list_datasets(IdentityPoolId=POOL, IdentityId=iid)["Count"] == 0


def test_logins_are_linked_and_required(identity):
    pool = identity.create_identity_pool(IdentityPoolName="closed", AllowUnauthenticatedIdentities=False)[
        "IdentityPoolId"
    ]
    with pytest.raises(identity.exceptions.NotAuthorizedException) as e:
        identity.get_id(IdentityPoolId=pool)
    assert e.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400
    logins = {"accounts.google.com": "user-" + uuid.uuid4().hex}
    a = identity.get_id(IdentityPoolId=pool, Logins=logins)["IdentityId"]
    assert identity.get_id(IdentityPoolId=pool, Logins=logins)["IdentityId"] == a
    with pytest.raises(identity.exceptions.NotAuthorizedException):
        identity.get_credentials_for_identity(IdentityId=a)
    assert identity.get_credentials_for_identity(IdentityId=a, Logins=logins)["IdentityId"] == a
    identity.delete_identity_pool(IdentityPoolId=pool)


def test_errors(endpoint, identity):
    with pytest.raises(identity.exceptions.ResourceNotFoundException):
        identity.get_id(IdentityPoolId="us-east-1:00000000-dead")
    with pytest.raises(identity.exceptions.ResourceNotFoundException):
        identity.get_credentials_for_identity(IdentityId="us-east-1:00000000-dead")
    with pytest.raises(identity.exceptions.InvalidParameterException):
        identity.get_id(IdentityPoolId="no-colon-here")
    wrong = client("cognito-identity", endpoint, "test", "wrong")
    with pytest.raises(ClientError) as e:
        wrong.describe_identity_pool(IdentityPoolId=POOL)
    assert e.value.response["Error"]["Code"] == "InvalidSignatureException"
