"""Python driver of the benchmark: our ``cognito_sync`` package (sync, threads, asyncio)
against boto3, with the same flags and the same one-line JSON result as the Rust ``run``
driver, plus a ``footprint`` mode (import time, client creation time, memory).

    python bench_clients.py run --client py-sync|py-asyncio|py-boto3compat|boto3|py-socket \
        --op list|update \
        --conc N --calls N --warmup N --max-time S --target canned|emulator \
        --endpoint URL --pool ID --identities ID[,ID...]
    python bench_clients.py footprint

Run by ``cognito-sync-benches suite`` (``scripts/bench.sh``) with the repository's .venv.
With ``--conc`` above 1, ``py-sync`` and ``boto3`` use one thread per call in flight sharing
one client, and ``py-asyncio`` one task per call in flight on one event loop.

``py-boto3compat`` is our package's boto3-compatible client (``cognito_sync.client(...)``:
boto3's arguments and result dicts), driven with exactly boto3's calls.

``py-socket`` is the Python floor (canned server only): each thread replays one request
built before the window on its own keep-alive socket and reads the response whole, with no
signing, serializing or parsing. What its 16 threads gain over one shows what CPython's
GIL leaves to any client whose calls block in native code.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import resource
import socket
import statistics
import subprocess
import sys
import threading
import time

REGION = "us-east-1"
LIST_DATASET = "bench-list"
UPDATE_DATASET = "bench-update"
CANNED_TOKEN = "canned-sync-session-token"
RECORDS = 10
VALUE_LEN = 100


def record_value(i: int) -> str:
    v = f"value-{i}-"
    while len(v) < VALUE_LEN:
        v += chr(ord("a") + len(v) % 26)
    return v


KEYS_VALUES = [(f"key{i}", record_value(i)) for i in range(RECORDS)]


def cpu_us() -> float:
    ru = resource.getrusage(resource.RUSAGE_SELF)
    return (ru.ru_utime + ru.ru_stime) * 1e6


def patches(sync_count: int) -> list[dict]:
    # boto3's request shape, which our package accepts too: the same input for both.
    return [
        {"Op": "replace", "Key": k, "Value": v, "SyncCount": sync_count}
        for k, v in KEYS_VALUES
    ]


class Worker:
    def __init__(self, identity: str, sync_count: int, token: str, share: int):
        self.identity = identity
        self.sync_count = sync_count
        self.token = token
        self.share = share
        self.latencies: list[int] = []
        self.checked = False


class SocketFloor:
    """The Python floor: a request built once, replayed on one socket per thread."""

    def __init__(self, args):
        if args.target != "canned":
            sys.exit("error: py-socket runs against the canned server only (it does not sign)")
        rest = args.endpoint.split("://", 1)[-1].rstrip("/")
        host, _, port = rest.rpartition(":")
        self.address = (host, int(port))
        self.local = threading.local()
        ids = args.identities.split(",")
        path = f"/identitypools/{args.pool}/identities/{ids[0]}/datasets"
        # Headers of the size a signed request carries (the canned server checks none).
        auth = ("AWS4-HMAC-SHA256 Credential=test/20261127/us-east-1/cognito-sync/aws4_request, "
                "SignedHeaders=content-type;host;x-amz-date, Signature=" + "0" * 64)
        head = f"Host: {rest}\r\nX-Amz-Date: 20261127T000000Z\r\nAuthorization: {auth}\r\n"
        if args.op == "list":
            self.request = (f"GET {path}/{LIST_DATASET}/records?lastSyncCount=0 HTTP/1.1\r\n"
                            f"{head}\r\n").encode()
        else:
            body = json.dumps({"SyncSessionToken": CANNED_TOKEN,
                               "RecordPatches": patches(0)}).encode()
            self.request = (f"POST {path}/{UPDATE_DATASET} HTTP/1.1\r\n{head}"
                            f"Content-Type: application/json\r\n"
                            f"Content-Length: {len(body)}\r\n\r\n").encode() + body

    def call(self) -> bytes:
        """One exchange on this thread's socket; returns the response body."""
        sock = getattr(self.local, "sock", None)
        if sock is None:
            sock = socket.create_connection(self.address)
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            self.local.sock = sock
        sock.sendall(self.request)
        data = b""
        while (end := data.find(b"\r\n\r\n")) < 0:
            chunk = sock.recv(65536)
            if not chunk:
                raise RuntimeError("connection closed")
            data += chunk
        head, body = data[:end], data[end + 4:]
        if not head.startswith(b"HTTP/1.1 200 "):
            raise RuntimeError(f"status {head[:40]!r}")
        length = int(head.lower().split(b"content-length:", 1)[1].split(b"\r\n", 1)[0])
        while len(body) < length:
            chunk = sock.recv(65536)
            if not chunk:
                raise RuntimeError("connection closed")
            body += chunk
        return body


def make_client(kind: str, args, conc: int):
    if kind == "py-socket":
        return SocketFloor(args)
    if kind == "boto3":
        import boto3
        from botocore.config import Config

        return boto3.client(
            "cognito-sync",
            region_name=REGION,
            endpoint_url=args.endpoint,
            aws_access_key_id="test",
            aws_secret_access_key="test",
            config=Config(max_pool_connections=max(conc, 10)),
        )
    import cognito_sync

    if kind == "py-boto3compat":
        return cognito_sync.client(
            "cognito-sync",
            region_name=REGION,
            endpoint_url=args.endpoint,
            aws_access_key_id="test",
            aws_secret_access_key="test",
        )
    cls = cognito_sync.AsyncClient if kind == "py-asyncio" else cognito_sync.Client
    return cls(
        region=REGION,
        endpoint_url=args.endpoint,
        aws_access_key_id="test",
        aws_secret_access_key="test",
    )


def list_kwargs(pool: str, w: Worker, boto: bool) -> dict:
    if boto:
        return {"IdentityPoolId": pool, "IdentityId": w.identity, "DatasetName": LIST_DATASET,
                "LastSyncCount": 0}
    return {"identity_pool_id": pool, "identity_id": w.identity, "dataset_name": LIST_DATASET,
            "last_sync_count": 0}


def update_kwargs(pool: str, w: Worker, boto: bool) -> dict:
    if boto:
        return {"IdentityPoolId": pool, "IdentityId": w.identity, "DatasetName": UPDATE_DATASET,
                "SyncSessionToken": w.token, "RecordPatches": patches(w.sync_count)}
    return {"identity_pool_id": pool, "identity_id": w.identity, "dataset_name": UPDATE_DATASET,
            "sync_session_token": w.token, "record_patches": patches(w.sync_count)}


def check(out, boto: bool) -> None:
    n = len(out["Records"]) if boto else len(out.records)
    if n != RECORDS:
        raise RuntimeError(f"{n} records")


def sync_call(client, args, w: Worker, boto: bool) -> None:
    if isinstance(client, SocketFloor):
        body = client.call()
        if w.checked:
            return
        # The first call checks the canned response; the floor parses nothing after that.
        out = json.loads(body)
        w.checked = True
        check(out, True)
        return
    if args.op == "list":
        fn = client.list_records
        out = fn(**list_kwargs(args.pool, w, boto))
    else:
        fn = client.update_records
        out = fn(**update_kwargs(args.pool, w, boto))
        w.sync_count += 1
    check(out, boto)


async def async_call(client, args, w: Worker) -> None:
    if args.op == "list":
        out = await client.list_records(**list_kwargs(args.pool, w, False))
    else:
        out = await client.update_records(**update_kwargs(args.pool, w, False))
        w.sync_count += 1
    check(out, False)


def setup_workers(args, client, kind: str) -> list[Worker]:
    ids = args.identities.split(",")
    workers = []
    for i in range(args.conc):
        identity = ids[i % len(ids)]
        share = args.calls // args.conc + (1 if i < args.calls % args.conc else 0)
        count, token = 0, CANNED_TOKEN
        if args.op == "update" and args.target == "emulator":
            # Read the dataset's sync count and a session token before the window.
            if kind in ("boto3", "py-boto3compat"):
                out = client.list_records(IdentityPoolId=args.pool, IdentityId=identity,
                                          DatasetName=UPDATE_DATASET)
                count, token = out.get("DatasetSyncCount", 0), out["SyncSessionToken"]
            else:
                import cognito_sync

                c = cognito_sync.Client(region=REGION, endpoint_url=args.endpoint,
                                        aws_access_key_id="test", aws_secret_access_key="test")
                out = c.list_records(identity_pool_id=args.pool, identity_id=identity,
                                     dataset_name=UPDATE_DATASET)
                count, token = out.dataset_sync_count or 0, out.sync_session_token
        workers.append(Worker(identity, count, token, share))
    return workers


def run_threads(client, args, workers: list[Worker], boto: bool):
    gate = threading.Barrier(len(workers) + 1)
    state = {}
    errors: list[BaseException] = []

    def body(w: Worker) -> None:
        try:
            for _ in range(args.warmup):
                sync_call(client, args, w, boto)
        except BaseException as e:  # reported after the window
            errors.append(e)
        gate.wait()
        gate.wait()
        if errors:
            return
        deadline = state["deadline"]
        try:
            for _ in range(w.share):
                t0 = time.perf_counter_ns()
                sync_call(client, args, w, boto)
                t1 = time.perf_counter_ns()
                w.latencies.append(t1 - t0)
                if t1 >= deadline:
                    break
        except BaseException as e:
            errors.append(e)

    if len(workers) == 1:
        w = workers[0]
        for _ in range(args.warmup):
            sync_call(client, args, w, boto)
        cpu0, t0 = cpu_us(), time.perf_counter_ns()
        deadline = t0 + int(args.max_time * 1e9)
        for _ in range(w.share):
            a = time.perf_counter_ns()
            sync_call(client, args, w, boto)
            b = time.perf_counter_ns()
            w.latencies.append(b - a)
            if b >= deadline:
                break
        return time.perf_counter_ns() - t0, cpu_us() - cpu0
    threads = [threading.Thread(target=body, args=(w,)) for w in workers]
    for t in threads:
        t.start()
    gate.wait()
    cpu0, t0 = cpu_us(), time.perf_counter_ns()
    state["deadline"] = t0 + int(args.max_time * 1e9)
    gate.wait()
    for t in threads:
        t.join()
    wall, cpu = time.perf_counter_ns() - t0, cpu_us() - cpu0
    if errors:
        raise errors[0]
    return wall, cpu


async def run_asyncio(client, args, workers: list[Worker]):
    async def warm(w: Worker) -> None:
        for _ in range(args.warmup):
            await async_call(client, args, w)

    await asyncio.gather(*(warm(w) for w in workers))
    cpu0, t0 = cpu_us(), time.perf_counter_ns()
    deadline = t0 + int(args.max_time * 1e9)

    async def body(w: Worker) -> None:
        for _ in range(w.share):
            a = time.perf_counter_ns()
            await async_call(client, args, w)
            b = time.perf_counter_ns()
            w.latencies.append(b - a)
            if b >= deadline:
                break

    await asyncio.gather(*(body(w) for w in workers))
    return time.perf_counter_ns() - t0, cpu_us() - cpu0


def percentile_us(sorted_ns: list[int], p: float) -> float:
    if not sorted_ns:
        return 0.0
    rank = max(1, min(len(sorted_ns), math.ceil(p / 100.0 * len(sorted_ns))))
    return sorted_ns[rank - 1] / 1000.0


def cmd_run(args) -> None:
    kind = args.client
    if kind not in ("py-sync", "py-asyncio", "py-boto3compat", "boto3", "py-socket"):
        sys.exit(f"error: unknown client {kind!r} "
                 "(py-sync, py-asyncio, py-boto3compat, boto3, py-socket)")
    client = make_client(kind, args, args.conc)
    workers = setup_workers(args, client, kind)
    if kind == "py-asyncio":
        wall, cpu = asyncio.run(run_asyncio(client, args, workers))
    else:
        wall, cpu = run_threads(client, args, workers, kind in ("boto3", "py-boto3compat"))
    lat = sorted(x for w in workers for x in w.latencies)
    print(json.dumps({
        "calls": len(lat),
        "wall_s": wall / 1e9,
        "cpu_us": cpu,
        "p50_us": percentile_us(lat, 50),
        "p99_us": percentile_us(lat, 99),
        "max_rss_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
    }))


# What a fresh interpreter measures: import, client creation, then resident memory.
FOOTPRINT_PROBE = r"""
import time, json
t0 = time.perf_counter()
{import_stmt}
t1 = time.perf_counter()
client = {create_expr}
t2 = time.perf_counter()
rss = 0
for line in open("/proc/self/status"):
    if line.startswith("VmRSS:"):
        rss = int(line.split()[1]) / 1024.0
print(json.dumps({{"import_ms": (t1 - t0) * 1e3, "create_ms": (t2 - t1) * 1e3, "rss_mib": rss}}))
"""

PROBES = {
    "ours": ("import cognito_sync",
             "cognito_sync.Client(region='us-east-1', endpoint_url='http://127.0.0.1:9', "
             "aws_access_key_id='test', aws_secret_access_key='test')"),
    "boto3": ("import boto3",
              "boto3.client('cognito-sync', region_name='us-east-1', "
              "endpoint_url='http://127.0.0.1:9', aws_access_key_id='test', "
              "aws_secret_access_key='test')"),
    "python": ("pass", "None"),
}


def cmd_footprint(args) -> None:
    result = {}
    for name, (imp, create) in PROBES.items():
        code = FOOTPRINT_PROBE.format(import_stmt=imp, create_expr=create)
        runs = []
        for _ in range(args.repeat):
            out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                                 check=True)
            runs.append(json.loads(out.stdout))
        result[name] = {k: statistics.median(r[k] for r in runs) for k in runs[0]}
    print(json.dumps(result))


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = p.add_subparsers(dest="cmd", required=True)
    r = sub.add_parser("run")
    r.add_argument("--client", required=True)
    r.add_argument("--op", choices=["list", "update"], required=True)
    r.add_argument("--conc", type=int, default=1)
    r.add_argument("--calls", type=int, default=1000)
    r.add_argument("--warmup", type=int, default=10)
    r.add_argument("--max-time", type=float, default=1.0)
    r.add_argument("--target", choices=["canned", "emulator"], default="canned")
    r.add_argument("--endpoint", required=True)
    r.add_argument("--pool", required=True)
    r.add_argument("--identities", required=True)
    f = sub.add_parser("footprint")
    f.add_argument("--repeat", type=int, default=5)
    args = p.parse_args()
    if args.cmd == "run":
        cmd_run(args)
    else:
        cmd_footprint(args)


if __name__ == "__main__":
    main()
