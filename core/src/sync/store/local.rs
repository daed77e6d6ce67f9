//! Local reads and writes: what works with no network at all.

use std::collections::BTreeMap;

use rusqlite::{params, Connection, OptionalExtension, TransactionBehavior};

use super::Store;
use crate::sync::error::{Error, Result};
use crate::sync::limits::{record_size, Limits};
use crate::sync::record::{DatasetInfo, RemoteDatasetInfo, Row};
use crate::sync::time::from_ms;

const META_ACTIVE_IDENTITY: &str = "active_identity";

/// What a local write changed.
#[derive(Debug, Default)]
pub(crate) struct WriteOutcome {
    /// Keys whose value changed (in the order written).
    pub changed: Vec<String>,
}

/// What to do with a dataset that exists under both identities of a move.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum OnCollision {
    /// Change nothing and report the collision.
    Fail,
    /// Move the others and leave the colliding datasets where they are.
    LeaveBehind,
}

/// Result of moving datasets from one identity to another.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct MoveOutcome {
    pub moved: Vec<String>,
    pub left_behind: Vec<String>,
}

pub(crate) const ROW_COLUMNS: &str =
    "key, value, sync_count, dirty, device_ms, server_ms, modified_by";

pub(crate) fn read_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Row> {
    Ok(Row {
        key: r.get(0)?,
        value: r.get(1)?,
        sync_count: r.get(2)?,
        dirty: r.get(3)?,
        device_ms: r.get(4)?,
        server_ms: r.get(5)?,
        modified_by: r.get(6)?,
    })
}

pub(crate) fn row_of(conn: &Connection, id: &str, name: &str, key: &str) -> Result<Option<Row>> {
    Ok(conn
        .prepare_cached(
            "SELECT key, value, sync_count, dirty, device_ms, server_ms, modified_by
               FROM records WHERE identity_id = ?1 AND dataset = ?2 AND key = ?3",
        )?
        .query_row(params![id, name, key], read_row)
        .optional()?)
}

pub(crate) fn rows_of(conn: &Connection, id: &str, name: &str) -> Result<Vec<Row>> {
    let sql = format!(
        "SELECT {ROW_COLUMNS} FROM records WHERE identity_id = ?1 AND dataset = ?2 ORDER BY key"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt
        .query_map(params![id, name], read_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// (size in bytes, live record count) of a dataset, counted like [`record_size`] and
/// maintained by triggers.
fn size_and_count(conn: &Connection, id: &str, name: &str) -> Result<(u64, u64)> {
    let (size, count): (i64, i64) = conn
        .prepare_cached(
            "SELECT live_bytes, live_count FROM datasets WHERE identity_id = ?1 AND name = ?2",
        )?
        .query_row(params![id, name], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?
        .unwrap_or((0, 0));
    Ok((size.max(0) as u64, count.max(0) as u64))
}

pub(crate) fn dataset_exists(conn: &Connection, id: &str, name: &str) -> Result<bool> {
    Ok(conn
        .prepare_cached("SELECT 1 FROM datasets WHERE identity_id = ?1 AND name = ?2")?
        .query_row(params![id, name], |_| Ok(()))
        .optional()?
        .is_some())
}

/// Creates the dataset row if missing; `limits` (when given) caps datasets per identity.
/// Returns whether it was created.
pub(crate) fn ensure_dataset(
    conn: &Connection,
    id: &str,
    name: &str,
    now_ms: i64,
    limits: Option<&Limits>,
) -> Result<bool> {
    if dataset_exists(conn, id, name)? {
        return Ok(false);
    }
    if let Some(limits) = limits {
        let n: i64 = conn.query_row(
            "SELECT COUNT(*) FROM datasets WHERE identity_id = ?1 AND pending_delete = 0",
            params![id],
            |r| r.get(0),
        )?;
        if n as usize >= limits.max_datasets {
            return Err(Error::limit(format!(
                "identity already has {n} datasets, the limit is {}; delete one first",
                limits.max_datasets
            )));
        }
    }
    conn.execute(
        "INSERT INTO datasets (identity_id, name, created_ms, modified_ms) VALUES (?1, ?2, ?3, ?3)",
        params![id, name, now_ms],
    )?;
    Ok(true)
}

const INFO_SELECT: &str = "
    SELECT d.name, d.identity_id, d.created_ms, d.modified_ms, d.last_sync_ms,
           d.last_sync_count, d.pending_delete,
           d.remote_data_storage, d.remote_num_records, d.remote_created_ms,
           d.remote_modified_ms, d.remote_modified_by, d.remote_refreshed_ms,
           d.live_count, d.live_bytes,
           (SELECT COUNT(*) FROM records r
             WHERE r.identity_id = d.identity_id AND r.dataset = d.name AND r.dirty <> 0)
      FROM datasets d";

fn read_info(r: &rusqlite::Row<'_>) -> rusqlite::Result<DatasetInfo> {
    let refreshed: Option<i64> = r.get(12)?;
    let remote = refreshed.map(|ms| -> rusqlite::Result<RemoteDatasetInfo> {
        Ok(RemoteDatasetInfo {
            data_storage: r.get(7)?,
            num_records: r.get(8)?,
            creation_date: r.get::<_, Option<i64>>(9)?.map(from_ms),
            last_modified: r.get::<_, Option<i64>>(10)?.map(from_ms),
            last_modified_by: r.get(11)?,
            refreshed: from_ms(ms),
        })
    });
    let count: i64 = r.get(13)?;
    let size: i64 = r.get(14)?;
    let dirty: i64 = r.get(15)?;
    Ok(DatasetInfo {
        name: r.get(0)?,
        identity_id: r.get(1)?,
        created: from_ms(r.get(2)?),
        last_modified: from_ms(r.get(3)?),
        last_sync: r.get::<_, Option<i64>>(4)?.map(from_ms),
        last_sync_count: r.get(5)?,
        pending_delete: r.get::<_, i64>(6)? != 0,
        record_count: count.max(0) as u64,
        size_bytes: size.max(0) as u64,
        unsynced_records: dirty.max(0) as u64,
        remote: remote.transpose()?,
    })
}

impl Store {
    /// The identity whose data local operations use, if one was ever set.
    pub(crate) fn active_identity(&self) -> Result<Option<String>> {
        self.meta(META_ACTIVE_IDENTITY)
    }

    pub(crate) fn meta(&self, key: &str) -> Result<Option<String>> {
        let conn = self.conn();
        Ok(conn
            .query_row(
                "SELECT value FROM store_meta WHERE key = ?1",
                params![key],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// Creates the dataset if missing, within the datasets-per-identity limit.
    pub(crate) fn ensure_dataset(
        &self,
        id: &str,
        name: &str,
        now_ms: i64,
        limits: &Limits,
    ) -> Result<bool> {
        let mut conn = self.conn();
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let created = ensure_dataset(&tx, id, name, now_ms, Some(limits))?;
        tx.commit()?;
        Ok(created)
    }

    /// Writes values (`None` removes) in one transaction; unchanged values are not
    /// rewritten and stay clean. Fails without writing anything if a limit would be
    /// exceeded by growing the dataset (shrinking an oversized dataset is allowed).
    pub(crate) fn write(
        &self,
        id: &str,
        name: &str,
        entries: &[(String, Option<String>)],
        now_ms: i64,
        limits: &Limits,
    ) -> Result<WriteOutcome> {
        let mut conn = self.conn();
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        ensure_dataset(&tx, id, name, now_ms, Some(limits))?;
        let (size0, count0) = size_and_count(&tx, id, name)?;
        let (mut size, mut count) = (size0, count0);
        let mut changed = Vec::new();
        let mut seen = std::collections::HashSet::new();
        let mut read = tx.prepare_cached(
            "SELECT value FROM records WHERE identity_id = ?1 AND dataset = ?2 AND key = ?3",
        )?;
        let mut upsert = tx.prepare_cached(
            "INSERT INTO records (identity_id, dataset, key, value, sync_count, dirty, device_ms)
             VALUES (?1, ?2, ?3, ?4, 0, 1, ?5)
             ON CONFLICT (identity_id, dataset, key) DO UPDATE
                SET value = excluded.value, dirty = dirty + 1, device_ms = excluded.device_ms",
        )?;
        for (key, value) in entries {
            let current: Option<Option<String>> = read
                .query_row(params![id, name, key], |r| r.get(0))
                .optional()?;
            let old = current.as_ref().and_then(|v| v.as_deref());
            if old == value.as_deref() && (current.is_some() || value.is_none()) {
                continue; // unchanged, or removing a key that was never there
            }
            size = size + record_size(key, value.as_deref()) - record_size(key, old);
            count = count + u64::from(value.is_some()) - u64::from(old.is_some());
            upsert.execute(params![id, name, key, value, now_ms])?;
            if seen.insert(key.as_str()) {
                changed.push(key.clone());
            }
        }
        drop((read, upsert));
        if size > limits.max_dataset_bytes && size > size0 {
            return Err(Error::limit(format!(
                "dataset {name:?} would be {size} bytes, the limit is {}",
                limits.max_dataset_bytes
            )));
        }
        if count > limits.max_records as u64 && count > count0 {
            return Err(Error::limit(format!(
                "dataset {name:?} would hold {count} records, the limit is {}",
                limits.max_records
            )));
        }
        if !changed.is_empty() {
            tx.prepare_cached(
                "UPDATE datasets SET modified_ms = ?3 WHERE identity_id = ?1 AND name = ?2",
            )?
            .execute(params![id, name, now_ms])?;
        }
        tx.commit()?;
        Ok(WriteOutcome { changed })
    }

    pub(crate) fn get(&self, id: &str, name: &str, key: &str) -> Result<Option<String>> {
        let conn = self.conn();
        let v: Option<Option<String>> = conn
            .prepare_cached(
                "SELECT value FROM records WHERE identity_id = ?1 AND dataset = ?2 AND key = ?3",
            )?
            .query_row(params![id, name, key], |r| r.get(0))
            .optional()?;
        Ok(v.flatten())
    }

    pub(crate) fn row(&self, id: &str, name: &str, key: &str) -> Result<Option<Row>> {
        row_of(&self.conn(), id, name, key)
    }

    pub(crate) fn rows(&self, id: &str, name: &str) -> Result<Vec<Row>> {
        rows_of(&self.conn(), id, name)
    }

    pub(crate) fn get_all(&self, id: &str, name: &str) -> Result<BTreeMap<String, String>> {
        let conn = self.conn();
        let mut stmt = conn.prepare_cached(
            "SELECT key, value FROM records
              WHERE identity_id = ?1 AND dataset = ?2 AND value IS NOT NULL",
        )?;
        let map = stmt
            .query_map(params![id, name], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<BTreeMap<String, String>>>()?;
        Ok(map)
    }

    pub(crate) fn size_and_count(&self, id: &str, name: &str) -> Result<(u64, u64)> {
        size_and_count(&self.conn(), id, name)
    }

    pub(crate) fn dataset_info(&self, id: &str, name: &str) -> Result<Option<DatasetInfo>> {
        let conn = self.conn();
        let sql = format!("{INFO_SELECT} WHERE d.identity_id = ?1 AND d.name = ?2");
        Ok(conn
            .query_row(&sql, params![id, name], read_info)
            .optional()?)
    }

    /// The identity's datasets by name. Datasets deleted locally and waiting for the
    /// deletion to sync are included only with `include_deleted` (or once written again).
    pub(crate) fn list_datasets(
        &self,
        id: &str,
        include_deleted: bool,
    ) -> Result<Vec<DatasetInfo>> {
        let conn = self.conn();
        let sql = format!("{INFO_SELECT} WHERE d.identity_id = ?1 ORDER BY d.name");
        let mut stmt = conn.prepare(&sql)?;
        let all = stmt
            .query_map(params![id], read_info)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(all
            .into_iter()
            .filter(|d| {
                include_deleted || !d.pending_delete || d.record_count > 0 || d.unsynced_records > 0
            })
            .collect())
    }

    /// Whether any dataset of the identity has something to push.
    pub(crate) fn identity_has_unsynced(&self, id: &str) -> Result<bool> {
        let conn = self.conn();
        let n: i64 = conn.query_row(
            "SELECT (SELECT COUNT(*) FROM datasets WHERE identity_id = ?1 AND pending_delete <> 0)
                  + (SELECT COUNT(*) FROM records WHERE identity_id = ?1 AND dirty <> 0)",
            params![id],
            |r| r.get(0),
        )?;
        Ok(n > 0)
    }

    /// Deletes a dataset locally: its records go at once, the dataset stays as a pending
    /// deletion until a synchronize deletes it on the service. Returns the keys that had
    /// a value.
    pub(crate) fn delete_dataset(&self, id: &str, name: &str, now_ms: i64) -> Result<Vec<String>> {
        let mut conn = self.conn();
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let keys: Vec<String> = {
            let mut stmt = tx.prepare(
                "SELECT key FROM records
                  WHERE identity_id = ?1 AND dataset = ?2 AND value IS NOT NULL ORDER BY key",
            )?;
            let keys = stmt
                .query_map(params![id, name], |r| r.get(0))?
                .collect::<rusqlite::Result<Vec<String>>>()?;
            keys
        };
        tx.execute(
            "DELETE FROM records WHERE identity_id = ?1 AND dataset = ?2",
            params![id, name],
        )?;
        tx.execute(
            "UPDATE datasets SET pending_delete = 1, last_sync_count = 0,
                    generation = generation + 1, modified_ms = ?3
              WHERE identity_id = ?1 AND name = ?2",
            params![id, name, now_ms],
        )?;
        tx.commit()?;
        Ok(keys)
    }

    /// Deletes every dataset of every identity. Settings (the active identity) stay.
    pub(crate) fn wipe_all(&self) -> Result<()> {
        let mut conn = self.conn();
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        tx.execute("DELETE FROM records", [])?;
        tx.execute("DELETE FROM datasets", [])?;
        tx.commit()?;
        Ok(())
    }

    /// Deletes every dataset of one identity.
    pub(crate) fn wipe_identity(&self, id: &str) -> Result<()> {
        let mut conn = self.conn();
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        tx.execute("DELETE FROM records WHERE identity_id = ?1", params![id])?;
        tx.execute("DELETE FROM datasets WHERE identity_id = ?1", params![id])?;
        tx.commit()?;
        Ok(())
    }

    /// Identities that own at least one dataset in this store.
    pub(crate) fn identities(&self) -> Result<Vec<String>> {
        let conn = self.conn();
        let mut stmt =
            conn.prepare("SELECT DISTINCT identity_id FROM datasets ORDER BY identity_id")?;
        let ids = stmt
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<Vec<String>>>()?;
        Ok(ids)
    }

    /// Switches the active identity to `to` in one transaction, first moving `from`'s
    /// datasets to `to` when `move_data` is set, or discarding them with `discard`.
    ///
    /// Moved datasets become local changes of the new identity: sync counts reset to 0,
    /// every record with a value marked changed, tombstones dropped (the new identity
    /// never had those keys). A dataset `from` had deleted locally keeps its pending
    /// deletion under `from`.
    pub(crate) fn switch_identity(
        &self,
        from: Option<&str>,
        to: &str,
        transfer: Transfer,
        now_ms: i64,
    ) -> Result<MoveOutcome> {
        let mut conn = self.conn();
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let mut outcome = MoveOutcome::default();
        match (from, transfer) {
            (Some(from), Transfer::Move(on_collision)) if from != to => {
                outcome = move_datasets(&tx, from, to, on_collision, now_ms)?;
            }
            (Some(from), Transfer::Discard) if from != to => {
                tx.execute("DELETE FROM records WHERE identity_id = ?1", params![from])?;
                tx.execute("DELETE FROM datasets WHERE identity_id = ?1", params![from])?;
            }
            _ => {}
        }
        tx.execute(
            "INSERT INTO store_meta (key, value) VALUES (?1, ?2)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            params![META_ACTIVE_IDENTITY, to],
        )?;
        tx.commit()?;
        Ok(outcome)
    }
}

/// What an identity switch does with the previous identity's data.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Transfer {
    Keep,
    Move(OnCollision),
    Discard,
}

fn move_datasets(
    conn: &Connection,
    from: &str,
    to: &str,
    on_collision: OnCollision,
    now_ms: i64,
) -> Result<MoveOutcome> {
    // (name, pending_delete, has records)
    let datasets: Vec<(String, bool, bool)> = {
        let mut stmt = conn.prepare(
            "SELECT d.name, d.pending_delete,
                    EXISTS (SELECT 1 FROM records r WHERE r.identity_id = d.identity_id
                                                      AND r.dataset = d.name)
               FROM datasets d WHERE d.identity_id = ?1 ORDER BY d.name",
        )?;
        let v = stmt
            .query_map(params![from], |r| {
                Ok((r.get(0)?, r.get::<_, i64>(1)? != 0, r.get(2)?))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        v
    };
    let mut outcome = MoveOutcome::default();
    let mut collisions = Vec::new();
    let mut to_move = Vec::new();
    for (name, pending_delete, has_records) in datasets {
        if pending_delete && !has_records {
            continue; // nothing to carry over; the deletion belongs to `from`
        }
        if dataset_exists(conn, to, &name)? {
            collisions.push(name);
        } else {
            to_move.push((name, pending_delete));
        }
    }
    if !collisions.is_empty() && on_collision == OnCollision::Fail {
        return Err(Error::collision(collisions));
    }
    for (name, pending_delete) in to_move {
        conn.execute(
            "DELETE FROM records WHERE identity_id = ?1 AND dataset = ?2 AND value IS NULL",
            params![from, name],
        )?;
        conn.execute(
            "UPDATE records SET sync_count = 0, dirty = MAX(dirty, 1),
                    server_ms = NULL, modified_by = NULL
              WHERE identity_id = ?1 AND dataset = ?2",
            params![from, name],
        )?;
        // Records follow through ON UPDATE CASCADE.
        conn.execute(
            "UPDATE datasets SET identity_id = ?3, last_sync_count = 0, pending_delete = 0,
                    generation = generation + 1, modified_ms = ?4, last_sync_ms = NULL,
                    remote_data_storage = NULL, remote_num_records = NULL,
                    remote_created_ms = NULL, remote_modified_ms = NULL,
                    remote_modified_by = NULL, remote_refreshed_ms = NULL
              WHERE identity_id = ?1 AND name = ?2",
            params![from, name, to, now_ms],
        )?;
        if pending_delete {
            conn.execute(
                "INSERT INTO datasets (identity_id, name, pending_delete, created_ms, modified_ms)
                 VALUES (?1, ?2, 1, ?3, ?3)",
                params![from, name, now_ms],
            )?;
        }
        outcome.moved.push(name);
    }
    outcome.left_behind = collisions;
    Ok(outcome)
}
