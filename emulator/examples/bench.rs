//! Requests per second of the emulator for ListRecords and UpdateRecords.
//!
//! The server runs on one single-threaded tokio runtime (one core); the load comes from another
//! thread over keep-alive connections, each request SigV4-signed. Besides wall-clock requests/s
//! it prints requests per CPU-second of the server thread (from /proc), the capacity of one core
//! even when the machine is busy with other work. Run in release mode:
//!
//! ```text
//! cargo run --release -p cognito-sync-local --example bench -- [SECONDS] [CONNECTIONS]
//! ```
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "a benchmark program: a failed set-up step should stop it loudly"
)]

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime};

use aws_credential_types::Credentials;
use aws_sigv4::http_request::{sign, SignableBody, SignableRequest, SigningSettings};
use aws_sigv4::sign::v4;
use aws_smithy_runtime_api::client::identity::Identity;
use bytes::Bytes;
use cognito_sync_local::{Config, Emulator};
use http_body_util::{BodyExt, Full};
use hyper_util::rt::TokioIo;
use serde_json::{json, Value};

fn enc(s: &str) -> String {
    s.replace(':', "%3A")
}

fn signed(host: &str, method: &str, path: &str, body: Vec<u8>) -> http::Request<Full<Bytes>> {
    let identity: Identity = Credentials::new("test", "test", None, None, "bench").into();
    let params = v4::SigningParams::builder()
        .identity(&identity)
        .region("us-east-1")
        .name("cognito-sync")
        .time(SystemTime::now())
        .settings(SigningSettings::default())
        .build()
        .expect("signing params")
        .into();
    let url = format!("http://{host}{path}");
    let mut req = http::Request::builder()
        .method(method)
        .uri(path)
        .header("host", host)
        .header("content-type", "application/json")
        .body(Full::new(Bytes::from(body.clone())))
        .expect("request");
    let headers = [("host", host), ("content-type", "application/json")];
    let signable =
        SignableRequest::new(method, url, headers.into_iter(), SignableBody::Bytes(&body))
            .expect("signable");
    let (instructions, _) = sign(signable, &params).expect("sign").into_parts();
    instructions.apply_to_request_http1x(&mut req);
    req
}

type Sender = hyper::client::conn::http1::SendRequest<Full<Bytes>>;

async fn connect(host: &str) -> Sender {
    let stream = tokio::net::TcpStream::connect(host).await.expect("connect");
    stream.set_nodelay(true).expect("nodelay");
    let (sender, conn) = hyper::client::conn::http1::handshake(TokioIo::new(stream))
        .await
        .expect("handshake");
    tokio::spawn(conn);
    sender
}

async fn call(sender: &mut Sender, req: http::Request<Full<Bytes>>) -> Value {
    let resp = sender.send_request(req).await.expect("send");
    let status = resp.status();
    let body = resp.into_body().collect().await.expect("body").to_bytes();
    assert!(
        status.is_success(),
        "{status}: {}",
        String::from_utf8_lossy(&body)
    );
    serde_json::from_slice(&body).unwrap_or(Value::Null)
}

async fn get_id(sender: &mut Sender, host: &str, pool: &str) -> String {
    let req = http::Request::post("/")
        .header("host", host)
        .header("x-amz-target", "AWSCognitoIdentityService.GetId")
        .header("content-type", "application/x-amz-json-1.1")
        .body(Full::new(Bytes::from(
            json!({ "IdentityPoolId": pool }).to_string(),
        )))
        .expect("request");
    call(sender, req).await["IdentityId"]
        .as_str()
        .expect("id")
        .to_owned()
}

#[derive(Clone, Copy, PartialEq)]
enum Op {
    ListRecords,
    UpdateRecords,
}

/// CPU time (user + system) of one thread of this process, from /proc (Linux); 0 elsewhere.
fn thread_cpu_seconds(tid: &str) -> f64 {
    let stat = std::fs::read_to_string(format!("/proc/self/task/{tid}/stat")).unwrap_or_default();
    // Fields after the parenthesised name: utime and stime are the 12th and 13th.
    let rest = stat.rsplit_once(')').map(|(_, r)| r).unwrap_or("");
    let f: Vec<&str> = rest.split_whitespace().collect();
    let ticks = |i: usize| f.get(i).and_then(|v| v.parse::<f64>().ok()).unwrap_or(0.0);
    (ticks(11) + ticks(12)) / 100.0 // USER_HZ is 100 on Linux
}

fn current_tid() -> String {
    std::fs::read_link("/proc/thread-self")
        .ok()
        .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        .unwrap_or_default()
}

/// (requests per wall-clock second, requests per server CPU-second)
struct Figures(f64, f64);

async fn load(
    host: String,
    pool: String,
    op: Op,
    seconds: u64,
    connections: usize,
    server_tid: &str,
) -> Figures {
    let done = Arc::new(AtomicU64::new(0));
    let stop = Instant::now() + Duration::from_secs(seconds);
    let mut tasks = Vec::new();
    for _ in 0..connections {
        let (host, pool, done) = (host.clone(), pool.clone(), done.clone());
        tasks.push(tokio::spawn(async move {
            let mut s = connect(&host).await;
            let id = get_id(&mut s, &host, &pool).await;
            let ds = format!("/identitypools/{}/identities/{}/datasets/bench", enc(&pool), enc(&id));
            // Ten records of 100 bytes to list; the session token is reused for updates.
            let list = call(&mut s, signed(&host, "GET", &format!("{ds}/records"), Vec::new())).await;
            let token = list["SyncSessionToken"].as_str().expect("token").to_owned();
            let patches: Vec<Value> = (0..10)
                .map(|i| json!({ "Op": "replace", "Key": format!("key{i}"), "Value": "x".repeat(100), "SyncCount": 0 }))
                .collect();
            let body = json!({ "SyncSessionToken": token, "RecordPatches": patches }).to_string().into_bytes();
            call(&mut s, signed(&host, "POST", &ds, body)).await;
            let mut count = 1;
            while Instant::now() < stop {
                match op {
                    Op::ListRecords => {
                        let out = call(&mut s, signed(&host, "GET", &format!("{ds}/records?lastSyncCount=0"), Vec::new())).await;
                        assert_eq!(out["Count"], 10);
                    }
                    Op::UpdateRecords => {
                        let body = json!({
                            "SyncSessionToken": token,
                            "RecordPatches": [{ "Op": "replace", "Key": "key0", "Value": format!("v{count}"), "SyncCount": count }]
                        })
                        .to_string()
                        .into_bytes();
                        call(&mut s, signed(&host, "POST", &ds, body)).await;
                        count += 1;
                    }
                }
                done.fetch_add(1, Ordering::Relaxed);
            }
        }));
    }
    let started = Instant::now();
    let cpu_before = thread_cpu_seconds(server_tid);
    for t in tasks {
        t.await.expect("load task");
    }
    let n = done.load(Ordering::Relaxed) as f64;
    let cpu = thread_cpu_seconds(server_tid) - cpu_before;
    Figures(
        n / started.elapsed().as_secs_f64(),
        if cpu > 0.0 { n / cpu } else { f64::NAN },
    )
}

fn run(db: Option<std::path::PathBuf>, seconds: u64, connections: usize) -> (Figures, Figures) {
    // The emulator: one single-threaded runtime on its own thread (one core).
    let (tx, rx) = std::sync::mpsc::channel();
    let (stop_tx, stop_rx) = tokio::sync::oneshot::channel::<()>();
    let server = std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("runtime");
        rt.block_on(async move {
            let emu = Emulator::start(Config {
                db_path: db,
                ..Config::default()
            })
            .await
            .expect("start");
            let pool = emu.create_identity_pool("bench", true).expect("pool");
            tx.send((emu.local_addr().to_string(), pool, current_tid()))
                .expect("send");
            let _ = stop_rx.await;
            emu.stop().await;
        });
    });
    let (host, pool, tid) = rx.recv().expect("emulator address");
    let client = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let list = client.block_on(load(
        host.clone(),
        pool.clone(),
        Op::ListRecords,
        seconds,
        connections,
        &tid,
    ));
    let update = client.block_on(load(
        host,
        pool,
        Op::UpdateRecords,
        seconds,
        connections,
        &tid,
    ));
    let _ = stop_tx.send(());
    server.join().expect("server thread");
    (list, update)
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let seconds = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(5);
    let connections = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(8);
    println!("cognito-sync-local, server on one core, {connections} keep-alive connections, {seconds} s per figure");
    let report = |label: &str, (list, update): (Figures, Figures)| {
        println!(
            "{label:<10} ListRecords (10 records): {:>7.0} req/s ({:>7.0} per server CPU-s)   UpdateRecords (1 patch): {:>7.0} req/s ({:>7.0} per server CPU-s)",
            list.0, list.1, update.0, update.1
        );
    };
    report("in memory", run(None, seconds, connections));
    let dir = std::env::temp_dir().join(format!("cognito-sync-local-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    report(
        "--db (WAL)",
        run(Some(dir.join("bench.db")), seconds, connections),
    );
    let _ = std::fs::remove_dir_all(dir);
}
