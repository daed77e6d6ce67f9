//! SigV4 verification: parse the `Authorization` header, look the key up, recompute the
//! signature with the `aws-sigv4` crate over exactly the headers the client signed, compare.

use std::borrow::Cow;
use std::time::{Duration, SystemTime};

use aws_credential_types::Credentials;
use aws_sigv4::http_request::{sign, SignableBody, SignableRequest, SigningSettings};
use aws_sigv4::sign::v4;
use aws_smithy_runtime_api::client::identity::Identity;
use http::HeaderMap;

use super::Caller;
use crate::api_error::ApiError;
use crate::time::{format_amz_date, parse_amz_date};
use crate::tokens::constant_time_eq;

/// A key the emulator knows.
pub(crate) enum KnownKey {
    /// Developer credentials.
    Developer { secret: String },
    /// Temporary credentials issued by GetCredentialsForIdentity.
    Temporary {
        secret: String,
        session_token: String,
        pool_id: String,
        identity_id: String,
        expires: SystemTime,
    },
}

/// The parts of a request the signature covers.
pub(crate) struct SignedParts<'a> {
    pub(crate) method: &'a str,
    /// Origin-form target as received (`/path?query`), still percent-encoded.
    pub(crate) path_and_query: &'a str,
    pub(crate) headers: &'a HeaderMap,
    pub(crate) body: &'a [u8],
}

struct AuthHeader<'a> {
    access_key: &'a str,
    date: &'a str,
    region: &'a str,
    service: &'a str,
    signed_headers: Vec<&'a str>,
    signature: &'a str,
}

fn incomplete(message: impl Into<String>) -> ApiError {
    ApiError::new("IncompleteSignatureException", 403, message)
}

fn invalid_signature(message: impl Into<String>) -> ApiError {
    ApiError::new("InvalidSignatureException", 403, message)
}

fn unrecognized() -> ApiError {
    ApiError::new(
        "UnrecognizedClientException",
        403,
        "The security token included in the request is invalid.",
    )
}

const MISMATCH: &str = "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.";

fn parse_auth_header(value: &str) -> Result<AuthHeader<'_>, ApiError> {
    let rest = value.strip_prefix("AWS4-HMAC-SHA256 ").ok_or_else(|| {
        incomplete(format!(
            "Authorization header requires AWS4-HMAC-SHA256 signing; got '{}'",
            value.split(' ').next().unwrap_or_default()
        ))
    })?;
    let (mut credential, mut signed, mut signature) = (None, None, None);
    for part in rest.split(',').map(str::trim) {
        if let Some(v) = part.strip_prefix("Credential=") {
            credential = Some(v);
        } else if let Some(v) = part.strip_prefix("SignedHeaders=") {
            signed = Some(v);
        } else if let Some(v) = part.strip_prefix("Signature=") {
            signature = Some(v);
        }
    }
    let need =
        |name: &str| incomplete(format!("Authorization header requires '{name}' parameter."));
    let credential = credential.ok_or_else(|| need("Credential"))?;
    let signed = signed.ok_or_else(|| need("SignedHeaders"))?;
    let signature = signature.ok_or_else(|| need("Signature"))?;
    let scope: Vec<&str> = credential.split('/').collect();
    if scope.len() != 5 || scope[4] != "aws4_request" || scope[0].is_empty() {
        return Err(incomplete(format!(
            "Credential should be scoped to a valid region, not '{}'. Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term",
            scope.get(2).copied().unwrap_or_default()
        )));
    }
    Ok(AuthHeader {
        access_key: scope[0],
        date: scope[1],
        region: scope[2],
        service: scope[3],
        signed_headers: signed.split(';').collect(),
        signature,
    })
}

/// Verifies the request's signature for `service`; `lookup` finds the secret of an access key.
pub(crate) fn verify(
    req: &SignedParts<'_>,
    service: &str,
    now: SystemTime,
    max_skew: Duration,
    lookup: impl FnOnce(&str) -> Result<Option<KnownKey>, ApiError>,
) -> Result<Caller, ApiError> {
    let Some(auth) = req.headers.get(http::header::AUTHORIZATION) else {
        return Err(ApiError::new(
            "MissingAuthenticationTokenException",
            403,
            "Missing Authentication Token",
        ));
    };
    let auth = auth
        .to_str()
        .map_err(|_| incomplete("Authorization header is not valid ASCII"))?;
    let auth = parse_auth_header(auth)?;

    let amz_date = req
        .headers
        .get("x-amz-date")
        .and_then(|v| v.to_str().ok())
        .ok_or_else(|| {
            incomplete("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.")
        })?;
    let signed_at = parse_amz_date(amz_date).ok_or_else(|| {
        incomplete(format!(
            "Date must be in ISO-8601 'basic format'. Got '{amz_date}'."
        ))
    })?;
    if !amz_date.starts_with(auth.date) || auth.date.len() != 8 {
        return Err(invalid_signature(format!(
            "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '{}' != '{}', from '{amz_date}'.",
            auth.date,
            &amz_date[..8]
        )));
    }
    if auth.service != service {
        return Err(invalid_signature(format!(
            "Credential should be scoped to correct service: '{service}'. "
        )));
    }
    if signed_at + max_skew < now {
        return Err(invalid_signature(format!(
            "Signature expired: {amz_date} is now earlier than {} ({} - {} min.)",
            format_amz_date(now - max_skew),
            format_amz_date(now),
            max_skew.as_secs() / 60
        )));
    }
    if signed_at > now + max_skew {
        return Err(invalid_signature(format!(
            "Signature not yet current: {amz_date} is still later than {} ({} + {} min.)",
            format_amz_date(now + max_skew),
            format_amz_date(now),
            max_skew.as_secs() / 60
        )));
    }

    let token_header = req
        .headers
        .get("x-amz-security-token")
        .and_then(|v| v.to_str().ok());
    let (secret, caller) = match lookup(auth.access_key)? {
        None => return Err(unrecognized()),
        Some(KnownKey::Developer { secret }) => (
            secret,
            Caller::Developer {
                access_key: auth.access_key.to_owned(),
            },
        ),
        Some(KnownKey::Temporary {
            secret,
            session_token,
            pool_id,
            identity_id,
            expires,
        }) => {
            let token_ok = token_header
                .is_some_and(|t| constant_time_eq(t.as_bytes(), session_token.as_bytes()));
            if !token_ok {
                return Err(unrecognized());
            }
            if expires <= now {
                return Err(ApiError::new(
                    "ExpiredTokenException",
                    403,
                    "The security token included in the request is expired",
                ));
            }
            (
                secret,
                Caller::Identity {
                    access_key: auth.access_key.to_owned(),
                    pool_id,
                    identity_id,
                },
            )
        }
    };

    let expected = expected_signature(req, &auth, &secret, token_header, signed_at)
        .ok_or_else(|| invalid_signature(MISMATCH))?;
    if !constant_time_eq(expected.as_bytes(), auth.signature.as_bytes()) {
        return Err(invalid_signature(MISMATCH));
    }
    Ok(caller)
}

/// The signature the client should have computed, or `None` when the request cannot be
/// canonicalised (then it cannot have been signed correctly either).
fn expected_signature(
    req: &SignedParts<'_>,
    auth: &AuthHeader<'_>,
    secret: &str,
    token_header: Option<&str>,
    signed_at: SystemTime,
) -> Option<String> {
    // Pass exactly the signed headers; the signer adds x-amz-date and the session token itself.
    let mut headers: Vec<(&str, &str)> = Vec::new();
    let mut token_signed = false;
    let mut content_sha: Option<&str> = None;
    for name in &auth.signed_headers {
        match *name {
            "x-amz-date" | "authorization" => continue,
            "x-amz-security-token" => {
                token_signed = true;
                continue;
            }
            _ => {}
        }
        let mut found = false;
        for v in req.headers.get_all(*name) {
            headers.push((name, v.to_str().ok()?));
            found = true;
        }
        if !found {
            return None;
        }
        if *name == "x-amz-content-sha256" {
            content_sha = req
                .headers
                .get("x-amz-content-sha256")
                .and_then(|v| v.to_str().ok());
        }
    }
    // The body is always hashed (Bytes), so a signature over a claimed digest, UNSIGNED-PAYLOAD
    // or any other marker cannot carry a body changed in transit: it fails to verify. A marker
    // is taken as is only when there is no body to protect.
    let body = match content_sha {
        Some(v)
            if req.body.is_empty()
                && !(v.len() == 64 && v.bytes().all(|b| b.is_ascii_hexdigit())) =>
        {
            SignableBody::Precomputed(v.to_owned())
        }
        _ => SignableBody::Bytes(req.body),
    };
    let session_token = if token_signed {
        token_header.map(str::to_owned)
    } else {
        None
    };
    let identity: Identity =
        Credentials::new(auth.access_key, secret, session_token, None, "request").into();
    let mut settings = SigningSettings::default();
    settings.excluded_headers = Some(vec![Cow::Borrowed("authorization")]);
    let params = v4::SigningParams::builder()
        .identity(&identity)
        .region(auth.region)
        .name(auth.service)
        .time(signed_at)
        .settings(settings)
        .build()
        .ok()?
        .into();
    let signable =
        SignableRequest::new(req.method, req.path_and_query, headers.into_iter(), body).ok()?;
    let output = sign(signable, &params).ok()?;
    // The client's SignedHeaders must be exactly what we canonicalised (host and date included).
    let (instructions, signature) = output.into_parts();
    let computed_signed = instructions
        .headers()
        .find(|(k, _)| *k == "authorization")
        .and_then(|(_, v)| v.split("SignedHeaders=").nth(1))
        .and_then(|v| v.split(',').next())
        .map(str::to_owned)?;
    if computed_signed != auth.signed_headers.join(";") {
        return None;
    }
    Some(signature)
}
