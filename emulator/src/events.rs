//! What would have been sent to Kinesis (Cognito Streams), SNS (push sync) and Lambda (Sync
//! Trigger) had this been AWS: recorded in the store, readable by tests through
//! [`crate::Emulator::recorded_events`] or `GET /_emulator/events`.

use std::time::SystemTime;

use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;
use serde_json::{json, Value};

use crate::api_error::ApiError;
use crate::record::StoredRecord;
use crate::time::from_ms;

/// The kind of a recorded event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum EventKind {
    /// A Kinesis record Cognito Streams would have put (`Payload.Data` is the record).
    Stream,
    /// A silent push notification push sync would have sent through SNS.
    Push,
    /// A Sync Trigger Lambda invocation (`Payload.Event` is the event).
    Lambda,
}

impl EventKind {
    /// The stored (and wire) name: `stream`, `push`, `lambda`.
    pub fn as_str(self) -> &'static str {
        match self {
            EventKind::Stream => "stream",
            EventKind::Push => "push",
            EventKind::Lambda => "lambda",
        }
    }

    /// Parses a stored name.
    pub fn parse(s: &str) -> Option<EventKind> {
        match s {
            "stream" => Some(EventKind::Stream),
            "push" => Some(EventKind::Push),
            "lambda" => Some(EventKind::Lambda),
            _ => None,
        }
    }
}

/// One recorded event.
#[derive(Debug, Clone, PartialEq)]
pub struct RecordedEvent {
    /// Increasing sequence number (ask for events after one you have seen).
    pub sequence: i64,
    /// What kind of delivery this stands for.
    pub kind: EventKind,
    /// When it was recorded.
    pub time: SystemTime,
    /// The identity pool it belongs to.
    pub identity_pool_id: String,
    /// The delivery: see the crate README for the shapes.
    pub payload: Value,
}

/// Records one event.
pub(crate) fn record(
    tx: &Connection,
    kind: EventKind,
    pool_id: &str,
    now_ms: i64,
    payload: &Value,
) -> Result<(), ApiError> {
    tx.prepare_cached(
        "INSERT INTO recorded_events (kind, time_ms, pool_id, payload) VALUES (?1, ?2, ?3, ?4)",
    )?
    .execute(params![kind.as_str(), now_ms, pool_id, payload.to_string()])?;
    Ok(())
}

/// The stream name when Cognito Streams is ENABLED for the pool.
pub(crate) fn enabled_stream(tx: &Connection, pool_id: &str) -> Result<Option<String>, ApiError> {
    let cfg: Option<Option<String>> = tx
        .prepare_cached("SELECT cognito_streams FROM pools WHERE id = ?1")?
        .query_row([pool_id], |r| r.get(0))
        .optional()?;
    let Some(Some(cfg)) = cfg else {
        return Ok(None);
    };
    let v: Value = serde_json::from_str(&cfg).unwrap_or(Value::Null);
    if v.get("StreamingStatus").and_then(Value::as_str) == Some("ENABLED") {
        Ok(v.get("StreamName")
            .and_then(Value::as_str)
            .map(str::to_owned))
    } else {
        Ok(None)
    }
}

fn kinesis_record(r: &StoredRecord) -> Value {
    json!({
        "key": r.key,
        "value": r.value,
        "syncCount": r.sync_count,
        "lastModifiedDate": r.modified_ms,
        "deviceLastModifiedDate": r.device_modified_ms.unwrap_or(r.modified_ms),
        "op": if r.value.is_some() { "replace" } else { "remove" },
    })
}

/// The Kinesis record of one synchronisation (times in epoch milliseconds, as Streams sends them).
pub(crate) fn stream_data(
    pool_id: &str,
    identity_id: &str,
    dataset: &str,
    operation: &str,
    records: &[StoredRecord],
    sync_count: i64,
    now_ms: i64,
) -> Value {
    json!({
        "identityPoolId": pool_id,
        "identityId": identity_id,
        "dataSetName": dataset,
        "operation": operation,
        "kinesisSyncRecords": records.iter().map(kinesis_record).collect::<Vec<_>>(),
        "lastModifiedDate": now_ms,
        "kinesisSyncRecordsURL": Value::Null,
        "payloadType": "Inline",
        "syncCount": sync_count,
    })
}

fn put_stream_record(
    tx: &Connection,
    stream: &str,
    pool_id: &str,
    identity_id: &str,
    data: Value,
    now_ms: i64,
) -> Result<(), ApiError> {
    let payload = json!({ "StreamName": stream, "PartitionKey": identity_id, "Data": data });
    record(tx, EventKind::Stream, pool_id, now_ms, &payload)
}

/// Records the stream record of an UpdateRecords when streaming is enabled.
pub(crate) fn record_stream_update(
    tx: &Connection,
    pool_id: &str,
    identity_id: &str,
    dataset: &str,
    records: &[StoredRecord],
    sync_count: i64,
    now_ms: i64,
) -> Result<(), ApiError> {
    if let Some(stream) = enabled_stream(tx, pool_id)? {
        let data = stream_data(
            pool_id,
            identity_id,
            dataset,
            "replace",
            records,
            sync_count,
            now_ms,
        );
        put_stream_record(tx, &stream, pool_id, identity_id, data, now_ms)?;
    }
    Ok(())
}

/// Records the stream record of a DeleteDataset when streaming is enabled.
pub(crate) fn record_stream_deletion(
    tx: &Connection,
    pool_id: &str,
    identity_id: &str,
    dataset: &str,
    sync_count: i64,
    now_ms: i64,
) -> Result<(), ApiError> {
    if let Some(stream) = enabled_stream(tx, pool_id)? {
        let data = stream_data(
            pool_id,
            identity_id,
            dataset,
            "remove",
            &[],
            sync_count,
            now_ms,
        );
        put_stream_record(tx, &stream, pool_id, identity_id, data, now_ms)?;
    }
    Ok(())
}

/// Reads recorded events, oldest first, optionally of one kind and after a sequence number.
pub(crate) fn list(
    tx: &Connection,
    kind: Option<EventKind>,
    after: i64,
) -> Result<Vec<RecordedEvent>, ApiError> {
    let mut stmt = tx.prepare_cached(
        "SELECT seq, kind, time_ms, pool_id, payload FROM recorded_events
         WHERE seq > ?1 AND (?2 IS NULL OR kind = ?2) ORDER BY seq",
    )?;
    let rows = stmt.query_map(params![after, kind.map(EventKind::as_str)], |r| {
        let kind: String = r.get(1)?;
        let payload: String = r.get(4)?;
        Ok(RecordedEvent {
            sequence: r.get(0)?,
            kind: EventKind::parse(&kind).unwrap_or(EventKind::Stream),
            time: from_ms(r.get(2)?),
            identity_pool_id: r.get(3)?,
            payload: serde_json::from_str(&payload).unwrap_or(Value::Null),
        })
    })?;
    Ok(rows.collect::<Result<Vec<_>, _>>()?)
}

/// Forgets every recorded event.
pub(crate) fn clear(tx: &Connection) -> Result<(), ApiError> {
    tx.execute("DELETE FROM recorded_events", [])?;
    Ok(())
}
