"""Quickstart: write and read a game save with cognito_sync.

Run it against cognito-sync-local (no AWS account needed):

    cargo run -p cognito-sync-local -- --port 4566 \
        --identity-pool us-east-1:00000000-0000-0000-0000-000000000001
    AWS_ENDPOINT_URL_COGNITO_SYNC=http://127.0.0.1:4566 python examples/python/quickstart.py

Against AWS, leave AWS_ENDPOINT_URL_COGNITO_SYNC unset and set COGNITO_IDENTITY_POOL_ID to
your identity pool: the example then signs in as a new unauthenticated Cognito identity.
"""

from __future__ import annotations

import os

import cognito_sync

ENDPOINT = os.environ.get("AWS_ENDPOINT_URL_COGNITO_SYNC")  # None: the real service
POOL = os.environ.get("COGNITO_IDENTITY_POOL_ID", "us-east-1:00000000-0000-0000-0000-000000000001")


def main() -> None:
    # Temporary credentials of an unauthenticated identity of the pool, from Cognito
    # Identity (the emulator serves it on the same endpoint).
    client = cognito_sync.Client(
        region="us-east-1", endpoint_url=ENDPOINT, cognito_identity_pool_id=POOL
    )
    identity = client.identity_id()
    print("identity:", identity)

    # Every write is based on the session token and sync counts of a read.
    page = client.list_records(identity_pool_id=POOL, identity_id=identity, dataset_name="save")
    written = client.update_records(
        identity_pool_id=POOL,
        identity_id=identity,
        dataset_name="save",
        sync_session_token=page.sync_session_token or "",
        record_patches=[
            cognito_sync.RecordPatch.replace("level", "3"),
            # Plain dicts work too, with snake_case or boto3's keys.
            {"Op": "replace", "Key": "coins", "Value": "120", "SyncCount": 0},
        ],
    )
    for record in written.records:
        print(f"wrote {record.key}={record.value} (sync count {record.sync_count})")

    # Read everything back, across pages.
    for record in client.iter_records(identity_pool_id=POOL, identity_id=identity, dataset_name="save"):
        print(f"read  {record.key}={record.value} at {record.last_modified_date:%Y-%m-%d %H:%M:%S %Z}")

    # Writing with a stale sync count is a conflict: nothing is applied.
    try:
        client.update_records(
            identity_pool_id=POOL,
            identity_id=identity,
            dataset_name="save",
            sync_session_token=page.sync_session_token or "",
            record_patches=[cognito_sync.RecordPatch.replace("level", "4", sync_count=0)],
        )
    except cognito_sync.ResourceConflictException as e:
        print("conflict:", e.message)

    # Results convert to the dict boto3 would have returned.
    print(client.describe_dataset(identity_pool_id=POOL, identity_id=identity, dataset_name="save").to_dict())


if __name__ == "__main__":
    main()
