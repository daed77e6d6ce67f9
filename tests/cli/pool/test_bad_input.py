"""Bad input: truncated, corrupted and wrong-version archives, a pool that does not exist,
missing developer credentials, a full disk. Each gets a clear error naming the file and line
(or the operation), a non-zero exit, and nothing half-written presented as complete."""

import gzip
import json
import subprocess
from pathlib import Path

import pytest

from conftest import CLI, cli_env, populate, run_cli, Emulator


@pytest.fixture()
def archive(start_emulator, tmp_path):
    emu = start_emulator()
    pool, ids = populate(emu, identities=3)
    out = tmp_path / "good.jsonl"
    run_cli(emu.endpoint, "export", "--identity-pool-id", pool, "--output", out, check=0)
    return emu, pool, ids, out


def _refused_everywhere(emu, pool, path, expect, start_emulator):
    """verify (exit 1), import (exit 252) and the emulator's --import all refuse `path`."""
    p = run_cli(emu.endpoint, "verify", "--input", path, "--identity-pool-id", pool, check=1)
    assert str(path) in p.stderr and expect in p.stderr, p.stderr
    p = run_cli(emu.endpoint, "import", "--input", path, "--identity-pool-id", pool, check=252)
    assert str(path) in p.stderr and expect in p.stderr, p.stderr
    p = run_cli(emu.endpoint, "migrate", "dynamodb", "--input", path, "--table", "t",
                "--dynamodb-endpoint-url", "http://127.0.0.1:9", check=252)
    assert expect in p.stderr
    with pytest.raises(RuntimeError) as e:
        start_emulator("--import", str(path))
    assert str(path) in str(e.value) and "nothing was loaded" in str(e.value)


def test_truncated_archive(archive, tmp_path, start_emulator):
    emu, pool, ids, good = archive
    data = good.read_bytes()
    lines = data.splitlines(keepends=True)
    cut = tmp_path / "cut.jsonl"
    cut.write_bytes(b"".join(lines[:-1]))  # no manifest
    _refused_everywhere(emu, pool, cut, f"line {len(lines)}: unexpected end of file", start_emulator)
    half = tmp_path / "half.jsonl"
    half.write_bytes(data[: len(data) // 2])  # a line cut in the middle
    p = run_cli(emu.endpoint, "verify", "--input", half, "--identity-pool-id", pool, check=1)
    assert "half.jsonl, line " in p.stderr
    gz = tmp_path / "cut.jsonl.gz"
    gz.write_bytes(gzip.compress(data)[:-40])
    p = run_cli(emu.endpoint, "verify", "--input", gz, "--identity-pool-id", pool, check=1)
    assert "cut.jsonl.gz, line" in p.stderr


def test_corrupted_archive(archive, tmp_path, start_emulator):
    emu, pool, ids, good = archive
    text = good.read_text()
    bad = tmp_path / "flipped.jsonl"
    bad.write_text(text.replace("value-1-2", "value-1-X", 1))  # valid JSON, wrong checksum
    n = len(text.splitlines())
    _refused_everywhere(emu, pool, bad, f"line {n}: the manifest does not match", start_emulator)
    garbage = tmp_path / "garbage.jsonl"
    lines = text.splitlines(keepends=True)
    lines[3] = "{not json\n"
    garbage.write_text("".join(lines))
    p = run_cli(emu.endpoint, "verify", "--input", garbage, "--identity-pool-id", pool, check=1)
    assert "garbage.jsonl, line 4: not a valid archive line" in p.stderr


def test_wrong_format_version(archive, tmp_path, start_emulator):
    emu, pool, ids, good = archive
    lines = good.read_text().splitlines(keepends=True)
    header = json.loads(lines[0])
    header["Version"] = 2
    lines[0] = json.dumps(header, separators=(",", ":")) + "\n"
    v2 = tmp_path / "v2.jsonl"
    v2.write_text("".join(lines))
    _refused_everywhere(emu, pool, v2, "line 1: unsupported format version 2", start_emulator)
    other = tmp_path / "other.jsonl"
    other.write_text('{"hello": "world"}\n')
    p = run_cli(emu.endpoint, "verify", "--input", other, "--identity-pool-id", pool, check=1)
    assert "other.jsonl, line 1" in p.stderr


def test_nonexistent_pool_and_missing_archive(start_emulator, tmp_path):
    emu = start_emulator()
    missing = "us-east-1:00000000-0000-0000-0000-00000000dead"
    out = tmp_path / "x.jsonl"
    p = run_cli(emu.endpoint, "export", "--identity-pool-id", missing, "--output", out, check=254)
    assert "ResourceNotFoundException" in p.stderr and "GetIdentityPoolConfiguration" in p.stderr
    assert not list(tmp_path.iterdir()), "nothing written for a pool that does not exist"
    p = run_cli(emu.endpoint, "verify", "--input", tmp_path / "none.jsonl", "--identity-pool-id", missing, check=1)
    assert "none.jsonl" in p.stderr


def test_credentials(archive, tmp_path):
    emu, pool, ids, good = archive
    idc = emu.client("cognito-identity")
    creds = idc.get_credentials_for_identity(IdentityId=ids[0])["Credentials"]
    env = cli_env(creds["AccessKeyId"], creds["SecretKey"], creds["SessionToken"])
    out = tmp_path / "temp.jsonl"
    p = run_cli(emu.endpoint, "export", "--identity-pool-id", pool, "--output", out, env=env, check=254)
    assert "NotAuthorizedException" in p.stderr and "developer (IAM) credentials" in p.stderr
    assert not out.exists()
    p = run_cli(emu.endpoint, "export", "--identity-pool-id", pool, "--output", out, "--identity-id", ids[0], env=env, check=254)
    assert "developer (IAM) credentials" in p.stderr
    # No credentials at all.
    env = cli_env()
    del env["AWS_ACCESS_KEY_ID"], env["AWS_SECRET_ACCESS_KEY"]
    p = run_cli(emu.endpoint, "export", "--identity-pool-id", pool, "--output", out, env=env, check=253)
    assert "credentials" in p.stderr.lower()
    assert not out.exists()


def test_full_disk_then_resume(archive, tmp_path):
    """A file-size limit (ulimit -f, in KiB) stands in for a full disk: the export stops with
    the file named, nothing under the archive's name; with room again, it resumes."""
    emu, pool, ids, good = archive
    out = tmp_path / "big.jsonl"
    seeded = Emulator("--seed", "us-east-1:00000000-0000-0000-0000-0000000000cc,identities=400,datasets=2,records=20,value_bytes=100")
    try:
        cmd = [CLI, "--endpoint-url", seeded.endpoint, "--quiet", "export", "--identity-pool-id",
               "us-east-1:00000000-0000-0000-0000-0000000000cc", "--output", str(out)]
        p = subprocess.run(["bash", "-c", 'ulimit -f 1200; exec "$@"', "bash", *cmd], env=cli_env(),
                           capture_output=True, text=True, timeout=300)
        assert p.returncode == 255, p.stderr
        assert "big.jsonl.partial" in p.stderr and "File too large" in p.stderr
        assert not out.exists()
        p = subprocess.run(cmd, env=cli_env(), capture_output=True, text=True, timeout=300)
        assert p.returncode == 0, p.stderr
        s = json.loads(p.stdout)
        assert s["Resumed"] and s["Manifest"]["Identities"] == 400 and s["IdentitiesFetched"] < 400
        r = subprocess.run([CLI, "--endpoint-url", seeded.endpoint, "--quiet", "verify", "--input", str(out),
                            "--identity-pool-id", "us-east-1:00000000-0000-0000-0000-0000000000cc"],
                           env=cli_env(), capture_output=True, text=True, timeout=300)
        assert r.returncode == 0, r.stdout + r.stderr
    finally:
        seeded.stop()
