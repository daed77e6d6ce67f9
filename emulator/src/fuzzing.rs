//! Entry points for the fuzz targets in `fuzz/` (feature `fuzzing`, not a public API):
//! the whole request path of the server (routing, body, faults, SigV4 verification,
//! operations, tokens) on an in-memory store, without a socket.

use std::sync::Arc;
use std::time::{Instant, SystemTime};

use aws_credential_types::Credentials;
use aws_sigv4::http_request::{sign, SignableBody, SignableRequest, SigningSettings};
use aws_sigv4::sign::v4;
use aws_smithy_runtime_api::client::identity::Identity;
use bytes::Bytes;
use http::{HeaderMap, HeaderName, HeaderValue};
use http_body_util::BodyExt;

use crate::config::Config;
use crate::state::State;
use crate::{b64, server, Error};

/// An emulator without a listener: requests go straight to its pipeline.
pub struct Harness {
    state: Arc<State>,
    runtime: tokio::runtime::Runtime,
}

/// A response: status, headers, body. `None` from [`Harness::handle`] is a dropped
/// connection (fault injection).
pub type Answer = (u16, HeaderMap, Bytes);

impl Harness {
    /// A fresh in-memory emulator with the default configuration (developer key
    /// `test`/`test`) and one identity pool, `pool_id`, that allows unauthenticated
    /// identities.
    pub fn new(pool_id: &str) -> Result<Harness, Error> {
        let state = Arc::new(State::new(Config::default())?);
        state.store.write(|tx| {
            crate::identity::pools::insert(tx, pool_id, "fuzz", true, &serde_json::Map::new())
        })?;
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_time()
            .build()
            .map_err(|e| Error::new(format!("cannot start a runtime: {e}")))?;
        Ok(Harness { state, runtime })
    }

    /// Answers one request as the server would (`body` `None`: too large or cut short).
    pub fn handle(&self, parts: http::request::Parts, body: Option<Bytes>) -> Option<Answer> {
        let resp = self
            .runtime
            .block_on(server::respond(&self.state, parts, body, Instant::now()));
        let resp = resp.ok()?;
        let (parts, body) = resp.into_parts();
        let body = self
            .runtime
            .block_on(body.collect())
            .map(|c| c.to_bytes())
            .unwrap_or_default();
        Some((parts.status.as_u16(), parts.headers, body))
    }

    /// An opaque token carrying `payload` (any bytes, normally a JSON array of strings)
    /// under this store's key, as if the emulator had issued it.
    pub fn seal_raw(&self, payload: &[u8]) -> String {
        let body = b64::encode(payload);
        self.state.tokens.seal_body(body)
    }
}

/// Adds a SigV4 signature for `service` to `parts` (with `x-amz-date` now and the body
/// hash), as an SDK signs; `None` if the request cannot be signed (then it is sent as is).
pub fn sign_request(
    parts: &mut http::request::Parts,
    body: &[u8],
    service: &str,
    access_key: &str,
    secret: &str,
    session_token: Option<&str>,
) -> Option<()> {
    let identity: Identity = Credentials::new(
        access_key,
        secret,
        session_token.map(str::to_owned),
        None,
        "fuzz",
    )
    .into();
    let params = v4::SigningParams::builder()
        .identity(&identity)
        .region("us-east-1")
        .name(service)
        .time(SystemTime::now())
        .settings(SigningSettings::default())
        .build()
        .ok()?
        .into();
    // Origin-form targets only, as an SDK sends (aws-sigv4 panics on a target without a
    // path, which only this client side, never the server, can pass it).
    let uri = parts
        .uri
        .path_and_query()
        .map(|p| p.as_str().to_owned())
        .filter(|p| p.starts_with('/'))?;
    let headers: Vec<(&str, &str)> = parts
        .headers
        .iter()
        .filter_map(|(k, v)| Some((k.as_str(), v.to_str().ok()?)))
        .collect();
    let signable = SignableRequest::new(
        parts.method.as_str(),
        &uri,
        headers.into_iter(),
        SignableBody::Bytes(body),
    )
    .ok()?;
    let (instructions, _) = sign(signable, &params).ok()?.into_parts();
    for (name, value) in instructions.headers() {
        let name = HeaderName::from_bytes(name.as_bytes()).ok()?;
        let value = HeaderValue::from_str(value).ok()?;
        parts.headers.insert(name, value);
    }
    Some(())
}
