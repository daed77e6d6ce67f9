//! The store side of a synchronize: consistent snapshots, and compare-and-swap
//! application of remote changes and push results.
//!
//! A synchronize reads a snapshot, talks to the service (no lock held), then applies
//! what it learned in one IMMEDIATE transaction that also moves the dataset's last sync
//! count. Each row is written only if it still equals the snapshot (value, sync count
//! and dirty counter; every local write bumps the counter), so a local write made while
//! the sync was on the network is never overwritten: the row is skipped and the sync
//! count is held back so the skipped remote change is fetched again.

use std::collections::HashMap;

use rusqlite::{params, Connection, OptionalExtension, Transaction, TransactionBehavior};

use super::local::{ensure_dataset, row_of, rows_of};
use super::Store;
use crate::sync::error::Result;
use crate::sync::record::{RemoteRecord, Row};

/// A consistent view of one dataset at the start of a sync step.
#[derive(Debug, Clone)]
pub(crate) struct Snapshot {
    pub last_sync_count: i64,
    pub pending_delete: bool,
    pub generation: i64,
    pub rows: HashMap<String, Row>,
}

/// The new content of a row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct NewRow {
    pub value: Option<String>,
    pub sync_count: i64,
    /// Whether the row keeps (or gets) a local change to push.
    pub dirty: bool,
    pub device_ms: Option<i64>,
    pub server_ms: Option<i64>,
    pub modified_by: Option<String>,
}

/// One row write of a merge, conditional on the row still being `expected`.
#[derive(Debug, Clone)]
pub(crate) struct PlannedWrite {
    pub key: String,
    /// The row as the plan saw it (`None`: absent).
    pub expected: Option<Row>,
    /// The row to write (`None`: delete the row).
    pub new: Option<NewRow>,
    /// If the row changed meanwhile, pull again from at most this sync count.
    pub refetch_from: i64,
}

/// What applying a pull did.
#[derive(Debug, Default)]
pub(crate) struct PullApplied {
    /// False when the dataset was deleted or replaced meanwhile: nothing was written.
    pub applied: bool,
    /// Keys whose visible value changed.
    pub changed: Vec<String>,
    /// Keys skipped because they changed locally meanwhile.
    pub skipped: Vec<String>,
    /// The last sync count stored.
    pub last_sync_count: i64,
}

/// The rows to push and the state they were read in.
#[derive(Debug, Clone)]
pub(crate) struct DirtySet {
    pub generation: i64,
    pub pending_delete: bool,
    pub last_sync_count: i64,
    pub rows: Vec<Row>,
}

/// What applying a push result did.
#[derive(Debug, Default)]
pub(crate) struct PushApplied {
    pub applied: bool,
    /// Records now clean (acknowledged).
    pub acknowledged: usize,
    /// Records written again locally meanwhile: they keep the change, on the new count.
    pub rebased: usize,
    /// Keys whose visible value the service changed (e.g. a sync trigger).
    pub changed: Vec<String>,
    /// Whether the last sync count was fast-forwarded.
    pub fast_forwarded: bool,
}

/// What a push sent and got back.
pub(crate) struct Pushed<'a> {
    /// The rows as pushed, by key.
    pub sent: &'a HashMap<String, Row>,
    /// The records the service returned.
    pub returned: &'a [RemoteRecord],
    /// `Some((from, to))`: move the last sync count from `from` to `to` (only if it is
    /// still `from`).
    pub fast_forward: Option<(i64, i64)>,
}

/// What to do locally when the service reports the dataset deleted by someone else.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RemoteDeletedAction {
    DeleteLocal,
    KeepUnsynced,
    RestoreFromLocal,
}

fn dataset_state(conn: &Connection, id: &str, name: &str) -> Result<Option<(i64, bool, i64)>> {
    Ok(conn
        .query_row(
            "SELECT last_sync_count, pending_delete, generation FROM datasets
              WHERE identity_id = ?1 AND name = ?2",
            params![id, name],
            |r| Ok((r.get(0)?, r.get::<_, i64>(1)? != 0, r.get(2)?)),
        )
        .optional()?)
}

fn same_state(a: &Row, b: &Row) -> bool {
    a.value == b.value && a.sync_count == b.sync_count && a.dirty == b.dirty
}

fn write_row(
    tx: &Transaction<'_>,
    id: &str,
    name: &str,
    key: &str,
    new: &NewRow,
    dirty: i64,
) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO records (identity_id, dataset, key, value, sync_count, dirty,
                              device_ms, server_ms, modified_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
         ON CONFLICT (identity_id, dataset, key) DO UPDATE
            SET value = excluded.value, sync_count = excluded.sync_count,
                dirty = excluded.dirty, device_ms = excluded.device_ms,
                server_ms = excluded.server_ms, modified_by = excluded.modified_by",
    )?
    .execute(params![
        id,
        name,
        key,
        new.value,
        new.sync_count,
        dirty,
        new.device_ms,
        new.server_ms,
        new.modified_by
    ])?;
    Ok(())
}

impl Store {
    /// A consistent snapshot of the dataset, creating its row if missing (a dataset the
    /// service has but this store does not yet).
    pub(crate) fn snapshot(&self, id: &str, name: &str, now_ms: i64) -> Result<Snapshot> {
        let mut conn = self.conn();
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        ensure_dataset(&tx, id, name, now_ms, None)?;
        let (last_sync_count, pending_delete, generation) =
            dataset_state(&tx, id, name)?.unwrap_or((0, false, 0));
        let rows = rows_of(&tx, id, name)?
            .into_iter()
            .map(|r| (r.key.clone(), r))
            .collect();
        tx.commit()?;
        Ok(Snapshot {
            last_sync_count,
            pending_delete,
            generation,
            rows,
        })
    }

    /// Applies a merge plan and stores `new_last_sync_count`, all or nothing against the
    /// dataset (`generation` must be unchanged), row by row against the snapshot.
    pub(crate) fn apply_pull(
        &self,
        id: &str,
        name: &str,
        generation: i64,
        writes: &[PlannedWrite],
        new_last_sync_count: i64,
        now_ms: i64,
    ) -> Result<PullApplied> {
        let mut conn = self.conn();
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        match dataset_state(&tx, id, name)? {
            Some((_, false, g)) if g == generation => {}
            _ => return Ok(PullApplied::default()),
        }
        let mut out = PullApplied {
            applied: true,
            ..PullApplied::default()
        };
        let mut last_sync_count = new_last_sync_count;
        for w in writes {
            let current = row_of(&tx, id, name, &w.key)?;
            let unchanged = match (&current, &w.expected) {
                (None, None) => true,
                (Some(c), Some(e)) => same_state(c, e),
                _ => false,
            };
            if !unchanged {
                out.skipped.push(w.key.clone());
                last_sync_count = last_sync_count.min(w.refetch_from);
                continue;
            }
            let old_value = current.as_ref().and_then(|c| c.value.as_deref());
            match &w.new {
                None => {
                    tx.prepare_cached(
                        "DELETE FROM records WHERE identity_id = ?1 AND dataset = ?2 AND key = ?3",
                    )?
                    .execute(params![id, name, w.key])?;
                    if old_value.is_some() {
                        out.changed.push(w.key.clone());
                    }
                }
                Some(new) => {
                    let dirty = if new.dirty {
                        current.as_ref().map_or(1, |c| c.dirty.max(0) + 1)
                    } else {
                        0
                    };
                    write_row(&tx, id, name, &w.key, new, dirty)?;
                    if old_value != new.value.as_deref() {
                        out.changed.push(w.key.clone());
                    }
                }
            }
        }
        let modified = if out.changed.is_empty() {
            None
        } else {
            Some(now_ms)
        };
        tx.execute(
            "UPDATE datasets SET last_sync_count = ?3, modified_ms = COALESCE(?4, modified_ms)
              WHERE identity_id = ?1 AND name = ?2",
            params![id, name, last_sync_count, modified],
        )?;
        tx.commit()?;
        out.last_sync_count = last_sync_count;
        Ok(out)
    }

    /// The rows with local changes, read consistently with the dataset state.
    pub(crate) fn dirty_set(&self, id: &str, name: &str) -> Result<Option<DirtySet>> {
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        let Some((last_sync_count, pending_delete, generation)) = dataset_state(&tx, id, name)?
        else {
            return Ok(None);
        };
        let rows = {
            let sql = format!(
                "SELECT {} FROM records WHERE identity_id = ?1 AND dataset = ?2 AND dirty <> 0
                  ORDER BY key",
                super::local::ROW_COLUMNS
            );
            let mut stmt = tx.prepare_cached(&sql)?;
            let rows = stmt
                .query_map(params![id, name], super::local::read_row)?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            rows
        };
        tx.commit()?;
        Ok(Some(DirtySet {
            generation,
            pending_delete,
            last_sync_count,
            rows,
        }))
    }

    /// Stores what the service acknowledged for pushed rows. A row written again
    /// meanwhile keeps its new value and change, now based on the acknowledged sync
    /// count.
    pub(crate) fn apply_push(
        &self,
        id: &str,
        name: &str,
        generation: i64,
        pushed: &Pushed<'_>,
        now_ms: i64,
    ) -> Result<PushApplied> {
        let mut conn = self.conn();
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        match dataset_state(&tx, id, name)? {
            Some((_, _, g)) if g == generation => {}
            _ => return Ok(PushApplied::default()),
        }
        let mut out = PushApplied {
            applied: true,
            ..PushApplied::default()
        };
        for r in pushed.returned {
            let Some(sent) = pushed.sent.get(&r.key) else {
                continue; // not ours (e.g. added by a sync trigger): the next pull fetches it
            };
            let Some(current) = row_of(&tx, id, name, &r.key)? else {
                continue;
            };
            if same_state(&current, sent) {
                let new = NewRow {
                    value: r.value.clone(),
                    sync_count: r.sync_count,
                    dirty: false,
                    device_ms: r.device_ms.or(sent.device_ms),
                    server_ms: r.server_ms,
                    modified_by: r.modified_by.clone(),
                };
                write_row(&tx, id, name, &r.key, &new, 0)?;
                if r.value != current.value {
                    out.changed.push(r.key.clone());
                }
                out.acknowledged += 1;
            } else if current.sync_count == sent.sync_count {
                tx.prepare_cached(
                    "UPDATE records SET sync_count = ?4, server_ms = ?5, modified_by = ?6
                      WHERE identity_id = ?1 AND dataset = ?2 AND key = ?3",
                )?
                .execute(params![
                    id,
                    name,
                    r.key,
                    r.sync_count,
                    r.server_ms,
                    r.modified_by
                ])?;
                out.rebased += 1;
            }
        }
        if let Some((from, to)) = pushed.fast_forward {
            let n = tx.execute(
                "UPDATE datasets SET last_sync_count = ?4
                  WHERE identity_id = ?1 AND name = ?2 AND last_sync_count = ?3",
                params![id, name, from, to],
            )?;
            out.fast_forwarded = n == 1;
        }
        if !out.changed.is_empty() {
            tx.execute(
                "UPDATE datasets SET modified_ms = ?3 WHERE identity_id = ?1 AND name = ?2",
                params![id, name, now_ms],
            )?;
        }
        tx.commit()?;
        Ok(out)
    }

    /// After the service deleted a locally deleted dataset: drops it for good, or, if
    /// records were written since the deletion, turns it into a new dataset to push.
    /// Returns `None` if the dataset changed meanwhile (deleted again), else whether it
    /// was dropped.
    pub(crate) fn finish_local_delete(
        &self,
        id: &str,
        name: &str,
        generation: i64,
    ) -> Result<Option<bool>> {
        let mut conn = self.conn();
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        match dataset_state(&tx, id, name)? {
            Some((_, true, g)) if g == generation => {}
            _ => return Ok(None),
        }
        let has_records: bool = tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM records WHERE identity_id = ?1 AND dataset = ?2)",
            params![id, name],
            |r| r.get(0),
        )?;
        if has_records {
            tx.execute(
                "UPDATE records SET sync_count = 0 WHERE identity_id = ?1 AND dataset = ?2",
                params![id, name],
            )?;
            tx.execute(
                "UPDATE datasets SET pending_delete = 0, last_sync_count = 0
                  WHERE identity_id = ?1 AND name = ?2",
                params![id, name],
            )?;
        } else {
            tx.execute(
                "DELETE FROM datasets WHERE identity_id = ?1 AND name = ?2",
                params![id, name],
            )?;
        }
        tx.commit()?;
        Ok(Some(!has_records))
    }

    /// Applies the host's decision about a dataset the service reports as deleted by
    /// someone else. Returns the keys whose value disappeared, or `None` if the dataset
    /// changed meanwhile.
    pub(crate) fn apply_remote_deleted(
        &self,
        id: &str,
        name: &str,
        generation: i64,
        action: RemoteDeletedAction,
        now_ms: i64,
    ) -> Result<Option<Vec<String>>> {
        let mut conn = self.conn();
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        match dataset_state(&tx, id, name)? {
            Some((_, false, g)) if g == generation => {}
            _ => return Ok(None),
        }
        let gone_sql = match action {
            RemoteDeletedAction::DeleteLocal => {
                "SELECT key FROM records WHERE identity_id = ?1 AND dataset = ?2
                   AND value IS NOT NULL ORDER BY key"
            }
            RemoteDeletedAction::KeepUnsynced => {
                "SELECT key FROM records WHERE identity_id = ?1 AND dataset = ?2
                   AND value IS NOT NULL AND dirty = 0 ORDER BY key"
            }
            RemoteDeletedAction::RestoreFromLocal => {
                "SELECT key FROM records WHERE identity_id = ?1 AND dataset = ?2 AND 0"
            }
        };
        let gone: Vec<String> = {
            let mut stmt = tx.prepare(gone_sql)?;
            let v = stmt
                .query_map(params![id, name], |r| r.get(0))?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            v
        };
        match action {
            RemoteDeletedAction::DeleteLocal => {
                tx.execute(
                    "DELETE FROM datasets WHERE identity_id = ?1 AND name = ?2",
                    params![id, name],
                )?;
            }
            RemoteDeletedAction::KeepUnsynced | RemoteDeletedAction::RestoreFromLocal => {
                if action == RemoteDeletedAction::KeepUnsynced {
                    tx.execute(
                        "DELETE FROM records WHERE identity_id = ?1 AND dataset = ?2 AND dirty = 0",
                        params![id, name],
                    )?;
                } else {
                    tx.execute(
                        "DELETE FROM records WHERE identity_id = ?1 AND dataset = ?2
                            AND dirty = 0 AND value IS NULL",
                        params![id, name],
                    )?;
                    tx.execute(
                        "UPDATE records SET dirty = MAX(dirty, 1)
                          WHERE identity_id = ?1 AND dataset = ?2",
                        params![id, name],
                    )?;
                }
                tx.execute(
                    "UPDATE records SET sync_count = 0 WHERE identity_id = ?1 AND dataset = ?2",
                    params![id, name],
                )?;
                tx.execute(
                    "UPDATE datasets SET last_sync_count = 0, generation = generation + 1,
                            modified_ms = ?3
                      WHERE identity_id = ?1 AND name = ?2",
                    params![id, name, now_ms],
                )?;
            }
        }
        tx.commit()?;
        Ok(Some(gone))
    }

    /// Records the end of a successful sync.
    pub(crate) fn mark_synced(&self, id: &str, name: &str, now_ms: i64) -> Result<()> {
        let conn = self.conn();
        conn.execute(
            "UPDATE datasets SET last_sync_ms = ?3 WHERE identity_id = ?1 AND name = ?2",
            params![id, name, now_ms],
        )?;
        Ok(())
    }

    /// Names of every dataset of the identity, pending deletions first (they free room
    /// under the service's datasets-per-identity limit).
    pub(crate) fn dataset_names_for_sync(&self, id: &str) -> Result<Vec<String>> {
        let conn = self.conn();
        let mut stmt = conn.prepare(
            "SELECT name FROM datasets WHERE identity_id = ?1 ORDER BY pending_delete DESC, name",
        )?;
        let names = stmt
            .query_map(params![id], |r| r.get(0))?
            .collect::<rusqlite::Result<Vec<String>>>()?;
        Ok(names)
    }

    /// Stores the service's dataset list: creates rows for datasets this store lacks and
    /// records the reported figures.
    pub(crate) fn store_remote_datasets(
        &self,
        id: &str,
        remote: &[RemoteDatasetRow],
        now_ms: i64,
    ) -> Result<Vec<String>> {
        let mut conn = self.conn();
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let mut created = Vec::new();
        for d in remote {
            if ensure_dataset(&tx, id, &d.name, now_ms, None)? {
                created.push(d.name.clone());
            }
            tx.execute(
                "UPDATE datasets SET remote_data_storage = ?3, remote_num_records = ?4,
                        remote_created_ms = ?5, remote_modified_ms = ?6,
                        remote_modified_by = ?7, remote_refreshed_ms = ?8
                  WHERE identity_id = ?1 AND name = ?2",
                params![
                    id,
                    d.name,
                    d.data_storage,
                    d.num_records,
                    d.created_ms,
                    d.modified_ms,
                    d.modified_by,
                    now_ms
                ],
            )?;
        }
        tx.commit()?;
        Ok(created)
    }
}

/// One dataset of the service's list, in store units.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RemoteDatasetRow {
    pub name: String,
    pub data_storage: Option<i64>,
    pub num_records: Option<i64>,
    pub created_ms: Option<i64>,
    pub modified_ms: Option<i64>,
    pub modified_by: Option<String>,
}
