//! ListRecords and UpdateRecords: sync counts, session tokens, conflicts, tombstones, limits.

use std::collections::HashSet;

use rusqlite::{params, Connection};
use serde::Serialize;
use serde_json::{json, Value};

use super::datasets::{self, DatasetRow};
use super::{pool_config, push, require_pool, Call};
use crate::api_error::ApiError;
use crate::auth::Caller;
use crate::events::{self, EventKind};
use crate::record::{StoredRecord, WireRecord, RECORD_COLUMNS};
use crate::reply::Reply;
use crate::state::State;
use crate::time::{self, now_ms};
use crate::validate;

/// A sync session: the id and the expiry (epoch ms) sealed into `SyncSessionToken`s.
struct Session {
    id: String,
    expires_ms: i64,
}

fn session_token(state: &State, pool: &str, identity: &str, dataset: &str, s: &Session) -> String {
    state.tokens.seal(
        "ss",
        &[pool, identity, dataset, &s.id, &s.expires_ms.to_string()],
    )
}

/// Opens a `SyncSessionToken`, which must be for this pool, identity and dataset; `Ok(None)`
/// when it is one of theirs but expired.
fn open_session_lenient(
    state: &State,
    token: &str,
    pool: &str,
    identity: &str,
    dataset: &str,
    now: i64,
) -> Result<Option<Session>, ApiError> {
    let f = state
        .tokens
        .open("ss", token)
        .filter(|f| f.len() == 5 && f[0] == pool && f[1] == identity && f[2] == dataset)
        .ok_or_else(|| {
            ApiError::invalid_parameter("SyncSessionToken not valid for these inputs")
        })?;
    let expires_ms: i64 = f[4]
        .parse()
        .map_err(|_| ApiError::invalid_parameter("SyncSessionToken not valid for these inputs"))?;
    if expires_ms <= now {
        return Ok(None);
    }
    Ok(Some(Session {
        id: f[3].clone(),
        expires_ms,
    }))
}

/// Opens a `SyncSessionToken`, which must be for this pool, identity and dataset, and unexpired.
fn open_session(
    state: &State,
    token: &str,
    pool: &str,
    identity: &str,
    dataset: &str,
    now: i64,
) -> Result<Session, ApiError> {
    open_session_lenient(state, token, pool, identity, dataset, now)?
        .ok_or_else(|| ApiError::invalid_parameter("SyncSessionToken has expired"))
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct ListRecordsOutput<'a> {
    count: usize,
    dataset_deleted_after_requested_sync_count: bool,
    dataset_exists: bool,
    dataset_sync_count: i64,
    last_modified_by: Option<&'a str>,
    merged_dataset_names: Option<Vec<String>>,
    next_token: Option<String>,
    records: Vec<WireRecord<'a>>,
    sync_session_token: String,
}

pub(crate) fn list_records(call: &Call<'_>) -> Result<Reply, ApiError> {
    let r = call.route;
    let state = call.state;
    let now = now_ms();
    let max = call.max_results(1024, 1024)?;
    let mut last_sync = call.query_i64("lastSyncCount")?.unwrap_or(0);
    if last_sync < 0 {
        return Err(validate::failed(
            "lastSyncCount",
            &last_sync.to_string(),
            "Member must have value greater than or equal to 0",
        ));
    }
    let mut position: Option<(i64, String)> = None;
    let mut session: Option<Session> = None;
    if let Some(t) = call.query("nextToken") {
        let f = state
            .tokens
            .open("lr", t)
            .filter(|f| {
                f.len() == 8 && f[0] == r.pool_id && f[1] == r.identity_id && f[2] == r.dataset
            })
            .ok_or_else(|| ApiError::invalid_parameter("Invalid NextToken"))?;
        let num = |s: &str| {
            s.parse::<i64>()
                .map_err(|_| ApiError::invalid_parameter("Invalid NextToken"))
        };
        last_sync = num(&f[3])?;
        position = Some((num(&f[4])?, f[5].clone()));
        session = Some(Session {
            id: f[6].clone(),
            expires_ms: num(&f[7])?,
        });
    }
    if let Some(t) = call.query("syncSessionToken") {
        // iOS passes its previous token back in: a foreign token is an error, but an expired
        // one of this dataset just starts a new session.
        session = open_session_lenient(state, t, &r.pool_id, &r.identity_id, &r.dataset, now)?;
    }

    state.store.write(|tx| {
        require_pool(tx, &r.pool_id)?;
        let session = match session {
            Some(s) => s,
            None => {
                // A new synchronisation: this is what SyncSessionsCount counts.
                tx.prepare_cached(
                    "UPDATE pools SET sync_sessions = sync_sessions + 1 WHERE id = ?1",
                )?
                .execute([&r.pool_id])?;
                Session {
                    id: uuid::Uuid::new_v4().simple().to_string(),
                    expires_ms: now + state.config.sync_session_ttl.as_millis() as i64,
                }
            }
        };
        let token = session_token(state, &r.pool_id, &r.identity_id, &r.dataset, &session);
        let ds = datasets::load(tx, &r.pool_id, &r.identity_id, &r.dataset)?;
        let deleted_after = |d: &Option<DatasetRow>| {
            last_sync > 0 && d.as_ref().is_some_and(|d| d.deleted_at > last_sync)
        };
        let d = match &ds {
            Some(d) if d.live => d,
            _ => {
                return Reply::json(&ListRecordsOutput {
                    count: 0,
                    dataset_deleted_after_requested_sync_count: deleted_after(&ds),
                    dataset_exists: false,
                    dataset_sync_count: 0,
                    last_modified_by: None,
                    merged_dataset_names: None,
                    next_token: None,
                    records: Vec::new(),
                    sync_session_token: token,
                })
            }
        };
        if last_sync > d.sync_count {
            return Err(ApiError::invalid_parameter(format!(
                "No such SyncCount: {last_sync} exists for this Dataset"
            )));
        }
        let (after_count, after_key) = position.clone().unwrap_or((last_sync, String::new()));
        let mut stmt = tx.prepare_cached(&format!(
            "SELECT {RECORD_COLUMNS} FROM records
             WHERE pool_id = ?1 AND identity_id = ?2 AND dataset = ?3 AND sync_count > ?4
               AND (sync_count > ?5 OR (sync_count = ?5 AND key > ?6))
             ORDER BY sync_count, key LIMIT ?7"
        ))?;
        let mut rows = stmt
            .query_map(
                params![
                    r.pool_id,
                    r.identity_id,
                    r.dataset,
                    last_sync,
                    after_count,
                    after_key,
                    max + 1
                ],
                StoredRecord::from_row,
            )?
            .collect::<Result<Vec<_>, _>>()?;
        let more = rows.len() as i64 > max;
        rows.truncate(max as usize);
        let next_token = match (more, rows.last()) {
            (true, Some(last)) => Some(state.tokens.seal(
                "lr",
                &[
                    &r.pool_id,
                    &r.identity_id,
                    &r.dataset,
                    &last_sync.to_string(),
                    &last.sync_count.to_string(),
                    &last.key,
                    &session.id,
                    &session.expires_ms.to_string(),
                ],
            )),
            _ => None,
        };
        let merged = merged_names(tx, &r.pool_id, &r.identity_id, &r.dataset)?;
        Reply::json(&ListRecordsOutput {
            count: rows.len(),
            dataset_deleted_after_requested_sync_count: deleted_after(&ds),
            dataset_exists: true,
            dataset_sync_count: d.sync_count,
            last_modified_by: d.modified_by.as_deref(),
            merged_dataset_names: (!merged.is_empty()).then_some(merged),
            next_token,
            records: rows.iter().map(StoredRecord::wire).collect(),
            sync_session_token: token,
        })
    })
}

/// Datasets merged into `dataset` by an identity merge and not deleted since.
fn merged_names(
    tx: &Connection,
    pool: &str,
    identity: &str,
    dataset: &str,
) -> Result<Vec<String>, ApiError> {
    let mut stmt = tx.prepare_cached(
        "SELECT name FROM datasets
         WHERE pool_id = ?1 AND identity_id = ?2 AND merged_base = ?3 AND live = 1 ORDER BY name",
    )?;
    let names = stmt
        .query_map(params![pool, identity, dataset], |r| r.get(0))?
        .collect::<Result<Vec<String>, _>>()?;
    Ok(names)
}

/// One parsed `RecordPatch`.
struct Patch {
    remove: bool,
    key: String,
    value: Option<String>,
    sync_count: i64,
    device_ms: Option<i64>,
}

fn parse_patches(call: &Call<'_>) -> Result<Vec<Patch>, ApiError> {
    let list = match call.member("RecordPatches") {
        None => return Ok(Vec::new()),
        Some(Value::Array(a)) => a,
        Some(_) => return Err(ApiError::invalid_parameter("RecordPatches must be a list")),
    };
    let mut seen = HashSet::new();
    let mut out = Vec::with_capacity(list.len());
    for (i, p) in list.iter().enumerate() {
        let at = |m: &str| format!("recordPatches.{}.member.{m}", i + 1);
        let Value::Object(p) = p else {
            return Err(ApiError::invalid_parameter(
                "Each RecordPatch must be an object",
            ));
        };
        let get = |k: &str| p.get(k).filter(|v| !v.is_null());
        let op = match get("Op") {
            None => return Err(validate::missing(&at("op"))),
            Some(Value::String(s)) => s.as_str(),
            Some(_) => {
                return Err(ApiError::invalid_parameter(format!(
                    "{} must be a string",
                    at("op")
                )))
            }
        };
        validate::one_of(&at("op"), op, &["replace", "remove"])?;
        let key = match get("Key") {
            None => return Err(validate::missing(&at("key"))),
            Some(Value::String(s)) => s.clone(),
            Some(_) => {
                return Err(ApiError::invalid_parameter(format!(
                    "{} must be a string",
                    at("key")
                )))
            }
        };
        validate::length(&at("key"), &key, 1, validate::MAX_KEY_LEN)?;
        let value = match get("Value") {
            None => None,
            Some(Value::String(s)) => Some(s.clone()),
            Some(_) => {
                return Err(ApiError::invalid_parameter(format!(
                    "{} must be a string",
                    at("value")
                )))
            }
        };
        if let Some(v) = &value {
            validate::length(&at("value"), v, 0, validate::MAX_VALUE_LEN)?;
        }
        let sync_count = match get("SyncCount") {
            None => return Err(validate::missing(&at("syncCount"))),
            Some(v) => v.as_i64().filter(|n| *n >= 0).ok_or_else(|| {
                validate::failed(
                    &at("syncCount"),
                    &v.to_string(),
                    "Member must be a non-negative whole number",
                )
            })?,
        };
        let device_ms = match get("DeviceLastModifiedDate") {
            None => None,
            Some(v) => Some(
                v.as_f64()
                    // Only what every SDK can represent: a later date (1e20, milliseconds
                    // sent as seconds) would be stored and then break every client's
                    // ListRecords of the dataset (year out of range).
                    .filter(|f| f.is_finite() && (0.0..=time::MAX_WIRE_SECONDS).contains(f))
                    .map(|f| (f * 1000.0).round() as i64)
                    .ok_or_else(|| {
                        ApiError::invalid_parameter(format!(
                            "{} must be a timestamp in epoch seconds between \
                             1970-01-01T00:00:00Z and 9999-12-31T23:59:59.999Z",
                            at("deviceLastModifiedDate")
                        ))
                    })?,
            ),
        };
        if !seen.insert(key.clone()) {
            return Err(ApiError::invalid_parameter(format!(
                "Duplicate key in RecordPatches: {key}"
            )));
        }
        let remove = op == "remove";
        out.push(Patch {
            remove,
            value: if remove { None } else { value },
            key,
            sync_count,
            device_ms,
        });
    }
    Ok(out)
}

fn current_record(
    tx: &Connection,
    pool: &str,
    identity: &str,
    dataset: &str,
    key: &str,
) -> Result<Option<StoredRecord>, ApiError> {
    use rusqlite::OptionalExtension;
    let mut stmt = tx.prepare_cached(&format!(
        "SELECT {RECORD_COLUMNS} FROM records
         WHERE pool_id = ?1 AND identity_id = ?2 AND dataset = ?3 AND key = ?4"
    ))?;
    Ok(stmt
        .query_row(
            params![pool, identity, dataset, key],
            StoredRecord::from_row,
        )
        .optional()?)
}

pub(crate) fn update_records(call: &Call<'_>) -> Result<Reply, ApiError> {
    let r = call.route;
    let state = call.state;
    let cfg = &state.config;
    let now = now_ms();
    let token = call
        .member_str("SyncSessionToken")?
        .ok_or_else(|| validate::missing("syncSessionToken"))?;
    let device_id = call.member_str("DeviceId")?;
    if let Some(d) = device_id {
        validate::length("deviceId", d, 1, validate::MAX_DEVICE_ID_LEN)?;
    }
    let patches = parse_patches(call)?;
    open_session(state, token, &r.pool_id, &r.identity_id, &r.dataset, now)?;
    let modified_by = call.caller.modified_by(&cfg.account_id);

    let written = state.store.write(|tx| {
        require_pool(tx, &r.pool_id)?;
        let ds = datasets::load(tx, &r.pool_id, &r.identity_id, &r.dataset)?;
        let live = ds.as_ref().is_some_and(|d| d.live);

        // Check every patch before applying any: a conflict leaves the dataset untouched.
        let mut old = Vec::with_capacity(patches.len());
        for p in &patches {
            let cur = if live {
                current_record(tx, &r.pool_id, &r.identity_id, &r.dataset, &p.key)?
            } else {
                None
            };
            let cur_count = cur.as_ref().map_or(0, |c| c.sync_count);
            if p.sync_count != cur_count {
                return Err(ApiError::conflict(format!(
                    "Current SyncCount for: {} is: {cur_count} not: {}",
                    p.key, p.sync_count
                )));
            }
            old.push(cur);
        }

        if !live && datasets::live_count(tx, &r.pool_id, &r.identity_id)? >= cfg.max_datasets_per_identity as i64 {
            return Err(ApiError::limit_exceeded(format!(
                "Number of datasets exceeds the limit of {} per identity",
                cfg.max_datasets_per_identity
            )));
        }
        let (mut storage, mut count) = match &ds {
            Some(d) if d.live => (d.data_storage, d.num_records),
            _ => (0, 0),
        };
        for (p, cur) in patches.iter().zip(&old) {
            if let Some(c) = cur {
                storage -= c.storage();
                count -= i64::from(c.value.is_some());
            }
            if let Some(v) = &p.value {
                storage += (p.key.len() + v.len()) as i64;
                count += 1;
            }
        }
        if storage > cfg.max_dataset_bytes as i64 {
            return Err(ApiError::limit_exceeded(format!(
                "Dataset size of {storage} bytes exceeds the limit of {} bytes",
                cfg.max_dataset_bytes
            )));
        }
        if count > cfg.max_records_per_dataset as i64 {
            return Err(ApiError::limit_exceeded(format!(
                "Number of records ({count}) exceeds the limit of {} per dataset",
                cfg.max_records_per_dataset
            )));
        }

        // Apply: each successful call with patches raises the dataset count by exactly one and
        // every written record takes the new count.
        let base = ds.as_ref().map_or(0, |d| d.sync_count);
        let new_count = if patches.is_empty() { base } else { base + 1 };
        let created_ms = match &ds {
            Some(d) if d.live => d.created_ms,
            _ => now,
        };
        let deleted_at = ds.as_ref().map_or(0, |d| d.deleted_at);
        tx.prepare_cached(
            "INSERT INTO datasets (pool_id, identity_id, name, live, created_ms, modified_ms, modified_by,
                                   sync_count, deleted_at, data_storage, num_records)
             VALUES (?1, ?2, ?3, 1, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
             ON CONFLICT (pool_id, identity_id, name) DO UPDATE SET
                 live = 1, created_ms = excluded.created_ms, modified_ms = excluded.modified_ms,
                 modified_by = excluded.modified_by, sync_count = excluded.sync_count,
                 data_storage = excluded.data_storage, num_records = excluded.num_records",
        )?
        .execute(params![
            r.pool_id,
            r.identity_id,
            r.dataset,
            created_ms,
            now,
            modified_by,
            new_count,
            deleted_at,
            storage,
            count
        ])?;
        let mut written = Vec::with_capacity(patches.len());
        {
            let mut upsert = tx.prepare_cached(
                "INSERT INTO records (pool_id, identity_id, dataset, key, value, sync_count, modified_ms,
                                      modified_by, device_modified_ms)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
                 ON CONFLICT (pool_id, identity_id, dataset, key) DO UPDATE SET
                     value = excluded.value, sync_count = excluded.sync_count,
                     modified_ms = excluded.modified_ms, modified_by = excluded.modified_by,
                     device_modified_ms = excluded.device_modified_ms",
            )?;
            for p in &patches {
                upsert.execute(params![
                    r.pool_id,
                    r.identity_id,
                    r.dataset,
                    p.key,
                    p.value,
                    new_count,
                    now,
                    modified_by,
                    p.device_ms
                ])?;
                written.push(StoredRecord {
                    key: p.key.clone(),
                    value: p.value.clone(),
                    sync_count: new_count,
                    modified_ms: now,
                    modified_by: Some(modified_by.clone()),
                    device_modified_ms: p.device_ms,
                });
            }
        }
        tx.prepare_cached("UPDATE pools SET modified_ms = ?2 WHERE id = ?1")?
            .execute(params![r.pool_id, now])?;
        if !patches.is_empty() {
            record_lambda(tx, call.caller, state, r.pool_id.as_str(), &r.identity_id, &r.dataset, &patches, &old, now)?;
            events::record_stream_update(tx, &r.pool_id, &r.identity_id, &r.dataset, &written, new_count, now)?;
            push::notify(tx, &r.pool_id, &r.identity_id, &r.dataset, new_count, device_id)?;
        }
        Ok(written)
    })?;
    let records: Vec<WireRecord<'_>> = written.iter().map(StoredRecord::wire).collect();
    Reply::json(&json!({ "Records": records }))
}

/// A Sync Trigger runs only for Cognito credentials; the emulator records the event it would
/// have sent (all of the dataset's records) and applies the patches unchanged.
#[allow(clippy::too_many_arguments)]
fn record_lambda(
    tx: &Connection,
    caller: &Caller,
    state: &State,
    pool: &str,
    identity: &str,
    dataset: &str,
    patches: &[Patch],
    old: &[Option<StoredRecord>],
    now: i64,
) -> Result<(), ApiError> {
    if !matches!(caller, Caller::Identity { .. }) {
        return Ok(());
    }
    let Some(function) = pool_config::sync_trigger(tx, pool)? else {
        return Ok(());
    };
    let mut records = serde_json::Map::new();
    let mut stmt = tx.prepare_cached(
        "SELECT key, value FROM records WHERE pool_id = ?1 AND identity_id = ?2 AND dataset = ?3 AND value IS NOT NULL",
    )?;
    let rows = stmt
        .query_map(params![pool, identity, dataset], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    for (k, v) in rows {
        records.insert(k, json!({ "oldValue": v, "newValue": v, "op": "replace" }));
    }
    for (p, o) in patches.iter().zip(old) {
        records.insert(
            p.key.clone(),
            json!({
                "oldValue": o.as_ref().and_then(|o| o.value.clone()),
                "newValue": p.value,
                "op": if p.remove { "remove" } else { "replace" },
            }),
        );
    }
    let event = json!({
        "version": 2,
        "eventType": "SyncTrigger",
        "region": state.config.region,
        "identityPoolId": pool,
        "identityId": identity,
        "datasetName": dataset,
        "datasetRecords": records,
    });
    events::record(
        tx,
        EventKind::Lambda,
        pool,
        now,
        &json!({ "FunctionArn": function, "Event": event }),
    )
}
