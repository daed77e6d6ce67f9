//! The transport: a pooled hyper client over rustls, SigV4 signing with `aws-sigv4`,
//! and the retry loop of the AWS SDKs' standard mode.

use std::future::Future;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, SystemTime};

use aws_sigv4::http_request::{sign, SignableBody, SignableRequest, SigningSettings};
use aws_sigv4::sign::v4;
use aws_smithy_runtime_api::client::identity::Identity;
use bytes::Bytes;
use http::{HeaderMap, HeaderValue, Method, Request, Uri};
use http_body_util::Full;
use hyper_util::client::legacy::connect::HttpConnector;

use crate::config::RetryConfig;
use crate::error::Error;

mod connection_pool;

pub(crate) use connection_pool::HttpClient;

/// The connector of every pool: TCP (no Nagle, connect timeout) then TLS for `https://`
/// (rustls with ring and the Mozilla roots, independent of any process-wide crypto
/// provider). Cheap to clone (the TLS configuration is shared), so pools built from one
/// connector do not parse the root certificates again.
pub(crate) type HttpsConnector = hyper_rustls::HttpsConnector<HttpConnector>;

/// How long an unused pooled connection is kept.
const POOL_IDLE_TIMEOUT: Duration = Duration::from_secs(60);

/// See [`HttpsConnector`].
pub(crate) fn https_connector(connect_timeout: Option<Duration>) -> Result<HttpsConnector, Error> {
    let mut http = HttpConnector::new();
    http.enforce_http(false);
    http.set_nodelay(true);
    http.set_connect_timeout(connect_timeout);
    Ok(hyper_rustls::HttpsConnectorBuilder::new()
        .with_provider_and_webpki_roots(rustls::crypto::ring::default_provider())
        .map_err(|e| Error::transport(format!("TLS setup failed: {e}")))?
        .https_or_http()
        .enable_http1()
        .wrap_connector(http))
}

/// An HTTP/1.1 client keeping its connections for the next requests. Its connections'
/// tasks run on the runtime that opened them, so it must only be used from one runtime
/// at a time, or from a multi-thread one.
pub(crate) fn pooled(connector: HttpsConnector) -> HttpClient {
    HttpClient::new(connector, usize::MAX, POOL_IDLE_TIMEOUT)
}

/// An HTTP/1.1 client that keeps no idle connection: each request's connection lives
/// and dies within the call, on whatever runtime runs it. For rare calls from clients
/// shared by several runtimes (credentials refreshes from per-thread blocking calls).
pub(crate) fn unpooled(connector: HttpsConnector) -> HttpClient {
    HttpClient::new(connector, 0, POOL_IDLE_TIMEOUT)
}

/// A response read in full.
pub(crate) struct RawResponse {
    pub(crate) status: u16,
    pub(crate) headers: HeaderMap,
    pub(crate) body: Bytes,
}

/// `outer: inner: innermost`, for messages that say what actually went wrong.
fn error_chain(e: &(dyn std::error::Error + 'static)) -> String {
    let mut s = e.to_string();
    let mut cur = e.source();
    while let Some(inner) = cur {
        let t = inner.to_string();
        if !s.contains(&t) {
            s.push_str(": ");
            s.push_str(&t);
        }
        cur = inner.source();
    }
    s
}

/// The client-wide retry quota of standard mode: 500 tokens; a retry costs 5 (10 after
/// a timeout); a success gives back what its retries took, or 1 token when it needed
/// none. When the bucket is empty, failures are returned without retrying.
pub(crate) struct RetryQuota {
    tokens: AtomicU32,
}

const QUOTA_MAX: u32 = 500;
const RETRY_COST: u32 = 5;
const TIMEOUT_RETRY_COST: u32 = 10;

impl RetryQuota {
    pub(crate) fn new() -> Self {
        RetryQuota {
            tokens: AtomicU32::new(QUOTA_MAX),
        }
    }

    fn acquire(&self, cost: u32) -> bool {
        self.tokens
            .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |t| {
                t.checked_sub(cost)
            })
            .is_ok()
    }

    fn release(&self, amount: u32) {
        // Cheap on the hot path: a full bucket is only read.
        if self.tokens.load(Ordering::Relaxed) >= QUOTA_MAX {
            return;
        }
        let _ = self
            .tokens
            .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |t| {
                Some((t + amount).min(QUOTA_MAX))
            });
    }

    #[cfg(test)]
    fn available(&self) -> u32 {
        self.tokens.load(Ordering::Relaxed)
    }
}

/// Runs `attempt` until it succeeds, fails for good, or the attempts or the quota run out.
pub(crate) async fn with_retries<T, F, Fut>(
    retry: &RetryConfig,
    quota: &RetryQuota,
    mut attempt: F,
) -> Result<T, Error>
where
    F: FnMut(u32) -> Fut,
    Fut: Future<Output = Result<T, Error>>,
{
    let mut n = 1;
    let mut spent = 0;
    loop {
        match attempt(n).await {
            Ok(v) => {
                quota.release(if spent > 0 { spent } else { 1 });
                return Ok(v);
            }
            // Credentials errors were already retried by their provider: retrying them
            // here too would multiply the attempts.
            Err(e)
                if e.is_retryable()
                    && n < retry.max_attempts()
                    && !matches!(e.kind_ref(), crate::ErrorKind::Credentials) =>
            {
                let cost = if matches!(e.kind_ref(), crate::ErrorKind::Timeout) {
                    TIMEOUT_RETRY_COST
                } else {
                    RETRY_COST
                };
                if !quota.acquire(cost) {
                    tracing::debug!(attempt = n, "retry quota exhausted; not retrying");
                    return Err(e);
                }
                spent += cost;
                let wait = retry.backoff(n);
                tracing::debug!(attempt = n, error = %e, ?wait, "retrying");
                tokio::time::sleep(wait).await;
                n += 1;
            }
            Err(e) => return Err(e),
        }
    }
}

/// Bounds `fut` by `timeout`, if any.
///
/// A combinator rather than an `async fn`: an `async fn` keeps its argument and what it
/// moves it into in separate slots of its state, and every call's future would carry
/// the request's whole future twice (futures are moved, e.g. into tasks).
pub(crate) fn with_timeout<T, F>(
    timeout: Option<Duration>,
    fut: F,
) -> impl Future<Output = Result<T, Error>>
where
    F: Future<Output = Result<T, Error>>,
{
    use futures_util::future::{Either, FutureExt};
    match timeout {
        None => Either::Left(fut),
        Some(t) => Either::Right(tokio::time::timeout(t, fut).map(move |r| {
            r.unwrap_or_else(|_| {
                Err(Error::timeout(format!(
                    "the call did not complete within {t:?}"
                )))
            })
        })),
    }
}

/// Signing settings: only `host`, `x-amz-date` and `x-amz-security-token` are signed
/// (as botocore does), so no header list needs filtering on each call.
pub(crate) fn signing_settings() -> SigningSettings {
    let mut s = SigningSettings::default();
    s.excluded_headers = None;
    s
}

/// A request ready to be signed and sent (possibly several times).
pub(crate) struct PreparedRequest {
    pub(crate) method: Method,
    pub(crate) url: String,
    pub(crate) uri: Uri,
    pub(crate) body: Bytes,
    pub(crate) json_body: bool,
    pub(crate) client_context: Option<HeaderValue>,
}

static JSON: HeaderValue = HeaderValue::from_static("application/json");

/// SHA-256 of the empty payload: every bodiless request (the GETs and DELETEs) would
/// otherwise hash nothing again on every attempt.
const EMPTY_PAYLOAD_SHA256: &str =
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

/// Builds and signs the HTTP request of one attempt.
#[allow(clippy::too_many_arguments)]
pub(crate) fn signed_request(
    req: &PreparedRequest,
    identity: &Identity,
    region: &str,
    settings: &SigningSettings,
    user_agent: &HeaderValue,
    now: SystemTime,
) -> Result<Request<Full<Bytes>>, Error> {
    let params = v4::SigningParams::builder()
        .identity(identity)
        .region(region)
        .name(crate::config::SIGNING_NAME)
        .time(now)
        .settings(settings.clone())
        .build()
        .map_err(|e| Error::credentials(format!("cannot sign the request: {e}")))?
        .into();
    let signable = SignableRequest::new(
        req.method.as_str(),
        req.url.as_str(),
        std::iter::empty(),
        if req.body.is_empty() {
            SignableBody::Precomputed(EMPTY_PAYLOAD_SHA256.to_owned())
        } else {
            SignableBody::Bytes(&req.body)
        },
    )
    .map_err(|e| Error::validation(format!("cannot sign the request: {e}")))?;
    let (instructions, _signature) = sign(signable, &params)
        .map_err(|e| Error::credentials(format!("cannot sign the request: {e}")))?
        .into_parts();
    let mut out = Request::new(Full::new(req.body.clone()));
    *out.method_mut() = req.method.clone();
    *out.uri_mut() = req.uri.clone();
    let headers = out.headers_mut();
    headers.insert(http::header::USER_AGENT, user_agent.clone());
    if req.json_body {
        headers.insert(http::header::CONTENT_TYPE, JSON.clone());
    }
    if let Some(cc) = &req.client_context {
        headers.insert("x-amz-client-context", cc.clone());
    }
    instructions.apply_to_request_http1x(&mut out);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ErrorKind;
    use std::sync::atomic::AtomicUsize;

    fn fast() -> RetryConfig {
        RetryConfig::standard()
            .with_initial_backoff(Duration::from_millis(1))
            .with_max_backoff(Duration::from_millis(2))
    }

    #[tokio::test]
    async fn retries_retryable_errors_up_to_max_attempts() {
        let calls = AtomicUsize::new(0);
        let quota = RetryQuota::new();
        let r: Result<(), Error> = with_retries(&fast(), &quota, |_| {
            calls.fetch_add(1, Ordering::SeqCst);
            async {
                Err(Error::service(
                    "TooManyRequestsException",
                    "slow down",
                    429,
                    None,
                ))
            }
        })
        .await;
        assert_eq!(r.unwrap_err().kind(), ErrorKind::TooManyRequests);
        assert_eq!(calls.load(Ordering::SeqCst), 3);
        assert_eq!(quota.available(), QUOTA_MAX - 2 * RETRY_COST);
    }

    #[tokio::test]
    async fn never_retries_other_4xx() {
        let calls = AtomicUsize::new(0);
        let r: Result<(), Error> = with_retries(&fast(), &RetryQuota::new(), |_| {
            calls.fetch_add(1, Ordering::SeqCst);
            async {
                Err(Error::service(
                    "ResourceConflictException",
                    "stale",
                    409,
                    None,
                ))
            }
        })
        .await;
        assert!(r.is_err());
        assert_eq!(calls.load(Ordering::SeqCst), 1);
    }

    #[tokio::test]
    async fn credentials_errors_are_not_retried_again() {
        let calls = AtomicUsize::new(0);
        let r: Result<(), Error> = with_retries(&fast(), &RetryQuota::new(), |_| {
            calls.fetch_add(1, Ordering::SeqCst);
            async {
                Err(Error::service("InternalErrorException", "down", 500, None)
                    .into_credentials("Cognito Identity GetId failed"))
            }
        })
        .await;
        let e = r.unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Credentials);
        assert!(e.is_retryable());
        assert_eq!(calls.load(Ordering::SeqCst), 1);
    }

    #[tokio::test]
    async fn success_after_retry_refunds_the_quota() {
        let quota = RetryQuota::new();
        let r = with_retries(&fast(), &quota, |n| async move {
            if n < 3 {
                Err(Error::transport("connection reset"))
            } else {
                Ok(n)
            }
        })
        .await;
        assert_eq!(r.unwrap(), 3);
        assert_eq!(quota.available(), QUOTA_MAX);
    }

    #[tokio::test]
    async fn empty_quota_stops_retries() {
        let quota = RetryQuota::new();
        while quota.acquire(RETRY_COST) {}
        let calls = AtomicUsize::new(0);
        let r: Result<(), Error> = with_retries(&fast(), &quota, |_| {
            calls.fetch_add(1, Ordering::SeqCst);
            async { Err(Error::service("InternalErrorException", "boom", 500, None)) }
        })
        .await;
        assert!(r.is_err());
        assert_eq!(calls.load(Ordering::SeqCst), 1);
    }

    #[tokio::test]
    async fn timeout_bounds_the_whole_call() {
        let r: Result<(), Error> = with_timeout(Some(Duration::from_millis(10)), async {
            tokio::time::sleep(Duration::from_secs(5)).await;
            Ok(())
        })
        .await;
        assert_eq!(r.unwrap_err().kind(), ErrorKind::Timeout);
    }

    #[test]
    fn signs_with_the_service_name_region_and_session_token() {
        let creds = crate::Credentials::new("AKIDEXAMPLE", "SECRET", Some("TOKEN".into()));
        let identity = creds.to_identity();
        let url =
            "https://cognito-sync.us-east-1.amazonaws.com/identitypools/us-east-1%3Aabc/events"
                .to_owned();
        let req = PreparedRequest {
            method: Method::GET,
            uri: url.parse().unwrap(),
            url,
            body: Bytes::new(),
            json_body: false,
            client_context: None,
        };
        let now = std::time::UNIX_EPOCH + Duration::from_secs(1_700_000_000);
        let ua = HeaderValue::from_static(crate::config::USER_AGENT);
        let signed =
            signed_request(&req, &identity, "us-east-1", &signing_settings(), &ua, now).unwrap();
        let auth = signed.headers()["authorization"].to_str().unwrap();
        assert!(auth.starts_with(
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20231114/us-east-1/cognito-sync/aws4_request, \
             SignedHeaders=host;x-amz-date;x-amz-security-token, Signature="
        ), "{auth}");
        assert_eq!(signed.headers()["x-amz-date"], "20231114T221320Z");
        assert_eq!(signed.headers()["x-amz-security-token"], "TOKEN");
        assert!(signed.headers()["user-agent"]
            .to_str()
            .unwrap()
            .starts_with("cognito-sync-rust/"));
        assert!(!signed.headers().contains_key("content-type"));
        assert!(!format!("{signed:?}").contains("SECRET"));
    }
}
