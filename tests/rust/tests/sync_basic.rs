//! The sync manager against the emulator: the basic flows.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "a test crate: a failed step fails the test"
)]

mod sync_support;

use std::collections::BTreeMap;

use cognito_sync::sync::{ChangeSource, ErrorKind, Event, SyncManager, SyncPhase};
use sync_support::{new_identity, Env};

fn map(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_devices_converge() {
    let env = Env::start().await;
    let id = new_identity();
    let a = env.device(&id);
    let b = env.device(&id);
    let da = a.open_dataset("save").unwrap();
    da.put("level", "3").unwrap();
    da.put("gold", "120").unwrap();
    assert!(da.has_unsynced_changes().unwrap());
    let r = da.synchronize().await.unwrap();
    assert_eq!(r.pushed, 2);
    assert!(!da.has_unsynced_changes().unwrap());

    let db = b.open_dataset("save").unwrap();
    let r = db.synchronize().await.unwrap();
    assert_eq!(r.changed_keys.len(), 2);
    assert_eq!(
        db.get_all().unwrap(),
        map(&[("gold", "120"), ("level", "3")])
    );

    db.remove("gold").unwrap();
    db.put("level", "4").unwrap();
    db.synchronize().await.unwrap();
    da.synchronize().await.unwrap();
    assert_eq!(da.get_all().unwrap(), map(&[("level", "4")]));
    assert_eq!(da.get("gold").unwrap(), None);
    assert_eq!(env.server_state(&id, "save").await, map(&[("level", "4")]));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_op_synchronize_is_exactly_one_request() {
    let env = Env::start().await;
    let id = new_identity();
    let a = env.device(&id);
    let d = a.open_dataset("settings").unwrap();
    d.put("volume", "11").unwrap();
    d.synchronize().await.unwrap();
    // One more sync to take our own echo if the push could not fast-forward.
    d.synchronize().await.unwrap();
    let all = env.count_requests("*");
    let r = d.synchronize().await.unwrap();
    assert_eq!(
        all.count(),
        1,
        "a no-op synchronize sends exactly one request"
    );
    assert_eq!(r.requests, 1);
    assert!(r.changed_keys.is_empty());
    assert_eq!(r.pushed, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn first_push_fast_forwards_so_the_next_sync_is_one_request() {
    let env = Env::start().await;
    let id = new_identity();
    let a = env.device(&id);
    let d = a.open_dataset("settings").unwrap();
    d.put("volume", "11").unwrap();
    d.synchronize().await.unwrap();
    let all = env.count_requests("*");
    d.synchronize().await.unwrap();
    assert_eq!(all.count(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn events_are_queued_for_the_host_thread() {
    let env = Env::start().await;
    let id = new_identity();
    let a = env.device(&id);
    let b = env.device(&id);
    let da = a.open_dataset("save").unwrap();
    da.put("k", "v").unwrap();
    da.synchronize().await.unwrap();
    let db = b.open_dataset("save").unwrap();
    db.synchronize().await.unwrap();
    let events = b.drain_events();
    let kinds: Vec<String> = events
        .iter()
        .map(|e| match e {
            Event::SyncStarted { .. } => "started".to_string(),
            Event::SyncProgress { phase, .. } => format!("{phase:?}"),
            Event::Changed { source, keys, .. } => format!("changed {source:?} {keys:?}"),
            Event::SyncSucceeded { .. } => "succeeded".to_string(),
            other => format!("{other:?}"),
        })
        .collect();
    assert_eq!(
        kinds,
        vec!["started", "Pulling", "changed Remote [\"k\"]", "succeeded"]
    );
    let local = a.drain_events();
    assert!(local.iter().any(|e| matches!(
        e,
        Event::Changed { source: ChangeSource::Local, keys, .. } if keys == &vec!["k".to_string()]
    )));
    assert!(local.iter().any(|e| matches!(
        e,
        Event::SyncProgress {
            phase: SyncPhase::Pushing,
            ..
        }
    )));
    assert!(a.poll_event().is_none());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn blocking_and_background_forms() {
    let env = Env::start().await;
    let id = new_identity();
    let a = env.device(&id);
    let d = a.open_dataset("save").unwrap();
    d.put("k", "v").unwrap();
    // Inside a runtime, the blocking form refuses instead of deadlocking.
    let e = d.synchronize_blocking().unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Runtime);
    let d2 = d.clone();
    let r = std::thread::spawn(move || d2.synchronize_blocking())
        .join()
        .unwrap()
        .unwrap();
    assert_eq!(r.pushed, 1);
    d.put("k", "w").unwrap();
    let h = d.synchronize_in_background();
    let r = std::thread::spawn(move || h.wait())
        .join()
        .unwrap()
        .unwrap();
    assert_eq!(r.pushed, 1);
    assert_eq!(env.server_state(&id, "save").await, map(&[("k", "w")]));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn synchronize_all_fetches_datasets_a_new_device_lacks() {
    let env = Env::start().await;
    let id = new_identity();
    let a = env.device(&id);
    for name in ["one", "two", "three"] {
        let d = a.open_dataset(name).unwrap();
        d.put("name", name).unwrap();
    }
    let results = a.synchronize_all().await.unwrap();
    assert_eq!(results.len(), 3);
    assert!(results.iter().all(|(_, r)| r.is_ok()));

    let b = env.device(&id);
    assert!(b.list_datasets().unwrap().is_empty());
    let results = b.synchronize_all().await.unwrap();
    assert_eq!(results.len(), 3);
    let names: Vec<String> = b
        .list_datasets()
        .unwrap()
        .into_iter()
        .map(|d| d.name)
        .collect();
    assert_eq!(names, vec!["one", "three", "two"]);
    assert_eq!(
        b.open_dataset("two")
            .unwrap()
            .get("name")
            .unwrap()
            .as_deref(),
        Some("two")
    );
    let info = b.open_dataset("one").unwrap().info().unwrap();
    let remote = info.remote.expect("refreshed");
    assert_eq!(
        remote.data_storage,
        Some(("name".len() + "one".len()) as i64)
    );
    assert_eq!(info.size_bytes, 7);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn local_only_manager_works_offline() {
    let m = SyncManager::builder().build().unwrap();
    let d = m.open_dataset("prefs").unwrap();
    d.put("a", "1").unwrap();
    assert_eq!(d.get("a").unwrap().as_deref(), Some("1"));
    let e = d.synchronize().await.unwrap_err();
    // No client: refused as invalid (VALIDATION in C, ValidationError in Python) before
    // any identity lookup, as documented (issue 19, part 4).
    assert_eq!(e.kind(), ErrorKind::InvalidArgument);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_synchronizes_of_one_dataset_wait_or_coalesce() {
    let env = Env::start().await;
    let id = new_identity();
    let a = env.device(&id);
    let d = a.open_dataset("save").unwrap();
    d.put("k", "v").unwrap();
    let updates = env.count_requests("UpdateRecords");
    let log = sync_support::EventLog::attach(&a);
    let tasks: Vec<_> = (0..6)
        .map(|_| {
            let d = d.clone();
            tokio::spawn(async move { d.synchronize().await })
        })
        .collect();
    let mut results = Vec::new();
    for t in tasks {
        results.push(t.await.unwrap());
    }
    assert!(results.iter().all(|r| r.is_ok()), "{results:?}");
    assert_eq!(updates.count(), 1, "the record is pushed once");
    let coalesced = results
        .iter()
        .filter(|r| r.as_ref().unwrap().coalesced)
        .count();
    let (started, ok, failed) = log.sync_counts();
    assert_eq!((started, ok, failed), (6 - coalesced, 6 - coalesced, 0));
    assert!(
        coalesced >= 1,
        "calls that waited share a later run's result"
    );
    assert_eq!(env.server_state(&id, "save").await, map(&[("k", "v")]));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_managers_sharing_one_file_sync_safely() {
    let env = Env::start().await;
    let id = new_identity();
    let dir = std::env::temp_dir().join(format!("cs-shared-{}", new_identity().replace(':', "_")));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("shared.db");
    let open = || {
        env.device_with(
            &id,
            sync_support::DeviceOptions {
                path: Some(path.clone()),
                ..Default::default()
            },
        )
    };
    let (p1, p2) = (open(), open());
    let (d1, d2) = (p1.open_dataset("s").unwrap(), p2.open_dataset("s").unwrap());
    for round in 0..10 {
        d1.put(&format!("a{round}"), "1").unwrap();
        d2.put(&format!("b{round}"), "2").unwrap();
        let (r1, r2) = tokio::join!(d1.synchronize(), d2.synchronize());
        r1.unwrap();
        r2.unwrap();
    }
    d1.synchronize().await.unwrap();
    assert!(!d1.has_unsynced_changes().unwrap());
    assert_eq!(d1.count().unwrap(), 20);
    assert_eq!(env.server_state(&id, "s").await, d2.get_all().unwrap());
    std::fs::remove_dir_all(&dir).ok();
}
