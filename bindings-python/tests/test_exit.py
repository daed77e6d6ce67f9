"""Interpreter exit with async calls in flight must never abort the process.

The runtime's I/O threads complete asyncio futures and emit log records, which takes
the GIL; a thread doing so once finalization has begun is killed by CPython, which
used to abort the process (SIGABRT, exit 134) about every other run. The package's
atexit hook now closes the way into Python first. Each run below is a fresh process.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from .conftest import DEV_KEY, POOL, REGION

SCRIPT = """
import asyncio, logging, sys, time, uuid
import cognito_sync

endpoint, leave_pending = sys.argv[1], sys.argv[2] == "1"
# A handler at DEBUG: the I/O threads log every request through Python.
logging.basicConfig(level=logging.DEBUG, handlers=[logging.NullHandler()])

async def one(client, identity):
    page = await client.list_records(
        identity_pool_id=POOL, identity_id=identity, dataset_name="d")
    await client.update_records(
        identity_pool_id=POOL, identity_id=identity, dataset_name="d",
        sync_session_token=page.sync_session_token or "",
        record_patches=[{"Op": "replace", "Key": "k", "Value": "v",
                         "SyncCount": page.dataset_sync_count or 0}])

async def main():
    client = cognito_sync.AsyncClient(
        endpoint_url=endpoint, region=REGION, aws_access_key_id=AK,
        aws_secret_access_key=SK, max_attempts=1)
    identities = [f"{REGION}:{uuid.uuid4()}" for _ in range(64)]
    end = time.monotonic() + 0.3
    while time.monotonic() < end:
        await asyncio.gather(*(one(client, i) for i in identities))
    if leave_pending:
        # Return with 64 calls in flight: asyncio.run cancels them on the way out.
        for i in identities:
            asyncio.ensure_future(one(client, i))
        await asyncio.sleep(0.001)
    print("done")

asyncio.run(main())
"""


def _script(tmp_path: Path) -> Path:
    path = tmp_path / "exit_with_calls.py"
    header = f"POOL = {POOL!r}\nREGION = {REGION!r}\nAK, SK = {DEV_KEY!r}\n"
    path.write_text(header + SCRIPT)
    return path


def test_exit_with_async_calls_never_aborts(endpoint: str, tmp_path: Path) -> None:
    script = _script(tmp_path)
    for run in range(8):
        leave_pending = str(run % 2)
        proc = subprocess.run(
            [sys.executable, str(script), endpoint, leave_pending],
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert proc.returncode == 0, (run, proc.returncode, proc.stderr[-2000:])
        assert proc.stdout.strip() == "done"


def test_async_call_after_shutdown_fails_fast(endpoint: str, tmp_path: Path) -> None:
    # Once the atexit hook has run (an atexit hook registered before the package was
    # imported may still use it), a new async call raises instead of hanging forever.
    script = tmp_path / "call_after_shutdown.py"
    script.write_text(
        f"POOL = {POOL!r}\nREGION = {REGION!r}\nAK, SK = {DEV_KEY!r}\n"
        """
import asyncio, sys
import cognito_sync

cognito_sync._native._shutdown()
client = cognito_sync.AsyncClient(
    endpoint_url=sys.argv[1], region=REGION, aws_access_key_id=AK,
    aws_secret_access_key=SK, max_attempts=1)
try:
    asyncio.run(client.describe_dataset(
        identity_pool_id=POOL, identity_id=REGION + ":x", dataset_name="d"))
except RuntimeError as e:
    print("refused:", e)
"""
    )
    proc = subprocess.run(
        [sys.executable, str(script), endpoint], capture_output=True, text=True, timeout=30
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert proc.stdout.startswith("refused:") and "exiting" in proc.stdout
