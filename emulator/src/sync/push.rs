//! Push sync: RegisterDevice, SubscribeToDataset, UnsubscribeFromDataset and the silent
//! notifications that would go to subscribed devices when a dataset changes.

use rusqlite::{params, Connection, OptionalExtension};
use serde_json::{json, Value};

use super::{datasets, pool_config, require_pool, Call};
use crate::api_error::ApiError;
use crate::events::{self, EventKind};
use crate::reply::Reply;
use crate::time::now_ms;
use crate::validate::{self, application_arn_platform};

const PLATFORMS: [&str; 4] = ["APNS", "APNS_SANDBOX", "GCM", "ADM"];

/// The configured SNS application ARNs of a pool (empty when push sync is not configured).
fn application_arns(tx: &Connection, pool_id: &str) -> Result<Vec<String>, ApiError> {
    let (push, _) = pool_config::load_configuration(tx, pool_id)?;
    Ok(push
        .as_ref()
        .and_then(|p| p.get("ApplicationArns"))
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default())
}

fn arn_for(arns: &[String], platform: &str) -> Option<String> {
    arns.iter()
        .find(|a| application_arn_platform(a) == Some(platform))
        .cloned()
}

fn not_configured(pool_id: &str) -> ApiError {
    ApiError::invalid_configuration(format!(
        "Push sync is not configured for identity pool {pool_id}"
    ))
}

pub(crate) fn register_device(call: &Call<'_>) -> Result<Reply, ApiError> {
    let r = call.route;
    let platform = call
        .member_str("Platform")?
        .ok_or_else(|| validate::missing("platform"))?;
    validate::one_of("platform", platform, &PLATFORMS)?;
    let token = call
        .member_str("Token")?
        .ok_or_else(|| validate::missing("token"))?;
    if token.is_empty() {
        return Err(validate::failed(
            "token",
            token,
            "Member must have length greater than or equal to 1",
        ));
    }
    let device_id = call.state.store.write(|tx| {
        require_pool(tx, &r.pool_id)?;
        let arns = application_arns(tx, &r.pool_id)?;
        if arns.is_empty() {
            return Err(not_configured(&r.pool_id));
        }
        if arn_for(&arns, platform).is_none() {
            return Err(ApiError::invalid_configuration(format!(
                "No platform application is configured for platform {platform}"
            )));
        }
        let existing: Option<String> = tx
            .query_row(
                "SELECT id FROM devices WHERE pool_id = ?1 AND identity_id = ?2 AND platform = ?3 AND token = ?4",
                params![r.pool_id, r.identity_id, platform, token],
                |row| row.get(0),
            )
            .optional()?;
        if let Some(id) = existing {
            return Ok(id);
        }
        let id = uuid::Uuid::new_v4().to_string();
        tx.execute(
            "INSERT INTO devices (id, pool_id, identity_id, platform, token, created_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![id, r.pool_id, r.identity_id, platform, token, now_ms()],
        )?;
        Ok(id)
    })?;
    Reply::json(&json!({ "DeviceId": device_id }))
}

fn require_device(
    tx: &Connection,
    pool_id: &str,
    identity_id: &str,
    device_id: &str,
) -> Result<(), ApiError> {
    let found: Option<i64> = tx
        .query_row(
            "SELECT 1 FROM devices WHERE id = ?1 AND pool_id = ?2 AND identity_id = ?3",
            params![device_id, pool_id, identity_id],
            |r| r.get(0),
        )
        .optional()?;
    match found {
        Some(_) => Ok(()),
        None => Err(ApiError::not_found(format!(
            "Device '{device_id}' not found."
        ))),
    }
}

pub(crate) fn subscribe(call: &Call<'_>) -> Result<Reply, ApiError> {
    let r = call.route;
    call.state.store.write(|tx| {
        require_pool(tx, &r.pool_id)?;
        if application_arns(tx, &r.pool_id)?.is_empty() {
            return Err(not_configured(&r.pool_id));
        }
        require_device(tx, &r.pool_id, &r.identity_id, &r.device_id)?;
        if !datasets::load(tx, &r.pool_id, &r.identity_id, &r.dataset)?.is_some_and(|d| d.live) {
            return Err(ApiError::not_found(format!("Dataset '{}' not found.", r.dataset)));
        }
        tx.execute(
            "INSERT OR IGNORE INTO subscriptions (pool_id, identity_id, dataset, device_id) VALUES (?1, ?2, ?3, ?4)",
            params![r.pool_id, r.identity_id, r.dataset, r.device_id],
        )?;
        Ok(())
    })?;
    Ok(Reply::empty_object())
}

pub(crate) fn unsubscribe(call: &Call<'_>) -> Result<Reply, ApiError> {
    let r = call.route;
    call.state.store.write(|tx| {
        require_pool(tx, &r.pool_id)?;
        if application_arns(tx, &r.pool_id)?.is_empty() {
            return Err(not_configured(&r.pool_id));
        }
        require_device(tx, &r.pool_id, &r.identity_id, &r.device_id)?;
        tx.execute(
            "DELETE FROM subscriptions WHERE pool_id = ?1 AND identity_id = ?2 AND dataset = ?3 AND device_id = ?4",
            params![r.pool_id, r.identity_id, r.dataset, r.device_id],
        )?;
        Ok(())
    })?;
    Ok(Reply::empty_object())
}

/// Records the silent push each subscribed device (except the writer's own) would receive.
pub(crate) fn notify(
    tx: &Connection,
    pool_id: &str,
    identity_id: &str,
    dataset: &str,
    sync_count: i64,
    except_device: Option<&str>,
) -> Result<(), ApiError> {
    let subs: Vec<(String, String, String)> = {
        let mut stmt = tx.prepare_cached(
            "SELECT d.id, d.platform, d.token FROM subscriptions s JOIN devices d ON d.id = s.device_id
             WHERE s.pool_id = ?1 AND s.identity_id = ?2 AND s.dataset = ?3 ORDER BY d.id",
        )?;
        let rows = stmt
            .query_map(params![pool_id, identity_id, dataset], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })?
            .collect::<Result<Vec<_>, _>>()?;
        rows
    };
    if subs.is_empty() {
        return Ok(());
    }
    let arns = application_arns(tx, pool_id)?;
    let now = now_ms();
    for (device_id, platform, token) in subs {
        if except_device == Some(device_id.as_str()) {
            continue;
        }
        let Some(arn) = arn_for(&arns, &platform) else {
            continue;
        };
        let payload = json!({
            "DeviceId": device_id,
            "Platform": platform,
            "Token": token,
            "ApplicationArn": arn,
            "Message": {
                "source": "cognito-sync",
                "identityPoolId": pool_id,
                "identityId": identity_id,
                "datasetName": dataset,
                "syncCount": sync_count,
            },
        });
        events::record(tx, EventKind::Push, pool_id, now, &payload)?;
    }
    Ok(())
}
