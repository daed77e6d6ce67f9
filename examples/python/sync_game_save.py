"""Two devices sync one game save, offline edits included, with a custom conflict resolver.

Each device has its own local store (here: two SQLite files in a temporary folder) and the
same Cognito identity. Both edit the save while "offline"; on synchronize, the record that
changed on both sides goes to the resolver, which keeps the highest level and coin count.

    cargo run -p cognito-sync-local -- --port 4566 \
        --identity-pool us-east-1:00000000-0000-0000-0000-000000000001
    AWS_ENDPOINT_URL_COGNITO_SYNC=http://127.0.0.1:4566 python examples/python/sync_game_save.py
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import cognito_sync
from cognito_sync.sync import Conflict, Resolution, SyncManager

ENDPOINT = os.environ.get("AWS_ENDPOINT_URL_COGNITO_SYNC")  # None: the real service
POOL = os.environ.get("COGNITO_IDENTITY_POOL_ID", "us-east-1:00000000-0000-0000-0000-000000000001")


def merge_save(conflict: Conflict) -> Resolution:
    """Called once per record changed on both sides with different values."""
    local, remote = conflict.local.value, conflict.remote.value
    print(f"  conflict on {conflict.key!r}: local={local!r} remote={remote!r}", end=" -> ")
    if local is None or remote is None:  # removed on one side: keep the other side's value
        decision = Resolution.keep_local() if remote is None else Resolution.keep_remote()
    elif conflict.key in ("level", "coins"):
        # Progress never goes backwards: the higher number wins, whichever device has it.
        decision = Resolution.value(str(max(int(local), int(remote))))
    else:
        decision = Resolution.keep_remote()
    print(decision)
    return decision


def main() -> None:
    # One identity for the player: created on the first device, reused on the second
    # (a real game would sign both in with the same login via `logins=`).
    first_client = cognito_sync.Client(region="us-east-1", endpoint_url=ENDPOINT, cognito_identity_pool_id=POOL)
    identity = first_client.identity_id()
    second_client = cognito_sync.Client(
        region="us-east-1", endpoint_url=ENDPOINT, cognito_identity_pool_id=POOL, cognito_identity_id=identity
    )

    with tempfile.TemporaryDirectory() as tmp:
        phone = SyncManager(
            first_client, identity_pool_id=POOL, path=Path(tmp) / "phone.db", conflict_resolver=merge_save
        )
        tablet = SyncManager(
            second_client, identity_pool_id=POOL, path=Path(tmp) / "tablet.db", conflict_resolver=merge_save
        )
        phone_save = phone.open_dataset("save")
        tablet_save = tablet.open_dataset("save")

        print("phone plays and syncs")
        phone_save.update({"level": "3", "coins": "50", "character": "knight"})
        print(" ", phone_save.synchronize())

        print("tablet syncs: gets the phone's save")
        tablet_save.synchronize()
        print("  tablet:", tablet_save.to_dict())

        print("both play offline")
        phone_save["level"] = "4"
        phone_save["coins"] = "80"
        tablet_save["level"] = "6"
        tablet_save["coins"] = "65"
        tablet_save["pet"] = "dragon"

        print("phone syncs first (no conflict), then the tablet (conflicts resolved)")
        phone_save.synchronize()
        report = tablet_save.synchronize()
        print(f"  tablet: {report.conflicts} conflicts, pushed {report.pushed}")

        print("phone syncs again: both devices agree")
        phone_save.synchronize()
        print("  phone: ", phone_save.to_dict())
        print("  tablet:", tablet_save.to_dict())
        assert phone_save.to_dict() == tablet_save.to_dict()

        # The host drains notifications on its own thread (e.g. once per frame).
        kinds = [event.kind for event in tablet.drain_events()]
        print("  tablet events:", ", ".join(sorted(set(kinds))))


if __name__ == "__main__":
    main()
