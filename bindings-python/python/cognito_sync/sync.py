"""The offline-first sync manager: local datasets that work without network, synchronized
with Amazon Cognito Sync on demand, with conflict resolution.

::

    from cognito_sync import Client
    from cognito_sync.sync import SyncManager, Resolution

    client = Client(region="us-east-1", cognito_identity_pool_id=POOL)
    manager = SyncManager(client, identity_pool_id=POOL, path="game.db")
    save = manager.open_dataset("save")
    save["level"] = "3"            # local, works offline
    report = save.synchronize()    # pull, resolve conflicts, push
    while (event := manager.poll_event()) is not None:
        print(event.kind, event.dataset, event.keys)

``Dataset`` here is the local dataset (``cognito_sync.SyncDataset``), not the service's
dataset metadata (``cognito_sync.Dataset``).
"""

from __future__ import annotations

try:  # the ABCs without importing the whole `collections` package (import time)
    from _collections_abc import MutableMapping
except ImportError:  # pragma: no cover - other interpreters
    from collections.abc import MutableMapping

from ._native import (
    Conflict,
    DatasetInfo,
    IdentitySwitchReport,
    Resolution,
    SyncDataset,
    SyncEvent,
    SyncManager,
    SyncRecord,
    SyncReport,
)

Dataset = SyncDataset

# A SyncDataset behaves as a mutable mapping of str to str.
MutableMapping.register(SyncDataset)

__all__ = [
    "SyncManager",
    "Dataset",
    "SyncDataset",
    "SyncRecord",
    "SyncReport",
    "SyncEvent",
    "Conflict",
    "Resolution",
    "DatasetInfo",
    "IdentitySwitchReport",
]
