//! Merging pulled records into the local rows: a pure function from (snapshot, remote
//! records, policy) to a list of conditional row writes.
//!
//! Rules, per remote record `r` against the local row `l`:
//! - no local row: store `r` (a tombstone too: its sync count is needed to re-add the
//!   key later);
//! - `r` is not newer than `l` (`r.sync_count <= l.sync_count`, when local counts are
//!   trusted): nothing to do, `l` already is that version or a local edit on top of it;
//! - `l` clean: take `r`;
//! - `l` changed locally, same value as `r`: not a conflict; adopt `r`'s sync count and
//!   drop the change, unless the local write is the later one by device time, in which
//!   case it is kept (rebased) so its time reaches the service for future
//!   last-writer-wins decisions;
//! - `l` changed locally, different value: a conflict, settled by the resolver; what
//!   the resolver keeps is rebased onto `r`'s sync count so the push is accepted.
//!
//! A *full* pull (from sync count 0) also sees every key the service has; local rows
//! the service does not list are then reconciled: synced-and-clean rows are dropped,
//! changed rows are rebased onto sync count 0 (a new key for the service).

use std::collections::HashMap;

use super::conflict::{Conflict, Resolution};
use super::error::{Error, ErrorKind, Result};
use super::record::{RemoteRecord, Row};
use super::store::{NewRow, PlannedWrite};

/// How a pull relates to the local sync counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum PullKind {
    /// Records changed after the local last sync count.
    Incremental,
    /// Every record (from 0). `trust_counts` false after the service said the local
    /// count does not exist (its history changed): local sync counts mean nothing then.
    Full { trust_counts: bool },
}

/// The merge result.
#[derive(Debug, Default)]
pub(crate) struct MergePlan {
    pub writes: Vec<PlannedWrite>,
    /// Conflicts settled by the resolver.
    pub conflicts: usize,
}

fn adopt(r: &RemoteRecord) -> NewRow {
    NewRow {
        value: r.value.clone(),
        sync_count: r.sync_count,
        dirty: false,
        device_ms: r.device_ms,
        server_ms: r.server_ms,
        modified_by: r.modified_by.clone(),
    }
}

fn rebase(value: Option<String>, r: &RemoteRecord, device_ms: Option<i64>) -> NewRow {
    NewRow {
        value,
        sync_count: r.sync_count,
        dirty: true,
        device_ms,
        server_ms: r.server_ms,
        modified_by: r.modified_by.clone(),
    }
}

/// Keeps the newest version of each key (a key can appear on two pages if it changed
/// while paging).
pub(crate) fn dedup(remote: Vec<RemoteRecord>) -> Vec<RemoteRecord> {
    let mut by_key: HashMap<String, RemoteRecord> = HashMap::with_capacity(remote.len());
    let mut order = Vec::with_capacity(remote.len());
    for r in remote {
        match by_key.get(&r.key) {
            Some(seen) if seen.sync_count >= r.sync_count => {}
            Some(_) => {
                by_key.insert(r.key.clone(), r);
            }
            None => {
                order.push(r.key.clone());
                by_key.insert(r.key.clone(), r);
            }
        }
    }
    order
        .into_iter()
        .filter_map(|k| by_key.remove(&k))
        .collect()
}

/// Plans the writes for a pull. `resolve` is called once per conflict.
pub(crate) fn plan_pull(
    identity_id: &str,
    dataset: &str,
    rows: &HashMap<String, Row>,
    remote: &[RemoteRecord],
    kind: PullKind,
    now_ms: i64,
    resolve: &mut dyn FnMut(&Conflict) -> Resolution,
) -> Result<MergePlan> {
    let trust_counts = !matches!(
        kind,
        PullKind::Full {
            trust_counts: false
        }
    );
    let mut plan = MergePlan::default();
    for r in remote {
        let local = rows.get(&r.key);
        let new = match local {
            None => Some(adopt(r)),
            Some(l) if trust_counts && r.sync_count <= l.sync_count => None,
            Some(l) if l.dirty == 0 => {
                if l.value == r.value && l.sync_count == r.sync_count {
                    None
                } else {
                    Some(adopt(r))
                }
            }
            Some(l) if l.value == r.value => {
                let remote_time = r.device_ms.or(r.server_ms);
                match (l.device_ms, remote_time) {
                    (Some(lt), Some(rt)) if lt > rt => {
                        Some(rebase(l.value.clone(), r, l.device_ms))
                    }
                    _ => Some(adopt(r)),
                }
            }
            Some(l) => {
                let conflict = Conflict {
                    identity_id: identity_id.to_owned(),
                    dataset: dataset.to_owned(),
                    key: r.key.clone(),
                    local: l.to_record(),
                    remote: r.to_record(),
                };
                plan.conflicts += 1;
                Some(match resolve(&conflict) {
                    Resolution::KeepRemote => adopt(r),
                    Resolution::KeepLocal => rebase(l.value.clone(), r, l.device_ms),
                    Resolution::Value(v) if Some(&v) == r.value.as_ref() => adopt(r),
                    Resolution::Value(v) => rebase(Some(v), r, Some(now_ms)),
                    Resolution::Remove if r.value.is_none() => adopt(r),
                    Resolution::Remove => rebase(None, r, Some(now_ms)),
                    Resolution::Abort => {
                        return Err(Error::new(
                            ErrorKind::Cancelled,
                            format!(
                                "the conflict resolver aborted the synchronize of {dataset:?} \
                                 at key {:?}",
                                r.key
                            ),
                        ))
                    }
                })
            }
        };
        if let Some(new) = new {
            plan.writes.push(PlannedWrite {
                key: r.key.clone(),
                expected: local.cloned(),
                new: Some(new),
                refetch_from: r.sync_count.saturating_sub(1).max(0),
            });
        }
    }
    if matches!(kind, PullKind::Full { .. }) {
        let listed: std::collections::HashSet<&str> =
            remote.iter().map(|r| r.key.as_str()).collect();
        let mut absent: Vec<&Row> = rows
            .values()
            .filter(|l| l.sync_count != 0 && !listed.contains(l.key.as_str()))
            .collect();
        absent.sort_by(|a, b| a.key.cmp(&b.key));
        for l in absent {
            // The service does not know this key: synced rows are stale, changed
            // rows become new keys (a removal of an unknown key needs no push).
            let new = if l.dirty == 0 || l.value.is_none() {
                None
            } else {
                Some(NewRow {
                    value: l.value.clone(),
                    sync_count: 0,
                    dirty: true,
                    device_ms: l.device_ms,
                    server_ms: None,
                    modified_by: None,
                })
            };
            plan.writes.push(PlannedWrite {
                key: l.key.clone(),
                expected: Some(l.clone()),
                new,
                refetch_from: 0,
            });
        }
    }
    Ok(plan)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(key: &str, value: Option<&str>, sc: i64, dirty: i64, device: Option<i64>) -> Row {
        Row {
            key: key.into(),
            value: value.map(str::to_owned),
            sync_count: sc,
            dirty,
            device_ms: device,
            server_ms: None,
            modified_by: None,
        }
    }

    fn remote(key: &str, value: Option<&str>, sc: i64, device: Option<i64>) -> RemoteRecord {
        RemoteRecord {
            key: key.into(),
            value: value.map(str::to_owned),
            sync_count: sc,
            server_ms: Some(1),
            modified_by: Some("x".into()),
            device_ms: device,
        }
    }

    fn rows(v: Vec<Row>) -> HashMap<String, Row> {
        v.into_iter().map(|r| (r.key.clone(), r)).collect()
    }

    fn plan(
        local: Vec<Row>,
        remote: Vec<RemoteRecord>,
        kind: PullKind,
        res: Resolution,
    ) -> (MergePlan, usize) {
        let mut calls = 0;
        let p = plan_pull(
            "id",
            "d",
            &rows(local),
            &remote,
            kind,
            1000,
            &mut |_c: &Conflict| {
                calls += 1;
                res.clone()
            },
        )
        .unwrap();
        (p, calls)
    }

    #[test]
    fn extreme_sync_counts_from_a_server_do_not_overflow() {
        // A hostile SyncCount of i64::MIN overflowed (a panic in debug builds).
        let (p, _) = plan(
            vec![],
            vec![remote("k", Some("v"), i64::MIN, None)],
            PullKind::Incremental,
            Resolution::Abort,
        );
        assert_eq!(p.writes[0].refetch_from, 0);
    }

    #[test]
    fn new_and_clean_rows_take_the_remote_version() {
        let (p, calls) = plan(
            vec![row("a", Some("old"), 1, 0, None)],
            vec![
                remote("a", Some("new"), 3, None),
                remote("b", None, 2, None),
            ],
            PullKind::Incremental,
            Resolution::Abort,
        );
        assert_eq!(calls, 0);
        assert_eq!(p.writes.len(), 2);
        assert_eq!(
            p.writes[0].new.as_ref().unwrap().value.as_deref(),
            Some("new")
        );
        assert!(!p.writes[0].new.as_ref().unwrap().dirty);
        // A remote tombstone for an unknown key is stored, for its sync count.
        assert_eq!(p.writes[1].new.as_ref().unwrap().value, None);
        assert_eq!(p.writes[1].new.as_ref().unwrap().sync_count, 2);
        assert_eq!(p.writes[1].refetch_from, 1);
    }

    #[test]
    fn equal_values_are_never_a_conflict() {
        // A dirty row whose value the service already has (e.g. a push whose reply was
        // lost): adopted clean, whatever the sync counts.
        let (p, calls) = plan(
            vec![row("k", Some("v"), 1, 2, Some(50))],
            vec![remote("k", Some("v"), 7, Some(50))],
            PullKind::Incremental,
            Resolution::Abort,
        );
        assert_eq!(calls, 0);
        let new = p.writes[0].new.as_ref().unwrap();
        assert!(!new.dirty);
        assert_eq!(new.sync_count, 7);
        // Same value written later here: kept as a change so its time is pushed.
        let (p, calls) = plan(
            vec![row("k", Some("v"), 1, 1, Some(60))],
            vec![remote("k", Some("v"), 7, Some(50))],
            PullKind::Incremental,
            Resolution::Abort,
        );
        assert_eq!(calls, 0);
        let new = p.writes[0].new.as_ref().unwrap();
        assert!(new.dirty);
        assert_eq!(new.sync_count, 7);
        assert_eq!(new.device_ms, Some(60));
    }

    #[test]
    fn conflicts_go_to_the_resolver_and_rebase() {
        let local = vec![row("k", Some("mine"), 1, 1, Some(10))];
        let r = vec![remote("k", Some("theirs"), 4, Some(20))];
        let (p, calls) = plan(
            local.clone(),
            r.clone(),
            PullKind::Incremental,
            Resolution::KeepLocal,
        );
        assert_eq!((calls, p.conflicts), (1, 1));
        let new = p.writes[0].new.as_ref().unwrap();
        assert_eq!(
            (new.value.as_deref(), new.sync_count, new.dirty),
            (Some("mine"), 4, true)
        );
        let (p, _) = plan(
            local.clone(),
            r.clone(),
            PullKind::Incremental,
            Resolution::KeepRemote,
        );
        let new = p.writes[0].new.as_ref().unwrap();
        assert_eq!((new.value.as_deref(), new.dirty), (Some("theirs"), false));
        let (p, _) = plan(
            local.clone(),
            r.clone(),
            PullKind::Incremental,
            Resolution::Remove,
        );
        let new = p.writes[0].new.as_ref().unwrap();
        assert_eq!(
            (new.value.as_deref(), new.sync_count, new.dirty),
            (None, 4, true)
        );
        let (p, _) = plan(
            local.clone(),
            r.clone(),
            PullKind::Incremental,
            Resolution::Value("both".into()),
        );
        let new = p.writes[0].new.as_ref().unwrap();
        assert_eq!(
            (new.value.as_deref(), new.device_ms),
            (Some("both"), Some(1000))
        );
        let e = plan_pull(
            "id",
            "d",
            &rows(local),
            &r,
            PullKind::Incremental,
            0,
            &mut |_c: &Conflict| Resolution::Abort,
        )
        .unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Cancelled);
    }

    #[test]
    fn versions_already_known_are_skipped() {
        // Re-pulled after lowering the sync count: our own edit on top of version 3
        // must not be treated as a conflict with version 3 itself.
        let (p, calls) = plan(
            vec![
                row("k", Some("edit"), 3, 1, None),
                row("c", Some("x"), 5, 0, None),
            ],
            vec![
                remote("k", Some("base"), 3, None),
                remote("c", Some("x"), 5, None),
            ],
            PullKind::Incremental,
            Resolution::Abort,
        );
        assert_eq!(calls, 0);
        assert!(p.writes.is_empty());
    }

    #[test]
    fn full_pull_reconciles_keys_the_service_lacks() {
        let local = vec![
            row("gone", Some("x"), 4, 0, None),
            row("mine", Some("y"), 4, 1, None),
            row("local_only", Some("z"), 0, 1, None),
            row("removed", None, 4, 1, None),
        ];
        let (p, _) = plan(
            local,
            vec![],
            PullKind::Full {
                trust_counts: false,
            },
            Resolution::Abort,
        );
        let by_key: HashMap<&str, &PlannedWrite> =
            p.writes.iter().map(|w| (w.key.as_str(), w)).collect();
        assert!(by_key["gone"].new.is_none());
        assert!(by_key["removed"].new.is_none());
        let mine = by_key["mine"].new.as_ref().unwrap();
        assert_eq!((mine.sync_count, mine.dirty), (0, true));
        assert!(!by_key.contains_key("local_only"));
    }

    #[test]
    fn untrusted_counts_compare_values() {
        // After "No such SyncCount" a lower remote count is still the truth.
        let (p, _) = plan(
            vec![row("k", Some("old"), 9, 0, None)],
            vec![remote("k", Some("new"), 2, None)],
            PullKind::Full {
                trust_counts: false,
            },
            Resolution::Abort,
        );
        assert_eq!(p.writes[0].new.as_ref().unwrap().sync_count, 2);
    }

    #[test]
    fn dedup_keeps_newest() {
        let v = dedup(vec![
            remote("a", Some("1"), 1, None),
            remote("b", Some("1"), 2, None),
            remote("a", Some("2"), 3, None),
        ]);
        assert_eq!(v.len(), 2);
        assert_eq!(v[0].value.as_deref(), Some("2"));
    }
}
