//! Benchmarks of the sync manager (not timed tests: they measure and print, they never
//! assert a duration). Ignored by default; run them optimized:
//!
//! ```text
//! cargo test --release -p cognito-sync-e2e --test sync_bench -- --ignored --nocapture --test-threads=1
//! ```
//!
//! - synchronize of a dataset with 1,000 dirty records: round trips and wall time;
//! - a no-op synchronize (nothing changed): requests and wall time;
//! - local get / put throughput, in memory and on a file.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "a test crate: a failed step fails the test"
)]

mod sync_support;

use std::time::{Duration, Instant};

use cognito_sync::sync::SyncManager;
use sync_support::{new_identity, Env};

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn per_sec(n: usize, d: Duration) -> f64 {
    n as f64 / d.as_secs_f64()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "benchmark"]
async fn bench_synchronize_1000_dirty_records() {
    let env = Env::start().await;
    let mut times = Vec::new();
    for run in 0..7 {
        let id = new_identity();
        let m = env.device(&id);
        let d = m.open_dataset("bench").unwrap();
        d.put_all((0..1000).map(|i| {
            (
                format!("key{i:04}"),
                Some(format!("value-{i}-{}", "x".repeat(40))),
            )
        }))
        .unwrap();
        let all = env.count_requests("*");
        let start = Instant::now();
        let r = d.synchronize().await.unwrap();
        let took = start.elapsed();
        assert_eq!(r.pushed, 1000);
        let requests = all.count();
        env.emu.faults().clear();
        if run == 0 {
            println!(
                "synchronize 1000 dirty records: {} round trips ({} ListRecords page + {} UpdateRecords), report.requests = {}",
                requests, 1, requests - 1, r.requests
            );
        }
        times.push(took);
    }
    println!(
        "synchronize 1000 dirty records: median {:.1} ms (min {:.1}, max {:.1}) over {} runs",
        median(times.clone()).as_secs_f64() * 1e3,
        times.iter().min().unwrap().as_secs_f64() * 1e3,
        times.iter().max().unwrap().as_secs_f64() * 1e3,
        times.len()
    );
    // The floor: the same 1,000 patches sent with the bare client (ListRecords +
    // UpdateRecords), no local store.
    let raw = env.raw();
    let mut times = Vec::new();
    for _ in 0..7 {
        let id = new_identity();
        let patches: Vec<_> = (0..1000)
            .map(|i| {
                cognito_sync::model::RecordPatch::replace(
                    format!("key{i:04}"),
                    format!("value-{i}-{}", "x".repeat(40)),
                    0,
                )
            })
            .collect();
        let start = Instant::now();
        raw.write(&id, "bench", patches).await;
        times.push(start.elapsed());
    }
    println!(
        "floor, bare client ListRecords + UpdateRecords of 1000 patches: median {:.1} ms",
        median(times).as_secs_f64() * 1e3
    );
    // And a fresh device pulling those 1,000 records.
    let id = new_identity();
    let m = env.device(&id);
    let d = m.open_dataset("bench").unwrap();
    d.put_all((0..1000).map(|i| (format!("key{i:04}"), Some(format!("value-{i}")))))
        .unwrap();
    d.synchronize().await.unwrap();
    let mut times = Vec::new();
    for _ in 0..7 {
        let fresh = env.device(&id).open_dataset("bench").unwrap();
        let start = Instant::now();
        let r = fresh.synchronize().await.unwrap();
        times.push(start.elapsed());
        assert_eq!(r.changed_keys.len(), 1000);
    }
    println!(
        "first synchronize pulling 1000 records: median {:.1} ms",
        median(times).as_secs_f64() * 1e3
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "benchmark"]
async fn bench_no_op_synchronize() {
    let env = Env::start().await;
    let id = new_identity();
    let m = env.device(&id);
    let d = m.open_dataset("bench").unwrap();
    d.put_all((0..100).map(|i| (format!("k{i}"), Some("v"))))
        .unwrap();
    d.synchronize().await.unwrap();
    d.synchronize().await.unwrap();
    let all = env.count_requests("*");
    let n = 300;
    let mut times = Vec::with_capacity(n);
    for _ in 0..n {
        let start = Instant::now();
        d.synchronize().await.unwrap();
        times.push(start.elapsed());
    }
    let requests = all.count();
    println!(
        "no-op synchronize: {:.2} requests each; median {:.0} µs, p90 {:.0} µs over {n} runs",
        requests as f64 / n as f64,
        median(times.clone()).as_secs_f64() * 1e6,
        {
            let mut t = times.clone();
            t.sort();
            t[n * 9 / 10].as_secs_f64() * 1e6
        }
    );
}

fn local_throughput(label: &str, m: &SyncManager) {
    let d = m.open_dataset("local").unwrap();
    let n = 5000;
    let start = Instant::now();
    for i in 0..n {
        d.put(&format!("key{}", i % 1000), &format!("value{i}"))
            .unwrap();
    }
    let put = start.elapsed();
    let start = Instant::now();
    let mut found = 0;
    for i in 0..n {
        found += usize::from(d.get(&format!("key{}", i % 1000)).unwrap().is_some());
    }
    let get = start.elapsed();
    assert_eq!(found, n);
    let start = Instant::now();
    d.put_all((0..1000).map(|i| (format!("key{i}"), Some(format!("batch{i}")))))
        .unwrap();
    let batch = start.elapsed();
    let start = Instant::now();
    let all = d.get_all().unwrap();
    let get_all = start.elapsed();
    assert_eq!(all.len(), 1000);
    println!(
        "{label}: put {:.0}/s, get {:.0}/s, put_all(1000) {:.1} ms, get_all(1000) {:.2} ms",
        per_sec(n, put),
        per_sec(n, get),
        batch.as_secs_f64() * 1e3,
        get_all.as_secs_f64() * 1e3
    );
}

#[test]
#[ignore = "benchmark"]
fn bench_local_get_put_throughput() {
    let id = new_identity();
    let m = SyncManager::builder().identity_id(&id).build().unwrap();
    local_throughput("in memory", &m);
    let dir = std::env::temp_dir().join(format!("cs-bench-{}", id.replace(':', "_")));
    std::fs::create_dir_all(&dir).unwrap();
    let m = SyncManager::builder()
        .identity_id(&id)
        .store_path(dir.join("bench.db"))
        .build()
        .unwrap();
    local_throughput("file (WAL, synchronous=NORMAL)", &m);
    let m = SyncManager::builder()
        .identity_id(&id)
        .store_path(dir.join("bench-full.db"))
        .durability(cognito_sync::sync::Durability::Full)
        .build()
        .unwrap();
    local_throughput("file (WAL, synchronous=FULL)", &m);
    std::fs::remove_dir_all(&dir).ok();
}
