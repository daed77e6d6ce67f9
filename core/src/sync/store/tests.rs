//! Unit tests of the store's compare-and-swap writes and identity moves.

use std::collections::HashMap;
use std::time::Duration;

use super::local::{OnCollision, Transfer};
use super::*;
use crate::sync::limits::Limits;
use crate::sync::record::RemoteRecord;
use crate::sync::ErrorKind;

fn store() -> Store {
    Store::open(
        &StoreLocation::Memory,
        Duration::from_secs(1),
        Durability::Normal,
    )
    .unwrap()
}

fn put(s: &Store, key: &str, value: Option<&str>) {
    s.write(
        "id",
        "d",
        &[(key.to_owned(), value.map(str::to_owned))],
        10,
        &Limits::default(),
    )
    .unwrap();
}

fn remote(key: &str, value: &str, sc: i64) -> RemoteRecord {
    RemoteRecord {
        key: key.into(),
        value: Some(value.into()),
        sync_count: sc,
        server_ms: Some(1),
        modified_by: None,
        device_ms: Some(1),
    }
}

#[test]
fn pull_skips_rows_written_after_the_snapshot_and_holds_the_count_back() {
    let s = store();
    put(&s, "a", Some("1"));
    put(&s, "b", Some("1"));
    let snap = s.snapshot("id", "d", 0).unwrap();
    // Written locally while the pull was on the network.
    put(&s, "b", Some("local"));
    let plan = |key: &str, sc: i64| PlannedWrite {
        key: key.into(),
        expected: snap.rows.get(key).cloned(),
        new: Some(NewRow {
            value: Some("remote".into()),
            sync_count: sc,
            dirty: false,
            device_ms: None,
            server_ms: None,
            modified_by: None,
        }),
        refetch_from: sc - 1,
    };
    let out = s
        .apply_pull(
            "id",
            "d",
            snap.generation,
            &[plan("a", 4), plan("b", 6)],
            9,
            0,
        )
        .unwrap();
    assert!(out.applied);
    assert_eq!(out.changed, vec!["a".to_string()]);
    assert_eq!(out.skipped, vec!["b".to_string()]);
    assert_eq!(out.last_sync_count, 5, "b's change will be pulled again");
    assert_eq!(s.get("id", "d", "b").unwrap().as_deref(), Some("local"));
    let a = s.row("id", "d", "a").unwrap().unwrap();
    assert_eq!(
        (a.value.as_deref(), a.sync_count, a.dirty),
        (Some("remote"), 4, 0)
    );
}

#[test]
fn pull_is_refused_whole_if_the_dataset_was_deleted_meanwhile() {
    let s = store();
    put(&s, "a", Some("1"));
    let snap = s.snapshot("id", "d", 0).unwrap();
    s.delete_dataset("id", "d", 0).unwrap();
    let out = s.apply_pull("id", "d", snap.generation, &[], 9, 0).unwrap();
    assert!(!out.applied);
    assert_eq!(
        s.dataset_info("id", "d").unwrap().unwrap().last_sync_count,
        0
    );
}

#[test]
fn push_result_keeps_a_newer_local_write() {
    let s = store();
    put(&s, "a", Some("1"));
    put(&s, "b", Some("1"));
    let dirty = s.dirty_set("id", "d").unwrap().unwrap();
    let sent: HashMap<String, _> = dirty
        .rows
        .iter()
        .map(|r| (r.key.clone(), r.clone()))
        .collect();
    put(&s, "b", Some("2")); // written while the push was on the wire
    let returned = [remote("a", "1", 1), remote("b", "1", 1)];
    let out = s
        .apply_push(
            "id",
            "d",
            dirty.generation,
            &Pushed {
                sent: &sent,
                returned: &returned,
                fast_forward: Some((0, 1)),
            },
            0,
        )
        .unwrap();
    assert_eq!(
        (out.acknowledged, out.rebased, out.fast_forwarded),
        (1, 1, true)
    );
    let a = s.row("id", "d", "a").unwrap().unwrap();
    assert_eq!((a.sync_count, a.dirty), (1, 0));
    let b = s.row("id", "d", "b").unwrap().unwrap();
    assert_eq!((b.value.as_deref(), b.sync_count), (Some("2"), 1));
    assert!(b.dirty > 0, "the newer write is still to be pushed");
}

#[test]
fn local_delete_then_write_becomes_a_new_dataset() {
    let s = store();
    put(&s, "old", Some("1"));
    s.delete_dataset("id", "d", 0).unwrap();
    assert!(s.get_all("id", "d").unwrap().is_empty());
    let g = s.snapshot("id", "d", 0).unwrap().generation;
    assert_eq!(s.finish_local_delete("id", "d", g).unwrap(), Some(true));
    assert!(s.dataset_info("id", "d").unwrap().is_none());
    put(&s, "new", Some("2"));
    s.delete_dataset("id", "d", 0).unwrap();
    put(&s, "newer", Some("3"));
    let g = s.snapshot("id", "d", 0).unwrap().generation;
    assert_eq!(s.finish_local_delete("id", "d", g).unwrap(), Some(false));
    let info = s.dataset_info("id", "d").unwrap().unwrap();
    assert!(!info.pending_delete);
    assert_eq!(s.get_all("id", "d").unwrap().len(), 1);
}

#[test]
fn identity_move_is_all_or_nothing() {
    let s = store();
    put(&s, "k", Some("v"));
    s.write(
        "id",
        "other",
        &[("x".into(), Some("y".into()))],
        0,
        &Limits::default(),
    )
    .unwrap();
    s.write(
        "target",
        "d",
        &[("t".into(), Some("t".into()))],
        0,
        &Limits::default(),
    )
    .unwrap();
    let e = s
        .switch_identity(Some("id"), "target", Transfer::Move(OnCollision::Fail), 0)
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::IdentityCollision);
    assert_eq!(s.active_identity().unwrap(), None);
    assert_eq!(s.get_all("id", "other").unwrap().len(), 1);
    let out = s
        .switch_identity(
            Some("id"),
            "target",
            Transfer::Move(OnCollision::LeaveBehind),
            0,
        )
        .unwrap();
    assert_eq!(out.moved, vec!["other".to_string()]);
    assert_eq!(out.left_behind, vec!["d".to_string()]);
    assert_eq!(s.active_identity().unwrap().as_deref(), Some("target"));
    let moved = s.row("target", "other", "x").unwrap().unwrap();
    assert_eq!((moved.sync_count, moved.dirty > 0), (0, true));
    assert_eq!(s.size_and_count("target", "other").unwrap(), (2, 1));
}

#[test]
fn limits_refuse_growth_but_allow_shrinking() {
    let s = store();
    let small = Limits {
        max_dataset_bytes: 10,
        max_records: 2,
        ..Limits::default()
    };
    let w = |key: &str, v: Option<&str>| {
        s.write("id", "d", &[(key.into(), v.map(str::to_owned))], 0, &small)
    };
    w("a", Some("1234")).unwrap();
    assert_eq!(
        w("b", Some("123456")).unwrap_err().kind(),
        ErrorKind::LimitExceeded
    );
    w("b", Some("1")).unwrap();
    assert_eq!(
        w("c", Some("")).unwrap_err().kind(),
        ErrorKind::LimitExceeded
    );
    w("a", Some("12")).unwrap();
    w("a", None).unwrap();
    assert_eq!(s.size_and_count("id", "d").unwrap(), (2, 1));
}
