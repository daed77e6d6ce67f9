//! Identity pool configuration (push sync, Cognito Streams) and Cognito Events.

use rusqlite::{params, Connection, OptionalExtension};
use serde_json::{json, Map, Value};

use super::{require_pool, Call};
use crate::api_error::ApiError;
use crate::reply::Reply;
use crate::validate;

/// The only Cognito event type.
const SYNC_TRIGGER: &str = "SyncTrigger";

fn parse_json(text: Option<String>) -> Option<Value> {
    text.and_then(|t| serde_json::from_str(&t).ok())
}

/// Stored PushSync and CognitoStreams of a pool (after `require_pool`).
pub(crate) fn load_configuration(
    tx: &Connection,
    pool_id: &str,
) -> Result<(Option<Value>, Option<Value>), ApiError> {
    let row: Option<(Option<String>, Option<String>)> = tx
        .prepare_cached("SELECT push_sync, cognito_streams FROM pools WHERE id = ?1")?
        .query_row([pool_id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    let (push, streams) = row.unwrap_or((None, None));
    Ok((parse_json(push), parse_json(streams)))
}

fn configuration_json(pool_id: &str, push: Option<Value>, streams: Option<Value>) -> Value {
    let mut out = Map::new();
    out.insert("IdentityPoolId".into(), json!(pool_id));
    if let Some(p) = push {
        out.insert("PushSync".into(), p);
    }
    if let Some(s) = streams {
        out.insert("CognitoStreams".into(), s);
    }
    Value::Object(out)
}

pub(crate) fn get_configuration(call: &Call<'_>) -> Result<Reply, ApiError> {
    let pool = &call.route.pool_id;
    let (push, streams) = call.state.store.read(|tx| {
        require_pool(tx, pool)?;
        load_configuration(tx, pool)
    })?;
    Reply::json(&configuration_json(pool, push, streams))
}

fn object<'a>(v: &'a Value, name: &str) -> Result<&'a Map<String, Value>, ApiError> {
    v.as_object()
        .ok_or_else(|| ApiError::invalid_parameter(format!("{name} must be an object")))
}

fn string_member<'a>(m: &'a Map<String, Value>, name: &str) -> Result<Option<&'a str>, ApiError> {
    match m.get(name).filter(|v| !v.is_null()) {
        None => Ok(None),
        Some(Value::String(s)) => Ok(Some(s)),
        Some(_) => Err(ApiError::invalid_parameter(format!(
            "{name} must be a string"
        ))),
    }
}

/// Validates a PushSync input and merges it member by member into the stored one.
fn merge_push(input: &Value, stored: Option<Value>) -> Result<Value, ApiError> {
    let m = object(input, "PushSync")?;
    let mut out = stored
        .and_then(|v| v.as_object().cloned())
        .unwrap_or_default();
    if let Some(arns) = m.get("ApplicationArns").filter(|v| !v.is_null()) {
        let arns = arns
            .as_array()
            .ok_or_else(|| ApiError::invalid_parameter("ApplicationArns must be a list"))?;
        for (i, a) in arns.iter().enumerate() {
            let a = a
                .as_str()
                .ok_or_else(|| ApiError::invalid_parameter("ApplicationArns must hold strings"))?;
            validate::application_arn(&format!("pushSync.applicationArns.{}.member", i + 1), a)?;
        }
        out.insert("ApplicationArns".into(), Value::Array(arns.clone()));
    }
    if let Some(role) = string_member(m, "RoleArn")? {
        validate::role_arn("pushSync.roleArn", role)?;
        out.insert("RoleArn".into(), json!(role));
    }
    Ok(Value::Object(out))
}

/// Validates a CognitoStreams input and merges it member by member into the stored one.
fn merge_streams(input: &Value, stored: Option<Value>) -> Result<Value, ApiError> {
    let m = object(input, "CognitoStreams")?;
    let mut out = stored
        .and_then(|v| v.as_object().cloned())
        .unwrap_or_default();
    if let Some(name) = string_member(m, "StreamName")? {
        validate::length("cognitoStreams.streamName", name, 1, 128)?;
        out.insert("StreamName".into(), json!(name));
    }
    if let Some(role) = string_member(m, "RoleArn")? {
        validate::role_arn("cognitoStreams.roleArn", role)?;
        out.insert("RoleArn".into(), json!(role));
    }
    if let Some(status) = string_member(m, "StreamingStatus")? {
        validate::one_of(
            "cognitoStreams.streamingStatus",
            status,
            &["ENABLED", "DISABLED"],
        )?;
        out.insert("StreamingStatus".into(), json!(status));
    }
    let enabled = out.get("StreamingStatus").and_then(Value::as_str) == Some("ENABLED");
    if enabled && !(out.contains_key("StreamName") && out.contains_key("RoleArn")) {
        return Err(ApiError::invalid_parameter(
            "StreamName and RoleArn are required to enable Cognito Streams",
        ));
    }
    Ok(Value::Object(out))
}

pub(crate) fn set_configuration(call: &Call<'_>) -> Result<Reply, ApiError> {
    let pool = &call.route.pool_id;
    let push_in = call.member("PushSync").cloned();
    let streams_in = call.member("CognitoStreams").cloned();
    let (push, streams) = call.state.store.write(|tx| {
        require_pool(tx, pool)?;
        let (mut push, mut streams) = load_configuration(tx, pool)?;
        if let Some(p) = &push_in {
            push = Some(merge_push(p, push)?);
        }
        if let Some(s) = &streams_in {
            streams = Some(merge_streams(s, streams)?);
        }
        tx.execute(
            "UPDATE pools SET push_sync = ?2, cognito_streams = ?3 WHERE id = ?1",
            params![
                pool,
                push.as_ref().map(Value::to_string),
                streams.as_ref().map(Value::to_string)
            ],
        )?;
        Ok((push, streams))
    })?;
    Reply::json(&configuration_json(pool, push, streams))
}

fn load_events(tx: &Connection, pool_id: &str) -> Result<Map<String, Value>, ApiError> {
    let text: Option<String> = tx
        .prepare_cached("SELECT events FROM pools WHERE id = ?1")?
        .query_row([pool_id], |r| r.get(0))
        .optional()?;
    Ok(parse_json(text)
        .and_then(|v| v.as_object().cloned())
        .unwrap_or_default())
}

/// The Lambda ARN of the pool's Sync Trigger, if one is set.
pub(crate) fn sync_trigger(tx: &Connection, pool_id: &str) -> Result<Option<String>, ApiError> {
    Ok(load_events(tx, pool_id)?
        .get(SYNC_TRIGGER)
        .and_then(Value::as_str)
        .map(str::to_owned))
}

pub(crate) fn get_events(call: &Call<'_>) -> Result<Reply, ApiError> {
    let pool = &call.route.pool_id;
    let events = call.state.store.read(|tx| {
        require_pool(tx, pool)?;
        load_events(tx, pool)
    })?;
    Reply::json(&json!({ "Events": events }))
}

pub(crate) fn set_events(call: &Call<'_>) -> Result<Reply, ApiError> {
    let pool = &call.route.pool_id;
    let input = match call.member("Events") {
        None => return Err(validate::missing("events")),
        Some(v) => object(v, "Events")?.clone(),
    };
    if input.len() > 1 {
        return Err(validate::failed(
            "events",
            &Value::Object(input.clone()).to_string(),
            "Member must have length less than or equal to 1",
        ));
    }
    for (k, v) in &input {
        if k != SYNC_TRIGGER {
            return Err(ApiError::invalid_parameter(format!(
                "Invalid event type '{k}'; the only event type is {SYNC_TRIGGER}"
            )));
        }
        if !v.is_string() && !v.is_null() {
            return Err(ApiError::invalid_parameter(
                "Event values must be Lambda function ARNs",
            ));
        }
    }
    call.state.store.write(|tx| {
        require_pool(tx, pool)?;
        let mut events = load_events(tx, pool)?;
        // Only the keys supplied change; an empty (or null) value removes the key.
        for (k, v) in input {
            match v.as_str() {
                Some(arn) if !arn.is_empty() => {
                    events.insert(k, json!(arn));
                }
                _ => {
                    events.remove(&k);
                }
            }
        }
        tx.execute(
            "UPDATE pools SET events = ?2 WHERE id = ?1",
            params![pool, Value::Object(events).to_string()],
        )?;
        Ok(())
    })?;
    Ok(Reply { body: Vec::new() })
}
