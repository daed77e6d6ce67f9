//! The Cognito Identity subset (JSON 1.1, `X-Amz-Target: AWSCognitoIdentityService.<Op>`, POST /)
//! that issues identities and temporary credentials, plus pool management for tests.

mod identities;
pub(crate) mod pools;

use std::sync::Arc;

use serde_json::{Map, Value};

use crate::api_error::ApiError;
use crate::auth::authenticate;
use crate::reply::Reply;
use crate::state::State;
use crate::validate;

/// Parsed body of a JSON 1.1 call.
pub(crate) struct Input {
    body: Map<String, Value>,
}

impl Input {
    fn get(&self, name: &str) -> Option<&Value> {
        self.body.get(name).filter(|v| !v.is_null())
    }

    pub(crate) fn raw(&self) -> &Map<String, Value> {
        &self.body
    }

    pub(crate) fn string(&self, name: &str) -> Result<Option<&str>, ApiError> {
        match self.get(name) {
            None => Ok(None),
            Some(Value::String(s)) => Ok(Some(s)),
            Some(_) => Err(serialization(name)),
        }
    }

    pub(crate) fn required_string(&self, name: &str, wire: &str) -> Result<&str, ApiError> {
        self.string(name)?.ok_or_else(|| validate::missing(wire))
    }

    pub(crate) fn bool(&self, name: &str) -> Result<Option<bool>, ApiError> {
        match self.get(name) {
            None => Ok(None),
            Some(Value::Bool(b)) => Ok(Some(*b)),
            Some(_) => Err(serialization(name)),
        }
    }

    pub(crate) fn int(&self, name: &str) -> Result<Option<i64>, ApiError> {
        match self.get(name) {
            None => Ok(None),
            Some(v) => v.as_i64().map(Some).ok_or_else(|| serialization(name)),
        }
    }

    /// The `Logins` map (provider name to token), at most 10 entries.
    pub(crate) fn logins(&self) -> Result<Vec<(String, String)>, ApiError> {
        let Some(v) = self.get("Logins") else {
            return Ok(Vec::new());
        };
        let m = v.as_object().ok_or_else(|| serialization("Logins"))?;
        if m.len() > 10 {
            return Err(validate::failed(
                "logins",
                "{...}",
                "Member must have length less than or equal to 10",
            ));
        }
        m.iter()
            .map(|(k, v)| {
                let t = v.as_str().ok_or_else(|| serialization("Logins"))?;
                validate::length("logins", k, 1, 128)?;
                if t.is_empty() {
                    return Err(validate::failed(
                        "logins",
                        "",
                        "Member must have length greater than or equal to 1",
                    ));
                }
                Ok((k.clone(), t.to_owned()))
            })
            .collect()
    }
}

fn serialization(name: &str) -> ApiError {
    ApiError::new(
        "SerializationException",
        400,
        format!("Unexpected type for member {name}"),
    )
}

/// Runs one Cognito Identity operation.
pub(crate) fn handle(
    state: &Arc<State>,
    op: &str,
    parts: &http::request::Parts,
    body: &[u8],
    caller_key: &mut Option<String>,
) -> Result<Reply, ApiError> {
    handle_inner(state, op, parts, body, caller_key).map_err(|mut e| {
        // The Cognito Identity model has no status traits: client errors are all 400.
        if e.status < 500 {
            e.status = 400;
        }
        e
    })
}

fn handle_inner(
    state: &Arc<State>,
    op: &str,
    parts: &http::request::Parts,
    raw_body: &[u8],
    caller_key: &mut Option<String>,
) -> Result<Reply, ApiError> {
    let body = if raw_body.iter().all(u8::is_ascii_whitespace) {
        Map::new()
    } else {
        match serde_json::from_slice::<Value>(raw_body) {
            Ok(Value::Object(m)) => m,
            _ => {
                return Err(ApiError::new(
                    "SerializationException",
                    400,
                    "The request body is not a valid JSON object",
                ))
            }
        }
    };
    let input = Input { body };
    // GetId, GetCredentialsForIdentity and GetOpenIdToken are unauthenticated (noAuth) calls.
    match op {
        "GetId" => return identities::get_id(state, &input),
        "GetCredentialsForIdentity" => return identities::get_credentials(state, &input),
        "GetOpenIdToken" => return identities::get_open_id_token(state, &input),
        _ => {}
    }
    let known = [
        "CreateIdentityPool",
        "DescribeIdentityPool",
        "ListIdentityPools",
        "DeleteIdentityPool",
        "ListIdentities",
    ];
    if !known.contains(&op) {
        return Err(ApiError::new(
            "UnknownOperationException",
            400,
            format!("Operation '{op}' is not supported by cognito-sync-local"),
        ));
    }
    let caller = authenticate(state, parts, raw_body, "cognito-identity")?;
    *caller_key = Some(caller.access_key().to_owned());
    caller.require_developer(op)?;
    match op {
        "CreateIdentityPool" => pools::create(state, &input),
        "DescribeIdentityPool" => pools::describe(state, &input),
        "ListIdentityPools" => pools::list(state, &input),
        "DeleteIdentityPool" => pools::delete(state, &input),
        _ => identities::list_identities(state, &input),
    }
}
