//! The admin API on the same port, for developer credentials only (SigV4, service
//! `cognito-sync`): fault injection and the recorded stream/push/Lambda deliveries.
//!
//! - `GET /_emulator/faults` → `{"Rules":[...]}`; `POST` (or `PUT`) with `{"Rules":[...]}`
//!   replaces them; `DELETE` removes them all.
//! - `GET /_emulator/events?kind=stream|push|lambda&after=SEQ` → `{"Events":[...]}`;
//!   `DELETE /_emulator/events` forgets them.

use serde_json::{json, Value};

use crate::api_error::ApiError;
use crate::events::{self, EventKind, RecordedEvent};
use crate::faults::FaultRule;
use crate::reply::Reply;
use crate::routes::parse_query;
use crate::state::State;
use crate::sync::finish_due_bulk_publishes;
use crate::time::{to_ms, wire_seconds};

/// The JSON form of a recorded event.
pub(crate) fn event_json(e: &RecordedEvent) -> Value {
    json!({
        "Sequence": e.sequence,
        "Kind": e.kind.as_str(),
        "Time": wire_seconds(to_ms(e.time)),
        "IdentityPoolId": e.identity_pool_id,
        "Payload": e.payload,
    })
}

pub(crate) fn handle(
    state: &State,
    parts: &http::request::Parts,
    body: &[u8],
) -> Result<Reply, ApiError> {
    let path = parts.uri.path().trim_end_matches('/');
    let method = parts.method.as_str();
    match (method, path) {
        ("GET", "/_emulator/faults") => Reply::json(&json!({ "Rules": state.faults.rules() })),
        ("POST" | "PUT", "/_emulator/faults") => {
            #[derive(serde::Deserialize)]
            #[serde(rename_all = "PascalCase")]
            struct Input {
                rules: Vec<FaultRule>,
            }
            let input: Input = serde_json::from_slice(body).map_err(|e| {
                ApiError::invalid_parameter(format!("Expected {{\"Rules\":[...]}}: {e}"))
            })?;
            for r in &input.rules {
                r.check()
                    .map_err(|e| ApiError::invalid_parameter(e.to_string()))?;
            }
            state.faults.set(input.rules);
            Reply::json(&json!({ "Rules": state.faults.rules() }))
        }
        ("DELETE", "/_emulator/faults") => {
            state.faults.clear();
            Ok(Reply::empty_object())
        }
        ("GET", "/_emulator/events") => {
            let query = parse_query(parts.uri.query());
            let get = |k: &str| query.iter().find(|(n, _)| n == k).map(|(_, v)| v.as_str());
            let kind = match get("kind") {
                None | Some("") => None,
                Some(k) => Some(EventKind::parse(k).ok_or_else(|| {
                    ApiError::invalid_parameter("kind must be stream, push or lambda")
                })?),
            };
            let after = match get("after") {
                None => 0,
                Some(a) => a
                    .parse()
                    .map_err(|_| ApiError::invalid_parameter("after must be a sequence number"))?,
            };
            finish_due_bulk_publishes(state)?;
            let list = state.store.read(|tx| events::list(tx, kind, after))?;
            let list: Vec<Value> = list.iter().map(event_json).collect();
            Reply::json(&json!({ "Events": list }))
        }
        ("DELETE", "/_emulator/events") => {
            state.store.write(events::clear)?;
            Ok(Reply::empty_object())
        }
        _ => Err(ApiError::unknown_operation()),
    }
}
