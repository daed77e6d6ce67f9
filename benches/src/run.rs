//! The `run` subcommand: one client, one operation, one concurrency, one measured window,
//! in a process of its own so its CPU time and memory are that client's alone. Prints one
//! JSON [`crate::stats::RunResult`] line.

use crate::clients::floor::{Bare, Floor};
use crate::clients::{aws::AwsSdk, ours};
use crate::fixtures::{update_records_body, CANNED_SESSION_TOKEN, UPDATE_DATASET};
use crate::raw;
use crate::runner::{self, Op, Plan, Worker};
use crate::stats::RunResult;
use bytes::Bytes;
use http::Method;
use std::sync::Arc;
use std::time::SystemTime;

/// Which server a run talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TargetKind {
    /// The canned-response server (checks nothing, same answer every time).
    Canned,
    /// The real emulator (verifies signatures, stores data, enforces sync counts).
    Emulator,
}

impl TargetKind {
    /// Name on the command line and in the table.
    pub fn as_str(self) -> &'static str {
        match self {
            TargetKind::Canned => "canned",
            TargetKind::Emulator => "emulator",
        }
    }

    /// Parses [`TargetKind::as_str`]'s names.
    pub fn parse(s: &str) -> Result<Self, String> {
        match s {
            "canned" => Ok(TargetKind::Canned),
            "emulator" => Ok(TargetKind::Emulator),
            _ => Err(format!("unknown target {s:?} (canned, emulator)")),
        }
    }
}

/// A server the clients talk to, as its child process announced it.
#[derive(Debug, Clone)]
pub struct Target {
    /// Canned or emulator.
    pub kind: TargetKind,
    /// `http://127.0.0.1:PORT`.
    pub endpoint: String,
    /// Identity pool id.
    pub pool: String,
    /// One identity per worker slot (just one on the canned server).
    pub identities: Vec<String>,
}

/// Everything a `run` needs.
#[derive(Debug, Clone)]
pub struct RunSpec {
    /// Client name: floor, reqwest, core, blocking, aws.
    pub client: String,
    /// Operation measured.
    pub op: Op,
    /// Calls in flight.
    pub conc: usize,
    /// The window's plan.
    pub plan: Plan,
    /// The server.
    pub target: Target,
}

/// Builds the workers, reading each one's sync state from the emulator for UpdateRecords.
fn workers(rt: &tokio::runtime::Runtime, spec: &RunSpec) -> Result<Vec<Worker>, String> {
    let t = &spec.target;
    let http = rt.block_on(async { raw::http_client() });
    (0..spec.conc)
        .map(|index| {
            let identity = t.identities[index % t.identities.len()].clone();
            let (sync_count, session_token) =
                if t.kind == TargetKind::Emulator && spec.op == Op::Update {
                    rt.block_on(raw::sync_state(
                        &http,
                        &t.endpoint,
                        &t.pool,
                        &identity,
                        UPDATE_DATASET,
                    ))?
                } else {
                    (0, CANNED_SESSION_TOKEN.to_string())
                };
            Ok(Worker {
                index,
                identity,
                sync_count,
                session_token,
                sequence: 0,
            })
        })
        .collect()
}

/// Signs, before the window, every request the floor will send.
fn floor_requests(spec: &RunSpec, workers: &[Worker]) -> Result<Vec<Vec<raw::Presigned>>, String> {
    let t = &spec.target;
    let now = SystemTime::now();
    workers
        .iter()
        .map(|w| match spec.op {
            Op::List => {
                let path = crate::fixtures::list_records_path(&t.pool, &w.identity);
                Ok(vec![raw::presign(
                    Method::GET,
                    &t.endpoint,
                    &path,
                    Bytes::new(),
                    now,
                )?])
            }
            Op::Update => {
                let path = crate::fixtures::update_records_path(&t.pool, &w.identity);
                // The emulator wants the current sync count in every call; the canned
                // server takes the same request again and again.
                let n = if t.kind == TargetKind::Emulator {
                    spec.plan.warmup + spec.plan.share(w.index, spec.conc)
                } else {
                    1
                };
                (0..n)
                    .map(|k| {
                        let body = update_records_body(w.sync_count + k as i64, &w.session_token);
                        raw::presign(Method::POST, &t.endpoint, &path, Bytes::from(body), now)
                    })
                    .collect()
            }
        })
        .collect()
}

/// The tokio runtime every async client runs on: multi-threaded, one worker per core.
fn runtime() -> Result<tokio::runtime::Runtime, String> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("runtime: {e}"))
}

/// Runs the measured window described by `spec`.
pub fn run(spec: &RunSpec) -> Result<RunResult, String> {
    let rt = runtime()?;
    let workers = workers(&rt, spec)?;
    let t = &spec.target;
    match spec.client.as_str() {
        "floor" | "reqwest" => {
            let requests = floor_requests(spec, &workers)?;
            let update = spec.op == Op::Update;
            let floor = rt.block_on(async {
                let http = match spec.client.as_str() {
                    "floor" => Bare::hyper(),
                    _ => Bare::reqwest()?,
                };
                Ok::<_, String>(Floor::new(http, requests, update))
            })?;
            runner::run_async(&rt, Arc::new(floor), workers, spec.plan)
        }
        "aws" => {
            let client = rt.block_on(async { AwsSdk::new(&t.endpoint, &t.pool, spec.op) });
            runner::run_async(&rt, Arc::new(client), workers, spec.plan)
        }
        "core" => {
            let client = rt.block_on(async { ours::build_async(&t.endpoint) })?;
            let client = ours::OursAsync::new(client, &t.pool, spec.op);
            runner::run_async(&rt, Arc::new(client), workers, spec.plan)
        }
        "blocking" => {
            drop(rt);
            let client = ours::OursBlocking::new(&t.endpoint, &t.pool, spec.op)?;
            runner::run_blocking(Arc::new(client), workers, spec.plan)
        }
        other => Err(format!(
            "unknown client {other:?} (floor, reqwest, core, blocking, aws)"
        )),
    }
}
