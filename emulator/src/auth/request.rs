//! Authenticating one HTTP request: the key lookup (developer keys, then the temporary
//! credentials in the store) and the SigV4 check over the request as received.

use std::time::SystemTime;

use rusqlite::OptionalExtension;

use super::sigv4::{self, KnownKey, SignedParts};
use super::Caller;
use crate::api_error::ApiError;
use crate::state::State;
use crate::time::from_ms;

/// Verifies the SigV4 signature of a request for `service`.
pub(crate) fn authenticate(
    state: &State,
    parts: &http::request::Parts,
    body: &[u8],
    service: &str,
) -> Result<Caller, ApiError> {
    let path_and_query = parts
        .uri
        .path_and_query()
        .map(|p| p.as_str())
        .unwrap_or("/");
    let signed = SignedParts {
        method: parts.method.as_str(),
        path_and_query,
        headers: &parts.headers,
        body,
    };
    sigv4::verify(
        &signed,
        service,
        SystemTime::now(),
        state.config.max_clock_skew,
        |ak| lookup_key(state, ak),
    )
}

/// The access key id in an `Authorization: AWS4-HMAC-SHA256 Credential=AKID/...` header.
pub(crate) fn claimed_access_key(headers: &http::HeaderMap) -> Option<String> {
    let auth = headers.get(http::header::AUTHORIZATION)?.to_str().ok()?;
    let cred = auth.split("Credential=").nth(1)?;
    let key = cred.split('/').next()?;
    (!key.is_empty() && key.len() <= 128).then(|| key.to_owned())
}

/// Finds the secret (and class) of an access key: developer keys first, then temporary ones.
fn lookup_key(state: &State, access_key: &str) -> Result<Option<KnownKey>, ApiError> {
    if let Some(secret) = state.developer_keys.get(access_key) {
        return Ok(Some(KnownKey::Developer {
            secret: secret.clone(),
        }));
    }
    state.store.read(|tx| {
        Ok(tx
            .query_row(
                "SELECT secret, session_token, pool_id, identity_id, expires_ms
                     FROM credentials WHERE access_key = ?1",
                [access_key],
                |r| {
                    Ok(KnownKey::Temporary {
                        secret: r.get(0)?,
                        session_token: r.get(1)?,
                        pool_id: r.get(2)?,
                        identity_id: r.get(3)?,
                        expires: from_ms(r.get(4)?),
                    })
                },
            )
            .optional()?)
    })
}
