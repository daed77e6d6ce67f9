//! The 17 Cognito Sync operations: dispatch, input parsing shared by all, and the checks every
//! operation makes (labels, pool existence, caller class, own identity).

mod bulk;
mod datasets;
mod pool_config;
mod push;
mod records;
mod usage;

pub(crate) use bulk::finish_due_bulk_publishes;

use std::sync::Arc;

use rusqlite::{Connection, OptionalExtension};
use serde_json::{Map, Value};

use crate::api_error::ApiError;
use crate::auth::Caller;
use crate::reply::Reply;
use crate::routes::{parse_query, Route, SyncOp};
use crate::state::State;
use crate::validate;

/// One parsed Cognito Sync request.
pub(crate) struct Call<'a> {
    pub(crate) state: &'a Arc<State>,
    pub(crate) route: &'a Route,
    pub(crate) caller: &'a Caller,
    query: Vec<(String, String)>,
    body: Map<String, Value>,
}

impl Call<'_> {
    /// A query parameter (the first when repeated).
    pub(crate) fn query(&self, name: &str) -> Option<&str> {
        self.query
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// A query parameter that must be a whole number.
    pub(crate) fn query_i64(&self, name: &str) -> Result<Option<i64>, ApiError> {
        match self.query(name) {
            None => Ok(None),
            Some(v) => v.trim().parse::<i64>().map(Some).map_err(|_| {
                ApiError::invalid_parameter(format!(
                    "Invalid value for {name}: '{v}' is not a number"
                ))
            }),
        }
    }

    /// `maxResults`: positive; larger than `max` is capped; absent gives `default`.
    pub(crate) fn max_results(&self, default: i64, max: i64) -> Result<i64, ApiError> {
        match self.query_i64("maxResults")? {
            None => Ok(default),
            Some(n) if n < 1 => Err(validate::failed(
                "maxResults",
                &n.to_string(),
                "Member must have value greater than or equal to 1",
            )),
            Some(n) => Ok(n.min(max)),
        }
    }

    /// A body member; JSON null counts as absent.
    pub(crate) fn member(&self, name: &str) -> Option<&Value> {
        self.body.get(name).filter(|v| !v.is_null())
    }

    /// A string body member.
    pub(crate) fn member_str(&self, name: &str) -> Result<Option<&str>, ApiError> {
        match self.member(name) {
            None => Ok(None),
            Some(Value::String(s)) => Ok(Some(s)),
            Some(_) => Err(ApiError::invalid_parameter(format!(
                "{name} must be a string"
            ))),
        }
    }
}

fn parse_body(body: &[u8]) -> Result<Map<String, Value>, ApiError> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(Map::new());
    }
    match serde_json::from_slice::<Value>(body) {
        Ok(Value::Object(m)) => Ok(m),
        Ok(Value::Null) => Ok(Map::new()),
        Ok(_) => Err(ApiError::invalid_parameter(
            "The request body must be a JSON object",
        )),
        Err(e) => Err(ApiError::invalid_parameter(format!(
            "The request body is not valid JSON: {e}"
        ))),
    }
}

/// Runs one Cognito Sync operation for an authenticated caller.
pub(crate) fn handle(
    state: &Arc<State>,
    route: &Route,
    caller: &Caller,
    parts: &http::request::Parts,
    body: &[u8],
) -> Result<Reply, ApiError> {
    let call = Call {
        state,
        route,
        caller,
        query: parse_query(parts.uri.query()),
        body: parse_body(body)?,
    };
    // Labels first (AWS validates input before authorising it), then the caller's class.
    let op = route.op;
    if op != SyncOp::ListIdentityPoolUsage {
        validate::id("identityPoolId", &route.pool_id)?;
    }
    if !route.identity_id.is_empty() || needs_identity(op) {
        validate::id("identityId", &route.identity_id)?;
    }
    if !route.dataset.is_empty() || needs_dataset(op) {
        validate::dataset_name(&route.dataset)?;
    }
    if matches!(
        op,
        SyncOp::SubscribeToDataset | SyncOp::UnsubscribeFromDataset
    ) {
        validate::length("deviceId", &route.device_id, 1, validate::MAX_DEVICE_ID_LEN)?;
    }
    match op {
        SyncOp::BulkPublish
        | SyncOp::GetBulkPublishDetails
        | SyncOp::DescribeIdentityPoolUsage
        | SyncOp::ListIdentityPoolUsage
        | SyncOp::GetCognitoEvents
        | SyncOp::SetCognitoEvents
        | SyncOp::GetIdentityPoolConfiguration
        | SyncOp::SetIdentityPoolConfiguration => caller.require_developer(op.name())?,
        SyncOp::RegisterDevice | SyncOp::SubscribeToDataset | SyncOp::UnsubscribeFromDataset => {
            caller.require_cognito(op.name())?;
            caller.require_access(&route.pool_id, &route.identity_id)?;
        }
        _ => caller.require_access(&route.pool_id, &route.identity_id)?,
    }
    match op {
        SyncOp::ListRecords => records::list_records(&call),
        SyncOp::UpdateRecords => records::update_records(&call),
        SyncOp::DescribeDataset => datasets::describe_dataset(&call),
        SyncOp::DeleteDataset => datasets::delete_dataset(&call),
        SyncOp::ListDatasets => datasets::list_datasets(&call),
        SyncOp::DescribeIdentityUsage => usage::describe_identity_usage(&call),
        SyncOp::DescribeIdentityPoolUsage => usage::describe_identity_pool_usage(&call),
        SyncOp::ListIdentityPoolUsage => usage::list_identity_pool_usage(&call),
        SyncOp::GetIdentityPoolConfiguration => pool_config::get_configuration(&call),
        SyncOp::SetIdentityPoolConfiguration => pool_config::set_configuration(&call),
        SyncOp::GetCognitoEvents => pool_config::get_events(&call),
        SyncOp::SetCognitoEvents => pool_config::set_events(&call),
        SyncOp::RegisterDevice => push::register_device(&call),
        SyncOp::SubscribeToDataset => push::subscribe(&call),
        SyncOp::UnsubscribeFromDataset => push::unsubscribe(&call),
        SyncOp::BulkPublish => bulk::bulk_publish(&call),
        SyncOp::GetBulkPublishDetails => bulk::get_details(&call),
    }
}

fn needs_identity(op: SyncOp) -> bool {
    matches!(
        op,
        SyncOp::DescribeIdentityUsage
            | SyncOp::ListDatasets
            | SyncOp::DescribeDataset
            | SyncOp::DeleteDataset
            | SyncOp::UpdateRecords
            | SyncOp::ListRecords
            | SyncOp::SubscribeToDataset
            | SyncOp::UnsubscribeFromDataset
            | SyncOp::RegisterDevice
    )
}

fn needs_dataset(op: SyncOp) -> bool {
    matches!(
        op,
        SyncOp::DescribeDataset
            | SyncOp::DeleteDataset
            | SyncOp::UpdateRecords
            | SyncOp::ListRecords
            | SyncOp::SubscribeToDataset
            | SyncOp::UnsubscribeFromDataset
    )
}

/// Fails with ResourceNotFoundException unless the identity pool exists.
pub(crate) fn require_pool(tx: &Connection, pool_id: &str) -> Result<(), ApiError> {
    let found: Option<i64> = tx
        .prepare_cached("SELECT 1 FROM pools WHERE id = ?1")?
        .query_row([pool_id], |r| r.get(0))
        .optional()?;
    match found {
        Some(_) => Ok(()),
        None => Err(ApiError::not_found(format!(
            "IdentityPool '{pool_id}' not found."
        ))),
    }
}
