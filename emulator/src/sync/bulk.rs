//! BulkPublish and its lifecycle: IN_PROGRESS for `bulk_publish_duration`, then SUCCEEDED with
//! every live dataset recorded as a stream record (or FAILED if streaming was turned off);
//! DuplicateRequestException while one runs, AlreadyStreamedException within the cooldown.

use std::sync::Arc;

use rusqlite::{params, Connection};
use serde_json::{json, Map, Value};

use super::{require_pool, Call};
use crate::api_error::ApiError;
use crate::events::{self, EventKind};
use crate::record::{StoredRecord, RECORD_COLUMNS};
use crate::reply::Reply;
use crate::state::State;
use crate::time::{now_ms, wire_seconds};

struct BulkState {
    status: String,
    start_ms: Option<i64>,
    complete_ms: Option<i64>,
    failure: Option<String>,
}

fn load(tx: &Connection, pool_id: &str) -> Result<BulkState, ApiError> {
    Ok(tx.query_row(
        "SELECT bulk_status, bulk_start_ms, bulk_complete_ms, bulk_failure FROM pools WHERE id = ?1",
        [pool_id],
        |r| {
            Ok(BulkState {
                status: r.get(0)?,
                start_ms: r.get(1)?,
                complete_ms: r.get(2)?,
                failure: r.get(3)?,
            })
        },
    )?)
}

pub(crate) fn bulk_publish(call: &Call<'_>) -> Result<Reply, ApiError> {
    let pool = call.route.pool_id.clone();
    let state = call.state;
    finish_due_bulk_publishes(state)?;
    let cfg = &state.config;
    state.store.write(|tx| {
        require_pool(tx, &pool)?;
        let b = load(tx, &pool)?;
        let now = now_ms();
        if b.status == "IN_PROGRESS" {
            return Err(ApiError::sync("DuplicateRequestException", "A bulk publish is already in progress for this identity pool."));
        }
        if b.status == "SUCCEEDED"
            && b.complete_ms.is_some_and(|c| now < c + cfg.bulk_publish_cooldown.as_millis() as i64)
        {
            return Err(ApiError::sync(
                "AlreadyStreamedException",
                "A bulk publish already succeeded for this identity pool within the last 24 hours.",
            ));
        }
        if events::enabled_stream(tx, &pool)?.is_none() {
            return Err(ApiError::invalid_parameter("Cognito Streams is not enabled for this identity pool."));
        }
        tx.execute(
            "UPDATE pools SET bulk_status = 'IN_PROGRESS', bulk_start_ms = ?2, bulk_complete_ms = NULL,
                 bulk_failure = NULL WHERE id = ?1",
            params![pool, now],
        )?;
        Ok(())
    })?;
    if let Ok(rt) = tokio::runtime::Handle::try_current() {
        let state = Arc::clone(state);
        let wait = cfg.bulk_publish_duration;
        rt.spawn(async move {
            tokio::time::sleep(wait).await;
            if let Err(e) = finish_due_bulk_publishes(&state) {
                tracing::warn!(error = %e.message, "bulk publish completion failed");
            }
        });
    }
    Reply::json(&json!({ "IdentityPoolId": pool }))
}

pub(crate) fn get_details(call: &Call<'_>) -> Result<Reply, ApiError> {
    let pool = &call.route.pool_id;
    finish_due_bulk_publishes(call.state)?;
    let b = call.state.store.read(|tx| {
        require_pool(tx, pool)?;
        load(tx, pool)
    })?;
    let mut out = Map::new();
    out.insert("IdentityPoolId".into(), json!(pool));
    out.insert("BulkPublishStatus".into(), json!(b.status));
    if let Some(s) = b.start_ms {
        out.insert("BulkPublishStartTime".into(), json!(wire_seconds(s)));
    }
    if let Some(c) = b.complete_ms {
        out.insert("BulkPublishCompleteTime".into(), json!(wire_seconds(c)));
    }
    if let Some(f) = b.failure {
        out.insert("FailureMessage".into(), json!(f));
    }
    Reply::json(&Value::Object(out))
}

/// Completes every bulk publish whose time has come (called by the timer, and lazily on reads
/// so a restart with `--db` still completes them).
pub(crate) fn finish_due_bulk_publishes(state: &State) -> Result<(), ApiError> {
    let duration = state.config.bulk_publish_duration.as_millis() as i64;
    state.store.write(|tx| {
        let now = now_ms();
        let due: Vec<String> = tx
            .prepare_cached("SELECT id FROM pools WHERE bulk_status = 'IN_PROGRESS' AND bulk_start_ms + ?1 <= ?2")?
            .query_map(params![duration, now], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        for pool in due {
            match events::enabled_stream(tx, &pool)? {
                Some(stream) => {
                    publish_all(tx, &pool, &stream, now)?;
                    tx.execute(
                        "UPDATE pools SET bulk_status = 'SUCCEEDED', bulk_complete_ms = ?2 WHERE id = ?1",
                        params![pool, now],
                    )?;
                }
                None => {
                    tx.execute(
                        "UPDATE pools SET bulk_status = 'FAILED', bulk_complete_ms = NULL,
                             bulk_failure = 'Cognito Streams was disabled before the bulk publish completed.'
                         WHERE id = ?1",
                        [&pool],
                    )?;
                }
            }
        }
        Ok(())
    })
}

/// One stream record per live dataset of the pool, holding all of its records.
fn publish_all(tx: &Connection, pool: &str, stream: &str, now: i64) -> Result<(), ApiError> {
    let datasets: Vec<(String, String, i64)> = tx
        .prepare_cached(
            "SELECT identity_id, name, sync_count FROM datasets WHERE pool_id = ?1 AND live = 1 ORDER BY identity_id, name",
        )?
        .query_map([pool], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<Result<_, _>>()?;
    for (identity, name, count) in datasets {
        let records: Vec<StoredRecord> = tx
            .prepare_cached(&format!(
                "SELECT {RECORD_COLUMNS} FROM records
                 WHERE pool_id = ?1 AND identity_id = ?2 AND dataset = ?3 AND value IS NOT NULL ORDER BY key"
            ))?
            .query_map(params![pool, identity, name], StoredRecord::from_row)?
            .collect::<Result<_, _>>()?;
        let data = events::stream_data(pool, &identity, &name, "replace", &records, count, now);
        let payload = json!({ "StreamName": stream, "PartitionKey": identity, "Data": data, "BulkPublish": true });
        events::record(tx, EventKind::Stream, pool, now, &payload)?;
    }
    Ok(())
}
