"""What the boto3-compatible client has beyond boto3's own cognito-sync client (which
has no paginators), or cannot be compared with it: paginators, the asyncio twin, the
configuration it honours, and how it behaves without botocore installed."""

from __future__ import annotations

import asyncio
import subprocess
import sys
import uuid
from typing import Any

import pytest
from botocore.config import Config
from botocore.exceptions import ClientError, ParamValidationError

import cognito_sync
import cognito_sync.aio

from ..conftest import DEV_KEY, POOL, REGION, Emulator


def make(endpoint: str, **overrides: Any) -> Any:
    kwargs: dict[str, Any] = {
        "region_name": REGION,
        "endpoint_url": endpoint,
        "aws_access_key_id": DEV_KEY[0],
        "aws_secret_access_key": DEV_KEY[1],
    }
    kwargs.update(overrides)
    return cognito_sync.client("cognito-sync", **kwargs)


def fill(client: Any, identity: str, dataset: str, n: int) -> None:
    page = client.list_records(IdentityPoolId=POOL, IdentityId=identity, DatasetName=dataset)
    client.update_records(
        IdentityPoolId=POOL,
        IdentityId=identity,
        DatasetName=dataset,
        SyncSessionToken=page["SyncSessionToken"],
        RecordPatches=[
            {"Op": "replace", "Key": f"k{i}", "Value": str(i), "SyncCount": 0} for i in range(n)
        ],
    )


def keys(pages: list[dict[str, Any]]) -> list[list[str]]:
    return [[r["Key"] for r in page["Records"]] for page in pages]


def test_paginators_follow_next_token_like_a_manual_loop(endpoint: str, boto: Any) -> None:
    client = make(endpoint)
    identity = f"{REGION}:{uuid.uuid4()}"
    fill(client, identity, "paged", 5)
    args = {"IdentityPoolId": POOL, "IdentityId": identity, "DatasetName": "paged"}
    assert [client.can_paginate(n) for n in ("list_records", "list_datasets")] == [True, True]
    assert client.can_paginate("list_identity_pool_usage")
    assert not client.can_paginate("update_records")
    with pytest.raises(ValueError, match="cannot be paginated"):
        client.get_paginator("update_records")

    manual, token = [], None
    while True:
        page = boto.list_records(**args, MaxResults=2, **({"NextToken": token} if token else {}))
        manual.append(page)
        token = page.get("NextToken")
        if not token:
            break
    pages = list(client.get_paginator("list_records").paginate(**args, PaginationConfig={"PageSize": 2}))
    assert keys(pages) == keys(manual) == [["k0", "k1"], ["k2", "k3"], ["k4"]]
    assert all(p["ResponseMetadata"]["HTTPStatusCode"] == 200 for p in pages)

    first = client.get_paginator("list_records").paginate(
        **args, PaginationConfig={"PageSize": 2, "MaxItems": 3}
    )
    assert keys(list(first)) == [["k0", "k1"], ["k2"]]
    assert first.resume_token
    rest = client.get_paginator("list_records").paginate(
        **args, PaginationConfig={"PageSize": 2, "StartingToken": first.resume_token}
    )
    assert keys(list(rest)) == [["k3"], ["k4"]]
    full = client.get_paginator("list_records").paginate(**args).build_full_result()
    assert [r["Key"] for r in full["Records"]] == ["k0", "k1", "k2", "k3", "k4"]
    assert list(client.get_paginator("list_records").paginate(**args).search("Records[].Value")) == [
        "0", "1", "2", "3", "4",
    ]
    datasets = client.get_paginator("list_datasets").paginate(IdentityPoolId=POOL, IdentityId=identity)
    assert [d["DatasetName"] for p in datasets for d in p["Datasets"]] == ["paged"]
    usage = client.get_paginator("list_identity_pool_usage").paginate(
        PaginationConfig={"PageSize": 1}
    )
    assert len([u for p in usage for u in p["IdentityPoolUsages"]]) >= 1


def test_asyncio_twin(endpoint: str, boto: Any) -> None:
    identity = f"{REGION}:{uuid.uuid4()}"
    fill(make(endpoint), identity, "save", 3)
    args = {"IdentityPoolId": POOL, "IdentityId": identity, "DatasetName": "save"}

    async def main() -> tuple[dict[str, Any], list[dict[str, Any]], Any]:
        async with cognito_sync.aio.create_client(
            "cognito-sync",
            region_name=REGION,
            endpoint_url=endpoint,
            aws_access_key_id=DEV_KEY[0],
            aws_secret_access_key=DEV_KEY[1],
        ) as client:
            page = await client.list_records(**args)
            pages = [
                p async for p in client.get_paginator("list_records").paginate(
                    **args, PaginationConfig={"PageSize": 2}
                )
            ]
            with pytest.raises(client.exceptions.ResourceNotFoundException) as info:
                await client.describe_dataset(**{**args, "DatasetName": "none"})
            with pytest.raises(ParamValidationError):
                await client.list_records(IdentityPoolId=POOL)
            return page, pages, info.value

    page, pages, err = asyncio.run(main())
    expected = boto.list_records(**args)
    for d in (page, expected):
        d.pop("ResponseMetadata")
        d.pop("SyncSessionToken")
    assert page == expected
    assert keys(pages) == [["k0", "k1"], ["k2"]]
    assert isinstance(err, ClientError)
    assert err.response["Error"]["Code"] == "ResourceNotFoundException"
    assert err.operation_name == "DescribeDataset"


def test_config_is_honoured(emulator: Emulator, endpoint: str) -> None:
    client = make(endpoint, region_name=None, config=Config(region_name="eu-west-1"))
    assert client.meta.region_name == "eu-west-1"
    assert make(endpoint, config=Config(region_name="eu-west-1")).meta.region_name == REGION
    slow = make(endpoint, config=Config(read_timeout=0.3, retries={"total_max_attempts": 1}))
    emulator.set_faults({"operation": "ListDatasets", "latency_ms": 3000, "remaining": 1})
    with pytest.raises(cognito_sync.RequestTimeoutError):
        slow.list_datasets(IdentityPoolId=POOL, IdentityId=f"{REGION}:{uuid.uuid4()}")
    # Three attempts in standard mode: two injected throttles, then success.
    retrying = make(endpoint, config=Config(retries={"max_attempts": 2, "mode": "standard"}))
    emulator.set_faults(
        {"operation": "ListDatasets", "error": "TooManyRequestsException", "error_rate": 1, "remaining": 2}
    )
    out = retrying.list_datasets(IdentityPoolId=POOL, IdentityId=f"{REGION}:{uuid.uuid4()}")
    assert out["ResponseMetadata"]["RetryAttempts"] == 2
    assert out["ResponseMetadata"]["MaxAttemptsReached"] is True
    with pytest.raises(ValueError, match="Cognito Sync clients only"):
        cognito_sync.client("s3")
    with pytest.raises(ValueError, match="not supported"):
        make(endpoint, verify=False)


def test_rules_botocore_does_not_check_are_param_errors_too(endpoint: str) -> None:
    client = make(endpoint)
    with pytest.raises(ParamValidationError, match="dataset_name") as info:
        client.list_records(IdentityPoolId=POOL, IdentityId=f"{REGION}:{uuid.uuid4()}", DatasetName="bad name!")
    assert isinstance(info.value, ValueError)


def test_region_name_on_the_native_clients() -> None:
    for cls in (cognito_sync.Client, cognito_sync.AsyncClient):
        assert cls(region_name="eu-west-1", endpoint_url="http://127.0.0.1:9").region == "eu-west-1"
        assert cls(region="eu-west-1", region_name="eu-west-1").region == "eu-west-1"
        with pytest.raises(cognito_sync.ValidationError, match="region_name"):
            cls(region="eu-west-1", region_name="us-east-1")


NO_BOTOCORE = r"""
import sys
sys.modules["botocore"] = None  # import botocore now fails, as on a machine without it
import cognito_sync
from cognito_sync import _boto
assert not _boto.HAS_BOTOCORE
client = cognito_sync.client("cognito-sync", region_name="us-east-1", endpoint_url=sys.argv[1],
                             aws_access_key_id="test", aws_secret_access_key="test")
try:
    client.list_records(IdentityPoolId="p", Bogus=1)
except ValueError as e:
    assert type(e).__name__ == "ParamValidationError", type(e)
    assert 'Unknown parameter in input: "Bogus"' in str(e), str(e)
    assert 'Missing required parameter in input: "IdentityId"' in str(e), str(e)
try:
    client.describe_dataset(IdentityPoolId=sys.argv[2], IdentityId="us-east-1:" + "1" * 8
                            + "-1111-4111-8111-" + "1" * 12, DatasetName="none")
except client.exceptions.ResourceNotFoundException as e:
    assert e.response["Error"]["Code"] == "ResourceNotFoundException"
    assert e.response["ResponseMetadata"]["HTTPStatusCode"] == 404
    assert str(e).startswith("An error occurred (ResourceNotFoundException) when calling the DescribeDataset operation")
print("ok")
"""


def test_without_botocore(endpoint: str) -> None:
    out = subprocess.run(
        [sys.executable, "-c", NO_BOTOCORE, endpoint, POOL],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert out.stdout.strip() == "ok", out.stderr

