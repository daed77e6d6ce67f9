//! Responses as AWS writes them: JSON bodies, `x-amzn-RequestId` on every response and
//! `x-amzn-ErrorType` plus `{"__type","message"}` on errors.

use bytes::Bytes;
use http::{HeaderValue, Response, StatusCode};
use http_body_util::Full;
use serde::Serialize;

use crate::api_error::ApiError;

/// Content type of Cognito Sync (rest-json) responses.
pub(crate) const REST_JSON: &str = "application/json";
/// Content type of Cognito Identity (JSON 1.1) responses.
pub(crate) const AMZ_JSON: &str = "application/x-amz-json-1.1";

/// A successful response body.
#[derive(Debug)]
pub(crate) struct Reply {
    pub(crate) body: Vec<u8>,
}

impl Reply {
    /// Serialises `value` as the response body.
    pub(crate) fn json<T: Serialize>(value: &T) -> Result<Reply, ApiError> {
        serde_json::to_vec(value)
            .map(|body| Reply { body })
            .map_err(|e| ApiError::internal(format!("response serialisation failed: {e}")))
    }

    /// `{}`.
    pub(crate) fn empty_object() -> Reply {
        Reply {
            body: b"{}".to_vec(),
        }
    }
}

fn base(
    status: u16,
    content_type: &'static str,
    request_id: &str,
    body: Vec<u8>,
) -> Response<Full<Bytes>> {
    let mut resp = Response::new(Full::new(Bytes::from(body)));
    *resp.status_mut() = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let h = resp.headers_mut();
    h.insert(
        http::header::CONTENT_TYPE,
        HeaderValue::from_static(content_type),
    );
    if let Ok(v) = HeaderValue::from_str(request_id) {
        h.insert("x-amzn-RequestId", v);
    }
    resp
}

/// A 200 response.
pub(crate) fn ok(
    reply: Reply,
    content_type: &'static str,
    request_id: &str,
) -> Response<Full<Bytes>> {
    base(200, content_type, request_id, reply.body)
}

/// An error response.
pub(crate) fn error(
    e: &ApiError,
    content_type: &'static str,
    request_id: &str,
) -> Response<Full<Bytes>> {
    let body = serde_json::json!({ "__type": e.code, "message": e.message });
    let mut resp = base(
        e.status,
        content_type,
        request_id,
        serde_json::to_vec(&body).unwrap_or_default(),
    );
    if let Ok(v) = HeaderValue::from_str(&e.code) {
        resp.headers_mut().insert("x-amzn-ErrorType", v);
    }
    resp
}
