"""The asyncio client: many calls in flight at once, on one event loop.

    AWS_ENDPOINT_URL_COGNITO_SYNC=http://127.0.0.1:4566 python examples/python/async_quickstart.py
"""

from __future__ import annotations

import asyncio
import os

import cognito_sync

ENDPOINT = os.environ.get("AWS_ENDPOINT_URL_COGNITO_SYNC")  # None: the real service
POOL = os.environ.get("COGNITO_IDENTITY_POOL_ID", "us-east-1:00000000-0000-0000-0000-000000000001")


async def save(client: cognito_sync.AsyncClient, identity: str, name: str, value: str) -> int:
    page = await client.list_records(identity_pool_id=POOL, identity_id=identity, dataset_name=name)
    out = await client.update_records(
        identity_pool_id=POOL,
        identity_id=identity,
        dataset_name=name,
        sync_session_token=page.sync_session_token or "",
        record_patches=[{"op": "replace", "key": "value", "value": value, "sync_count": 0}],
    )
    return out.records[0].sync_count or 0


async def main() -> None:
    async with cognito_sync.AsyncClient(
        region="us-east-1", endpoint_url=ENDPOINT, cognito_identity_pool_id=POOL
    ) as client:
        identity = await client.identity_id()
        counts = await asyncio.gather(*(save(client, identity, f"slot{i}", str(i)) for i in range(5)))
        print("sync counts:", counts)
        names = [d.dataset_name async for d in client.iter_datasets(identity_pool_id=POOL, identity_id=identity)]
        print("datasets:", sorted(n or "" for n in names))


if __name__ == "__main__":
    asyncio.run(main())
