//! The HTTP front: accept loop (TCP_NODELAY), per-request pipeline (body, routing, fault
//! injection, authentication, operation), structured request logs and graceful shutdown.

use std::sync::Arc;
use std::time::{Duration, Instant};

use bytes::Bytes;
use http::{Request, Response};
use http_body_util::{BodyExt, Full, Limited};
use hyper::body::Incoming;
use hyper::service::service_fn;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use tokio::io::AsyncWriteExt;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{watch, Semaphore};

use crate::api_error::ApiError;
use crate::auth::{authenticate, claimed_access_key};
use crate::reply::{self, AMZ_JSON, REST_JSON};
use crate::routes::{self, Route};
use crate::state::State;
use crate::{admin, identity, sync};

/// Largest request body accepted (a 1 MB value JSON-escaped fits comfortably).
const MAX_BODY: usize = 8 * 1024 * 1024;

/// How long shutdown waits for in-flight requests.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(5);

/// Error that makes hyper close the connection without a response (fault injection).
#[derive(Debug)]
pub(crate) struct DroppedConnection;

impl std::fmt::Display for DroppedConnection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("connection dropped by fault injection")
    }
}

impl std::error::Error for DroppedConnection {}

/// Serves until `shutdown` flips to true, then drains connections.
pub(crate) async fn run(
    listener: TcpListener,
    state: Arc<State>,
    mut shutdown: watch::Receiver<bool>,
) {
    let graceful = GracefulShutdown::new();
    let connections = Arc::new(Semaphore::new(state.config.max_connections));
    let header_read_timeout = state.config.header_read_timeout;
    loop {
        tokio::select! {
            accepted = listener.accept() => {
                let (stream, _peer) = match accepted {
                    Ok(a) => a,
                    Err(e) => {
                        // EMFILE and friends: back off instead of spinning.
                        tracing::warn!(error = %e, "accept failed");
                        tokio::time::sleep(Duration::from_millis(50)).await;
                        continue;
                    }
                };
                // Without TCP_NODELAY, keep-alive clients see ~40 ms per call (Nagle + delayed ACK).
                let _ = stream.set_nodelay(true);
                let Ok(permit) = connections.clone().try_acquire_owned() else {
                    tokio::spawn(refuse_connection(stream, state.config.max_connections));
                    continue;
                };
                let state = state.clone();
                let service = service_fn(move |req| {
                    let state = state.clone();
                    async move { handle(state, req).await }
                });
                let conn = hyper::server::conn::http1::Builder::new()
                    .keep_alive(true)
                    // A client that sends a whole request and then shuts its write side
                    // (`nc -N`, some proxies) still gets its answer.
                    .half_close(true)
                    .timer(TokioTimer::new())
                    .header_read_timeout(header_read_timeout)
                    .serve_connection(TokioIo::new(stream), service);
                let conn = graceful.watch(conn);
                tokio::spawn(async move {
                    if let Err(e) = conn.await {
                        tracing::debug!(error = %e, "connection closed");
                    }
                    drop(permit);
                });
            }
            changed = shutdown.changed() => {
                if changed.is_err() || *shutdown.borrow() {
                    break;
                }
            }
        }
    }
    drop(listener);
    if tokio::time::timeout(SHUTDOWN_GRACE, graceful.shutdown())
        .await
        .is_err()
    {
        tracing::warn!("shutdown: connections still open after the grace period");
    }
}

/// Answers a connection over the limit with a 503 (retryable for every SDK) and closes it.
async fn refuse_connection(mut stream: TcpStream, limit: usize) {
    tracing::warn!(limit, "connection refused: too many connections");
    let body = format!(
        r#"{{"__type":"ServiceUnavailable","message":"cognito-sync-local serves at most {limit} connections at once (--max-connections)"}}"#
    );
    let head = format!(
        "HTTP/1.1 503 Service Unavailable\r\nContent-Type: {REST_JSON}\r\nx-amzn-ErrorType: ServiceUnavailable\r\nConnection: close\r\nContent-Length: {}\r\n\r\n",
        body.len()
    );
    let reply = async {
        stream.write_all(head.as_bytes()).await?;
        stream.write_all(body.as_bytes()).await?;
        stream.shutdown().await
    };
    match tokio::time::timeout(Duration::from_secs(1), reply).await {
        Ok(Ok(())) => {}
        Ok(Err(e)) => tracing::debug!(error = %e, "refused connection: reply not sent"),
        Err(_) => tracing::debug!("refused connection: reply timed out"),
    }
}

/// Which API a request is for.
enum Target {
    Sync(Route),
    Identity(String),
    Admin,
    Unknown,
}

fn classify(req: &http::request::Parts) -> Target {
    let path = req.uri.path();
    if path.starts_with("/_emulator/") || path == "/_emulator" {
        return Target::Admin;
    }
    if let Some(target) = req
        .headers
        .get("x-amz-target")
        .and_then(|v| v.to_str().ok())
    {
        if let Some(op) = target.strip_prefix("AWSCognitoIdentityService.") {
            if path == "/" {
                return Target::Identity(op.to_owned());
            }
        }
    }
    match routes::route(&req.method, path) {
        Some(r) => Target::Sync(r),
        // Old SDKs send X-Amz-Target on Sync calls too; only the path decides for those.
        None if path == "/" && req.headers.contains_key("x-amz-target") => {
            Target::Identity(String::new())
        }
        None => Target::Unknown,
    }
}

async fn handle(
    state: Arc<State>,
    req: Request<Incoming>,
) -> Result<Response<Full<Bytes>>, DroppedConnection> {
    let started = Instant::now();
    let (parts, body) = req.into_parts();
    let body = Limited::new(body, MAX_BODY)
        .collect()
        .await
        .map(|c| c.to_bytes())
        .ok();
    respond(&state, parts, body, started).await
}

/// Answers a request whose body was read (`None`: too large or cut short).
pub(crate) async fn respond(
    state: &Arc<State>,
    parts: http::request::Parts,
    body: Option<Bytes>,
    started: Instant,
) -> Result<Response<Full<Bytes>>, DroppedConnection> {
    let request_id = uuid::Uuid::new_v4().to_string();
    let target = classify(&parts);
    let (op_name, content_type) = match &target {
        Target::Sync(r) => (r.op.name().to_owned(), REST_JSON),
        Target::Identity(op) => (op.clone(), AMZ_JSON),
        Target::Admin => ("Admin".to_owned(), REST_JSON),
        Target::Unknown => ("Unknown".to_owned(), REST_JSON),
    };

    let body = match body {
        Some(body) => body,
        None => {
            let e = ApiError::new(
                "RequestEntityTooLargeException",
                413,
                "Request body is too large or was cut short",
            );
            log(
                &request_id,
                &op_name,
                e.status,
                Some(&e.code),
                None,
                started,
            );
            return Ok(reply::error(&e, content_type, &request_id));
        }
    };

    // Faults apply to service operations, never to the admin route that controls them.
    if !matches!(target, Target::Admin) {
        let decision = state.faults.decide(&op_name);
        if !decision.latency.is_zero() {
            tokio::time::sleep(decision.latency).await;
        }
        if decision.drop {
            log(
                &request_id,
                &op_name,
                0,
                Some("DroppedConnection"),
                None,
                started,
            );
            return Err(DroppedConnection);
        }
        if let Some(e) = decision.error {
            log(
                &request_id,
                &op_name,
                e.status,
                Some(&e.code),
                None,
                started,
            );
            return Ok(reply::error(&e, content_type, &request_id));
        }
    }

    // Logged even when authentication fails: the key id the request claims (never a secret).
    let mut caller_key: Option<String> = claimed_access_key(&parts.headers);
    let outcome = match target {
        Target::Sync(route) => {
            authenticate(state, &parts, &body, "cognito-sync").and_then(|caller| {
                caller_key = Some(caller.access_key().to_owned());
                sync::handle(state, &route, &caller, &parts, &body)
            })
        }
        Target::Identity(op) => identity::handle(state, &op, &parts, &body, &mut caller_key),
        Target::Admin => authenticate(state, &parts, &body, "cognito-sync").and_then(|caller| {
            caller_key = Some(caller.access_key().to_owned());
            caller.require_developer("The admin API")?;
            admin::handle(state, &parts, &body)
        }),
        Target::Unknown => Err(ApiError::unknown_operation()),
    };
    let resp = match outcome {
        Ok(r) => {
            log(
                &request_id,
                &op_name,
                200,
                None,
                caller_key.as_deref(),
                started,
            );
            reply::ok(r, content_type, &request_id)
        }
        Err(e) => {
            log(
                &request_id,
                &op_name,
                e.status,
                Some(&e.code),
                caller_key.as_deref(),
                started,
            );
            reply::error(&e, content_type, &request_id)
        }
    };
    Ok(resp)
}

/// One structured line per request; only the access key id is logged, never a secret.
fn log(
    request_id: &str,
    op: &str,
    status: u16,
    error: Option<&str>,
    access_key: Option<&str>,
    started: Instant,
) {
    let latency_ms = started.elapsed().as_secs_f64() * 1000.0;
    tracing::info!(
        target: "cognito_sync_local::request",
        request_id,
        operation = op,
        status,
        error = error.unwrap_or(""),
        access_key = access_key.unwrap_or(""),
        latency_ms = format_args!("{latency_ms:.3}"),
        "request"
    );
}
