//! One test per bug of the old SDKs' sync managers listed in SYNC-ENGINE.md (§6 and the
//! code-level defects), each named after the bug, each showing we don't have it.
//! Bugs covered by unit tests instead (no way to provoke them through the emulator):
//! `bug_android_on_upgrade_wipes_all_data` (core/src/sync/store/schema.rs) and
//! `bug_net430_conflict_reported_as_400_invalid_parameter` (core/src/sync/remote.rs).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "a test crate: a failed step fails the test"
)]

mod sync_support;

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use cognito_sync::credentials::CognitoIdentityProvider;
use cognito_sync::model::RecordPatch;
use cognito_sync::sync::{
    ChangeSource, Conflict, ConflictPolicy, DatasetDeletedAction, ErrorKind, Event, FnIdentity,
    IdentitySwitch, Resolution, SyncManager, SyncPhase, UNRESOLVED_IDENTITY,
};
use sync_support::{new_identity, on_phase, run_aside, DeviceOptions, Env, EventLog};

fn map(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

// ---------------------------------------------------------------- conflicts, sync counts

/// aws-sdk-net#391: a record modified locally, equal in value to the service's but with
/// another sync count, gave a 409 on every push ("Current SyncCount for: K is: 2 not:
/// 1") while success was reported. Equal values are never a conflict here, and the
/// record heals without any push.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bug_net391_perpetual_409_when_equal_value_has_stale_sync_count() {
    let env = Env::start().await;
    let id = new_identity();
    let clock = sync_support::logical_clock(Arc::new(std::sync::atomic::AtomicU64::new(0)));
    let opts = || DeviceOptions {
        clock: Some(clock.clone()),
        ..DeviceOptions::default()
    };
    let (a, b) = (env.device_with(&id, opts()), env.device_with(&id, opts()));
    let (da, db) = (a.open_dataset("s").unwrap(), b.open_dataset("s").unwrap());
    db.put("k", "same").unwrap();
    da.put("k", "same").unwrap();
    da.synchronize().await.unwrap();
    let updates = env.count_requests("UpdateRecords");
    let r = db.synchronize().await.unwrap();
    assert_eq!((r.conflicts, r.pushed), (0, 0));
    assert_eq!(updates.count(), 0, "healed without pushing");
    assert!(!db.has_unsynced_changes().unwrap());
    assert_eq!(
        db.get_record("k").unwrap().unwrap().sync_count,
        env.raw().sync_count(&id, "s", "k").await
    );
    // The same value written later here is no conflict either; it is pushed once so
    // its later time reaches the service (last-writer-wins stays exact).
    db.put("k", "again").unwrap();
    da.put("k", "again").unwrap();
    db.synchronize().await.unwrap();
    let r = da.synchronize().await.unwrap();
    assert_eq!((r.conflicts, r.pushed, r.attempts), (0, 1, 1));
    db.synchronize().await.unwrap();
    assert!(!da.has_unsynced_changes().unwrap() && !db.has_unsynced_changes().unwrap());
    // A push whose reply was lost: the service has our value, we still think it dirty.
    da.put("k", "lost-reply").unwrap();
    let rec = da.get_record("k").unwrap().unwrap();
    env.raw()
        .write(
            &id,
            "s",
            vec![RecordPatch::replace("k", "lost-reply", rec.sync_count)
                .with_device_last_modified_date(rec.device_last_modified.unwrap())],
        )
        .await;
    let before = updates.count();
    let r = da.synchronize().await.unwrap();
    assert_eq!(updates.count(), before, "healed without pushing");
    assert_eq!((r.conflicts, r.pushed), (0, 0));
    assert!(!da.has_unsynced_changes().unwrap());
    da.put("k", "next").unwrap();
    da.synchronize().await.unwrap();
    assert_eq!(env.server_state(&id, "s").await, map(&[("k", "next")]));
}

/// aws-sdk-unity#94: "No such SyncCount: N exists for this Dataset" when the local count
/// is ahead of the service's; the device stayed stuck whatever the user wiped. Here the
/// synchronize resets to a full pull and succeeds, keeping unsynced local changes.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bug_unity94_no_such_sync_count_stuck_forever() {
    let env = Env::start().await;
    let id = new_identity();
    let dir = std::env::temp_dir().join(format!("cs-sync-{}", new_identity().replace(':', "_")));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("store.db");
    let device = |env: &Env| {
        env.device_with(
            &id,
            DeviceOptions {
                path: Some(path.clone()),
                ..DeviceOptions::default()
            },
        )
    };
    {
        let a = device(&env);
        let d = a.open_dataset("save").unwrap();
        for i in 0..5 {
            d.put("level", &i.to_string()).unwrap();
            d.synchronize().await.unwrap();
        }
        assert!(d.info().unwrap().last_sync_count >= 5);
    }
    // The service loses its history; another device writes once (count 1).
    let env = env.restart_empty().await;
    env.raw().put(&id, "save", "other", "x").await;
    let a = device(&env);
    let d = a.open_dataset("save").unwrap();
    d.put("mine", "kept").unwrap();
    let r = d.synchronize().await.unwrap();
    assert!(r.requests >= 2);
    assert_eq!(
        env.server_state(&id, "save").await,
        map(&[("mine", "kept"), ("other", "x")])
    );
    // "level" was synced before, the service no longer has it: the service wins.
    assert_eq!(
        d.get_all().unwrap(),
        map(&[("mine", "kept"), ("other", "x")])
    );
    d.synchronize().await.unwrap();
    std::fs::remove_dir_all(&dir).ok();
}

/// aws-sdk-unity#48 (and aws-sdk-android#3515): when the conflict retries ran out no
/// failure event fired and the dataset stayed stuck. Here the synchronize fails with
/// ConflictRetriesExhausted and exactly one SyncFailed event; the local change is kept
/// and the next synchronize delivers it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bug_unity48_retries_exhausted_without_failure_event() {
    let env = Env::start().await;
    let id = new_identity();
    // Local wins, so every attempt pushes again (under last-writer-wins the other
    // writer's later value would simply be taken).
    let a = env.device_with(
        &id,
        DeviceOptions {
            policy: ConflictPolicy::LocalWins,
            ..DeviceOptions::default()
        },
    );
    let d = a.open_dataset("s").unwrap();
    d.put("k", "v0").unwrap();
    d.synchronize().await.unwrap();
    d.put("k", "mine").unwrap();
    // Another writer changes the key between every pull and push of ours.
    let raw = env.raw();
    let (id2, n) = (id.clone(), Arc::new(AtomicUsize::new(0)));
    let n2 = n.clone();
    let listener = on_phase(&a, SyncPhase::Pushing, usize::MAX, move || {
        let (raw, id) = (raw.clone(), id2.clone());
        let i = n2.fetch_add(1, Ordering::SeqCst);
        run_aside(async move { raw.put(&id, "s", "k", &format!("theirs{i}")).await });
    });
    let log = EventLog::attach(&a);
    let e = d.synchronize().await.unwrap_err();
    assert_eq!(e.kind(), ErrorKind::ConflictRetriesExhausted);
    assert_eq!(log.sync_counts(), (1, 0, 1));
    assert_eq!(
        n.load(Ordering::SeqCst),
        5,
        "the default 5 attempts were made"
    );
    assert!(d.has_unsynced_changes().unwrap());
    assert_eq!(d.get("k").unwrap().as_deref(), Some("mine"));
    a.unsubscribe(listener);
    d.synchronize().await.unwrap();
    assert_eq!(env.server_state(&id, "s").await, map(&[("k", "mine")]));
}

/// amazon-cognito-js#31: a 409 on the second synchronize of a simple two-key dataset.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bug_js31_conflict_on_second_sync_of_two_keys() {
    let env = Env::start().await;
    let id = new_identity();
    let (a, b) = (env.device(&id), env.device(&id));
    let (da, db) = (a.open_dataset("s").unwrap(), b.open_dataset("s").unwrap());
    da.put_all([("a", Some("1")), ("b", Some("2"))]).unwrap();
    for round in 0..4 {
        let r = da.synchronize().await.unwrap();
        assert_eq!(r.conflicts, 0, "round {round}");
        assert_eq!(r.attempts, 1, "round {round}");
        db.synchronize().await.unwrap();
        da.put("a", &format!("a{round}")).unwrap();
        db.put("b", &format!("b{round}")).unwrap();
        db.synchronize().await.unwrap();
    }
    da.synchronize().await.unwrap();
    db.synchronize().await.unwrap();
    assert_eq!(da.get_all().unwrap(), db.get_all().unwrap());
    assert_eq!(da.get_all().unwrap(), map(&[("a", "a3"), ("b", "b3")]));
}

/// amazon-cognito-js#65: no way to "force get all records" after a failure. Here
/// full_resync pulls everything again, drops what the service no longer has, and keeps
/// unsynced local changes.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bug_js65_no_way_to_force_a_full_resync() {
    let env = Env::start().await;
    let id = new_identity();
    let a = env.device(&id);
    let d = a.open_dataset("s").unwrap();
    d.put_all([("a", Some("1")), ("b", Some("2"))]).unwrap();
    d.synchronize().await.unwrap();
    d.put("local", "unsynced").unwrap();
    env.raw().put(&id, "s", "c", "3").await;
    let r = d.full_resync().await.unwrap();
    assert!(r.requests >= 2);
    assert_eq!(
        d.get_all().unwrap(),
        map(&[("a", "1"), ("b", "2"), ("c", "3"), ("local", "unsynced")])
    );
    assert_eq!(env.server_state(&id, "s").await, d.get_all().unwrap());
}

/// amazon-cognito-js#67: changes from another device stopped arriving although success
/// was reported: the JS SDK fast-forwarded its sync count to the highest count its own
/// push got, skipping records others wrote between its pull and its push.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bug_js67_changes_from_other_devices_stop_arriving() {
    let env = Env::start().await;
    let id = new_identity();
    let a = env.device(&id);
    let d = a.open_dataset("s").unwrap();
    d.put("mine", "1").unwrap();
    d.synchronize().await.unwrap();
    d.put("mine", "2").unwrap();
    let (raw, id2) = (env.raw(), id.clone());
    on_phase(&a, SyncPhase::Pushing, 1, move || {
        let (raw, id) = (raw.clone(), id2.clone());
        run_aside(async move { raw.put(&id, "s", "theirs", "x").await });
    });
    d.synchronize().await.unwrap();
    assert_eq!(d.get("theirs").unwrap(), None, "written after our pull");
    let r = d.synchronize().await.unwrap();
    assert_eq!(r.changed_keys, vec!["theirs".to_string()]);
    assert_eq!(d.get("theirs").unwrap().as_deref(), Some("x"));
}

// ------------------------------------------------------------------------------ deletes

/// amazon-cognito-js#44: a record removed remotely (e.g. by a Lambda) was left locally
/// with an empty-string value instead of being removed. An empty string is a value
/// here, distinct from a removal, both ways.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bug_js44_remote_removal_leaves_an_empty_string() {
    let env = Env::start().await;
    let id = new_identity();
    let (a, b) = (env.device(&id), env.device(&id));
    let (da, db) = (a.open_dataset("s").unwrap(), b.open_dataset("s").unwrap());
    da.put_all([("gone", Some("x")), ("empty", Some(""))])
        .unwrap();
    da.synchronize().await.unwrap();
    db.synchronize().await.unwrap();
    assert_eq!(db.get("empty").unwrap().as_deref(), Some(""));
    let count = env.raw().sync_count(&id, "s", "gone").await;
    env.raw()
        .write(&id, "s", vec![RecordPatch::remove("gone", count)])
        .await;
    db.synchronize().await.unwrap();
    assert_eq!(db.get("gone").unwrap(), None);
    assert!(db.get_record("gone").unwrap().unwrap().is_removed());
    assert_eq!(db.get_all().unwrap(), map(&[("empty", "")]));
}

/// amazon-cognito-js#61: a removed key could not be added back (callbacks never fired).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bug_js61_removed_key_cannot_be_added_back() {
    let env = Env::start().await;
    let id = new_identity();
    let (a, b) = (env.device(&id), env.device(&id));
    let (da, db) = (a.open_dataset("s").unwrap(), b.open_dataset("s").unwrap());
    da.put("k", "1").unwrap();
    da.synchronize().await.unwrap();
    da.remove("k").unwrap();
    da.synchronize().await.unwrap();
    db.synchronize().await.unwrap();
    assert_eq!(db.get("k").unwrap(), None);
    da.put("k", "back").unwrap();
    da.synchronize().await.unwrap();
    let log = EventLog::attach(&b);
    db.synchronize().await.unwrap();
    assert_eq!(db.get("k").unwrap().as_deref(), Some("back"));
    assert!(log.events().iter().any(|e| matches!(
        e,
        Event::Changed { source: ChangeSource::Remote, keys, .. } if keys == &vec!["k".to_string()]
    )));
    // And from the device that saw only the removal.
    db.remove("k").unwrap();
    db.synchronize().await.unwrap();
    db.put("k", "again").unwrap();
    db.synchronize().await.unwrap();
    da.synchronize().await.unwrap();
    assert_eq!(da.get("k").unwrap().as_deref(), Some("again"));
}

/// amazon-cognito-js#49: synchronize hung when every record was deleted.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bug_js49_sync_hangs_when_every_record_was_deleted() {
    let env = Env::start().await;
    let id = new_identity();
    let (a, b) = (env.device(&id), env.device(&id));
    let (da, db) = (a.open_dataset("s").unwrap(), b.open_dataset("s").unwrap());
    da.put_all([("x", Some("1")), ("y", Some("2"))]).unwrap();
    da.synchronize().await.unwrap();
    da.put_all([("x", None::<&str>), ("y", None)]).unwrap();
    let r = tokio::time::timeout(Duration::from_secs(10), da.synchronize())
        .await
        .expect("does not hang")
        .unwrap();
    assert_eq!(r.pushed, 2);
    tokio::time::timeout(Duration::from_secs(10), db.synchronize())
        .await
        .expect("does not hang")
        .unwrap();
    assert!(db.get_all().unwrap().is_empty());
    assert!(env.server_state(&id, "s").await.is_empty());
}

/// amazon-cognito-js: `putRecords([])` never invoked its callback. A synchronize with
/// nothing to pull and nothing to push completes, with one request.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bug_js_empty_put_records_never_completes() {
    let env = Env::start().await;
    let a = env.device(&new_identity());
    let d = a.open_dataset("empty").unwrap();
    let r = tokio::time::timeout(Duration::from_secs(10), d.synchronize())
        .await
        .expect("does not hang")
        .unwrap();
    assert_eq!((r.requests, r.pushed), (1, 0));
}

/// amazon-cognito-js#4: a dataset deleted and re-created in the console broke the
/// client. Here the device reports the remote deletion, takes the re-created content,
/// and keeps (and pushes) its unsynced changes.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bug_js4_dataset_deleted_and_recreated_in_the_console() {
    let env = Env::start().await;
    let id = new_identity();
    let a = env.device(&id);
    let d = a.open_dataset("s").unwrap();
    d.put_all([("old", Some("1")), ("shared", Some("a"))])
        .unwrap();
    d.synchronize().await.unwrap();
    d.put("unsynced", "mine").unwrap();
    let raw = env.raw();
    raw.delete_dataset(&id, "s").await;
    raw.write(&id, "s", vec![RecordPatch::replace("new", "2", 0)])
        .await;
    let r = d.synchronize().await.unwrap();
    assert!(r.deleted_remotely);
    assert!(!r.deleted);
    let want = map(&[("new", "2"), ("unsynced", "mine")]);
    assert_eq!(d.get_all().unwrap(), want);
    assert_eq!(env.server_state(&id, "s").await, want);
    let r = d.synchronize().await.unwrap();
    assert!(!r.deleted_remotely);
}

/// aws-sdk-net: with no OnDatasetDeleted delegate set, a remotely deleted dataset
/// invoked a null delegate; Android's default callback cancelled every sync until the
/// app handled it. With no handler set here, the documented default applies.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bug_net_null_delegate_on_remote_deletion() {
    let env = Env::start().await;
    let id = new_identity();
    let a = env.device(&id);
    let d = a.open_dataset("s").unwrap();
    d.put("k", "v").unwrap();
    d.synchronize().await.unwrap();
    env.raw().delete_dataset(&id, "s").await;
    let r = d.synchronize().await.unwrap();
    assert!(r.deleted_remotely);
    assert!(
        d.get_all().unwrap().is_empty(),
        "synced data follows the deletion"
    );
    assert!(env.raw().dataset_names(&id).await.is_empty());
    // Subsequent synchronizes are plain successes.
    let r = d.synchronize().await.unwrap();
    assert!(!r.deleted_remotely);
}

/// Android: `onDatasetDeleted` returning false (its default) failed every synchronize
/// until the app handled the callback; iOS gave the boolean the opposite meaning. The
/// handler here returns an action with one meaning, and each action works.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bug_android_remote_deletion_fails_every_sync_until_handled() {
    for action in [
        DatasetDeletedAction::DeleteLocal,
        DatasetDeletedAction::KeepUnsynced,
        DatasetDeletedAction::RestoreFromLocal,
    ] {
        let env = Env::start().await;
        let id = new_identity();
        let a = env.device(&id);
        let calls = Arc::new(AtomicUsize::new(0));
        let c = calls.clone();
        a.set_dataset_deleted_handler(Some(Arc::new(move |_id: &str, ds: &str| {
            assert_eq!(ds, "s");
            c.fetch_add(1, Ordering::SeqCst);
            action
        })));
        let d = a.open_dataset("s").unwrap();
        d.put("synced", "1").unwrap();
        d.synchronize().await.unwrap();
        d.put("unsynced", "2").unwrap();
        env.raw().delete_dataset(&id, "s").await;
        let r = d.synchronize().await.unwrap();
        assert_eq!(calls.load(Ordering::SeqCst), 1, "{action:?}");
        assert!(r.deleted_remotely);
        let (local, remote) = match action {
            DatasetDeletedAction::DeleteLocal => (map(&[]), map(&[])),
            DatasetDeletedAction::KeepUnsynced => {
                (map(&[("unsynced", "2")]), map(&[("unsynced", "2")]))
            }
            _ => (
                map(&[("synced", "1"), ("unsynced", "2")]),
                map(&[("synced", "1"), ("unsynced", "2")]),
            ),
        };
        assert_eq!(d.get_all().unwrap(), local, "{action:?}");
        assert_eq!(env.server_state(&id, "s").await, remote, "{action:?}");
        assert_eq!(r.deleted, action == DatasetDeletedAction::DeleteLocal);
        d.synchronize().await.unwrap();
        assert_eq!(calls.load(Ordering::SeqCst), 1, "{action:?}: handled once");
    }
}

/// aws-sdk-net: after a local delete (`lastSyncCount == -1`) the success branch had no
/// `return` and fell through into ListRecords with -1. Here the deletion reaches the
/// service, nothing else is sent, and the name can be used again afterwards.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bug_net_local_delete_falls_through_into_list_records() {
    let env = Env::start().await;
    let id = new_identity();
    let a = env.device(&id);
    let d = a.open_dataset("s").unwrap();
    d.put("k", "v").unwrap();
    d.synchronize().await.unwrap();
    d.delete().unwrap();
    assert!(d.get_all().unwrap().is_empty());
    assert!(d.has_unsynced_changes().unwrap());
    assert!(a.list_datasets().unwrap().is_empty());
    let lists = env.count_requests("ListRecords");
    let r = d.synchronize().await.unwrap();
    assert!(r.deleted);
    assert_eq!(r.requests, 1);
    assert_eq!(lists.count(), 0);
    assert!(env.raw().dataset_names(&id).await.is_empty());
    assert!(!a.has_unsynced_changes().unwrap());
    assert!(!d.has_unsynced_changes().unwrap());
    assert_eq!(d.info().unwrap().record_count, 0);
    assert!(
        a.list_datasets().unwrap().is_empty(),
        "reading does not re-create it"
    );
    // Re-created after the deletion.
    d.put("k2", "new").unwrap();
    d.synchronize().await.unwrap();
    assert_eq!(env.server_state(&id, "s").await, map(&[("k2", "new")]));
    // Deleted then written again before syncing: the old content goes, the new stays.
    d.delete().unwrap();
    d.put("k3", "newer").unwrap();
    d.synchronize().await.unwrap();
    assert_eq!(env.server_state(&id, "s").await, map(&[("k3", "newer")]));
    assert_eq!(d.get_all().unwrap(), map(&[("k3", "newer")]));
}

// ---------------------------------------------------------------- identities and merges

/// aws-sdk-unity#60 (and aws-sdk-unity-samples#8): going from an unauthenticated to an
/// authenticated identity made local data disappear, then duplicate on each save. Here
/// the move is explicit and transactional, and the data is there exactly once.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bug_unity60_unauth_to_auth_data_disappears_then_duplicates() {
    let env = Env::start().await;
    let (guest, account) = (new_identity(), new_identity());
    let m = env.device(&guest);
    let d = m.open_dataset("save").unwrap();
    d.put_all([("level", Some("7")), ("gold", Some("30"))])
        .unwrap();
    d.synchronize().await.unwrap();
    let report = m
        .switch_identity(&account, IdentitySwitch::MoveData)
        .unwrap();
    assert_eq!(report.moved, vec!["save".to_string()]);
    assert_eq!(
        d.get("level").unwrap_err().kind(),
        ErrorKind::IdentityChanged
    );
    let d = m.open_dataset("save").unwrap();
    assert_eq!(d.get_all().unwrap(), map(&[("gold", "30"), ("level", "7")]));
    d.synchronize().await.unwrap();
    d.put("level", "8").unwrap();
    d.synchronize().await.unwrap();
    assert_eq!(
        env.server_state(&account, "save").await,
        map(&[("gold", "30"), ("level", "8")])
    );
    assert_eq!(m.list_datasets().unwrap().len(), 1);
    assert_eq!(m.identities().unwrap(), vec![account.clone()]);
    // The guest's service data is untouched.
    assert_eq!(
        env.server_state(&guest, "save").await,
        map(&[("gold", "30"), ("level", "7")])
    );
}

/// aws-sdk-net#382: switching Facebook accounts A to B pushed A's data into B.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bug_net382_switching_accounts_pushes_a_data_into_b() {
    let env = Env::start().await;
    let (ida, idb) = (new_identity(), new_identity());
    let m = env.device(&ida);
    let d = m.open_dataset("save").unwrap();
    d.put("owner", "alice").unwrap();
    d.synchronize().await.unwrap();
    d.put("unsynced", "alice-too").unwrap();
    m.switch_identity(&idb, IdentitySwitch::KeepSeparate)
        .unwrap();
    let db = m.open_dataset("save").unwrap();
    assert!(db.get_all().unwrap().is_empty());
    db.put("owner", "bob").unwrap();
    db.synchronize().await.unwrap();
    assert_eq!(
        env.server_state(&idb, "save").await,
        map(&[("owner", "bob")])
    );
    // Back to A: its data, unsynced change included, is intact and syncs to A only.
    m.switch_identity(&ida, IdentitySwitch::KeepSeparate)
        .unwrap();
    let da = m.open_dataset("save").unwrap();
    da.synchronize().await.unwrap();
    assert_eq!(
        env.server_state(&ida, "save").await,
        map(&[("owner", "alice"), ("unsynced", "alice-too")])
    );
    assert_eq!(
        env.server_state(&idb, "save").await,
        map(&[("owner", "bob")])
    );
}

/// aws-sdk-net#415: a login added mid-sync made the sync read the old identity's
/// lastSyncCount and then call ListRecords under the new identity. Here a run is pinned
/// to the identity resolved before it read anything; the next run refuses the new
/// identity until the host switches explicitly.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bug_net415_login_mid_sync_mixes_identities() {
    let env = Env::start().await;
    let (old, new) = (new_identity(), new_identity());
    let current = Arc::new(Mutex::new(old.clone()));
    let c = current.clone();
    let m = SyncManager::builder()
        .client(env.client(3))
        .identity_pool_id(&env.pool)
        .identity_source(Arc::new(FnIdentity(move || Ok(c.lock().unwrap().clone()))))
        .build()
        .unwrap();
    let d = m.open_dataset("s").unwrap();
    d.put("k", "old-data").unwrap();
    let c = current.clone();
    let new2 = new.clone();
    on_phase(&m, SyncPhase::Pulling, 1, move || {
        *c.lock().unwrap() = new2.clone();
    });
    let r = d.synchronize().await.unwrap();
    assert_eq!(r.identity_id, old);
    assert_eq!(env.server_state(&old, "s").await, map(&[("k", "old-data")]));
    assert!(env.server_state(&new, "s").await.is_empty());
    d.put("k", "still-old").unwrap();
    let e = d.synchronize().await.unwrap_err();
    assert_eq!(e.kind(), ErrorKind::IdentityChanged);
    assert_eq!(env.server_state(&old, "s").await, map(&[("k", "old-data")]));
    assert!(env.server_state(&new, "s").await.is_empty());
    m.switch_identity(&new, IdentitySwitch::KeepSeparate)
        .unwrap();
    let d = m.open_dataset("s").unwrap();
    d.put("k", "new-data").unwrap();
    assert_eq!(d.synchronize().await.unwrap().identity_id, new);
    assert_eq!(env.server_state(&new, "s").await, map(&[("k", "new-data")]));
}

/// amazon-cognito-unity PR#6: the first synchronize after data was re-parented from the
/// "unknown" identity failed and values read empty. Here data written before any
/// identity id was known is adopted by the first identity resolved, readable through
/// the same handle, and pushed.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bug_unity_pr6_first_sync_after_reparenting_from_unknown() {
    let env = Env::start().await;
    let id = new_identity();
    let id2 = id.clone();
    let m = SyncManager::builder()
        .client(env.client(3))
        .identity_pool_id(&env.pool)
        .identity_source(Arc::new(FnIdentity(move || Ok(id2.clone()))))
        .build()
        .unwrap();
    assert_eq!(m.identity_id(), UNRESOLVED_IDENTITY);
    let d = m.open_dataset("save").unwrap();
    d.put("level", "1").unwrap();
    let r = d.synchronize().await.unwrap();
    assert_eq!(r.identity_id, id);
    assert_eq!(r.pushed, 1);
    assert_eq!(m.identity_id(), id);
    assert_eq!(d.get("level").unwrap().as_deref(), Some("1"));
    assert_eq!(env.server_state(&id, "save").await, map(&[("level", "1")]));
    assert_eq!(m.identities().unwrap(), vec![id]);
}

async fn identity_with_login(env: &Env, logins: &[(&str, &str)]) -> String {
    let mut b = CognitoIdentityProvider::builder()
        .identity_pool_id(&env.pool)
        .region("us-east-1")
        .endpoint_url(env.emu.endpoint());
    for (p, t) in logins {
        b = b.login(*p, *t);
    }
    b.build().unwrap().identity_id().await.unwrap()
}

/// aws-sdk-net#360 / PR#414, amazon-cognito-js#34: after an identity merge, merged
/// datasets accumulated, and answering "continue" to onDatasetsMerged burned every
/// retry ("exceeded maximum retry count"). Here merged datasets are reported (event,
/// handler, report) without costing an attempt; once the app has copied and deleted
/// them the report stops.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bug_js34_net360_merged_datasets_exhaust_retries_and_accumulate() {
    let env = Env::start().await;
    let alice = identity_with_login(&env, &[("provider.one", "alice")]).await;
    let bob = identity_with_login(&env, &[("provider.two", "bob")]).await;
    env.raw().put(&alice, "save", "level", "10").await;
    env.raw().put(&bob, "save", "level", "3").await;
    let merged =
        identity_with_login(&env, &[("provider.one", "alice"), ("provider.two", "bob")]).await;
    assert_eq!(merged, alice);
    let m = env.device(&alice);
    let seen = Arc::new(Mutex::new(Vec::new()));
    let s = seen.clone();
    m.set_datasets_merged_handler(Some(Arc::new(
        move |_id: &str, ds: &str, names: &[String]| {
            s.lock().unwrap().push((ds.to_string(), names.to_vec()));
        },
    )));
    let d = m.open_dataset("save").unwrap();
    let r = d.synchronize().await.unwrap();
    let merged_name = format!("save.{bob}");
    assert_eq!(r.merged_datasets, vec![merged_name.clone()]);
    assert_eq!(r.attempts, 1);
    assert_eq!(d.get("level").unwrap().as_deref(), Some("10"));
    assert_eq!(seen.lock().unwrap().len(), 1);
    // The app reads the merged dataset, keeps the best level, deletes the copy.
    let other = m.open_dataset(&merged_name).unwrap();
    other.synchronize().await.unwrap();
    assert_eq!(other.get("level").unwrap().as_deref(), Some("3"));
    other.delete().unwrap();
    other.synchronize().await.unwrap();
    let r = d.synchronize().await.unwrap();
    assert!(r.merged_datasets.is_empty());
    assert_eq!(
        env.raw().dataset_names(&alice).await,
        vec!["save".to_string()]
    );
}

/// aws-sdk-net#1025, amazon-cognito-js#27, aws-sdk-ios#658: several users on one device
/// saw each other's data, or a dataset opened under the previous user's id.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bug_net1025_js27_ios658_several_users_on_one_device() {
    let env = Env::start().await;
    let (u1, u2) = (new_identity(), new_identity());
    let m = env.device(&u1);
    let d1 = m.open_dataset("prefs").unwrap();
    d1.put("name", "one").unwrap();
    m.switch_identity(&u2, IdentitySwitch::KeepSeparate)
        .unwrap();
    // A handle opened for the previous user refuses to read or write.
    assert_eq!(
        d1.put("name", "leak").unwrap_err().kind(),
        ErrorKind::IdentityChanged
    );
    assert_eq!(
        d1.synchronize().await.unwrap_err().kind(),
        ErrorKind::IdentityChanged
    );
    let d2 = m.open_dataset("prefs").unwrap();
    assert_eq!(d2.get("name").unwrap(), None);
    d2.put("name", "two").unwrap();
    d2.synchronize().await.unwrap();
    m.switch_identity(&u1, IdentitySwitch::KeepSeparate)
        .unwrap();
    let d1 = m.open_dataset("prefs").unwrap();
    assert_eq!(d1.get("name").unwrap().as_deref(), Some("one"));
    d1.synchronize().await.unwrap();
    assert_eq!(
        env.server_state(&u1, "prefs").await,
        map(&[("name", "one")])
    );
    assert_eq!(
        env.server_state(&u2, "prefs").await,
        map(&[("name", "two")])
    );
}

/// aws-sdk-unity#30: "UNIQUE constraint failed" when switching identities back and
/// forth (the Android copy did a plain INSERT over an existing dataset). Here moving
/// onto an existing dataset is refused as a whole, with the names, and nothing changes.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bug_unity30_unique_constraint_switching_identities_back_and_forth() {
    let env = Env::start().await;
    let (a, b) = (new_identity(), new_identity());
    let m = env.device(&a);
    m.open_dataset("save").unwrap().put("who", "a").unwrap();
    m.open_dataset("only_a").unwrap().put("x", "1").unwrap();
    for _ in 0..3 {
        m.switch_identity(&b, IdentitySwitch::KeepSeparate).unwrap();
        m.open_dataset("save").unwrap().put("who", "b").unwrap();
        m.switch_identity(&a, IdentitySwitch::KeepSeparate).unwrap();
    }
    let e = m.switch_identity(&b, IdentitySwitch::MoveData).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::IdentityCollision);
    assert_eq!(e.datasets(), ["save".to_string()]);
    assert_eq!(m.identity_id(), a, "nothing changed");
    assert_eq!(
        m.open_dataset("save")
            .unwrap()
            .get("who")
            .unwrap()
            .as_deref(),
        Some("a")
    );
    m.open_dataset("save").unwrap().delete().unwrap();
    m.synchronize("save").await.unwrap();
    let r = m.switch_identity(&b, IdentitySwitch::MoveData).unwrap();
    assert_eq!(r.moved, vec!["only_a".to_string()]);
    let names: Vec<String> = m
        .list_datasets()
        .unwrap()
        .into_iter()
        .map(|d| d.name)
        .collect();
    assert_eq!(names, vec!["only_a", "save"]);
}

// -------------------------------------------------- errors reported as success, offline

/// amazon-cognito-js#37: an expired session reported onSuccess with an empty dataset.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bug_js37_expired_session_reported_as_success() {
    let env = Env::start().await;
    let id = new_identity();
    let client = cognito_sync::Client::builder()
        .region("us-east-1")
        .endpoint_url(env.emu.endpoint())
        .credentials(cognito_sync::Credentials::new("test", "wrong-secret", None))
        .build()
        .unwrap();
    let m = SyncManager::builder()
        .client(client)
        .identity_pool_id(&env.pool)
        .identity_id(&id)
        .build()
        .unwrap();
    let log = EventLog::attach(&m);
    let d = m.open_dataset("s").unwrap();
    d.put("k", "v").unwrap();
    let e = d.synchronize().await.unwrap_err();
    assert_eq!(e.kind(), ErrorKind::NotAuthorized, "{e:?}");
    assert_eq!(log.sync_counts(), (1, 0, 1));
    assert_eq!(d.get("k").unwrap().as_deref(), Some("v"));
    assert!(d.has_unsynced_changes().unwrap());
    assert!(!format!("{e:?} {e}").contains("wrong-secret"));
}

/// amazon-cognito-js#30, aws-sdk-xamarin#31: an app started offline could not read its
/// local data because the identity id was resolved over the network first.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bug_js30_offline_start_cannot_read_local_data() {
    let env = Env::start().await;
    let id = new_identity();
    let dir = std::env::temp_dir().join(format!("cs-offline-{}", new_identity().replace(':', "_")));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("store.db");
    {
        let m = env.device_with(
            &id,
            DeviceOptions {
                path: Some(path.clone()),
                ..Default::default()
            },
        );
        let d = m.open_dataset("save").unwrap();
        d.put("level", "9").unwrap();
        d.synchronize().await.unwrap();
    }
    // Offline: a closed port, and an identity provider that cannot reach the network.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = closed.local_addr().unwrap().port();
    drop(closed);
    let client = cognito_sync::Client::builder()
        .region("us-east-1")
        .endpoint_url(format!("http://127.0.0.1:{port}"))
        .credentials(cognito_sync::Credentials::new("test", "test", None))
        .retry_config(cognito_sync::RetryConfig::standard().with_max_attempts(1))
        .build()
        .unwrap();
    let provider = CognitoIdentityProvider::builder()
        .identity_pool_id(&env.pool)
        .region("us-east-1")
        .endpoint_url(format!("http://127.0.0.1:{port}"))
        .retry_config(cognito_sync::RetryConfig::standard().with_max_attempts(1))
        .build()
        .unwrap();
    let m = SyncManager::builder()
        .client(client)
        .identity_pool_id(&env.pool)
        .identity_source(Arc::new(provider))
        .store_path(&path)
        .build()
        .unwrap();
    assert_eq!(m.identity_id(), id);
    let d = m.open_dataset("save").unwrap();
    assert_eq!(d.get("level").unwrap().as_deref(), Some("9"));
    d.put("level", "10").unwrap();
    let e = d.synchronize().await.unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Network, "{e:?}");
    assert_eq!(d.get("level").unwrap().as_deref(), Some("10"));
    drop(m);
    // Back online: the offline write goes out.
    let m = env.device_with(
        &id,
        DeviceOptions {
            path: Some(path.clone()),
            ..Default::default()
        },
    );
    m.synchronize("save").await.unwrap();
    assert_eq!(env.server_state(&id, "save").await, map(&[("level", "10")]));
    std::fs::remove_dir_all(&dir).ok();
}

/// amazon-cognito-js#6: a numeric value made every later synchronize fail until local
/// storage was cleared. Values are strings; any string round-trips.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bug_js6_numeric_value_breaks_every_sync() {
    let env = Env::start().await;
    let id = new_identity();
    let (a, b) = (env.device(&id), env.device(&id));
    let (da, db) = (a.open_dataset("s").unwrap(), b.open_dataset("s").unwrap());
    let values = [
        ("int", "42"),
        ("float", "3.14"),
        ("bool", "true"),
        ("null", "null"),
        ("empty", ""),
        ("json", "{\"a\":[1,2]}"),
        ("unicode", "héllo 🎮"),
        ("spaces", "  "),
    ];
    da.put_all(values.iter().map(|(k, v)| (*k, Some(*v))))
        .unwrap();
    da.synchronize().await.unwrap();
    db.synchronize().await.unwrap();
    assert_eq!(db.get_all().unwrap(), map(&values));
    da.put("int", "43").unwrap();
    da.synchronize().await.unwrap();
    db.synchronize().await.unwrap();
    assert_eq!(db.get("int").unwrap().as_deref(), Some("43"));
}

/// amazon-cognito-js#60: onSuccess reported 0 records although new records arrived.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bug_js60_success_reports_zero_records() {
    let env = Env::start().await;
    let id = new_identity();
    env.raw()
        .write(
            &id,
            "s",
            vec![
                RecordPatch::replace("a", "1", 0),
                RecordPatch::replace("b", "2", 0),
            ],
        )
        .await;
    let a = env.device(&id);
    let r = a.synchronize("s").await.unwrap();
    let mut keys = r.changed_keys.clone();
    keys.sort();
    assert_eq!(keys, vec!["a", "b"]);
}

// ---------------------------------------------------------- concurrency, storage, threads

/// aws-sdk-net PR#446 (and the Android pull-phase REPLACE race): a conditional put
/// overwrote a newer local value written during a synchronize. Here local writes made
/// during the pull and during the push both survive and are pushed.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bug_net446_conditional_put_overwrote_a_newer_local_value() {
    let env = Env::start().await;
    let id = new_identity();
    let clock = sync_support::logical_clock(Arc::new(std::sync::atomic::AtomicU64::new(0)));
    let opts = || DeviceOptions {
        clock: Some(clock.clone()),
        ..DeviceOptions::default()
    };
    let (a, b) = (env.device_with(&id, opts()), env.device_with(&id, opts()));
    let (da, db) = (a.open_dataset("s").unwrap(), b.open_dataset("s").unwrap());
    da.put("k", "1").unwrap();
    da.synchronize().await.unwrap();
    db.synchronize().await.unwrap();
    // During the push: "3" is written while "2" is on the wire.
    da.put("k", "2").unwrap();
    let d2 = da.clone();
    let l = on_phase(&a, SyncPhase::Pushing, 1, move || d2.put("k", "3").unwrap());
    da.synchronize().await.unwrap();
    a.unsubscribe(l);
    assert_eq!(da.get("k").unwrap().as_deref(), Some("3"));
    assert!(da.is_modified("k").unwrap());
    da.synchronize().await.unwrap();
    db.synchronize().await.unwrap();
    assert_eq!(db.get("k").unwrap().as_deref(), Some("3"));
    // During the pull: another device's value is arriving while "5" is written here.
    db.put("k", "4").unwrap();
    db.synchronize().await.unwrap();
    let d2 = da.clone();
    on_phase(&a, SyncPhase::Pulling, 1, move || d2.put("k", "5").unwrap());
    da.synchronize().await.unwrap();
    assert_eq!(da.get("k").unwrap().as_deref(), Some("5"));
    db.synchronize().await.unwrap();
    assert_eq!(db.get("k").unwrap().as_deref(), Some("5"));
    assert_eq!(env.server_state(&id, "s").await, map(&[("k", "5")]));
}

/// aws-sdk-net#488: SQLITE_BUSY crashed the app on first launch. Several managers open
/// one new file at once and write concurrently.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bug_net488_sqlite_busy_on_first_launch() {
    let dir = std::env::temp_dir().join(format!("cs-busy-{}", new_identity().replace(':', "_")));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("shared.db");
    let id = new_identity();
    let threads: Vec<_> = (0..6)
        .map(|t| {
            let (path, id) = (path.clone(), id.clone());
            std::thread::spawn(move || {
                let m = SyncManager::builder()
                    .store_path(&path)
                    .identity_id(&id)
                    .build()
                    .unwrap();
                let d = m.open_dataset("shared").unwrap();
                for i in 0..50 {
                    d.put(&format!("t{t}-{i}"), "v").unwrap();
                }
            })
        })
        .collect();
    for t in threads {
        t.join().unwrap();
    }
    let m = SyncManager::builder()
        .store_path(&path)
        .identity_id(&id)
        .build()
        .unwrap();
    assert_eq!(m.open_dataset("shared").unwrap().count().unwrap(), 300);
    std::fs::remove_dir_all(&dir).ok();
}

/// aws-sdk-unity#124: callbacks arrived on a thread that was not the main thread. The
/// host drains notifications on the thread of its choice (here a "game loop" thread).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bug_unity124_callbacks_on_the_wrong_thread() {
    let env = Env::start().await;
    let id = new_identity();
    let m = env.device(&id);
    let d = m.open_dataset("s").unwrap();
    d.put("k", "v").unwrap();
    let handle = d.synchronize_in_background();
    let m2 = m.clone();
    let game_loop = std::thread::spawn(move || {
        let me = std::thread::current().id();
        let mut seen = Vec::new();
        for _frame in 0..2000 {
            while let Some(e) = m2.poll_event() {
                seen.push((std::thread::current().id(), e));
            }
            if seen
                .iter()
                .any(|(_, e)| matches!(e, Event::SyncSucceeded { .. }))
            {
                break;
            }
            std::thread::sleep(Duration::from_millis(5));
        }
        (me, seen)
    });
    let (loop_thread, seen) = tokio::task::spawn_blocking(move || game_loop.join().unwrap())
        .await
        .unwrap();
    assert!(seen.iter().all(|(t, _)| *t == loop_thread));
    assert!(seen
        .iter()
        .any(|(_, e)| matches!(e, Event::SyncSucceeded { .. })));
    assert!(handle.try_result().unwrap().is_ok());
}

/// aws-sdk-ios#246: dataset metadata dates were always 1970.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bug_ios246_metadata_dates_always_1970() {
    let env = Env::start().await;
    let m = env.device(&new_identity());
    let d = m.open_dataset("s").unwrap();
    d.put("k", "v").unwrap();
    d.synchronize().await.unwrap();
    let info = d.info().unwrap();
    let y2020 = std::time::UNIX_EPOCH + Duration::from_secs(1_577_836_800);
    assert!(info.created > y2020);
    assert!(info.last_modified >= info.created);
    assert!(info.last_sync.unwrap() >= info.created);
    let rec = d.get_record("k").unwrap().unwrap();
    assert!(rec.last_modified.unwrap() > y2020);
    assert!(rec.device_last_modified.unwrap() > y2020);
    let remote = m.refresh_datasets().await.unwrap()[0]
        .remote
        .clone()
        .unwrap();
    assert!(remote.creation_date.unwrap() > y2020);
    assert!(remote.last_modified.unwrap() > y2020);
}

// -------------------------------------------------------------------- code-level defects

/// Android: when onConflict (or the merged-datasets pre-check) returned false the
/// synchronize ended with neither onSuccess nor onFailure. A resolver that aborts gives
/// exactly one failure here, and changes nothing.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bug_android_no_outcome_when_the_conflict_handler_declines() {
    let env = Env::start().await;
    let id = new_identity();
    let a = env.device(&id);
    let d = a.open_dataset("s").unwrap();
    d.put("k", "base").unwrap();
    d.synchronize().await.unwrap();
    env.raw().put(&id, "s", "k", "theirs").await;
    d.put("k", "mine").unwrap();
    a.set_conflict_policy(ConflictPolicy::custom(|_c: &Conflict| Resolution::Abort));
    let log = EventLog::attach(&a);
    let e = d.synchronize().await.unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Cancelled);
    assert_eq!(log.sync_counts(), (1, 0, 1));
    assert_eq!(d.get("k").unwrap().as_deref(), Some("mine"));
    // A panicking resolver is contained the same way.
    a.set_conflict_policy(ConflictPolicy::custom(|_c: &Conflict| -> Resolution {
        panic!("resolver bug")
    }));
    assert_eq!(
        d.synchronize().await.unwrap_err().kind(),
        ErrorKind::Cancelled
    );
    a.set_conflict_policy(ConflictPolicy::custom(|c: &Conflict| {
        Resolution::Value(format!(
            "{}+{}",
            c.local.value.as_deref().unwrap_or(""),
            c.remote.value.as_deref().unwrap_or("")
        ))
    }));
    let r = d.synchronize().await.unwrap();
    assert_eq!(r.conflicts, 1);
    assert_eq!(
        env.server_state(&id, "s").await,
        map(&[("k", "mine+theirs")])
    );
}

/// iOS: limit violations were dropped silently, and the record-count check was inverted
/// (at 1,024 records it blocked updates of existing keys and let new keys in).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bug_ios_limit_checks_fail_silently_and_record_count_inverted() {
    let env = Env::start().await;
    let m = env.device(&new_identity());
    let d = m.open_dataset("s").unwrap();
    assert_eq!(
        d.put("", "v").unwrap_err().kind(),
        ErrorKind::InvalidArgument
    );
    assert_eq!(
        d.put(&"k".repeat(1025), "v").unwrap_err().kind(),
        ErrorKind::InvalidArgument
    );
    assert_eq!(
        d.put("k", &"v".repeat(1_048_576)).unwrap_err().kind(),
        ErrorKind::LimitExceeded
    );
    assert_eq!(
        m.open_dataset("bad name").unwrap_err().kind(),
        ErrorKind::InvalidArgument
    );
    // 1 MB per dataset, counted as the service counts it.
    let big = "x".repeat(500_000);
    d.put("a", &big).unwrap();
    d.put("b", &big).unwrap();
    let e = d.put("c", &big).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::LimitExceeded);
    assert_eq!(d.get("c").unwrap(), None, "nothing written");
    assert_eq!(d.size_in_bytes().unwrap(), 1_000_002);
    d.synchronize().await.unwrap();
    d.put_all([("a", None::<&str>), ("b", None)]).unwrap();
    // 1,024 records: updates allowed, the 1,025th key refused.
    d.put_all((0..1024).map(|i| (format!("k{i}"), Some("v"))))
        .unwrap();
    d.put("k5", "updated").unwrap();
    assert_eq!(
        d.put("k1024", "v").unwrap_err().kind(),
        ErrorKind::LimitExceeded
    );
    d.synchronize().await.unwrap();
    // 20 datasets per identity.
    for i in 1..20 {
        m.open_dataset(&format!("d{i}")).unwrap();
    }
    assert_eq!(
        m.open_dataset("d20").unwrap_err().kind(),
        ErrorKind::LimitExceeded
    );
}

/// amazon-cognito-js: any push error was retried whatever it was (auth, validation...),
/// and a push error path had no `return`. Here a non-conflict push error fails the
/// synchronize at once, after exactly one UpdateRecords.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bug_js_push_error_retried_whatever_the_error() {
    let env = Env::start().await;
    let id = new_identity();
    let m = env.device(&id);
    let d = m.open_dataset("s").unwrap();
    d.put("k", "v").unwrap();
    let updates = env.count_requests("UpdateRecords");
    env.emu.faults().add(cognito_sync_local::FaultRule {
        operation: "UpdateRecords".into(),
        error_rate: 1.0,
        error: "LimitExceededException".into(),
        remaining: Some(1),
        ..Default::default()
    });
    let e = d.synchronize().await.unwrap_err();
    assert_eq!(e.kind(), ErrorKind::LimitExceeded);
    assert_eq!(e.code(), Some("LimitExceededException"));
    assert_eq!(updates.count(), 1);
    assert!(d.has_unsynced_changes().unwrap());
    d.synchronize().await.unwrap();
    assert_eq!(env.server_state(&id, "s").await, map(&[("k", "v")]));
}

/// Android `wipeData` deleted every identity's rows and nothing warned about unsynced
/// changes. Here the host can ask first, and wipe one identity or all.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bug_android_wipe_without_an_unsynced_changes_guard() {
    let (a, b) = (new_identity(), new_identity());
    let m = SyncManager::builder().identity_id(&a).build().unwrap();
    m.open_dataset("s").unwrap().put("k", "a").unwrap();
    m.switch_identity(&b, IdentitySwitch::KeepSeparate).unwrap();
    m.open_dataset("s").unwrap().put("k", "b").unwrap();
    assert!(m.has_unsynced_changes().unwrap());
    m.wipe_identity(&a).unwrap();
    assert_eq!(m.identities().unwrap(), vec![b.clone()]);
    assert_eq!(
        m.open_dataset("s").unwrap().get("k").unwrap().as_deref(),
        Some("b")
    );
    m.wipe().unwrap();
    assert!(m.identities().unwrap().is_empty());
    assert!(!m.has_unsynced_changes().unwrap());
}
