//! Identity pools: CreateIdentityPool, DescribeIdentityPool, ListIdentityPools, DeleteIdentityPool,
//! and the direct creation used by the library API and `--identity-pool`.

use rusqlite::{params, Connection, OptionalExtension};
use serde_json::{json, Map, Value};

use super::Input;
use crate::api_error::ApiError;
use crate::reply::Reply;
use crate::state::State;
use crate::time::now_ms;
use crate::validate;

/// Optional IdentityPool members stored and echoed back as given.
const OPTIONAL_MEMBERS: [&str; 7] = [
    "AllowClassicFlow",
    "SupportedLoginProviders",
    "DeveloperProviderName",
    "OpenIdConnectProviderARNs",
    "CognitoIdentityProviders",
    "SamlProviderARNs",
    "IdentityPoolTags",
];

/// Inserts a pool; fails with ResourceConflictException when the ID is taken.
pub(crate) fn insert(
    tx: &Connection,
    id: &str,
    name: &str,
    allow_unauth: bool,
    extra: &Map<String, Value>,
) -> Result<(), ApiError> {
    let now = now_ms();
    let inserted = tx.execute(
        "INSERT OR IGNORE INTO pools (id, name, allow_unauth, spec, created_ms, modified_ms)
         VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
        params![
            id,
            name,
            allow_unauth,
            Value::Object(extra.clone()).to_string(),
            now
        ],
    )?;
    if inserted == 0 {
        return Err(ApiError::new(
            "ResourceConflictException",
            400,
            format!("IdentityPool '{id}' already exists."),
        ));
    }
    Ok(())
}

/// A new pool ID in `region`.
pub(crate) fn new_pool_id(region: &str) -> String {
    format!("{region}:{}", uuid::Uuid::new_v4())
}

/// A pool as stored: (name, allow_unauthenticated, optional members).
pub(crate) type StoredPool = (String, bool, Map<String, Value>);

/// Loads a pool.
pub(crate) fn load(tx: &Connection, id: &str) -> Result<Option<StoredPool>, ApiError> {
    let row: Option<(String, bool, String)> = tx
        .query_row(
            "SELECT name, allow_unauth, spec FROM pools WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    Ok(row.map(|(name, allow, spec)| {
        let extra = serde_json::from_str::<Value>(&spec)
            .ok()
            .and_then(|v| v.as_object().cloned())
            .unwrap_or_default();
        (name, allow, extra)
    }))
}

fn pool_json(id: &str, name: &str, allow: bool, extra: &Map<String, Value>) -> Value {
    let mut out = extra.clone();
    out.insert("IdentityPoolId".into(), json!(id));
    out.insert("IdentityPoolName".into(), json!(name));
    out.insert("AllowUnauthenticatedIdentities".into(), json!(allow));
    Value::Object(out)
}

pub(crate) fn not_found(id: &str) -> ApiError {
    ApiError::new(
        "ResourceNotFoundException",
        400,
        format!("IdentityPool '{id}' not found."),
    )
}

pub(crate) fn create(state: &State, input: &Input) -> Result<Reply, ApiError> {
    let name = input.required_string("IdentityPoolName", "identityPoolName")?;
    validate::pool_name(name)?;
    let allow = input
        .bool("AllowUnauthenticatedIdentities")?
        .ok_or_else(|| validate::missing("allowUnauthenticatedIdentities"))?;
    let mut extra = Map::new();
    for m in OPTIONAL_MEMBERS {
        if let Some(v) = input.raw().get(m).filter(|v| !v.is_null()) {
            extra.insert(m.to_owned(), v.clone());
        }
    }
    let id = new_pool_id(&state.config.region);
    state
        .store
        .write(|tx| insert(tx, &id, name, allow, &extra))?;
    Reply::json(&pool_json(&id, name, allow, &extra))
}

fn pool_id_member(input: &Input) -> Result<&str, ApiError> {
    let id = input.required_string("IdentityPoolId", "identityPoolId")?;
    validate::id("identityPoolId", id)?;
    Ok(id)
}

pub(crate) fn describe(state: &State, input: &Input) -> Result<Reply, ApiError> {
    let id = pool_id_member(input)?;
    let (name, allow, extra) = state
        .store
        .read(|tx| load(tx, id))?
        .ok_or_else(|| not_found(id))?;
    Reply::json(&pool_json(id, &name, allow, &extra))
}

/// `MaxResults` of the list operations: required, 1–60.
pub(crate) fn max_results(input: &Input) -> Result<i64, ApiError> {
    let n = input
        .int("MaxResults")?
        .ok_or_else(|| validate::missing("maxResults"))?;
    if !(1..=60).contains(&n) {
        return Err(validate::failed(
            "maxResults",
            &n.to_string(),
            "Member must have value between 1 and 60",
        ));
    }
    Ok(n)
}

pub(crate) fn list(state: &State, input: &Input) -> Result<Reply, ApiError> {
    let max = max_results(input)?;
    let after = match input.string("NextToken")? {
        None => String::new(),
        Some(t) => state
            .tokens
            .open("ip", t)
            .and_then(|f| f.into_iter().next())
            .ok_or_else(|| ApiError::new("InvalidParameterException", 400, "Invalid NextToken"))?,
    };
    let rows: Vec<(String, String)> = state.store.read(|tx| {
        Ok(tx
            .prepare_cached("SELECT id, name FROM pools WHERE id > ?1 ORDER BY id LIMIT ?2")?
            .query_map(params![after, max + 1], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<_, _>>()?)
    })?;
    let more = rows.len() as i64 > max;
    let page = &rows[..rows.len().min(max as usize)];
    let next = match (more, page.last()) {
        (true, Some((id, _))) => Some(state.tokens.seal("ip", &[id])),
        _ => None,
    };
    let pools: Vec<Value> = page
        .iter()
        .map(|(id, name)| json!({ "IdentityPoolId": id, "IdentityPoolName": name }))
        .collect();
    let mut out = Map::new();
    out.insert("IdentityPools".into(), Value::Array(pools));
    if let Some(n) = next {
        out.insert("NextToken".into(), json!(n));
    }
    Reply::json(&Value::Object(out))
}

pub(crate) fn delete(state: &State, input: &Input) -> Result<Reply, ApiError> {
    let id = pool_id_member(input)?;
    state.store.write(|tx| {
        if tx.execute("DELETE FROM pools WHERE id = ?1", [id])? == 0 {
            return Err(not_found(id));
        }
        for table in [
            "identities",
            "logins",
            "credentials",
            "datasets",
            "records",
            "devices",
            "subscriptions",
        ] {
            tx.execute(&format!("DELETE FROM {table} WHERE pool_id = ?1"), [id])?;
        }
        Ok(())
    })?;
    Ok(Reply { body: Vec::new() })
}
