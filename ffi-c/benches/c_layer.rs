//! What the C layer costs: the same blocking call through the Rust core and
//! through the C ABI against the in-process emulator (interleaved rounds,
//! medians), the C layer's own work in isolation (request reading and result
//! conversion, no network), and many concurrent non-blocking calls driven
//! from one thread (C: start + poll) next to the core's async equivalent.
//!
//! Run: `cargo bench -p cognito-sync-ffi --bench c_layer` (release build).
//! A benchmark, not a test: it prints figures and asserts nothing about speed.
// A harness: a failed setup step should stop it loudly.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::ffi::CString;
use std::ptr;
use std::time::{Duration, Instant, SystemTime};

use cognito_sync::client::{
    cognito_sync_client, cognito_sync_client_free, cognito_sync_client_new,
    cognito_sync_config_free, cognito_sync_config_new, cognito_sync_config_set_endpoint_url,
    cognito_sync_config_set_max_attempts, cognito_sync_config_set_region,
    cognito_sync_config_set_static_credentials,
};
use cognito_sync::op::{cognito_sync_op, cognito_sync_op_free, cognito_sync_op_poll};
use cognito_sync::operations::records::*;
use cognito_sync::status::cognito_sync_status;
use cognito_sync_core::model;

const POOL_NAME: &str = "bench";
const RECORDS: usize = 10;

fn c(s: &str) -> CString {
    CString::new(s).unwrap()
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    v[v.len() / 2]
}

struct Setup {
    endpoint: String,
    pool: String,
    identity: String,
    dataset: String,
}

fn c_client(endpoint: &str) -> *mut cognito_sync_client {
    // SAFETY: every pointer is a live CString of this scope, a handle the library just
    // returned, or an out-parameter on this stack; the config is freed once, at the end.
    unsafe {
        let config = cognito_sync_config_new();
        let (region, url, ak, sk) = (c("us-east-1"), c(endpoint), c("test"), c("test"));
        cognito_sync_config_set_region(config, region.as_ptr(), ptr::null_mut());
        cognito_sync_config_set_endpoint_url(config, url.as_ptr(), ptr::null_mut());
        cognito_sync_config_set_static_credentials(
            config,
            ak.as_ptr(),
            sk.as_ptr(),
            ptr::null(),
            ptr::null_mut(),
        );
        cognito_sync_config_set_max_attempts(config, 1, ptr::null_mut());
        let mut client = ptr::null_mut();
        let status = cognito_sync_client_new(config, &mut client, ptr::null_mut());
        assert_eq!(status, cognito_sync_status::Ok);
        cognito_sync_config_free(config);
        client
    }
}

fn core_client(endpoint: &str) -> cognito_sync_core::Client {
    cognito_sync_core::Client::builder()
        .region("us-east-1")
        .endpoint_url(endpoint)
        .credentials(cognito_sync_core::Credentials::new("test", "test", None))
        .retry_config(cognito_sync_core::RetryConfig::standard().with_max_attempts(1))
        .build()
        .unwrap()
}

fn list_input(s: &Setup) -> model::ListRecordsInput {
    model::ListRecordsInput {
        identity_pool_id: s.pool.clone(),
        identity_id: s.identity.clone(),
        dataset_name: s.dataset.clone(),
        ..Default::default()
    }
}

/// Per-call wall time of `n` blocking ListRecords through the core, in µs.
fn core_round(client: &cognito_sync_core::blocking::Client, s: &Setup, n: usize) -> f64 {
    let start = Instant::now();
    for _ in 0..n {
        let out = client.list_records(list_input(s)).unwrap();
        assert_eq!(out.records().len(), RECORDS);
    }
    start.elapsed().as_secs_f64() * 1e6 / n as f64
}

/// The same through the C ABI (request struct in, result handle out, freed).
fn c_round(client: *mut cognito_sync_client, s: &Setup, n: usize) -> f64 {
    let (pool, id, ds) = (c(&s.pool), c(&s.identity), c(&s.dataset));
    let req = cognito_sync_list_records_request {
        identity_pool_id: pool.as_ptr(),
        identity_id: id.as_ptr(),
        dataset_name: ds.as_ptr(),
        last_sync_count: ptr::null(),
        next_token: ptr::null(),
        max_results: ptr::null(),
        sync_session_token: ptr::null(),
    };
    let start = Instant::now();
    for _ in 0..n {
        let mut out = ptr::null_mut();
        // SAFETY: a live client, a request whose strings outlive the call, a local out-parameter.
        let status = unsafe { cognito_sync_list_records(client, &req, &mut out, ptr::null_mut()) };
        assert_eq!(status, cognito_sync_status::Ok);
        assert_eq!(
            // SAFETY: `out` was just written by a successful call.
            unsafe { cognito_sync_list_records_output_record_count(out) },
            RECORDS
        );
        // SAFETY: `out` is freed once.
        unsafe { cognito_sync_list_records_output_free(out) };
    }
    start.elapsed().as_secs_f64() * 1e6 / n as f64
}

fn sample_output(records: usize) -> model::ListRecordsOutput {
    model::ListRecordsOutput {
        records: Some(
            (0..records)
                .map(|i| model::Record {
                    key: Some(format!("key-{i}")),
                    value: Some(format!("value-{i}-{}", "x".repeat(40))),
                    sync_count: Some(i as i64),
                    last_modified_date: Some(SystemTime::now()),
                    last_modified_by: Some("123456789012".into()),
                    device_last_modified_date: Some(SystemTime::now()),
                })
                .collect(),
        ),
        next_token: None,
        count: Some(records as i32),
        dataset_sync_count: Some(records as i64),
        last_modified_by: Some("123456789012".into()),
        merged_dataset_names: None,
        dataset_exists: Some(true),
        dataset_deleted_after_requested_sync_count: Some(false),
        sync_session_token: Some("t".repeat(200)),
    }
}

/// ns per conversion of a ListRecords result into its C handle (and free).
fn conversion_ns(records: usize, iterations: usize) -> f64 {
    let sample = sample_output(records);
    let start = Instant::now();
    for _ in 0..iterations {
        let converted = cognito_sync_list_records_output::from(sample.clone());
        std::hint::black_box(&converted);
    }
    let with_clone = start.elapsed();
    let start = Instant::now();
    for _ in 0..iterations {
        std::hint::black_box(sample.clone());
    }
    let clone_only = start.elapsed();
    (with_clone.saturating_sub(clone_only)).as_secs_f64() * 1e9 / iterations as f64
}

fn main() {
    let emu_rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .unwrap();
    let emu = emu_rt
        .block_on(cognito_sync_local::Emulator::start(
            cognito_sync_local::Config::default(),
        ))
        .unwrap();
    let pool = emu.create_identity_pool(POOL_NAME, true).unwrap();
    let endpoint = emu.endpoint().to_owned();

    // An identity and a dataset of RECORDS records, written with the core.
    let async_client = core_client(&endpoint);
    let identity_provider = cognito_sync_core::credentials::CognitoIdentityProvider::builder()
        .identity_pool_id(pool.clone())
        .region("us-east-1")
        .endpoint_url(endpoint.clone())
        .build()
        .unwrap();
    let setup_rt = tokio::runtime::Runtime::new().unwrap();
    let identity = setup_rt.block_on(identity_provider.identity_id()).unwrap();
    let s = Setup {
        endpoint,
        pool,
        identity,
        dataset: "bench".into(),
    };
    setup_rt.block_on(async {
        let page = async_client.list_records(list_input(&s)).await.unwrap();
        async_client
            .update_records(model::UpdateRecordsInput {
                identity_pool_id: s.pool.clone(),
                identity_id: s.identity.clone(),
                dataset_name: s.dataset.clone(),
                record_patches: Some(
                    (0..RECORDS)
                        .map(|i| model::RecordPatch::replace(format!("key-{i}"), "value", 0))
                        .collect(),
                ),
                sync_session_token: page.sync_session_token.unwrap(),
                ..Default::default()
            })
            .await
            .unwrap();
    });

    let blocking = cognito_sync_core::blocking::Client::new(core_client(&s.endpoint));
    let c_api = c_client(&s.endpoint);
    println!(
        "c_layer benchmark: ListRecords returning {RECORDS} records, in-process emulator, {} CPUs",
        std::thread::available_parallelism().map_or(0, |n| n.get())
    );

    // Warm up both (connections, runtimes), then interleaved rounds.
    core_round(&blocking, &s, 200);
    c_round(c_api, &s, 200);
    let (rounds, n) = (9, 300);
    let mut core_us = Vec::new();
    let mut c_us = Vec::new();
    for _ in 0..rounds {
        core_us.push(core_round(&blocking, &s, n));
        c_us.push(c_round(c_api, &s, n));
    }
    let (core_med, c_med) = (median(core_us.clone()), median(c_us.clone()));
    println!("blocking call, Rust core (blocking::Client): {core_med:8.1} µs/call (median of {rounds} rounds x {n})");
    println!("blocking call, C ABI (cognito_sync_list_records): {c_med:8.1} µs/call");
    println!(
        "difference (C - Rust): {:+.1} µs/call ({:+.1}%)",
        c_med - core_med,
        (c_med - core_med) / core_med * 100.0
    );

    // The C layer's own work, without network noise.
    for records in [10, 100, 1000] {
        let iterations = 200_000 / records.max(1) * 10;
        println!(
            "result conversion for C, {records:4} records: {:9.0} ns/result",
            conversion_ns(records, iterations.max(100))
        );
    }
    {
        let (pool, id, ds) = (c(&s.pool), c(&s.identity), c(&s.dataset));
        let req = cognito_sync_list_records_request {
            identity_pool_id: pool.as_ptr(),
            identity_id: id.as_ptr(),
            dataset_name: ds.as_ptr(),
            last_sync_count: ptr::null(),
            next_token: ptr::null(),
            max_results: ptr::null(),
            sync_session_token: ptr::null(),
        };
        // A request that fails at the boundary (NULL out-param) costs only
        // the guard, the argument checks and an error code: the floor of a call.
        let iterations = 1_000_000;
        let start = Instant::now();
        for _ in 0..iterations {
            // SAFETY: a live client and a request whose strings outlive the call (the NULL
            // out-parameter is the error path measured here).
            let status =
                unsafe { cognito_sync_list_records(c_api, &req, ptr::null_mut(), ptr::null_mut()) };
            std::hint::black_box(status);
        }
        println!(
            "boundary floor (guard + checks, no I/O): {:.0} ns/call",
            start.elapsed().as_secs_f64() * 1e9 / iterations as f64
        );
    }

    // Many concurrent non-blocking calls from one thread.
    for count in [100usize, 1000] {
        let (pool, id, ds) = (c(&s.pool), c(&s.identity), c(&s.dataset));
        let req = cognito_sync_list_records_request {
            identity_pool_id: pool.as_ptr(),
            identity_id: id.as_ptr(),
            dataset_name: ds.as_ptr(),
            last_sync_count: ptr::null(),
            next_token: ptr::null(),
            max_results: ptr::null(),
            sync_session_token: ptr::null(),
        };
        let start = Instant::now();
        let mut ops: Vec<*mut cognito_sync_op> = Vec::with_capacity(count);
        for _ in 0..count {
            let mut op = ptr::null_mut();
            // SAFETY: a live client, a request whose strings outlive the call, a local out-parameter.
            let status = unsafe {
                cognito_sync_list_records_start(
                    c_api,
                    &req,
                    None,
                    ptr::null_mut(),
                    &mut op,
                    ptr::null_mut(),
                )
            };
            assert_eq!(status, cognito_sync_status::Ok);
            ops.push(op);
        }
        let started = start.elapsed();
        let mut polls = 0usize;
        loop {
            polls += 1;
            let pending = ops
                .iter()
                // SAFETY: every handle is live until the loop below frees it.
                .filter(|op| unsafe { cognito_sync_op_poll(**op) } == cognito_sync_status::Pending)
                .count();
            if pending == 0 {
                break;
            }
            std::thread::sleep(Duration::from_micros(200));
        }
        let elapsed = start.elapsed();
        for op in ops {
            let mut out = ptr::null_mut();
            // SAFETY: a live, finished handle and a local out-parameter.
            let status = unsafe { cognito_sync_list_records_finish(op, &mut out, ptr::null_mut()) };
            assert_eq!(status, cognito_sync_status::Ok);
            // SAFETY: the result and the handle are each freed once.
            unsafe {
                cognito_sync_list_records_output_free(out);
                cognito_sync_op_free(op);
            }
        }
        println!(
            "C non-blocking, {count:4} concurrent ListRecords from one thread: {:7.1} ms total, \
             {:6.0} calls/s, {:5.1} µs/start, {polls} poll sweeps",
            elapsed.as_secs_f64() * 1e3,
            count as f64 / elapsed.as_secs_f64(),
            started.as_secs_f64() * 1e6 / count as f64,
        );

        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .unwrap();
        let client = core_client(&s.endpoint);
        let start = Instant::now();
        rt.block_on(async {
            let calls = (0..count).map(|_| client.list_records(list_input(&s)));
            for result in futures_util::future::join_all(calls).await {
                assert_eq!(result.unwrap().records().len(), RECORDS);
            }
        });
        let elapsed = start.elapsed();
        println!(
            "Rust async,      {count:4} concurrent ListRecords (join_all):     {:7.1} ms total, \
             {:6.0} calls/s",
            elapsed.as_secs_f64() * 1e3,
            count as f64 / elapsed.as_secs_f64()
        );
    }

    // SAFETY: the client is freed once, after its last use.
    unsafe { cognito_sync_client_free(c_api) };
}
