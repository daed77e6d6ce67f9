//! Identities and temporary credentials: GetId, GetCredentialsForIdentity, GetOpenIdToken,
//! ListIdentities, including linking logins and merging identities (whose datasets then appear
//! as `<name>.<mergedIdentityId>` under the surviving identity).

use rusqlite::{params, Connection, OptionalExtension};
use serde_json::{json, Map, Value};

use super::{pools, Input};
use crate::api_error::ApiError;
use crate::b64;
use crate::record::{StoredRecord, RECORD_COLUMNS};
use crate::reply::Reply;
use crate::state::State;
use crate::time::{now_ms, wire_seconds};
use crate::validate;

fn not_authorized(message: &str) -> ApiError {
    ApiError::new("NotAuthorizedException", 400, message)
}

fn identity_not_found(id: &str) -> ApiError {
    ApiError::new(
        "ResourceNotFoundException",
        400,
        format!("Identity '{id}' not found."),
    )
}

/// The user a login token stands for: the `sub` (with `iss`) of a JWT, else the token itself.
/// Tokens are not verified: there is no identity provider here.
fn login_subject(token: &str) -> String {
    let mut parts = token.split('.');
    if let (Some(_), Some(body), Some(_), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    {
        if let Some(claims) =
            b64::decode(body).and_then(|b| serde_json::from_slice::<Value>(&b).ok())
        {
            if let Some(sub) = claims.get("sub").and_then(Value::as_str) {
                let iss = claims
                    .get("iss")
                    .and_then(Value::as_str)
                    .unwrap_or_default();
                return format!("{iss}|{sub}");
            }
        }
    }
    token.to_owned()
}

fn new_identity(tx: &Connection, pool_id: &str, now: i64) -> Result<String, ApiError> {
    let region = pool_id.split(':').next().unwrap_or("us-east-1");
    let id = format!("{region}:{}", uuid::Uuid::new_v4());
    tx.execute(
        "INSERT INTO identities (id, pool_id, created_ms, modified_ms) VALUES (?1, ?2, ?3, ?3)",
        params![id, pool_id, now],
    )?;
    Ok(id)
}

fn login_owner(
    tx: &Connection,
    pool_id: &str,
    provider: &str,
    subject: &str,
) -> Result<Option<String>, ApiError> {
    Ok(tx
        .query_row(
            "SELECT identity_id FROM logins WHERE pool_id = ?1 AND provider = ?2 AND subject = ?3",
            params![pool_id, provider, subject],
            |r| r.get(0),
        )
        .optional()?)
}

fn link(
    tx: &Connection,
    pool_id: &str,
    provider: &str,
    subject: &str,
    identity: &str,
    now: i64,
) -> Result<(), ApiError> {
    tx.execute(
        "INSERT INTO logins (pool_id, provider, subject, identity_id) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (pool_id, provider, subject) DO UPDATE SET identity_id = excluded.identity_id",
        params![pool_id, provider, subject, identity],
    )?;
    tx.execute(
        "UPDATE identities SET modified_ms = ?2 WHERE id = ?1",
        params![identity, now],
    )?;
    Ok(())
}

/// Merges identity `from` into `into`: its datasets reappear as `<name>.<from>` (SyncCount 1,
/// reported in ListRecords' MergedDatasetNames), its logins move, and `from` is disabled.
fn merge(tx: &Connection, pool_id: &str, from: &str, into: &str, now: i64) -> Result<(), ApiError> {
    if from == into {
        return Ok(());
    }
    let datasets: Vec<(String, i64, i64)> = tx
        .prepare("SELECT name, data_storage, num_records FROM datasets WHERE pool_id = ?1 AND identity_id = ?2 AND live = 1")?
        .query_map(params![pool_id, from], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<Result<_, _>>()?;
    for (name, storage, count) in datasets {
        let merged = format!("{name}.{from}");
        let records: Vec<StoredRecord> = tx
            .prepare(&format!(
                "SELECT {RECORD_COLUMNS} FROM records WHERE pool_id = ?1 AND identity_id = ?2 AND dataset = ?3 AND value IS NOT NULL"
            ))?
            .query_map(params![pool_id, from, name], StoredRecord::from_row)?
            .collect::<Result<_, _>>()?;
        tx.execute(
            "INSERT INTO datasets (pool_id, identity_id, name, live, created_ms, modified_ms, modified_by,
                                   sync_count, deleted_at, data_storage, num_records, merged_base)
             VALUES (?1, ?2, ?3, 1, ?4, ?4, ?5, 1, 0, ?6, ?7, ?8)
             ON CONFLICT (pool_id, identity_id, name) DO UPDATE SET live = 1, created_ms = ?4,
                 modified_ms = ?4, modified_by = ?5, sync_count = datasets.sync_count + 1,
                 data_storage = ?6, num_records = ?7, merged_base = ?8",
            params![pool_id, into, merged, now, from, storage, count, name],
        )?;
        let count_now: i64 = tx.query_row(
            "SELECT sync_count FROM datasets WHERE pool_id = ?1 AND identity_id = ?2 AND name = ?3",
            params![pool_id, into, merged],
            |r| r.get(0),
        )?;
        for rec in records {
            tx.execute(
                "INSERT OR REPLACE INTO records (pool_id, identity_id, dataset, key, value, sync_count, modified_ms,
                                                 modified_by, device_modified_ms)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                params![pool_id, into, merged, rec.key, rec.value, count_now, now, rec.modified_by, rec.device_modified_ms],
            )?;
        }
    }
    tx.execute(
        "DELETE FROM records WHERE pool_id = ?1 AND identity_id = ?2",
        params![pool_id, from],
    )?;
    tx.execute(
        "DELETE FROM datasets WHERE pool_id = ?1 AND identity_id = ?2",
        params![pool_id, from],
    )?;
    tx.execute(
        "UPDATE logins SET identity_id = ?2 WHERE identity_id = ?1",
        params![from, into],
    )?;
    tx.execute(
        "UPDATE identities SET merged_into = ?2, modified_ms = ?3 WHERE id = ?1",
        params![from, into, now],
    )?;
    tx.execute(
        "UPDATE identities SET modified_ms = ?2 WHERE id = ?1",
        params![into, now],
    )?;
    tx.execute(
        "UPDATE pools SET modified_ms = ?2 WHERE id = ?1",
        params![pool_id, now],
    )?;
    Ok(())
}

/// Resolves logins to one identity of the pool: the one owning any of them (merging others
/// that own the rest), linking unlinked logins to it; `start` is the identity the caller holds.
fn resolve_logins(
    tx: &Connection,
    pool_id: &str,
    start: Option<&str>,
    logins: &[(String, String)],
    now: i64,
) -> Result<String, ApiError> {
    let mut owners = Vec::new();
    for (provider, token) in logins {
        if let Some(owner) = login_owner(tx, pool_id, provider, &login_subject(token))? {
            if !owners.contains(&owner) {
                owners.push(owner);
            }
        }
    }
    let target = match (owners.first(), start) {
        (Some(o), _) => o.clone(),
        (None, Some(s)) => s.to_owned(),
        (None, None) => new_identity(tx, pool_id, now)?,
    };
    for other in owners.iter().skip(1).map(String::as_str).chain(start) {
        merge(tx, pool_id, other, &target, now)?;
    }
    for (provider, token) in logins {
        link(tx, pool_id, provider, &login_subject(token), &target, now)?;
    }
    Ok(target)
}

fn require_pool(tx: &Connection, pool_id: &str) -> Result<bool, ApiError> {
    Ok(pools::load(tx, pool_id)?
        .ok_or_else(|| pools::not_found(pool_id))?
        .1)
}

pub(crate) fn get_id(state: &State, input: &Input) -> Result<Reply, ApiError> {
    let pool_id = input.required_string("IdentityPoolId", "identityPoolId")?;
    validate::id("identityPoolId", pool_id)?;
    if let Some(account) = input.string("AccountId")? {
        validate::length("accountId", account, 1, 15)?;
    }
    let logins = input.logins()?;
    let id = state.store.write(|tx| {
        let allow_unauth = require_pool(tx, pool_id)?;
        let now = now_ms();
        if logins.is_empty() {
            if !allow_unauth {
                return Err(not_authorized(
                    "Unauthenticated access is not supported for this identity pool.",
                ));
            }
            return new_identity(tx, pool_id, now);
        }
        resolve_logins(tx, pool_id, None, &logins, now)
    })?;
    Reply::json(&json!({ "IdentityId": id }))
}

/// The identity a credentials or token request ends up with (after following merges and
/// linking or merging by the supplied logins), and its pool.
fn authorize_identity(
    tx: &Connection,
    identity_id: &str,
    logins: &[(String, String)],
    now: i64,
) -> Result<(String, String), ApiError> {
    let row: Option<(String, Option<String>)> = tx
        .query_row(
            "SELECT pool_id, merged_into FROM identities WHERE id = ?1",
            [identity_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let (pool_id, mut merged_into) = row.ok_or_else(|| identity_not_found(identity_id))?;
    let mut current = identity_id.to_owned();
    // Follow merges to the surviving identity (bounded, in case of a cycle in a hand-edited db).
    for _ in 0..16 {
        let Some(next) = merged_into.take() else {
            break;
        };
        current = next;
        merged_into = tx
            .query_row(
                "SELECT merged_into FROM identities WHERE id = ?1",
                [&current],
                |r| r.get(0),
            )
            .optional()?
            .flatten();
    }
    let allow_unauth = require_pool(tx, &pool_id)?;
    let linked: i64 = tx.query_row(
        "SELECT COUNT(*) FROM logins WHERE identity_id = ?1",
        [&current],
        |r| r.get(0),
    )?;
    if logins.is_empty() {
        if linked > 0 {
            return Err(not_authorized(
                "Logins don't match. Please include at least one valid login for this identity or identity pool.",
            ));
        }
        if !allow_unauth {
            return Err(not_authorized(
                "Unauthenticated access is not supported for this identity pool.",
            ));
        }
        return Ok((pool_id, current));
    }
    let target = resolve_logins(tx, &pool_id, Some(&current), logins, now)?;
    Ok((pool_id, target))
}

fn random_upper(n: usize) -> String {
    const CHARS: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    let bytes = uuid::Uuid::new_v4().into_bytes();
    let more = uuid::Uuid::new_v4().into_bytes();
    bytes
        .iter()
        .chain(more.iter())
        .take(n)
        .map(|b| char::from(CHARS[usize::from(*b) % CHARS.len()]))
        .collect()
}

pub(crate) fn get_credentials(state: &State, input: &Input) -> Result<Reply, ApiError> {
    let identity_id = input.required_string("IdentityId", "identityId")?;
    validate::id("identityId", identity_id)?;
    if let Some(role) = input.string("CustomRoleArn")? {
        validate::length("customRoleArn", role, 20, 2048)?;
    }
    let logins = input.logins()?;
    let ttl = state.config.credentials_ttl.as_millis() as i64;
    let (identity, access_key, secret, token, expires) = state.store.write(|tx| {
        let now = now_ms();
        let (pool_id, identity) = authorize_identity(tx, identity_id, &logins, now)?;
        let access_key = format!("ASIA{}", random_upper(16));
        let secret = b64::encode(&[uuid::Uuid::new_v4().into_bytes(), uuid::Uuid::new_v4().into_bytes()].concat());
        let token = b64::encode(
            &[
                uuid::Uuid::new_v4().into_bytes(),
                uuid::Uuid::new_v4().into_bytes(),
                uuid::Uuid::new_v4().into_bytes(),
                uuid::Uuid::new_v4().into_bytes(),
            ]
            .concat(),
        );
        let expires = now + ttl;
        // Expired keys are useless: drop them as new ones are issued.
        tx.execute("DELETE FROM credentials WHERE expires_ms < ?1", [now - 24 * 3600 * 1000])?;
        tx.execute(
            "INSERT INTO credentials (access_key, secret, session_token, pool_id, identity_id, expires_ms)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![access_key, secret, token, pool_id, identity, expires],
        )?;
        Ok((identity, access_key, secret, token, expires))
    })?;
    Reply::json(&json!({
        "IdentityId": identity,
        "Credentials": {
            "AccessKeyId": access_key,
            "SecretKey": secret,
            "SessionToken": token,
            "Expiration": wire_seconds(expires),
        }
    }))
}

pub(crate) fn get_open_id_token(state: &State, input: &Input) -> Result<Reply, ApiError> {
    let identity_id = input.required_string("IdentityId", "identityId")?;
    validate::id("identityId", identity_id)?;
    let logins = input.logins()?;
    let (pool_id, identity) = state
        .store
        .write(|tx| authorize_identity(tx, identity_id, &logins, now_ms()))?;
    // An unsigned JWT-shaped token (10 minutes, as the service documents); nothing verifies it.
    let now_s = now_ms() / 1000;
    let header = b64::encode(br#"{"kid":"cognito-sync-local","typ":"JWS","alg":"none"}"#);
    let claims = json!({
        "sub": identity,
        "aud": pool_id,
        "iss": "https://cognito-identity.amazonaws.com",
        "amr": [if logins.is_empty() { "unauthenticated" } else { "authenticated" }],
        "iat": now_s,
        "exp": now_s + 600,
    });
    let token = format!("{header}.{}.", b64::encode(claims.to_string().as_bytes()));
    Reply::json(&json!({ "IdentityId": identity, "Token": token }))
}

pub(crate) fn list_identities(state: &State, input: &Input) -> Result<Reply, ApiError> {
    let pool_id = input.required_string("IdentityPoolId", "identityPoolId")?;
    validate::id("identityPoolId", pool_id)?;
    let max = pools::max_results(input)?;
    let hide_disabled = input.bool("HideDisabled")?.unwrap_or(false);
    let after = match input.string("NextToken")? {
        None => String::new(),
        Some(t) => state
            .tokens
            .open("li", t)
            .filter(|f| f.len() == 2 && f[0] == pool_id)
            .map(|f| f[1].clone())
            .ok_or_else(|| ApiError::new("InvalidParameterException", 400, "Invalid NextToken"))?,
    };
    let (rows, more) = state.store.read(|tx| {
        require_pool(tx, pool_id)?;
        let rows: Vec<(String, i64, i64)> = tx
            .prepare(
                "SELECT id, created_ms, modified_ms FROM identities
                 WHERE pool_id = ?1 AND id > ?2 AND (?3 = 0 OR merged_into IS NULL) ORDER BY id LIMIT ?4",
            )?
            .query_map(params![pool_id, after, hide_disabled, max + 1], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<Result<_, _>>()?;
        let more = rows.len() as i64 > max;
        let mut out = Vec::new();
        for (id, created, modified) in rows.into_iter().take(max as usize) {
            let providers: Vec<String> = tx
                .prepare_cached("SELECT DISTINCT provider FROM logins WHERE identity_id = ?1 ORDER BY provider")?
                .query_map([&id], |r| r.get(0))?
                .collect::<Result<_, _>>()?;
            out.push((id, providers, created, modified));
        }
        Ok((out, more))
    })?;
    let next = match (more, rows.last()) {
        (true, Some((id, ..))) => Some(state.tokens.seal("li", &[pool_id, id])),
        _ => None,
    };
    let identities: Vec<Value> = rows
        .iter()
        .map(|(id, providers, created, modified)| {
            let mut m = Map::new();
            m.insert("IdentityId".into(), json!(id));
            if !providers.is_empty() {
                m.insert("Logins".into(), json!(providers));
            }
            m.insert("CreationDate".into(), json!(wire_seconds(*created)));
            m.insert("LastModifiedDate".into(), json!(wire_seconds(*modified)));
            Value::Object(m)
        })
        .collect();
    let mut out = Map::new();
    out.insert("IdentityPoolId".into(), json!(pool_id));
    out.insert("Identities".into(), Value::Array(identities));
    if let Some(n) = next {
        out.insert("NextToken".into(), json!(n));
    }
    Reply::json(&Value::Object(out))
}
