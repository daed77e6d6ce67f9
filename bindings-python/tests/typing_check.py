"""Not a test module: type-checked by `mypy --strict` in scripts/test-python.sh to prove
the stubs give users precise types (and reject misuse)."""

from __future__ import annotations

import datetime
from typing import Optional

import cognito_sync


def typed_use(client: cognito_sync.Client) -> Optional[datetime.datetime]:
    page: cognito_sync.ListRecordsOutput = client.list_records(
        identity_pool_id="us-east-1:1", identity_id="us-east-1:2", dataset_name="d", last_sync_count=3
    )
    first: cognito_sync.Record = page.records[0]
    count: Optional[int] = first.sync_count
    assert count is None or count >= 0
    client.update_records(
        identity_pool_id="p",
        identity_id="i",
        dataset_name="d",
        sync_session_token=page.sync_session_token or "",
        record_patches=[cognito_sync.RecordPatch.replace("k", "v"), {"Op": "remove", "Key": "k", "SyncCount": 1}],
    )
    try:
        client.describe_dataset(identity_pool_id="p", identity_id="i", dataset_name="d")
    except cognito_sync.CognitoSyncError as e:
        code: Optional[str] = e.code
        status: Optional[int] = e.status_code
        assert code or status
    return first.last_modified_date


async def typed_async_use(client: cognito_sync.AsyncClient) -> list[str]:
    out = await client.list_datasets(identity_pool_id="p", identity_id="i")
    return [d.dataset_name or "" for d in out.datasets]


def misuse(client: cognito_sync.Client) -> None:
    client.list_records(identity_pool_id=1, identity_id="i", dataset_name="d")  # type: ignore[arg-type]
    client.list_records(identity_pool_id="p", identity_id="i")  # type: ignore[call-arg]
