"""Benchmark: cognito_sync vs boto3 on the same cognito-sync-local emulator.

Measures calls per second of list_records (a page of 10 records) and update_records
(one replace), sequential and with 16 threads sharing one client; import time (import
plus creating a client) and memory (RSS) after creating a client. Not a test: it asserts
nothing, it prints figures.

    cargo build --release -p cognito-sync-local
    .venv/bin/python bindings-python/bench/bench.py [--seconds 3] [--emulator PATH]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import signal
import statistics
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path
from typing import Any, Callable

REPO = Path(__file__).resolve().parents[2]
POOL = "us-east-1:00000000-0000-4000-8000-0000000000be"
REGION = "us-east-1"
KEYS = {"aws_access_key_id": "test", "aws_secret_access_key": "test"}


def start_emulator(binary: Path) -> tuple[subprocess.Popen[str], str]:
    proc = subprocess.Popen(
        [str(binary), "--port", "0", "--identity-pool", POOL, "--log", "warn"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert proc.stdout is not None
    line = proc.stdout.readline()
    m = re.match(r"listening on (http://\S+)", line)
    if not m:
        raise SystemExit(f"emulator did not start: {line!r}")
    return proc, m.group(1)


class Adapter:
    """The same calls through either library."""

    def __init__(self, name: str, endpoint: str) -> None:
        self.name = name
        if name == "cognito_sync":
            import cognito_sync

            self.c: Any = cognito_sync.Client(region=REGION, endpoint_url=endpoint, max_attempts=1, **KEYS)
        else:
            import boto3
            from botocore.config import Config

            self.c = boto3.client(
                "cognito-sync",
                region_name=REGION,
                endpoint_url=endpoint,
                config=Config(retries={"total_max_attempts": 1}, max_pool_connections=32),
                **KEYS,
            )

    def list_records(self, identity: str, dataset: str) -> str:
        if self.name == "cognito_sync":
            out = self.c.list_records(identity_pool_id=POOL, identity_id=identity, dataset_name=dataset)
            return str(out.sync_session_token)
        resp = self.c.list_records(IdentityPoolId=POOL, IdentityId=identity, DatasetName=dataset)
        return str(resp["SyncSessionToken"])

    def update(self, identity: str, dataset: str, token: str, key: str, count: int) -> int:
        if self.name == "cognito_sync":
            out = self.c.update_records(
                identity_pool_id=POOL,
                identity_id=identity,
                dataset_name=dataset,
                sync_session_token=token,
                record_patches=[{"op": "replace", "key": key, "value": str(count), "sync_count": count}],
            )
            return int(out.records[0].sync_count)
        resp = self.c.update_records(
            IdentityPoolId=POOL,
            IdentityId=identity,
            DatasetName=dataset,
            SyncSessionToken=token,
            RecordPatches=[{"Op": "replace", "Key": key, "Value": str(count), "SyncCount": count}],
        )
        return int(resp["Records"][0]["SyncCount"])


def seed(a: Adapter, identity: str, dataset: str) -> str:
    token = a.list_records(identity, dataset)
    if a.name == "cognito_sync":
        a.c.update_records(
            identity_pool_id=POOL,
            identity_id=identity,
            dataset_name=dataset,
            sync_session_token=token,
            record_patches=[{"op": "replace", "key": f"k{i}", "value": "x" * 32, "sync_count": 0} for i in range(10)],
        )
    else:
        a.c.update_records(
            IdentityPoolId=POOL,
            IdentityId=identity,
            DatasetName=dataset,
            SyncSessionToken=token,
            RecordPatches=[{"Op": "replace", "Key": f"k{i}", "Value": "x" * 32, "SyncCount": 0} for i in range(10)],
        )
    return a.list_records(identity, dataset)


def run_for(seconds: float, threads: int, make_worker: Callable[[int], Callable[[], None]]) -> tuple[float, float]:
    """Runs each thread's worker in a loop for `seconds`; returns (calls/s, CPU s/call)."""
    stop = threading.Event()
    counts = [0] * threads

    def loop(i: int) -> None:
        work = make_worker(i)
        work()  # warm-up (connection, caches)
        while not stop.is_set():
            work()
            counts[i] += 1

    ts = [threading.Thread(target=loop, args=(i,)) for i in range(threads)]
    cpu0 = time.process_time()
    for t in ts:
        t.start()
    time.sleep(0.2)
    base = sum(counts)
    t0 = time.perf_counter()
    cpu_a = time.process_time()
    time.sleep(seconds)
    done = sum(counts) - base
    elapsed = time.perf_counter() - t0
    cpu = time.process_time() - cpu_a
    stop.set()
    for t in ts:
        t.join()
    del cpu0
    return done / elapsed, cpu / max(done, 1)


def bench_calls(name: str, endpoint: str, seconds: float) -> dict[str, Any]:
    a = Adapter(name, endpoint)
    out: dict[str, Any] = {}
    for threads in (1, 16):
        idents = [f"{REGION}:{uuid.uuid4()}" for _ in range(threads)]
        for ident in idents:
            seed(a, ident, "bench")

        def list_worker(i: int) -> Callable[[], None]:
            return lambda: (a.list_records(idents[i], "bench"), None)[1]

        rate, cpu = run_for(seconds, threads, list_worker)
        out[f"list_records x{threads}"] = (rate, cpu)

        def update_worker(i: int) -> Callable[[], None]:
            ident = idents[i]
            token = a.list_records(ident, "bench")
            state = {"count": 1}

            def work() -> None:
                state["count"] = a.update(ident, "bench", token, "k0", state["count"])

            return work

        rate, cpu = run_for(seconds, threads, update_worker)
        out[f"update_records x{threads}"] = (rate, cpu)
    return out


STARTUP = r"""
import os, sys, time, json
def rss():
    for line in open("/proc/self/status"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
base = rss()
t = time.perf_counter()
if sys.argv[1] == "cognito_sync":
    import cognito_sync
    c = cognito_sync.Client(region="us-east-1", endpoint_url=sys.argv[2], aws_access_key_id="test", aws_secret_access_key="test")
else:
    import boto3
    c = boto3.client("cognito-sync", region_name="us-east-1", endpoint_url=sys.argv[2], aws_access_key_id="test", aws_secret_access_key="test")
elapsed = time.perf_counter() - t
print(json.dumps({"seconds": elapsed, "rss": rss(), "rss_delta": rss() - base}))
"""


def bench_startup(name: str, endpoint: str, runs: int = 7) -> dict[str, float]:
    results = []
    for _ in range(runs):
        done = subprocess.run([sys.executable, "-c", STARTUP, name, endpoint], capture_output=True, text=True, check=True)
        results.append(json.loads(done.stdout))
    return {
        "import+client ms": statistics.median(r["seconds"] for r in results) * 1000,
        "RSS MiB": statistics.median(r["rss"] for r in results) / 2**20,
        "RSS delta MiB": statistics.median(r["rss_delta"] for r in results) / 2**20,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=3.0)
    parser.add_argument("--emulator", type=Path, default=REPO / "target" / "release" / "cognito-sync-local")
    args = parser.parse_args()
    if not args.emulator.exists():
        args.emulator = REPO / "target" / "debug" / "cognito-sync-local"
        print(f"note: no release emulator, using {args.emulator} (slower server, smaller ratios)")
    proc, endpoint = start_emulator(args.emulator)
    try:
        results = {name: bench_calls(name, endpoint, args.seconds) for name in ("cognito_sync", "boto3")}
        startup = {name: bench_startup(name, endpoint) for name in ("cognito_sync", "boto3")}
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
    print(f"\nemulator: {args.emulator.relative_to(REPO)}; {args.seconds:.0f} s per figure; {os.cpu_count()} CPUs")
    print("ratios: ours / boto3 calls per second; boto3 / ours client CPU per call\n")
    print(f"{'':22} {'cognito_sync':>22} {'boto3':>22} {'calls/s':>8} {'CPU':>6}")
    for key in results["cognito_sync"]:
        ours, theirs = results["cognito_sync"][key], results["boto3"][key]
        fmt = lambda r: f"{r[0]:8.0f}/s {r[1] * 1e6:6.0f} us CPU"  # noqa: E731
        print(f"{key:22} {fmt(ours):>22} {fmt(theirs):>22} {ours[0] / theirs[0]:7.1f}x {theirs[1] / ours[1]:5.1f}x")
    for key in startup["cognito_sync"]:
        print(f"{key:22} {startup['cognito_sync'][key]:>22.1f} {startup['boto3'][key]:>22.1f}")


if __name__ == "__main__":
    main()
