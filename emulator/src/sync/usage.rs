//! Usage figures: DescribeIdentityUsage, DescribeIdentityPoolUsage, ListIdentityPoolUsage.
//! They are sums over live datasets, so identity, pool and dataset figures always add up.

use rusqlite::{params, Connection, OptionalExtension};
use serde_json::{json, Value};

use super::{require_pool, Call};
use crate::api_error::ApiError;
use crate::reply::Reply;
use crate::time::wire_seconds;

pub(crate) fn describe_identity_usage(call: &Call<'_>) -> Result<Reply, ApiError> {
    let r = call.route;
    let usage = call.state.store.read(|tx| {
        require_pool(tx, &r.pool_id)?;
        let (rows, count, storage, modified): (i64, i64, i64, Option<i64>) = tx.query_row(
            "SELECT COUNT(*), COALESCE(SUM(live), 0), COALESCE(SUM(data_storage), 0), MAX(modified_ms)
             FROM datasets WHERE pool_id = ?1 AND identity_id = ?2",
            params![r.pool_id, r.identity_id],
            |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?)),
        )?;
        let known: Option<i64> = tx
            .query_row(
                "SELECT modified_ms FROM identities WHERE id = ?1 AND pool_id = ?2",
                params![r.identity_id, r.pool_id],
                |row| row.get(0),
            )
            .optional()?;
        if rows == 0 && known.is_none() {
            return Err(ApiError::not_found(format!("Identity '{}' not found.", r.identity_id)));
        }
        let modified = modified.or(known).unwrap_or(0);
        Ok(json!({
            "IdentityId": r.identity_id,
            "IdentityPoolId": r.pool_id,
            "LastModifiedDate": wire_seconds(modified),
            "DatasetCount": count,
            "DataStorage": storage,
        }))
    })?;
    Reply::json(&json!({ "IdentityUsage": usage }))
}

fn pool_usage(tx: &Connection, pool_id: &str) -> Result<Option<Value>, ApiError> {
    let row: Option<(i64, i64)> = tx
        .prepare_cached("SELECT sync_sessions, modified_ms FROM pools WHERE id = ?1")?
        .query_row([pool_id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    let Some((sessions, modified)) = row else {
        return Ok(None);
    };
    let storage: i64 = tx
        .prepare_cached(
            "SELECT COALESCE(SUM(data_storage), 0) FROM datasets WHERE pool_id = ?1 AND live = 1",
        )?
        .query_row([pool_id], |r| r.get(0))?;
    Ok(Some(json!({
        "IdentityPoolId": pool_id,
        "SyncSessionsCount": sessions,
        "DataStorage": storage,
        "LastModifiedDate": wire_seconds(modified),
    })))
}

pub(crate) fn describe_identity_pool_usage(call: &Call<'_>) -> Result<Reply, ApiError> {
    let pool = &call.route.pool_id;
    let usage = call.state.store.read(|tx| {
        require_pool(tx, pool)?;
        pool_usage(tx, pool)
    })?;
    Reply::json(&json!({ "IdentityPoolUsage": usage }))
}

pub(crate) fn list_identity_pool_usage(call: &Call<'_>) -> Result<Reply, ApiError> {
    let state = call.state;
    let max = call.max_results(60, 60)?;
    let after = match call.query("nextToken") {
        None => String::new(),
        Some(t) => state
            .tokens
            .open("lp", t)
            .and_then(|f| f.into_iter().next())
            .ok_or_else(|| ApiError::invalid_parameter("Invalid NextToken"))?,
    };
    let (usages, more) = state.store.read(|tx| {
        let ids: Vec<String> = tx
            .prepare_cached("SELECT id FROM pools WHERE id > ?1 ORDER BY id LIMIT ?2")?
            .query_map(params![after, max + 1], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        let more = ids.len() as i64 > max;
        let mut usages = Vec::new();
        for id in ids.iter().take(max as usize) {
            if let Some(u) = pool_usage(tx, id)? {
                usages.push(u);
            }
        }
        Ok((usages, more))
    })?;
    let next = if more {
        usages
            .last()
            .and_then(|u| u.get("IdentityPoolId"))
            .and_then(Value::as_str)
            .map(|id| state.tokens.seal("lp", &[id]))
    } else {
        None
    };
    Reply::json(&json!({
        "IdentityPoolUsages": usages,
        "MaxResults": max,
        "Count": usages.len(),
        "NextToken": next,
    }))
}
