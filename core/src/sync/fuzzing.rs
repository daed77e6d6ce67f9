//! Entry point for the merge fuzz target in `fuzz/` (feature `fuzzing`, not a public
//! API): one pull step of a synchronize, exactly as the engine runs it, on an in-memory
//! store: snapshot, dedup of the pulled records, merge plan with the conflict policy,
//! optional local writes racing the sync, compare-and-swap application.

use std::collections::HashMap;

use super::conflict::{Conflict, ConflictPolicy};
use super::error::Result;
use super::limits::Limits;
use super::merge::{dedup, plan_pull, PullKind};
use super::record::{RemoteRecord, Row};
use super::store::{Durability, NewRow, PlannedWrite, Store, StoreLocation};

const IDENTITY: &str = "us-east-1:00000000-0000-0000-0000-000000000001";
const DATASET: &str = "fuzz";

/// A record as stored locally (and as seeded before the pull).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredRow {
    /// The key.
    pub key: String,
    /// The value; `None` for a tombstone.
    pub value: Option<String>,
    /// The sync count the row is based on.
    pub sync_count: i64,
    /// Local change counter (0: clean).
    pub dirty: i64,
    /// Device time of the last change, epoch milliseconds.
    pub device_ms: Option<i64>,
    /// Service time of the last change, epoch milliseconds.
    pub server_ms: Option<i64>,
    /// Who last changed it on the service.
    pub modified_by: Option<String>,
}

/// A record as ListRecords returned it, in store units.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PulledRecord {
    /// The key.
    pub key: String,
    /// The value; `None` for a removal.
    pub value: Option<String>,
    /// The record's sync count.
    pub sync_count: i64,
    /// Service time of the change, epoch milliseconds.
    pub server_ms: Option<i64>,
    /// Who changed it.
    pub modified_by: Option<String>,
    /// Device time of the change, epoch milliseconds.
    pub device_ms: Option<i64>,
}

/// How the pull relates to the local sync counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pull {
    /// Changes after the local last sync count.
    Incremental,
    /// Everything, local counts trusted.
    Full,
    /// Everything, after "No such SyncCount": local counts not trusted.
    FullUntrusted,
}

/// What one pull step did.
#[derive(Debug)]
pub struct MergeRun {
    /// The local rows the merge saw (after seeding).
    pub before: Vec<StoredRow>,
    /// The local rows afterwards.
    pub after: Vec<StoredRow>,
    /// The pulled records after dedup, as merged.
    pub merged: Vec<PulledRecord>,
    /// Conflicts the plan counted.
    pub conflicts: usize,
    /// Each conflict the resolver was asked about.
    pub resolved: Vec<Conflict>,
    /// Whether the plan was applied (the dataset was not replaced meanwhile).
    pub applied: bool,
    /// Keys skipped because they changed locally meanwhile.
    pub skipped: Vec<String>,
    /// The last sync count stored.
    pub last_sync_count: i64,
    /// Writes a second plan of the same pull would make now.
    pub replanned_writes: usize,
}

fn stored(r: Row) -> StoredRow {
    StoredRow {
        key: r.key,
        value: r.value,
        sync_count: r.sync_count,
        dirty: r.dirty,
        device_ms: r.device_ms,
        server_ms: r.server_ms,
        modified_by: r.modified_by,
    }
}

/// Seeds a memory store with `seed` (later rows of a key are dropped) and `last_sync_count`,
/// then merges `pulled` (ListRecords' records, `dataset_sync_count` its DatasetSyncCount)
/// with `policy`; `racing` local writes (`None` removes) land between the plan and its
/// application, as a `put` made while the sync is on the network.
#[allow(clippy::too_many_arguments)]
pub fn merge(
    seed: &[StoredRow],
    last_sync_count: i64,
    pulled: Vec<PulledRecord>,
    pull: Pull,
    dataset_sync_count: i64,
    policy: &ConflictPolicy,
    racing: &[(String, Option<String>)],
    now_ms: i64,
) -> Result<MergeRun> {
    let store = Store::open(
        &StoreLocation::Memory,
        std::time::Duration::from_secs(1),
        Durability::Normal,
    )?;
    let seeded = store.snapshot(IDENTITY, DATASET, now_ms)?;
    let writes: Vec<PlannedWrite> = seed
        .iter()
        .map(|r| PlannedWrite {
            key: r.key.clone(),
            expected: None,
            new: Some(NewRow {
                value: r.value.clone(),
                sync_count: r.sync_count,
                dirty: r.dirty != 0,
                device_ms: r.device_ms,
                server_ms: r.server_ms,
                modified_by: r.modified_by.clone(),
            }),
            refetch_from: last_sync_count,
        })
        .collect();
    store.apply_pull(
        IDENTITY,
        DATASET,
        seeded.generation,
        &writes,
        last_sync_count,
        now_ms,
    )?;

    let kind = match pull {
        Pull::Incremental => PullKind::Incremental,
        Pull::Full => PullKind::Full { trust_counts: true },
        Pull::FullUntrusted => PullKind::Full {
            trust_counts: false,
        },
    };
    let snap = store.snapshot(IDENTITY, DATASET, now_ms)?;
    let records = dedup(
        pulled
            .into_iter()
            .map(|p| RemoteRecord {
                key: p.key,
                value: p.value,
                sync_count: p.sync_count,
                server_ms: p.server_ms,
                modified_by: p.modified_by,
                device_ms: p.device_ms,
            })
            .collect(),
    );
    let mut resolved = Vec::new();
    let plan = plan_pull(
        IDENTITY,
        DATASET,
        &snap.rows,
        &records,
        kind,
        now_ms,
        &mut |c| {
            resolved.push(c.clone());
            policy.resolve(c)
        },
    )?;
    if !racing.is_empty() {
        store.write(IDENTITY, DATASET, racing, now_ms, &Limits::default())?;
    }
    let applied = store.apply_pull(
        IDENTITY,
        DATASET,
        snap.generation,
        &plan.writes,
        dataset_sync_count,
        now_ms,
    )?;
    let after: HashMap<String, Row> = store
        .rows(IDENTITY, DATASET)?
        .into_iter()
        .map(|r| (r.key.clone(), r))
        .collect();
    let replanned = plan_pull(
        IDENTITY,
        DATASET,
        &after,
        &records,
        kind,
        now_ms,
        &mut |c| policy.resolve(c),
    )?;
    let mut before: Vec<StoredRow> = snap.rows.into_values().map(stored).collect();
    before.sort_by(|a, b| a.key.cmp(&b.key));
    let mut after: Vec<StoredRow> = after.into_values().map(stored).collect();
    after.sort_by(|a, b| a.key.cmp(&b.key));
    Ok(MergeRun {
        before,
        after,
        merged: records
            .into_iter()
            .map(|r| PulledRecord {
                key: r.key,
                value: r.value,
                sync_count: r.sync_count,
                server_ms: r.server_ms,
                modified_by: r.modified_by,
                device_ms: r.device_ms,
            })
            .collect(),
        conflicts: plan.conflicts,
        resolved,
        applied: applied.applied,
        skipped: applied.skipped,
        last_sync_count: applied.last_sync_count,
        replanned_writes: replanned.writes.len(),
    })
}
