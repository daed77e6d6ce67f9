//! A process killed with SIGKILL in the middle of a synchronize leaves a store that
//! opens and synchronizes correctly afterwards, with no acknowledged write lost.
//!
//! The parent test starts the emulator in-process (with latency on the service calls so
//! that synchronizes are in flight most of the time), then runs this same test binary
//! as a child (`child_process_role`, ignored in normal runs) that writes and
//! synchronizes in a loop against one store file, printing `ack KEY VALUE` after each
//! acknowledged write. The parent kills it at a random moment, reopens the store and
//! checks every acknowledged write; after several rounds it synchronizes and checks
//! that a fresh device sees everything. `SYNC_KILL_ROUNDS` sets the number of rounds.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "a test crate: a failed step fails the test"
)]

mod sync_support;

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use cognito_sync::sync::SyncManager;
use cognito_sync_local::FaultRule;
use sync_support::{new_identity, DeviceOptions, Env, Rng};

const CHILD_ENV: &str = "SYNC_KILL9_CHILD";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn kill_9_during_synchronize_leaves_a_usable_store() {
    let env = Env::start().await;
    let id = new_identity();
    let dir = std::env::temp_dir().join(format!("cs-kill9-{}", new_identity().replace(':', "_")));
    std::fs::create_dir_all(&dir).unwrap();
    let store = dir.join("device.db");
    for op in ["ListRecords", "UpdateRecords"] {
        env.emu.faults().add(FaultRule {
            operation: op.into(),
            latency_ms: 15,
            ..FaultRule::default()
        });
    }
    let rounds: u64 = std::env::var("SYNC_KILL_ROUNDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(3);
    let mut rng = Rng::new(0x5eed ^ rounds);
    let mut acked: BTreeMap<String, String> = BTreeMap::new();
    let mut kills_during_sync = 0;
    for round in 0..rounds {
        let mut child = Command::new(std::env::current_exe().unwrap())
            .args([
                "child_process_role",
                "--exact",
                "--ignored",
                "--nocapture",
                "--test-threads=1",
            ])
            .env(CHILD_ENV, "1")
            .env("SYNC_KILL9_ENDPOINT", env.emu.endpoint())
            .env("SYNC_KILL9_POOL", &env.pool)
            .env("SYNC_KILL9_IDENTITY", &id)
            .env("SYNC_KILL9_STORE", &store)
            .env("SYNC_KILL9_ROUND", round.to_string())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn child");
        let (tx, rx) = mpsc::channel::<String>();
        let out = child.stdout.take().unwrap();
        let reader = std::thread::spawn(move || {
            for line in BufReader::new(out).lines().map_while(Result::ok) {
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        // Let it run through a few synchronizes, then kill it at a random moment,
        // preferably while a synchronize is on the wire.
        let syncs_before_kill = 2 + rng.below(4);
        let extra = Duration::from_millis(rng.below(25));
        let deadline = Instant::now() + Duration::from_secs(20);
        let (mut syncs, mut in_sync) = (0, false);
        while syncs < syncs_before_kill && Instant::now() < deadline {
            match rx.recv_timeout(Duration::from_millis(100)) {
                Ok(line) => {
                    if let Some(rest) = line.strip_prefix("ack ") {
                        let (k, v) = rest.split_once(' ').unwrap();
                        acked.insert(k.to_string(), v.to_string());
                    } else if line == "sync-start" {
                        syncs += 1;
                        in_sync = true;
                    } else if line.starts_with("sync-end") {
                        in_sync = false;
                    }
                }
                Err(mpsc::RecvTimeoutError::Timeout) => {}
                Err(mpsc::RecvTimeoutError::Disconnected) => panic!("child exited early"),
            }
        }
        std::thread::sleep(extra);
        child.kill().expect("SIGKILL");
        child.wait().unwrap();
        if in_sync {
            kills_during_sync += 1;
        }
        reader.join().unwrap();
        // Writes acknowledged before the kill (lines still in the pipe).
        for line in rx.try_iter() {
            if let Some(rest) = line.strip_prefix("ack ") {
                let (k, v) = rest.split_once(' ').unwrap();
                acked.insert(k.to_string(), v.to_string());
            }
        }
        // The store opens, and every acknowledged write is in it.
        let m = SyncManager::builder()
            .store_path(&store)
            .identity_id(&id)
            .build()
            .expect("store opens after kill -9");
        let local = m.open_dataset("save").unwrap().get_all().unwrap();
        for (k, v) in &acked {
            assert_eq!(
                local.get(k),
                Some(v),
                "round {round}: acknowledged {k} lost"
            );
        }
    }
    assert!(kills_during_sync > 0, "no kill landed during a synchronize");
    env.emu.faults().clear();
    // The killed device's store synchronizes, and another device sees everything.
    let m = env.device_with(
        &id,
        DeviceOptions {
            path: Some(store.clone()),
            ..Default::default()
        },
    );
    let d = m.open_dataset("save").unwrap();
    d.synchronize().await.expect("synchronize after kill -9");
    d.synchronize().await.unwrap();
    assert!(!d.has_unsynced_changes().unwrap());
    let fresh = env.device(&id).open_dataset("save").unwrap();
    fresh.synchronize().await.unwrap();
    let got = fresh.get_all().unwrap();
    for (k, v) in &acked {
        assert_eq!(
            got.get(k),
            Some(v),
            "acknowledged {k} never reached the service"
        );
    }
    assert_eq!(got, d.get_all().unwrap());
    std::fs::remove_dir_all(&dir).ok();
}

/// The child process of the test above (runs only when started by it).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "child process of kill_9_during_synchronize_leaves_a_usable_store"]
async fn child_process_role() {
    use std::io::Write;
    if std::env::var(CHILD_ENV).is_err() {
        return;
    }
    let var = |k: &str| std::env::var(k).unwrap();
    let client = cognito_sync::Client::builder()
        .region("us-east-1")
        .endpoint_url(var("SYNC_KILL9_ENDPOINT"))
        .credentials(cognito_sync::Credentials::new("test", "test", None))
        .build()
        .unwrap();
    let m = SyncManager::builder()
        .client(client)
        .identity_pool_id(var("SYNC_KILL9_POOL"))
        .identity_id(var("SYNC_KILL9_IDENTITY"))
        .store_path(var("SYNC_KILL9_STORE"))
        .build()
        .unwrap();
    let d = m.open_dataset("save").unwrap();
    let round = var("SYNC_KILL9_ROUND");
    let mut out = std::io::stdout();
    // End the test harness's "test child_process_role ... " line first.
    writeln!(out).unwrap();
    for i in 0..100_000u64 {
        // New keys and updates of a few shared ones.
        let key = if i % 3 == 0 {
            format!("shared{}", i % 4)
        } else {
            format!("r{round}-k{i}")
        };
        let value = format!("r{round}-v{i}");
        d.put(&key, &value).unwrap();
        writeln!(out, "ack {key} {value}").unwrap();
        out.flush().unwrap();
        if i % 4 == 3 {
            writeln!(out, "sync-start").unwrap();
            out.flush().unwrap();
            // A write lands while the synchronize is in flight.
            let sync = d.clone();
            let task = tokio::spawn(async move { sync.synchronize().await });
            tokio::time::sleep(Duration::from_millis(5)).await;
            let key = format!("r{round}-during{i}");
            d.put(&key, "x").unwrap();
            writeln!(out, "ack {key} x").unwrap();
            let r = task.await.unwrap();
            writeln!(out, "sync-end {}", r.is_ok()).unwrap();
            out.flush().unwrap();
        }
    }
}
