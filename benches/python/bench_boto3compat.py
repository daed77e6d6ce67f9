"""Client CPU per call of the boto3-compatible client against the native one and boto3,
interleaved in one process against one server so that the shared machine's drift hits
every kind alike.

    python benches/python/bench_boto3compat.py --endpoint URL --pool ID --identity ID

Kinds: ``native`` (``Client.list_records``, typed result), ``native+to_dict``
(``Client.list_records(...).to_dict()``: the same dict without ``ResponseMetadata``),
``boto3compat`` (``cognito_sync.client(...).list_records``: boto3's dict) and ``boto3``.
The dataset ``bench-list`` must hold the 10 records ``bench_clients.py`` writes (this
script writes them when it is empty).
"""

from __future__ import annotations

import argparse
import json
import statistics
import time

import boto3

import cognito_sync
from bench_clients import LIST_DATASET, patches


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--endpoint", required=True)
    p.add_argument("--pool", required=True)
    p.add_argument("--identity", required=True)
    p.add_argument("--rounds", type=int, default=5)
    p.add_argument("--calls", type=int, default=300, help="calls per kind per round")
    args = p.parse_args()
    keys = {"aws_access_key_id": "test", "aws_secret_access_key": "test"}
    native = cognito_sync.Client(region="us-east-1", endpoint_url=args.endpoint, **keys)
    compat = cognito_sync.client(
        "cognito-sync", region_name="us-east-1", endpoint_url=args.endpoint, **keys
    )
    boto = boto3.client("cognito-sync", region_name="us-east-1", endpoint_url=args.endpoint, **keys)
    wire = {"IdentityPoolId": args.pool, "IdentityId": args.identity, "DatasetName": LIST_DATASET}
    snake = {"identity_pool_id": args.pool, "identity_id": args.identity, "dataset_name": LIST_DATASET}
    page = compat.list_records(**wire)
    if not page["Records"]:
        compat.update_records(**wire, SyncSessionToken=page["SyncSessionToken"], RecordPatches=patches(0))
    kinds = {
        "native": lambda: native.list_records(**snake),
        "native+to_dict": lambda: native.list_records(**snake).to_dict(),
        "boto3compat": lambda: compat.list_records(**wire),
        "boto3": lambda: boto.list_records(**wire),
    }
    cpu: dict[str, list[float]] = {k: [] for k in kinds}
    for _ in range(args.rounds):
        for kind, call in kinds.items():
            n = args.calls if kind != "boto3" else max(30, args.calls // 10)
            for _ in range(10):
                call()
            t0 = time.process_time()
            for _ in range(n):
                call()
            cpu[kind].append((time.process_time() - t0) / n * 1e6)
    out = {k: round(statistics.median(v), 1) for k, v in cpu.items()}
    print(json.dumps({"cpu_us_per_call_median": out, "rounds": {k: [round(x) for x in v] for k, v in cpu.items()}}))


if __name__ == "__main__":
    main()
