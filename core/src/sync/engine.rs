//! The synchronize algorithm for one dataset, pinned to one identity id.
//!
//! One attempt:
//! 1. snapshot the dataset;
//! 2. if it was deleted locally, delete it on the service (a missing dataset is fine),
//!    then drop it locally, or carry on if records were written since;
//! 3. pull every page of ListRecords after the last sync count ("No such SyncCount":
//!    start again from 0 with local counts distrusted);
//! 4. report merged datasets; handle a dataset deleted remotely (host's decision,
//!    then a full pull);
//! 5. merge (see [`merge`](super::merge)) and apply compare-and-swap with the new last
//!    sync count in one transaction; rows written locally meanwhile are skipped and
//!    pulled again;
//! 6. push every changed row with UpdateRecords (its last known sync count, the pull's
//!    session token), store the acknowledged sync counts compare-and-swap, and
//!    fast-forward the last sync count only when nobody else wrote in between;
//! 7. on a stale sync count (409, or the 400 "Current SyncCount" form) wait with
//!    backoff and start again from a lower sync count, up to the attempt limit.
//!
//! Every return path yields exactly one `Ok` or `Err`; the caller turns it into exactly
//! one terminal event.

use std::collections::HashMap;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::time::Duration;

use super::conflict::{
    ConflictPolicy, DatasetDeletedAction, DatasetDeletedHandler, DatasetsMergedHandler, Resolution,
};
use super::error::{Error, ErrorKind, Result};
use super::events::{ChangeSource, Event, EventHub, SyncPhase};
use super::merge::{dedup, plan_pull, PullKind};
use super::record::{RemoteRecord, Row};
use super::remote::{Patch, Remote, RemoteError};
use super::report::SyncReport;
use super::store::{Pushed, RemoteDeletedAction, Store};
use super::time::Clock;

/// Tuning of synchronize.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyncConfig {
    /// Attempts per synchronize when pushes meet conflicting writes (at least 1).
    /// Default 5.
    pub max_attempts: u32,
    /// Wait before the second attempt; doubled for each further one, with jitter.
    /// Default 50 ms.
    pub backoff_base: Duration,
    /// Longest wait between attempts. Default 2 s.
    pub backoff_max: Duration,
    /// `maxResults` of each ListRecords page. Default 1024.
    pub page_size: i32,
    /// Most record patches per UpdateRecords call. Default 1024 (a whole dataset).
    pub max_patches_per_request: usize,
}

impl Default for SyncConfig {
    fn default() -> Self {
        SyncConfig {
            max_attempts: 5,
            backoff_base: Duration::from_millis(50),
            backoff_max: Duration::from_secs(2),
            page_size: 1024,
            max_patches_per_request: 1024,
        }
    }
}

/// Everything a run needs, borrowed from the manager.
pub(crate) struct Engine<'a> {
    pub store: &'a Store,
    pub remote: &'a Remote,
    pub events: &'a EventHub,
    pub config: &'a SyncConfig,
    pub policy: ConflictPolicy,
    pub on_deleted: Option<DatasetDeletedHandler>,
    pub on_merged: Option<DatasetsMergedHandler>,
    pub clock: &'a Clock,
}

/// A push refused for a stale sync count.
struct PushConflict {
    /// (key, the service's count) named by the error message.
    hint: Option<(String, i64)>,
    error: Error,
    /// The lowest non-zero sync count among the refused patches.
    lowest: i64,
}

/// Restarts that are not conflicts (rows written locally during the sync, dataset
/// deleted during the sync...) are bounded too, so a run always ends.
const MAX_RESTARTS: u32 = 16;

impl Engine<'_> {
    fn progress(&self, id: &str, dataset: &str, sync_id: u64, phase: SyncPhase) {
        self.events.emit(Event::SyncProgress {
            identity_id: id.to_owned(),
            dataset: dataset.to_owned(),
            sync_id,
            phase,
        });
    }

    fn changed(&self, id: &str, dataset: &str, keys: &[String]) {
        if !keys.is_empty() {
            self.events.emit(Event::Changed {
                identity_id: id.to_owned(),
                dataset: dataset.to_owned(),
                source: ChangeSource::Remote,
                keys: keys.to_vec(),
            });
        }
    }

    fn backoff(&self, conflicts: u32) -> Duration {
        let base = self.config.backoff_base.as_millis() as u64;
        let max = self.config.backoff_max.as_millis() as u64;
        let exp = base.saturating_mul(1u64 << conflicts.saturating_sub(1).min(20));
        let cap = exp.min(max);
        // "Equal jitter": at least half the delay, so two devices fighting over one key
        // drift apart without ever retrying immediately.
        Duration::from_millis(fastrand::u64(cap / 2..=cap.max(1)))
    }

    /// Runs one synchronize of `dataset` for identity `id`. `full` starts from sync
    /// count 0 (a full resync).
    pub(crate) async fn run(
        &self,
        id: &str,
        dataset: &str,
        sync_id: u64,
        full: bool,
    ) -> Result<SyncReport> {
        let mut report = SyncReport {
            identity_id: id.to_owned(),
            dataset: dataset.to_owned(),
            sync_id,
            ..SyncReport::default()
        };
        let max_attempts = self.config.max_attempts.max(1);
        let mut conflicts = 0u32;
        let mut restarts = 0u32;
        // Overrides of the stored last sync count for the next pull.
        let mut pull_from: Option<(i64, PullKind)> =
            full.then_some((0, PullKind::Full { trust_counts: true }));
        let mut reset_after_no_such_count = false;
        let mut remote_deletion_handled = false;
        let mut merged_reported = false;
        // Sync counts the service named in conflict messages: (key, count).
        let mut hints: Vec<(String, i64)> = Vec::new();

        loop {
            report.attempts = conflicts + 1;
            if restarts > MAX_RESTARTS {
                return Err(Error::new(
                    ErrorKind::ConflictRetriesExhausted,
                    format!("dataset {dataset:?} kept changing locally during the synchronize"),
                ));
            }
            let now = self.clock.now_ms();
            let snap = self.store.snapshot(id, dataset, now)?;

            if snap.pending_delete {
                self.progress(id, dataset, sync_id, SyncPhase::DeletingRemote);
                self.remote
                    .delete_dataset(id, dataset, &mut report.requests)
                    .await
                    .map_err(RemoteError::into_error)?;
                match self
                    .store
                    .finish_local_delete(id, dataset, snap.generation)?
                {
                    None => {
                        restarts += 1;
                        continue;
                    }
                    Some(true) => {
                        report.deleted = true;
                        report.last_sync_count = 0;
                        return Ok(report);
                    }
                    Some(false) => {
                        // Written again after the deletion: now a new dataset to push.
                        restarts += 1;
                        continue;
                    }
                }
            }

            let (requested, kind) = match pull_from.take() {
                Some(p) => p,
                None if snap.last_sync_count <= 0 => (0, PullKind::Full { trust_counts: true }),
                None => (snap.last_sync_count, PullKind::Incremental),
            };
            self.progress(id, dataset, sync_id, SyncPhase::Pulling);
            let pulled = match self
                .remote
                .pull(id, dataset, requested, &mut report.requests)
                .await
            {
                Ok(p) => p,
                Err(RemoteError::NoSuchSyncCount(e)) => {
                    if reset_after_no_such_count || requested == 0 {
                        return Err(e);
                    }
                    // The service's history is behind ours (dataset re-created, restored
                    // identity...): our counts are meaningless, take everything again.
                    tracing::info!(dataset, requested, "no such sync count: full pull");
                    reset_after_no_such_count = true;
                    pull_from = Some((
                        0,
                        PullKind::Full {
                            trust_counts: false,
                        },
                    ));
                    continue;
                }
                Err(e) => return Err(e.into_error()),
            };

            if !pulled.merged.is_empty() && !merged_reported {
                merged_reported = true;
                report.merged_datasets = pulled.merged.clone();
                self.events.emit(Event::DatasetsMerged {
                    identity_id: id.to_owned(),
                    dataset: dataset.to_owned(),
                    merged: pulled.merged.clone(),
                });
                if let Some(h) = &self.on_merged {
                    if catch_unwind(AssertUnwindSafe(|| h(id, dataset, &pulled.merged))).is_err() {
                        tracing::error!("datasets-merged handler panicked; ignored");
                    }
                }
            }

            if requested > 0 && (!pulled.exists || pulled.deleted_after) && !remote_deletion_handled
            {
                remote_deletion_handled = true;
                report.deleted_remotely = true;
                let action = match &self.on_deleted {
                    Some(h) => {
                        catch_unwind(AssertUnwindSafe(|| h(id, dataset))).unwrap_or_else(|_| {
                            tracing::error!(
                                "dataset-deleted handler panicked; keeping unsynced changes"
                            );
                            DatasetDeletedAction::default()
                        })
                    }
                    None => DatasetDeletedAction::default(),
                };
                let store_action = match action {
                    DatasetDeletedAction::DeleteLocal => RemoteDeletedAction::DeleteLocal,
                    DatasetDeletedAction::KeepUnsynced => RemoteDeletedAction::KeepUnsynced,
                    DatasetDeletedAction::RestoreFromLocal => RemoteDeletedAction::RestoreFromLocal,
                };
                match self.store.apply_remote_deleted(
                    id,
                    dataset,
                    snap.generation,
                    store_action,
                    now,
                )? {
                    None => {
                        remote_deletion_handled = false;
                        restarts += 1;
                        continue;
                    }
                    Some(gone) => {
                        self.changed(id, dataset, &gone);
                        report.changed_keys.extend(gone);
                        if store_action == RemoteDeletedAction::DeleteLocal {
                            self.events.emit(Event::DatasetDeleted {
                                identity_id: id.to_owned(),
                                dataset: dataset.to_owned(),
                                source: ChangeSource::Remote,
                            });
                            report.deleted = true;
                            report.last_sync_count = 0;
                            return Ok(report);
                        }
                        // The dataset may have been re-created since: take all of it.
                        pull_from = Some((0, PullKind::Full { trust_counts: true }));
                        restarts += 1;
                        continue;
                    }
                }
            }

            let mut records = dedup(pulled.records);
            // A key the service named in a conflict but did not list is a removal we
            // cannot see (some implementations omit tombstones): treat it as one.
            for (key, count) in hints.drain(..) {
                let listed = records
                    .iter()
                    .any(|r| r.key == key && r.sync_count >= count);
                if !listed && requested < count {
                    records.retain(|r| r.key != key);
                    records.push(RemoteRecord {
                        key,
                        value: None,
                        sync_count: count,
                        server_ms: None,
                        modified_by: None,
                        device_ms: None,
                    });
                }
            }

            let policy = &self.policy;
            let mut resolver_panicked = false;
            let plan =
                plan_pull(
                    id,
                    dataset,
                    &snap.rows,
                    &records,
                    kind,
                    now,
                    &mut |c| match catch_unwind(AssertUnwindSafe(|| policy.resolve(c))) {
                        Ok(r) => r,
                        Err(_) => {
                            resolver_panicked = true;
                            Resolution::Abort
                        }
                    },
                );
            let plan = match plan {
                Ok(p) => p,
                Err(e) if resolver_panicked => {
                    return Err(Error::new(
                        ErrorKind::Cancelled,
                        format!("the conflict resolver panicked: {}", e.message()),
                    ))
                }
                Err(e) => return Err(e),
            };
            report.conflicts += plan.conflicts;
            let applied = self.store.apply_pull(
                id,
                dataset,
                snap.generation,
                &plan.writes,
                pulled.dataset_sync_count,
                now,
            )?;
            if !applied.applied {
                restarts += 1;
                continue;
            }
            self.changed(id, dataset, &applied.changed);
            report.changed_keys.extend(applied.changed);
            if !applied.skipped.is_empty() {
                // Written locally while we were pulling: pull those again before pushing.
                restarts += 1;
                continue;
            }

            let Some(dirty) = self.store.dirty_set(id, dataset)? else {
                restarts += 1;
                continue;
            };
            if dirty.pending_delete || dirty.generation != snap.generation {
                restarts += 1;
                continue;
            }
            if dirty.rows.is_empty() {
                self.store.mark_synced(id, dataset, self.clock.now_ms())?;
                report.last_sync_count = dirty.last_sync_count;
                return Ok(report);
            }
            let Some(token) = pulled.session_token.clone() else {
                return Err(Error::new(
                    ErrorKind::Service,
                    "ListRecords returned no SyncSessionToken; cannot push",
                ));
            };

            self.progress(id, dataset, sync_id, SyncPhase::Pushing);
            // Fast-forward base: the count our pull brought us to.
            let mut ff_base = Some(dirty.last_sync_count);
            let mut conflict: Option<PushConflict> = None;
            let mut replaced = false;
            let chunk = self.config.max_patches_per_request.max(1);
            for rows in dirty.rows.chunks(chunk) {
                let sent: HashMap<String, Row> =
                    rows.iter().map(|r| (r.key.clone(), r.clone())).collect();
                let patches: Vec<Patch> = rows
                    .iter()
                    .map(|r| Patch {
                        key: r.key.clone(),
                        value: r.value.clone(),
                        sync_count: r.sync_count,
                        device_ms: r.device_ms,
                    })
                    .collect();
                match self
                    .remote
                    .push(id, dataset, &token, &patches, &mut report.requests)
                    .await
                {
                    Ok(returned) => {
                        let only_ours = returned.iter().all(|r| sent.contains_key(&r.key));
                        let ff = ff_base.and_then(|base| {
                            let next = base + 1;
                            let all_next = !returned.is_empty()
                                && returned.iter().all(|r| r.sync_count == next);
                            (only_ours && all_next).then_some((base, next))
                        });
                        let done = self.store.apply_push(
                            id,
                            dataset,
                            snap.generation,
                            &Pushed {
                                sent: &sent,
                                returned: &returned,
                                fast_forward: ff,
                            },
                            self.clock.now_ms(),
                        )?;
                        if !done.applied {
                            // Deleted locally while pushing: the next round deletes it.
                            replaced = true;
                            break;
                        }
                        report.pushed += done.acknowledged + done.rebased;
                        self.changed(id, dataset, &done.changed);
                        report.changed_keys.extend(done.changed);
                        ff_base = match ff {
                            Some((_, next)) if done.fast_forwarded => Some(next),
                            _ => None,
                        };
                    }
                    Err(RemoteError::Conflict { hint, error }) => {
                        let lowest = patches
                            .iter()
                            .map(|p| p.sync_count)
                            .filter(|c| *c > 0)
                            .min()
                            .unwrap_or(dirty.last_sync_count);
                        conflict = Some(PushConflict {
                            hint,
                            error,
                            lowest,
                        });
                        break;
                    }
                    Err(e) => return Err(e.into_error()),
                }
            }

            if replaced {
                restarts += 1;
                continue;
            }
            let Some(PushConflict {
                hint,
                error,
                lowest,
            }) = conflict
            else {
                self.store.mark_synced(id, dataset, self.clock.now_ms())?;
                report.last_sync_count = self
                    .store
                    .dataset_info(id, dataset)?
                    .map_or(0, |d| d.last_sync_count);
                return Ok(report);
            };
            conflicts += 1;
            if conflicts >= max_attempts {
                return Err(Error::new(
                    ErrorKind::ConflictRetriesExhausted,
                    format!(
                        "dataset {dataset:?}: the service still reported conflicting writes \
                         after {conflicts} attempts ({}); local changes are kept for the next \
                         synchronize",
                        error.message()
                    ),
                ));
            }
            // Pull again from low enough to see every record we are stale on.
            let mut from = dirty.last_sync_count.min(lowest);
            if let Some((key, count)) = hint {
                from = from.min(count.saturating_sub(1)); // a hostile i64::MIN must not overflow
                hints.push((key, count));
            }
            let kind = if conflicts >= 2 || from <= 0 {
                // Twice in a row: stop guessing, take everything.
                from = 0;
                PullKind::Full { trust_counts: true }
            } else {
                PullKind::Incremental
            };
            pull_from = Some((from.max(0), kind));
            self.progress(id, dataset, sync_id, SyncPhase::Retrying);
            tokio::time::sleep(self.backoff(conflicts)).await;
        }
    }
}
