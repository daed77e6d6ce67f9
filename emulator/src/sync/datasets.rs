//! Datasets: DescribeDataset, DeleteDataset, ListDatasets, and the dataset row shared by the
//! record operations.

use rusqlite::{params, Connection, OptionalExtension};
use serde_json::{json, Value};

use super::{push, require_pool, Call};
use crate::api_error::ApiError;
use crate::events;
use crate::reply::Reply;
use crate::time::{now_ms, wire_seconds};

/// One row of `datasets` (live, or kept after deletion to continue its SyncCount).
#[derive(Debug, Clone)]
pub(crate) struct DatasetRow {
    pub(crate) name: String,
    pub(crate) live: bool,
    pub(crate) created_ms: i64,
    pub(crate) modified_ms: i64,
    pub(crate) modified_by: Option<String>,
    pub(crate) sync_count: i64,
    pub(crate) deleted_at: i64,
    pub(crate) data_storage: i64,
    pub(crate) num_records: i64,
}

const COLUMNS: &str =
    "name, live, created_ms, modified_ms, modified_by, sync_count, deleted_at, data_storage, num_records";

fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<DatasetRow> {
    Ok(DatasetRow {
        name: r.get(0)?,
        live: r.get(1)?,
        created_ms: r.get(2)?,
        modified_ms: r.get(3)?,
        modified_by: r.get(4)?,
        sync_count: r.get(5)?,
        deleted_at: r.get(6)?,
        data_storage: r.get(7)?,
        num_records: r.get(8)?,
    })
}

/// Loads a dataset row, live or not.
pub(crate) fn load(
    tx: &Connection,
    pool_id: &str,
    identity_id: &str,
    name: &str,
) -> Result<Option<DatasetRow>, ApiError> {
    let mut stmt = tx.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM datasets WHERE pool_id = ?1 AND identity_id = ?2 AND name = ?3"
    ))?;
    Ok(stmt
        .query_row(params![pool_id, identity_id, name], from_row)
        .optional()?)
}

/// The wire `Dataset` shape.
pub(crate) fn dataset_json(identity_id: &str, d: &DatasetRow) -> Value {
    json!({
        "IdentityId": identity_id,
        "DatasetName": d.name,
        "CreationDate": wire_seconds(d.created_ms),
        "LastModifiedDate": wire_seconds(d.modified_ms),
        "LastModifiedBy": d.modified_by,
        "DataStorage": d.data_storage,
        "NumRecords": d.num_records,
    })
}

fn not_found(name: &str) -> ApiError {
    ApiError::not_found(format!("Dataset '{name}' not found."))
}

pub(crate) fn describe_dataset(call: &Call<'_>) -> Result<Reply, ApiError> {
    let r = call.route;
    let ds = call.state.store.read(|tx| {
        require_pool(tx, &r.pool_id)?;
        load(tx, &r.pool_id, &r.identity_id, &r.dataset)
    })?;
    match ds {
        Some(d) if d.live => Reply::json(&json!({ "Dataset": dataset_json(&r.identity_id, &d) })),
        _ => Err(not_found(&r.dataset)),
    }
}

pub(crate) fn delete_dataset(call: &Call<'_>) -> Result<Reply, ApiError> {
    let r = call.route;
    let state = call.state;
    let out = state.store.write(|tx| {
        require_pool(tx, &r.pool_id)?;
        let Some(d) = load(tx, &r.pool_id, &r.identity_id, &r.dataset)?.filter(|d| d.live) else {
            return Err(not_found(&r.dataset));
        };
        let now = now_ms();
        // The deletion consumes one SyncCount, so a client that synced before it can be told
        // DatasetDeletedAfterRequestedSyncCount, even after the name is re-created.
        let deleted_at = d.sync_count + 1;
        tx.execute(
            "UPDATE datasets SET live = 0, sync_count = ?4, deleted_at = ?4, modified_ms = ?5,
                 modified_by = ?6, data_storage = 0, num_records = 0
             WHERE pool_id = ?1 AND identity_id = ?2 AND name = ?3",
            params![
                r.pool_id,
                r.identity_id,
                r.dataset,
                deleted_at,
                now,
                call.caller.modified_by(&state.config.account_id)
            ],
        )?;
        tx.execute(
            "DELETE FROM records WHERE pool_id = ?1 AND identity_id = ?2 AND dataset = ?3",
            params![r.pool_id, r.identity_id, r.dataset],
        )?;
        tx.execute(
            "UPDATE pools SET modified_ms = ?2 WHERE id = ?1",
            params![r.pool_id, now],
        )?;
        events::record_stream_deletion(
            tx,
            &r.pool_id,
            &r.identity_id,
            &r.dataset,
            deleted_at,
            now,
        )?;
        push::notify(tx, &r.pool_id, &r.identity_id, &r.dataset, deleted_at, None)?;
        tx.execute(
            "DELETE FROM subscriptions WHERE pool_id = ?1 AND identity_id = ?2 AND dataset = ?3",
            params![r.pool_id, r.identity_id, r.dataset],
        )?;
        Ok(d)
    })?;
    Reply::json(&json!({ "Dataset": dataset_json(&r.identity_id, &out) }))
}

pub(crate) fn list_datasets(call: &Call<'_>) -> Result<Reply, ApiError> {
    let r = call.route;
    let state = call.state;
    let max = call.max_results(64, 1024)?;
    let after = match call.query("nextToken") {
        None => String::new(),
        Some(t) => {
            let f = state
                .tokens
                .open("ld", t)
                .filter(|f| f.len() == 3 && f[0] == r.pool_id && f[1] == r.identity_id)
                .ok_or_else(|| ApiError::invalid_parameter("Invalid NextToken"))?;
            f[2].clone()
        }
    };
    let rows = state.store.read(|tx| {
        require_pool(tx, &r.pool_id)?;
        let mut stmt = tx.prepare_cached(&format!(
            "SELECT {COLUMNS} FROM datasets
             WHERE pool_id = ?1 AND identity_id = ?2 AND live = 1 AND name > ?3
             ORDER BY name LIMIT ?4"
        ))?;
        let rows = stmt
            .query_map(params![r.pool_id, r.identity_id, after, max + 1], from_row)?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(rows)
    })?;
    let more = rows.len() as i64 > max;
    let page: Vec<&DatasetRow> = rows.iter().take(max as usize).collect();
    let next = match (more, page.last()) {
        (true, Some(last)) => Some(
            state
                .tokens
                .seal("ld", &[&r.pool_id, &r.identity_id, &last.name]),
        ),
        _ => None,
    };
    let datasets: Vec<Value> = page
        .iter()
        .map(|d| dataset_json(&r.identity_id, d))
        .collect();
    Reply::json(&json!({
        "Count": datasets.len(),
        "Datasets": datasets,
        "NextToken": next,
    }))
}

/// Live datasets of one identity.
pub(crate) fn live_count(
    tx: &Connection,
    pool_id: &str,
    identity_id: &str,
) -> Result<i64, ApiError> {
    Ok(tx.query_row(
        "SELECT COUNT(*) FROM datasets WHERE pool_id = ?1 AND identity_id = ?2 AND live = 1",
        params![pool_id, identity_id],
        |r| r.get(0),
    )?)
}
