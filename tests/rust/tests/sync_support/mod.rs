//! Shared helpers of the sync manager's integration tests: an emulator started
//! in-process, devices (sync managers) bound to it, a seeded PRNG and a logical clock.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use cognito_sync::model::{ListRecordsInput, RecordPatch, UpdateRecordsInput};
use cognito_sync::sync::{Clock, ConflictPolicy, Event, SyncConfig, SyncManager};
use cognito_sync::{Client, Credentials, RetryConfig};
use cognito_sync_local::{Config, Emulator, FaultRule};

/// An emulator with one identity pool, served by its own runtime so that tests may
/// block a client thread (e.g. inside an event listener) without stalling the service.
pub struct Env {
    pub emu: Emulator,
    pub pool: String,
    runtime: Option<tokio::runtime::Runtime>,
}

impl Drop for Env {
    fn drop(&mut self) {
        if let Some(rt) = self.runtime.take() {
            rt.shutdown_background();
        }
    }
}

fn emulator_runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("emulator runtime")
}

impl Env {
    pub async fn start() -> Env {
        Self::start_with(Config::default()).await
    }

    pub async fn start_with(config: Config) -> Env {
        let runtime = emulator_runtime();
        let emu = runtime
            .spawn(Emulator::start(config))
            .await
            .expect("emulator task")
            .expect("emulator starts");
        let pool = emu
            .create_identity_pool("sync-tests", true)
            .expect("create pool");
        Env {
            emu,
            pool,
            runtime: Some(runtime),
        }
    }

    /// Replaces the emulator by a fresh one with no data, on the same port and with the
    /// same pool id: the service "lost" its history (e.g. restored from an old backup).
    pub async fn restart_empty(self) -> Env {
        let port = self.emu.local_addr().port();
        let pool = self.pool.clone();
        drop(self);
        let deadline = std::time::Instant::now() + Duration::from_secs(10);
        loop {
            let runtime = emulator_runtime();
            let config = Config {
                port,
                identity_pools: vec![pool.clone()],
                ..Config::default()
            };
            match runtime.spawn(Emulator::start(config)).await.expect("task") {
                Ok(emu) => {
                    return Env {
                        emu,
                        pool,
                        runtime: Some(runtime),
                    }
                }
                Err(e) => {
                    runtime.shutdown_background();
                    assert!(
                        std::time::Instant::now() < deadline,
                        "cannot restart the emulator on port {port}: {e}"
                    );
                    tokio::time::sleep(Duration::from_millis(50)).await;
                }
            }
        }
    }

    /// A client with developer credentials; `attempts` = the client's retry budget.
    pub fn client(&self, attempts: u32) -> Client {
        let (ak, sk) = self.emu.developer_credentials();
        Client::builder()
            .region("us-east-1")
            .endpoint_url(self.emu.endpoint())
            .credentials(Credentials::new(ak, sk, None))
            .retry_config(
                RetryConfig::standard()
                    .with_max_attempts(attempts)
                    .with_initial_backoff(Duration::from_millis(5))
                    .with_max_backoff(Duration::from_millis(50)),
            )
            .connect_timeout(Duration::from_secs(5))
            .call_timeout(Duration::from_secs(20))
            .build()
            .expect("client")
    }

    /// A device: an in-memory sync manager for `identity`.
    pub fn device(&self, identity: &str) -> SyncManager {
        self.device_with(identity, DeviceOptions::default())
    }

    pub fn device_with(&self, identity: &str, o: DeviceOptions) -> SyncManager {
        let mut b = SyncManager::builder()
            .client(self.client(o.client_attempts))
            .identity_pool_id(&self.pool)
            .identity_id(identity)
            .conflict_policy(o.policy)
            .sync_config(SyncConfig {
                backoff_base: Duration::from_millis(2),
                backoff_max: Duration::from_millis(20),
                ..SyncConfig::default()
            });
        if let Some(c) = o.clock {
            b = b.clock(c);
        }
        if let Some(p) = o.path {
            b = b.store_path(p);
        }
        b.build().expect("sync manager")
    }

    /// What the service holds for a dataset: key -> value (tombstones left out).
    pub async fn server_state(&self, identity: &str, dataset: &str) -> BTreeMap<String, String> {
        let out = self
            .client(3)
            .list_all_records(ListRecordsInput {
                identity_pool_id: self.pool.clone(),
                identity_id: identity.into(),
                dataset_name: dataset.into(),
                last_sync_count: Some(0),
                ..Default::default()
            })
            .await
            .expect("list records");
        out.records()
            .iter()
            .filter_map(|r| Some((r.key.clone()?, r.value.clone()?)))
            .collect()
    }

    /// Writes `patches` directly (another client, e.g. a console or a Lambda).
    pub async fn raw_write(&self, identity: &str, dataset: &str, patches: Vec<RecordPatch>) {
        let c = self.client(3);
        let listed = c
            .list_all_records(ListRecordsInput {
                identity_pool_id: self.pool.clone(),
                identity_id: identity.into(),
                dataset_name: dataset.into(),
                last_sync_count: Some(0),
                ..Default::default()
            })
            .await
            .expect("list");
        c.update_records(UpdateRecordsInput {
            identity_pool_id: self.pool.clone(),
            identity_id: identity.into(),
            dataset_name: dataset.into(),
            record_patches: Some(patches),
            sync_session_token: listed.sync_session_token.unwrap_or_default(),
            ..Default::default()
        })
        .await
        .expect("update records");
    }

    /// The server's sync count of `key` (0 if absent).
    pub async fn server_sync_count(&self, identity: &str, dataset: &str, key: &str) -> i64 {
        let out = self
            .client(3)
            .list_all_records(ListRecordsInput {
                identity_pool_id: self.pool.clone(),
                identity_id: identity.into(),
                dataset_name: dataset.into(),
                last_sync_count: Some(0),
                ..Default::default()
            })
            .await
            .expect("list");
        out.records()
            .iter()
            .find(|r| r.key.as_deref() == Some(key))
            .and_then(|r| r.sync_count)
            .unwrap_or(0)
    }

    /// Counts the requests the emulator receives for `operation` ("*" for all) from now
    /// on: a fault rule that injects nothing but decrements its budget per request.
    pub fn count_requests(&self, operation: &str) -> RequestCounter {
        self.emu.faults().add(FaultRule {
            operation: operation.into(),
            remaining: Some(COUNTER_BUDGET),
            ..FaultRule::default()
        });
        RequestCounter {
            faults: self.emu.faults(),
            operation: operation.into(),
        }
    }
}

const COUNTER_BUDGET: u64 = 1_000_000_000;

pub struct RequestCounter {
    faults: cognito_sync_local::Faults,
    operation: String,
}

impl RequestCounter {
    pub fn count(&self) -> u64 {
        self.faults
            .rules()
            .iter()
            .find(|r| {
                r.operation == self.operation
                    && r.error_rate == 0.0
                    && r.drop_rate == 0.0
                    && r.latency_ms == 0
                    && r.remaining.is_some()
            })
            .map(|r| COUNTER_BUDGET - r.remaining.unwrap_or(COUNTER_BUDGET))
            .unwrap_or(0)
    }
}

pub struct DeviceOptions {
    pub policy: ConflictPolicy,
    pub clock: Option<Clock>,
    pub client_attempts: u32,
    pub path: Option<std::path::PathBuf>,
}

impl Default for DeviceOptions {
    fn default() -> Self {
        DeviceOptions {
            policy: ConflictPolicy::LastWriterWins,
            clock: None,
            client_attempts: 3,
            path: None,
        }
    }
}

static NEXT_ID: AtomicU64 = AtomicU64::new(1);

/// A fresh identity id (the emulator accepts any well-formed id with developer keys).
pub fn new_identity() -> String {
    let n = NEXT_ID.fetch_add(1, Ordering::Relaxed);
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default()
        .subsec_nanos();
    format!(
        "us-east-1:{:08x}-{:04x}-4000-8000-{:012x}",
        std::process::id(),
        nanos & 0xffff,
        n
    )
}

thread_local! {
    static LAST_TICK: std::cell::Cell<Option<SystemTime>> = const { std::cell::Cell::new(None) };
}

/// A logical device clock shared by several devices: every reading is one second
/// after the previous one, so writes are totally ordered.
pub fn logical_clock(counter: Arc<AtomicU64>) -> Clock {
    Clock::new(move || {
        let tick = counter.fetch_add(1, Ordering::SeqCst);
        let t = UNIX_EPOCH + Duration::from_secs(1_600_000_000 + tick);
        LAST_TICK.with(|c| c.set(Some(t)));
        t
    })
}

/// The last time a logical clock returned on this thread (a local write reads the
/// clock exactly once, on the caller's thread).
pub fn last_tick() -> SystemTime {
    LAST_TICK
        .with(|c| c.get())
        .expect("the logical clock was read on this thread")
}

/// SplitMix64: a small seeded PRNG for reproducible random schedules.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x9e37_79b9_7f4a_7c15)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n.max(1)
    }

    pub fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
}

/// Collects every event of a manager (listener), for assertions.
#[derive(Clone, Default)]
pub struct EventLog(pub Arc<Mutex<Vec<Event>>>);

impl EventLog {
    pub fn attach(manager: &SyncManager) -> EventLog {
        let log = EventLog::default();
        let l = log.0.clone();
        manager.subscribe(move |e: &Event| l.lock().unwrap().push(e.clone()));
        log
    }

    pub fn events(&self) -> Vec<Event> {
        self.0.lock().unwrap().clone()
    }

    /// (SyncStarted, SyncSucceeded, SyncFailed) counts.
    pub fn sync_counts(&self) -> (usize, usize, usize) {
        let ev = self.events();
        (
            ev.iter()
                .filter(|e| matches!(e, Event::SyncStarted { .. }))
                .count(),
            ev.iter()
                .filter(|e| matches!(e, Event::SyncSucceeded { .. }))
                .count(),
            ev.iter()
                .filter(|e| matches!(e, Event::SyncFailed { .. }))
                .count(),
        )
    }
}

/// Seeds for the property tests: `SYNC_SEEDS=n` runs n seeds (from `SYNC_SEED_BASE`),
/// otherwise the fixed list.
pub fn seeds(fixed: &[u64]) -> Vec<u64> {
    match std::env::var("SYNC_SEEDS")
        .ok()
        .and_then(|s| s.parse::<u64>().ok())
    {
        Some(n) => {
            let base = std::env::var("SYNC_SEED_BASE")
                .ok()
                .and_then(|s| s.parse::<u64>().ok())
                .unwrap_or(1000);
            (base..base + n).collect()
        }
        None => fixed.to_vec(),
    }
}

/// Runs `fut` to completion on a thread of its own (with its own runtime): lets an
/// event listener, which runs synchronously inside a synchronize, act as another
/// client at a precise point of the protocol.
pub fn run_aside<F, T>(fut: F) -> T
where
    F: std::future::Future<Output = T> + Send + 'static,
    T: Send + 'static,
{
    std::thread::spawn(move || {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("runtime")
            .block_on(fut)
    })
    .join()
    .expect("aside thread")
}

/// A second client of the service (a console, a Lambda, another SDK).
#[derive(Clone)]
pub struct Raw {
    pub client: Client,
    pub pool: String,
}

impl Env {
    pub fn raw(&self) -> Raw {
        Raw {
            client: self.client(3),
            pool: self.pool.clone(),
        }
    }
}

impl Raw {
    pub async fn write(&self, identity: &str, dataset: &str, patches: Vec<RecordPatch>) {
        let listed = self
            .client
            .list_all_records(ListRecordsInput {
                identity_pool_id: self.pool.clone(),
                identity_id: identity.into(),
                dataset_name: dataset.into(),
                last_sync_count: Some(0),
                ..Default::default()
            })
            .await
            .expect("list");
        self.client
            .update_records(UpdateRecordsInput {
                identity_pool_id: self.pool.clone(),
                identity_id: identity.into(),
                dataset_name: dataset.into(),
                record_patches: Some(patches),
                sync_session_token: listed.sync_session_token.unwrap_or_default(),
                ..Default::default()
            })
            .await
            .expect("update records");
    }

    /// Sets `key` to `value` whatever its current sync count.
    pub async fn put(&self, identity: &str, dataset: &str, key: &str, value: &str) {
        let count = self.sync_count(identity, dataset, key).await;
        self.write(
            identity,
            dataset,
            vec![RecordPatch::replace(key, value, count)],
        )
        .await;
    }

    pub async fn sync_count(&self, identity: &str, dataset: &str, key: &str) -> i64 {
        let out = self
            .client
            .list_all_records(ListRecordsInput {
                identity_pool_id: self.pool.clone(),
                identity_id: identity.into(),
                dataset_name: dataset.into(),
                last_sync_count: Some(0),
                ..Default::default()
            })
            .await
            .expect("list");
        out.records()
            .iter()
            .find(|r| r.key.as_deref() == Some(key))
            .and_then(|r| r.sync_count)
            .unwrap_or(0)
    }

    pub async fn delete_dataset(&self, identity: &str, dataset: &str) {
        self.client
            .delete_dataset(cognito_sync::model::DeleteDatasetInput {
                identity_pool_id: self.pool.clone(),
                identity_id: identity.into(),
                dataset_name: dataset.into(),
            })
            .await
            .expect("delete dataset");
    }

    pub async fn dataset_names(&self, identity: &str) -> Vec<String> {
        let out = self
            .client
            .list_datasets(cognito_sync::model::ListDatasetsInput {
                identity_pool_id: self.pool.clone(),
                identity_id: identity.into(),
                ..Default::default()
            })
            .await
            .expect("list datasets");
        let mut names: Vec<String> = out
            .datasets
            .unwrap_or_default()
            .into_iter()
            .filter_map(|d| d.dataset_name)
            .collect();
        names.sort();
        names
    }
}

/// Calls `f` (once per matching event, at most `times` times) when `manager`'s
/// synchronize enters `phase`, on the synchronize's own thread.
pub fn on_phase(
    manager: &SyncManager,
    phase: cognito_sync::sync::SyncPhase,
    times: usize,
    f: impl Fn() + Send + Sync + 'static,
) -> cognito_sync::sync::ListenerId {
    let left = std::sync::atomic::AtomicUsize::new(times);
    manager.subscribe(move |e: &Event| {
        if let Event::SyncProgress { phase: p, .. } = e {
            if *p == phase
                && left
                    .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1))
                    .is_ok()
            {
                f();
            }
        }
    })
}
