"""AsyncClient, and pagination (sync and async) following next_token."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

import cognito_sync
from cognito_sync import RecordPatch

from .conftest import POOL, Emulator, boto_call


def fill(client: cognito_sync.Client, identity: str, dataset: str, n: int) -> None:
    token = client.list_records(identity_pool_id=POOL, identity_id=identity, dataset_name=dataset).sync_session_token
    client.update_records(
        identity_pool_id=POOL,
        identity_id=identity,
        dataset_name=dataset,
        sync_session_token=token or "",
        record_patches=[RecordPatch.replace(f"k{i:03}", str(i)) for i in range(n)],
    )


def test_async_operations_match_sync_and_boto3(aclient: cognito_sync.AsyncClient, client: cognito_sync.Client, boto: Any, identity: str) -> None:
    async def main() -> None:
        page = await aclient.list_records(identity_pool_id=POOL, identity_id=identity, dataset_name="save")
        assert page.records == [] and page.sync_session_token
        written = await aclient.update_records(
            identity_pool_id=POOL,
            identity_id=identity,
            dataset_name="save",
            sync_session_token=page.sync_session_token or "",
            record_patches=[{"Op": "replace", "Key": "hp", "Value": "10", "SyncCount": 0}],
        )
        assert [(r.key, r.value, r.sync_count) for r in written.records] == [("hp", "10", 1)]
        described = await aclient.describe_dataset(identity_pool_id=POOL, identity_id=identity, dataset_name="save")
        assert described.to_dict() == boto_call(boto, "describe_dataset", identity_pool_id=POOL, identity_id=identity, dataset_name="save")
        assert described == client.describe_dataset(identity_pool_id=POOL, identity_id=identity, dataset_name="save")
        usage = await aclient.describe_identity_usage(identity_pool_id=POOL, identity_id=identity)
        assert usage.to_dict() == boto_call(boto, "describe_identity_usage", identity_pool_id=POOL, identity_id=identity)
        events = await aclient.get_cognito_events(identity_pool_id=POOL)
        assert events.to_dict() == boto_call(boto, "get_cognito_events", identity_pool_id=POOL)
        deleted = await aclient.delete_dataset(identity_pool_id=POOL, identity_id=identity, dataset_name="save")
        assert deleted.dataset is not None and deleted.dataset.num_records == 1
        with pytest.raises(cognito_sync.ResourceNotFoundException):
            await aclient.describe_dataset(identity_pool_id=POOL, identity_id=identity, dataset_name="save")

    asyncio.run(main())


def test_async_calls_run_concurrently_and_are_real_coroutines(aclient: cognito_sync.AsyncClient, identity: str) -> None:
    async def main() -> None:
        coro = aclient.list_datasets(identity_pool_id=POOL, identity_id=identity)
        assert asyncio.iscoroutine(coro)
        task = asyncio.create_task(coro)
        pages = await asyncio.gather(
            *(aclient.list_records(identity_pool_id=POOL, identity_id=identity, dataset_name=f"d{i}") for i in range(64))
        )
        assert len(pages) == 64 and all(p.dataset_exists is False for p in pages)
        assert (await task).datasets == []

    asyncio.run(main())


def test_async_errors_and_argument_errors(aclient: cognito_sync.AsyncClient) -> None:
    async def main() -> None:
        with pytest.raises(cognito_sync.ValidationError):
            await aclient.list_records(identity_pool_id=POOL, identity_id="bad", dataset_name="d")

        with pytest.raises(TypeError, match="dataset_name: expected str"):
            await aclient.list_records(identity_pool_id=POOL, identity_id="x", dataset_name=1)  # type: ignore[arg-type]

    asyncio.run(main())


def test_cancelling_an_async_call(emulator: Emulator, aclient: cognito_sync.AsyncClient, identity: str) -> None:
    emulator.set_faults({"operation": "ListRecords", "latency_ms": 3000, "remaining": 1})

    async def main() -> float:
        loop = asyncio.get_running_loop()
        start = loop.time()
        task = asyncio.create_task(aclient.list_records(identity_pool_id=POOL, identity_id=identity, dataset_name="d"))
        await asyncio.sleep(0.1)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        # The loop stays responsive and the client usable.
        await aclient.list_datasets(identity_pool_id=POOL, identity_id=identity)
        return loop.time() - start

    assert asyncio.run(main()) < 2.5


def test_sync_pagination(client: cognito_sync.Client, identity: str) -> None:
    fill(client, identity, "big", 25)
    pages = list(client.iter_list_records(identity_pool_id=POOL, identity_id=identity, dataset_name="big", max_results=10))
    assert len(pages) == 3
    assert [p.count for p in pages] == [10, 10, 5]
    assert pages[-1].next_token is None
    keys = [r.key for r in client.iter_records(identity_pool_id=POOL, identity_id=identity, dataset_name="big", max_results=7)]
    assert keys == [f"k{i:03}" for i in range(25)]
    for i in range(5):
        fill(client, identity, f"set{i}", 1)
    names = [d.dataset_name for d in client.iter_datasets(identity_pool_id=POOL, identity_id=identity, max_results=2)]
    assert sorted(names) == ["big"] + [f"set{i}" for i in range(5)]
    assert len(list(client.iter_list_datasets(identity_pool_id=POOL, identity_id=identity, max_results=2))) == 3
    pools = list(client.iter_identity_pool_usages(max_results=1))
    assert POOL in [u.identity_pool_id for u in pools]
    assert len(list(client.iter_list_identity_pool_usage(max_results=1))) >= len(pools)


def test_async_pagination(aclient: cognito_sync.AsyncClient, client: cognito_sync.Client, identity: str) -> None:
    fill(client, identity, "big", 12)
    fill(client, identity, "other", 1)

    async def main() -> None:
        keys = [r.key async for r in aclient.iter_records(identity_pool_id=POOL, identity_id=identity, dataset_name="big", max_results=5)]
        assert keys == [f"k{i:03}" for i in range(12)]
        pages = [p async for p in aclient.iter_list_records(identity_pool_id=POOL, identity_id=identity, dataset_name="big", max_results=5)]
        assert [p.count for p in pages] == [5, 5, 2]
        names = sorted([d.dataset_name or "" async for d in aclient.iter_datasets(identity_pool_id=POOL, identity_id=identity, max_results=1)])
        assert names == ["big", "other"]
        usages = [u async for u in aclient.iter_identity_pool_usages(max_results=1)]
        assert POOL in [u.identity_pool_id for u in usages]
        async with aclient as same:
            assert same is aclient

    asyncio.run(main())
