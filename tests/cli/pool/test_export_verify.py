"""export and verify against the emulator: content, canonical order, gzip, throttling, and
kill -9 in the middle of an export followed by a resume that gives the same archive."""

import gzip
import json
import os
import signal
import subprocess
import time
from pathlib import Path

from conftest import CLI, cli_env, data_lines, populate, read_lines, run_cli, write


def test_export_holds_every_identity_dataset_record_and_tombstone(start_emulator, tmp_path):
    emu = start_emulator()
    pool, ids = populate(emu)
    out = tmp_path / "pool.jsonl"
    p = run_cli(emu.endpoint, "export", "--identity-pool-id", pool, "--output", out, check=0)
    summary = json.loads(p.stdout)
    lines = read_lines(out)
    assert [l["Type"] for l in lines[:2]] == ["header", "pool"]
    assert lines[0] == {"Type": "header", "Format": "cognito-sync-archive", "Version": 1, "IdentityPoolId": pool, "Scope": "pool"}
    assert lines[1]["CognitoEvents"] == {"SyncTrigger": "arn:aws:lambda:us-east-1:000000000000:function:trigger"}
    assert lines[1]["Configuration"]["CognitoStreams"]["StreamName"] == "s"
    assert lines[1]["Usage"]["IdentityPoolId"] == pool
    manifest = lines[-1]
    assert manifest["Type"] == "manifest" and summary["Manifest"] == {k: v for k, v in manifest.items() if k != "Type"}
    identities = [l["IdentityId"] for l in lines if l["Type"] == "identity"]
    # Every identity ListIdentities knows (the merged one included), sorted.
    assert identities == sorted(identities) and set(identities) == set(ids)
    datasets = {(l["IdentityId"], l["DatasetName"]): l for l in lines if l["Type"] == "dataset"}
    sync = emu.client("cognito-sync")
    for (identity, name), d in datasets.items():
        live = sync.list_records(IdentityPoolId=pool, IdentityId=identity, DatasetName=name, LastSyncCount=0)
        assert d["DatasetSyncCount"] == live["DatasetSyncCount"]
        assert [(r["Key"], r.get("Value"), r["SyncCount"]) for r in d["Records"]] == [
            (r["Key"], r.get("Value"), r["SyncCount"]) for r in live["Records"]
        ]
        assert d["MergedDatasetNames"] == live.get("MergedDatasetNames")
    first = datasets[(ids[0], "save")]
    tomb = [r for r in first["Records"] if r["Key"] == "k0"][0]
    assert tomb["Value"] is None and tomb["SyncCount"] == 2, "tombstones are exported"
    assert [r for r in first["Records"] if r["Key"] == "k2"][0]["DeviceLastModifiedDate"] == 1700000000.5
    assert first["LastModifiedBy"] == "000000000000"
    merged = [d for d in datasets.values() if d["MergedDatasetNames"]]
    assert merged and merged[0]["MergedDatasetNames"][0].startswith("save.")
    assert manifest["Identities"] == len(ids) and manifest["Datasets"] == len(datasets)
    assert manifest["Tombstones"] == sum(1 for d in datasets.values() for r in d["Records"] if r["Value"] is None)
    assert not list(tmp_path.glob("pool.jsonl.*")), "working files are removed"

    # verify: same pool, no difference.
    p = run_cli(emu.endpoint, "verify", "--input", out, "--identity-pool-id", pool, check=0)
    report = json.loads(p.stdout)
    assert report["DifferenceCount"] == 0 and report["RecordsCompared"] == manifest["Records"]

    # A changed record, a deleted dataset and a new identity are differences (exit 1).
    write(sync, pool, ids[1], "save", {"k2": "changed later"})
    sync.delete_dataset(IdentityPoolId=pool, IdentityId=ids[0], DatasetName="settings")
    extra = emu.client("cognito-identity").get_id(IdentityPoolId=pool)["IdentityId"]
    p = run_cli(emu.endpoint, "verify", "--input", out, "--identity-pool-id", pool, check=1)
    diffs = json.loads(p.stdout)["Differences"]
    kinds = {(d.get("IdentityId"), d.get("DatasetName"), d.get("Key"), d["Difference"]) for d in diffs}
    assert (ids[1], "save", "k2", "value differs") in kinds
    assert (ids[0], "settings", None, "dataset missing from the pool") in kinds
    assert (extra, None, None, "identity not in the archive") in kinds
    assert "difference(s)" in p.stderr

    # The same export again refuses to replace the archive without --force.
    p = run_cli(emu.endpoint, "export", "--identity-pool-id", pool, "--output", out, check=252)
    assert "already exists" in p.stderr


def test_gzip_and_selected_identities(start_emulator, tmp_path):
    emu = start_emulator()
    pool, ids = populate(emu, identities=3)
    plain, gz = tmp_path / "a.jsonl", tmp_path / "a.jsonl.gz"
    run_cli(emu.endpoint, "export", "--identity-pool-id", pool, "--output", plain, check=0)
    run_cli(emu.endpoint, "export", "--identity-pool-id", pool, "--output", gz, "--compress", "gzip", check=0)
    assert gz.read_bytes()[:2] == b"\x1f\x8b"
    assert data_lines(gz) == data_lines(plain)
    gzip.decompress(gz.read_bytes())  # any gzip reader reads it
    run_cli(emu.endpoint, "verify", "--input", gz, "--identity-pool-id", pool, check=0)

    listed = tmp_path / "ids.txt"
    listed.write_text(f"# two of them\n{ids[2]}\n\n{ids[0]}\n")
    some = tmp_path / "some.jsonl"
    run_cli(emu.endpoint, "export", "--identity-pool-id", pool, "--output", some, "--identities", listed, check=0)
    lines = read_lines(some)
    assert lines[0]["Scope"] == "identities"
    assert [l["IdentityId"] for l in lines if l["Type"] == "identity"] == sorted([ids[0], ids[2]])
    one = tmp_path / "one.jsonl"
    run_cli(emu.endpoint, "export", "--identity-pool-id", pool, "--output", one, "--identity-id", ids[1], check=0)
    assert [l["IdentityId"] for l in read_lines(one) if l["Type"] == "identity"] == [ids[1]]
    # A selection is verified against those identities only.
    run_cli(emu.endpoint, "verify", "--input", one, "--identity-pool-id", pool, check=0)


def test_throttling_is_survived_with_the_same_content(start_emulator, tmp_path):
    emu = start_emulator("--seed", "us-east-1:00000000-0000-0000-0000-0000000000aa,identities=150,datasets=2,records=5")
    pool = "us-east-1:00000000-0000-0000-0000-0000000000aa"
    calm = tmp_path / "calm.jsonl"
    run_cli(emu.endpoint, "export", "--identity-pool-id", pool, "--output", calm, check=0)
    throttled = start_emulator(
        "--seed", "us-east-1:00000000-0000-0000-0000-0000000000aa,identities=150,datasets=2,records=5",
        "--fault", "operation=ListRecords,error=TooManyRequestsException,error_rate=0.3",
        "--fault", "operation=ListDatasets,error=LimitExceededException,error_rate=0.1",
    )
    out = tmp_path / "throttled.jsonl"
    p = run_cli(throttled.endpoint, "export", "--identity-pool-id", pool, "--output", out, "--concurrency", "16", check=0)
    s = json.loads(p.stdout)
    assert s["Throttled"] > 0 and s["Retried"] >= s["Throttled"]
    # Same identities and records (dates differ between the two seeded emulators).
    strip = lambda ls: [(l["Type"], l["IdentityId"], l.get("DatasetName"), [(r["Key"], r["Value"], r["SyncCount"]) for r in l.get("Records", [])]) for l in ls]
    assert strip(data_lines(out)) == strip(data_lines(calm))


def _journal(out):
    j = Path(str(out) + ".journal")
    try:
        return json.loads(j.read_text())
    except (OSError, ValueError):
        return None


def test_kill9_during_export_then_resume_gives_the_same_archive(start_emulator, tmp_path):
    pool = "us-east-1:00000000-0000-0000-0000-0000000000bb"
    # Slow enough (2 ms a call) that the export is killed in the middle.
    emu = start_emulator("--seed", f"{pool},identities=1500,datasets=2,records=10", "--fault", "operation=ListRecords,latency_ms=2")
    reference = tmp_path / "reference.jsonl.gz"
    run_cli(emu.endpoint, "export", "--identity-pool-id", pool, "--output", reference, "--compress", "gzip", check=0)
    out = tmp_path / "resumed.jsonl.gz"
    args = [CLI, "--endpoint-url", emu.endpoint, "--quiet", "export", "--identity-pool-id", pool,
            "--output", str(out), "--compress", "gzip", "--concurrency", "4"]
    kills = 0
    for target in (100, 500, 1000):
        proc = subprocess.Popen(args, env=cli_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        deadline = time.time() + 120
        while time.time() < deadline and proc.poll() is None:
            j = _journal(out)
            if j and j.get("IdentitiesDone", 0) >= target:
                break
            time.sleep(0.01)
        if proc.poll() is None:
            # Wait a little more so the kill also lands between checkpoints.
            time.sleep(0.05 * (kills + 1))
            proc.send_signal(signal.SIGKILL)
            kills += 1
        proc.wait()
        proc.stdout.close()
        proc.stderr.close()
        assert not out.exists(), "a killed export leaves no file under the archive's name"
        assert Path(str(out) + ".partial").exists()
    assert kills >= 2, "the export finished before it could be killed: make it slower"
    done_before = _journal(out)["IdentitiesDone"]
    p = run_cli(emu.endpoint, "export", "--identity-pool-id", pool, "--output", out, "--compress", "gzip", "--concurrency", "4", check=0)
    s = json.loads(p.stdout)
    assert s["Resumed"] is True
    assert s["IdentitiesFetched"] == 1500 - done_before, "completed identities are not fetched again"
    assert data_lines(out) == data_lines(reference)
    a, b = read_lines(out), read_lines(reference)
    assert a[0] == b[0] and len(a) == len(b)
    assert a[-1]["Records"] == b[-1]["Records"] and a[-1]["Identities"] == 1500
    run_cli(emu.endpoint, "verify", "--input", out, "--identity-pool-id", pool, check=0)
    assert not list(tmp_path.glob("resumed.jsonl.gz.*"))

    # A rerun with other arguments does not continue someone else's export.
    other = tmp_path / "other.jsonl"
    base = [CLI, "--endpoint-url", emu.endpoint, "--quiet", "export", "--identity-pool-id", pool, "--output", str(other)]
    proc = subprocess.Popen([*base, "--concurrency", "2"], env=cli_env(),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 60
    while time.time() < deadline and not (_journal(other) or {}).get("IdentitiesDone"):
        time.sleep(0.01)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    p = run_cli(emu.endpoint, "export", "--identity-pool-id", pool, "--output", other, "--compress", "gzip", check=252)
    assert "other arguments" in p.stderr and str(other) in p.stderr
