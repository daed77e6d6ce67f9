"""The offline-first sync manager from Python: mapping access, synchronize (blocking and
asyncio), a Python conflict resolver, events, persistence, offline behaviour."""

from __future__ import annotations

import asyncio
import socket
import uuid
from collections.abc import MutableMapping
from pathlib import Path
from typing import Literal

import pytest

import cognito_sync
from cognito_sync.sync import Conflict, Dataset, IdentitySwitchReport, Resolution, SyncManager

from .conftest import DEV_KEY, POOL, REGION


def device(client: cognito_sync.Client, identity: str, **kwargs: object) -> SyncManager:
    return SyncManager(client, identity_pool_id=POOL, identity_id=identity, **kwargs)  # type: ignore[arg-type]


def test_dataset_is_a_mutable_mapping_offline(client: cognito_sync.Client, identity: str) -> None:
    ds = device(client, identity).open_dataset("save")
    assert isinstance(ds, MutableMapping) and isinstance(ds, Dataset)
    assert len(ds) == 0 and "level" not in ds and ds.get("level") is None and ds.get("level", "1") == "1"
    ds["level"] = "3"
    ds["name"] = ""
    assert ds["level"] == "3" and ds["name"] == "" and "name" in ds and 5 not in ds
    assert len(ds) == 2 and sorted(ds) == ["level", "name"] and ds.keys() == ["level", "name"]
    assert ds.items() == [("level", "3"), ("name", "")] and ds.values() == ["3", ""]
    ds.update({"coins": "10", "name": None})
    assert ds.to_dict() == {"coins": "10", "level": "3"}
    del ds["coins"]
    with pytest.raises(KeyError):
        del ds["coins"]
    with pytest.raises(KeyError):
        ds["missing"]
    assert ds.pop("level") == "3" and ds.pop("level", None) is None
    with pytest.raises(KeyError):
        ds.pop("level")
    assert ds.setdefault("tmp", "x") == "x" and ds.setdefault("tmp", "y") == "x"
    assert ds.popitem() == ("tmp", "x")
    ds["a"] = "1"
    ds.clear()
    assert len(ds) == 0
    assert ds.has_unsynced_changes()
    removed = [r for r in ds.records() if r.value is None]
    assert {r.key for r in removed} == {"a", "coins", "name", "level", "tmp"}
    assert all(r.modified_locally for r in removed)
    with pytest.raises(cognito_sync.ValidationError):
        ds["k" * 2000] = "too long a key"
    with pytest.raises(TypeError):
        ds["k"] = 3  # type: ignore[assignment]


def test_two_devices_sync_a_game_save_with_a_custom_resolver(client: cognito_sync.Client, identity: str) -> None:
    seen: list[Conflict] = []

    def highest_level_wins(conflict: Conflict) -> Resolution:
        seen.append(conflict)
        local, remote = conflict.local.value, conflict.remote.value
        if local is None or remote is None:
            return Resolution.keep_remote()
        return Resolution.value(str(max(int(local), int(remote))))

    phone = device(client, identity, conflict_resolver=highest_level_wins).open_dataset("save")
    tablet = device(client, identity, conflict_resolver=highest_level_wins).open_dataset("save")

    phone["level"] = "3"
    phone["coins"] = "10"
    report = phone.synchronize()
    assert report.pushed == 2 and report.conflicts == 0 and not phone.has_unsynced_changes()

    tablet["level"] = "5"  # offline edit before the tablet ever synced
    report = tablet.synchronize()
    assert report.conflicts == 1 and [c.key for c in seen] == ["level"]
    assert (seen[0].local.value, seen[0].remote.value) == ("5", "3")
    assert tablet.to_dict() == {"level": "5", "coins": "10"}

    phone["coins"] = "20"
    phone.synchronize()
    tablet.synchronize()
    assert phone.to_dict() == tablet.to_dict() == {"level": "5", "coins": "20"}

    # What the service holds, read with the plain client.
    records = {
        r.key: r.value for r in client.iter_records(identity_pool_id=POOL, identity_id=identity, dataset_name="save")
    }
    assert records == {"level": "5", "coins": "20"}


def test_policies_by_name(client: cognito_sync.Client, identity: str) -> None:
    a = device(client, identity, conflict_resolver="local_wins").open_dataset("d")
    b = device(client, identity, conflict_resolver="remote_wins").open_dataset("d")
    a["k"] = "a"
    a.synchronize()
    b["k"] = "b"
    b.synchronize()
    assert b["k"] == "a"  # remote wins on b
    with pytest.raises(ValueError, match="unknown policy"):
        device(client, identity, conflict_resolver="coin_toss")
    with pytest.raises(TypeError, match="callable"):
        device(client, identity, conflict_resolver=42)


def test_resolver_that_raises_aborts_and_reraises(client: cognito_sync.Client, identity: str) -> None:
    a = device(client, identity).open_dataset("d")
    a["k"] = "a"
    a.synchronize()

    def broken(conflict: Conflict) -> Resolution:
        raise LookupError(f"cannot decide {conflict.key}")

    b = device(client, identity, conflict_resolver=broken).open_dataset("d")
    b["k"] = "b"
    with pytest.raises(LookupError, match="cannot decide k"):
        b.synchronize()
    assert b["k"] == "b" and b.has_unsynced_changes()  # nothing applied

    def aborts(conflict: Conflict) -> Resolution:
        return Resolution.abort()

    c = device(client, identity, conflict_resolver=aborts).open_dataset("d")
    c["k"] = "c"
    with pytest.raises(cognito_sync.SyncCancelledError) as info:
        c.synchronize()
    assert info.value.kind == "Cancelled" and isinstance(info.value, cognito_sync.SyncError)

    d = device(client, identity, conflict_resolver=lambda c: "merged").open_dataset("d")
    d["k"] = "d"
    assert d.synchronize().conflicts == 1 and d["k"] == "merged"


def test_events_can_be_polled(client: cognito_sync.Client, identity: str) -> None:
    manager = device(client, identity)
    ds = manager.open_dataset("save")
    assert manager.poll_event() is None
    ds["level"] = "1"
    changed = manager.poll_event()
    assert changed is not None and changed.kind == "changed"
    assert (changed.dataset, changed.source, changed.keys) == ("save", "local", ["level"])
    report = manager.synchronize("save")
    kinds = [e.kind for e in manager.drain_events()]
    assert kinds[0] == "sync_started" and kinds[-1] == "sync_succeeded" and "sync_progress" in kinds
    other = device(client, identity).open_dataset("save")
    other["level"] = "2"
    other.synchronize()
    ds.synchronize()
    events = manager.drain_events()
    remote = [e for e in events if e.kind == "changed"]
    assert remote and remote[0].source == "remote" and remote[0].keys == ["level"]
    done = [e for e in events if e.kind == "sync_succeeded"][-1]
    assert done.report is not None and done.report.changed_keys == ["level"]
    assert report.dataset == "save" and manager.wait_event(0.05) is None


def test_async_synchronize(client: cognito_sync.Client, aclient: cognito_sync.AsyncClient, identity: str) -> None:
    manager = SyncManager(aclient, identity_pool_id=POOL, identity_id=identity)
    ds = manager.open_dataset("save")
    ds["hp"] = "10"

    async def main() -> None:
        report = await ds.synchronize_async()
        assert report.pushed == 1
        again = await manager.synchronize_async("save")
        assert again.pushed == 0 and again.requests == 1

    asyncio.run(main())
    assert client.list_records(identity_pool_id=POOL, identity_id=identity, dataset_name="save").records[0].value == "10"


def test_store_file_survives_and_lists_datasets(client: cognito_sync.Client, identity: str, tmp_path: Path) -> None:
    path = tmp_path / "game.db"
    first = device(client, identity, path=str(path))
    first.open_dataset("save")["level"] = "9"
    second = device(client, identity, path=path)
    assert second.open_dataset("save")["level"] == "9"
    infos = second.list_datasets()
    assert [i.name for i in infos] == ["save"] and infos[0].unsynced_records == 1
    assert second.has_unsynced_changes()
    second.synchronize("save")
    assert not first.has_unsynced_changes()


def test_offline_synchronize_fails_and_keeps_local_data(identity: str) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    offline = cognito_sync.Client(
        region=REGION, endpoint_url=f"http://127.0.0.1:{port}", aws_access_key_id="a", aws_secret_access_key="b", max_attempts=1
    )
    manager = SyncManager(offline, identity_pool_id=POOL, identity_id=identity)
    ds = manager.open_dataset("save")
    ds["k"] = "v"
    with pytest.raises(cognito_sync.TransportError) as info:
        ds.synchronize()
    assert info.value.kind == "Network"
    assert ds["k"] == "v" and ds.has_unsynced_changes()
    failed = [e for e in manager.drain_events() if e.kind == "sync_failed"]
    assert failed and isinstance(failed[0].error, cognito_sync.TransportError)


def test_identity_from_cognito(endpoint: str) -> None:
    user = cognito_sync.Client(region=REGION, endpoint_url=endpoint, cognito_identity_pool_id=POOL)
    manager = SyncManager(user, identity_pool_id=POOL)
    ds = manager.open_dataset("prefs")
    ds["theme"] = "dark"  # before any identity is known: adopted by the first sync
    report = ds.synchronize()
    assert report.identity_id == user.identity_id() == manager.identity_id
    assert manager.open_dataset("prefs")["theme"] == "dark"
    with pytest.raises(ValueError, match="identity_id is required"):
        SyncManager(cognito_sync.Client(region=REGION, endpoint_url=endpoint, aws_access_key_id="test", aws_secret_access_key="test"), identity_pool_id=POOL)
    with pytest.raises(TypeError, match="client"):
        SyncManager("not a client", identity_pool_id=POOL, identity_id="x")  # type: ignore[arg-type]


# ---------------------------------------------------------------- identity switch, sync all, handlers


def test_switch_identity_keeps_data_apart_moves_or_discards(client: cognito_sync.Client, identity: str) -> None:
    manager = device(client, identity)
    guest = manager.open_dataset("save")
    guest["level"] = "3"
    other = f"{REGION}:{uuid.uuid4()}"

    report = manager.switch_identity(other)  # keep_separate by default
    assert isinstance(report, IdentitySwitchReport)
    assert (report.from_identity, report.to_identity, report.moved) == (identity, other, [])
    assert manager.identity_id == other and manager.list_datasets() == []
    assert "level" not in manager.open_dataset("save")
    with pytest.raises(cognito_sync.SyncIdentityError):
        guest["level"]  # a handle of the previous identity stops working

    back = manager.switch_identity(identity, "keep_separate")
    assert back.to_identity == identity and manager.open_dataset("save")["level"] == "3"

    third = f"{REGION}:{uuid.uuid4()}"
    moved = manager.switch_identity(third, "move_data")
    assert moved.moved == ["save"] and manager.identity_id == third
    save = manager.open_dataset("save")
    assert save["level"] == "3" and save.has_unsynced_changes()
    assert save.synchronize().pushed == 1
    manager.switch_identity(identity)
    assert manager.list_datasets() == []  # moved, not copied

    manager.switch_identity(third, "keep_separate")
    manager.switch_identity(other, "discard_previous")
    manager.switch_identity(third)
    assert manager.list_datasets() == []  # the discarded identity's data is gone

    with pytest.raises(ValueError, match="mode"):
        manager.switch_identity(identity, "copy")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="mode"):
        manager.switch_identity(identity, 3)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="identity_id"):
        manager.switch_identity(None)  # type: ignore[arg-type]
    assert manager.identity_id == third


def test_synchronize_all_and_refresh_datasets(client: cognito_sync.Client, identity: str) -> None:
    phone = device(client, identity)
    phone.open_dataset("save")["level"] = "3"
    phone.open_dataset("settings")["volume"] = "7"
    reports = phone.synchronize_all()
    assert sorted(reports) == ["save", "settings"]
    assert all(isinstance(r, cognito_sync.SyncReport) and r.pushed == 1 for r in reports.values())
    assert not phone.has_unsynced_changes()

    tablet = device(client, identity)
    assert tablet.list_datasets() == []
    infos = tablet.refresh_datasets()  # the service's list, records not pulled
    assert sorted(i.name for i in infos) == ["save", "settings"]
    assert len(tablet.open_dataset("save")) == 0
    laptop = device(client, identity)
    infos = asyncio.run(laptop.refresh_datasets_async())
    assert sorted(i.name for i in infos) == ["save", "settings"]
    assert len(laptop.open_dataset("settings")) == 0

    reports = asyncio.run(tablet.synchronize_all_async())
    assert sorted(reports) == ["save", "settings"]
    assert tablet.open_dataset("save").to_dict() == {"level": "3"}
    assert tablet.open_dataset("settings").to_dict() == {"volume": "7"}


def test_dataset_deleted_by_another_device_calls_the_handler(client: cognito_sync.Client, identity: str) -> None:
    calls: list[tuple[str, str]] = []

    def delete_local(identity_id: str, dataset: str) -> Literal["delete_local"]:
        calls.append((identity_id, dataset))
        return "delete_local"

    # Set at construction, so that no synchronize can run without it.
    phone = device(client, identity, dataset_deleted_handler=delete_local)
    tablet = device(client, identity)
    save = phone.open_dataset("save")
    save["level"] = "3"
    save.synchronize()
    other = tablet.open_dataset("save")
    other.synchronize()
    assert other["level"] == "3"
    other.delete()
    assert other.synchronize().deleted  # the tablet deletes it on the service

    save["coins"] = "5"  # unsynced, dropped by "delete_local"
    report = save.synchronize()
    assert calls == [(identity, "save")]
    assert report.deleted_remotely and report.deleted
    assert [i.name for i in phone.list_datasets()] == []

    # Without the handler (removed): the default keeps the unsynced changes and pushes them.
    phone.set_dataset_deleted_handler(None)
    settings = phone.open_dataset("settings")
    settings["volume"] = "7"
    settings.synchronize()
    gone = tablet.open_dataset("settings")
    assert gone.synchronize().changed_keys == ["volume"]
    gone.delete()
    gone.synchronize()
    settings["language"] = "fr"
    report = settings.synchronize()
    assert report.deleted_remotely and not report.deleted and calls == [(identity, "save")]
    assert settings.to_dict() == {"language": "fr"} and not settings.has_unsynced_changes()
    assert tablet.open_dataset("settings").synchronize().changed_keys == ["language"]

    with pytest.raises(TypeError, match="handler"):
        phone.set_dataset_deleted_handler("delete_local")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="dataset_deleted_handler: expected a callable"):
        device(client, identity, dataset_deleted_handler="delete_local")


def test_datasets_merged_by_an_identity_merge_call_the_handler(
    client: cognito_sync.Client, endpoint: str
) -> None:
    import boto3

    idp = boto3.client(
        "cognito-identity", region_name=REGION, endpoint_url=endpoint,
        aws_access_key_id=DEV_KEY[0], aws_secret_access_key=DEV_KEY[1],
    )
    login_a, login_b = {"a.example": f"user-{uuid.uuid4()}"}, {"b.example": f"user-{uuid.uuid4()}"}
    first = idp.get_id(IdentityPoolId=POOL, Logins=login_a)["IdentityId"]
    second = idp.get_id(IdentityPoolId=POOL, Logins=login_b)["IdentityId"]
    old = device(client, second).open_dataset("save")
    old["level"] = "9"
    old.synchronize()
    calls: list[tuple[str, str, list[str]]] = []
    manager = device(
        client, first, datasets_merged_handler=lambda i, d, merged: calls.append((i, d, merged))
    )
    save = manager.open_dataset("save")
    save["level"] = "1"
    save.synchronize()
    assert calls == []  # nothing merged yet
    assert idp.get_id(IdentityPoolId=POOL, Logins={**login_a, **login_b})["IdentityId"] == first

    report = save.synchronize()
    assert calls == [(first, "save", [f"save.{second}"])]
    assert report.merged_datasets == [f"save.{second}"]
    merged = manager.open_dataset(f"save.{second}")
    merged.synchronize()
    assert merged.to_dict() == {"level": "9"}
    with pytest.raises(TypeError, match="handler"):
        manager.set_datasets_merged_handler(3)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="datasets_merged_handler: expected a callable"):
        device(client, first, datasets_merged_handler=3)
