//! Two processes share one store file (WAL, busy timeout): both write and synchronize
//! at the same time; nothing fails with SQLITE_BUSY, nothing is lost, and the service
//! ends up with every write. The second process is this test binary run as a child
//! (`child_writer_role`, ignored in normal runs).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "a test crate: a failed step fails the test"
)]

mod sync_support;

use std::process::{Command, Stdio};

use cognito_sync::sync::SyncManager;
use sync_support::{new_identity, DeviceOptions, Env};

const CHILD_ENV: &str = "SYNC_PROCESSES_CHILD";
const WRITES: usize = 150;

async fn writer(m: &SyncManager, tag: &str) {
    let d = m.open_dataset("shared").unwrap();
    for i in 0..WRITES {
        d.put(&format!("{tag}-{i}"), &i.to_string()).unwrap();
        // Spread the writes out so the two processes overlap.
        tokio::time::sleep(std::time::Duration::from_millis(1)).await;
        if i % 25 == 24 {
            // Failures are allowed mid-way (e.g. a conflict with the other process's
            // push exhausting retries); the final synchronize must succeed.
            let _ = d.synchronize().await;
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_processes_share_one_store_file() {
    let env = Env::start().await;
    let id = new_identity();
    let dir = std::env::temp_dir().join(format!("cs-procs-{}", new_identity().replace(':', "_")));
    std::fs::create_dir_all(&dir).unwrap();
    let store = dir.join("shared.db");
    let m = env.device_with(
        &id,
        DeviceOptions {
            path: Some(store.clone()),
            ..Default::default()
        },
    );
    let child = Command::new(std::env::current_exe().unwrap())
        .args([
            "child_writer_role",
            "--exact",
            "--ignored",
            "--test-threads=1",
        ])
        .env(CHILD_ENV, "1")
        .env("SYNC_PROCESSES_ENDPOINT", env.emu.endpoint())
        .env("SYNC_PROCESSES_POOL", &env.pool)
        .env("SYNC_PROCESSES_IDENTITY", &id)
        .env("SYNC_PROCESSES_STORE", &store)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn child");
    // Start once the child is writing, so both work on the file at the same time.
    let d = m.open_dataset("shared").unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    while d.get("child-0").unwrap().is_none() {
        assert!(
            std::time::Instant::now() < deadline,
            "the child never wrote"
        );
        tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    }
    writer(&m, "parent").await;
    let out = tokio::task::spawn_blocking(move || child.wait_with_output())
        .await
        .unwrap()
        .unwrap();
    assert!(
        out.status.success(),
        "child failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let d = m.open_dataset("shared").unwrap();
    assert_eq!(d.count().unwrap(), 2 * WRITES as u64);
    d.synchronize().await.unwrap();
    d.synchronize().await.unwrap();
    assert!(!d.has_unsynced_changes().unwrap());
    assert_eq!(env.server_state(&id, "shared").await, d.get_all().unwrap());
    assert_eq!(d.get_all().unwrap().len(), 2 * WRITES);
    std::fs::remove_dir_all(&dir).ok();
}

/// The child process of the test above (runs only when started by it).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "child process of two_processes_share_one_store_file"]
async fn child_writer_role() {
    if std::env::var(CHILD_ENV).is_err() {
        return;
    }
    let var = |k: &str| std::env::var(k).unwrap();
    let client = cognito_sync::Client::builder()
        .region("us-east-1")
        .endpoint_url(var("SYNC_PROCESSES_ENDPOINT"))
        .credentials(cognito_sync::Credentials::new("test", "test", None))
        .build()
        .unwrap();
    let m = SyncManager::builder()
        .client(client)
        .identity_pool_id(var("SYNC_PROCESSES_POOL"))
        .identity_id(var("SYNC_PROCESSES_IDENTITY"))
        .store_path(var("SYNC_PROCESSES_STORE"))
        .build()
        .unwrap();
    writer(&m, "child").await;
}
