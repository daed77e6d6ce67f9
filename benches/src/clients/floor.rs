//! The floors: the same HTTP requests, signed before the window opens, replayed with no SDK
//! in between, by hyper's pooled client (the strictest floor: what every Rust HTTP stack here
//! runs on) or by reqwest (the "bare reqwest" floor: a typical application's HTTP
//! client). No client doing real work can beat them here.

use bytes::Bytes;

use crate::raw::{self, HttpClient, Presigned};
use crate::runner::{AsyncCall, Worker};

/// The HTTP client replaying the requests.
pub enum Bare {
    /// hyper-util's pooled client, fed ready-made `http::Request`s.
    Hyper(Box<HttpClient>),
    /// reqwest, building each request from the pre-signed parts as an application would.
    Reqwest(reqwest::Client),
}

impl Bare {
    /// The bare hyper client.
    pub fn hyper() -> Bare {
        Bare::Hyper(Box::new(raw::http_client()))
    }

    /// A reqwest client without proxies (traffic stays on 127.0.0.1), `TCP_NODELAY`.
    pub fn reqwest() -> Result<Bare, String> {
        reqwest::Client::builder()
            .no_proxy()
            .tcp_nodelay(true)
            .build()
            .map(Bare::Reqwest)
            .map_err(|e| format!("reqwest: {e}"))
    }

    async fn send(&self, req: &Presigned) -> Result<(u16, Bytes), String> {
        match self {
            Bare::Hyper(http) => raw::send(http, req).await,
            Bare::Reqwest(http) => {
                let resp = http
                    .request(req.method.clone(), req.uri.to_string())
                    .headers(req.headers.clone())
                    .body(req.body.clone())
                    .send()
                    .await
                    .map_err(|e| format!("{} {}: {e}", req.method, req.uri))?;
                let status = resp.status().as_u16();
                let body = resp
                    .bytes()
                    .await
                    .map_err(|e| format!("reading body: {e}"))?;
                Ok((status, body))
            }
        }
    }
}

/// Replays pre-signed requests; for UpdateRecords on the emulator one request per call (the
/// sync count changes every call), otherwise one request per worker.
pub struct Floor {
    http: Bare,
    requests: Vec<Vec<Presigned>>,
    update: bool,
}

impl Floor {
    /// A floor replaying `requests[worker][call]` with `http` (the last one again once past
    /// the end, which only happens where the server does not care).
    pub fn new(http: Bare, requests: Vec<Vec<Presigned>>, update: bool) -> Self {
        Floor {
            http,
            requests,
            update,
        }
    }
}

impl AsyncCall for Floor {
    async fn call(&self, worker: &mut Worker) -> Result<(), String> {
        let list = &self.requests[worker.index];
        let req = &list[worker.sequence.min(list.len() - 1)];
        let (status, _body) = self.http.send(req).await?;
        if status != 200 {
            return Err(format!("floor: status {status}"));
        }
        worker.sequence += 1;
        if self.update {
            worker.sync_count += 1;
        }
        Ok(())
    }
}
