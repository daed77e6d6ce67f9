"""Restoring an archive: into the emulator with identity IDs preserved (--import), back into
a pool through the service (import: idempotent, conflicts reported, --overwrite), and into
DynamoDB (moto's server), read back with boto3."""

import json
import uuid

import boto3

from conftest import data_lines, populate, read_lines, run_cli, write


def test_emulator_import_preserves_everything(start_emulator, tmp_path):
    emu = start_emulator()
    pool, ids = populate(emu)
    out = tmp_path / "pool.jsonl.gz"
    run_cli(emu.endpoint, "export", "--identity-pool-id", pool, "--output", out, "--compress", "gzip", check=0)
    copy = start_emulator("--import", str(out))
    again = tmp_path / "again.jsonl.gz"
    run_cli(copy.endpoint, "export", "--identity-pool-id", pool, "--output", again, "--compress", "gzip", check=0)
    # Identity IDs, sync counts, dates, LastModifiedBy, merged names: all the same.
    assert _same_but_logins(data_lines(again), data_lines(out))
    assert read_lines(again)[1]["Configuration"] == read_lines(out)[1]["Configuration"]
    assert read_lines(again)[1]["CognitoEvents"] == read_lines(out)[1]["CognitoEvents"]
    run_cli(copy.endpoint, "verify", "--input", out, "--identity-pool-id", pool, check=0)
    # The copy is a working pool: a client syncs on from the archived counts.
    sync = copy.client("cognito-sync")
    write(sync, pool, ids[0], "save", {"k9": "new"})
    rec = sync.list_records(IdentityPoolId=pool, IdentityId=ids[0], DatasetName="save", LastSyncCount=0)
    assert rec["DatasetSyncCount"] == 3


def _same_but_logins(a, b):
    # The emulator does not restore linked logins (no tokens in an archive): compare without them.
    strip = lambda ls: [{k: v for k, v in l.items() if k != "Logins"} for l in ls]
    return strip(a) == strip(b)


def test_import_restores_is_idempotent_and_reports_conflicts(start_emulator, tmp_path):
    emu = start_emulator()
    pool, ids = populate(emu, identities=3)
    out = tmp_path / "pool.jsonl"
    run_cli(emu.endpoint, "export", "--identity-pool-id", pool, "--output", out, check=0)
    sync = emu.client("cognito-sync")
    # A loss: a dataset deleted, a record removed; and a newer change made after the backup.
    sync.delete_dataset(IdentityPoolId=pool, IdentityId=ids[0], DatasetName="settings")
    write(sync, pool, ids[1], "save", {"k3": None})
    write(sync, pool, ids[2], "save", {"k2": "newer on the server"})

    p = run_cli(emu.endpoint, "import", "--input", out, "--identity-pool-id", pool, check=1)
    report = json.loads(p.stdout)
    # A record changed or removed after the archive was taken is newer server data: kept.
    conflicts = {(c["IdentityId"], c["DatasetName"], c["Key"]): c for c in report["Conflicts"]}
    assert set(conflicts) == {(ids[2], "save", "k2"), (ids[1], "save", "k3")}
    assert conflicts[(ids[2], "save", "k2")]["Pool"]["Value"] == "newer on the server"
    assert conflicts[(ids[1], "save", "k3")]["Pool"]["Value"] is None
    assert report["ConflictCount"] == 2 and "--overwrite" in p.stderr
    assert report["RecordsWritten"] == 2  # the deleted dataset's 2 records
    got = sync.list_records(IdentityPoolId=pool, IdentityId=ids[0], DatasetName="settings", LastSyncCount=0)
    assert {r["Key"]: r.get("Value") for r in got["Records"]} == {"volume": "11", "lang": "fr"}
    got = sync.list_records(IdentityPoolId=pool, IdentityId=ids[1], DatasetName="save", LastSyncCount=0)
    assert {r["Key"]: r.get("Value") for r in got["Records"]}["k3"] is None
    kept = sync.list_records(IdentityPoolId=pool, IdentityId=ids[2], DatasetName="save", LastSyncCount=0)
    assert {r["Key"]: r.get("Value") for r in kept["Records"]}["k2"] == "newer on the server"

    # Rerun: nothing to write, the same conflict.
    p = run_cli(emu.endpoint, "import", "--input", out, "--identity-pool-id", pool, check=1)
    again = json.loads(p.stdout)
    assert again["RecordsWritten"] == 0 and again["ConflictCount"] == 2

    # --overwrite restores the archived values.
    p = run_cli(emu.endpoint, "import", "--input", out, "--identity-pool-id", pool, "--overwrite", check=0)
    assert json.loads(p.stdout)["RecordsWritten"] == 2
    got = sync.list_records(IdentityPoolId=pool, IdentityId=ids[2], DatasetName="save", LastSyncCount=0)
    assert {r["Key"]: r.get("Value") for r in got["Records"]}["k2"] == "value-2-2"
    got = sync.list_records(IdentityPoolId=pool, IdentityId=ids[1], DatasetName="save", LastSyncCount=0)
    assert {r["Key"]: r.get("Value") for r in got["Records"]}["k3"] == "value-1-3"
    p = run_cli(emu.endpoint, "import", "--input", out, "--identity-pool-id", pool, check=0)
    assert json.loads(p.stdout)["RecordsWritten"] == 0

    # Into another pool whose identities exist (developer credentials may write any identity).
    other = emu.client("cognito-identity").create_identity_pool(IdentityPoolName="copy", AllowUnauthenticatedIdentities=True)["IdentityPoolId"]
    p = run_cli(emu.endpoint, "import", "--input", out, "--identity-pool-id", other, check=0)
    got = sync.list_records(IdentityPoolId=other, IdentityId=ids[0], DatasetName="save", LastSyncCount=0)
    assert {r["Key"]: r.get("Value") for r in got["Records"] if r.get("Value")} == {
        "k1": "changed", "k2": "value-0-2", "k3": "value-0-3", "k4": "value-0-4"
    }


def _scan(db, table):
    items, kw = [], {}
    while True:
        page = db.scan(TableName=table, **kw)
        items += page["Items"]
        if "LastEvaluatedKey" not in page:
            return items
        kw["ExclusiveStartKey"] = page["LastEvaluatedKey"]


def test_migrate_to_dynamodb(start_emulator, moto, tmp_path):
    emu = start_emulator()
    pool, ids = populate(emu)
    out = tmp_path / "pool.jsonl.gz"
    run_cli(emu.endpoint, "export", "--identity-pool-id", pool, "--output", out, "--compress", "gzip", check=0)
    db = boto3.client("dynamodb", endpoint_url=moto, region_name="us-east-1",
                      aws_access_key_id="test", aws_secret_access_key="test")
    table = "cognito-" + uuid.uuid4().hex[:8]
    p = run_cli(emu.endpoint, "migrate", "dynamodb", "--input", out, "--table", table, "--create-table",
                "--dynamodb-endpoint-url", moto, check=0)
    report = json.loads(p.stdout)
    lines = read_lines(out)
    expected = {}
    for d in (l for l in lines if l["Type"] == "dataset"):
        for r in d["Records"]:
            expected[(f'{d["IdentityId"]}#{d["DatasetName"]}', r["Key"])] = (d, r)
    items = _scan(db, table)
    assert report["ItemsWritten"] == len(expected) == len(items) == lines[-1]["Records"]
    for item in items:
        d, r = expected[(item["pk"]["S"], item["sk"]["S"])]
        assert item["IdentityId"]["S"] == d["IdentityId"] and item["DatasetName"]["S"] == d["DatasetName"]
        assert item["Key"]["S"] == r["Key"]
        assert int(item["SyncCount"]["N"]) == r["SyncCount"]
        assert float(item["LastModifiedDate"]["N"]) == r["LastModifiedDate"]
        assert int(item["DatasetSyncCount"]["N"]) == d["DatasetSyncCount"]
        if r["Value"] is None:
            assert item["Deleted"] == {"BOOL": True} and "Value" not in item
        else:
            assert item["Value"]["S"] == r["Value"] and "Deleted" not in item
        if r["DeviceLastModifiedDate"] is not None:
            assert float(item["DeviceLastModifiedDate"]["N"]) == r["DeviceLastModifiedDate"]
    desc = db.describe_table(TableName=table)["Table"]
    assert {k["AttributeName"]: k["KeyType"] for k in desc["KeySchema"]} == {"pk": "HASH", "sk": "RANGE"}

    # Rerun: idempotent (same items). Without tombstones, straight from the live pool.
    run_cli(emu.endpoint, "migrate", "dynamodb", "--input", out, "--table", table, "--dynamodb-endpoint-url", moto, check=0)
    assert len(_scan(db, table)) == len(expected)
    live = table + "-live"
    p = run_cli(emu.endpoint, "migrate", "dynamodb", "--identity-pool-id", pool, "--table", live, "--create-table",
                "--drop-tombstones", "--dynamodb-endpoint-url", moto, check=0)
    report = json.loads(p.stdout)
    tombstones = lines[-1]["Tombstones"]
    assert tombstones > 0 and report["TombstonesDropped"] == tombstones
    items = _scan(db, live)
    assert len(items) == len(expected) - tombstones and all("Deleted" not in i for i in items)

    # A table that does not exist, without --create-table: the service's error, named.
    p = run_cli(emu.endpoint, "migrate", "dynamodb", "--input", out, "--table", "missing-table",
                "--dynamodb-endpoint-url", moto, check=254)
    assert "missing-table" in p.stderr and "ResourceNotFoundException" in p.stderr
