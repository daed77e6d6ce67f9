//! The HTTP/1.1 client of one runtime: hyper connections kept idle in a small LIFO list
//! and reused for the same origin.
//!
//! It replaces hyper-util's general-purpose pooled client, whose per-request bookkeeping
//! (a pool map keyed by a SipHash of the origin, a checkout future, and a task spawned
//! after each response to hand the connection back) cost about 8 k instructions more per
//! call than this list (issue 7). What it keeps of it: origin-form request targets with a `Host`
//! header, a connection's task spawned on the runtime that opened it, idle connections
//! dropped after a while, and a request that never left a reused connection (closed by
//! the server meanwhile) sent again on a new one.

use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use bytes::Bytes;
use http::uri::{Authority, PathAndQuery, Scheme};
use http::{HeaderValue, Request, Uri};
use http_body_util::{BodyExt, Full};
use hyper::client::conn::http1::{self, SendRequest};
use tower_service::Service;

use super::{error_chain, HttpsConnector, RawResponse};
use crate::error::Error;

type Sender = SendRequest<Full<Bytes>>;

/// A connection idle at least this long may have been closed by the server meanwhile
/// (servers close idle keep-alive connections): before reusing it, its task is given the
/// chance to see the close. Below this, reuse costs nothing extra.
const STALE_CHECK_AFTER: Duration = Duration::from_millis(250);

/// An HTTP/1.1 client with its own connections. Cheap to clone (clones share them).
///
/// A connection's task runs on the runtime that opened it, so a client must only be used
/// from one runtime at a time, or from a multi-thread one; with `max_idle` 0 nothing
/// outlives a request and any runtime may use it.
#[derive(Clone)]
pub(crate) struct HttpClient {
    inner: Arc<Inner>,
}

struct Inner {
    connector: HttpsConnector,
    idle: Mutex<Vec<Idle>>,
    max_idle: usize,
    idle_timeout: Duration,
}

/// A connection waiting for its next request.
struct Idle {
    origin: Origin,
    sender: Sender,
    since: Instant,
}

/// Where a connection goes: scheme and authority of its requests' URLs.
#[derive(Debug, Clone, PartialEq)]
struct Origin {
    scheme: Scheme,
    authority: Authority,
}

impl HttpClient {
    /// A client keeping up to `max_idle` connections for `idle_timeout` after their last
    /// response.
    pub(crate) fn new(connector: HttpsConnector, max_idle: usize, idle_timeout: Duration) -> Self {
        HttpClient {
            inner: Arc::new(Inner {
                connector,
                idle: Mutex::new(Vec::new()),
                max_idle,
                idle_timeout,
            }),
        }
    }

    /// Sends `req` (absolute URL) and reads the whole response.
    pub(crate) async fn send(&self, mut req: Request<Full<Bytes>>) -> Result<RawResponse, Error> {
        let origin = to_origin_form(&mut req)?;
        let (sender, resp) = self.exchange(&origin, req).await?;
        let (parts, body) = resp.into_parts();
        let body = body
            .collect()
            .await
            .map_err(|e| {
                Error::transport(format!("reading the response failed: {}", error_chain(&e)))
                    .with_source(e)
            })?
            .to_bytes();
        // The whole body is read: the connection can carry the next request.
        self.put(origin, sender);
        Ok(RawResponse {
            status: parts.status.as_u16(),
            headers: parts.headers,
            body,
        })
    }

    /// Sends `req` on an idle connection to `origin` or a new one; returns the
    /// connection with the response (whose body is still to be read).
    async fn exchange(
        &self,
        origin: &Origin,
        mut req: Request<Full<Bytes>>,
    ) -> Result<(Sender, http::Response<hyper::body::Incoming>), Error> {
        if let Some(mut sender) = self.checkout(origin).await {
            match sender.try_send_request(req).await {
                Ok(resp) => return Ok((sender, resp)),
                Err(mut e) => match e.take_message() {
                    // The connection closed before the request was written: nothing
                    // reached the server, so a new connection may carry it.
                    Some(unsent) => req = unsent,
                    None => return Err(request_failed(e.into_error())),
                },
            }
        }
        // Boxed: connecting (TCP, TLS, handshake) is rare and its future is large; inline,
        // it would be moved and copied with every call's future.
        let mut sender = Box::pin(self.connect(origin)).await?;
        let resp = sender.send_request(req).await.map_err(request_failed)?;
        Ok((sender, resp))
    }

    /// The most recently used open connection to `origin`, once ready.
    async fn checkout(&self, origin: &Origin) -> Option<Sender> {
        loop {
            let (mut sender, idle_for) = self.take_idle(origin)?;
            if idle_for >= STALE_CHECK_AFTER {
                // On a current-thread runtime (the blocking client's) a connection's task
                // runs only while a call is driven, so it has not read the server's close
                // yet: the first yield lets the I/O driver see it, the second lets the
                // task run and mark the connection closed.
                tokio::task::yield_now().await;
                tokio::task::yield_now().await;
                if sender.is_closed() {
                    continue;
                }
            }
            if sender.ready().await.is_ok() {
                return Some(sender);
            }
        }
    }

    /// The most recently used idle connection to `origin`, and how long it was idle.
    fn take_idle(&self, origin: &Origin) -> Option<(Sender, Duration)> {
        let mut idle = self.lock_idle();
        let now = Instant::now();
        while let Some(pos) = idle.iter().rposition(|c| c.origin == *origin) {
            let c = idle.remove(pos);
            let idle_for = now.duration_since(c.since);
            if idle_for < self.inner.idle_timeout && !c.sender.is_closed() {
                return Some((c.sender, idle_for));
            }
        }
        None
    }

    fn put(&self, origin: Origin, sender: Sender) {
        if self.inner.max_idle == 0 || sender.is_closed() {
            return;
        }
        let now = Instant::now();
        let mut idle = self.lock_idle();
        // The oldest connections are at the front: drop those past their time, and the
        // oldest one if the list is full.
        let expired = idle
            .iter()
            .take_while(|c| now.duration_since(c.since) >= self.inner.idle_timeout)
            .count();
        idle.drain(..expired);
        if idle.len() >= self.inner.max_idle {
            idle.remove(0);
        }
        idle.push(Idle {
            origin,
            sender,
            since: now,
        });
    }

    fn lock_idle(&self) -> std::sync::MutexGuard<'_, Vec<Idle>> {
        // The list stays consistent whatever panicked while holding it.
        self.inner
            .idle
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }

    /// Opens a connection (TCP, then TLS for `https`) and spawns its task.
    async fn connect(&self, origin: &Origin) -> Result<Sender, Error> {
        let uri = Uri::builder()
            .scheme(origin.scheme.clone())
            .authority(origin.authority.clone())
            .path_and_query("/")
            .build()
            .map_err(|e| Error::validation(format!("invalid request URL: {e}")))?;
        let mut connector = self.inner.connector.clone();
        let connecting = async {
            std::future::poll_fn(|cx| connector.poll_ready(cx)).await?;
            connector.call(uri).await
        };
        let io = connecting.await.map_err(|e| {
            Error::transport(format!("connection failed: {}", error_chain(&*e)))
                .with_boxed_source(e)
        })?;
        let (sender, conn) = http1::handshake(io).await.map_err(|e| {
            Error::transport(format!("connection failed: {}", error_chain(&e))).with_source(e)
        })?;
        tokio::spawn(async move {
            if let Err(e) = conn.await {
                tracing::debug!(error = %e, "connection closed with an error");
            }
        });
        Ok(sender)
    }
}

fn request_failed(e: hyper::Error) -> Error {
    Error::transport(format!("request failed: {}", error_chain(&e))).with_source(e)
}

/// Splits `req`'s absolute URL into its origin and an origin-form target (`/path?query`),
/// and sets the `Host` header as hyper-util did and as SigV4 signs it: the host, with
/// the port only if it is not the scheme's default.
fn to_origin_form(req: &mut Request<Full<Bytes>>) -> Result<Origin, Error> {
    let uri = req.uri();
    let (Some(scheme), Some(authority)) = (uri.scheme(), uri.authority()) else {
        return Err(Error::validation(format!(
            "invalid request URL {uri}: scheme and host are required"
        )));
    };
    let origin = Origin {
        scheme: scheme.clone(),
        authority: authority.clone(),
    };
    let default_port = match scheme.as_str() {
        "http" => Some(80),
        "https" => Some(443),
        _ => None,
    };
    let host = match authority.port_u16() {
        Some(port) if Some(port) != default_port => {
            HeaderValue::from_str(&format!("{}:{port}", authority.host()))
        }
        _ => HeaderValue::from_str(authority.host()),
    }
    .map_err(|_| Error::validation(format!("invalid host in request URL {uri}")))?;
    let target = uri
        .path_and_query()
        .cloned()
        .unwrap_or_else(|| PathAndQuery::from_static("/"));
    *req.uri_mut() = Uri::from(target);
    req.headers_mut().insert(http::header::HOST, host);
    Ok(origin)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(url: &str) -> Request<Full<Bytes>> {
        Request::builder()
            .uri(url)
            .body(Full::new(Bytes::new()))
            .unwrap()
    }

    #[test]
    fn targets_are_origin_form_with_the_host_header() {
        let mut req = request("http://127.0.0.1:8080/identitypools/p/identities/i?a=1");
        let origin = to_origin_form(&mut req).unwrap();
        assert_eq!(origin.authority.as_str(), "127.0.0.1:8080");
        assert_eq!(req.uri().to_string(), "/identitypools/p/identities/i?a=1");
        assert_eq!(req.headers()[http::header::HOST], "127.0.0.1:8080");

        // Default ports are not sent (nor signed).
        let mut req = request("https://cognito-sync.us-east-1.amazonaws.com:443/x");
        to_origin_form(&mut req).unwrap();
        assert_eq!(
            req.headers()[http::header::HOST],
            "cognito-sync.us-east-1.amazonaws.com"
        );
        assert_eq!(req.uri().to_string(), "/x");
        let mut req = request("http://localhost:80");
        to_origin_form(&mut req).unwrap();
        assert_eq!(req.headers()[http::header::HOST], "localhost");
        assert_eq!(req.uri().to_string(), "/");
    }

    /// A server on 127.0.0.1 answering each request with `{}`; it closes each connection
    /// after `per_connection` responses. Returns its URL and its count of connections.
    async fn server(per_connection: usize) -> (String, Arc<std::sync::atomic::AtomicUsize>) {
        use std::sync::atomic::{AtomicUsize, Ordering};
        use tokio::io::{AsyncReadExt, AsyncWriteExt};
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}/", listener.local_addr().unwrap());
        let accepted = Arc::new(AtomicUsize::new(0));
        let count = Arc::clone(&accepted);
        tokio::spawn(async move {
            while let Ok((mut sock, _)) = listener.accept().await {
                count.fetch_add(1, Ordering::SeqCst);
                tokio::spawn(async move {
                    let mut buf = vec![0u8; 4096];
                    for _ in 0..per_connection {
                        let mut got = Vec::new();
                        while !got.windows(4).any(|w| w == b"\r\n\r\n") {
                            match sock.read(&mut buf).await {
                                Ok(0) | Err(_) => return,
                                Ok(n) => got.extend_from_slice(&buf[..n]),
                            }
                        }
                        let resp = b"HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\n{}";
                        if sock.write_all(resp).await.is_err() {
                            return;
                        }
                    }
                    // Dropping the socket closes the connection.
                });
            }
        });
        (url, accepted)
    }

    fn client(max_idle: usize) -> HttpClient {
        HttpClient::new(
            super::super::https_connector(None).unwrap(),
            max_idle,
            Duration::from_secs(60),
        )
    }

    #[tokio::test]
    async fn connections_are_reused_and_replaced_once_closed() {
        use std::sync::atomic::Ordering;
        // Keep-alive: one connection for every request.
        let (url, accepted) = server(usize::MAX).await;
        let http = client(usize::MAX);
        for _ in 0..3 {
            let resp = http.send(request(&url)).await.unwrap();
            assert_eq!((resp.status, &resp.body[..]), (200, &b"{}"[..]));
        }
        assert_eq!(accepted.load(Ordering::SeqCst), 1);

        // The server closes each connection after one response: every request still
        // succeeds, on a new connection.
        let (url, accepted) = server(1).await;
        for _ in 0..3 {
            let resp = http.send(request(&url)).await.unwrap();
            assert_eq!(resp.status, 200);
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        assert_eq!(accepted.load(Ordering::SeqCst), 3);

        // Without idle connections, each request opens its own.
        let (url, accepted) = server(usize::MAX).await;
        let unpooled = client(0);
        for _ in 0..2 {
            unpooled.send(request(&url)).await.unwrap();
        }
        assert_eq!(accepted.load(Ordering::SeqCst), 2);
    }

    #[tokio::test]
    async fn a_refused_connection_is_a_transport_error() {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}/", listener.local_addr().unwrap());
        drop(listener);
        let Err(err) = client(1).send(request(&url)).await else {
            panic!("a request to a closed port succeeded");
        };
        assert_eq!(err.kind(), crate::ErrorKind::Transport);
        assert!(err.message().starts_with("connection failed"), "{err}");
    }

    /// A server that closes each connection shortly after answering its one request, as
    /// servers close idle keep-alive connections; a plain thread, so it runs while the
    /// client's runtime is not driven.
    fn closing_server() -> (String, Arc<std::sync::atomic::AtomicUsize>) {
        use std::io::{Read, Write};
        use std::sync::atomic::{AtomicUsize, Ordering};
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}/", listener.local_addr().unwrap());
        let accepted = Arc::new(AtomicUsize::new(0));
        let count = Arc::clone(&accepted);
        std::thread::spawn(move || {
            for mut sock in listener.incoming().flatten() {
                count.fetch_add(1, Ordering::SeqCst);
                let mut got = Vec::new();
                let mut buf = [0u8; 4096];
                while !got.windows(4).any(|w| w == b"\r\n\r\n") {
                    match sock.read(&mut buf) {
                        Ok(0) | Err(_) => break,
                        Ok(n) => got.extend_from_slice(&buf[..n]),
                    }
                }
                let _ = sock.write_all(b"HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\n{}");
                std::thread::sleep(Duration::from_millis(50));
                // Dropping the socket closes the idle connection (FIN).
            }
        });
        (url, accepted)
    }

    #[test]
    fn an_idle_connection_closed_while_the_runtime_slept_is_not_reused() {
        use std::sync::atomic::Ordering;
        // The blocking client drives a current-thread runtime only during calls: the
        // connection's task cannot see the server's close until the next call runs it.
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        let (url, accepted) = closing_server();
        let http = client(usize::MAX);
        for _ in 0..3 {
            let resp = rt.block_on(http.send(request(&url))).unwrap();
            assert_eq!((resp.status, &resp.body[..]), (200, &b"{}"[..]));
            std::thread::sleep(STALE_CHECK_AFTER + Duration::from_millis(200));
        }
        assert_eq!(accepted.load(Ordering::SeqCst), 3);
    }

    #[test]
    fn relative_urls_are_refused() {
        let mut req = request("/no/host");
        let err = to_origin_form(&mut req).unwrap_err();
        assert_eq!(err.kind(), crate::ErrorKind::Validation);
    }
}
