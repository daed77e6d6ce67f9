"""The examples in examples/python run against the emulator and finish cleanly."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from .conftest import POOL, REPO, Emulator

EXAMPLES = sorted((REPO / "examples" / "python").glob("*.py"))


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.name for p in EXAMPLES])
def test_example_runs(emulator: Emulator, path: os.PathLike[str]) -> None:
    env = dict(
        os.environ, AWS_ENDPOINT_URL_COGNITO_SYNC=emulator.endpoint, COGNITO_IDENTITY_POOL_ID=POOL, PYTHONWARNINGS="error"
    )
    done = subprocess.run([sys.executable, str(path)], env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip()
