//! The blocking client, from plain threads, against an emulator served by its own runtime.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "a test crate: a failed step fails the test"
)]

mod common;

use std::sync::Arc;

use cognito_sync::model::*;
use cognito_sync::{blocking, Credentials, ErrorKind};
use cognito_sync_local::{Config, Emulator};

#[test]
fn blocking_client_runs_operations_from_plain_threads() {
    let server_rt = tokio::runtime::Runtime::new().unwrap();
    let emu = server_rt
        .block_on(Emulator::start(Config::default()))
        .unwrap();
    let pool = emu.create_identity_pool("blocking", true).unwrap();
    let provider = common::identity_provider(&emu, &pool);
    let id = blocking::block_on(provider.identity_id()).unwrap().unwrap();

    let client = blocking::Client::builder()
        .region(common::REGION)
        .endpoint_url(emu.endpoint())
        .credentials_provider(Arc::new(provider))
        .build()
        .unwrap();
    let list = ListRecordsInput {
        identity_pool_id: pool.clone(),
        identity_id: id.clone(),
        dataset_name: "d".into(),
        last_sync_count: Some(0),
        ..Default::default()
    };
    let first = client.list_records(&list).unwrap();
    client
        .update_records(UpdateRecordsInput {
            identity_pool_id: pool.clone(),
            identity_id: id.clone(),
            dataset_name: "d".into(),
            record_patches: Some(vec![
                RecordPatch::replace("k1", "v", 0),
                RecordPatch::replace("k2", "v", 0),
            ]),
            sync_session_token: first.sync_session_token.unwrap(),
            ..Default::default()
        })
        .unwrap();

    // Many threads share one client (and one process-wide runtime).
    let threads: Vec<_> = (0..4)
        .map(|_| {
            let c = client.clone();
            let l = list.clone();
            std::thread::spawn(move || c.list_records(l).unwrap().records().len())
        })
        .collect();
    for t in threads {
        assert_eq!(t.join().unwrap(), 2);
    }

    let pages: Vec<_> = client
        .list_records_pages(ListRecordsInput {
            max_results: Some(1),
            ..list.clone()
        })
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(pages.len(), 2);
    assert_eq!(
        client
            .list_all_records(list.clone())
            .unwrap()
            .records()
            .len(),
        2
    );

    let e = client
        .describe_dataset(DescribeDatasetInput {
            identity_pool_id: pool.clone(),
            identity_id: id.clone(),
            dataset_name: "missing".into(),
        })
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::ResourceNotFound);

    // A blocking client over an existing async client, with developer credentials.
    let (ak, sk) = emu.developer_credentials();
    let dev = blocking::Client::new(
        cognito_sync::Client::builder()
            .region(common::REGION)
            .endpoint_url(emu.endpoint())
            .credentials(Credentials::new(ak, sk, None))
            .build()
            .unwrap(),
    );
    let usage = dev
        .describe_identity_pool_usage(DescribeIdentityPoolUsageInput {
            identity_pool_id: pool.clone(),
        })
        .unwrap();
    assert!(usage.identity_pool_usage.is_some());

    // Inside a runtime, a blocking call is refused instead of panicking or deadlocking.
    let inner = server_rt.block_on(async { client.list_records(&list) });
    assert_eq!(inner.unwrap_err().kind(), ErrorKind::Runtime);

    server_rt.block_on(emu.stop());
}

/// Counts how often the client asks for credentials.
struct Counting {
    inner: cognito_sync::credentials::StaticProvider,
    calls: std::sync::atomic::AtomicUsize,
}

impl cognito_sync::ProvideCredentials for Counting {
    fn provide_credentials(&self) -> cognito_sync::credentials::ProvideCredentialsFuture<'_> {
        self.calls.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        self.inner.provide_credentials()
    }
}

#[test]
fn threads_share_credentials_and_each_call_runs_on_its_thread() {
    let server_rt = tokio::runtime::Runtime::new().unwrap();
    let emu = server_rt
        .block_on(Emulator::start(Config::default()))
        .unwrap();
    let pool = emu.create_identity_pool("threads", true).unwrap();
    let (ak, sk) = emu.developer_credentials();
    let provider = Arc::new(Counting {
        inner: cognito_sync::credentials::StaticProvider::new(Credentials::new(ak, sk, None)),
        calls: Default::default(),
    });
    let client = blocking::Client::builder()
        .region(common::REGION)
        .endpoint_url(emu.endpoint())
        .credentials_provider(provider.clone())
        .build()
        .unwrap();
    let describe = DescribeIdentityPoolUsageInput {
        identity_pool_id: pool.clone(),
    };
    // 8 threads, each making several calls (and a nested one, which is refused).
    let threads: Vec<_> = (0..8)
        .map(|_| {
            let c = client.clone();
            let d = describe.clone();
            std::thread::spawn(move || {
                for _ in 0..5 {
                    c.describe_identity_pool_usage(&d).unwrap();
                }
                let nested = c
                    .run(|_| async { c.describe_identity_pool_usage(&d) })
                    .unwrap();
                nested.unwrap_err().kind()
            })
        })
        .collect();
    for t in threads {
        assert_eq!(t.join().unwrap(), ErrorKind::Runtime);
    }
    // One credentials cache for all threads: static credentials are fetched once.
    assert_eq!(provider.calls.load(std::sync::atomic::Ordering::SeqCst), 1);

    // `run` composes several async calls in one blocking call.
    let (a, b) = client
        .run(|c| async move {
            let d = DescribeIdentityPoolUsageInput {
                identity_pool_id: pool.clone(),
            };
            tokio::join!(
                c.describe_identity_pool_usage(&d),
                c.describe_identity_pool_usage(&d)
            )
        })
        .unwrap();
    assert_eq!(a.unwrap(), b.unwrap());

    // A client dropped while its threads' connections are kept: a new one still works.
    drop(client);
    let again = blocking::Client::builder()
        .region(common::REGION)
        .endpoint_url(emu.endpoint())
        .credentials_provider(provider.clone())
        .build()
        .unwrap();
    again.describe_identity_pool_usage(&describe).unwrap();

    server_rt.block_on(emu.stop());
}
