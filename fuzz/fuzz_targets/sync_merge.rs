//! The sync store's merge of pulled (remote) records into local rows: one pull step of
//! a synchronize as the engine runs it (`cognito_sync::sync::fuzzing::merge`): seeded
//! local rows, dedup of the pulled records, merge plan with a conflict policy, local
//! writes racing the sync, compare-and-swap application on an SQLite store.
//!
//! Keys and values come from small alphabets so that local and remote rows collide.
//! Checks the manager's guarantees on every input: a local write made while the sync
//! runs is never lost; equal values are never a conflict; the resolver is asked exactly
//! once per conflict and only about a local change against a different remote value;
//! local rows the pull does not mention are untouched (incremental pull); the stored
//! last sync count never passes the service's; applying a pull twice changes nothing
//! the second time (when the local counts are trusted).
#![no_main]

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use arbitrary::Arbitrary;
use cognito_sync_core::sync::fuzzing::{merge, Pull, PulledRecord, StoredRow};
use cognito_sync_core::sync::{Conflict, ConflictPolicy, ErrorKind, Resolution};
use libfuzzer_sys::fuzz_target;

const KEYS: [&str; 6] = ["a", "b", "level", "é", "k\u{0}", ""];

#[derive(Arbitrary, Debug)]
enum Text {
    Small(u8),
    Any(String),
}

impl Text {
    fn get(&self) -> String {
        match self {
            Text::Small(n) => ["", "1", "2", "x", "\u{1F600}", "v"][usize::from(*n) % 6].to_owned(),
            Text::Any(s) => s.clone(),
        }
    }
}

#[derive(Arbitrary, Debug)]
enum Count {
    Small(i8),
    Any(i64),
}

impl Count {
    fn get(&self) -> i64 {
        match self {
            Count::Small(n) => i64::from(*n),
            Count::Any(n) => *n,
        }
    }
}

#[derive(Arbitrary, Debug)]
struct Local {
    key: u8,
    value: Option<Text>,
    sync_count: Count,
    dirty: bool,
    device_ms: Option<Count>,
}

#[derive(Arbitrary, Debug)]
struct Remote {
    key: u8,
    value: Option<Text>,
    sync_count: Count,
    server_ms: Option<Count>,
    device_ms: Option<Count>,
}

#[derive(Arbitrary, Debug)]
enum Policy {
    RemoteWins,
    LocalWins,
    LastWriterWins,
    Custom(u8, Text),
}

#[derive(Arbitrary, Debug)]
struct Input {
    local: Vec<Local>,
    last_sync_count: Count,
    remote: Vec<Remote>,
    pull: u8,
    dataset_sync_count: Count,
    policy: Policy,
    racing: Vec<(u8, Option<Text>)>,
}

fn key(k: u8) -> String {
    KEYS[usize::from(k) % KEYS.len()].to_owned()
}

fuzz_target!(|input: Input| {
    let pull = match input.pull % 3 {
        0 => Pull::Incremental,
        1 => Pull::Full,
        _ => Pull::FullUntrusted,
    };
    let mut seed_keys = HashSet::new();
    let seed: Vec<StoredRow> = input
        .local
        .iter()
        .take(16)
        .filter(|l| seed_keys.insert(key(l.key)))
        .map(|l| StoredRow {
            key: key(l.key),
            value: l.value.as_ref().map(Text::get),
            sync_count: l.sync_count.get(),
            dirty: i64::from(l.dirty),
            device_ms: l.device_ms.as_ref().map(Count::get),
            server_ms: None,
            modified_by: None,
        })
        .collect();
    let pulled: Vec<PulledRecord> = input
        .remote
        .iter()
        .take(16)
        .map(|r| PulledRecord {
            key: key(r.key),
            value: r.value.as_ref().map(Text::get),
            sync_count: r.sync_count.get(),
            server_ms: r.server_ms.as_ref().map(Count::get),
            modified_by: Some("fuzz".to_owned()),
            device_ms: r.device_ms.as_ref().map(Count::get),
        })
        .collect();
    let custom = match &input.policy {
        Policy::Custom(choice, text) => Some(match choice % 5 {
            0 => Resolution::KeepLocal,
            1 => Resolution::KeepRemote,
            2 => Resolution::Value(text.get()),
            3 => Resolution::Remove,
            _ => Resolution::Abort,
        }),
        _ => None,
    };
    let policy = match (&input.policy, &custom) {
        (Policy::RemoteWins, _) => ConflictPolicy::RemoteWins,
        (Policy::LocalWins, _) => ConflictPolicy::LocalWins,
        (_, Some(r)) => {
            let r = r.clone();
            ConflictPolicy::Custom(Arc::new(move |_: &Conflict| r.clone()))
        }
        _ => ConflictPolicy::LastWriterWins,
    };
    let racing: Vec<(String, Option<String>)> = input
        .racing
        .iter()
        .take(4)
        .map(|(k, v)| (key(*k), v.as_ref().map(Text::get)))
        .collect();
    let dataset_sync_count = input.dataset_sync_count.get();

    let run = match merge(
        &seed,
        input.last_sync_count.get(),
        pulled,
        pull,
        dataset_sync_count,
        &policy,
        &racing,
        1_700_000_000_000,
    ) {
        Ok(run) => run,
        Err(e) => {
            // Only the resolver's abort may stop a merge.
            assert_eq!(e.kind(), ErrorKind::Cancelled, "{e}");
            assert!(matches!(custom, Some(Resolution::Abort)), "{e}");
            return;
        }
    };

    let before: HashMap<&str, &StoredRow> =
        run.before.iter().map(|r| (r.key.as_str(), r)).collect();
    let after: HashMap<&str, &StoredRow> = run.after.iter().map(|r| (r.key.as_str(), r)).collect();
    let merged: HashMap<&str, &PulledRecord> =
        run.merged.iter().map(|r| (r.key.as_str(), r)).collect();
    assert_eq!(merged.len(), run.merged.len(), "dedup left a key twice");

    assert_eq!(
        run.resolved.len(),
        run.conflicts,
        "resolver calls != conflicts"
    );
    for c in &run.resolved {
        assert!(c.local.modified_locally, "conflict on a clean row: {c:?}");
        assert_ne!(
            c.local.value, c.remote.value,
            "equal values became a conflict"
        );
    }
    assert!(
        run.applied,
        "nothing replaced the dataset, yet the plan was not applied"
    );
    assert!(
        run.last_sync_count <= dataset_sync_count,
        "last sync count {} passed the service's {dataset_sync_count}",
        run.last_sync_count
    );

    // Racing local writes are never lost (the last write of a key is what stays).
    let mut last_write: HashMap<&str, &Option<String>> = HashMap::new();
    for (k, v) in &racing {
        last_write.insert(k, v);
    }
    // Every key a racing write touched may have changed (a write and its undo leave the
    // same value but a new change counter).
    let raced: HashSet<&str> = racing.iter().map(|(k, _)| k.as_str()).collect();
    for (k, v) in last_write {
        let was = before.get(k).and_then(|r| r.value.as_ref());
        if was == v.as_ref() && (before.contains_key(k) || v.is_none()) {
            continue; // the value ends as it was
        }
        let now = after
            .get(k)
            .unwrap_or_else(|| panic!("racing write of {k:?} lost"));
        assert_eq!(&now.value, v, "racing write of {k:?} overwritten");
        assert!(now.dirty > 0, "racing write of {k:?} marked clean");
    }

    // Rows the pull does not mention stay as they were, on an incremental pull.
    if pull == Pull::Incremental {
        for (k, b) in &before {
            if !merged.contains_key(k) && !raced.contains(k) {
                assert_eq!(after.get(k), Some(b), "unmentioned row {k:?} changed");
            }
        }
    }
    // A clean row is never left holding a value the service does not have.
    for (k, a) in &after {
        if a.dirty == 0 && !raced.contains(k) {
            if let Some(r) = merged.get(k) {
                let newer = before.get(k).is_none_or(|b| r.sync_count > b.sync_count);
                if newer || pull == Pull::FullUntrusted {
                    assert_eq!(a.value, r.value, "clean row {k:?} differs from the service");
                }
            }
        }
    }
    // Applying the same pull again changes nothing.
    if pull != Pull::FullUntrusted && run.skipped.is_empty() && racing.is_empty() {
        assert_eq!(
            run.replanned_writes, 0,
            "a second application would write again"
        );
    }
});
